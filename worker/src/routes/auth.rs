//! `GET /api/v1/auth/login` and `GET /api/v1/auth/callback`: OpenID Connect sign-in for the
//! enterprise, the provider and the operator.
//!
//! Both are top-level browser navigations, so every refusal sends the browser back to the
//! sign-in page with a code (`/aanmelden?fout=<code>`), which shows what happened in Dutch; the
//! refusal is written to the audit log.

use serde::Deserialize;
use shared::api::session::AuthOptions;
use shared::api::AuditDetail;
use shared::ids::enterprise_number::EnterpriseNumber;
use shared::ids::provider_number::ProviderNumber;
use shared::role::Role;
use worker::{Request, Response, Result, RouteContext};

use crate::auth;
use crate::id_token::{self, Expected};
use crate::oidc::{self, Config};
use crate::{db, store};

/// More organisations than this in one claim are not read (a person acts for a handful).
const MAX_CLAIMED: usize = 50;

fn redirect(location: &str, cookies: &[String]) -> Result<Response> {
    let mut response = Response::empty()?.with_status(303);
    let headers = response.headers_mut();
    headers.set("location", location)?;
    for c in cookies {
        headers.append("set-cookie", c)?;
    }
    Ok(response)
}

/// Back to the sign-in page with the reason; the flow cookies are cleared.
fn refused_page(code: &str) -> Result<Response> {
    redirect(
        &format!("/aanmelden?fout={code}"),
        &[oidc::clear_cookie(), oidc::clear_next_cookie()],
    )
}

/// `GET /api/v1/auth/options`: which ways to sign in this installation offers, for the sign-in
/// page: the government's (OpenID Connect, when configured) and the demo sign-in (the
/// development build in the development environment only).
pub async fn options(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    crate::http::json(
        200,
        &AuthOptions {
            government: Config::from_env(&ctx.env).is_some(),
            demo: crate::config::is_development(&ctx.env),
        },
    )
}

#[derive(Deserialize, Default)]
struct Login {
    /// The screen the sign-in was asked for on (`/aanvraag?theme=…`), to return to.
    next: Option<String>,
}

pub async fn login(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let Some(config) = Config::from_env(&ctx.env) else {
        return refused_page("sign_in_unavailable");
    };
    // Signing in again ends this browser's session (its SameSite=Strict cookie comes along on
    // this same-site navigation, not on the identity provider's redirect back).
    let ended = auth::end(&req, &ctx.env).await?;
    let (location, cookie) = oidc::start(&config);
    let q: Login = req.query().unwrap_or_default();
    // Any other address is not returned to: the sign-in lands on the role's home.
    let next = match q.next.as_deref().filter(|n| Role::is_return_path(n)) {
        Some(n) => oidc::next_cookie(n),
        None => oidc::clear_next_cookie(),
    };
    redirect(&location, &[cookie, ended, next])
}

#[derive(Deserialize, Default)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let Some(config) = Config::from_env(&ctx.env) else {
        return refused_page("sign_in_unavailable");
    };
    let d1 = db::db(&ctx.env)?;
    let q: Callback = req.query().unwrap_or_default();
    // The state is checked first, for an error answer too (RFC 6749 §4.1.2.1).
    let (Some(state), Some(flow)) = (q.state, oidc::flow(&req)) else {
        return anonymous("sign_in_expired");
    };
    if state != flow.state {
        return anonymous("sign_in_state_mismatch");
    }
    if q.error.is_some() {
        return anonymous("sign_in_cancelled");
    }
    let Some(code) = q.code else {
        return anonymous("sign_in_expired");
    };
    let tokens = match oidc::exchange(&config, &code, &flow.verifier).await {
        Ok(t) => t,
        Err(e) => {
            worker::console_error!("OIDC token exchange: {e}");
            return anonymous("sign_in_failed");
        }
    };
    let jwks = match oidc::jwks(&config).await {
        Ok(k) => k,
        Err(e) => {
            worker::console_error!("OIDC keys: {e}");
            return anonymous("sign_in_failed");
        }
    };
    let expected = Expected {
        issuer: &config.issuer,
        client_id: &config.client_id,
        nonce: &flow.nonce,
        now: auth::now_seconds(),
    };
    let id = match id_token::validate(&tokens.id_token, &jwks, &expected).await {
        Ok(claims) => claims,
        Err(refusal) => return anonymous(refusal.code()),
    };
    let info = match oidc::userinfo(&config, &tokens.access_token).await {
        Ok(i) => i,
        Err(e) => {
            worker::console_error!("OIDC userinfo: {e}");
            return refuse_person(&d1, "sign_in_failed", &id.sub, "").await;
        }
    };
    // OpenID Connect Core §5.3.2: the userinfo must be about the person of the ID token.
    if info.text("sub") != Some(id.sub.as_str()) {
        return refuse_person(&d1, "userinfo_subject", &id.sub, "").await;
    }
    let person = id.sub;
    let user_name: String = info
        .text(&config.name_claim)
        .unwrap_or("Gebruiker")
        .trim()
        .chars()
        .take(100)
        .collect();

    let claimed = |claim: &Option<String>| -> Vec<String> {
        claim.as_deref().map(|c| info.list(c)).unwrap_or_default()
    };
    let enterprises: Vec<String> = claimed(&config.enterprise_claim)
        .iter()
        .filter_map(|n| EnterpriseNumber::parse(n).ok())
        .map(|n| n.digits())
        .take(MAX_CLAIMED)
        .collect();
    let providers: Vec<String> = claimed(&config.provider_claim)
        .iter()
        .filter_map(|n| ProviderNumber::parse(n).ok())
        .map(|n| n.to_string())
        .take(MAX_CLAIMED)
        .collect();
    let mut organisations = auth::organisations(&d1, &enterprises, &providers).await?;
    if oidc::is_operator(&config, &person, &info) {
        organisations.push(auth::operator_organisation());
    }
    if organisations.is_empty() {
        let code = if !enterprises.is_empty() {
            "enterprise_unknown"
        } else if !providers.is_empty() {
            "provider_not_active"
        } else {
            "no_organisation"
        };
        return refuse_person(&d1, code, &person, &user_name).await;
    }
    let acting = (organisations.len() == 1).then(|| &organisations[0]);
    let detail = AuditDetail {
        organisations: Some(organisations.clone()),
        acting: acting.cloned(),
        ..AuditDetail::default()
    };
    let audited = store::audit_sign_in(&d1, &person, &user_name, "signed_in", &person, &detail)?;
    let session = auth::start(
        &ctx.env,
        &person,
        &user_name,
        &organisations,
        acting,
        Some(audited),
    )
    .await?;
    // Back to the screen the sign-in started from when it is one of the role's; a person for
    // several organisations takes it along to the choice.
    let next = oidc::next(&req);
    let home = match (acting, next) {
        (Some(o), Some(n)) => o.role.return_to(&n).unwrap_or(o.role.home()).to_string(),
        (Some(o), None) => o.role.home().to_string(),
        (None, Some(n)) => format!(
            "/aanmelden/kiezen?verder={}",
            form_urlencoded::byte_serialize(n.as_bytes()).collect::<String>()
        ),
        (None, None) => "/aanmelden/kiezen".to_string(),
    };
    redirect(
        &home,
        &[session, oidc::clear_cookie(), oidc::clear_next_cookie()],
    )
}

/// A refusal before the identity provider vouched for anyone (a stale, forged or foreign
/// callback, which anyone can send): logged, not audited, so nobody can fill the append-only
/// audit log without signing in.
fn anonymous(code: &'static str) -> Result<Response> {
    worker::console_log!("sign-in refused: {code}");
    refused_page(code)
}

/// A refusal of a person the identity provider vouched for (a valid ID token): audited.
async fn refuse_person(
    d1: &crate::db::Db,
    code: &'static str,
    person: &str,
    name: &str,
) -> Result<Response> {
    let detail = AuditDetail::default();
    d1.run(store::audit_sign_in(
        d1,
        person,
        name,
        "sign_in_refused",
        code,
        &detail,
    )?)
    .await?;
    refused_page(code)
}
