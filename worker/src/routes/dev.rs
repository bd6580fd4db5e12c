//! The development build's routes (cargo feature `dev`; the production build has none of
//! them): the demo sign-in, the outbox of mails and the movable clock. Even in the development
//! build they answer 404 unless `ENVIRONMENT = "development"`.

use shared::api::session::{Addressee, Clock, Copies, CopiesRequest, Outbox, OutboxMail, Requeued};
use shared::error::FieldError;
use shared::form::Fields;
use shared::format::escape_html;
use shared::ids::enterprise_number::EnterpriseNumber;
use shared::ids::provider_number::ProviderNumber;
use shared::ids::DossierNumber;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::{self, Role};
use crate::db;
use crate::{config, http};

fn not_found() -> Result<Response> {
    http::error(404, "", "not_found", "Deze pagina van de API bestaat niet.")
}

const SIGN_IN_FIELDS: &[(&str, &str)] = &[
    ("role", "Rol"),
    ("subject", "Voor wie"),
    ("user_name", "Naam"),
];

/// `POST /api/v1/dev/sign-in` `{ role, subject, user_name? }`: a demo session for a seeded
/// enterprise or provider, or the operator, without an identity provider.
pub async fn sign_in(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !config::is_development(&ctx.env) {
        return not_found();
    }
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, SIGN_IN_FIELDS) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let chosen = crate::routes::session::role_and_subject(&mut f);
    // A blank name is no name: the demo user's.
    let user_name: String = f
        .optional_str("user_name")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("Demo Gebruiker")
        .chars()
        .take(100)
        .collect();
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let Some((role, subject)) = chosen else {
        return http::bad_request(&[FieldError::new(
            "",
            "invalid_request",
            "Ongeldige aanvraag.",
        )]);
    };
    // The same look-up as an OpenID Connect sign-in: enterprises with a wallet, active providers.
    let d1 = db::db(&ctx.env)?;
    let found = match role {
        Role::Enterprise => match EnterpriseNumber::parse(&subject) {
            Ok(n) => auth::organisations(&d1, &[n.digits()], &[]).await?,
            Err(_) => Vec::new(),
        },
        Role::Provider => match ProviderNumber::parse(&subject) {
            Ok(n) => auth::organisations(&d1, &[], &[n.to_string()]).await?,
            Err(_) => Vec::new(),
        },
        Role::Operator => vec![auth::operator_organisation()],
    };
    let Some(organisation) = found.into_iter().next() else {
        return http::bad_request(&[FieldError::new(
            "subject",
            "unknown_subject",
            "Voor wie: onbekende onderneming of actieve dienstverlener.",
        )]);
    };
    let person = format!("{}{}", auth::DEMO_PERSON_PREFIX, user_name);
    let cookie = auth::start(
        &ctx.env,
        &person,
        &user_name,
        std::slice::from_ref(&organisation),
        Some(&organisation),
        None,
    )
    .await?;
    let actor = auth::Actor {
        role,
        subject: organisation.subject,
        user_name,
        person,
    };
    let mut response = http::json(200, &actor)?;
    response.headers_mut().set("set-cookie", &cookie)?;
    Ok(response)
}

/// `GET /api/v1/dev/outbox`: every mail, newest first (JSON; HTML when the browser asks).
pub async fn outbox(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !config::is_development(&ctx.env) {
        return not_found();
    }
    let d1 = db::db(&ctx.env)?;
    // The row is the answer's mail, column for column.
    let mails: Vec<OutboxMail> = db::all(&d1, "SELECT id, recipient, role, subject_id, subject, body, created_at, status, attempts, reminder, sent_at, last_error FROM outbox ORDER BY id DESC LIMIT 500", &[]).await?;
    let wants_html = req
        .headers()
        .get("accept")
        .ok()
        .flatten()
        .is_some_and(|a| a.contains("text/html"));
    if !wants_html {
        return http::json(200, &Outbox { mails });
    }
    let mut html = String::from("<!doctype html><html lang=\"nl-BE\"><meta charset=\"utf-8\"><title>Outbox (ontwikkeling)</title><h1>Outbox</h1>");
    for m in &mails {
        html.push_str(&format!(
            "<article><h2>{}</h2><p>Aan: {} ({} {}) — {}</p><p>{}{}{}</p><pre>{}</pre></article>",
            escape_html(&m.subject),
            escape_html(&m.recipient),
            match m.role {
                Addressee::Enterprise => "enterprise",
                Addressee::Provider => "provider",
            },
            escape_html(&m.subject_id),
            escape_html(&m.created_at.0),
            m.status.label_nl(),
            m.reminder
                .map(|r| format!(" — herinnering {}", r.code()))
                .unwrap_or_default(),
            m.last_error
                .as_deref()
                .map(|e| format!(
                    " — {} pogingen, laatste fout: {}",
                    m.attempts,
                    escape_html(e)
                ))
                .unwrap_or_default(),
            escape_html(&m.body),
        ));
    }
    let mut response = Response::from_html(html)?;
    response.headers_mut().set(
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    )?;
    Ok(response)
}

/// `POST /api/v1/dev/outbox/{id}/queue`: puts the mail on the queue again, as a message
/// delivered twice would arrive (the tests show it is not sent twice).
pub async fn requeue(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !config::is_development(&ctx.env) {
        return not_found();
    }
    // An id that is no mail answers like an unknown path.
    let Some(id) = ctx.param("id").and_then(|i| i.parse::<i64>().ok()) else {
        return not_found();
    };
    let d1 = db::db(&ctx.env)?;
    if !db::exists(&d1, "SELECT 1 FROM outbox WHERE id = ?1", &[db::int(id)]).await? {
        return not_found();
    }
    crate::mail::enqueue(&ctx.env, &[id]).await;
    http::json(202, &Requeued { outbox: id })
}

/// `PUT /api/v1/dev/clock` `{ "date": "2027-01-05" }` or `{ "date": null }`: moves "today".
pub async fn clock(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !config::is_development(&ctx.env) {
        return not_found();
    }
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match shared::form::Fields::new(&body, &[("date", "Datum")]) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let date = f.optional_date("date");
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    crate::clock::set(&ctx.env, date).await?;
    let today = crate::clock::today(&ctx.env).await;
    http::json(200, &Clock { today })
}

/// `GET /api/v1/dev/clock`: what "today" is for the product.
pub async fn today(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !config::is_development(&ctx.env) {
        return not_found();
    }
    let today = crate::clock::today(&ctx.env).await;
    http::json(200, &Clock { today })
}

/// The most copies one call makes.
const MAX_COPIES: u32 = 5000;

/// `POST /api/v1/dev/projects/{dossier}/copies` `{ "count": n }`: `n` copies of the project, with
/// its payments and rating, each under a dossier number and structured communication of its
/// own, in one batch. Volume for the tests that hold every route to a number of queries that
/// does not grow with the data (tests/api/lists.rs); budgets are not touched.
pub async fn copies(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !config::is_development(&ctx.env) {
        return not_found();
    }
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let Some(count) = serde_json::from_value::<CopiesRequest>(body)
        .ok()
        .map(|r| r.count)
        .filter(|n| (1..=MAX_COPIES).contains(n))
    else {
        return http::bad_request(&[FieldError::new(
            "count",
            "invalid_count",
            format!("count: een geheel getal van 1 tot en met {MAX_COPIES}."),
        )]);
    };
    let d1 = db::db(&ctx.env)?;
    let dossier = ctx.param("dossier").cloned().unwrap_or_default();
    let Some(source) = crate::store::by_dossier(&d1, &dossier.to_ascii_uppercase()).await? else {
        return not_found();
    };
    #[derive(serde::Deserialize)]
    struct Value {
        value: i64,
    }
    let count = i64::from(count);
    let year = source.year;
    let last = db::first::<Value>(
        &d1,
        "INSERT INTO counters (name, value) VALUES (?1, ?2) \
         ON CONFLICT(name) DO UPDATE SET value = value + ?2 RETURNING value",
        &[db::text(&format!("dossier-{year}")), db::int(count)],
    )
    .await?
    .map(|v| v.value)
    .ok_or_else(|| worker::Error::RustError("dossier counter answered nothing".into()))?;
    let first = last - count + 1;
    // As applications number them: `2026KMO000042`, and the communication's ten digits the year
    // and the sequence, its check digits their remainder by 97 (0 written as 97).
    let copies = "WITH RECURSIVE seq(n) AS (SELECT ?2 UNION ALL SELECT n + 1 FROM seq WHERE n < ?3) \
        INSERT INTO projects (dossier_number, communication, enterprise_number, provider_number, \
        year, name, service, theme, subtheme, form, accepted, state, status, project_cents, \
        deposit_by, closes_on, op, idempotency_key, applied_by, created_at) \
        SELECT p.year || 'KMO' || printf('%06d', n), \
               printf('%010d%02d', p.year * 1000000 + n, \
                      CASE (p.year * 1000000 + n) % 97 WHEN 0 THEN 97 ELSE (p.year * 1000000 + n) % 97 END), \
               p.enterprise_number, p.provider_number, p.year, p.name, p.service, p.theme, \
               p.subtheme, p.form, p.accepted, p.state, p.status, p.project_cents, p.deposit_by, \
               p.closes_on, p.op, NULL, p.applied_by, p.created_at \
        FROM projects p, seq WHERE p.id = ?1";
    let range = "SELECT id FROM projects WHERE year = ?2 AND dossier_number BETWEEN ?3 AND ?4";
    let from = format!("{year}KMO{first:06}");
    let to = format!("{year}KMO{last:06}");
    let args = [
        db::int(source.id),
        db::int(i64::from(year)),
        db::text(&from),
        db::text(&to),
    ];
    let batch = vec![
        db::stmt(&d1, copies, &[db::int(source.id), db::int(first), db::int(last)])?,
        db::stmt(
            &d1,
            &format!(
                "INSERT INTO payments (project_id, amount_cents, own_cents, subsidy_cents, reference, \
                 communication, status, idempotency_key, ordered_on, executed_at, provider_number) \
                 SELECT c.id, pay.amount_cents, pay.own_cents, pay.subsidy_cents, pay.reference, \
                 pay.communication, pay.status, pay.idempotency_key, pay.ordered_on, \
                 pay.executed_at, pay.provider_number FROM payments pay, ({range}) c \
                 WHERE pay.project_id = ?1"
            ),
            &args,
        )?,
        db::stmt(
            &d1,
            &format!(
                "INSERT INTO ratings (project_id, provider_number, stars, text, publish_name, \
                 rater_name, company_name, created_at) \
                 SELECT c.id, r.provider_number, r.stars, r.text, r.publish_name, r.rater_name, \
                 r.company_name, r.created_at FROM ratings r, ({range}) c WHERE r.project_id = ?1"
            ),
            &args,
        )?,
    ];
    d1.batch(batch).await?;
    let number = |seq: i64| {
        DossierNumber::new(year as u16, seq as u32)
            .map_err(|_| worker::Error::RustError(format!("dossier sequence {seq} out of range")))
    };
    http::json(
        201,
        &Copies {
            count: count as u32,
            first: number(first)?,
            last: number(last)?,
        },
    )
}
