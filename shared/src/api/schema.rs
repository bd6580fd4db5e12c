//! JSON Schemas of the value types the API is made of (feature `openapi`, native only): money,
//! rates, identifiers and ids, each with the pattern or list of values the Worker accepts, so the
//! generated schema and the server agree.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::enterprise::EnterpriseNumberDigits;
use super::public::{MoneyInput, SubthemeId, ThemeId};
use super::True;
use crate::ids::{DossierNumber, ProviderNumber, StructuredCommunication};
use crate::money::Money;
use crate::rate::Rate;
use crate::rating::{Rating, Stars};
use crate::themes::THEMES;

/// A named schema from JSON.
macro_rules! schema {
    ($t:ty, $name:literal, $($json:tt)+) => {
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($($json)+)
            }
        }
    };
}

/// The pattern of an amount a client may send, exactly what [`Money::parse_api`] accepts:
/// digits without a leading zero, at most two decimals, from 0 to 10,000,000.00 (`Money::MAX`);
/// no sign, no spaces.
pub const MONEY_INPUT_PATTERN: &str =
    r"^(?:(?:0|[1-9][0-9]{0,6})(?:\.[0-9]{1,2})?|10000000(?:\.00?)?)$";

schema!(Money, "Money", {
    "type": "string",
    "description": "Euro amount with two decimals, e.g. \"980.00\".",
    "pattern": r"^\d+\.\d{2}$",
    "examples": ["980.00"]
});

schema!(crate::money::Total, "Total", {
    "type": "string",
    "description": "A sum of euro amounts with two decimals, e.g. \"12500.00\"; not bounded like one amount.",
    "pattern": r"^\d+\.\d{2}$",
    "examples": ["12500.00"]
});

schema!(MoneyInput, "MoneyInput", {
    "type": "string",
    "description": "Euro amount as text, at most two decimals (\"980\", \"980.00\"), at most 10000000; never a JSON number.",
    "pattern": MONEY_INPUT_PATTERN,
    "examples": ["980.00"]
});

/// A decimal number as text (`"54.5"`, `"0.3"`): the size assessment's exact figures.
pub struct DecimalText;

schema!(DecimalText, "DecimalText", {
    "type": "string",
    "description": "A non-negative decimal number as text, exact, e.g. \"54.5\".",
    "pattern": r"^\d+(?:\.\d+)?$"
});

schema!(crate::size::Share, "Share", {
    "type": "string",
    "description": "A share of capital or voting rights in percent, 0 to 100, e.g. \"30\".",
    "pattern": r"^\d+(?:\.\d+)?$"
});

schema!(Rate, "Rate", {
    "type": "string",
    "description": "Support rate (steunpercentage) as a fraction, e.g. \"0.30\".",
    "pattern": r"^[01]\.\d{2}$",
    "examples": ["0.30"]
});

schema!(EnterpriseNumberDigits, "EnterpriseNumber", {
    "type": "string",
    "description": "Enterprise number (ondernemingsnummer), 10 digits.",
    "pattern": r"^\d{10}$",
    "examples": ["0403227515"]
});

schema!(ProviderNumber, "ProviderNumber", {
    "type": "string",
    "description": "Provider registration number (registratienummer dienstverlener): DV., a letter or digit (DV.O and DV.0 training, DV.A advice) and six digits.",
    "pattern": r"^DV\.[A-Z0-9]\d{6}$",
    "examples": ["DV.O123456", "DV.A104813"]
});

schema!(DossierNumber, "DossierNumber", {
    "type": "string",
    "description": "Project number (dossiernummer), e.g. 2026KMO000001.",
    "pattern": r"^\d{4}KMO\d{6}$",
    "examples": ["2026KMO000001"]
});

schema!(StructuredCommunication, "StructuredCommunication", {
    "type": "string",
    "description": "Belgian structured communication (gestructureerde mededeling).",
    "pattern": r"^\+\+\+\d{3}/\d{4}/\d{5}\+\+\+$",
    "examples": ["+++180/1851/05305+++"]
});

schema!(True, "True", { "const": true });

schema!(Stars, "Stars", {
    "type": "integer",
    "description": "1 (zeer ontevreden) to 5 (zeer tevreden).",
    "minimum": 1,
    "maximum": 5
});

impl JsonSchema for Rating {
    fn schema_name() -> Cow<'static, str> {
        "Rating".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "properties": {
                "stars": generator.subschema_for::<Stars>(),
                "text": { "type": "string", "maxLength": crate::rating::MAX_TEXT_CHARS },
                "publish_name": { "type": "boolean" },
                "copy_by_mail": { "type": "boolean" }
            },
            "required": ["stars", "text", "publish_name", "copy_by_mail"],
            "additionalProperties": false
        })
    }
}

impl JsonSchema for ThemeId {
    fn schema_name() -> Cow<'static, str> {
        "ThemeId".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = THEMES.iter().map(|t| t.id).collect();
        json_schema!({
            "type": "string",
            "description": "Theme id, as GET /api/v1/themes lists them.",
            "enum": ids
        })
    }
}

impl JsonSchema for SubthemeId {
    fn schema_name() -> Cow<'static, str> {
        "SubthemeId".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut ids: Vec<&str> = vec![""];
        ids.extend(THEMES.iter().flat_map(|t| t.subthemes.iter().map(|s| s.id)));
        json_schema!({
            "type": "string",
            "description": "Sub-theme id of the chosen theme, as GET /api/v1/themes lists them; empty for none.",
            "enum": ids
        })
    }
}

/// Schemas of single fields whose rule a type alone does not carry: the patterns mirror the
/// parsers in `shared::form`, `shared::application` and `shared::money` exactly.
pub mod field {
    use schemars::{json_schema, Schema, SchemaGenerator};

    use crate::form::{line_of_text_pattern, text_pattern};

    fn line(max: usize, description: &str) -> Schema {
        json_schema!({
            "type": "string",
            "description": description,
            "pattern": line_of_text_pattern(max)
        })
    }

    /// A reference or invoice number: a line of 1 to 35 characters.
    pub fn line_35(_: &mut SchemaGenerator) -> Schema {
        line(
            35,
            "A line of text, trimmed 1 to 35 characters, no control characters.",
        )
    }

    /// A bank's entry reference: a line of 1 to 100 characters.
    pub fn line_100(_: &mut SchemaGenerator) -> Schema {
        line(
            100,
            "A line of text, trimmed 1 to 100 characters, no control characters.",
        )
    }

    /// An ISO 4217 currency code: three letters (`eur` reads as `EUR`), spaces around allowed.
    pub fn currency(_: &mut SchemaGenerator) -> Schema {
        let ws = crate::form::WHITESPACE;
        json_schema!({
            "type": "string",
            "pattern": format!("^[{ws}]*[A-Za-z]{{3}}[{ws}]*$")
        })
    }

    /// A name or address: a line of 1 to 200 characters.
    pub fn line_200(_: &mut SchemaGenerator) -> Schema {
        line(
            200,
            "A line of text, trimmed 1 to 200 characters, no control characters.",
        )
    }

    /// Participant names.
    pub fn participants(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["array", "null"],
            "description": "Participant names (training), at most 200; each a line of 1 to 200 characters.",
            "maxItems": crate::application::MAX_PARTICIPANTS,
            "items": { "type": "string", "pattern": line_of_text_pattern(crate::application::MAX_NAME_CHARS) }
        })
    }

    /// A reason (reden): text of 1 to 500 characters, several lines allowed.
    pub fn reason(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Reason (reden): trimmed 1 to 500 characters; several lines allowed.",
            "pattern": text_pattern(500)
        })
    }

    /// The rating's explanation (toelichting): at most 500 characters, line breaks and tabs
    /// allowed, no other control characters ([`crate::rating::RatingText::parse`]).
    pub fn rating_text(_: &mut SchemaGenerator) -> Schema {
        let ws = crate::form::WHITESPACE;
        let control = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f";
        let inner = crate::rating::MAX_TEXT_CHARS - 2;
        json_schema!({
            "type": ["string", "null"],
            "description": "Explanation (toelichting), trimmed at most 500 characters; line breaks and tabs allowed.",
            "pattern": format!("^[{ws}]*(?:[^{control}{ws}](?:[^{control}]{{0,{inner}}}[^{control}{ws}])?)?[{ws}]*$")
        })
    }

    /// A NACE-BEL code of five digits (`62010` or `62.010`).
    pub fn nace(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "NACE-BEL code of the main activity (step 1): five digits, e.g. \"62.010\" or \"62010\".",
            "pattern": r"^[0-9]{2}\.?[0-9]{3}$"
        })
    }

    /// Hours: above 0, at most 100000, at most two decimals.
    pub fn hours(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Total hours, all participants together: above 0 and at most 100000, at most two decimals, e.g. \"16\" or \"7.5\".",
            "pattern": r"^(?:[1-9][0-9]{0,4}(?:\.[0-9]{1,2})?|0\.(?:0[1-9]|[1-9][0-9]?)|100000(?:\.00?)?)$"
        })
    }

    /// An amount to pay: at least 0.01.
    pub fn positive_amount(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Amount to pay (te betalen bedrag): from 0.01 to 10000000, at most two decimals, as text.",
            "pattern": r"^(?:[1-9][0-9]{0,6}(?:\.[0-9]{1,2})?|0\.(?:0[1-9]|[1-9][0-9]?)|10000000(?:\.00?)?)$"
        })
    }

    /// Support already received this year: at most the annual ceiling of € 7.500 (every regime's,
    /// `shared::regime`).
    pub fn used_this_year(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "null"],
            "description": "Support already received this calendar year, at most the annual ceiling (7500); default 0.",
            "pattern": r"^(?:(?:0|[1-9][0-9]{0,2}|[1-6][0-9]{3}|7[0-4][0-9]{2})(?:\.[0-9]{1,2})?|7500(?:\.00?)?)$"
        })
    }

    /// The date whose rules apply: on or after the first regime (2023-01-01).
    pub fn simulation_date(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "null"],
            "format": "date",
            "description": "Date whose rules apply, from 2023-01-01 (the first rule set); default today.",
            "pattern": r"^(?:202[3-9]|20[3-9][0-9]|2[1-9][0-9]{2}|[3-9][0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
        })
    }

    /// Staff in annual work units: `size_wizard::parse_figure` up to `Figures::MAX_STAFF_AWU`.
    pub fn staff_awu(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Annual work units (JAE) as text: from 0 to 10000000, at most two decimals, e.g. \"12.5\".",
            "pattern": r"^(?:(?:0|[1-9][0-9]{0,6})(?:\.[0-9]{1,2})?|10000000(?:\.00?)?)$"
        })
    }

    /// A euro figure of the size wizard: up to `Figures::MAX_EURO` (10^15).
    pub fn euro_figure(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Euro amount as text: from 0 to 1000000000000000, at most two decimals, e.g. \"1800000.00\".",
            "pattern": r"^(?:(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,2})?|1000000000000000(?:\.00?)?)$"
        })
    }

    /// The kind of training: one of the kinds, or empty or null for none (advice).
    pub fn training_kind(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Training only: classroom (klassikaal), distance (afstandsleren), internal (intern); empty or null for none.",
            "anyOf": [
                generator.subschema_for::<crate::service_eligibility::TrainingKind>(),
                { "const": "" },
                { "type": "null" }
            ]
        })
    }

    /// A percentage from 0 to 100, at most two decimals (`registration::parse_percent`).
    pub fn percent(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": crate::api::registration::PERCENT_PATTERN
        })
    }

    /// Text with at least one character that is not whitespace.
    pub fn non_blank(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!("[^{}]", crate::form::WHITESPACE)
        })
    }

    /// Any text; its rule (check digits, a database fact) is the server's, named in the
    /// description.
    pub fn checked_text(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }

    /// Like [`checked_text`], may be null.
    pub fn checked_text_or_null(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "null"] })
    }
}
