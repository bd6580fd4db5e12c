//! The financial partner's bank entries (deposits of own contributions), as JSON or as a
//! CAMT.053 statement. An entry with the right structured communication, the exact amount and
//! on time credits the own contribution and the subsidy (one batch with the project's change);
//! anything else is recorded for refund and changes no project. The bank's entry reference is
//! unique, so importing the same entries twice credits once.

use crate::db::Db;
use shared::api::operator::{BankEntryOutcome, ImportOutcome, ImportResult, ImportedEntry};
use shared::api::AuditDetail;
use shared::bank_statement::{
    entries_from_camt053, entries_from_json, BankEntry, EntryCommunication,
};
use shared::ids::DossierNumber;
use shared::project::{Event, Movement, Status, TransitionError};
use worker::{Env, Request, Response, Result, RouteContext};

use crate::auth::{Actor, Role};
use crate::db::{self, int, text, Refusal};
use crate::store::{self, Changed};
use crate::{http, signed_in};

use shared::bank_statement::MAX_DOCUMENT_BYTES as MAX_STATEMENT_BYTES;

/// `POST /api/v1/operator/bank-entries` `{ "entries": [...] }`.
pub async fn import_json(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Operator);
    // A thousand entries of up to ~800 bytes each.
    let body = match http::read_json_up_to(&mut req, 1024 * 1024).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    match entries_from_json(&body) {
        Ok(entries) => import(&ctx.env, &actor, &entries).await,
        Err(errors) => http::bad_request(&errors),
    }
}

/// `POST /api/v1/operator/bank-statements`: a CAMT.053 XML document as the body.
pub async fn import_camt(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Operator);
    let bytes = match http::read_body(
        &mut req,
        MAX_STATEMENT_BYTES,
        &["application/xml", "text/xml"],
        "Stuur het rekeninguittreksel als CAMT.053 XML (Content-Type: application/xml).",
    )
    .await
    {
        Ok(b) => b,
        Err(answer) => return answer,
    };
    match entries_from_camt053(&bytes) {
        Ok(entries) => import(&ctx.env, &actor, &entries).await,
        Err(errors) => http::bad_request(&errors),
    }
}

async fn import(env: &Env, actor: &Actor, entries: &[BankEntry]) -> Result<Response> {
    let d1 = db::db(env)?;
    let mut results = Vec::with_capacity(entries.len());
    for entry in entries {
        let (outcome, dossier_number) = import_one(env, &d1, actor, entry).await?;
        results.push(ImportedEntry {
            entry_ref: entry.entry_ref.clone(),
            outcome,
            dossier_number,
        });
    }
    http::json(200, &ImportResult { results })
}

/// What became of one entry, and the project it was matched to.
type Imported = (ImportOutcome, Option<DossierNumber>);

/// Imports one entry; answers its outcome and the project it was matched to.
async fn import_one(env: &Env, d1: &Db, actor: &Actor, entry: &BankEntry) -> Result<Imported> {
    let sql = "SELECT id FROM bank_entries WHERE entry_ref = ?1";
    if db::exists(d1, sql, &[text(&entry.entry_ref)]).await? {
        return Ok((ImportOutcome::AlreadyImported, None));
    }
    let project = match &entry.communication {
        EntryCommunication::Structured(c) if entry.is_deposit_candidate() => {
            store::by_communication(d1, c).await?
        }
        _ => None,
    };
    let Some(row) = project else {
        let outcome = if entry.credit {
            BankEntryOutcome::RefundUnknown
        } else {
            BankEntryOutcome::IgnoredDebit
        };
        return record(d1, actor, entry, outcome, None).await;
    };
    // A stopped, fully paid project waits for its provider to pay back with the project's
    // communication (RULES.md §7 cases 3 and 4); any other amount is sent back.
    let event = if row.state.status() == Status::AwaitingRecovery {
        Event::RecoveryReceived {
            amount: entry.amount,
            date: entry.booked_on,
        }
    } else {
        Event::DepositReceived {
            amount: entry.amount,
            date: entry.booked_on,
        }
    };
    let action = match event {
        Event::RecoveryReceived { .. } => "recovery_received",
        _ => "deposit_received",
    };
    let entry_ = entry.clone();
    let extra = move |d1: &Db,
                      row: &store::ProjectRow,
                      _: &shared::project::Project,
                      movements: &[Movement]| {
        Ok(vec![insert_entry(
            d1,
            &entry_,
            BankEntryOutcome::of_deposit(movements),
            Some(row.id),
        )?])
    };
    match store::change(env, row.id, &event, actor, action, &extra).await {
        Ok(Changed::Done { movements, row, .. }) => Ok((
            BankEntryOutcome::of_deposit(&movements).into(),
            Some(row.dossier_number),
        )),
        // The project has ended: the money cannot be matched to a running project.
        // Not recorded: importing the statement again (idempotent) processes the entry.
        Ok(Changed::Busy) => Ok((ImportOutcome::BusyRetry, Some(row.dossier_number))),
        // A provider's repayment of another amount than it received goes back to it.
        Ok(Changed::Refused(TransitionError::RecoveryWrongAmount { .. })) => {
            let outcome = BankEntryOutcome::RefundWrongAmount;
            record(d1, actor, entry, outcome, Some(row.id)).await
        }
        Ok(Changed::Refused(_)) | Ok(Changed::Missing) => {
            record(
                d1,
                actor,
                entry,
                BankEntryOutcome::RefundEnded,
                Some(row.id),
            )
            .await
        }
        Err(e) if db::refusal(&e) == Refusal::Unique => Ok((ImportOutcome::AlreadyImported, None)),
        Err(e) => Err(e),
    }
}

async fn record(
    d1: &Db,
    actor: &Actor,
    entry: &BankEntry,
    outcome: BankEntryOutcome,
    project_id: Option<i64>,
) -> Result<Imported> {
    let detail = AuditDetail {
        outcome: Some(outcome),
        ..AuditDetail::default()
    };
    let batch = vec![
        insert_entry(d1, entry, outcome, project_id)?,
        store::audit(d1, actor, "bank_entry_recorded", &entry.entry_ref, &detail)?,
    ];
    match d1.batch(batch).await {
        Ok(_) => Ok((outcome.into(), None)),
        Err(e) if db::refusal(&e) == Refusal::Unique => Ok((ImportOutcome::AlreadyImported, None)),
        Err(e) => Err(e),
    }
}

fn insert_entry(
    d1: &Db,
    entry: &BankEntry,
    outcome: BankEntryOutcome,
    project_id: Option<i64>,
) -> Result<worker::D1PreparedStatement> {
    let communication = match &entry.communication {
        EntryCommunication::Structured(c) => c.to_string(),
        EntryCommunication::Free(t) => t.clone(),
        EntryCommunication::None => String::new(),
    };
    db::stmt(
        d1,
        "INSERT INTO bank_entries (entry_ref, booked_on, amount_cents, currency, credit, communication, \
         counterparty_name, counterparty_iban, outcome, project_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &[
            text(&entry.entry_ref),
            text(&entry.booked_on.to_string()),
            int(entry.amount.cents()),
            text(&entry.currency),
            int(i64::from(entry.credit)),
            text(&communication),
            text(entry.counterparty_name.as_deref().unwrap_or_default()),
            text(entry.counterparty_iban.as_deref().unwrap_or_default()),
            text(outcome.id()),
            project_id.map_or(wasm_bindgen::JsValue::NULL, int),
        ],
    )
}
