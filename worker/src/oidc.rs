//! Sign-in through the government's OpenID Connect identity provider, for all three roles.
//!
//! Authorization code flow with PKCE (RFC 7636), a `state` and a `nonce` bound to the browser by
//! a short-lived `__Host-` cookie. The ID token is validated in full (`id_token`); the person's
//! claims come from the userinfo endpoint, whose `sub` must be the ID token's (OpenID Connect
//! Core §5.3.2). Configured by variables and one secret (README, "Deploying to Cloudflare"):
//!
//! | name | what |
//! |---|---|
//! | `OIDC_ISSUER` | the identity provider's issuer identifier (`iss` of its tokens) |
//! | `OIDC_AUTHORIZE_URL`, `OIDC_TOKEN_URL`, `OIDC_USERINFO_URL`, `OIDC_JWKS_URL` | its endpoints |
//! | `OIDC_CLIENT_ID`, secret `OIDC_CLIENT_SECRET` | this product as its client |
//! | `OIDC_SCOPE` | scopes asked (default `openid profile`) |
//! | `OIDC_NAME_CLAIM` | the person's name (default `name`) |
//! | `OIDC_ENTERPRISE_CLAIM` | claim listing the enterprise numbers the person may act for |
//! | `OIDC_PROVIDER_CLAIM` | claim listing the provider numbers the person may act for |
//! | `OIDC_OPERATOR_CLAIM`, `OIDC_OPERATOR_VALUE` | claim (group or role list) and the value that marks the operator |
//! | `OPERATOR_SUBJECTS` | allow-list: the `sub`s of the persons who may be the operator |
//!
//! The callback address is `PUBLIC_ORIGIN` + `/api/v1/auth/callback`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use worker::{Env, Fetch, Headers, Method, Request, RequestInit, Result};

use crate::id_token::Jwks;
use crate::{config, random};

pub const FLOW_COOKIE: &str = "__Host-kmo_oidc";
/// Ten minutes to come back from the identity provider.
const FLOW_SECONDS: u32 = 600;
pub const CALLBACK_PATH: &str = "/api/v1/auth/callback";

pub struct Config {
    pub issuer: String,
    pub authorize_url: String,
    pub token_url: String,
    pub userinfo_url: String,
    pub jwks_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
    pub scope: String,
    pub name_claim: String,
    pub enterprise_claim: Option<String>,
    pub provider_claim: Option<String>,
    /// The claim and the value in it that mark the operator.
    pub operator: Option<(String, String)>,
    pub operator_subjects: Vec<String>,
}

impl Config {
    /// The configuration, or `None` when a required part is missing (sign-in then answers that
    /// it is not configured). At least one role claim must be set.
    pub fn from_env(env: &Env) -> Option<Config> {
        let var = |name: &str| config::var(env, name);
        let operator = match (var("OIDC_OPERATOR_CLAIM"), var("OIDC_OPERATOR_VALUE")) {
            (Some(c), Some(v)) => Some((c, v)),
            _ => None,
        };
        let c = Config {
            issuer: var("OIDC_ISSUER")?,
            authorize_url: var("OIDC_AUTHORIZE_URL")?,
            token_url: var("OIDC_TOKEN_URL")?,
            userinfo_url: var("OIDC_USERINFO_URL")?,
            jwks_url: var("OIDC_JWKS_URL")?,
            client_id: var("OIDC_CLIENT_ID")?,
            client_secret: var("OIDC_CLIENT_SECRET")?,
            redirect_uri: format!("{}{CALLBACK_PATH}", config::public_origin(env)?),
            scope: var("OIDC_SCOPE").unwrap_or_else(|| "openid profile".into()),
            name_claim: var("OIDC_NAME_CLAIM").unwrap_or_else(|| "name".into()),
            enterprise_claim: var("OIDC_ENTERPRISE_CLAIM"),
            provider_claim: var("OIDC_PROVIDER_CLAIM"),
            operator,
            operator_subjects: config::list(env, "OPERATOR_SUBJECTS"),
        };
        (c.enterprise_claim.is_some() || c.provider_claim.is_some() || c.operator.is_some())
            .then_some(c)
    }
}

/// What the browser carries between the login and the callback.
pub struct Flow {
    pub state: String,
    pub verifier: String,
    pub nonce: String,
}

/// Where to send the browser, and the flow cookie to set.
pub fn start(config: &Config) -> (String, String) {
    authorization(
        config,
        &Flow {
            state: random::token(),
            verifier: random::token(),
            nonce: random::token(),
        },
    )
}

/// The authorization request for `flow`, and its cookie.
fn authorization(config: &Config, flow: &Flow) -> (String, String) {
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(flow.verifier.as_bytes()));
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", &config.client_id)
        .append_pair("redirect_uri", &config.redirect_uri)
        .append_pair("scope", &config.scope)
        .append_pair("state", &flow.state)
        .append_pair("nonce", &flow.nonce)
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
        "{FLOW_COOKIE}={}.{}.{}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={FLOW_SECONDS}",
        flow.state, flow.verifier, flow.nonce
    );
    (url, cookie)
}

/// The cookie that ends the flow.
pub fn clear_cookie() -> String {
    format!("{FLOW_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0")
}

/// The screen to return to after signing in (`?next=` of the login, `shared::role`), kept
/// beside the flow for as long.
pub const NEXT_COOKIE: &str = "__Host-kmo_next";

/// The cookie keeping `next`, which [`shared::role::Role::is_return_path`] accepted: a path of
/// this site without a cookie's separators.
pub fn next_cookie(next: &str) -> String {
    format!("{NEXT_COOKIE}={next}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={FLOW_SECONDS}")
}

pub fn clear_next_cookie() -> String {
    format!("{NEXT_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0")
}

/// The screen this browser's sign-in started from, if it is still one to return to.
pub fn next(req: &Request) -> Option<String> {
    let header = req.headers().get("cookie").ok().flatten()?;
    header.split(';').find_map(|part| {
        let (name, value) = part.trim().split_once('=')?;
        (name == NEXT_COOKIE && shared::role::Role::is_return_path(value))
            .then(|| value.to_string())
    })
}

/// The flow this browser started with.
pub fn flow(req: &Request) -> Option<Flow> {
    let header = req.headers().get("cookie").ok().flatten()?;
    header.split(';').find_map(|part| {
        let (name, value) = part.trim().split_once('=')?;
        let mut parts = value.split('.');
        let (state, verifier, nonce) = (parts.next()?, parts.next()?, parts.next()?);
        let well_formed = [state, verifier, nonce]
            .iter()
            .all(|p| p.len() == 64 && p.chars().all(|c| c.is_ascii_hexdigit()));
        (name == FLOW_COOKIE && well_formed && parts.next().is_none()).then(|| Flow {
            state: state.into(),
            verifier: verifier.into(),
            nonce: nonce.into(),
        })
    })
}

#[derive(Deserialize)]
pub struct Tokens {
    pub id_token: String,
    pub access_token: String,
}

fn failed(what: &str) -> worker::Error {
    worker::Error::RustError(what.into())
}

/// The identity provider's JSON answer to `req`, as a `T`.
async fn fetch_json<T: DeserializeOwned>(req: Request) -> Result<T> {
    let url = req.path();
    let text = fetch_text(req).await?;
    crate::json::read(&text).map_err(|e| failed(&format!("identity provider {url} answered: {e}")))
}

async fn fetch_text(req: Request) -> Result<String> {
    let url = req.path();
    let mut answer = Fetch::Request(req).send().await?;
    let status = answer.status_code();
    if status != 200 {
        return Err(failed(&format!(
            "identity provider {url} answered {status}"
        )));
    }
    answer.text().await
}

/// Exchanges the authorization code (client_secret_post, with the PKCE verifier).
pub async fn exchange(config: &Config, code: &str, verifier: &str) -> Result<Tokens> {
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
    fetch_json(Request::new_with_init(&config.token_url, &init)?).await
}

/// The identity provider's signing keys.
pub async fn jwks(config: &Config) -> Result<Jwks> {
    let headers = Headers::new();
    headers.set("accept", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Get).with_headers(headers);
    fetch_json(Request::new_with_init(&config.jwks_url, &init)?).await
}

/// The person's claims, by name: which of them matter is configuration (`OIDC_NAME_CLAIM`, the
/// role claims), so they stay a map.
#[derive(Debug, Default)]
pub struct UserInfo(Map<String, Value>);

impl<'de> Deserialize<'de> for UserInfo {
    /// An answer that is not a JSON object holds no claims (not even `sub`: the sign-in is then
    /// refused as not about this person).
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<UserInfo, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Object(claims) => UserInfo(claims),
            _ => UserInfo::default(),
        })
    }
}

impl UserInfo {
    /// A claim that is a string.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(Value::as_str)
    }

    /// A claim as a list of strings (see [`claim_list`]).
    pub fn list(&self, name: &str) -> Vec<String> {
        self.0.get(name).map(claim_list).unwrap_or_default()
    }
}

/// The person's claims from the userinfo endpoint.
pub async fn userinfo(config: &Config, access_token: &str) -> Result<UserInfo> {
    let headers = Headers::new();
    headers.set("authorization", &format!("Bearer {access_token}"))?;
    headers.set("accept", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Get).with_headers(headers);
    let text = fetch_text(Request::new_with_init(&config.userinfo_url, &init)?).await?;
    // Claims of any shape: read as request bodies are.
    serde_json::from_slice(text.as_bytes())
        .map_err(|e| failed(&format!("identity provider userinfo answered: {e}")))
}

/// A claim as a list of strings: a string is a list of one, an array keeps its strings, a
/// space- or comma-separated string (as some providers send groups) is split.
fn claim_list(claim: &Value) -> Vec<String> {
    match claim {
        Value::String(s) => s
            .split([' ', ','])
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether the person with these claims is the operator: the configured claim holds the
/// configured value *and* the person's `sub` is on the allow-list. Nothing else qualifies.
pub fn is_operator(config: &Config, sub: &str, claims: &UserInfo) -> bool {
    let Some((claim, value)) = &config.operator else {
        return false;
    };
    claims.list(claim).iter().any(|v| v == value)
        && config.operator_subjects.iter().any(|s| s == sub)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config() -> Config {
        Config {
            issuer: "https://idp".into(),
            authorize_url: "https://idp/auth".into(),
            token_url: "https://idp/token".into(),
            userinfo_url: "https://idp/me".into(),
            jwks_url: "https://idp/jwks".into(),
            client_id: "kmo".into(),
            client_secret: "s".into(),
            redirect_uri: "https://kmo/api/v1/auth/callback".into(),
            scope: "openid".into(),
            name_claim: "name".into(),
            enterprise_claim: Some("kbo_numbers".into()),
            provider_claim: None,
            operator: Some(("roles".into(), "kmo-operator".into())),
            operator_subjects: vec!["anna".into()],
        }
    }

    fn claims(v: Value) -> UserInfo {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn claims_read_as_lists_whatever_their_json_shape() {
        let c = claims(json!({ "a": "0403227515", "b": ["x", 3, "y"], "c": "g1 g2,g3", "d": 7 }));
        assert_eq!(c.list("a"), vec!["0403227515"]);
        assert_eq!(c.list("b"), vec!["x", "y"]);
        assert_eq!(c.list("c"), vec!["g1", "g2", "g3"]);
        assert!(c.list("d").is_empty());
        assert!(c.list("missing").is_empty());
        assert_eq!(c.text("a"), Some("0403227515"));
        assert_eq!(c.text("d"), None);
        assert_eq!(
            claims(json!([1])).text("sub"),
            None,
            "not an object: no claims"
        );
    }

    #[test]
    fn the_operator_needs_the_group_and_the_allow_list() {
        let c = config();
        let group = claims(json!({ "roles": ["kmo-operator"] }));
        assert!(is_operator(&c, "anna", &group));
        assert!(!is_operator(&c, "bart", &group), "not on the allow-list");
        assert!(!is_operator(
            &c,
            "anna",
            &claims(json!({ "roles": ["other"] }))
        ));
        let mut none = config();
        none.operator = None;
        assert!(!is_operator(&none, "anna", &group));
    }

    #[test]
    fn the_authorization_request_carries_pkce_state_and_nonce() {
        let flow = Flow {
            state: "a".repeat(64),
            verifier: "b".repeat(64),
            nonce: "c".repeat(64),
        };
        let (url, cookie) = authorization(&config(), &flow);
        // RFC 7636 appendix B: BASE64URL(SHA256(verifier)).
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest("b".repeat(64).as_bytes()));
        assert!(url.contains(&format!("&code_challenge={challenge}&")));
        assert!(
            !url.contains(&"b".repeat(64)),
            "the verifier never leaves the browser's cookie"
        );
        assert!(url.starts_with("https://idp/auth?response_type=code&client_id=kmo"));
        for part in [
            "code_challenge_method=S256",
            "&state=",
            "&nonce=",
            "&code_challenge=",
        ] {
            assert!(url.contains(part), "{part}");
        }
        assert!(cookie.starts_with(&format!(
            "__Host-kmo_oidc={}.{}.{};",
            "a".repeat(64),
            "b".repeat(64),
            "c".repeat(64)
        )));
        assert!(cookie.contains("; Path=/; HttpOnly; Secure; SameSite=Lax"));
    }
}
