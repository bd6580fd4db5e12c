//! The identifiers of the kmo-portefeuille, each a type that can only hold a valid value.
//! RULES.md §8 (formats) and §7 (payment communication).
//!
//! Every identifier is parsed once at the edge (`parse(&str)`, also `FromStr`), is shown the way
//! the manual shows it (`Display`), and travels in JSON as that shown form: serde writes the
//! `Display` text and reads through `parse`, so a stored or received value is always valid.
//! Errors are enums with a stable `code()` and a Dutch `message()`.

/// The Belgian "mod 97" check used by the structured communication and by the national part of
/// a Belgian account number: the remainder of `base` divided by 97, with 0 written as 97.
pub(crate) fn mod97_check(base: u64) -> u64 {
    match base % 97 {
        0 => 97,
        r => r,
    }
}

/// The text without any whitespace (also non-breaking spaces): people paste identifiers with
/// spaces in all sorts of places.
pub(crate) fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The number written by `digits`, which the caller has checked to be at most 19 ASCII digits.
pub(crate) fn digits_value(digits: &str) -> u64 {
    digits
        .bytes()
        .fold(0, |n, b| n * 10 + u64::from(b.wrapping_sub(b'0')))
}

/// `FromStr`, and serde as the `Display` text read back through `parse`, for an identifier type
/// `$t` whose `parse` fails with `$e` (an error with a `code()`).
macro_rules! text_identifier {
    ($t:ty, $e:ty) => {
        impl std::str::FromStr for $t {
            type Err = $e;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$t>::parse(s)
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                <$t>::parse(&s).map_err(|e| serde::de::Error::custom(e.code()))
            }
        }
    };
}

pub mod dossier_number;
pub mod enterprise_number;
pub mod iban;
pub mod payment_communication;
pub mod provider_number;
pub mod structured_communication;

pub use dossier_number::{DossierNumber, DossierNumberError};
pub use enterprise_number::{EnterpriseNumber, EnterpriseNumberError};
pub use iban::{BeIban, IbanError};
pub use payment_communication::{
    FreeCommunication, FreeCommunicationError, PaymentCommunication, PaymentCommunicationError,
};
pub use provider_number::{ProviderNumber, ProviderNumberError, ProviderPrefix};
pub use structured_communication::{StructuredCommunication, StructuredCommunicationError};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod97_check_writes_zero_as_97() {
        for (base, check) in [(0, 97), (97, 97), (1, 1), (1_801_851_053, 5), (96, 96)] {
            assert_eq!(mod97_check(base), check, "{base}");
        }
    }

    #[test]
    fn whitespace_of_any_kind_is_removed() {
        assert_eq!(without_whitespace(" 0123 456\u{a0}749\t"), "0123456749");
    }
}
