//! `StructuredCommunication`: the Belgian structured communication (gestructureerde mededeling,
//! OGM / VCS) that links a deposit to its dossier.
//!
//! RULES.md §8: 12 digits shown `+++ddd/dddd/ddddd+++`; the last two are the first ten mod 97,
//! with 0 written as 97. Febelfin ("Voorwaarden voor het aanbieden van overschrijvingen"): on
//! paper `+++123/1234/12345+++`, in digital form the 12 digits; `***` instead of `+++` is the
//! older notation still seen on invoices. A deposit with a wrong communication is refused and
//! sent back (VLAIO 'storten en betalen', RULES.md §6), so the check is never skipped.

use std::fmt;

use super::{digits_value, mod97_check, without_whitespace};

/// Ten digits: the largest sequence is 9 999 999 999.
const SEQUENCE_LIMIT: u64 = 10_000_000_000;

/// A valid structured communication, e.g. `+++180/1851/05305+++` (manual 003, step 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StructuredCommunication {
    /// The first ten digits; the check digits follow from them.
    sequence: u64,
}

/// Why a text or number is not a structured communication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructuredCommunicationError {
    /// Nothing was filled in.
    Empty,
    /// Not of the form `+++ddd/dddd/ddddd+++`, `***…***` or digits (with `/` and spaces).
    Format,
    /// Not exactly twelve digits.
    WrongLength,
    /// The last two digits are not the first ten mod 97 (0 written as 97).
    Checksum,
    /// [`StructuredCommunication::from_sequence`] got a number of more than ten digits.
    SequenceTooLarge,
}

impl StructuredCommunicationError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            StructuredCommunicationError::Empty => "structured_communication_empty",
            StructuredCommunicationError::Format => "structured_communication_format",
            StructuredCommunicationError::WrongLength => "structured_communication_length",
            StructuredCommunicationError::Checksum => "structured_communication_checksum",
            StructuredCommunicationError::SequenceTooLarge => {
                "structured_communication_sequence_too_large"
            }
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            StructuredCommunicationError::Empty => {
                "Vul de gestructureerde mededeling in, bijvoorbeeld +++180/1851/05305+++."
            }
            StructuredCommunicationError::Format => {
                "Een gestructureerde mededeling ziet eruit als +++123/4567/89012+++."
            }
            StructuredCommunicationError::WrongLength => {
                "Een gestructureerde mededeling telt twaalf cijfers."
            }
            StructuredCommunicationError::Checksum => {
                "Deze gestructureerde mededeling is ongeldig: de controlecijfers kloppen niet. Neem ze exact over."
            }
            StructuredCommunicationError::SequenceTooLarge => {
                "Een gestructureerde mededeling heeft plaats voor een volgnummer van hoogstens tien cijfers."
            }
        }
        .to_string()
    }
}

impl StructuredCommunication {
    /// Reads `+++180/1851/05305+++`, `***180/1851/05305***` and `180185105305` (also with
    /// slashes or spaces in between, as people copy it from a bank statement).
    pub fn parse(s: &str) -> Result<StructuredCommunication, StructuredCommunicationError> {
        let compact = without_whitespace(s);
        if compact.is_empty() {
            return Err(StructuredCommunicationError::Empty);
        }
        let inner = without_markers(&compact)?;
        if !inner.chars().all(|c| c.is_ascii_digit() || c == '/') {
            return Err(StructuredCommunicationError::Format);
        }
        let digits: String = inner.chars().filter(|c| *c != '/').collect();
        if digits.len() != 12 {
            return Err(StructuredCommunicationError::WrongLength);
        }
        let number = digits_value(&digits);
        let sequence = number / 100;
        if number % 100 != mod97_check(sequence) {
            return Err(StructuredCommunicationError::Checksum);
        }
        Ok(StructuredCommunication { sequence })
    }

    /// The communication whose first ten digits are `sequence` (e.g. the dossier's sequence
    /// number), with its check digits added. `sequence` must be below 10^10.
    pub fn from_sequence(
        sequence: u64,
    ) -> Result<StructuredCommunication, StructuredCommunicationError> {
        if sequence >= SEQUENCE_LIMIT {
            return Err(StructuredCommunicationError::SequenceTooLarge);
        }
        Ok(StructuredCommunication { sequence })
    }

    /// The first ten digits as a number.
    pub fn sequence(self) -> u64 {
        self.sequence
    }

    /// The last two digits: the sequence mod 97, 0 written as 97.
    pub fn check_digits(self) -> u8 {
        // Always 1..=97.
        mod97_check(self.sequence) as u8
    }

    /// The twelve digits without signs (`180185105305`): the digital form banks exchange.
    pub fn digits(self) -> String {
        format!("{:010}{:02}", self.sequence, self.check_digits())
    }
}

/// The text between `+++…+++` or `***…***`, or the text itself when it has no such markers.
fn without_markers(compact: &str) -> Result<&str, StructuredCommunicationError> {
    for marker in ["+++", "***"] {
        if compact.starts_with(marker) || compact.ends_with(marker) {
            return compact
                .strip_prefix(marker)
                .and_then(|rest| rest.strip_suffix(marker))
                .ok_or(StructuredCommunicationError::Format);
        }
    }
    Ok(compact)
}

/// `+++180/1851/05305+++`, as on the deposit screen and on paper.
impl fmt::Display for StructuredCommunication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "+++{}/{}/{}+++", &d[..3], &d[3..7], &d[7..])
    }
}

text_identifier!(StructuredCommunication, StructuredCommunicationError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn manual_003_deposit_communication_is_valid() {
        // 1801851053 mod 97 = 5, written 05.
        let c = StructuredCommunication::parse("180185105305").unwrap();
        assert_eq!(c.to_string(), "+++180/1851/05305+++");
        assert_eq!(c.digits(), "180185105305");
        assert_eq!(c.sequence(), 1_801_851_053);
        assert_eq!(c.check_digits(), 5);
    }

    #[test]
    fn structured_communication_is_read_in_every_usual_notation() {
        for input in [
            "+++180/1851/05305+++",
            "***180/1851/05305***",
            "180185105305",
            "180/1851/05305",
            "180 1851 05305",
            " +++ 180 / 1851 / 05305 +++ ",
        ] {
            assert_eq!(
                StructuredCommunication::parse(input).unwrap().digits(),
                "180185105305",
                "{input}"
            );
        }
    }

    #[test]
    fn remainder_zero_is_written_as_97() {
        let lowest = StructuredCommunication::from_sequence(0).unwrap();
        assert_eq!(lowest.to_string(), "+++000/0000/00097+++");
        let c = StructuredCommunication::from_sequence(97).unwrap();
        assert_eq!(c.digits(), "000000009797");
        assert_eq!(
            StructuredCommunication::parse("000000009700"),
            Err(StructuredCommunicationError::Checksum)
        );
    }

    #[test]
    fn structured_communication_that_is_not_twelve_valid_digits_is_refused() {
        for (input, err) in [
            ("", StructuredCommunicationError::Empty),
            ("  ", StructuredCommunicationError::Empty),
            ("+++180/1851/05305", StructuredCommunicationError::Format),
            ("180/1851/05305+++", StructuredCommunicationError::Format),
            ("+++180/1851/05305***", StructuredCommunicationError::Format),
            ("+++", StructuredCommunicationError::Format),
            ("180-1851-05305", StructuredCommunicationError::Format),
            ("++180/1851/05305++", StructuredCommunicationError::Format),
            ("factuur 12", StructuredCommunicationError::Format),
            ("+++++++", StructuredCommunicationError::Format),
            ("++++++", StructuredCommunicationError::WrongLength),
            (
                "+++180/1851/0530+++",
                StructuredCommunicationError::WrongLength,
            ),
            ("1801851053055", StructuredCommunicationError::WrongLength),
        ] {
            assert_eq!(StructuredCommunication::parse(input), Err(err), "{input}");
        }
    }

    #[test]
    fn structured_communication_with_wrong_check_digits_is_refused() {
        for input in [
            "180185105306",
            "+++180/1851/05304+++",
            "000000000000",
            "123456789012",
        ] {
            assert_eq!(
                StructuredCommunication::parse(input),
                Err(StructuredCommunicationError::Checksum),
                "{input}"
            );
        }
    }

    #[test]
    fn a_sequence_of_more_than_ten_digits_cannot_become_a_communication() {
        assert_eq!(
            StructuredCommunication::from_sequence(10_000_000_000),
            Err(StructuredCommunicationError::SequenceTooLarge)
        );
        let highest = StructuredCommunication::from_sequence(9_999_999_999).unwrap();
        assert_eq!(highest.to_string(), "+++999/9999/99948+++");
    }

    #[test]
    fn every_error_has_a_distinct_code_and_a_message() {
        let all = [
            StructuredCommunicationError::Empty,
            StructuredCommunicationError::Format,
            StructuredCommunicationError::WrongLength,
            StructuredCommunicationError::Checksum,
            StructuredCommunicationError::SequenceTooLarge,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
    }

    #[test]
    fn serde_uses_the_plus_form() {
        let c = StructuredCommunication::parse("180185105305").unwrap();
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            "\"+++180/1851/05305+++\""
        );
        let back: StructuredCommunication = serde_json::from_str("\"180185105305\"").unwrap();
        assert_eq!(back, c);
        assert!(serde_json::from_str::<StructuredCommunication>("\"180185105306\"").is_err());
        assert_eq!("+++180/1851/05305+++".parse(), Ok(c));
    }

    proptest! {
        #[test]
        fn every_generated_communication_is_valid_and_round_trips(sequence in 0u64..SEQUENCE_LIMIT) {
            let c = StructuredCommunication::from_sequence(sequence).unwrap();
            prop_assert_eq!(c.sequence(), sequence);
            prop_assert_eq!(u64::from(c.check_digits()), mod97_check(sequence));
            prop_assert_eq!(StructuredCommunication::parse(&c.to_string()), Ok(c));
            prop_assert_eq!(StructuredCommunication::parse(&c.digits()), Ok(c));
        }

        #[test]
        fn any_other_check_digits_are_refused(sequence in 0u64..SEQUENCE_LIMIT, check in 0u64..100) {
            prop_assume!(check != mod97_check(sequence));
            let digits = format!("{sequence:010}{check:02}");
            prop_assert_eq!(
                StructuredCommunication::parse(&digits),
                Err(StructuredCommunicationError::Checksum)
            );
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,30}") {
            let _ = StructuredCommunication::parse(&s);
        }
    }
}
