//! Signed in as the operator (the agency and its financial partner): the provider register,
//! bank entries, payments executed, refunds, the audit log and the daily job.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::public::{MoneyInput, Provider, SubthemeId, ThemeId};
use super::Timestamp;
use crate::error::FieldError;
use crate::form::Fields;
use crate::ids::DossierNumber;
use crate::money::Money;
use crate::service::ServiceType;
use crate::themes::ThemeChoice;

/// A theme a provider is registered for; no sub-theme for the whole theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderTheme {
    pub theme: ThemeId,
    /// Absent, null or empty for the whole theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtheme: Option<SubthemeId>,
}

/// `PUT /api/v1/operator/providers/{number}`: registers or updates a provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderRequest {
    /// Ignored: the number is the path's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 1 to 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::line_200")
    )]
    pub name: String,
    /// 1 to 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::line_200")
    )]
    pub address: String,
    /// 1 to 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::line_200")
    )]
    pub email: String,
    #[cfg_attr(feature = "openapi", schemars(length(min = 1)))]
    pub services: Vec<ServiceType>,
    #[cfg_attr(feature = "openapi", schemars(length(min = 1)))]
    pub themes: Vec<ProviderTheme>,
    /// A suspended provider disappears from the directory; default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspended: Option<bool>,
}

const PROVIDER_FIELDS: &[(&str, &str)] = &[
    ("number", "Registratienummer"),
    ("name", "Naam"),
    ("address", "Adres"),
    ("email", "E-mailadres"),
    ("services", "Diensten"),
    ("themes", "Thema's"),
    ("suspended", "Geschorst"),
];

impl ProviderRequest {
    /// Reads the body of `PUT /api/v1/operator/providers/{number}`, naming every wrong field.
    /// The answer is the request as registered: `number` left out (the path's counts), a
    /// theme's sub-theme absent for the whole theme, `suspended` always said.
    pub fn from_json(body: &Value) -> Result<ProviderRequest, Vec<FieldError>> {
        let mut f = Fields::new(body, PROVIDER_FIELDS)?;
        let hint = "1 tot 200 tekens, zonder stuurtekens.";
        let mut text_field = |field: &str| f.required_text(field, 200, "invalid_text", hint);
        let name = text_field("name");
        let address = text_field("address");
        let email = text_field("email");
        // Ignored (the path names the provider), but text when it is sent at all.
        let _ = f.optional_str("number");
        let suspended = f.optional_bool("suspended").unwrap_or(false);
        // Every entry must read; an empty list registers nothing.
        let list = |field: &str| body.get(field).and_then(Value::as_array);
        let services = list("services").and_then(|list| {
            let read: Vec<ServiceType> = list
                .iter()
                .filter_map(Value::as_str)
                .filter_map(ServiceType::parse)
                .collect();
            (!read.is_empty() && read.len() == list.len()).then_some(read)
        });
        if services.is_none() {
            f.error(
                "services",
                "invalid_services",
                "een lijst met \"training\" en/of \"advice\".",
            );
        }
        let themes = list("themes").and_then(|list| {
            let read: Vec<ProviderTheme> = list.iter().filter_map(provider_theme).collect();
            (!read.is_empty() && read.len() == list.len()).then_some(read)
        });
        if themes.is_none() {
            f.error(
                "themes",
                "invalid_themes",
                "een lijst van { \"theme\", \"subtheme\"? } uit GET /api/v1/themes.",
            );
        }
        f.finish()?;
        match (name, address, email, services, themes) {
            (Some(name), Some(address), Some(email), Some(services), Some(themes)) => {
                Ok(ProviderRequest {
                    number: None,
                    name,
                    address,
                    email,
                    services,
                    themes,
                    suspended: Some(suspended),
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

/// One `{ "theme", "subtheme"? }` of GET /api/v1/themes, with the catalogue's ids.
/// Only those two fields; a sub-theme is text, null or absent.
fn provider_theme(entry: &Value) -> Option<ProviderTheme> {
    let object = entry.as_object()?;
    if object.keys().any(|k| k != "theme" && k != "subtheme") {
        return None;
    }
    let theme = object.get("theme")?.as_str()?;
    let sub = match object.get("subtheme") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_str()?).filter(|s| !s.is_empty()),
    };
    let choice = ThemeChoice::parse(theme, sub).ok()?;
    Some(ProviderTheme {
        theme: ThemeId(choice.theme.id.to_string()),
        subtheme: choice.subtheme.map(|s| SubthemeId(s.id.to_string())),
    })
}

/// The provider as the directory shows it after the change; null when suspended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderSaved {
    pub provider: Option<Provider>,
    pub suspended: bool,
}

/// `POST /api/v1/operator/payments/{id}/executed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentExecuted {
    pub id: i64,
    pub status: super::enterprise::PaymentStatus,
}

/// Pending refunds only, for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    Pending,
}

/// Own contribution to pay back (terugbetaling eigen bijdrage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Refund {
    pub id: i64,
    pub amount: Money,
    /// The enterprise's refund account; empty when unknown.
    pub iban: String,
    pub status: RefundStatus,
    pub created_at: Timestamp,
    pub dossier_number: DossierNumber,
}

/// What the import did with a bank entry, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BankEntryOutcome {
    Credited,
    /// A provider paid back a stopped, fully paid project (RULES.md §7 cases 3 and 4).
    Recovered,
    RefundWrongAmount,
    RefundLate,
    RefundUnknown,
    RefundDuplicate,
    RefundEnded,
    IgnoredDebit,
}

impl BankEntryOutcome {
    pub const ALL: [BankEntryOutcome; 8] = [
        BankEntryOutcome::Credited,
        BankEntryOutcome::Recovered,
        BankEntryOutcome::RefundWrongAmount,
        BankEntryOutcome::RefundLate,
        BankEntryOutcome::RefundUnknown,
        BankEntryOutcome::RefundDuplicate,
        BankEntryOutcome::RefundEnded,
        BankEntryOutcome::IgnoredDebit,
    ];

    /// What a deposit's (or a provider's repayment's) transition did with the money
    /// (`shared::project`): credited, recovered, or sent back for its reason.
    pub fn of_deposit(movements: &[crate::project::Movement]) -> BankEntryOutcome {
        use crate::project::{DepositProblem, Movement};
        movements
            .iter()
            .find_map(|m| match m {
                Movement::OwnContributionIn { .. } => Some(BankEntryOutcome::Credited),
                Movement::RecoveredFromProvider { .. } => Some(BankEntryOutcome::Recovered),
                Movement::DepositReturned { reason, .. } => Some(match reason {
                    DepositProblem::WrongAmount => BankEntryOutcome::RefundWrongAmount,
                    DepositProblem::TooLate => BankEntryOutcome::RefundLate,
                    DepositProblem::AlreadyReceived => BankEntryOutcome::RefundDuplicate,
                }),
                _ => None,
            })
            .unwrap_or(BankEntryOutcome::RefundUnknown)
    }

    /// From its id (`refund_late`).
    pub fn parse(id: &str) -> Option<BankEntryOutcome> {
        BankEntryOutcome::ALL.into_iter().find(|o| o.id() == id)
    }

    pub fn id(self) -> &'static str {
        match self {
            BankEntryOutcome::Credited => "credited",
            BankEntryOutcome::Recovered => "recovered",
            BankEntryOutcome::RefundWrongAmount => "refund_wrong_amount",
            BankEntryOutcome::RefundLate => "refund_late",
            BankEntryOutcome::RefundUnknown => "refund_unknown",
            BankEntryOutcome::RefundDuplicate => "refund_duplicate",
            BankEntryOutcome::RefundEnded => "refund_ended",
            BankEntryOutcome::IgnoredDebit => "ignored_debit",
        }
    }
}

/// A deposit that is not accepted and goes back to the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DepositToReturn {
    pub id: i64,
    /// The bank's id of the entry.
    pub entry_ref: String,
    pub booked_on: NaiveDate,
    pub amount: Money,
    pub currency: String,
    pub communication: String,
    pub counterparty_name: String,
    pub counterparty_iban: String,
    /// Why it goes back.
    pub outcome: BankEntryOutcome,
}

/// `GET /api/v1/operator/refunds`: oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RefundList {
    pub refunds: Vec<Refund>,
    pub deposits_to_return: Vec<DepositToReturn>,
}

/// An imported entry of the wallet account's bank statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BankEntry {
    pub id: i64,
    /// The bank's id: importing twice credits once.
    pub entry_ref: String,
    pub booked_on: NaiveDate,
    pub amount: Money,
    pub currency: String,
    /// True for a credit, false for a debit.
    pub credit: bool,
    pub communication: String,
    pub counterparty_name: String,
    pub counterparty_iban: String,
    pub outcome: BankEntryOutcome,
    /// The project credited or refused, if any.
    pub dossier_number: Option<DossierNumber>,
    /// When a refused deposit was sent back.
    pub refunded_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

/// `GET /api/v1/operator/bank-entries`: newest first, a page at a time (`api::page`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BankEntryList {
    pub entries: Vec<BankEntry>,
    /// The `cursor` of the next page; `null` on the last (see `api::page`).
    pub next_cursor: Option<String>,
}

/// Who acted, in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    Enterprise,
    Provider,
    Operator,
    /// Sign-in events of someone acting for no organisation (yet).
    Person,
}

/// One line of the append-only audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_role: ActorRole,
    /// Enterprise number, provider number, operator name or "systeem".
    pub actor: String,
    /// e.g. application_registered, payment_ordered, provider_saved, enterprise_updated,
    /// signed_in, sign_in_refused, organisation_chosen.
    pub action: String,
    /// Dossier number, provider number, enterprise number or payment id.
    pub target: String,
    /// Details of the change.
    pub detail: super::AuditDetail,
    pub at: Timestamp,
    /// The identity provider's subject (sub) of the person who acted; systeem for the daily job
    /// and imports; empty before sign-in named one.
    pub person: String,
    pub person_name: String,
}

/// `GET /api/v1/operator/audit`: newest first, a page at a time (`api::page`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AuditList {
    pub entries: Vec<AuditEntry>,
    /// The `cursor` of the next page; `null` on the last (see `api::page`).
    pub next_cursor: Option<String>,
}

/// `POST /api/v1/operator/run-daily`: what one run of the daily job did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DailyRun {
    /// Applications cancelled: deposit too late.
    pub cancelled: u32,
    /// Projects closed at the end of their term.
    pub closed: u32,
    /// Reminders written (each once per project and deadline: a second run writes none).
    pub reminders: u32,
}

/// One booking on the wallet account, as the financial partner reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BankEntryInput {
    /// The bank's reference, unique per booking, at most 100 characters.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::line_100")
    )]
    pub entry_ref: String,
    /// Booking date.
    pub booked_on: NaiveDate,
    /// Always positive; credit says which way the money went.
    pub amount: MoneyInput,
    /// ISO 4217 code, e.g. EUR.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::currency")
    )]
    pub currency: String,
    /// Money came in (true) or went out (false).
    pub credit: bool,
    /// Structured (+++ddd/dddd/ddddd+++) or free communication (mededeling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication: Option<String>,
    /// Who paid (at most 140 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty_name: Option<String>,
    /// The payer's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty_iban: Option<String>,
}

/// `POST /api/v1/operator/bank-entries`: at most 1000 bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BankEntriesRequest {
    #[cfg_attr(feature = "openapi", schemars(length(max = 1000)))]
    pub entries: Vec<BankEntryInput>,
}

/// What an import did with one booking: the stored outcomes, or already_imported (this
/// entry_ref was imported before: nothing changes), or busy_retry (the project was changing
/// under contention: nothing was recorded, import the entry again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    Credited,
    Recovered,
    RefundWrongAmount,
    RefundLate,
    RefundDuplicate,
    RefundUnknown,
    RefundEnded,
    IgnoredDebit,
    AlreadyImported,
    BusyRetry,
}

impl From<BankEntryOutcome> for ImportOutcome {
    fn from(o: BankEntryOutcome) -> ImportOutcome {
        match o {
            BankEntryOutcome::Credited => ImportOutcome::Credited,
            BankEntryOutcome::Recovered => ImportOutcome::Recovered,
            BankEntryOutcome::RefundWrongAmount => ImportOutcome::RefundWrongAmount,
            BankEntryOutcome::RefundLate => ImportOutcome::RefundLate,
            BankEntryOutcome::RefundUnknown => ImportOutcome::RefundUnknown,
            BankEntryOutcome::RefundDuplicate => ImportOutcome::RefundDuplicate,
            BankEntryOutcome::RefundEnded => ImportOutcome::RefundEnded,
            BankEntryOutcome::IgnoredDebit => ImportOutcome::IgnoredDebit,
        }
    }
}

/// One booking's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportedEntry {
    pub entry_ref: String,
    pub outcome: ImportOutcome,
    /// The project the deposit was matched to.
    pub dossier_number: Option<DossierNumber>,
}

/// The results of an import, one per booking, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportResult {
    pub results: Vec<ImportedEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_provider_request_reads_into_what_is_registered() {
        let body = json!({ "number": "DV.O990427", "name": " Opleider ", "address": "Straat 1",
            "email": "a@b.be", "services": ["training"],
            "themes": [{ "theme": "digitalisering", "subtheme": "" },
                       { "theme": "digitalisering", "subtheme": "software" }] });
        let p = ProviderRequest::from_json(&body).unwrap();
        assert_eq!(p.name, "Opleider");
        assert_eq!(p.number, None);
        assert_eq!(p.suspended, Some(false));
        assert_eq!(p.themes[0].subtheme, None);
        assert_eq!(p.themes[1].subtheme, Some(SubthemeId("software".into())));
    }

    #[test]
    fn every_wrong_provider_field_is_named() {
        let body = json!({ "name": "", "services": ["training", "x"], "themes": [], "extra": 1 });
        let errors = ProviderRequest::from_json(&body).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("name", "invalid_text"),
                ("address", "required"),
                ("email", "required"),
                ("services", "invalid_services"),
                ("themes", "invalid_themes"),
                ("extra", "unknown_field"),
            ]
        );
    }
}

/// A mail the operator must look at: not sent after every try, or handed to the mail service
/// without its answer being recorded (never sent again automatically: a mail is never sent
/// twice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ParkedMail {
    pub id: i64,
    /// The address it was (to be) sent to.
    pub recipient: String,
    pub role: crate::role::Role,
    /// Enterprise or provider number.
    pub subject_id: String,
    pub subject: String,
    pub status: super::session::MailStatus,
    pub attempts: i64,
    /// The mail service's last answer.
    pub last_error: Option<String>,
    pub created_at: Timestamp,
}

/// `GET /api/v1/operator/mails`: parked mails, newest first, a page at a time (`api::page`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ParkedMailList {
    pub mails: Vec<ParkedMail>,
    /// The `cursor` of the next page; `null` on the last (see `api::page`).
    pub next_cursor: Option<String>,
}
