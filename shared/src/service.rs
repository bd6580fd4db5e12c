//! The service bought: training (opleiding) or advice (advies). RULES.md §4.

use serde::{Deserialize, Serialize};

/// Type dienstverlening (003 step 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ServiceType {
    /// Opleiding.
    Training,
    /// Advies.
    Advice,
}

impl ServiceType {
    pub const ALL: [ServiceType; 2] = [ServiceType::Training, ServiceType::Advice];

    /// The API id.
    pub fn id(self) -> &'static str {
        match self {
            ServiceType::Training => "training",
            ServiceType::Advice => "advice",
        }
    }

    pub fn parse(s: &str) -> Option<ServiceType> {
        ServiceType::ALL.into_iter().find(|t| t.id() == s)
    }

    /// Dutch label as in the manual.
    pub fn label_nl(self) -> &'static str {
        match self {
            ServiceType::Training => "Opleiding",
            ServiceType::Advice => "Advies",
        }
    }
}
