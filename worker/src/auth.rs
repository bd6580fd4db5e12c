//! Who is asking: sessions, the organisations a person may act for, and roles.
//!
//! Three roles: an enterprise (acts for one enterprise number), a provider (one provider
//! number) and the operator (the agency and its financial partner). A person signs in once
//! (OpenID Connect, `oidc`; the development build also has a demo sign-in) and may act for
//! several organisations: the session keeps that list and which one the person acts for now
//! ("Wisselen van organisatie", manual 003). A session is a random token in a `__Host-`
//! HttpOnly, Secure, SameSite=Strict cookie; D1 keeps only its SHA-256.
//!
//! Every request checks the session against the current state (one query): a provider that was
//! suspended, or an operator taken off the allow-list, loses access at once.

use serde::Deserialize;
use worker::{Env, Request, Response, Result};

use crate::db::{self, int, text};
use crate::{config, http, random};

/// `__Host-`: only ever set by this host, over HTTPS, for the whole site (RFC 6265bis §4.1.3.2).
pub const COOKIE: &str = "__Host-kmo_session";
/// Eight hours: a working day.
pub const SESSION_SECONDS: i64 = 8 * 60 * 60;
/// Demo sign-ins of the development build carry this prefix in `person`.
pub const DEMO_PERSON_PREFIX: &str = "demo:";

pub use shared::api::session::{Actor, Organisation};
pub use shared::role::Role;

/// A session: what `GET /api/v1/me` shows, and whether access was revoked since sign-in.
#[derive(Debug, Clone)]
pub struct Session {
    pub shown: shared::api::session::Session,
    /// Set when the organisation acted for no longer grants access (a suspended provider, an
    /// operator off the allow-list): every request then answers 403 `access_revoked`, so a
    /// revoked session is never shown.
    pub revoked: bool,
}

impl Session {
    pub fn actor(&self) -> Option<Actor> {
        self.shown.actor()
    }
}

pub fn now_seconds() -> i64 {
    (worker::Date::now().as_millis() / 1000) as i64
}

fn set_cookie(token: &str, max_age: i64) -> String {
    format!("{COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age}")
}

/// Starts a session for `person`, acting for `acting` when given (one organisation, or a
/// demo sign-in), with `also` (the sign-in's audit row) in the same batch; answers the
/// `Set-Cookie` value.
pub async fn start(
    env: &Env,
    person: &str,
    user_name: &str,
    organisations: &[Organisation],
    acting: Option<&Organisation>,
    also: Option<worker::D1PreparedStatement>,
) -> Result<String> {
    let token = random::token();
    let expires = now_seconds() + SESSION_SECONDS;
    let d1 = db::db(env)?;
    let choices = db::to_json(&organisations)?;
    let null = wasm_bindgen::JsValue::NULL;
    let mut batch = vec![
        // Expired sessions are swept whenever someone signs in (indexed on expires_at).
        db::stmt(
            &d1,
            "DELETE FROM sessions WHERE expires_at < ?1",
            &[int(now_seconds())],
        )?,
        db::stmt(
            &d1,
            "INSERT INTO sessions (token_hash, role, subject, person, user_name, choices, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[
                text(&random::sha256_hex(&token)),
                acting.map_or(null.clone(), |o| text(o.role.id())),
                acting.map_or(null, |o| text(&o.subject)),
                text(person),
                text(user_name),
                text(&choices),
                int(expires),
            ],
        )?,
    ];
    batch.extend(also);
    d1.batch(batch).await?;
    Ok(set_cookie(&token, SESSION_SECONDS))
}

/// Makes the session of this request act for `organisation`, which must be one of its own;
/// answers the session as it is now, checked like every request's (one D1 round trip).
pub async fn choose(
    req: &Request,
    env: &Env,
    organisation: &Organisation,
) -> Result<Option<Session>> {
    let Some(token) = cookie(req) else {
        return Ok(None);
    };
    let d1 = db::db(env)?;
    let hash = random::sha256_hex(&token);
    let results = d1
        .batch(vec![
            db::stmt(
                &d1,
                "UPDATE sessions SET role = ?1, subject = ?2 WHERE token_hash = ?3",
                &[
                    text(organisation.role.id()),
                    text(&organisation.subject),
                    text(&hash),
                ],
            )?,
            db::stmt(&d1, CURRENT_SQL, &[text(&hash), int(now_seconds())])?,
        ])
        .await?;
    let row = match results.get(1) {
        Some(r) => r.results::<SessionRow>()?.into_iter().next(),
        None => None,
    };
    Ok(row.map(|r| session_of(env, r)))
}

/// Ends the session of this request; answers the `Set-Cookie` value that clears the cookie.
pub async fn end(req: &Request, env: &Env) -> Result<String> {
    if let Some(token) = cookie(req) {
        db::run(
            &db::db(env)?,
            "DELETE FROM sessions WHERE token_hash = ?1",
            &[text(&random::sha256_hex(&token))],
        )
        .await?;
    }
    Ok(set_cookie("", 0))
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
    role: Option<Role>,
    subject: Option<String>,
    person: String,
    user_name: String,
    /// The organisations the person may act for. A stored list that does not read is an error
    /// (a 500 in the logs), never an empty list.
    #[serde(deserialize_with = "db::json")]
    choices: Vec<Organisation>,
    /// For a provider session: whether the provider is active now (NULL when unknown).
    #[serde(deserialize_with = "db::optional_flag")]
    provider_active: Option<bool>,
    /// For an enterprise session: whether the enterprise has a wallet (registered) now.
    #[serde(deserialize_with = "db::optional_flag")]
    enterprise_registered: Option<bool>,
}

/// A live session by its token hash and now, with whether the provider it acts for is active.
const CURRENT_SQL: &str = "SELECT s.role, s.subject, s.person, s.user_name, s.choices, \
        CASE WHEN p.number IS NULL THEN NULL ELSE 1 - p.suspended END AS provider_active, \
        CASE WHEN s.role = 'enterprise' THEN \
          (SELECT count(*) FROM enterprises e WHERE e.number = s.subject) END AS enterprise_registered \
    FROM sessions s LEFT JOIN providers p ON s.role = 'provider' AND p.number = s.subject \
    WHERE s.token_hash = ?1 AND s.expires_at > ?2";

/// The session of this request, checked against the current state, if signed in.
pub async fn current(req: &Request, env: &Env) -> Result<Option<Session>> {
    let Some(token) = cookie(req) else {
        return Ok(None);
    };
    let row: Option<SessionRow> = db::first(
        &db::db(env)?,
        CURRENT_SQL,
        &[text(&random::sha256_hex(&token)), int(now_seconds())],
    )
    .await?;
    Ok(row.map(|r| session_of(env, r)))
}

/// A session row checked against the current state.
fn session_of(env: &Env, r: SessionRow) -> Session {
    let revoked = match r.role {
        Some(Role::Provider) => r.provider_active != Some(true),
        Some(Role::Operator) => !operator_allowed(env, &r.person),
        _ => false,
    };
    Session {
        shown: shared::api::session::Session {
            role: r.role,
            subject: r.role.and(r.subject),
            user_name: r.user_name,
            person: r.person,
            organisations: r.choices,
            must_register: r.enterprise_registered == Some(false),
        },
        revoked,
    }
}

/// Whether `person` may still be the operator: on the allow-list, or a demo sign-in of the
/// development build.
fn operator_allowed(env: &Env, person: &str) -> bool {
    config::list(env, "OPERATOR_SUBJECTS")
        .iter()
        .any(|s| s == person)
        || (person.starts_with(DEMO_PERSON_PREFIX) && config::is_development(env))
}

#[derive(Deserialize)]
struct NamedRow {
    number: String,
    name: String,
}

/// Of `enterprises` and `providers` (numbers), the enterprises that have a wallet or are in the
/// KBO data (those register first), and the providers that are registered and active, with
/// their names (an enterprise without a wallet by its KBO name, the Dutch one first), in one D1
/// round trip.
pub async fn organisations(
    d1: &crate::db::Db,
    enterprises: &[String],
    providers: &[String],
) -> Result<Vec<Organisation>> {
    if enterprises.is_empty() && providers.is_empty() {
        return Ok(Vec::new());
    }
    let list = |v: &[String]| db::to_json(&v).map(|s| text(&s));
    let results = d1
        .batch(vec![
            db::stmt(
                d1,
                "SELECT k.value AS number, coalesce(e.name, \
                   (SELECT d.denomination FROM kbo_denominations d WHERE d.entity = k.value \
                      AND d.type = '001' ORDER BY d.language = '2' DESC, d.language LIMIT 1), \
                   k.value) AS name \
                 FROM json_each(?1) k LEFT JOIN enterprises e ON e.number = k.value \
                 WHERE e.number IS NOT NULL \
                    OR EXISTS (SELECT 1 FROM kbo_enterprises x WHERE x.number = k.value) \
                 ORDER BY name",
                &[list(enterprises)?],
            )?,
            db::stmt(
                d1,
                "SELECT number, name FROM providers \
                 WHERE suspended = 0 AND number IN (SELECT value FROM json_each(?1)) ORDER BY name",
                &[list(providers)?],
            )?,
        ])
        .await?;
    let mut found = Vec::new();
    for (result, role) in results.iter().zip([Role::Enterprise, Role::Provider]) {
        for row in result.results::<NamedRow>()? {
            found.push(Organisation {
                role,
                subject: row.number,
                name: row.name,
            });
        }
    }
    Ok(found)
}

/// The operator as an organisation (there is one).
pub fn operator_organisation() -> Organisation {
    Organisation {
        role: Role::Operator,
        subject: "operator".into(),
        name: "Beheer kmo-portefeuille".into(),
    }
}

/// The actor when signed in with `role`; otherwise the 401/403 answer to send. An enterprise
/// without a wallet yet may only register (403 `registration_required`).
pub async fn require(
    req: &Request,
    env: &Env,
    role: Role,
) -> Result<std::result::Result<Actor, Response>> {
    let session = current(req, env).await?;
    let registering = session.as_ref().is_some_and(|s| s.shown.must_register);
    Ok(match acting(session)? {
        Ok(actor) if actor.role != role => Err(forbidden(
            "wrong_role",
            "U hebt geen toegang tot deze functie met uw huidige aanmelding.",
        )?),
        Ok(_) if registering => Err(forbidden(
            "registration_required",
            "Registreer eerst uw onderneming voor de kmo-portefeuille.",
        )?),
        other => other,
    })
}

/// The actor of an enterprise session whose enterprise has no wallet yet; otherwise the answer
/// to send (409 `already_registered` once it has one).
pub async fn require_registering(
    req: &Request,
    env: &Env,
) -> Result<std::result::Result<Actor, Response>> {
    let session = current(req, env).await?;
    let registering = session.as_ref().is_some_and(|s| s.shown.must_register);
    Ok(match acting(session)? {
        Ok(actor) if actor.role != Role::Enterprise => Err(forbidden(
            "wrong_role",
            "U hebt geen toegang tot deze functie met uw huidige aanmelding.",
        )?),
        Ok(_) if !registering => Err(http::error(
            409,
            "",
            "already_registered",
            "Uw onderneming is al geregistreerd voor de kmo-portefeuille.",
        )?),
        other => other,
    })
}

/// Who acts in this session; otherwise the 401/403 answer to send.
fn acting(session: Option<Session>) -> Result<std::result::Result<Actor, Response>> {
    Ok(match session {
        None => Err(http::error(401, "", "not_signed_in", "Meld u eerst aan.")?),
        Some(s) if s.revoked => Err(revoked()?),
        Some(s) => match s.actor() {
            Some(actor) => Ok(actor),
            None => Err(forbidden(
                "no_organisation_chosen",
                "Kies eerst voor welke organisatie u optreedt.",
            )?),
        },
    })
}

pub fn revoked() -> Result<Response> {
    forbidden(
        "access_revoked",
        "U hebt geen toegang meer voor deze organisatie. Meld u opnieuw aan.",
    )
}

pub fn forbidden(code: &'static str, message: &str) -> Result<Response> {
    http::error(403, "", code, message)
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
