//! Signing in and out. `POST /api/v1/dev/sign-in` exists only in the development environment:
//! it lets you pick a seeded enterprise or provider (or be the operator) without an identity
//! provider. Production signs in through OpenID Connect (`routes::oidc`).

use serde_json::json;
use shared::error::FieldError;
use shared::form::Fields;
use shared::ids::enterprise_number::EnterpriseNumber;
use shared::ids::provider_number::ProviderNumber;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::{self, Actor, Role};
use crate::db::{self, text};
use crate::http;

const FIELDS: &[(&str, &str)] = &[
    ("role", "Rol"),
    ("subject", "Voor wie"),
    ("user_name", "Naam"),
];

pub async fn dev_sign_in(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !auth::is_development(&ctx.env) {
        return http::error(404, "", "not_found", "Niet gevonden.");
    }
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, FIELDS) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let role = f.required_choice("role", Role::parse, &["enterprise", "provider", "operator"]);
    let subject = f.required_str("subject").map(str::to_string);
    let user_name = f
        .optional_str("user_name")
        .unwrap_or("Demo Gebruiker")
        .trim()
        .to_string();
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let (Some(role), Some(subject)) = (role, subject) else {
        return http::bad_request(&[FieldError::new(
            "",
            "invalid_request",
            "Ongeldige aanvraag.",
        )]);
    };
    let d1 = db::db(&ctx.env)?;
    let subject = match role {
        Role::Enterprise => match EnterpriseNumber::parse(&subject) {
            Ok(n) => {
                exists(
                    &d1,
                    "SELECT number FROM enterprises WHERE number = ?1",
                    &n.digits(),
                )
                .await?
            }
            Err(_) => None,
        },
        Role::Provider => match ProviderNumber::parse(&subject) {
            Ok(n) => {
                exists(
                    &d1,
                    "SELECT number FROM providers WHERE number = ?1",
                    &n.to_string(),
                )
                .await?
            }
            Err(_) => None,
        },
        Role::Operator => Some(subject.chars().take(60).collect()),
    };
    let Some(subject) = subject else {
        return http::bad_request(&[FieldError::new(
            "subject",
            "unknown_subject",
            "Voor wie: onbekende onderneming of dienstverlener.",
        )]);
    };
    let actor = Actor {
        role,
        subject,
        user_name: user_name.chars().take(100).collect(),
    };
    let cookie = auth::start(&ctx.env, &actor).await?;
    let mut response = http::json(200, &actor)?;
    response.headers_mut().set("set-cookie", &cookie)?;
    Ok(response)
}

async fn exists(d1: &worker::D1Database, sql: &str, key: &str) -> Result<Option<String>> {
    #[derive(serde::Deserialize)]
    struct Row {
        number: String,
    }
    Ok(db::first::<Row>(d1, sql, &[text(key)])
        .await?
        .map(|r| r.number))
}

pub async fn sign_out(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let cookie = auth::end(&req, &ctx.env).await?;
    let mut response = http::json(200, &json!({ "signed_out": true }))?;
    response.headers_mut().set("set-cookie", &cookie)?;
    Ok(response)
}

pub async fn me(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    match auth::current(&req, &ctx.env).await? {
        Some(actor) => http::json(200, &actor),
        None => http::error(401, "", "not_signed_in", "Meld u eerst aan."),
    }
}
