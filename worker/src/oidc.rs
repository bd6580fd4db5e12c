//! Sign-in through the government's OpenID Connect identity provider (production).
//!
//! Authorization code flow with PKCE (RFC 7636) and a `state` bound to the browser by a
//! short-lived HttpOnly cookie. The identity provider is configured by environment (see
//! README, "Sign-in"):
//! `OIDC_AUTHORIZE_URL`, `OIDC_TOKEN_URL`, `OIDC_USERINFO_URL`, `OIDC_CLIENT_ID`,
//! `OIDC_REDIRECT_URI`, `OIDC_SCOPE` (vars), `OIDC_CLIENT_SECRET` (a secret), and
//! `OIDC_ENTERPRISE_CLAIM`: the userinfo claim that holds the enterprise number the user may act
//! for, `OIDC_NAME_CLAIM` the user's name. The user's claims come from the userinfo endpoint,
//! fetched over TLS with the access token, so no ID-token signature needs checking here.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use worker::{Env, Fetch, Headers, Method, Request, RequestInit, Result};

use crate::random;

pub const FLOW_COOKIE: &str = "kmo_oidc";
/// Ten minutes to come back from the identity provider.
const FLOW_SECONDS: u32 = 600;

pub struct Config {
    pub authorize_url: String,
    pub token_url: String,
    pub userinfo_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
    pub scope: String,
    pub enterprise_claim: String,
    pub name_claim: String,
}

impl Config {
    /// The configuration, or `None` when any part is missing (sign-in is then unavailable).
    pub fn from_env(env: &Env) -> Option<Config> {
        let var = |name: &str| {
            env.var(name)
                .ok()
                .map(|v| v.to_string())
                .or_else(|| env.secret(name).ok().map(|v| v.to_string()))
                .filter(|v| !v.is_empty())
        };
        Some(Config {
            authorize_url: var("OIDC_AUTHORIZE_URL")?,
            token_url: var("OIDC_TOKEN_URL")?,
            userinfo_url: var("OIDC_USERINFO_URL")?,
            client_id: var("OIDC_CLIENT_ID")?,
            client_secret: var("OIDC_CLIENT_SECRET")?,
            redirect_uri: var("OIDC_REDIRECT_URI")?,
            scope: var("OIDC_SCOPE").unwrap_or_else(|| "openid profile".into()),
            enterprise_claim: var("OIDC_ENTERPRISE_CLAIM")?,
            name_claim: var("OIDC_NAME_CLAIM").unwrap_or_else(|| "name".into()),
        })
    }
}

/// Where to send the browser, and the flow cookie to set.
pub fn start(config: &Config) -> Result<(String, String)> {
    let state = random::token();
    let verifier = random::token();
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", &config.client_id)
        .append_pair("redirect_uri", &config.redirect_uri)
        .append_pair("scope", &config.scope)
        .append_pair("state", &state)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256")
        .finish();
    let separator = if config.authorize_url.contains('?') {
        '&'
    } else {
        '?'
    };
    let url = format!("{}{separator}{query}", config.authorize_url);
    // SameSite=Lax: the identity provider sends the browser back with a top-level GET.
    let cookie = format!(
        "{FLOW_COOKIE}={state}.{verifier}; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Lax; Max-Age={FLOW_SECONDS}"
    );
    Ok((url, cookie))
}

/// The cookie that ends the flow.
pub fn clear_cookie() -> String {
    format!("{FLOW_COOKIE}=; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Lax; Max-Age=0")
}

/// The `state` and PKCE verifier this browser started with.
pub fn flow(req: &Request) -> Option<(String, String)> {
    let header = req.headers().get("cookie").ok().flatten()?;
    header.split(';').find_map(|part| {
        let (name, value) = part.trim().split_once('=')?;
        let (state, verifier) = value.split_once('.')?;
        (name == FLOW_COOKIE && state.len() == 64 && verifier.len() == 64)
            .then(|| (state.to_string(), verifier.to_string()))
    })
}

/// The user's claims after exchanging `code`.
pub async fn claims(config: &Config, code: &str, verifier: &str) -> Result<serde_json::Value> {
    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "authorization_code")
        .append_pair("code", code)
        .append_pair("redirect_uri", &config.redirect_uri)
        .append_pair("client_id", &config.client_id)
        .append_pair("client_secret", &config.client_secret)
        .append_pair("code_verifier", verifier)
        .finish();
    let headers = Headers::new();
    headers.set("content-type", "application/x-www-form-urlencoded")?;
    headers.set("accept", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(form.into()));
    let mut token = Fetch::Request(Request::new_with_init(&config.token_url, &init)?)
        .send()
        .await?;
    if token.status_code() != 200 {
        return Err(worker::Error::RustError(format!(
            "token endpoint answered {}",
            token.status_code()
        )));
    }
    let token: serde_json::Value = token.json().await?;
    let access = token["access_token"]
        .as_str()
        .ok_or_else(|| worker::Error::RustError("no access_token".into()))?;
    let headers = Headers::new();
    headers.set("authorization", &format!("Bearer {access}"))?;
    headers.set("accept", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Get).with_headers(headers);
    let mut info = Fetch::Request(Request::new_with_init(&config.userinfo_url, &init)?)
        .send()
        .await?;
    if info.status_code() != 200 {
        return Err(worker::Error::RustError(format!(
            "userinfo endpoint answered {}",
            info.status_code()
        )));
    }
    info.json().await
}
