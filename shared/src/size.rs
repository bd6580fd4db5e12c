//! Enterprise size (ondernemingsgrootte) by the EU SME definition. RULES.md §3.

use serde::{Deserialize, Serialize};

/// The size category that decides the rate. Micro counts as small (RULES.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseSize {
    /// Kleine onderneming.
    Small,
    /// Middelgrote onderneming.
    Medium,
    /// Grote onderneming: not eligible.
    Large,
}

impl EnterpriseSize {
    pub const ALL: [EnterpriseSize; 3] = [
        EnterpriseSize::Small,
        EnterpriseSize::Medium,
        EnterpriseSize::Large,
    ];

    /// The API id.
    pub fn id(self) -> &'static str {
        match self {
            EnterpriseSize::Small => "small",
            EnterpriseSize::Medium => "medium",
            EnterpriseSize::Large => "large",
        }
    }

    pub fn parse(s: &str) -> Option<EnterpriseSize> {
        EnterpriseSize::ALL.into_iter().find(|t| t.id() == s)
    }

    /// Dutch label as in the manual ("Kleine Onderneming").
    pub fn label_nl(self) -> &'static str {
        match self {
            EnterpriseSize::Small => "Kleine onderneming",
            EnterpriseSize::Medium => "Middelgrote onderneming",
            EnterpriseSize::Large => "Grote onderneming",
        }
    }
}
