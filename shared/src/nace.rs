//! The main activity (hoofdactiviteit) by its 5-digit NACE-BEL code. RULES.md §3; 003 step 1.
//!
//! 003 step 1 asks for "de NACE-code (5 cijfers)" of the activity with the most turnover. The
//! official list of acceptable codes was not found, so the codes that are *not* acceptable are
//! data, `shared/data/nace_exclusions.txt`, with their provenance at the top of that file.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Reason;

/// The exclusions, one per line: `prefix | activity | ground` (see the file's header).
const EXCLUSIONS: &str = include_str!("../data/nace_exclusions.txt");

/// A 5-digit NACE-BEL code, e.g. `62.010`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NaceCode(u32);

/// Why a text is not a NACE-BEL code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NaceCodeError {
    /// Not five digits, written `62010` or `62.010`.
    WrongShape,
}

impl NaceCodeError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        "invalid_nace_code"
    }

    /// Dutch message for people (003 step 1: "Vul de NACE-code (5 cijfers) ... in").
    pub fn message(self) -> String {
        "Vul de NACE-code van uw hoofdactiviteit in met 5 cijfers, bijvoorbeeld 62.010 of 62010."
            .to_string()
    }
}

impl NaceCode {
    /// Parses `62010` or `62.010` (the KBO writes the point after the second digit).
    pub fn parse(s: &str) -> Result<NaceCode, NaceCodeError> {
        let s = s.trim();
        let digits: String = match s.split_once('.') {
            Some((division, rest)) if division.len() == 2 => format!("{division}{rest}"),
            Some(_) => return Err(NaceCodeError::WrongShape),
            None => s.to_string(),
        };
        if digits.len() != 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NaceCodeError::WrongShape);
        }
        digits
            .parse::<u32>()
            .map(NaceCode)
            .map_err(|_| NaceCodeError::WrongShape)
    }

    /// The five digits without a point: `62010`, `01110`.
    pub fn digits(self) -> String {
        format!("{:05}", self.0)
    }
}

/// As people see it in the KBO: `62.010`.
impl fmt::Display for NaceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.digits();
        write!(f, "{}.{}", &digits[..2], &digits[2..])
    }
}

/// The API form: the five digits, `"62010"`.
impl Serialize for NaceCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.digits())
    }
}

impl<'de> Deserialize<'de> for NaceCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<NaceCode, D::Error> {
        let s = String::deserialize(d)?;
        NaceCode::parse(&s).map_err(|e| serde::de::Error::custom(e.code()))
    }
}

/// One line of the exclusions file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NaceExclusion {
    /// The code prefix as written in the file, e.g. `01.1` or `03`.
    pub prefix: &'static str,
    /// The activity, in Dutch (NACE-BEL label).
    pub activity: &'static str,
    /// Why it is excluded, in Dutch, with its source.
    pub ground: &'static str,
}

impl NaceExclusion {
    fn parse(line: &'static str) -> Option<NaceExclusion> {
        let mut fields = line.split('|').map(str::trim);
        let (prefix, activity, ground) = (fields.next()?, fields.next()?, fields.next()?);
        let digits = prefix.replace('.', "");
        let valid = fields.next().is_none()
            && (1..=5).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !activity.is_empty()
            && !ground.is_empty();
        valid.then_some(NaceExclusion {
            prefix,
            activity,
            ground,
        })
    }

    /// True when `code` starts with this prefix.
    pub fn matches(&self, code: NaceCode) -> bool {
        code.digits().starts_with(&self.prefix.replace('.', ""))
    }
}

/// Every exclusion in the data file, in file order. A test checks that every line that is not
/// a comment parses, so none is silently dropped.
pub fn exclusions() -> impl Iterator<Item = NaceExclusion> {
    data_lines().filter_map(NaceExclusion::parse)
}

fn data_lines() -> impl Iterator<Item = &'static str> {
    EXCLUSIONS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The exclusion that applies to `code`, if any.
pub fn exclusion_for(code: NaceCode) -> Option<NaceExclusion> {
    exclusions().find(|e| e.matches(code))
}

/// Whether the main activity `code` is acceptable (RULES.md §3: "aanvaardbare hoofdactiviteit").
pub fn is_acceptable(code: NaceCode) -> Result<(), Reason> {
    match exclusion_for(code) {
        None => Ok(()),
        Some(e) => Err(Reason::new(
            "main_activity_not_acceptable",
            format!(
                "De hoofdactiviteit {code} ({}) komt niet in aanmerking voor de \
                 kmo-portefeuille: {}.",
                e.activity.to_lowercase(),
                e.ground
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(s: &str) -> NaceCode {
        NaceCode::parse(s).unwrap()
    }

    #[test]
    fn parses_both_ways_of_writing_a_code() {
        for (input, digits, shown) in [
            ("62010", "62010", "62.010"),
            ("62.010", "62010", "62.010"),
            (" 01.110 ", "01110", "01.110"),
            ("00000", "00000", "00.000"),
        ] {
            let c = code(input);
            assert_eq!(c.digits(), digits, "{input}");
            assert_eq!(c.to_string(), shown, "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_five_digits() {
        for input in [
            "",
            "6201",
            "620100",
            "62.01",
            "620.10",
            "62.01.0",
            "6a010",
            "+2010",
            "62 010",
            "62.0100",
            "62,010",
            "٦٢٠١٠",
        ] {
            assert_eq!(
                NaceCode::parse(input),
                Err(NaceCodeError::WrongShape),
                "{input}"
            );
        }
    }

    #[test]
    fn every_data_line_is_an_exclusion() {
        let lines = data_lines().count();
        assert!(lines >= 6);
        assert_eq!(exclusions().count(), lines);
    }

    #[test]
    fn acceptable_main_activities_table() {
        for (input, acceptable) in [
            // Primary agricultural production, groups 01.1–01.5 (Reg. 2023/2831 art. 1(1)(c)).
            ("01.110", false),
            ("01.199", false),
            ("01.250", false),
            ("01.300", false),
            ("01.410", false),
            ("01.500", false),
            // Support activities and hunting are not primary production.
            ("01.610", true),
            ("01.700", true),
            ("02.100", true),
            // Fishery and aquaculture, division 03 (art. 1(1)(a)).
            ("03.110", false),
            ("03.220", false),
            ("04.000", true),
            ("10.110", true),
            ("62.010", true),
            ("70.220", true),
        ] {
            assert_eq!(is_acceptable(code(input)).is_ok(), acceptable, "{input}");
        }
    }

    #[test]
    fn the_refusal_names_the_code_the_activity_and_the_ground() {
        let reason = is_acceptable(code("03220")).unwrap_err();
        assert_eq!(reason.code, "main_activity_not_acceptable");
        assert_eq!(
            reason.message,
            "De hoofdactiviteit 03.220 (visserij en aquacultuur) komt niet in aanmerking voor \
             de kmo-portefeuille: primaire productie van visserij- en aquacultuurproducten \
             (Verordening (EU) 2023/2831, art. 1, lid 1, a)."
        );
    }

    #[test]
    fn serde_uses_the_five_digits_and_accepts_the_point() {
        assert_eq!(serde_json::to_string(&code("62.010")).unwrap(), "\"62010\"");
        let back: NaceCode = serde_json::from_str("\"01.110\"").unwrap();
        assert_eq!(back, code("01110"));
        assert!(serde_json::from_str::<NaceCode>("\"1110\"").is_err());
        assert!(serde_json::from_str::<NaceCode>("62010").is_err());
    }

    proptest! {
        #[test]
        fn both_spellings_parse_to_the_same_code_and_round_trip(n in 0u32..100_000) {
            let digits = format!("{n:05}");
            let dotted = format!("{}.{}", &digits[..2], &digits[2..]);
            let a = NaceCode::parse(&digits).unwrap();
            prop_assert_eq!(a, NaceCode::parse(&dotted).unwrap());
            prop_assert_eq!(a.to_string(), dotted);
            prop_assert_eq!(a.digits(), digits);
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,12}") {
            let _ = NaceCode::parse(&s);
        }
    }
}
