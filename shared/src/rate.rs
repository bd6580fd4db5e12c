//! `Rate`: a support percentage (steunpercentage), a fraction between 0 and 1.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A fraction `0 < rate <= 1`, written in the API as `"0.30"` and to people as `30 %`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(Decimal);

impl Rate {
    /// A rate of `percent` %. Only the rule tables call this, with constants.
    pub const fn percent(percent: u32) -> Rate {
        Rate(Decimal::from_parts(percent, 0, 0, false, 2))
    }

    pub fn fraction(self) -> Decimal {
        self.0
    }

    /// Whole percent, for people: `30`.
    pub fn as_percent(self) -> Decimal {
        (self.0 * Decimal::ONE_HUNDRED).normalize()
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.0)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Reads the API form back (`"0.30"`): a fraction above 0 and at most 1.
impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rate, D::Error> {
        let s = String::deserialize(d)?;
        let fraction: Decimal = s
            .parse()
            .map_err(|_| serde::de::Error::custom("not a rate"))?;
        if fraction <= Decimal::ZERO || fraction > Decimal::ONE {
            return Err(serde::de::Error::custom(
                "a rate lies above 0 and at most 1",
            ));
        }
        Ok(Rate(fraction))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_as_fraction_and_percent() {
        assert_eq!(Rate::percent(30).to_string(), "0.30");
        assert_eq!(Rate::percent(45).as_percent().to_string(), "45");
        assert_eq!(
            serde_json::from_str::<Rate>("\"0.45\"").unwrap(),
            Rate::percent(45)
        );
        assert!(serde_json::from_str::<Rate>("\"1.20\"").is_err());
        assert_eq!(
            serde_json::to_string(&Rate::percent(20)).unwrap(),
            "\"0.20\""
        );
    }
}
