//! JSON Schemas of the value types the API is made of (feature `openapi`, native only): money,
//! rates, identifiers and ids, each with the pattern or list of values the Worker accepts, so the
//! generated schema and the server agree.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use super::enterprise::EnterpriseNumberDigits;
use super::public::{MoneyInput, SubthemeId, ThemeId};
use super::True;
use crate::ids::{DossierNumber, EnterpriseNumber, ProviderNumber, StructuredCommunication};
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

/// The pattern of an amount a client may send ([`Money::parse`]): digits with at most two
/// decimals, from 0 to 10,000,000.00 (`Money::MAX`); no sign, no spaces.
pub const MONEY_INPUT_PATTERN: &str =
    r"^(?:[0-9]{1,7}(?:\.[0-9]{1,2})?|0*10000000(?:\.00?)?)$";

schema!(Money, "Money", {
    "type": "string",
    "description": "Euro amount with two decimals, e.g. \"980.00\".",
    "pattern": r"^\d+\.\d{2}$",
    "examples": ["980.00"]
});

schema!(MoneyInput, "MoneyInput", {
    "type": "string",
    "description": "Euro amount as text, at most two decimals (\"980\", \"980.00\"), at most 10000000; never a JSON number.",
    "pattern": MONEY_INPUT_PATTERN,
    "examples": ["980.00"]
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

schema!(EnterpriseNumber, "EnterpriseNumberInput", {
    "type": "string",
    "description": "Enterprise number (ondernemingsnummer): 10 digits, optionally written 0403.227.515.",
    "examples": ["0403227515"]
});

schema!(ProviderNumber, "ProviderNumber", {
    "type": "string",
    "description": "Provider registration number (registratienummer dienstverlener): DV.O or DV.0 and six digits.",
    "pattern": r"^DV\.[O0]\d{6}$",
    "examples": ["DV.O123456"]
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
