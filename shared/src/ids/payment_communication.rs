//! `PaymentCommunication`: the communication (mededeling) of a payment to the provider.
//!
//! RULES.md §7, manual 003 "Betaling aan dienstverlener": "Vul hieronder een gestructureerde(1)
//! OF vrije(2) mededeling in": (1) `+++ / / +++`, (2) "Max. 60 karakters bestaande uit: a-z,
//! A-Z, 0-9, /-?:().,'+ en spatie" (the manual's scan garbles `:()` into `0`; RULES.md §7
//! lists the set, which is the SEPA basic Latin character set).
//!
//! A free text that looks like a structured communication (`+++…+++`, `***…***`, or twelve
//! digits) is read as one: banks do the same, and it keeps a wrong check digit from slipping
//! through as "free" text. So [`FreeCommunication`] never holds such a text, and the shown form
//! of either kind parses back to the same kind.

use std::fmt;

use super::structured_communication::{StructuredCommunication, StructuredCommunicationError};
use super::without_whitespace;

/// At most 60 characters (003).
const FREE_MAX_CHARS: usize = 60;

/// The communication of a payment: structured or free, never both.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PaymentCommunication {
    /// `+++ddd/dddd/ddddd+++`.
    Structured(StructuredCommunication),
    /// Free text, 1 to 60 characters of the SEPA basic set.
    Free(FreeCommunication),
}

/// A free communication: 1..=60 characters of `a-z A-Z 0-9 space / - ? : ( ) . , ' +`,
/// trimmed, and not shaped like a structured communication.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FreeCommunication(String);

/// Why a text is not a free communication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeCommunicationError {
    /// Nothing but spaces.
    Empty,
    /// More than 60 characters.
    TooLong,
    /// A character outside the allowed set (the first one found).
    InvalidCharacter(char),
    /// Shaped like a structured communication: it belongs in the structured field.
    LooksStructured,
}

impl FreeCommunicationError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            FreeCommunicationError::Empty => "free_communication_empty",
            FreeCommunicationError::TooLong => "free_communication_too_long",
            FreeCommunicationError::InvalidCharacter(_) => "free_communication_invalid_character",
            FreeCommunicationError::LooksStructured => "free_communication_looks_structured",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            FreeCommunicationError::Empty => "Vul een mededeling in.".to_string(),
            FreeCommunicationError::TooLong => {
                format!("Een vrije mededeling telt hoogstens {FREE_MAX_CHARS} tekens.")
            }
            FreeCommunicationError::InvalidCharacter(c) => format!(
                "Het teken '{c}' is niet toegestaan. Gebruik enkel a-z, A-Z, 0-9, spatie en / - ? : ( ) . , ' +"
            ),
            FreeCommunicationError::LooksStructured => {
                "Dit is een gestructureerde mededeling; vul ze in als gestructureerde mededeling."
                    .to_string()
            }
        }
    }
}

/// Why a text is not a payment communication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentCommunicationError {
    /// Nothing was filled in: a payment needs a communication (003).
    Empty,
    /// Shaped like a structured communication, but not a valid one.
    Structured(StructuredCommunicationError),
    /// Not a valid free communication.
    Free(FreeCommunicationError),
}

impl PaymentCommunicationError {
    /// Stable machine code (that of the structured or free error).
    pub fn code(self) -> &'static str {
        match self {
            PaymentCommunicationError::Empty => "payment_communication_required",
            PaymentCommunicationError::Structured(e) => e.code(),
            PaymentCommunicationError::Free(e) => e.code(),
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            PaymentCommunicationError::Empty => {
                "Vul een gestructureerde of een vrije mededeling in.".to_string()
            }
            PaymentCommunicationError::Structured(e) => e.message(),
            PaymentCommunicationError::Free(e) => e.message(),
        }
    }
}

impl FreeCommunication {
    /// Trims the text and checks it: 1..=60 allowed characters, not a structured communication.
    pub fn parse(s: &str) -> Result<FreeCommunication, FreeCommunicationError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(FreeCommunicationError::Empty);
        }
        if let Some(c) = s.chars().find(|c| !is_allowed_in_free(*c)) {
            return Err(FreeCommunicationError::InvalidCharacter(c));
        }
        // Only ASCII is allowed, so bytes are characters here.
        if s.len() > FREE_MAX_CHARS {
            return Err(FreeCommunicationError::TooLong);
        }
        if looks_structured(s) {
            return Err(FreeCommunicationError::LooksStructured);
        }
        Ok(FreeCommunication(s.to_string()))
    }

    /// The text, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PaymentCommunication {
    /// Reads either kind: a text shaped like a structured communication must be a valid one;
    /// anything else must be a valid free communication.
    pub fn parse(s: &str) -> Result<PaymentCommunication, PaymentCommunicationError> {
        if s.trim().is_empty() {
            return Err(PaymentCommunicationError::Empty);
        }
        if looks_structured(s) {
            StructuredCommunication::parse(s)
                .map(PaymentCommunication::Structured)
                .map_err(PaymentCommunicationError::Structured)
        } else {
            FreeCommunication::parse(s)
                .map(PaymentCommunication::Free)
                .map_err(PaymentCommunicationError::Free)
        }
    }
}

/// 003 payment screen: a-z, A-Z, 0-9, space and / - ? : ( ) . , ' +
fn is_allowed_in_free(c: char) -> bool {
    c.is_ascii_alphanumeric() || " /-?:().,'+".contains(c)
}

/// Starts or ends with `+++` / `***`, or is twelve digits with only `/` and spaces besides.
fn looks_structured(s: &str) -> bool {
    let compact = without_whitespace(s);
    let marked = ["+++", "***"]
        .iter()
        .any(|m| compact.starts_with(m) || compact.ends_with(m));
    let twelve_digits = compact.chars().all(|c| c.is_ascii_digit() || c == '/')
        && compact.chars().filter(char::is_ascii_digit).count() == 12;
    marked || twelve_digits
}

impl fmt::Display for FreeCommunication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The structured one as `+++ddd/dddd/ddddd+++`, the free one as typed (trimmed).
impl fmt::Display for PaymentCommunication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaymentCommunication::Structured(c) => c.fmt(f),
            PaymentCommunication::Free(c) => c.fmt(f),
        }
    }
}

text_identifier!(FreeCommunication, FreeCommunicationError);
text_identifier!(PaymentCommunication, PaymentCommunicationError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structured_notations_become_a_structured_communication() {
        for input in [
            "+++180/1851/05305+++",
            "***180/1851/05305***",
            "180185105305",
            " 180/1851/05305 ",
        ] {
            let c = PaymentCommunication::parse(input).unwrap();
            assert_eq!(c.to_string(), "+++180/1851/05305+++", "{input}");
            assert!(matches!(c, PaymentCommunication::Structured(_)), "{input}");
        }
    }

    #[test]
    fn a_structured_looking_text_with_a_wrong_check_is_refused_not_taken_as_free() {
        for (input, err) in [
            (
                "+++180/1851/05306+++",
                StructuredCommunicationError::Checksum,
            ),
            ("180185105306", StructuredCommunicationError::Checksum),
            (
                "+++180/1851/0530+++",
                StructuredCommunicationError::WrongLength,
            ),
            ("+++ factuur 12 +++", StructuredCommunicationError::Format),
        ] {
            assert_eq!(
                PaymentCommunication::parse(input),
                Err(PaymentCommunicationError::Structured(err)),
                "{input}"
            );
        }
    }

    #[test]
    fn free_text_of_the_sepa_basic_set_is_a_free_communication() {
        for (input, shown) in [
            ("Factuur 2024/0042", "Factuur 2024/0042"),
            ("  F-123 (opleiding) ", "F-123 (opleiding)"),
            ("Ref: 12.3, 'x' + y?", "Ref: 12.3, 'x' + y?"),
            ("12345", "12345"),
            ("1234567890123", "1234567890123"),
        ] {
            let c = PaymentCommunication::parse(input).unwrap();
            assert_eq!(c.to_string(), shown, "{input}");
            assert!(matches!(c, PaymentCommunication::Free(_)), "{input}");
        }
        let sixty = "a".repeat(60);
        assert_eq!(
            PaymentCommunication::parse(&sixty).unwrap().to_string(),
            sixty
        );
    }

    #[test]
    fn free_communication_outside_the_rules_is_refused() {
        for (input, err) in [
            ("", PaymentCommunicationError::Empty),
            ("   ", PaymentCommunicationError::Empty),
            (
                "Opleiding café",
                PaymentCommunicationError::Free(FreeCommunicationError::InvalidCharacter('é')),
            ),
            (
                "factuur_12",
                PaymentCommunicationError::Free(FreeCommunicationError::InvalidCharacter('_')),
            ),
            (
                "a;b",
                PaymentCommunicationError::Free(FreeCommunicationError::InvalidCharacter(';')),
            ),
            (
                "regel\nregel",
                PaymentCommunicationError::Free(FreeCommunicationError::InvalidCharacter('\n')),
            ),
        ] {
            assert_eq!(PaymentCommunication::parse(input), Err(err), "{input:?}");
        }
        assert_eq!(
            PaymentCommunication::parse(&"a".repeat(61)),
            Err(PaymentCommunicationError::Free(
                FreeCommunicationError::TooLong
            ))
        );
        // A wrong character is named before the length is counted.
        assert_eq!(
            PaymentCommunication::parse(&"é".repeat(40)),
            Err(PaymentCommunicationError::Free(
                FreeCommunicationError::InvalidCharacter('é')
            ))
        );
    }

    #[test]
    fn a_free_communication_never_holds_a_structured_one() {
        assert_eq!(
            FreeCommunication::parse("+++180/1851/05305+++"),
            Err(FreeCommunicationError::LooksStructured)
        );
        assert_eq!(
            FreeCommunication::parse("180185105306"),
            Err(FreeCommunicationError::LooksStructured)
        );
        assert_eq!(FreeCommunication::parse(" F-1 ").unwrap().as_str(), "F-1");
    }

    #[test]
    fn every_error_has_a_code_and_a_message() {
        let all = [
            PaymentCommunicationError::Empty,
            PaymentCommunicationError::Free(FreeCommunicationError::Empty),
            PaymentCommunicationError::Free(FreeCommunicationError::TooLong),
            PaymentCommunicationError::Free(FreeCommunicationError::InvalidCharacter('é')),
            PaymentCommunicationError::Free(FreeCommunicationError::LooksStructured),
            PaymentCommunicationError::Structured(StructuredCommunicationError::Checksum),
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
        assert!(FreeCommunicationError::InvalidCharacter('é')
            .message()
            .contains("'é'"));
    }

    #[test]
    fn serde_uses_the_shown_form_of_either_kind() {
        let s = PaymentCommunication::parse("180185105305").unwrap();
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            "\"+++180/1851/05305+++\""
        );
        let f = PaymentCommunication::parse("Factuur 42").unwrap();
        assert_eq!(serde_json::to_string(&f).unwrap(), "\"Factuur 42\"");
        let back: PaymentCommunication = serde_json::from_str("\"Factuur 42\"").unwrap();
        assert_eq!(back, f);
        let err = serde_json::from_str::<PaymentCommunication>("\"café\"").unwrap_err();
        assert!(err
            .to_string()
            .contains("free_communication_invalid_character"));
    }

    proptest! {
        #[test]
        fn every_valid_free_text_round_trips_as_free(s in "[a-zA-Z0-9 /?:().,'+-]{1,60}") {
            match FreeCommunication::parse(&s) {
                Ok(free) => {
                    let c = PaymentCommunication::Free(free);
                    prop_assert_eq!(PaymentCommunication::parse(&c.to_string()), Ok(c));
                }
                Err(e) => prop_assert!(
                    matches!(e, FreeCommunicationError::Empty | FreeCommunicationError::LooksStructured),
                    "{e:?} for {s:?}"
                ),
            }
        }

        #[test]
        fn every_structured_communication_round_trips_as_structured(sequence in 0u64..10_000_000_000) {
            let c = PaymentCommunication::Structured(
                StructuredCommunication::from_sequence(sequence).unwrap(),
            );
            prop_assert_eq!(PaymentCommunication::parse(&c.to_string()), Ok(c));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,80}") {
            let _ = PaymentCommunication::parse(&s);
        }
    }
}
