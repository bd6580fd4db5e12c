//! Who is asking: sessions and roles.
//!
//! Three roles: an enterprise (acts for one enterprise number), a provider (one provider
//! number) and the operator (the agency and its financial partner). A session is a random token
//! in an HttpOnly, Secure, SameSite=Strict cookie; D1 keeps only its SHA-256 and expiry, so a
//! leaked database holds no usable session. Production signs in through the government's
//! OpenID Connect provider (`oidc`); development has a demo sign-in (`routes::session`).

use serde::{Deserialize, Serialize};
use serde_json::json;
use shared::error::FieldError;
use worker::{Env, Method, Request, Response, Result};

use crate::db::{self, int, text};
use crate::{http, random};

pub const COOKIE: &str = "kmo_session";
/// Eight hours: a working day.
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Enterprise,
    Provider,
    Operator,
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::Enterprise => "enterprise",
            Role::Provider => "provider",
            Role::Operator => "operator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Enterprise, Role::Provider, Role::Operator]
            .into_iter()
            .find(|r| r.id() == s)
    }
}

/// The signed-in user and what they act for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Actor {
    pub role: Role,
    /// Enterprise number (10 digits), provider number or operator name.
    pub subject: String,
    pub user_name: String,
}

pub fn now_seconds() -> i64 {
    (worker::Date::now().as_millis() / 1000) as i64
}

/// Starts a session; answers the `Set-Cookie` value.
pub async fn start(env: &Env, actor: &Actor) -> Result<String> {
    let token = random::token();
    let expires = now_seconds() + SESSION_SECONDS;
    let d1 = db::db(env)?;
    // Expired sessions are swept whenever someone signs in.
    db::stmt(
        &d1,
        "DELETE FROM sessions WHERE expires_at < ?1",
        &[int(now_seconds())],
    )?
    .run()
    .await?;
    db::stmt(
        &d1,
        "INSERT INTO sessions (token_hash, role, subject, user_name, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[
            text(&random::sha256_hex(&token)),
            text(actor.role.id()),
            text(&actor.subject),
            text(&actor.user_name),
            int(expires),
        ],
    )?
    .run()
    .await?;
    Ok(format!(
        "{COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={SESSION_SECONDS}"
    ))
}

/// Ends the session of this request; answers the `Set-Cookie` value that clears the cookie.
pub async fn end(req: &Request, env: &Env) -> Result<String> {
    if let Some(token) = cookie(req) {
        db::stmt(
            &db::db(env)?,
            "DELETE FROM sessions WHERE token_hash = ?1",
            &[text(&random::sha256_hex(&token))],
        )?
        .run()
        .await?;
    }
    Ok(format!(
        "{COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0"
    ))
}

fn cookie(req: &Request) -> Option<String> {
    let header = req.headers().get("cookie").ok().flatten()?;
    header.split(';').find_map(|part| {
        let (name, value) = part.trim().split_once('=')?;
        (name == COOKIE && value.len() == 64 && value.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| value.to_string())
    })
}

#[derive(Deserialize)]
struct SessionRow {
    role: String,
    subject: String,
    user_name: String,
}

/// The actor of this request, if signed in.
pub async fn current(req: &Request, env: &Env) -> Result<Option<Actor>> {
    let Some(token) = cookie(req) else {
        return Ok(None);
    };
    let row: Option<SessionRow> = db::first(
        &db::db(env)?,
        "SELECT role, subject, user_name FROM sessions WHERE token_hash = ?1 AND expires_at > ?2",
        &[text(&random::sha256_hex(&token)), int(now_seconds())],
    )
    .await?;
    Ok(row.and_then(|r| {
        Role::parse(&r.role).map(|role| Actor {
            role,
            subject: r.subject,
            user_name: r.user_name,
        })
    }))
}

/// The actor when signed in with `role`; otherwise the 401/403 answer to send.
///
/// A changing request from another site is refused too: besides SameSite=Strict cookies, a
/// present `Origin` must be this origin.
pub async fn require(
    req: &Request,
    env: &Env,
    role: Role,
) -> Result<std::result::Result<Actor, Response>> {
    if req.method() != Method::Get && !same_origin(req) {
        return Ok(Err(forbidden(
            "cross_origin",
            "Verzoeken van een andere website worden geweigerd.",
        )?));
    }
    match current(req, env).await? {
        None => Ok(Err(http::error(
            401,
            "",
            "not_signed_in",
            "Meld u eerst aan.",
        )?)),
        Some(actor) if actor.role == role => Ok(Ok(actor)),
        Some(_) => Ok(Err(forbidden(
            "wrong_role",
            "U hebt geen toegang tot deze functie met uw huidige aanmelding.",
        )?)),
    }
}

fn same_origin(req: &Request) -> bool {
    let Some(origin) = req.headers().get("origin").ok().flatten() else {
        return true;
    };
    let own = req.url().map(|u| u.origin().ascii_serialization());
    own.is_ok_and(|own| own == origin)
}

pub fn forbidden(code: &'static str, message: &str) -> Result<Response> {
    http::json(
        403,
        &json!({ "errors": [FieldError::new("", code, message)] }),
    )
}

/// Whether development-only features (demo sign-in, outbox page) are on.
pub fn is_development(env: &Env) -> bool {
    env.var("ENVIRONMENT")
        .map(|v| v.to_string() == "development")
        .unwrap_or(false)
}

/// Shorthand in handlers: `let actor = signed_in!(req, ctx, Role::Enterprise);`
#[macro_export]
macro_rules! signed_in {
    ($req:expr, $ctx:expr, $role:expr) => {
        match $crate::auth::require(&$req, &$ctx.env, $role).await? {
            Ok(actor) => actor,
            Err(answer) => return Ok(answer),
        }
    };
}
