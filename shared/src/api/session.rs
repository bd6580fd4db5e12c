//! Signing in and out, who is signed in, the organisation acted for, notifications, and the
//! development build's own routes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Timestamp;
use crate::ids::DossierNumber;
use crate::reminder::Reminder;
use crate::role::Role;

/// `GET /api/v1/auth/options`: which ways to sign in this installation offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AuthOptions {
    /// Signing in through the government's identity provider (OpenID Connect) is configured.
    pub government: bool,
    /// The demo sign-in (development build in the development environment only).
    pub demo: bool,
}

/// An organisation the signed-in person may act for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub role: Role,
    /// Enterprise number, provider number, or operator.
    pub subject: String,
    pub name: String,
}

/// The signed-in user and what they act for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub role: Role,
    /// Enterprise number, provider number or operator name.
    pub subject: String,
    pub user_name: String,
    /// The identity provider's subject (sub) of the person; demo:<name> for a demo sign-in.
    pub person: String,
}

/// `GET /api/v1/me`: the signed-in person, the organisations they may act for, and the one they
/// act for now (role and subject null until they choose among several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub role: Option<Role>,
    pub subject: Option<String>,
    pub user_name: String,
    /// The identity provider's subject (sub).
    pub person: String,
    pub organisations: Vec<Organisation>,
    /// The enterprise acted for has no wallet yet: it registers first (`/api/v1/registration`),
    /// every other enterprise route answers 403 `registration_required` until then.
    pub must_register: bool,
}

impl Session {
    /// Who acts, once an organisation is chosen.
    pub fn actor(&self) -> Option<Actor> {
        Some(Actor {
            role: self.role?,
            subject: self.subject.clone()?,
            user_name: self.user_name.clone(),
            person: self.person.clone(),
        })
    }
}

/// `POST /api/v1/session/organisation`: act for another organisation of this sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChooseOrganisation {
    pub role: Role,
    /// Enterprise number, provider number or operator, as `organisations` lists it.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::non_blank")
    )]
    pub subject: String,
}

/// `POST /api/v1/sign-out`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SignedOut {
    pub signed_out: super::True,
}

/// Where a mail stands in the outbox (the Queue consumer moves it on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Written, waiting for the mail queue (also between retries).
    Pending,
    /// Handed to the mail service; its answer has not been recorded.
    Sending,
    /// Accepted by the mail service.
    Sent,
    /// Kept back until the enterprise confirms its e-mail address.
    Held,
    /// Not sent after the configured number of tries: the operator sees it.
    Failed,
    /// A reminder the project no longer needed when its turn came: not sent.
    Dropped,
}

impl MailStatus {
    /// Dutch label for the screens.
    pub fn label_nl(self) -> &'static str {
        match self {
            MailStatus::Pending => "wordt verstuurd",
            MailStatus::Sending => "wordt verstuurd",
            MailStatus::Sent => "verstuurd",
            MailStatus::Held => "wacht op de bevestiging van uw e-mailadres",
            MailStatus::Failed => "niet verstuurd",
            MailStatus::Dropped => "niet meer nodig, niet verstuurd",
        }
    }
}

/// A mail sent (or being sent) to the signed-in enterprise or provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Notification {
    pub id: i64,
    /// Mail subject, Dutch.
    pub subject: String,
    /// Mail text, Dutch.
    pub body: String,
    pub created_at: Timestamp,
    pub status: MailStatus,
    /// When the mail service accepted it.
    pub sent_at: Option<Timestamp>,
}

/// A reminder the daily job will send, unless the project no longer needs it by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UpcomingReminder {
    pub dossier_number: DossierNumber,
    /// The project's name.
    pub name: String,
    pub reminder: Reminder,
    /// The day it is sent.
    pub on: NaiveDate,
    /// The deadline it reminds of (deposit deadline or closing day).
    pub deadline: NaiveDate,
    /// What it is about, Dutch.
    pub about: String,
}

/// `GET /api/v1/notifications`: the mails, newest first, a page at a time (`api::page`), and the
/// reminders still to come for the enterprise's open projects (soonest first; empty for a
/// provider).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NotificationList {
    pub notifications: Vec<Notification>,
    /// The `cursor` of the next page; `null` on the last (see `api::page`).
    pub next_cursor: Option<String>,
    pub upcoming: Vec<UpcomingReminder>,
}

/// `POST /api/v1/dev/sign-in` (development build only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub role: Role,
    /// Enterprise number, provider number (seeded in db/seed.sql) or an operator name.
    #[cfg_attr(
        feature = "openapi",
        schemars(schema_with = "crate::api::schema::field::non_blank")
    )]
    pub subject: String,
    /// Name shown and audited; default "Demo Gebruiker".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
}

/// Who a mail of the outbox went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Addressee {
    Enterprise,
    Provider,
}

/// One mail of the outbox (development build).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OutboxMail {
    pub id: i64,
    /// E-mail address.
    pub recipient: String,
    pub role: Addressee,
    /// Enterprise or provider number.
    pub subject_id: String,
    pub subject: String,
    pub body: String,
    pub created_at: Timestamp,
    pub status: MailStatus,
    /// Tries handed to the mail service.
    pub attempts: i64,
    /// The reminder this mail is, if it is one.
    pub reminder: Option<Reminder>,
    pub sent_at: Option<Timestamp>,
    /// The mail service's last error.
    pub last_error: Option<String>,
}

/// The mail was put on the mail queue again: by the operator after a parked mail's cause was
/// put right (`POST /api/v1/operator/mails/{id}/retry`), or in development as a message
/// delivered twice would be (`POST /api/v1/dev/outbox/{id}/queue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Requeued {
    pub outbox: i64,
}

/// `GET /api/v1/dev/outbox`: newest first, at most 500.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Outbox {
    pub mails: Vec<OutboxMail>,
}

/// `PUT /api/v1/dev/clock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClockRequest {
    /// The day to use as today; null for the real date.
    pub date: Option<NaiveDate>,
}

/// `POST /api/v1/dev/projects/{dossier}/copies`: how many copies of the project to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CopiesRequest {
    #[cfg_attr(feature = "openapi", schemars(range(min = 1, max = 5000)))]
    pub count: u32,
}

/// `POST /api/v1/dev/projects/{dossier}/copies`: the copies made, by their dossier numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Copies {
    pub count: u32,
    pub first: crate::ids::DossierNumber,
    pub last: crate::ids::DossierNumber,
}

/// `GET`/`PUT /api/v1/dev/clock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Clock {
    pub today: NaiveDate,
}
