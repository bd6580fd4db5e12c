//! `DossierNumber`: the number a support application gets when it is registered.
//!
//! RULES.md §8, manual 003 step 5: the year, `KMO` and six digits, e.g. `2024KMO042735`
//! ("Uw subsidieaanvraag werd succesvol geregistreerd (onder nummer 2024KMO042735)").

use std::fmt;

use super::digits_value;

/// The highest six-digit sequence.
const MAX_SEQUENCE: u32 = 999_999;

/// A valid dossier (project) number, e.g. `2024KMO042735`. Orders by year, then sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DossierNumber {
    year: u16,
    sequence: u32,
}

/// Why a text or pair of numbers is not a dossier number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierNumberError {
    /// Nothing was filled in.
    Empty,
    /// Not four digits, `KMO` and six digits.
    Format,
    /// The year is not a four-digit year (1000–9999).
    Year,
    /// The sequence is above 999999.
    Sequence,
}

impl DossierNumberError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            DossierNumberError::Empty => "dossier_number_empty",
            DossierNumberError::Format => "dossier_number_format",
            DossierNumberError::Year => "dossier_number_year",
            DossierNumberError::Sequence => "dossier_number_sequence",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            DossierNumberError::Empty => "Vul het dossiernummer in, bijvoorbeeld 2024KMO042735.",
            DossierNumberError::Format => {
                "Een dossiernummer bestaat uit het jaar, KMO en zes cijfers, bijvoorbeeld 2024KMO042735."
            }
            DossierNumberError::Year => "Het jaar van een dossiernummer telt vier cijfers.",
            DossierNumberError::Sequence => {
                "Het volgnummer van een dossiernummer telt hoogstens zes cijfers."
            }
        }
        .to_string()
    }
}

impl DossierNumber {
    /// The dossier number of `year` with sequence `sequence` (0..=999999).
    pub fn new(year: u16, sequence: u32) -> Result<DossierNumber, DossierNumberError> {
        if !(1000..=9999).contains(&year) {
            return Err(DossierNumberError::Year);
        }
        if sequence > MAX_SEQUENCE {
            return Err(DossierNumberError::Sequence);
        }
        Ok(DossierNumber { year, sequence })
    }

    /// Reads `2024KMO042735`; `kmo` in any case, surrounding spaces ignored.
    pub fn parse(s: &str) -> Result<DossierNumber, DossierNumberError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(DossierNumberError::Empty);
        }
        let b = s.as_bytes();
        let shape = b.len() == 13
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4..7].eq_ignore_ascii_case(b"KMO")
            && b[7..].iter().all(u8::is_ascii_digit);
        if !shape {
            return Err(DossierNumberError::Format);
        }
        // The shape check made every byte ASCII, so these slices are on char boundaries.
        let year = digits_value(&s[..4]) as u16;
        let sequence = digits_value(&s[7..]) as u32;
        DossierNumber::new(year, sequence)
    }

    /// The year of the application, e.g. 2024.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The six-digit sequence within the year, e.g. 42735.
    pub fn sequence(self) -> u32 {
        self.sequence
    }
}

/// `2024KMO042735`, as in the manual.
impl fmt::Display for DossierNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}KMO{:06}", self.year, self.sequence)
    }
}

text_identifier!(DossierNumber, DossierNumberError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn manual_dossier_numbers_are_valid() {
        for (input, year, sequence) in [
            ("2024KMO042735", 2024, 42_735),
            ("2023KMO079801", 2023, 79_801),
            ("2025KMO123456", 2025, 123_456),
            (" 2024kmo042735 ", 2024, 42_735),
            ("2024Kmo000000", 2024, 0),
        ] {
            let d = DossierNumber::parse(input).unwrap();
            assert_eq!((d.year(), d.sequence()), (year, sequence), "{input}");
        }
        assert_eq!(
            DossierNumber::parse("2024kmo042735").unwrap().to_string(),
            "2024KMO042735"
        );
    }

    #[test]
    fn dossier_number_not_of_the_form_year_kmo_six_digits_is_refused() {
        for (input, err) in [
            ("", DossierNumberError::Empty),
            ("2024KMO42735", DossierNumberError::Format),
            ("2024KMO0427350", DossierNumberError::Format),
            ("24KMO042735", DossierNumberError::Format),
            ("2024-KMO-042735", DossierNumberError::Format),
            ("2024 KMO 042735", DossierNumberError::Format),
            ("2024KMA042735", DossierNumberError::Format),
            ("2024KMO04273x", DossierNumberError::Format),
            ("2024KMÖ04273", DossierNumberError::Format),
            ("0999KMO042735", DossierNumberError::Year),
        ] {
            assert_eq!(DossierNumber::parse(input), Err(err), "{input}");
        }
    }

    #[test]
    fn dossier_number_is_made_from_year_and_sequence() {
        assert_eq!(
            DossierNumber::new(2024, 42_735).unwrap().to_string(),
            "2024KMO042735"
        );
        assert_eq!(
            DossierNumber::new(2024, 1_000_000),
            Err(DossierNumberError::Sequence)
        );
        assert_eq!(DossierNumber::new(999, 1), Err(DossierNumberError::Year));
        assert_eq!(DossierNumber::new(10_000, 1), Err(DossierNumberError::Year));
    }

    #[test]
    fn dossier_numbers_sort_by_year_then_sequence() {
        let a = DossierNumber::parse("2023KMO999999").unwrap();
        let b = DossierNumber::parse("2024KMO000001").unwrap();
        let c = DossierNumber::parse("2024KMO042735").unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn every_error_has_a_distinct_code_and_a_message() {
        let all = [
            DossierNumberError::Empty,
            DossierNumberError::Format,
            DossierNumberError::Year,
            DossierNumberError::Sequence,
        ];
        let codes: std::collections::HashSet<_> = all.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), all.len());
        assert!(all.iter().all(|e| !e.message().is_empty()));
    }

    #[test]
    fn serde_uses_the_written_form() {
        let d = DossierNumber::new(2024, 42_735).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2024KMO042735\"");
        let back: DossierNumber = serde_json::from_str("\"2024kmo042735\"").unwrap();
        assert_eq!(back, d);
        assert!(serde_json::from_str::<DossierNumber>("\"2024KMO4273\"").is_err());
        assert_eq!("2024KMO042735".parse(), Ok(d));
    }

    proptest! {
        #[test]
        fn every_dossier_number_round_trips(year in 1000u16..=9999, sequence in 0u32..=MAX_SEQUENCE) {
            let d = DossierNumber::new(year, sequence).unwrap();
            prop_assert_eq!(DossierNumber::parse(&d.to_string()), Ok(d));
            prop_assert_eq!(DossierNumber::parse(&d.to_string().to_lowercase()), Ok(d));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = DossierNumber::parse(&s);
        }
    }
}
