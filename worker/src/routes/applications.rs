//! `POST /api/v1/applications`: the five steps of the wizard, checked as a whole by `shared`.
//!
//! The annual ceiling is reserved in the same batch that stores the project: the CHECK on
//! `enterprise_years` refuses any reservation above the ceiling, so two concurrent applications
//! can never together exceed it; the loser re-reads the budget and is checked again.

use chrono::Datelike;
use shared::api::enterprise::ApplicationAnswer;
use shared::api::{AuditDetail, Timestamp};
use shared::application::{check_application, Accepted, ApplicationContext, ApplicationForm};
use shared::ids::dossier_number::DossierNumber;
use shared::ids::structured_communication::StructuredCommunication;
use shared::project::{Project, ProjectAmounts};
use worker::{Request, Response, Result, RouteContext};

use crate::auth::{Actor, Role};
use crate::db::{self, int, text, Refusal};
use crate::store::{self, ProjectRow};
use crate::{enterprises, http, notifications, providers, random, signed_in};

const ATTEMPTS: usize = 5;

pub async fn post(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let key = match http::idempotency_key(&req) {
        Ok(k) => k,
        Err(answer) => return answer,
    };
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let form = match ApplicationForm::from_json(&body) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let d1 = db::db(&ctx.env)?;
    if let Some(key) = &key {
        if let Some(row) = by_key(&d1, &actor, key).await? {
            return answer(200, &row);
        }
    }
    let Some(enterprise) = enterprises::find(&d1, &actor.subject).await? else {
        return http::error(404, "", "enterprise_not_found", "Onbekende onderneming.");
    };
    // The current KBO facts: an update import since the last application counts.
    let mut facts = match enterprises::facts(&d1, &enterprise).await?.0 {
        Ok(f) => f,
        Err(reason) => return http::refused(&[reason]),
    };
    // RULES.md §3: the subsidies this product granted count as de minimis aid, besides what the
    // enterprise declared.
    let granted =
        enterprises::granted_aid(&d1, &actor.subject, crate::clock::today(&ctx.env).await);
    facts.de_minimis_aid.extend(granted.await?);
    let provider = providers::load(&d1, &form.provider).await?;
    for _ in 0..ATTEMPTS {
        let today = crate::clock::today(&ctx.env).await;
        let year = enterprises::year(&d1, &actor.subject, &enterprise.declared, today).await?;
        let mut facts = facts.clone();
        facts.size = year.size;
        let ctx_ = ApplicationContext {
            applied_on: today,
            enterprise: &facts,
            provider: provider.as_ref().map(|p| &p.registration),
            remaining_budget: year.remaining,
        };
        let accepted = match check_application(&form, &ctx_) {
            Ok(a) => a,
            Err(reasons) => return http::refused(&reasons),
        };
        let stored = store_application(
            &ctx.env,
            &actor,
            &form,
            &accepted,
            today,
            key.as_deref(),
            year.ceiling,
        );
        match stored.await {
            Ok(row) => return answer(201, &row),
            Err(e) => match db::refusal(&e) {
                // The budget changed under us: read it again and check again.
                Refusal::Check => continue,
                Refusal::Unique => {
                    if let Some(k) = key.as_deref() {
                        if let Some(row) = by_key(&d1, &actor, k).await? {
                            return answer(200, &row);
                        }
                    }
                    return Err(e);
                }
                _ => return Err(e),
            },
        }
    }
    http::error(
        409,
        "",
        "budget_busy",
        "Uw jaarbudget werd net door een andere aanvraag gewijzigd. Probeer opnieuw.",
    )
}

async fn by_key(d1: &crate::db::Db, actor: &Actor, key: &str) -> Result<Option<ProjectRow>> {
    let rows = store::select(
        d1,
        "enterprise_number = ?1 AND idempotency_key = ?2",
        &[text(&actor.subject), text(key)],
    )
    .await?;
    Ok(rows.into_iter().next())
}

async fn store_application(
    env: &worker::Env,
    actor: &Actor,
    form: &ApplicationForm,
    accepted: &Accepted,
    applied_on: chrono::NaiveDate,
    key: Option<&str>,
    ceiling: shared::money::Money,
) -> Result<ProjectRow> {
    let d1 = &db::db(env)?;
    let year = applied_on.year();
    #[derive(serde::Deserialize)]
    struct Value {
        value: i64,
    }
    let seq: Option<i64> = db::first::<Value>(
        d1,
        "INSERT INTO counters (name, value) VALUES (?1, 1) \
         ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
        &[text(&format!("dossier-{year}"))],
    )
    .await?
    .map(|v| v.value);
    let seq =
        seq.ok_or_else(|| worker::Error::RustError("dossier counter answered nothing".into()))?;
    let invalid = |what: &str| worker::Error::RustError(format!("{what} out of range"));
    let dossier =
        DossierNumber::new(year as u16, seq as u32).map_err(|_| invalid("dossier number"))?;
    // The communication's ten digits are the year and the dossier's sequence: unique per dossier.
    let communication =
        StructuredCommunication::from_sequence(year as u64 * 1_000_000 + seq as u64)
            .map_err(|_| invalid("structured communication"))?;
    let amounts = ProjectAmounts::from_split(&accepted.amounts).map_err(|_| invalid("amounts"))?;
    let project = Project::new(amounts, applied_on);
    let op = random::change_id();
    let row = ProjectRow {
        id: 0,
        dossier_number: dossier,
        communication,
        enterprise_number: actor.subject.clone(),
        provider_number: form.provider,
        year,
        name: form.name.clone(),
        service: form.service,
        theme: form.theme.clone(),
        subtheme: form.subtheme.clone().unwrap_or_default(),
        accepted: accepted.into(),
        state: project.clone(),
        op: op.clone(),
        deposit_by: accepted.deadlines.deposit_by,
        closes_on: accepted.deadlines.closes_on,
        created_at: Timestamp::default(),
    };
    let dossier_text = dossier.to_string();
    let mut batch = vec![
        db::stmt(
            d1,
            "INSERT INTO enterprise_years (enterprise_number, year, size, ceiling_cents) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            &[text(&actor.subject), int(i64::from(year)), text(accepted.size.id()), int(ceiling.cents())],
        )?,
        db::stmt(
            d1,
            "UPDATE enterprise_years SET reserved_cents = reserved_cents + ?1 \
             WHERE enterprise_number = ?2 AND year = ?3",
            &[int(accepted.amounts.subsidy.cents()), text(&actor.subject), int(i64::from(year))],
        )?,
        db::stmt(
            d1,
            "INSERT INTO projects (dossier_number, communication, enterprise_number, \
             provider_number, year, name, service, theme, subtheme, form, accepted, state, status, \
             project_cents, deposit_by, closes_on, op, idempotency_key, applied_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            &[
                text(&dossier_text),
                text(&communication.digits()),
                text(&row.enterprise_number),
                text(&form.provider.to_string()),
                int(i64::from(year)),
                text(&row.name),
                text(form.service.id()),
                text(&row.theme),
                text(&row.subtheme),
                text(&db::to_json(form)?),
                text(&db::to_json(accepted)?),
                text(&db::to_json(&project)?),
                text(project.status().id()),
                int(accepted.amounts.project_amount.cents()),
                text(&row.deposit_by.to_string()),
                text(&row.closes_on.to_string()),
                text(&op),
                key.map_or(wasm_bindgen::JsValue::NULL, text),
                text(&actor.user_name),
            ],
        )?,
        store::audit(d1, actor, "application_registered", &dossier_text, &AuditDetail {
            subsidy: Some(accepted.amounts.subsidy),
            ..AuditDetail::default()
        })?,
    ];
    let deposit = row
        .deposit_details()
        .map_err(|e| worker::Error::RustError(format!("deposit details: {}", e.code())))?;
    for mail in notifications::application_registered(&row, &deposit) {
        batch.push(store::outbox_for_dossier(d1, &mail, &dossier_text)?);
    }
    crate::mail::run_batch(env, d1, batch).await?;
    store::by_dossier(d1, &dossier_text)
        .await?
        .ok_or_else(|| worker::Error::RustError("stored project not found".into()))
}

/// The answer of step 5: dossier number, amounts, deposit details with EPC QR, deadlines.
fn answer(status: u16, row: &ProjectRow) -> Result<Response> {
    let accepted = &row.accepted;
    let project = &row.state;
    let deposit = row
        .deposit_details()
        .map_err(|e| worker::Error::RustError(format!("deposit details: {}", e.code())))?;
    http::json(
        status,
        &ApplicationAnswer {
            dossier_number: row.dossier_number,
            status: project.status(),
            name: row.name.clone(),
            provider: row.provider_number,
            rate: accepted.rate,
            regime: accepted.regime.clone(),
            size: accepted.size,
            project_amount: accepted.amounts.project_amount,
            own_contribution: accepted.amounts.own_contribution,
            subsidy: accepted.amounts.subsidy,
            deadlines: accepted.deadlines,
            deposit,
            cost_lines: accepted.cost_lines.clone(),
            explanation: accepted.explanation.clone(),
        },
    )
}
