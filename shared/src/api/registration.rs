//! First-time registration of an enterprise (000, procedure step 2): what the KBO says about it,
//! whether it may register, and what it declares to open its wallet. RULES.md §1.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::enterprise::EnterpriseNumberDigits;
use super::Reason;
use crate::enterprise::{KboStatus, LegalForm, Region};
use crate::error::FieldError;
use crate::form::Fields;
use crate::size::{EnterpriseSize, Share};

/// The main activity in the KBO.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MainActivity {
    /// Five digits, e.g. `62010`.
    #[cfg_attr(
        feature = "openapi",
        schemars(extend("pattern" = "^[0-9]{5}$"))
    )]
    pub code: String,
    /// As the KBO writes it, e.g. `62.010`.
    pub shown: String,
    /// NACE-BEL version: `2008` or `2025`.
    pub version: String,
    /// Dutch label; empty when the KBO data have none.
    pub label: String,
}

/// An establishment unit (vestigingseenheid) in the Flemish Region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Establishment {
    /// As the KBO writes it, e.g. `2.123.456.789`.
    pub number: String,
    /// Its name; empty when it has none of its own.
    pub name: String,
    pub address: String,
}

/// What the KBO says about an enterprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KboFacts {
    pub number: EnterpriseNumberDigits,
    pub name: String,
    pub legal_form: LegalForm,
    /// The legal form in Dutch, as the KBO names it.
    pub legal_form_label: String,
    pub status: KboStatus,
    pub start_date: NaiveDate,
    pub main_activity: Option<MainActivity>,
    /// The registered office (maatschappelijke zetel), one line.
    pub registered_office: Option<String>,
    /// Where the rules consider it established.
    pub region: Region,
    /// Establishment units in all.
    pub establishments: u32,
    /// Establishment units in the Flemish Region.
    pub flemish_establishments: u32,
    /// The first 20 establishment units in the Flemish Region, by number.
    pub shown_establishments: Vec<Establishment>,
    /// The day of the KBO data these facts are from.
    pub updated_on: NaiveDate,
}

/// `GET /api/v1/registration`: the enterprise acted for, before it registers: what the KBO
/// says (absent when the KBO data do not have it) and every reason it cannot register, as far as
/// the KBO facts tell (the declarations follow in the form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationView {
    pub kbo: Option<KboFacts>,
    /// Empty when the KBO facts allow registering.
    pub reasons: Vec<Reason>,
}

/// `POST /api/v1/registration`: the enterprise's declarations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegistrationRequest {
    /// The address for all correspondence (name@domain.tld, at most 254 characters).
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::checked_text")
    )]
    pub email: String,
    /// The account for refunds of the own contribution: a Belgian IBAN (spaces allowed).
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::checked_text")
    )]
    pub refund_iban: String,
    /// The participation of public authorities in capital or votes, in percent (`0` to `100`,
    /// at most two decimals).
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::percent")
    )]
    pub public_participation: String,
    /// The size declared on honour (003 'Grootte van de onderneming').
    pub size: EnterpriseSize,
    /// The person confirms that the data are correct (must be `true`).
    pub confirmed: bool,
}

/// A registration as read and checked field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub email: String,
    /// Electronic form.
    pub refund_iban: String,
    pub public_participation: Share,
    pub size: EnterpriseSize,
}

const FIELDS: &[(&str, &str)] = &[
    ("email", "E-mailadres"),
    ("refund_iban", "Rekeningnummer voor terugbetalingen"),
    ("public_participation", "Participatie van de overheid"),
    ("size", "Grootte van de onderneming"),
    ("confirmed", "Bevestiging"),
];

/// A percentage as the API takes it: digits, at most two decimals, 0 to 100.
pub fn parse_percent(raw: &str) -> Option<Share> {
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = (whole == "100" || (1..=2).contains(&whole.len()))
        && digits(whole)
        && (!raw.contains('.') || (1..=2).contains(&fraction.len()))
        && digits(fraction);
    if !well_formed {
        return None;
    }
    let percent = raw.parse::<rust_decimal::Decimal>().ok()?;
    Share::from_percent(percent).ok()
}

/// The pattern of [`parse_percent`] (openapi.json): 0 to 100 with at most two decimals.
pub const PERCENT_PATTERN: &str = "^(100(\\.00?)?|[0-9]{1,2}(\\.[0-9]{1,2})?)$";

impl Registration {
    /// Reads a registration, naming every wrong field.
    pub fn from_json(body: &Value) -> Result<Registration, Vec<FieldError>> {
        let mut f = Fields::new(body, FIELDS)?;
        let email = f.required_str("email").and_then(|e| f.email("email", e));
        let iban = f
            .required_str("refund_iban")
            .and_then(|i| f.belgian_iban("refund_iban", i));
        let participation = f.required_str("public_participation");
        let share = participation.and_then(parse_percent);
        if participation.is_some() && share.is_none() {
            f.error(
                "public_participation",
                "invalid_percent",
                "een percentage van 0 tot 100, met hoogstens twee decimalen, bv. 0 of 12.5.",
            );
        }
        let size = f.required_choice("size", EnterpriseSize::parse, &["small", "medium", "large"]);
        let confirmed = f.required_bool("confirmed");
        if confirmed == Some(false) {
            f.error(
                "confirmed",
                "not_confirmed",
                "bevestig dat de gegevens juist zijn.",
            );
        }
        f.finish()?;
        match (email, iban, share, size) {
            (Some(email), Some(refund_iban), Some(public_participation), Some(size)) => {
                Ok(Registration {
                    email,
                    refund_iban,
                    public_participation,
                    size,
                })
            }
            _ => Err(vec![FieldError::new(
                "",
                "invalid_request",
                "Ongeldige aanvraag.",
            )]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn percentages() {
        for ok in ["0", "25", "24.99", "100", "100.00", "7.5"] {
            assert!(parse_percent(ok).is_some(), "{ok}");
        }
        for bad in [
            "", "000", "-1", "100.01", "101", "1e2", " 5", "5.", ".5", "5.123", "0x1",
        ] {
            assert!(parse_percent(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_pattern_says_what_the_parser_reads() {
        // A minimal check of the pattern's two branches against the parser.
        for (s, ok) in [
            ("100.0", true),
            ("99.99", true),
            ("100.5", false),
            ("1000", false),
        ] {
            assert_eq!(parse_percent(s).is_some(), ok, "{s}");
        }
        assert!(PERCENT_PATTERN.starts_with("^(100"));
    }

    #[test]
    fn reads_a_registration_and_names_every_wrong_field() {
        let ok = Registration::from_json(&json!({
            "email": " info@bakkerij.example ", "refund_iban": "BE68 5390 0754 7034",
            "public_participation": "0", "size": "small", "confirmed": true
        }))
        .unwrap();
        assert_eq!(ok.email, "info@bakkerij.example");
        assert_eq!(ok.refund_iban, "BE68539007547034");
        let errors = Registration::from_json(&json!({
            "email": "nope", "refund_iban": "NL91ABNA0417164300",
            "public_participation": "120", "size": "huge", "confirmed": false, "extra": 1
        }))
        .unwrap_err();
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort();
        assert_eq!(
            fields,
            [
                "confirmed",
                "email",
                "extra",
                "public_participation",
                "refund_iban",
                "size"
            ]
        );
    }
}
