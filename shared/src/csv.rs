//! Spreadsheet files (CSV) of a provider's applications and payments received, for its
//! bookkeeping: written as a spreadsheet in Belgium opens them (semicolons between cells, a
//! decimal comma, UTF-8 announced by a byte order mark), quoted as RFC 4180 says, and safe to
//! open: no cell that comes from someone else starts a formula (OWASP "CSV injection").

use crate::money::Money;

/// Starts the file, so that a spreadsheet reads it as UTF-8 (accents in names).
pub const BYTE_ORDER_MARK: &str = "\u{feff}";

/// One line of cells, ended by CRLF (RFC 4180).
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = String::new();
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        cell_into(&mut out, c.as_ref());
    }
    out.push_str("\r\n");
    out
}

/// An amount as a Belgian spreadsheet reads a number: `1234,56` (no thousands separator).
pub fn amount(m: Money) -> String {
    let cents = m.cents();
    format!("{},{:02}", cents / 100, cents % 100)
}

fn cell_into(out: &mut String, text: &str) {
    // A cell starting with one of these is read as a formula by spreadsheets: a quote in front
    // makes it text.
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = formula || text.contains([';', '"', '\n', '\r']) || text != text.trim();
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for ch in text.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    if quoted {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_separated_by_semicolons_and_lines_end_with_crlf() {
        assert_eq!(
            line(&["2026KMO000001", "Bakkerij Peeters bv", "1234,56"]),
            "2026KMO000001;Bakkerij Peeters bv;1234,56\r\n"
        );
        assert_eq!(line::<&str>(&[]), "\r\n");
        assert_eq!(line(&["", ""]), ";\r\n");
    }

    #[test]
    fn a_cell_with_a_separator_quote_or_line_break_is_quoted_with_quotes_doubled() {
        assert_eq!(line(&["a;b"]), "\"a;b\"\r\n");
        assert_eq!(line(&["De \"Beste\" bv"]), "\"De \"\"Beste\"\" bv\"\r\n");
        assert_eq!(line(&["twee\nregels"]), "\"twee\nregels\"\r\n");
        assert_eq!(line(&[" spatie"]), "\" spatie\"\r\n");
    }

    #[test]
    fn no_cell_starts_a_formula() {
        for evil in ["=HYPERLINK(\"x\")", "+32 2 123", "-1", "@SUM(A1)", "\tx"] {
            let written = line(&[evil]);
            assert!(written.starts_with("\"'"), "{evil:?}: {written:?}");
        }
        assert_eq!(line(&["=1;2"]), "\"'=1;2\"\r\n");
    }

    #[test]
    fn amounts_have_a_decimal_comma_and_two_decimals() {
        let m = |s| Money::parse(s).unwrap();
        assert_eq!(amount(m("1234.56")), "1234,56");
        assert_eq!(amount(m("0.05")), "0,05");
        assert_eq!(amount(m("980")), "980,00");
        assert_eq!(amount(m("10000000")), "10000000,00");
    }
}
