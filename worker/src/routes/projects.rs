//! One project, for the enterprise that applied: its details, payments to the provider
//! (003 'Betalen'), stopping it (stopzetten) and rating the provider (003 'Beoordelen').
//! A project of another enterprise answers 404, exactly like one that does not exist.

use serde_json::{json, Value};
use shared::error::FieldError;
use shared::form::Fields;
use shared::ids::payment_communication::PaymentCommunication;
use shared::money::Money;
use shared::project::{Event, Movement};
use shared::rating::Rating;
use worker::{D1Database, Request, Response, Result, RouteContext};

use crate::auth::{Actor, Role};
use crate::db::{self, int, text};
use crate::store::{self, Changed, ProjectRow};
use crate::{http, providers, signed_in};

fn not_found() -> Result<Response> {
    http::error(
        404,
        "dossier_number",
        "project_not_found",
        "Dit project bestaat niet of hoort niet bij uw onderneming.",
    )
}

/// The project `dossier` if it belongs to the signed-in enterprise.
async fn own_project(
    d1: &D1Database,
    actor: &Actor,
    ctx: &RouteContext<()>,
) -> Result<Option<ProjectRow>> {
    let dossier = ctx.param("dossier").cloned().unwrap_or_default();
    Ok(store::by_dossier(d1, &dossier.to_uppercase())
        .await?
        .filter(|r| r.enterprise_number == actor.subject))
}

/// The answer to a refused transition: 422 with the rule's reason.
pub fn refused(e: shared::project::TransitionError) -> Result<Response> {
    http::json(422, &json!({ "reasons": [e.reason()] }))
}

pub async fn detail(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let d1 = db::db(&ctx.env)?;
    let Some(row) = own_project(&d1, &actor, &ctx).await? else {
        return not_found();
    };
    http::json(200, &detail_json(&d1, &row).await?)
}

pub async fn detail_json(d1: &D1Database, row: &ProjectRow) -> Result<Value> {
    let mut summary = crate::routes::enterprise::summary(d1, row).await?;
    let movements: Vec<Value> = db::all(d1, "SELECT kind, amount_cents, detail, on_date FROM movements WHERE project_id = ?1 ORDER BY id", &[int(row.id)]).await?;
    let payments: Vec<Value> = db::all(d1, "SELECT id, amount_cents, own_cents, subsidy_cents, reference, communication, status, ordered_on FROM payments WHERE project_id = ?1 ORDER BY id", &[int(row.id)]).await?;
    let accepted: Value = serde_json::from_str(&row.accepted).unwrap_or_default();
    summary["movements"] = json!(movements.iter().map(|m| json!({
        "kind": m["kind"], "amount": cents(&m["amount_cents"]), "on": m["on_date"],
        "detail": serde_json::from_str::<Value>(m["detail"].as_str().unwrap_or("{}")).unwrap_or_default(),
    })).collect::<Vec<_>>());
    summary["payments"] = json!(payments.iter().map(payment_json).collect::<Vec<_>>());
    summary["deadlines"] = accepted["deadlines"].clone();
    summary["rate"] = accepted["rate"].clone();
    summary["applied_at"] = json!(row.created_at);
    summary["communication"] = json!(
        shared::ids::structured_communication::StructuredCommunication::parse(&row.communication)
            .map(|c| c.to_string())
            .unwrap_or_default()
    );
    Ok(summary)
}

pub fn payment_json(p: &Value) -> Value {
    json!({
        "id": p["id"], "amount": cents(&p["amount_cents"]), "own_part": cents(&p["own_cents"]),
        "subsidy_part": cents(&p["subsidy_cents"]), "reference": p["reference"],
        "communication": p["communication"], "status": p["status"], "ordered_on": p["ordered_on"],
    })
}

/// An integer column of cents as the API's money string.
pub fn cents(v: &Value) -> String {
    Money::from_cents(v.as_i64().unwrap_or(0))
        .unwrap_or(Money::ZERO)
        .to_string()
}

const PAYMENT_FIELDS: &[(&str, &str)] = &[
    ("amount", "Te betalen bedrag"),
    ("reference", "Referentienummer"),
    ("communication", "Mededeling"),
];

/// `POST /api/v1/projects/{dossier}/payments` with an `Idempotency-Key`: a retried order is
/// executed once.
pub async fn pay(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let key = match http::idempotency_key(&req) {
        Ok(Some(k)) => k,
        Ok(None) => return http::bad_request(&[FieldError::new("Idempotency-Key", "required", "Een betaalopdracht heeft een Idempotency-Key nodig, zodat ze bij een nieuwe poging maar één keer wordt uitgevoerd.")]),
        Err(answer) => return answer,
    };
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, PAYMENT_FIELDS) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let amount = f.required_money("amount");
    if amount.is_some_and(Money::is_zero) {
        f.error("amount", "amount_below_minimum", "het minimum is € 0,01.");
    }
    let reference = f.required_text(
        "reference",
        35,
        "invalid_reference",
        "vul het factuurnummer of kenmerk in (1 tot 35 tekens).",
    );
    let communication = match f
        .required_str("communication")
        .map(PaymentCommunication::parse)
    {
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => {
            f.error("communication", e.code(), e.message());
            None
        }
        None => None,
    };
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let (Some(amount), Some(reference), Some(communication)) = (amount, reference, communication)
    else {
        return http::bad_request(&[FieldError::new(
            "",
            "invalid_request",
            "Ongeldige aanvraag.",
        )]);
    };
    let d1 = db::db(&ctx.env)?;
    let Some(row) = own_project(&d1, &actor, &ctx).await? else {
        return not_found();
    };
    if let Some(existing) = payment_by_key(&d1, row.id, &key).await? {
        return http::json(
            200,
            &json!({ "payment": existing, "project": detail_json(&d1, &row).await? }),
        );
    }
    let today = crate::clock::today(&ctx.env).await;
    let event = Event::PaymentOrdered {
        amount,
        date: today,
    };
    let communication = communication.to_string();
    let key_ = key.clone();
    let extra = move |d1: &D1Database,
                      row: &ProjectRow,
                      _: &shared::project::Project,
                      movements: &[Movement]| {
        let mut out = Vec::new();
        for m in movements {
            if let Movement::PaymentOut {
                amount,
                own_part,
                subsidy_part,
            } = m
            {
                out.push(db::stmt(d1,
                    "INSERT INTO payments (project_id, amount_cents, own_cents, subsidy_cents, reference, communication, idempotency_key, ordered_on) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    &[int(row.id), int(amount.cents()), int(own_part.cents()), int(subsidy_part.cents()), text(&reference), text(&communication), text(&key_), text(&today.to_string())])?);
            }
        }
        Ok(out)
    };
    match store::change(&ctx.env, row.id, &event, &actor, "payment_ordered", &extra).await {
        Ok(Changed::Done { row, .. }) => {
            let payment = payment_by_key(&d1, row.id, &key).await?;
            http::json(
                201,
                &json!({ "payment": payment, "project": detail_json(&d1, &row).await? }),
            )
        }
        Ok(Changed::Refused(e)) => refused(e),
        Ok(Changed::Missing) => not_found(),
        Ok(Changed::Busy) => store::busy(),
        // The same key raced itself: the other attempt stored the payment.
        Err(e) if db::refusal(&e) == db::Refusal::Unique => {
            match payment_by_key(&d1, row.id, &key).await? {
                Some(p) => http::json(
                    200,
                    &json!({ "payment": p, "project": detail_json(&d1, &row).await? }),
                ),
                None => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

async fn payment_by_key(d1: &D1Database, project_id: i64, key: &str) -> Result<Option<Value>> {
    let found: Option<Value> = db::first(d1, "SELECT id, amount_cents, own_cents, subsidy_cents, reference, communication, status, ordered_on FROM payments WHERE project_id = ?1 AND idempotency_key = ?2", &[int(project_id), text(key)]).await?;
    Ok(found.as_ref().map(payment_json))
}

const REASON_FIELDS: &[(&str, &str)] = &[("reason", "Reden")];

/// Reads `{ "reason": "..." }` (1 to 500 characters).
pub async fn read_reason(req: &mut Request) -> std::result::Result<String, Result<Response>> {
    let body = http::read_json(req).await?;
    let mut f = Fields::new(&body, REASON_FIELDS).map_err(|e| http::bad_request(&e))?;
    // Several lines are fine in a reason (a text area), so not `required_text`.
    let reason = f.required_str("reason").map(str::trim).map(str::to_string);
    if let Some(r) = &reason {
        if r.is_empty() || r.chars().count() > 500 {
            f.error(
                "reason",
                "invalid_reason",
                "geef een reden van 1 tot 500 tekens.",
            );
        }
    }
    f.finish().map_err(|e| http::bad_request(&e))?;
    reason.ok_or_else(|| {
        http::bad_request(&[FieldError::new(
            "reason",
            "required",
            "Reden: dit veld is verplicht.",
        )])
    })
}

/// `POST /api/v1/projects/{dossier}/stop`.
pub async fn stop(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let reason = match read_reason(&mut req).await {
        Ok(r) => r,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let Some(row) = own_project(&d1, &actor, &ctx).await? else {
        return not_found();
    };
    let event = Event::Stop {
        reason,
        date: crate::clock::today(&ctx.env).await,
    };
    match store::change(
        &ctx.env,
        row.id,
        &event,
        &actor,
        "project_stopped",
        &store::no_extra,
    )
    .await?
    {
        Changed::Done { row, movements, .. } => http::json(
            200,
            &json!({ "project": detail_json(&d1, &row).await?, "movements": movements }),
        ),
        Changed::Refused(e) => refused(e),
        Changed::Missing => not_found(),
        Changed::Busy => store::busy(),
    }
}

const RATING_FIELDS: &[(&str, &str)] = &[
    ("stars", "Score"),
    ("text", "Toelichting"),
    ("publish_name", "Naam publiceren"),
    ("copy_by_mail", "Kopie per mail"),
];

/// `POST /api/v1/projects/{dossier}/rating`: after a payment, once per project.
pub async fn rate(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, RATING_FIELDS) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let text_ = f.optional_str("text").unwrap_or_default().to_string();
    let flags = (
        f.optional_bool("publish_name").unwrap_or(false),
        f.optional_bool("copy_by_mail").unwrap_or(false),
    );
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let stars = body.get("stars").and_then(Value::as_i64);
    let rating = match Rating::parse(stars, &text_, flags.0, flags.1) {
        Ok(r) => r,
        Err(errors) => return http::bad_request(&errors),
    };
    let d1 = db::db(&ctx.env)?;
    let Some(row) = own_project(&d1, &actor, &ctx).await? else {
        return not_found();
    };
    if !row.project()?.can_be_rated(false) {
        return http::json(
            422,
            &json!({ "reasons": [{ "code": "rating_before_payment", "message": "U kan uw dienstverlener beoordelen na een betaling." }] }),
        );
    }
    let company: Option<Value> = db::first(
        &d1,
        "SELECT name FROM enterprises WHERE number = ?1",
        &[text(&actor.subject)],
    )
    .await?;
    let company = company
        .and_then(|c| c["name"].as_str().map(str::to_string))
        .unwrap_or_default();
    let batch = vec![
        db::stmt(&d1,
            "INSERT INTO ratings (project_id, provider_number, stars, text, publish_name, rater_name, company_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[int(row.id), text(&row.provider_number), int(i64::from(rating.stars().get())), text(rating.text()), int(i64::from(rating.publish_name())), text(&actor.user_name), text(&company)])?,
        store::audit(&d1, &actor, "provider_rated", &row.dossier_number, &json!({ "stars": rating.stars().get() }))?,
    ];
    match d1.batch(batch).await {
        Ok(_) => {}
        Err(e) if db::refusal(&e) == db::Refusal::Unique => {
            return http::error(
                409,
                "",
                "already_rated",
                "U hebt dit project al beoordeeld.",
            )
        }
        Err(e) => return Err(e),
    }
    if let Ok(number) = shared::ids::provider_number::ProviderNumber::parse(&row.provider_number) {
        providers::invalidate(&ctx.env, &number).await?;
    }
    http::json(201, &json!({ "rating": rating }))
}
