//! The development build's routes (cargo feature `dev`; the production build has none of
//! them): the demo sign-in, the outbox of mails and the movable clock. Even in the development
//! build they answer 404 unless `ENVIRONMENT = "development"`.

use shared::api::session::{Addressee, Clock, Outbox, OutboxMail, Requeued};
use shared::error::FieldError;
use shared::form::Fields;
use shared::format::escape_html;
use shared::ids::enterprise_number::EnterpriseNumber;
use shared::ids::provider_number::ProviderNumber;
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
