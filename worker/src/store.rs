//! Projects in D1 and how they change.
//!
//! A project's state is the `shared::project::Project` as JSON, changed only by
//! `Project::apply`. Each change is one D1 batch (a transaction):
//! 1. `UPDATE projects ... SET op = <new id> WHERE id = ? AND op = <id read>`: a conditional
//!    update that matches nothing when another request changed the project in between;
//! 2. the audit row, whose `target` is read back from the project *with the new id*: on a lost
//!    race that is NULL, the NOT NULL constraint fails and D1 rolls the whole batch back;
//! 3. movements, budget, refunds, notifications and whatever the handler adds.
//!
//! A lost race is retried from a fresh read, so concurrent payments never overdraw.

use crate::db::Db;
use chrono::NaiveDate;
use serde::Deserialize;
use shared::api::{AuditDetail, Errors, Timestamp};
use shared::deadlines::Deadlines;
use shared::ids::{DossierNumber, ProviderNumber, StructuredCommunication};
use shared::money::Money;
use shared::project::{Event, Movement, Project, TransitionError};
use shared::rate::Rate;
use shared::service::ServiceType;
use shared::size::EnterpriseSize;
use wasm_bindgen::JsValue;
use worker::{D1PreparedStatement, Env, Result};

use crate::auth::Actor;
use crate::db::{self, int, text};
use crate::notifications::{self, Mail};
use crate::random;

/// Attempts before a change gives up under contention (then 409: the client retries with the
/// same idempotency key). Each lost race waits a random few milliseconds, so contenders spread.
const ATTEMPTS: usize = 30;

/// A project as D1 holds it, its JSON columns read into their types.
#[derive(Debug, Clone, Deserialize)]
pub struct ProjectRow {
    pub id: i64,
    pub dossier_number: DossierNumber,
    /// The deposit's structured communication (stored as its twelve digits).
    pub communication: StructuredCommunication,
    pub enterprise_number: String,
    pub provider_number: ProviderNumber,
    pub year: i32,
    pub name: String,
    pub service: ServiceType,
    pub theme: String,
    /// Empty for none.
    pub subtheme: String,
    #[serde(deserialize_with = "db::json")]
    pub accepted: Accepted,
    /// The project's state, changed only by `Project::apply`.
    #[serde(deserialize_with = "db::json")]
    pub state: Project,
    /// Id of the last change (guards concurrent changes).
    pub op: String,
    pub deposit_by: NaiveDate,
    pub closes_on: NaiveDate,
    pub created_at: Timestamp,
}

impl ProjectRow {
    /// How to deposit this project's own contribution, with its EPC QR payload (003 step 5).
    pub fn deposit_details(
        &self,
    ) -> std::result::Result<shared::api::enterprise::DepositDetails, shared::epc_qr::EpcError>
    {
        shared::api::enterprise::DepositDetails::of(
            self.communication,
            self.state.amounts().own_contribution(),
            self.state.deposit_by(),
        )
    }
}

const COLUMNS: &str = "id, dossier_number, communication, enterprise_number, provider_number, \
    year, name, service, theme, subtheme, accepted, state, op, deposit_by, closes_on, created_at";

/// `projects.accepted`: what the rules accepted when the application was filed
/// (`shared::application::Accepted` as stored), the parts the API shows again.
#[derive(Debug, Clone, Deserialize)]
pub struct Accepted {
    /// Id of the rule set.
    pub regime: String,
    pub size: EnterpriseSize,
    pub rate: Rate,
    pub amounts: AcceptedAmounts,
    pub deadlines: Deadlines,
    /// Applications stored before cost breakdowns and explanations have neither.
    #[serde(default)]
    pub cost_lines: Vec<shared::costs::CostLine>,
    #[serde(default)]
    pub explanation: Vec<shared::explanation::Explanation>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct AcceptedAmounts {
    pub project_amount: Money,
    pub own_contribution: Money,
    pub subsidy: Money,
}

impl From<&shared::application::Accepted> for Accepted {
    fn from(a: &shared::application::Accepted) -> Accepted {
        Accepted {
            regime: a.regime.to_string(),
            size: a.size,
            rate: a.rate,
            amounts: AcceptedAmounts {
                project_amount: a.amounts.project_amount,
                own_contribution: a.amounts.own_contribution,
                subsidy: a.amounts.subsidy,
            },
            deadlines: a.deadlines,
            cost_lines: a.cost_lines.clone(),
            explanation: a.explanation.clone(),
        }
    }
}

pub async fn by_dossier(d1: &Db, dossier: &str) -> Result<Option<ProjectRow>> {
    let sql = format!("SELECT {COLUMNS} FROM projects WHERE dossier_number = ?1");
    db::first(d1, &sql, &[text(dossier)]).await
}

pub async fn by_communication(
    d1: &Db,
    communication: &StructuredCommunication,
) -> Result<Option<ProjectRow>> {
    let sql = format!("SELECT {COLUMNS} FROM projects WHERE communication = ?1");
    db::first(d1, &sql, &[text(&communication.digits())]).await
}

pub async fn by_id(d1: &Db, id: i64) -> Result<Option<ProjectRow>> {
    let sql = format!("SELECT {COLUMNS} FROM projects WHERE id = ?1");
    db::first(d1, &sql, &[int(id)]).await
}

pub async fn select(d1: &Db, filter_sql: &str, args: &[JsValue]) -> Result<Vec<ProjectRow>> {
    let sql = format!("{} WHERE {filter_sql}", select_sql());
    db::all(d1, &sql, args).await
}

/// `SELECT` of every column of [`ProjectRow`], up to its `WHERE`.
pub fn select_sql() -> String {
    format!("SELECT {COLUMNS} FROM projects")
}

/// What a change did. Short-lived (one per request), so the large `Done` is not boxed.
#[allow(clippy::large_enum_variant)]
pub enum Changed {
    Done {
        row: ProjectRow,
        project: Project,
        movements: Vec<Movement>,
    },
    /// The rules refuse the event in the project's present state.
    Refused(TransitionError),
    /// No such project (or not visible to the caller).
    Missing,
    /// Too many concurrent changes of this project: nothing was changed, try again.
    Busy,
}

/// Statements a handler adds to the batch of a change, after the project and audit rows.
pub type Extra<'a> =
    &'a dyn Fn(&Db, &ProjectRow, &Project, &[Movement]) -> Result<Vec<D1PreparedStatement>>;

/// The extra statements of a change that adds none.
pub fn no_extra(
    _: &Db,
    _: &ProjectRow,
    _: &Project,
    _: &[Movement],
) -> Result<Vec<D1PreparedStatement>> {
    Ok(Vec::new())
}

/// Applies `event` to project `id` for `actor`, with its money movements, budget, refunds,
/// notifications, audit row and `extra` statements in one batch. Retries lost races.
pub async fn change(
    env: &Env,
    id: i64,
    event: &Event,
    actor: &Actor,
    action: &str,
    extra: Extra<'_>,
) -> Result<Changed> {
    let d1 = db::db(env)?;
    for _ in 0..ATTEMPTS {
        let Some(row) = by_id(&d1, id).await? else {
            return Ok(Changed::Missing);
        };
        let before = &row.state;
        let (after, movements) = match before.apply(event) {
            Ok(next) => next,
            Err(e) => return Ok(Changed::Refused(e)),
        };
        let op = random::change_id();
        let mut batch = vec![
            db::stmt(
                &d1,
                "UPDATE projects SET state = ?1, status = ?2, op = ?3 WHERE id = ?4 AND op = ?5",
                &[
                    text(&db::to_json(&after)?),
                    text(after.status().id()),
                    text(&op),
                    int(id),
                    text(&row.op),
                ],
            )?,
            audit_guarded(
                &d1,
                actor,
                action,
                id,
                &op,
                &AuditDetail {
                    event: Some(event.clone()),
                    movements: Some(movements.clone()),
                    ..AuditDetail::default()
                },
            )?,
        ];
        let delta = after.budget_held().cents() - before.budget_held().cents();
        if delta != 0 {
            batch.push(db::stmt(
                &d1,
                "UPDATE enterprise_years SET reserved_cents = reserved_cents + ?1 \
                 WHERE enterprise_number = ?2 AND year = ?3",
                &[
                    int(delta),
                    text(&row.enterprise_number),
                    int(i64::from(row.year)),
                ],
            )?);
        }
        for m in movements
            .iter()
            .filter(|m| !matches!(m, Movement::DepositReturned { .. }))
        {
            batch.push(movement(&d1, id, m, event)?);
            if let Movement::RefundOwnContribution { amount } = m {
                batch.push(db::stmt(
                    &d1,
                    "INSERT INTO refunds (project_id, amount_cents, iban) \
                     SELECT ?1, ?2, refund_iban FROM enterprises WHERE number = ?3",
                    &[int(id), int(amount.cents()), text(&row.enterprise_number)],
                )?);
            }
        }
        for mail in notifications::for_change(&row, before, &after, &movements, event) {
            batch.push(outbox(&d1, &mail, Some(id))?);
        }
        batch.extend(extra(&d1, &row, &after, &movements)?);
        match crate::mail::run_batch(env, &d1, batch).await {
            Ok(_) => {
                let row = ProjectRow {
                    state: after.clone(),
                    op,
                    ..row
                };
                return Ok(Changed::Done {
                    row,
                    project: after,
                    movements,
                });
            }
            Err(e) if lost_race(&e) => {
                let wait = 5 + u64::from(random::byte() % 40);
                worker::Delay::from(std::time::Duration::from_millis(wait)).await;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Changed::Busy)
}

/// The answer when a project stayed busy: 409, safe to retry with the same idempotency key.
pub fn busy() -> Result<worker::Response> {
    crate::http::json(
        409,
        &Errors::one(
            "",
            "project_busy",
            "Dit project wordt op dit moment gewijzigd. Probeer het opnieuw.",
        ),
    )
}

fn lost_race(e: &worker::Error) -> bool {
    e.to_string()
        .contains("NOT NULL constraint failed: audit_log.target")
}

/// A movement's `type`, as its JSON names it (`payment_out`, ...).
fn kind(detail: &str) -> Result<String> {
    #[derive(Deserialize)]
    struct Tagged {
        #[serde(rename = "type")]
        kind: String,
    }
    crate::json::read::<Tagged>(detail)
        .map(|t| t.kind)
        .map_err(|e| worker::Error::RustError(format!("movement type: {e}")))
}

fn movement(d1: &Db, id: i64, m: &Movement, event: &Event) -> Result<D1PreparedStatement> {
    let detail = db::to_json(m)?;
    let kind = kind(&detail)?;
    db::stmt(
        d1,
        "INSERT INTO movements (project_id, kind, amount_cents, detail, on_date) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[
            int(id),
            text(&kind),
            int(m.amount().cents()),
            text(&detail),
            text(&event.date().to_string()),
        ],
    )
}

/// The audit row of a project change; aborts the batch when the change lost a race.
fn audit_guarded(
    d1: &Db,
    actor: &Actor,
    action: &str,
    id: i64,
    op: &str,
    detail: &AuditDetail,
) -> Result<D1PreparedStatement> {
    db::stmt(
        d1,
        "INSERT INTO audit_log (actor_role, actor, action, target, detail, person, person_name) \
         VALUES (?1, ?2, ?3, (SELECT dossier_number FROM projects WHERE id = ?4 AND op = ?5), ?6, ?7, ?8)",
        &[
            text(actor.role.id()),
            text(&actor.subject),
            text(action),
            int(id),
            text(op),
            text(&db::to_json(detail)?),
            text(&actor.person),
            text(&actor.user_name),
        ],
    )
}

/// An audit row for a change that is not a project transition.
pub fn audit(
    d1: &Db,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: &AuditDetail,
) -> Result<D1PreparedStatement> {
    audit_row(d1, &who(actor), action, target, detail, "")
}

/// An audit row written only when the statement before it in the same batch changed a row (a
/// conditional insert or update that may find nothing to do).
pub fn audit_if_changed(
    d1: &Db,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: &AuditDetail,
) -> Result<D1PreparedStatement> {
    audit_row(
        d1,
        &who(actor),
        action,
        target,
        detail,
        " WHERE changes() = 1",
    )
}

fn who(actor: &Actor) -> [&str; 4] {
    [
        actor.role.id(),
        &actor.subject,
        &actor.person,
        &actor.user_name,
    ]
}

/// An audit row for a sign-in event of a person who acts for no organisation (yet): a refused
/// sign-in, or one that still has to choose. `actor_role` is `person`.
pub fn audit_sign_in(
    d1: &Db,
    person: &str,
    person_name: &str,
    action: &str,
    target: &str,
    detail: &AuditDetail,
) -> Result<D1PreparedStatement> {
    audit_row(
        d1,
        &["person", person, person, person_name],
        action,
        target,
        detail,
        "",
    )
}

/// `[actor_role, actor, person, person_name]`, what was done, to what, and how; `condition` a
/// `WHERE` clause that may hold the row back, or empty.
fn audit_row(
    d1: &Db,
    who: &[&str; 4],
    action: &str,
    target: &str,
    detail: &AuditDetail,
    condition: &str,
) -> Result<D1PreparedStatement> {
    let [role, actor, person, person_name] = *who;
    db::stmt(
        d1,
        &format!(
            "INSERT INTO audit_log (actor_role, actor, action, target, detail, person, person_name) \
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7{condition}"
        ),
        &[
            text(role),
            text(actor),
            text(action),
            text(target),
            text(&db::to_json(detail)?),
            text(person),
            text(person_name),
        ],
    )
}

/// The statement that writes `mail` to the outbox for the project with `project_id` (if any),
/// to the address on file when the batch runs. It answers the new row's id as `outbox_id`, which
/// [`crate::mail::run_batch`] queues once the batch is stored. A reminder already written for the
/// project is not written again (outbox_reminder_once).
pub fn outbox(d1: &Db, mail: &Mail, project_id: Option<i64>) -> Result<D1PreparedStatement> {
    outbox_with(d1, mail, "?7", project_id.map_or(JsValue::NULL, int))
}

/// [`outbox`] for the project inserted earlier in the same batch, found by its dossier number.
pub fn outbox_for_dossier(d1: &Db, mail: &Mail, dossier: &str) -> Result<D1PreparedStatement> {
    outbox_with(
        d1,
        mail,
        "(SELECT id FROM projects WHERE dossier_number = ?7)",
        text(dossier),
    )
}

fn outbox_with(
    d1: &Db,
    mail: &Mail,
    project_sql: &str,
    project: JsValue,
) -> Result<D1PreparedStatement> {
    // A reminder already written for the project is not written again; any other refusal (no
    // address on file) fails the batch as before.
    let once = if mail.kind.reminder().is_some() {
        " ON CONFLICT (project_id, reminder) WHERE reminder IS NOT NULL DO NOTHING"
    } else {
        ""
    };
    db::stmt(
        d1,
        &format!(
            "INSERT INTO outbox (recipient, role, subject_id, subject, body, kind, project_id, reminder, qr) \
             SELECT CASE ?1 WHEN 'enterprise' THEN (SELECT email FROM enterprises WHERE number = ?2) \
                            ELSE (SELECT email FROM providers WHERE number = ?2) END, \
                    ?1, ?2, ?3, ?4, ?5, {project_sql}, ?6, ?8 WHERE true{once} \
             RETURNING id AS outbox_id"
        ),
        &[
            text(mail.role.id()),
            text(&mail.to),
            text(&mail.subject),
            text(&mail.body),
            text(mail.kind.id()),
            mail.kind.reminder().map_or(JsValue::NULL, |r| text(r.code())),
            project,
            mail.qr.as_deref().map_or(JsValue::NULL, text),
        ],
    )
}

/// The system itself (the daily job, bank imports) as an actor in the audit log.
pub fn system() -> Actor {
    Actor {
        role: crate::auth::Role::Operator,
        subject: "systeem".into(),
        user_name: "kmo-portefeuille".into(),
        person: "systeem".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::amounts::Amounts;

    fn money(cents: i64) -> Money {
        Money::from_cents(cents).unwrap()
    }

    #[test]
    fn a_movement_is_stored_with_its_type() {
        let m = Movement::PaymentOut {
            amount: money(300),
            own_part: money(100),
            subsidy_part: money(200),
        };
        assert_eq!(kind(&db::to_json(&m).unwrap()).unwrap(), "payment_out");
        let m = Movement::SubsidyIn { amount: money(1) };
        assert_eq!(kind(&db::to_json(&m).unwrap()).unwrap(), "subsidy_in");
    }

    #[test]
    fn what_the_rules_accepted_reads_back_as_stored() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let accepted = shared::application::Accepted {
            regime: "2025",
            size: EnterpriseSize::Small,
            rate: Rate::percent(30),
            higher_rate: false,
            amounts: Amounts {
                cost: money(100_000),
                project_amount: money(100_000),
                own_contribution: money(70_000),
                subsidy: money(30_000),
                remaining_after: money(500_000),
                capped: false,
            },
            deadlines: Deadlines::new(day(10), day(2)),
            theme_label: "Digitalisering - Software".into(),
            cost_lines: Vec::new(),
            explanation: vec![shared::explanation::Explanation {
                code: shared::explanation::Step::Rate,
                message: "30 %".into(),
                source: "art. 18".into(),
            }],
        };
        let read: Accepted = crate::json::read(&db::to_json(&accepted).unwrap()).unwrap();
        assert_eq!(read.regime, "2025");
        assert_eq!(read.size, EnterpriseSize::Small);
        assert_eq!(read.rate, accepted.rate);
        assert_eq!(read.deadlines, accepted.deadlines);
        assert_eq!(read.amounts.project_amount, money(100_000));
        assert_eq!(read.amounts.own_contribution, money(70_000));
        assert_eq!(read.amounts.subsidy, money(30_000));
        assert_eq!(read.explanation, accepted.explanation);
        // Stored before explanations: read with none.
        let old = r#"{"regime":"kmo-2023","size":"small","rate":"0.30","amounts":{"project_amount":"1.00","own_contribution":"0.70","subsidy":"0.30"},"deadlines":{"apply_by":"2026-03-16","deposit_by":"2026-04-01","closes_on":"2027-12-31"}}"#;
        let old: Accepted = crate::json::read(old).unwrap();
        assert!(old.explanation.is_empty() && old.cost_lines.is_empty());
        let from: Accepted = (&accepted).into();
        assert_eq!(from.amounts.subsidy, read.amounts.subsidy);
    }
}
