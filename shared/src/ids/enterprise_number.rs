//! `EnterpriseNumber`: the ondernemingsnummer of the Kruispuntbank van Ondernemingen (KBO).
//!
//! RULES.md §8: 10 digits, the first 0 or 1, shown `0123.456.749`; the last two digits are
//! 97 − (the first eight mod 97).

use std::fmt;

use super::{digits_value, without_whitespace};

/// A valid enterprise number (ondernemingsnummer), e.g. `0403.227.515`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnterpriseNumber(u64);

/// Why a text is not an enterprise number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnterpriseNumberError {
    /// Nothing was filled in.
    Empty,
    /// A character other than digits, points, spaces and a leading `BE`.
    InvalidCharacter,
    /// Not exactly ten digits.
    WrongLength,
    /// The first digit is not 0 or 1.
    WrongFirstDigit,
    /// The last two digits are not 97 − (first eight mod 97).
    Checksum,
}

impl EnterpriseNumberError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            EnterpriseNumberError::Empty => "enterprise_number_empty",
            EnterpriseNumberError::InvalidCharacter => "enterprise_number_invalid_character",
            EnterpriseNumberError::WrongLength => "enterprise_number_length",
            EnterpriseNumberError::WrongFirstDigit => "enterprise_number_first_digit",
            EnterpriseNumberError::Checksum => "enterprise_number_checksum",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            EnterpriseNumberError::Empty => {
                "Vul het ondernemingsnummer in, bijvoorbeeld 0123.456.749."
            }
            EnterpriseNumberError::InvalidCharacter => {
                "Een ondernemingsnummer bestaat uit cijfers, eventueel met punten, bijvoorbeeld 0123.456.749."
            }
            EnterpriseNumberError::WrongLength => "Een ondernemingsnummer telt tien cijfers.",
            EnterpriseNumberError::WrongFirstDigit => {
                "Een ondernemingsnummer begint met 0 of 1."
            }
            EnterpriseNumberError::Checksum => {
                "Dit ondernemingsnummer bestaat niet: de controlecijfers kloppen niet. Controleer het nummer."
            }
        }
        .to_string()
    }
}

impl EnterpriseNumber {
    /// Reads `0123.456.749`, `0123456749`, `BE0123456749`, `BE 0123.456.749` and the like:
    /// spaces and points anywhere, an optional `BE` (any case) in front.
    pub fn parse(s: &str) -> Result<EnterpriseNumber, EnterpriseNumberError> {
        let compact = without_whitespace(s);
        if compact.is_empty() {
            return Err(EnterpriseNumberError::Empty);
        }
        let unprefixed = match compact.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("BE") => &compact[2..],
            _ => compact.as_str(),
        };
        if !unprefixed.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(EnterpriseNumberError::InvalidCharacter);
        }
        let digits: String = unprefixed.chars().filter(|c| *c != '.').collect();
        if digits.len() != 10 {
            return Err(EnterpriseNumberError::WrongLength);
        }
        if !digits.starts_with(['0', '1']) {
            return Err(EnterpriseNumberError::WrongFirstDigit);
        }
        let number = digits_value(&digits);
        if number % 100 != 97 - (number / 100) % 97 {
            return Err(EnterpriseNumberError::Checksum);
        }
        Ok(EnterpriseNumber(number))
    }

    /// The ten digits without points, e.g. `0403227515` (the form KBO web services use).
    pub fn digits(self) -> String {
        format!("{:010}", self.0)
    }
}

/// `0403.227.515`, as KBO shows it.
impl fmt::Display for EnterpriseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        write!(
            f,
            "{:04}.{:03}.{:03}",
            n / 1_000_000,
            n / 1_000 % 1_000,
            n % 1_000
        )
    }
}

text_identifier!(EnterpriseNumber, EnterpriseNumberError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn enterprise_number_is_read_in_every_usual_notation() {
        for input in [
            "0123.456.749",
            "0123456749",
            "BE0123456749",
            "be0123456749",
            "BE 0123.456.749",
            " 0123 456 749 ",
            "BE0123.456.749",
        ] {
            let n = EnterpriseNumber::parse(input).unwrap();
            assert_eq!(n.to_string(), "0123.456.749", "{input}");
            assert_eq!(n.digits(), "0123456749", "{input}");
        }
    }

    #[test]
    fn real_enterprise_numbers_are_valid() {
        // KBC Groep nv, and a number starting with 1 (new numbers since 2023).
        for (input, shown) in [
            ("0403.227.515", "0403.227.515"),
            ("0200.065.072", "0200.065.072"),
            ("1000000021", "1000.000.021"),
        ] {
            assert_eq!(
                EnterpriseNumber::parse(input).unwrap().to_string(),
                shown,
                "{input}"
            );
        }
    }

    #[test]
    fn enterprise_number_that_is_not_ten_valid_digits_is_refused() {
        for (input, err) in [
            ("", EnterpriseNumberError::Empty),
            ("   ", EnterpriseNumberError::Empty),
            ("0123-456-749", EnterpriseNumberError::InvalidCharacter),
            ("NL0123456749", EnterpriseNumberError::InvalidCharacter),
            ("0123.456.74x", EnterpriseNumberError::InvalidCharacter),
            ("BE", EnterpriseNumberError::WrongLength),
            ("123.456.749", EnterpriseNumberError::WrongLength),
            ("01234567490", EnterpriseNumberError::WrongLength),
            ("2123.456.749", EnterpriseNumberError::WrongFirstDigit),
            ("9999.999.999", EnterpriseNumberError::WrongFirstDigit),
        ] {
            assert_eq!(EnterpriseNumber::parse(input), Err(err), "{input}");
        }
    }

    #[test]
    fn enterprise_number_with_wrong_check_digits_is_refused() {
        for input in [
            "0123.456.748",
            "0123.456.750",
            "0403.227.516",
            "0000.000.000",
        ] {
            assert_eq!(
                EnterpriseNumber::parse(input),
                Err(EnterpriseNumberError::Checksum),
                "{input}"
            );
        }
    }

    #[test]
    fn every_error_has_a_distinct_code_and_a_message() {
        let all = [
            EnterpriseNumberError::Empty,
            EnterpriseNumberError::InvalidCharacter,
            EnterpriseNumberError::WrongLength,
            EnterpriseNumberError::WrongFirstDigit,
            EnterpriseNumberError::Checksum,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
    }

    #[test]
    fn serde_uses_the_dotted_form_and_refuses_invalid_numbers() {
        let n = EnterpriseNumber::parse("0403227515").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"0403.227.515\"");
        let back: EnterpriseNumber = serde_json::from_str("\"BE0403227515\"").unwrap();
        assert_eq!(back, n);
        let err = serde_json::from_str::<EnterpriseNumber>("\"0403227516\"").unwrap_err();
        assert!(err.to_string().contains("enterprise_number_checksum"));
        assert_eq!("0403.227.515".parse::<EnterpriseNumber>(), Ok(n));
    }

    fn valid_digits(first_eight: u64) -> String {
        format!("{:08}{:02}", first_eight, 97 - first_eight % 97)
    }

    proptest! {
        #[test]
        fn every_number_with_right_check_digits_round_trips(first_eight in 0u64..20_000_000) {
            let digits = valid_digits(first_eight);
            let n = EnterpriseNumber::parse(&digits).unwrap();
            prop_assert_eq!(n.digits(), digits);
            prop_assert_eq!(EnterpriseNumber::parse(&n.to_string()), Ok(n));
            prop_assert_eq!(EnterpriseNumber::parse(&format!("BE {n}")), Ok(n));
        }

        #[test]
        fn changing_one_check_digit_is_always_caught(first_eight in 0u64..20_000_000, delta in 1u64..97) {
            let check = 97 - first_eight % 97;
            let wrong = (check + delta - 1) % 97 + 1;
            prop_assume!(wrong != check);
            let digits = format!("{first_eight:08}{wrong:02}");
            prop_assert_eq!(EnterpriseNumber::parse(&digits), Err(EnterpriseNumberError::Checksum));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = EnterpriseNumber::parse(&s);
        }
    }
}
