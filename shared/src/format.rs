//! How amounts and dates are shown to people in Belgium (nl-BE). RULES.md §8.

use chrono::{Datelike, NaiveDate};

use crate::money::Money;

/// `€ 1.234,56`: thousands with points, decimals with a comma, a space after the sign.
pub fn euro(m: Money) -> String {
    euro_of_cents(m.cents())
}

/// A sum the same way: `€ 12.500.000,00`.
pub fn euro_total(t: crate::money::Total) -> String {
    euro_of_cents(t.cents())
}

fn euro_of_cents(cents: i64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("€ {grouped},{:02}", cents % 100)
}

/// `dd/mm/yyyy`, as the manual shows deadlines ("uiterlijk 21/04/2024"). Written out rather
/// than with chrono's `format`: its strftime machinery costs every browser bundle about 8 kB.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Appends `s` made safe for HTML text and attribute values: the five characters HTML gives a
/// meaning become references. (The widget's page, the mails' HTML part, the development pages.)
pub fn escape_html_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// [`escape_html_into`] a new string.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euro_the_belgian_way() {
        for (input, shown) in [
            ("0", "€ 0,00"),
            ("0.5", "€ 0,50"),
            ("980", "€ 980,00"),
            ("1234.56", "€ 1.234,56"),
            ("7500", "€ 7.500,00"),
            ("1000000", "€ 1.000.000,00"),
            ("10000000", "€ 10.000.000,00"),
        ] {
            assert_eq!(euro(Money::parse(input).unwrap()), shown);
        }
    }

    #[test]
    fn dates_day_first() {
        let d = NaiveDate::from_ymd_opt(2024, 4, 21).unwrap();
        assert_eq!(date(d), "21/04/2024");
    }

    #[test]
    fn html_escaping_leaves_no_markup() {
        assert_eq!(
            escape_html("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }
}
