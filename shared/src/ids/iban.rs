//! `BeIban`: a Belgian IBAN, the account a deposit goes to or a refund comes back to.
//!
//! RULES.md §8: `BE` + 2 check digits (ISO 7064 mod 97-10, as for every IBAN, ISO 13616) + 12
//! digits whose last two are the first ten mod 97 (0 written as 97): the old Belgian account
//! number with its own check. Example in 003: BE64 7330 3379 7052 (Pluxee Belgium nv).
//!
//! Hand-written rather than a crate, by choice. `iban_validate` 5.0.1 (MIT/Apache-2.0, depends on
//! `arrayvec`) is well kept but validates every country through a generated registry of ~100
//! formats and does not check Belgium's national check digits, so we would still write that
//! part ourselves; for one country the whole rule is the few lines below, with no dependency
//! and no country tables in the browser's wasm.

use std::fmt;

use super::{digits_value, mod97_check, without_whitespace};

/// A valid Belgian IBAN, e.g. `BE64 7330 3379 7052`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BeIban {
    /// The 12-digit Belgian account number (BBAN); the IBAN check digits follow from it.
    bban: u64,
}

/// Why a text is not a Belgian IBAN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IbanError {
    /// Nothing was filled in.
    Empty,
    /// Does not start with `BE`: only Belgian accounts are accepted.
    NotBelgian,
    /// A character other than letters `BE`, digits and spaces.
    InvalidCharacter,
    /// Not `BE` followed by exactly 14 digits.
    WrongLength,
    /// The IBAN check digits (ISO 7064 mod 97-10) do not match.
    Checksum,
    /// The Belgian account number's own check digits (last two) do not match.
    NationalChecksum,
}

impl IbanError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            IbanError::Empty => "iban_empty",
            IbanError::NotBelgian => "iban_not_belgian",
            IbanError::InvalidCharacter => "iban_invalid_character",
            IbanError::WrongLength => "iban_length",
            IbanError::Checksum => "iban_checksum",
            IbanError::NationalChecksum => "iban_national_checksum",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            IbanError::Empty => "Vul het rekeningnummer in, bijvoorbeeld BE64 7330 3379 7052.",
            IbanError::NotBelgian => {
                "Geef een Belgisch rekeningnummer: het IBAN begint met BE."
            }
            IbanError::InvalidCharacter => {
                "Een Belgisch IBAN bestaat uit BE en 14 cijfers, bijvoorbeeld BE64 7330 3379 7052."
            }
            IbanError::WrongLength => "Een Belgisch IBAN telt BE en 14 cijfers.",
            IbanError::Checksum | IbanError::NationalChecksum => {
                "Dit rekeningnummer bestaat niet: de controlecijfers kloppen niet. Controleer het nummer."
            }
        }
        .to_string()
    }
}

impl BeIban {
    /// Reads `BE64 7330 3379 7052`, `BE64733033797052`, `be64 7330 …`: spaces anywhere, any case.
    pub fn parse(s: &str) -> Result<BeIban, IbanError> {
        let compact = without_whitespace(s).to_ascii_uppercase();
        if compact.is_empty() {
            return Err(IbanError::Empty);
        }
        let digits = match compact.strip_prefix("BE") {
            Some(digits) => digits,
            None if compact.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                return Err(IbanError::NotBelgian)
            }
            None => return Err(IbanError::InvalidCharacter),
        };
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(IbanError::InvalidCharacter);
        }
        if digits.len() != 14 {
            return Err(IbanError::WrongLength);
        }
        let check = digits_value(&digits[..2]);
        let bban = digits_value(&digits[2..]);
        if check != iban_check_digits(bban) {
            return Err(IbanError::Checksum);
        }
        if bban % 100 != mod97_check(bban / 100) {
            return Err(IbanError::NationalChecksum);
        }
        Ok(BeIban { bban })
    }

    /// The electronic form, without spaces: `BE64733033797052` (EPC QR, payment files).
    pub fn electronic(self) -> String {
        format!("BE{:02}{:012}", iban_check_digits(self.bban), self.bban)
    }
}

/// ISO 13616 / ISO 7064 mod 97-10: move `BE00` behind the BBAN, letters as numbers (B = 11,
/// E = 14), and the check digits are 98 − (that number mod 97).
fn iban_check_digits(bban: u64) -> u64 {
    // bban has 12 digits; appending "111400" keeps it below 10^18, well inside a u64.
    98 - (bban * 1_000_000 + 111_400) % 97
}

/// `BE64 7330 3379 7052`: groups of four, the paper form (ISO 13616).
impl fmt::Display for BeIban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.electronic();
        write!(f, "{} {} {} {}", &e[..4], &e[4..8], &e[8..12], &e[12..])
    }
}

text_identifier!(BeIban, IbanError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn manual_003_deposit_account_is_valid() {
        let iban = BeIban::parse("BE64733033797052").unwrap();
        assert_eq!(iban.to_string(), "BE64 7330 3379 7052");
        assert_eq!(iban.electronic(), "BE64733033797052");
    }

    #[test]
    fn iban_is_read_with_spaces_and_in_lower_case() {
        for input in [
            "BE64 7330 3379 7052",
            "be64733033797052",
            " Be64 7330 33797052 ",
            "BE64\u{a0}7330\u{a0}3379\u{a0}7052",
        ] {
            assert_eq!(
                BeIban::parse(input).unwrap().electronic(),
                "BE64733033797052",
                "{input}"
            );
        }
    }

    #[test]
    fn other_known_belgian_ibans_are_valid() {
        // The lowest possible account, and the example of the EPC/ISO 11649 documents.
        for input in ["BE54 0000 0000 0097", "BE68 5390 0754 7034"] {
            assert_eq!(BeIban::parse(input).unwrap().to_string(), input);
        }
    }

    #[test]
    fn iban_that_is_not_a_belgian_account_is_refused() {
        for (input, err) in [
            ("", IbanError::Empty),
            ("NL91 ABNA 0417 1643 00", IbanError::NotBelgian),
            ("DE89 3704 0044 0532 0130 00", IbanError::NotBelgian),
            ("733-0337970-52", IbanError::InvalidCharacter),
            ("64733033797052", IbanError::InvalidCharacter),
            ("BE64-7330-3379-7052", IbanError::InvalidCharacter),
            ("BE64 7330 3379 705", IbanError::WrongLength),
            ("BE64 7330 3379 70522", IbanError::WrongLength),
            ("BE", IbanError::WrongLength),
        ] {
            assert_eq!(BeIban::parse(input), Err(err), "{input}");
        }
    }

    #[test]
    fn iban_with_wrong_check_digits_is_refused() {
        for (input, err) in [
            ("BE65 7330 3379 7052", IbanError::Checksum),
            ("BE64 7330 3379 7053", IbanError::Checksum),
            ("BE64 7330 3379 7025", IbanError::Checksum),
        ] {
            assert_eq!(BeIban::parse(input), Err(err), "{input}");
        }
        // IBAN check right, Belgian check wrong: 7330337970 mod 97 = 52, not 53.
        assert_eq!(
            BeIban::parse(&with_iban_check(733_033_797_053)),
            Err(IbanError::NationalChecksum)
        );
    }

    #[test]
    fn every_error_has_a_distinct_code_and_a_message() {
        let all = [
            IbanError::Empty,
            IbanError::NotBelgian,
            IbanError::InvalidCharacter,
            IbanError::WrongLength,
            IbanError::Checksum,
            IbanError::NationalChecksum,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
    }

    #[test]
    fn serde_uses_the_grouped_form() {
        let iban = BeIban::parse("BE64733033797052").unwrap();
        assert_eq!(
            serde_json::to_string(&iban).unwrap(),
            "\"BE64 7330 3379 7052\""
        );
        let back: BeIban = serde_json::from_str("\"be64733033797052\"").unwrap();
        assert_eq!(back, iban);
        assert!(serde_json::from_str::<BeIban>("\"BE65733033797052\"").is_err());
        assert_eq!("BE64733033797052".parse(), Ok(iban));
    }

    /// `BE` + the right IBAN check digits + `bban`, whatever the national check.
    fn with_iban_check(bban: u64) -> String {
        format!("BE{:02}{bban:012}", iban_check_digits(bban))
    }

    /// The IBAN check the slow, textbook way: rearrange, letters to numbers, mod 97 of the
    /// big number taken digit by digit; a valid IBAN leaves 1.
    fn textbook_remainder(iban: &str) -> u32 {
        let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
        rearranged
            .chars()
            .flat_map(|c| c.to_digit(36).unwrap().to_string().into_bytes())
            .fold(0, |r, b| (r * 10 + u32::from(b - b'0')) % 97)
    }

    proptest! {
        #[test]
        fn every_valid_account_round_trips(first_ten in 0u64..10_000_000_000) {
            let bban = first_ten * 100 + mod97_check(first_ten);
            let electronic = with_iban_check(bban);
            let iban = BeIban::parse(&electronic).unwrap();
            prop_assert_eq!(iban.electronic(), electronic.clone());
            prop_assert_eq!(BeIban::parse(&iban.to_string()), Ok(iban));
            prop_assert_eq!(textbook_remainder(&electronic), 1);
        }

        #[test]
        fn any_other_iban_check_digits_are_refused(first_ten in 0u64..10_000_000_000, check in 0u64..100) {
            let bban = first_ten * 100 + mod97_check(first_ten);
            prop_assume!(check != iban_check_digits(bban));
            let input = format!("BE{check:02}{bban:012}");
            prop_assert_eq!(BeIban::parse(&input), Err(IbanError::Checksum));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,30}") {
            let _ = BeIban::parse(&s);
        }
    }
}
