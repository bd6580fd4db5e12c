//! Signed in as a service provider (dienstverlener): the applications naming it, refusing one,
//! payments received and ratings. A provider sees only projects that name it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::enterprise::{Payment, PaymentStatus};
use super::Timestamp;
use crate::ids::DossierNumber;
use crate::money::Money;
use crate::project::{Movement, Status};
use crate::service::ServiceType;

/// An application naming the signed-in provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderProject {
    pub dossier_number: DossierNumber,
    pub name: String,
    pub service: ServiceType,
    pub theme: String,
    /// Empty for none.
    pub subtheme: String,
    pub year: i32,
    /// The applying enterprise.
    pub enterprise_name: Option<String>,
    pub status: Status,
    pub status_label: String,
    pub project_amount: Money,
    pub paid: Money,
    pub payments: Vec<Payment>,
    /// Nothing paid yet and not ended: the provider can still refuse.
    pub can_refuse: bool,
}

/// `GET /api/v1/provider/projects`: newest first, a page at a time (`api::page`), filtered by
/// status, year and a dossier number or part of the enterprise's name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderProjectList {
    pub projects: Vec<ProviderProject>,
    /// The `cursor` of the next page; `null` on the last (see `api::page`).
    pub next_cursor: Option<String>,
}

/// `POST /api/v1/provider/projects/{dossier}/refuse`: the reason, and optionally the ground
/// the rules name (RULES.md §3: a related provider must refuse).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RefuseRequest {
    /// Reason (reden), 1 to 500 characters.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::reason")
    )]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<crate::project::RefusalGround>,
}

/// `POST /api/v1/provider/projects/{dossier}/refuse`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RefuseAnswer {
    pub status: Status,
    pub movements: Vec<Movement>,
}

/// A payment to the provider, with its project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderPayment {
    /// Payment id (for the operator's 'executed').
    pub id: i64,
    pub amount: Money,
    /// From the own contribution.
    pub own_part: Money,
    /// From the subsidy.
    pub subsidy_part: Money,
    /// Invoice number or reference (factuurnummer).
    pub reference: String,
    /// Communication (mededeling): structured or free.
    pub communication: String,
    pub status: PaymentStatus,
    pub ordered_on: NaiveDate,
    pub dossier_number: DossierNumber,
}

impl ProviderPayment {
    /// The payment as its project lists it.
    pub fn payment(&self) -> Payment {
        Payment {
            id: self.id,
            amount: self.amount,
            own_part: self.own_part,
            subsidy_part: self.subsidy_part,
            reference: self.reference.clone(),
            communication: self.communication.clone(),
            status: self.status,
            ordered_on: self.ordered_on,
        }
    }
}

/// `GET /api/v1/provider/payments`: newest first, a page at a time (`api::page`), with the sum
/// of all of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderPaymentList {
    pub payments: Vec<ProviderPayment>,
    /// Sum of all payments, on every page.
    pub total: crate::money::Total,
    /// The `cursor` of the next page; `null` on the last (see `api::page`).
    pub next_cursor: Option<String>,
}

/// A rating of the signed-in provider; the provider always sees who rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderRating {
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 5)))]
    pub stars: u8,
    pub text: String,
    /// Who rated (the provider always sees it).
    pub rater_name: String,
    pub company_name: String,
    pub created_at: Timestamp,
    pub dossier_number: DossierNumber,
    pub project_name: String,
}

/// `GET /api/v1/provider/ratings`: newest first, a page at a time (`api::page`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderRatingList {
    pub ratings: Vec<ProviderRating>,
    /// The `cursor` of the next page; `null` on the last (see `api::page`).
    pub next_cursor: Option<String>,
}
