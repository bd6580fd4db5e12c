//! One project, for the enterprise that applied: its details, payments to the provider
//! (003 'Betalen'), stopping it (stopzetten) and rating the provider (003 'Beoordelen').
//! A project of another enterprise answers 404, exactly like one that does not exist.

use crate::db::Db;
use chrono::NaiveDate;
use serde::Deserialize;
use shared::api::enterprise::{
    Payment, PaymentAnswer, PaymentStatus, ProjectDetail, ProjectMovement, RatingAnswer, StopAnswer,
};
use shared::api::provider::ProviderPayment;
use shared::api::AuditDetail;
use shared::error::{FieldError, Reason};
use shared::form::Fields;
use shared::ids::payment_communication::PaymentCommunication;
use shared::ids::DossierNumber;
use shared::money::Money;
use shared::project::{Event, Movement, StopCause};
use shared::rating::Rating;
use worker::{Request, Response, Result, RouteContext};

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
async fn own_project(d1: &Db, actor: &Actor, ctx: &RouteContext<()>) -> Result<Option<ProjectRow>> {
    let dossier = ctx.param("dossier").cloned().unwrap_or_default();
    // Dossier numbers are ASCII: no other letter's upper case is one of theirs.
    Ok(store::by_dossier(d1, &dossier.to_ascii_uppercase())
        .await?
        .filter(|r| r.enterprise_number == actor.subject))
}

/// The answer to a refused transition: 422 with the rule's reason.
pub fn refused(e: shared::project::TransitionError) -> Result<Response> {
    http::refused(&[e.reason()])
}

pub async fn detail(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let d1 = db::db(&ctx.env)?;
    let Some(row) = own_project(&d1, &actor, &ctx).await? else {
        return not_found();
    };
    let today = crate::clock::today(&ctx.env).await;
    http::json(200, &project_detail(&d1, &row, today).await?)
}

/// `GET /api/v1/projects/{dossier}/calendar.ics`: the project's deadlines as an iCalendar file
/// (shared::calendar), for the enterprise's own projects only.
pub async fn calendar(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let d1 = db::db(&ctx.env)?;
    let Some(row) = own_project(&d1, &actor, &ctx).await? else {
        return not_found();
    };
    let today = crate::clock::today(&ctx.env).await;
    let deadlines = shared::calendar::deadlines(&row.state, row.accepted.deadlines.apply_by, today);
    let origin = crate::config::public_origin(&ctx.env).unwrap_or_default();
    let host = origin
        .split_once("://")
        .map_or(origin.as_str(), |(_, h)| h)
        .to_string();
    let stamp = chrono::DateTime::from_timestamp(crate::auth::now_seconds(), 0)
        .unwrap_or_default()
        .naive_utc();
    let body = shared::calendar::ics(
        &row.dossier_number.to_string(),
        &row.name,
        &deadlines,
        stamp,
        &host,
    );
    let file = row.dossier_number.to_string().replace('/', "-");
    let mut answer = Response::ok(body)?;
    let headers = answer.headers_mut();
    headers.set("content-type", "text/calendar; charset=utf-8")?;
    headers.set(
        "content-disposition",
        &format!("attachment; filename=\"kmo-portefeuille-{file}.ics\""),
    )?;
    Ok(answer)
}

#[derive(Deserialize)]
struct MovementRow {
    kind: String,
    #[serde(deserialize_with = "db::cents")]
    amount_cents: Money,
    #[serde(deserialize_with = "db::json")]
    detail: Movement,
    on_date: NaiveDate,
}

/// A payment order as D1 holds it, with its project's dossier number.
#[derive(Deserialize)]
pub struct PaymentRow {
    id: i64,
    project_id: i64,
    #[serde(deserialize_with = "db::cents")]
    amount_cents: Money,
    #[serde(deserialize_with = "db::cents")]
    own_cents: Money,
    #[serde(deserialize_with = "db::cents")]
    subsidy_cents: Money,
    reference: String,
    communication: String,
    status: PaymentStatus,
    ordered_on: NaiveDate,
    dossier_number: DossierNumber,
}

impl From<PaymentRow> for ProviderPayment {
    fn from(p: PaymentRow) -> ProviderPayment {
        ProviderPayment {
            id: p.id,
            amount: p.amount_cents,
            own_part: p.own_cents,
            subsidy_part: p.subsidy_cents,
            reference: p.reference,
            communication: p.communication,
            status: p.status,
            ordered_on: p.ordered_on,
            dossier_number: p.dossier_number,
        }
    }
}

/// Payments with their project; a `WHERE` follows.
pub const PAYMENTS_SQL: &str = "SELECT pay.id, pay.project_id, pay.amount_cents, pay.own_cents, \
    pay.subsidy_cents, pay.reference, pay.communication, pay.status, pay.ordered_on, \
    p.dossier_number FROM payments pay JOIN projects p ON p.id = pay.project_id";

/// The payments of a project, oldest first.
pub async fn payments_of(d1: &Db, project_id: i64) -> Result<Vec<Payment>> {
    Ok(payments_of_projects(d1, &[project_id])
        .await?
        .remove(&project_id)
        .unwrap_or_default())
}

/// The payments of each of the projects `ids`, oldest first: one query for a whole page.
pub async fn payments_of_projects(
    d1: &Db,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<Payment>>> {
    let mut by_project = std::collections::HashMap::<i64, Vec<Payment>>::new();
    if ids.is_empty() {
        return Ok(by_project);
    }
    let sql = format!(
        "{PAYMENTS_SQL} WHERE pay.project_id IN (SELECT value FROM json_each(?1)) ORDER BY pay.id"
    );
    let rows: Vec<PaymentRow> = db::all(d1, &sql, &[db::ids(ids.iter().copied())]).await?;
    for row in rows {
        let project = row.project_id;
        by_project
            .entry(project)
            .or_default()
            .push(ProviderPayment::from(row).payment());
    }
    Ok(by_project)
}

pub async fn project_detail(d1: &Db, row: &ProjectRow, today: NaiveDate) -> Result<ProjectDetail> {
    let summary = crate::routes::enterprise::summaries(d1, std::slice::from_ref(row))
        .await?
        .pop()
        .ok_or_else(|| worker::Error::RustError("project summary: none".into()))?;
    let movements: Vec<MovementRow> = db::all(d1, "SELECT kind, amount_cents, detail, on_date FROM movements WHERE project_id = ?1 ORDER BY id", &[int(row.id)]).await?;
    Ok(ProjectDetail {
        summary,
        movements: movements
            .into_iter()
            .map(|m| ProjectMovement {
                kind: m.kind,
                amount: m.amount_cents,
                on: m.on_date,
                detail: m.detail,
            })
            .collect(),
        payments: payments_of(d1, row.id).await?,
        deadlines: row.accepted.deadlines,
        rate: row.accepted.rate,
        applied_at: row.created_at.clone(),
        communication: row.communication,
        calendar: !shared::calendar::deadlines(&row.state, row.accepted.deadlines.apply_by, today)
            .is_empty(),
    })
}

/// A payment and its project after it.
async fn payment_answer(
    status: u16,
    d1: &Db,
    payment: Payment,
    row: &ProjectRow,
    today: NaiveDate,
) -> Result<Response> {
    let project = project_detail(d1, row, today).await?;
    http::json(status, &PaymentAnswer { payment, project })
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
        let today = crate::clock::today(&ctx.env).await;
        return payment_answer(200, &d1, existing, &row, today).await;
    }
    let today = crate::clock::today(&ctx.env).await;
    let event = Event::PaymentOrdered {
        amount,
        date: today,
    };
    let communication = communication.to_string();
    let key_ = key.clone();
    let extra = move |d1: &Db,
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
                    "INSERT INTO payments (project_id, amount_cents, own_cents, subsidy_cents, reference, communication, idempotency_key, ordered_on, provider_number) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    &[int(row.id), int(amount.cents()), int(own_part.cents()), int(subsidy_part.cents()), text(&reference), text(&communication), text(&key_), text(&today.to_string()), text(&row.provider_number.to_string())])?);
            }
        }
        Ok(out)
    };
    match store::change(&ctx.env, row.id, &event, &actor, "payment_ordered", &extra).await {
        Ok(Changed::Done { row, .. }) => match payment_by_key(&d1, row.id, &key).await? {
            Some(payment) => payment_answer(201, &d1, payment, &row, today).await,
            None => Err(worker::Error::RustError(format!(
                "payment of project {} not stored",
                row.id
            ))),
        },
        Ok(Changed::Refused(e)) => refused(e),
        Ok(Changed::Missing) => not_found(),
        Ok(Changed::Busy) => store::busy(),
        // The same key raced itself: the other attempt stored the payment.
        Err(e) if db::refusal(&e) == db::Refusal::Unique => {
            match payment_by_key(&d1, row.id, &key).await? {
                Some(p) => payment_answer(200, &d1, p, &row, today).await,
                None => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

async fn payment_by_key(d1: &Db, project_id: i64, key: &str) -> Result<Option<Payment>> {
    let sql = format!("{PAYMENTS_SQL} WHERE pay.project_id = ?1 AND pay.idempotency_key = ?2");
    let found: Option<PaymentRow> = db::first(d1, &sql, &[int(project_id), text(key)]).await?;
    Ok(found.map(|r| ProviderPayment::from(r).payment()))
}

/// A choice beside a reason: the field, its Dutch label, how to read it and the ids allowed.
pub struct Choice<T> {
    pub field: &'static str,
    pub label: &'static str,
    pub parse: fn(&str) -> Option<T>,
    pub allowed: Vec<&'static str>,
}

/// Reads `{ "reason": "...", "<choice>": "..." }`: a reason of 1 to 500 characters, and
/// optionally one of the ids of `choice`.
pub async fn read_reason<T>(
    req: &mut Request,
    choice: Choice<T>,
) -> std::result::Result<(String, Option<T>), Result<Response>> {
    let body = http::read_json(req).await?;
    let labels = [("reason", "Reden"), (choice.field, choice.label)];
    let mut f = Fields::new(&body, &labels).map_err(|e| http::bad_request(&e))?;
    // Several lines are fine in a reason (a text area), so not `required_text`.
    let reason = f.required_str("reason");
    if let Some(r) = reason {
        if !shared::form::is_text(r, 500) {
            f.error(
                "reason",
                "invalid_reason",
                "geef een reden van 1 tot 500 tekens.",
            );
        }
    }
    let picked = f.optional_choice(choice.field, choice.parse, &choice.allowed);
    f.finish().map_err(|e| http::bad_request(&e))?;
    let reason = reason.map(|r| r.trim().to_string()).ok_or_else(|| {
        http::bad_request(&[FieldError::new(
            "reason",
            "required",
            "Reden: dit veld is verplicht.",
        )])
    })?;
    Ok((reason, picked))
}

/// `POST /api/v1/projects/{dossier}/stop`.
pub async fn stop(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let cause = Choice {
        field: "cause",
        label: "Geval",
        parse: StopCause::parse,
        allowed: StopCause::ALL.map(StopCause::id).to_vec(),
    };
    let (reason, cause) = match read_reason(&mut req, cause).await {
        Ok(r) => r,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let Some(row) = own_project(&d1, &actor, &ctx).await? else {
        return not_found();
    };
    let today = crate::clock::today(&ctx.env).await;
    let event = Event::Stop {
        reason,
        date: today,
        cause,
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
        Changed::Done { row, movements, .. } => {
            let project = project_detail(&d1, &row, today).await?;
            http::json(200, &StopAnswer { project, movements })
        }
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
    // A whole number, also when written 4.0 (JSON Schema's integer, RFC 8259 numbers).
    let stars = body.get("stars").and_then(|v| {
        v.as_i64().or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e6)
                .map(|f| f as i64)
        })
    });
    let rating = match Rating::parse(stars, &text_, flags.0, flags.1) {
        Ok(r) => r,
        Err(errors) => return http::bad_request(&errors),
    };
    let d1 = db::db(&ctx.env)?;
    let Some(row) = own_project(&d1, &actor, &ctx).await? else {
        return not_found();
    };
    if !row.state.can_be_rated(false) {
        return http::refused(&[Reason::new(
            "rating_before_payment",
            "U kan uw dienstverlener beoordelen na een betaling.",
        )]);
    }
    let company: Option<db::NameRow> = db::first(
        &d1,
        "SELECT name FROM enterprises WHERE number = ?1",
        &[text(&actor.subject)],
    )
    .await?;
    let company = company.map(|c| c.name).ok_or_else(|| {
        worker::Error::RustError("the signed-in enterprise is not on file".into())
    })?;
    let batch = vec![
        db::stmt(&d1,
            "INSERT INTO ratings (project_id, provider_number, stars, text, publish_name, rater_name, company_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[int(row.id), text(&row.provider_number.to_string()), int(i64::from(rating.stars().get())), text(rating.text()), int(i64::from(rating.publish_name())), text(&actor.user_name), text(&company)])?,
        store::audit(&d1, &actor, "provider_rated", &row.dossier_number.to_string(), &AuditDetail {
            stars: Some(rating.stars().get()),
            ..AuditDetail::default()
        })?,
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
    providers::invalidate(&ctx.env, &row.provider_number).await?;
    http::json(201, &RatingAnswer { rating })
}
