//! The operator (the agency and its financial partner): providers, payments executed, refunds,
//! unmatched deposits and the audit log.

use chrono::NaiveDate;
use serde::Deserialize;
use shared::api::enterprise::PaymentStatus;
use shared::api::operator::{
    ActorRole, AuditEntry, AuditList, BankEntry, BankEntryList, BankEntryOutcome, DailyRun,
    DepositToReturn, ParkedMail, ParkedMailList, PaymentExecuted, ProviderRequest, ProviderSaved,
    Refund, RefundList, RefundStatus,
};
use shared::api::session::Requeued;
use shared::api::{AuditDetail, Timestamp};
use shared::error::FieldError;
use shared::ids::DossierNumber;
use shared::money::Money;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::Role;
use crate::db::{self, int, text};
use crate::{http, json, providers, signed_in, store};

/// `PUT /api/v1/operator/providers/{number}`: registers or updates a provider, its service
/// types and themes, in one batch; the cached directory entry is dropped.
pub async fn put_provider(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Operator);
    let number = match providers::path_number(&ctx) {
        Ok(n) => n,
        Err(answer) => return answer,
    };
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let provider = match ProviderRequest::from_json(&body) {
        Ok(p) => p,
        Err(errors) => return http::bad_request(&errors),
    };
    let suspended = provider.suspended == Some(true);
    let d1 = db::db(&ctx.env)?;
    let n = number.to_string();
    let mut batch = vec![
        db::stmt(&d1,
            "INSERT INTO providers (number, name, address, email, suspended) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(number) DO UPDATE SET name = ?2, address = ?3, email = ?4, suspended = ?5",
            &[text(&n), text(&provider.name), text(&provider.address), text(&provider.email), int(i64::from(suspended))])?,
        db::stmt(&d1, "DELETE FROM provider_services WHERE provider_number = ?1", &[text(&n)])?,
        db::stmt(&d1, "DELETE FROM provider_themes WHERE provider_number = ?1", &[text(&n)])?,
    ];
    for s in &provider.services {
        batch.push(db::stmt(
            &d1,
            "INSERT OR IGNORE INTO provider_services (provider_number, service) VALUES (?1, ?2)",
            &[text(&n), text(s.id())],
        )?);
    }
    for t in &provider.themes {
        let sub = t.subtheme.as_ref().map_or("", |s| s.0.as_str());
        batch.push(db::stmt(&d1, "INSERT OR IGNORE INTO provider_themes (provider_number, theme, subtheme) VALUES (?1, ?2, ?3)", &[text(&n), text(&t.theme.0), text(sub)])?);
    }
    let detail = AuditDetail {
        provider: Some(provider),
        ..AuditDetail::default()
    };
    batch.push(store::audit(&d1, &actor, "provider_saved", &n, &detail)?);
    d1.batch(batch).await?;
    providers::invalidate(&ctx.env, &number).await?;
    let saved = providers::load_any(&d1, &number).await?.map(|(p, _)| p);
    http::json(
        200,
        &ProviderSaved {
            provider: saved,
            suspended,
        },
    )
}

/// `POST /api/v1/operator/payments/{id}/executed`: the financial partner executed a payment.
pub async fn payment_executed(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Operator);
    // Digits as written, no sign or leading zero: one number has one way to be written.
    let id = ctx
        .param("id")
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0') && !s.is_empty());
    let Some(id) = id.and_then(|s| s.parse::<i64>().ok()) else {
        return http::bad_request(&[FieldError::new(
            "id",
            "invalid_id",
            "Betaling: ongeldig nummer.",
        )]);
    };
    let d1 = db::db(&ctx.env)?;
    let results = d1.batch(vec![
        db::stmt(&d1, "UPDATE payments SET status = 'executed', executed_at = datetime('now') WHERE id = ?1 AND status = 'ordered'", &[int(id)])?,
        // Audited only when the update above changed the payment.
        store::audit_if_changed(&d1, &actor, "payment_executed", &id.to_string(), &AuditDetail::default())?,
    ]).await?;
    if results.first().map(db::changes).transpose()? == Some(1) {
        let executed = PaymentExecuted {
            id,
            status: PaymentStatus::Executed,
        };
        return http::json(200, &executed);
    }
    if db::exists(&d1, "SELECT id FROM payments WHERE id = ?1", &[int(id)]).await? {
        http::error(
            409,
            "id",
            "already_executed",
            "Deze betaling is al uitgevoerd.",
        )
    } else {
        http::error(404, "id", "payment_not_found", "Onbekende betaling.")
    }
}

#[derive(Deserialize)]
struct RefundRow {
    id: i64,
    #[serde(deserialize_with = "db::cents")]
    amount_cents: Money,
    iban: String,
    status: RefundStatus,
    created_at: Timestamp,
    dossier_number: DossierNumber,
}

/// `GET /api/v1/operator/refunds`: own contributions to pay back, and deposits to send back.
pub async fn refunds(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    let d1 = db::db(&ctx.env)?;
    let refunds: Vec<RefundRow> = db::all(&d1,
        "SELECT r.id, r.amount_cents, r.iban, r.status, r.created_at, p.dossier_number FROM refunds r \
         JOIN projects p ON p.id = r.project_id WHERE r.status = 'pending' ORDER BY r.id", &[]).await?;
    let sql = format!(
        "{BANK_ENTRIES_SQL} WHERE b.outcome LIKE 'refund_%' AND b.refunded_at IS NULL ORDER BY b.id"
    );
    let deposits: Vec<BankEntryRow> = db::all(&d1, &sql, &[]).await?;
    let refunds = refunds
        .into_iter()
        .map(|r| Refund {
            id: r.id,
            amount: r.amount_cents,
            iban: r.iban,
            status: r.status,
            created_at: r.created_at,
            dossier_number: r.dossier_number,
        })
        .collect();
    let deposits_to_return = deposits
        .into_iter()
        .map(|d| DepositToReturn {
            id: d.id,
            entry_ref: d.entry_ref,
            booked_on: d.booked_on,
            amount: d.amount_cents,
            currency: d.currency,
            communication: d.communication,
            counterparty_name: d.counterparty_name,
            counterparty_iban: d.counterparty_iban,
            outcome: d.outcome,
        })
        .collect();
    http::json(
        200,
        &RefundList {
            refunds,
            deposits_to_return,
        },
    )
}

#[derive(Deserialize)]
struct BankEntryRow {
    id: i64,
    entry_ref: String,
    booked_on: NaiveDate,
    #[serde(deserialize_with = "db::cents")]
    amount_cents: Money,
    currency: String,
    #[serde(deserialize_with = "db::flag")]
    credit: bool,
    communication: String,
    counterparty_name: String,
    counterparty_iban: String,
    outcome: BankEntryOutcome,
    dossier_number: Option<DossierNumber>,
    refunded_at: Option<Timestamp>,
    created_at: Timestamp,
}

/// Imported bank entries with the project they were matched to; a `WHERE` may follow.
pub const BANK_ENTRIES_SQL: &str = "SELECT b.id, b.entry_ref, b.booked_on, b.amount_cents, \
    b.currency, b.credit, b.communication, b.counterparty_name, b.counterparty_iban, b.outcome, \
    p.dossier_number, b.refunded_at, b.created_at \
    FROM bank_entries b LEFT JOIN projects p ON p.id = b.project_id";

impl From<BankEntryRow> for BankEntry {
    fn from(r: BankEntryRow) -> BankEntry {
        BankEntry {
            id: r.id,
            entry_ref: r.entry_ref,
            booked_on: r.booked_on,
            amount: r.amount_cents,
            currency: r.currency,
            credit: r.credit,
            communication: r.communication,
            counterparty_name: r.counterparty_name,
            counterparty_iban: r.counterparty_iban,
            outcome: r.outcome,
            dossier_number: r.dossier_number,
            refunded_at: r.refunded_at,
            created_at: r.created_at,
        }
    }
}

/// `GET /api/v1/operator/bank-entries?outcome=`: imported entries, e.g. the unmatched ones.
pub async fn bank_entries(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    #[derive(serde::Deserialize, Default)]
    struct Q {
        outcome: Option<String>,
    }
    let q: Q = match http::query(&req) {
        Ok(q) => q,
        Err(answer) => return answer,
    };
    let outcome = match http::filter(
        q.outcome.as_deref(),
        "outcome",
        "Resultaat",
        BankEntryOutcome::parse,
        &BankEntryOutcome::ALL.map(BankEntryOutcome::id),
    ) {
        Ok(o) => o,
        Err(answer) => return answer,
    };
    let page = match http::page_request(&req) {
        Ok(p) => p,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let query = crate::lists::bank_entries(outcome.map(BankEntryOutcome::id), &page);
    let rows: Vec<BankEntryRow> = db::all(&d1, &query.sql, &query.js_args()).await?;
    let (rows, next_cursor) = page.split(rows, |r| r.id);
    let entries = rows.into_iter().map(BankEntry::from).collect();
    http::json(
        200,
        &BankEntryList {
            entries,
            next_cursor,
        },
    )
}

/// The audit log's lines, up to the `WHERE`.
pub const AUDIT_SQL: &str = "SELECT id, actor_role, actor, action, target, detail, at, person, \
    person_name FROM audit_log";

#[derive(Deserialize)]
struct AuditRow {
    id: i64,
    actor_role: ActorRole,
    actor: String,
    action: String,
    target: String,
    detail: String,
    at: Timestamp,
    person: String,
    person_name: String,
}

impl AuditRow {
    fn entry(self) -> Result<AuditEntry> {
        let detail = audit_detail(&self.action, &self.detail)
            .map_err(|e| worker::Error::RustError(format!("audit_log {} detail: {e}", self.id)))?;
        Ok(AuditEntry {
            id: self.id,
            actor_role: self.actor_role,
            actor: self.actor,
            action: self.action,
            target: self.target,
            detail,
            at: self.at,
            person: self.person,
            person_name: self.person_name,
        })
    }
}

/// A stored audit detail. The log is append-only, so lines written before the detail was typed
/// stay as they were: a `provider_saved` line then holds the request itself, which reads as the
/// detail's `provider`.
fn audit_detail(action: &str, stored: &str) -> std::result::Result<AuditDetail, String> {
    match json::read(stored) {
        Err(e) if action == "provider_saved" => {
            json::read(&format!("{{\"provider\":{stored}}}")).map_err(|_| e)
        }
        read => read,
    }
}

/// `GET /api/v1/operator/audit?target=`: the append-only audit log, newest first.
pub async fn audit(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    #[derive(serde::Deserialize, Default)]
    struct Q {
        target: Option<String>,
    }
    let q: Q = match http::query(&req) {
        Ok(q) => q,
        Err(answer) => return answer,
    };
    let page = match http::page_request(&req) {
        Ok(p) => p,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let target = q.target.filter(|t| !t.is_empty());
    let query = crate::lists::audit(target.as_deref(), &page);
    let rows: Vec<AuditRow> = db::all(&d1, &query.sql, &query.js_args()).await?;
    let (rows, next_cursor) = page.split(rows, |r| r.id);
    let entries = rows
        .into_iter()
        .map(AuditRow::entry)
        .collect::<Result<_>>()?;
    http::json(
        200,
        &AuditList {
            entries,
            next_cursor,
        },
    )
}

/// `GET /api/v1/operator/mails?limit=&cursor=`: the mails that were not sent after every try, and
/// those handed to the mail service more than ten minutes ago without its answer recorded (not
/// sent again automatically), newest first, a page at a time.
pub async fn parked_mails(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    let page = match http::page_request(&req) {
        Ok(p) => p,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let mails: Vec<ParkedMail> = db::all(
        &d1,
        &format!(
            "SELECT id, recipient, role, subject_id, subject, status, attempts, last_error, \
             created_at FROM outbox WHERE id < ?1 AND {} ORDER BY id DESC LIMIT ?2",
            crate::mail::PARKED_SQL
        ),
        &[int(page.below()), int(page.rows_to_read())],
    )
    .await?;
    let (mails, next_cursor) = page.split(mails, |m| m.id);
    http::json(200, &ParkedMailList { mails, next_cursor })
}

/// `POST /api/v1/operator/mails/{id}/retry`: sends a parked mail again, after its cause was put
/// right (an address corrected): a full series of tries, to the address on file now for a
/// notice or reminder. Also for a mail whose sending was never recorded: the operator then
/// judges it was not sent. Audited.
pub async fn retry_mail(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Operator);
    let not_found = || http::error(404, "id", "mail_not_found", "Deze mail bestaat niet.");
    let Some(id) = ctx
        .param("id")
        .filter(|i| i.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|i| i.parse::<i64>().ok())
    else {
        return not_found();
    };
    let d1 = db::db(&ctx.env)?;
    let target = format!("mail {id}");
    let results = crate::mail::run_batch(
        &ctx.env,
        &d1,
        vec![
            db::stmt(
                &d1,
                &format!(
                    "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = NULL \
                     WHERE id = ?1 AND {} RETURNING id AS outbox_id",
                    crate::mail::PARKED_SQL
                ),
                &[int(id)],
            )?,
            store::audit_if_changed(
                &d1,
                &actor,
                "mail_retried",
                &target,
                &AuditDetail::default(),
            )?,
        ],
    )
    .await?;
    if results.first().map(db::changes).transpose()?.unwrap_or(0) == 1 {
        return http::json(202, &Requeued { outbox: id });
    }
    if db::exists(&d1, "SELECT 1 FROM outbox WHERE id = ?1", &[int(id)]).await? {
        http::error(
            409,
            "id",
            "mail_not_parked",
            "Deze mail is niet geparkeerd: ze is verstuurd, wacht nog of wordt net verstuurd.",
        )
    } else {
        not_found()
    }
}

/// `POST /api/v1/operator/run-daily`: the daily job on demand (the cron trigger runs it too).
pub async fn run_daily(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    let run: DailyRun =
        crate::scheduled::run(&ctx.env, crate::clock::today(&ctx.env).await).await?;
    http::json(200, &run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_details_read_typed_and_old_provider_lines_still_read() {
        let d = audit_detail("size_confirmed", r#"{"size":"small","was":"medium"}"#).unwrap();
        assert!(d.size.is_some() && d.was.is_some());
        let signed = audit_detail("signed_in", r#"{"organisations":[],"acting":null}"#).unwrap();
        assert_eq!(signed.acting, None);
        let old = r#"{"name":"X","address":"Y","email":"z@x.be","services":["advice"],
            "themes":[{"theme":"digitalisering"}],"suspended":null}"#;
        let d = audit_detail("provider_saved", old).unwrap();
        assert_eq!(d.provider.map(|p| p.name), Some("X".to_string()));
        assert!(audit_detail("provider_saved", r#"{"name":1}"#).is_err());
        assert!(audit_detail("payment_executed", r#"{"surprise":1}"#).is_err());
        assert!(audit_detail("payment_executed", "").is_err());
    }
}
