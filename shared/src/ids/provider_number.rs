//! `ProviderNumber`: the registration number of a service provider (dienstverlener).
//!
//! RULES.md §1 and §8, seeds 001, 002, 004: `DV.`, a letter or digit, and six digits. In use:
//! `DV.O` (letter O) or `DV.0` (digit zero) for training providers: `DV.O222774` (001), `DV.0100275` and `DV.O223914` (002);
//! `DV.A` for advice providers (`DV.A104813`, `DV.A233038` on providers' public pages). The
//! prefixes are in use at the same time, so `DV.O100275` and `DV.0100275` are different providers
//! and the prefix is kept exactly as registered; it is never "corrected" from one to another. The
//! provider's registration, not its prefix, decides which services it may offer (RULES.md §8).

use std::fmt;

use super::digits_value;

/// The highest six-digit number.
const MAX_NUMBER: u32 = 999_999;

/// The character after `DV.`: an upper-case letter or a digit (RULES.md §8). In use: `O` and `0`
/// (training providers), `A` (advice providers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProviderPrefix(u8);

impl ProviderPrefix {
    /// The prefix of the character `c` after `DV.`: a letter (either case, kept upper-case) or
    /// a digit.
    pub fn of(c: u8) -> Option<ProviderPrefix> {
        c.is_ascii_alphanumeric()
            .then(|| ProviderPrefix(c.to_ascii_uppercase()))
    }

    /// The character, e.g. `O`.
    pub fn char(self) -> char {
        char::from(self.0)
    }
}

/// A valid provider number, e.g. `DV.O222774`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProviderNumber {
    prefix: ProviderPrefix,
    number: u32,
}

/// Why a text or number is not a provider number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderNumberError {
    /// Nothing was filled in.
    Empty,
    /// Not `DV.`, a letter or digit, and six digits.
    Format,
    /// [`ProviderNumber::new`] got a number above 999999.
    NumberTooLarge,
}

impl ProviderNumberError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            ProviderNumberError::Empty => "provider_number_empty",
            ProviderNumberError::Format => "provider_number_format",
            ProviderNumberError::NumberTooLarge => "provider_number_too_large",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            ProviderNumberError::Empty => {
                "Vul het registratienummer van de dienstverlener in, bijvoorbeeld DV.O222774."
            }
            ProviderNumberError::Format => {
                "Een registratienummer van een dienstverlener bestaat uit DV., een letter of cijfer en zes cijfers, bijvoorbeeld DV.O222774 of DV.A104813."
            }
            ProviderNumberError::NumberTooLarge => {
                "Het registratienummer van een dienstverlener telt zes cijfers na DV. en de letter of het cijfer."
            }
        }
        .to_string()
    }
}

impl ProviderNumber {
    /// The provider number with `prefix` and six-digit `number` (0..=999999).
    pub fn new(prefix: ProviderPrefix, number: u32) -> Result<ProviderNumber, ProviderNumberError> {
        if number > MAX_NUMBER {
            return Err(ProviderNumberError::NumberTooLarge);
        }
        Ok(ProviderNumber { prefix, number })
    }

    /// Reads `DV.O222774`, `DV.0100275` or `DV.A104813`; any case, surrounding spaces ignored.
    pub fn parse(s: &str) -> Result<ProviderNumber, ProviderNumberError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ProviderNumberError::Empty);
        }
        let b = s.as_bytes();
        if b.len() != 10 || !b[..3].eq_ignore_ascii_case(b"DV.") {
            return Err(ProviderNumberError::Format);
        }
        let Some(prefix) = ProviderPrefix::of(b[3]) else {
            return Err(ProviderNumberError::Format);
        };
        if !b[4..].iter().all(u8::is_ascii_digit) {
            return Err(ProviderNumberError::Format);
        }
        // Every byte checked is ASCII, so the slice is on a char boundary.
        ProviderNumber::new(prefix, digits_value(&s[4..]) as u32)
    }

    /// Which prefix this number was registered with.
    pub fn prefix(self) -> ProviderPrefix {
        self.prefix
    }

    /// The six digits after the prefix, e.g. 222774.
    pub fn number(self) -> u32 {
        self.number
    }
}

/// `DV.O222774` / `DV.0100275` / `DV.A104813`, as registered.
impl fmt::Display for ProviderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DV.{}{:06}", self.prefix.char(), self.number)
    }
}

text_identifier!(ProviderNumber, ProviderNumberError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LETTER_O: ProviderPrefix = ProviderPrefix(b'O');
    const DIGIT_ZERO: ProviderPrefix = ProviderPrefix(b'0');
    const LETTER_A: ProviderPrefix = ProviderPrefix(b'A');

    #[test]
    fn seed_provider_numbers_are_valid_and_keep_their_prefix() {
        for (input, prefix, number, shown) in [
            ("DV.O222774", LETTER_O, 222_774, "DV.O222774"),
            ("DV.0100275", DIGIT_ZERO, 100_275, "DV.0100275"),
            ("DV.O223914", LETTER_O, 223_914, "DV.O223914"),
            ("DV.A104813", LETTER_A, 104_813, "DV.A104813"),
            ("dv.a233038", LETTER_A, 233_038, "DV.A233038"),
            ("dv.o123456", LETTER_O, 123_456, "DV.O123456"),
            ("  Dv.0100281 ", DIGIT_ZERO, 100_281, "DV.0100281"),
        ] {
            let p = ProviderNumber::parse(input).unwrap();
            assert_eq!((p.prefix(), p.number()), (prefix, number), "{input}");
            assert_eq!(p.to_string(), shown, "{input}");
        }
    }

    #[test]
    fn letter_o_and_digit_zero_are_different_providers() {
        let letter = ProviderNumber::parse("DV.O100275").unwrap();
        let digit = ProviderNumber::parse("DV.0100275").unwrap();
        let advice = ProviderNumber::parse("DV.A100275").unwrap();
        assert_ne!(letter, digit);
        assert_ne!(letter, advice);
        assert_ne!(digit, advice);
        assert_eq!(letter.number(), digit.number());
    }

    #[test]
    fn provider_number_not_of_the_form_dv_o_six_digits_is_refused() {
        for (input, err) in [
            ("", ProviderNumberError::Empty),
            ("DV.O22277", ProviderNumberError::Format),
            ("DV.O2227745", ProviderNumberError::Format),
            ("DVO222774", ProviderNumberError::Format),
            ("DV O222774", ProviderNumberError::Format),
            ("DV.Ä222774", ProviderNumberError::Format),
            ("DV.-222774", ProviderNumberError::Format),
            ("DV.O22277x", ProviderNumberError::Format),
            ("DV.O 222774", ProviderNumberError::Format),
            ("DV.Ö22277", ProviderNumberError::Format),
            ("222774", ProviderNumberError::Format),
        ] {
            assert_eq!(ProviderNumber::parse(input), Err(err), "{input}");
        }
    }

    #[test]
    fn provider_number_is_made_from_prefix_and_six_digits() {
        let p = ProviderNumber::new(DIGIT_ZERO, 275).unwrap();
        assert_eq!(p.to_string(), "DV.0000275");
        assert_eq!(
            ProviderNumber::new(LETTER_O, 1_000_000),
            Err(ProviderNumberError::NumberTooLarge)
        );
    }

    #[test]
    fn every_error_has_a_distinct_code_and_a_message() {
        let all = [
            ProviderNumberError::Empty,
            ProviderNumberError::Format,
            ProviderNumberError::NumberTooLarge,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
    }

    #[test]
    fn serde_uses_the_registered_form() {
        let p = ProviderNumber::parse("DV.O222774").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"DV.O222774\"");
        let back: ProviderNumber = serde_json::from_str("\"dv.o222774\"").unwrap();
        assert_eq!(back, p);
        assert!(serde_json::from_str::<ProviderNumber>("\"DV.XX22277\"").is_err());
        assert_eq!("DV.O222774".parse(), Ok(p));
    }

    proptest! {
        #[test]
        fn every_provider_number_round_trips(c in "[A-Z0-9]", number in 0u32..=MAX_NUMBER) {
            let prefix = ProviderPrefix::of(c.as_bytes()[0]).unwrap();
            let p = ProviderNumber::new(prefix, number).unwrap();
            prop_assert_eq!(ProviderNumber::parse(&p.to_string()), Ok(p));
            prop_assert_eq!(ProviderNumber::parse(&p.to_string().to_lowercase()), Ok(p));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = ProviderNumber::parse(&s);
        }
    }
}
