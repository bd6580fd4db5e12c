//! The API's contract: one Rust type per request body and per answer of every route.
//!
//! The Worker serializes exactly these types and the front-end and widget deserialize exactly
//! these, so the two sides cannot drift; `openapi.json` is generated from them (the `openapi`
//! feature derives the JSON Schemas, `cargo run -p kmo-openapi` writes the document, and the test
//! command fails when the committed one differs). Field names of the public routes
//! (`/simulate`, `/themes`, `/providers`) are a promise to integrators: never rename them.
//!
//! Conventions: money is [`Money`] (`"980.00"`), dates [`NaiveDate`] (`YYYY-MM-DD`), moments as D1
//! stores them ([`Timestamp`]), identifiers their own types, statuses and kinds enums.
//!
//! Request bodies are read by their `parse` (one parse boundary on the Worker), which names every
//! wrong field in Dutch with a stable code; the front-end builds the same types and serializes
//! them.

pub mod enterprise;
pub mod operator;
pub mod page;
pub mod provider;
pub mod public;
pub mod reader;
pub mod registration;
pub mod session;

#[cfg(feature = "openapi")]
pub mod schema;

use serde::{Deserialize, Serialize};

use crate::error;

/// A moment as D1 stores it (`YYYY-MM-DD HH:MM:SS`, UTC), shown as sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "openapi",
    schemars(
        description = "When, in UTC, as D1 stores it (\"YYYY-MM-DD HH:MM:SS\" or ISO 8601).",
        extend("pattern" = "^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}")
    )
)]
#[serde(transparent)]
pub struct Timestamp(pub String);

/// One wrong field of a request (HTTP 400), as the API writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(rename = "FieldError"))]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// The field as named in the API; empty for the body as a whole (or a header name).
    pub field: String,
    /// Stable machine code, e.g. required, not_a_number, not_signed_in.
    pub code: String,
    /// What to do about it, in Dutch.
    pub message: String,
}

impl From<&error::FieldError> for Problem {
    fn from(e: &error::FieldError) -> Problem {
        Problem {
            field: e.field.clone(),
            code: e.code.to_string(),
            message: e.message.clone(),
        }
    }
}

/// The request cannot be accepted as sent (or: not signed in, no access, not found).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Errors {
    #[cfg_attr(feature = "openapi", schemars(length(min = 1)))]
    pub errors: Vec<Problem>,
}

impl Errors {
    pub fn one(field: &str, code: &str, message: impl Into<String>) -> Errors {
        Errors {
            errors: vec![Problem {
                field: field.to_string(),
                code: code.to_string(),
                message: message.into(),
            }],
        }
    }
}

impl From<&[error::FieldError]> for Errors {
    fn from(errors: &[error::FieldError]) -> Errors {
        Errors {
            errors: errors.iter().map(Problem::from).collect(),
        }
    }
}

/// Why a rule refuses a well-formed request, or a note about an answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// Stable machine code, e.g. cost_below_minimum.
    pub code: String,
    /// Why, in Dutch.
    pub message: String,
}

impl From<&error::Reason> for Reason {
    fn from(r: &error::Reason) -> Reason {
        Reason {
            code: r.code.to_string(),
            message: r.message.clone(),
        }
    }
}

/// A well-formed request that a rule refuses (422).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    #[cfg_attr(feature = "openapi", schemars(length(min = 1)))]
    pub reasons: Vec<Reason>,
}

impl Reasons {
    pub fn of(reasons: &[error::Reason]) -> Reasons {
        Reasons {
            reasons: reasons.iter().map(Reason::from).collect(),
        }
    }
}

/// Any error answer of the API, as a client reads it: 400 `errors` or 422 `reasons`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Refusal {
    #[serde(default)]
    pub errors: Vec<Problem>,
    #[serde(default)]
    pub reasons: Vec<Reason>,
}

/// The JSON constant `true` (`"signed_out": true`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct True;

impl Serialize for True {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(true)
    }
}

impl<'de> Deserialize<'de> for True {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<True, D::Error> {
        if bool::deserialize(d)? {
            Ok(True)
        } else {
            Err(serde::de::Error::custom("expected true"))
        }
    }
}

/// A value before and after a change (`enterprise_updated`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub from: String,
    pub to: String,
}

/// The details of an audit-log line, stored as JSON in `audit_log.detail`. Each action fills
/// its own fields (the rest stay absent): a project change its `event` and `movements`, a
/// sign-in the `organisations` and `acting`, a size declaration `size` and `was`, and so on.
/// A stored detail that does not read as this type is an error, never an empty object.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AuditDetail {
    /// A project change: the event applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<crate::project::Event>,
    /// A project change: the money it moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub movements: Option<Vec<crate::project::Movement>>,
    /// `application_registered`: the subsidy reserved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsidy: Option<crate::money::Money>,
    /// `provider_rated`: the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stars: Option<u8>,
    /// `enterprise_updated`: the e-mail address changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Change>,
    /// `enterprise_updated`: the refund account changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_iban: Option<Change>,
    /// `size_confirmed`: the size declared, and the one before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<crate::size::EnterpriseSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<crate::size::EnterpriseSize>,
    /// `signed_in`: the organisations the person may act for, and the one acted for (absent
    /// while they still have to choose).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisations: Option<Vec<session::Organisation>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acting: Option<session::Organisation>,
    /// `bank_entry_recorded`: what the import did with the entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<operator::BankEntryOutcome>,
    /// `provider_saved`: the provider as registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<operator::ProviderRequest>,
}
