//! Errors people and API clients see: a stable machine `code` and a Dutch `message`.
//!
//! - [`FieldError`]: the request itself is wrong (HTTP 400), naming the field.
//! - [`Reason`]: the request is well-formed but a rule refuses it (eligible: false / HTTP 422).

use serde::Serialize;

/// A field of a request that cannot be accepted as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field as named in the API (`cost`, `date`, ...); empty for the body as a whole.
    pub field: String,
    /// Stable machine code (`required`, `not_a_number`, ...).
    pub code: &'static str,
    /// What to do about it, in Dutch.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            code,
            message: message.into(),
        }
    }
}

/// A rule that refuses a well-formed request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub message: String,
}

impl Reason {
    pub fn new(code: &'static str, message: impl Into<String>) -> Reason {
        Reason {
            code,
            message: message.into(),
        }
    }
}

/// Something worth knowing about an answer that does not refuse it.
pub type Note = Reason;
