//! Public routes, no sign-in: health, themes, the simulator and the provider directory.
//! Their field names are a promise to integrators (the widget and providers' own sites).

use serde::{Deserialize, Serialize};

use crate::ids::ProviderNumber;
use crate::service_eligibility::ProviderRegistration;

/// `GET /api/v1/health`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// The D1 database answers.
    pub d1: bool,
    /// The KV namespace answers.
    pub kv: bool,
}

/// `GET /api/v1/themes`: every theme with its sub-themes, in the manual's order.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ThemeList {
    pub themes: &'static [crate::themes::Theme],
}

/// `POST /api/v1/simulate`. Read by [`crate::simulate::SimulationRequest::from_json`], which
/// names every wrong field; this type is what a client sends. Unknown fields are refused (400
/// unknown_field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(rename = "SimulationRequest"))]
#[serde(deny_unknown_fields)]
pub struct SimulateRequest {
    pub size: crate::size::EnterpriseSize,
    pub service: crate::service::ServiceType,
    /// Theme id from GET /api/v1/themes.
    pub theme: ThemeId,
    /// Sub-theme id of that theme; absent, null or empty for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtheme: Option<SubthemeId>,
    /// Eligible cost excl. VAT (kost exclusief btw).
    pub cost: MoneyInput,
    /// Date whose rules apply; default today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::simulation_date")
    )]
    pub date: Option<chrono::NaiveDate>,
    /// Support already received this calendar year; default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::used_this_year")
    )]
    pub used_this_year: Option<MoneyInput>,
}

/// A theme id (`digitalisering`): one of GET /api/v1/themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ThemeId(pub String);

/// A sub-theme id (`cybersecurity`), or empty for none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SubthemeId(pub String);

/// An amount as a client sends it: text, at most two decimals (`"980"`, `"980.00"`), from 0 to
/// 10,000,000; never a JSON number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MoneyInput(pub String);

/// Average stars and count of published ratings ("★★★★★(6)").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingSummary {
    /// Number of ratings.
    pub count: u32,
    /// Average stars, one decimal ("4.5"); null without ratings.
    #[cfg_attr(feature = "openapi", schemars(regex(pattern = r"^[1-5]\.\d$")))]
    pub average: Option<String>,
}

/// A registered, active service provider (dienstverlener), as the directory shows it (003
/// step 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub number: ProviderNumber,
    pub name: String,
    pub address: String,
    pub email: String,
    pub registration: ProviderRegistration,
    pub rating: RatingSummary,
}

/// `GET /api/v1/providers`: at most 25, by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderList {
    #[cfg_attr(feature = "openapi", schemars(length(max = 25)))]
    pub providers: Vec<Provider>,
}
