//! Signing in as a browser would: the product's login, the identity provider's hops (with its
//! own cookies), the product's callback.

use kmo_blackbox::{fetch, follow_identity_provider, Answer, Session, SESSION_COOKIE};

use crate::{idp_url, prod_url};

/// How a sign-in ended: where the product sent the browser, and the session if it started one.
pub struct SignIn {
    pub location: String,
    pub session: Option<Session>,
    pub answer: Answer,
}

/// Starts the product's login from client address `ip`: the identity provider's address and
/// the flow cookie.
pub fn login(ip: &str) -> (Answer, String, String) {
    login_at(&format!("{}/api/v1/auth/login", prod_url()), ip)
}

fn login_at(url: &str, ip: &str) -> (Answer, String, String) {
    let a = fetch("GET", url, &[("cf-connecting-ip", ip)], None);
    assert_eq!(a.status, 303, "login: {:?}", a.body);
    let to_idp = a
        .header("location")
        .expect("to the identity provider")
        .to_string();
    let flow = a
        .headers_named("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("__Host-kmo_oidc="))
        .expect("the flow cookie")
        .to_string();
    (a, to_idp, flow)
}

/// Follows the identity provider's redirects for `account` until it sends the browser back to
/// the product; answers the callback address.
pub fn at_identity_provider(to_idp: &str, account: &str) -> String {
    assert!(to_idp.starts_with(&idp_url()), "{to_idp}");
    follow_identity_provider(to_idp, account, &prod_url())
}

/// The product's callback with the browser's flow cookie.
pub fn callback(callback: &str, flow: &str, ip: &str) -> Answer {
    let flow_pair = flow.split(';').next().unwrap_or_default();
    fetch(
        "GET",
        callback,
        &[("cookie", flow_pair), ("cf-connecting-ip", ip)],
        None,
    )
}

/// The whole sign-in of `account`, started on the screen `next` (`/api/v1/auth/login?next=`):
/// the browser carries both cookies the login set back to the callback.
pub fn sign_in_from(account: &str, next: &str) -> SignIn {
    let ip = crate::fresh_address();
    let encoded: String = next
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let (login, to_idp, _) = login_at(
        &format!("{}/api/v1/auth/login?next={encoded}", prod_url()),
        &ip,
    );
    let cookies: Vec<&str> = login
        .headers_named("set-cookie")
        .into_iter()
        .filter(|c| !c.contains("Max-Age=0"))
        .filter_map(|c| c.split(';').next())
        .collect();
    let back = at_identity_provider(&to_idp, account);
    finish(fetch(
        "GET",
        &back,
        &[("cookie", &cookies.join("; ")), ("cf-connecting-ip", &ip)],
        None,
    ))
}

/// The whole sign-in of `account` from a fresh client address.
pub fn sign_in(account: &str) -> SignIn {
    let ip = crate::fresh_address();
    let (_, to_idp, flow) = login(&ip);
    let back = at_identity_provider(&to_idp, account);
    let answer = callback(&back, &flow, &ip);
    finish(answer)
}

pub fn finish(answer: Answer) -> SignIn {
    assert_eq!(answer.status, 303, "callback: {:?}", answer.body);
    let location = answer.header("location").unwrap_or_default().to_string();
    let session = answer
        .set_cookie(SESSION_COOKIE)
        .filter(|t| !t.is_empty())
        .map(|token| Session {
            cookie: format!("{SESSION_COOKIE}={token}"),
        });
    SignIn {
        location,
        session,
        answer,
    }
}

/// A request to the production server in a session.
pub fn call(
    session: &Session,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> Answer {
    let text = body.map(serde_json::Value::to_string);
    fetch(
        method,
        &format!("{}{path}", prod_url()),
        &[("cookie", &session.cookie)],
        text.as_deref().map(|t| ("application/json", t)),
    )
}
