//! Signed in as an enterprise (onderneming): its data and budget, its projects, applying, paying
//! the provider, stopping a project and rating the provider (manual 003).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::public::{MoneyInput, SubthemeId, ThemeId};
use super::Timestamp;
use crate::deadlines::Deadlines;
use crate::ids::{DossierNumber, EnterpriseNumber, ProviderNumber, StructuredCommunication};
use crate::money::Money;
use crate::project::{Movement, Status};
use crate::rate::Rate;
use crate::rating::Rating;
use crate::service::ServiceType;
use crate::service_eligibility::TrainingKind;
use crate::size::EnterpriseSize;

/// This year's annual budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Calendar year.
    pub year: i32,
    /// Annual ceiling (jaarplafond).
    pub ceiling: Money,
    /// Reserved by this year's projects.
    pub reserved: Money,
    /// Still available this year (resterend budget).
    pub remaining: Money,
}

/// `GET /api/v1/enterprise`: the enterprise's data (mijn ondernemingsgegevens) with this year's
/// budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EnterpriseProfile {
    pub number: EnterpriseNumberDigits,
    pub name: String,
    /// E-mail address for notifications.
    pub email: String,
    /// The address was confirmed through the link mailed to it.
    pub email_confirmed: bool,
    /// Account for refunds of the own contribution (rekeningnummer), electronic form; empty when
    /// unknown.
    pub refund_iban: String,
    pub size: EnterpriseSize,
    /// Size in Dutch, e.g. "Kleine onderneming".
    pub size_label: String,
    /// The size is fixed by this year's first application.
    pub size_fixed_for_year: bool,
    /// The figures given with the last size declaration, to compute the size again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_figures: Option<super::public::SizeAssessmentRequest>,
    pub budget: Budget,
    /// What the KBO says about it now; absent when the KBO data no longer have it.
    pub kbo: Option<super::registration::KboFacts>,
    /// Every reason it cannot apply now, as far as its current facts tell; empty when it can.
    pub reasons: Vec<super::Reason>,
}

/// An enterprise number as the API writes it: ten digits, no dots (`0403227515`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnterpriseNumberDigits(pub EnterpriseNumber);

impl Serialize for EnterpriseNumberDigits {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.digits())
    }
}

impl<'de> Deserialize<'de> for EnterpriseNumberDigits {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        EnterpriseNumber::deserialize(d).map(EnterpriseNumberDigits)
    }
}

/// `PATCH /api/v1/enterprise`: only the fields sent change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EnterpriseUpdate {
    /// New e-mail address (name@domain.tld, at most 254 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::checked_text_or_null")
    )]
    pub email: Option<String>,
    /// New Belgian IBAN for refunds (BE and 14 digits with valid check digits; spaces allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::checked_text_or_null")
    )]
    pub refund_iban: Option<String>,
}

/// `POST /api/v1/enterprise/size`: the declaration on honour of the enterprise's size (003
/// "Bevestig grootte onderneming").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SizeDeclaration {
    pub size: EnterpriseSize,
    /// The figures the size is computed from, as `POST /api/v1/size-assessment` takes them
    /// (400 naming each wrong field, `figures.own.turnover`); with them, `size` must be the
    /// size they establish (422 `size_differs_from_figures`). Kept with the declaration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<super::public::SizeAssessmentRequest>,
}

/// What the enterprise can do with a project now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectActions {
    /// Can pay the provider (Betalen).
    pub pay: bool,
    /// Can rate the provider (Beoordelen).
    pub rate: bool,
    /// Can stop the project (Stopzetten).
    pub stop: bool,
}

/// A project as the overview (historiek) lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProjectSummary {
    pub dossier_number: DossierNumber,
    /// Name of the training or advice.
    pub name: String,
    pub service: ServiceType,
    /// Theme id.
    pub theme: String,
    /// Sub-theme id; empty for none.
    pub subtheme: String,
    pub provider: ProviderNumber,
    pub provider_name: String,
    /// Application year.
    pub year: i32,
    pub status: Status,
    /// Status in Dutch.
    pub status_label: String,
    /// Project amount (projectbedrag).
    pub project_amount: Money,
    /// Own contribution (eigen bijdrage).
    pub own_contribution: Money,
    /// Subsidy (subsidie).
    pub subsidy: Money,
    /// Available balance (beschikbaar saldo) to pay the provider.
    pub available: Money,
    /// Paid to the provider so far.
    pub paid: Money,
    /// Last day for the own contribution to be on the wallet account.
    pub deposit_by: NaiveDate,
    /// Last day the project is open.
    pub closes_on: NaiveDate,
    pub actions: ProjectActions,
}

/// `GET /api/v1/enterprise/projects`: the last five calendar years, newest first, a page at a
/// time (`api::page`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectList {
    pub projects: Vec<ProjectSummary>,
    /// The `cursor` of the next page; `null` on the last (see `api::page`).
    pub next_cursor: Option<String>,
}

/// Money that moved on a project, on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectMovement {
    /// The movement's type (as `detail.type`).
    pub kind: String,
    pub amount: Money,
    pub on: NaiveDate,
    pub detail: Movement,
}

/// ordered (opdracht gegeven) or executed (uitgevoerd by the financial partner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Ordered,
    Executed,
}

impl PaymentStatus {
    /// In words, for the provider's spreadsheet of payments received.
    pub fn label_nl(self) -> &'static str {
        match self {
            PaymentStatus::Ordered => "opdracht gegeven",
            PaymentStatus::Executed => "uitgevoerd",
        }
    }
}

/// A payment order to the provider (betaling aan dienstverlener).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Payment {
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
}

/// `GET /api/v1/projects/{dossier}`: one project with its movements, payments and deadlines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProjectDetail {
    #[serde(flatten)]
    pub summary: ProjectSummary,
    /// Every movement of money, oldest first.
    pub movements: Vec<ProjectMovement>,
    /// Payments to the provider, oldest first.
    pub payments: Vec<Payment>,
    pub deadlines: Deadlines,
    pub rate: Rate,
    pub applied_at: Timestamp,
    /// Structured communication for the deposit.
    pub communication: StructuredCommunication,
    /// The project has deadlines to put in a calendar (`shared::calendar::deadlines`): the
    /// screen offers `calendar.ics` ("Zet in mijn agenda").
    pub calendar: bool,
}

/// `POST /api/v1/applications`: steps 1 to 4 of the wizard. Read by
/// [`crate::application::ApplicationForm::from_json`]; unknown fields are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    /// NACE-BEL code of the main activity (step 1), e.g. "62.010".
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::nace")
    )]
    pub nace: String,
    pub service: ServiceType,
    /// Name of the training or advice, 1 to 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::line_200")
    )]
    pub name: String,
    /// Training only: classroom (klassikaal), distance (afstandsleren), internal (intern).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::training_kind")
    )]
    pub training_kind: Option<TrainingKind>,
    pub theme: ThemeId,
    /// Sub-theme id; absent, null or empty for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtheme: Option<SubthemeId>,
    /// Total hours, all participants together, e.g. "16" or "7.5".
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::hours")
    )]
    pub hours: String,
    /// Participant names (training).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::participants")
    )]
    pub participants: Option<Vec<String>>,
    /// Enrolment or signed contract (datum inschrijving).
    pub enrolled_on: NaiveDate,
    /// First day of the service (startdatum).
    pub starts_on: NaiveDate,
    /// Contributes to the business (bijdrage tot het bedrijfsfunctioneren).
    pub contributes_to_business: bool,
    /// Cost excl. VAT and non-eligible costs. Exactly one of `cost` and `costs`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "MoneyInput"))]
    pub cost: Option<MoneyInput>,
    /// The costs split by kind ("Kosten opsplitsen"); only what counts is subsidised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "super::public::CostsInput"))]
    pub costs: Option<super::public::CostsInput>,
    pub provider: ProviderNumber,
    /// Declaration on honour (verklaring op eer).
    pub declaration_accepted: bool,
    /// The enterprise and the provider are not related (no shared capital or votes, common
    /// manager, director, employee or shareholder, no family ties up to the second degree);
    /// absent or false: refused (422 related_party_not_excluded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "bool"))]
    pub no_related_party: Option<bool>,
    /// Training: every participant is a 'werkende' of the enterprise; absent or false: refused
    /// (422 participants_not_confirmed_workers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "bool"))]
    pub participants_are_workers: Option<bool>,
    /// Training: attendance of at least 80 %; absent or false: refused (422
    /// attendance_not_confirmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schemars(with = "bool"))]
    pub attendance_at_least_80: Option<bool>,
}

/// How to deposit the own contribution (stortingsgegevens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DepositDetails {
    /// Begunstigde: the financial partner.
    pub beneficiary: String,
    pub beneficiary_address: String,
    /// Wallet account, groups of four.
    #[cfg_attr(
        feature = "openapi",
        schemars(regex(pattern = r"^BE\d{2}( \d{4}){3}$"))
    )]
    pub iban: String,
    pub bic: String,
    pub communication: StructuredCommunication,
    /// Own contribution (eigen bijdrage) to deposit.
    pub amount: Money,
    /// Last day the amount must be on the account.
    pub deadline: NaiveDate,
    /// "uiterlijk dd/mm/yyyy".
    pub deadline_nl: String,
    /// EPC QR payload (EPC069-12) for a banking app.
    #[cfg_attr(feature = "openapi", schemars(regex(pattern = r"^BCD\n")))]
    pub epc_qr: String,
}

impl DepositDetails {
    /// How to deposit the own contribution `amount` of the project with `communication` by
    /// `deadline` ([`crate::wallet_account::deposit_details`], with its EPC QR payload).
    pub fn of(
        communication: StructuredCommunication,
        amount: Money,
        deadline: NaiveDate,
    ) -> Result<DepositDetails, crate::epc_qr::EpcError> {
        let d = crate::wallet_account::deposit_details(&communication, amount, deadline)?;
        Ok(DepositDetails {
            beneficiary: d.beneficiary.to_string(),
            beneficiary_address: d.beneficiary_address.to_string(),
            iban: d.iban,
            bic: d.bic.to_string(),
            communication,
            amount: d.amount,
            deadline: d.deadline,
            deadline_nl: d.deadline_nl,
            epc_qr: d.epc_qr,
        })
    }
}

/// The registered application (step 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationAnswer {
    pub dossier_number: DossierNumber,
    pub status: Status,
    pub name: String,
    pub provider: ProviderNumber,
    pub rate: Rate,
    /// Id of the rule set.
    pub regime: String,
    pub size: EnterpriseSize,
    pub project_amount: Money,
    /// Own contribution (eigen bijdrage).
    pub own_contribution: Money,
    pub subsidy: Money,
    pub deadlines: Deadlines,
    pub deposit: DepositDetails,
    /// With a cost breakdown: each kind claimed, what counts, and why a part does not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cost_lines: Vec<crate::costs::CostLine>,
    /// "Hoe berekend?": every step in order, each with its legal source.
    #[serde(default)]
    pub explanation: Vec<crate::explanation::Explanation>,
}

/// `POST /api/v1/projects/{dossier}/payments` (with an `Idempotency-Key`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// Amount to pay (te betalen bedrag), at least 0.01.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::positive_amount")
    )]
    pub amount: MoneyInput,
    /// Invoice number or reference, 1 to 35 characters.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::line_35")
    )]
    pub reference: String,
    /// Structured (+++ddd/dddd/ddddd+++, with valid check digits) or free communication (at
    /// most 60 characters: a-z, A-Z, 0-9, space and / - ? : ( ) . , ' +).
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::checked_text")
    )]
    pub communication: String,
}

/// The payment and the project after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentAnswer {
    pub payment: Payment,
    pub project: ProjectDetail,
}

/// `POST /api/v1/projects/{dossier}/stop`: the reason (reden), and for a fully paid project
/// which of the cases 3 and 4 of RULES.md §7 it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StopRequest {
    /// Reason (reden), 1 to 500 characters.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::reason")
    )]
    pub reason: String,
    /// Required once the whole project amount is paid (422 `stop_cause_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<crate::project::StopCause>,
}

/// The stopped project and what the stop moved (refunds, budget).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StopAnswer {
    pub project: ProjectDetail,
    pub movements: Vec<Movement>,
}

/// `POST /api/v1/projects/{dossier}/rating`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingRequest {
    /// 1 (zeer ontevreden) to 5 (zeer tevreden).
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 5)))]
    pub stars: u8,
    /// Explanation (toelichting), at most 500 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::rating_text")
    )]
    pub text: Option<String>,
    /// Publish name and company with the rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_name: Option<bool>,
    /// Mail a copy to the rater.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_by_mail: Option<bool>,
}

/// The rating as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingAnswer {
    pub rating: Rating,
}

/// `POST /api/v1/email-confirmation`: the token of the link mailed to confirm an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EmailConfirmationRequest {
    /// 64 hexadecimal characters, as in the link.
    #[cfg_attr(
        feature = "openapi",
        schemars(extend("pattern" = "^[0-9a-f]{64}$"))
    )]
    pub token: String,
}

impl EmailConfirmationRequest {
    /// Whether `token` has the shape of a link's token (64 lower-case hexadecimal characters).
    pub fn is_token(token: &str) -> bool {
        token.len() == 64
            && token
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    }
}

/// The address confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EmailConfirmed {
    pub email: String,
}
