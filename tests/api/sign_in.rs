//! OpenID Connect sign-in against a stand-in identity provider (tests/fake-idp.mjs), which
//! checks the client secret and the PKCE verifier like the real one.

use kmo_blackbox::{base_url, get, get_no_redirect, Session};

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_string()
}

fn cookie_named<'a>(cookies: &[&'a str], name: &str) -> Option<&'a str> {
    cookies
        .iter()
        .copied()
        .find(|c| c.starts_with(&format!("{name}=")))
}

#[test]
fn an_enterprise_signs_in_through_openid_connect_with_pkce() {
    let login = get_no_redirect(&format!("{}/api/v1/auth/login", base_url()), None);
    assert_eq!(login.status, 302);
    let to_idp = login
        .header("location")
        .expect("a redirect to the identity provider")
        .to_string();
    assert!(to_idp.contains("code_challenge_method=S256") && to_idp.contains("state="));
    let flow = cookie_named(&login.headers_named("set-cookie"), "kmo_oidc")
        .expect("flow cookie")
        .to_string();
    assert!(flow.contains("HttpOnly") && flow.contains("Secure"));

    // The user authenticates at the identity provider for Bakkerij Peeters.
    let back = get_no_redirect(&format!("{to_idp}&login_hint=0403227515"), None);
    assert_eq!(back.status, 302);
    let callback = back.header("location").unwrap().to_string();

    let done = get_no_redirect(&callback, Some(&cookie_pair(&flow)));
    assert_eq!(done.status, 302, "{}", done.body);
    assert_eq!(done.header("location"), Some("/portefeuille"));
    let session =
        cookie_named(&done.headers_named("set-cookie"), "kmo_session").expect("session cookie");
    let me = Session {
        cookie: cookie_pair(session),
    }
    .get("/api/v1/me");
    assert_eq!(me.status, 200);
    assert_eq!(me.body["role"], "enterprise");
    assert_eq!(me.body["subject"], "0403227515");
    assert_eq!(me.body["user_name"], "Eva Peeters");

    // The code cannot be used twice.
    let replay = get_no_redirect(&callback, Some(&cookie_pair(&flow)));
    assert_eq!(replay.status, 401);
}

#[test]
fn a_callback_without_the_browsers_flow_or_with_another_state_is_refused() {
    let login = get_no_redirect(&format!("{}/api/v1/auth/login", base_url()), None);
    let to_idp = login.header("location").unwrap().to_string();
    let flow = cookie_named(&login.headers_named("set-cookie"), "kmo_oidc")
        .unwrap()
        .to_string();
    let back = get_no_redirect(&format!("{to_idp}&login_hint=0403227515"), None);
    let callback = back.header("location").unwrap().to_string();
    // Another browser (no flow cookie): refused.
    let stranger = get_no_redirect(&callback, None);
    assert_eq!(stranger.status, 401);
    assert_eq!(stranger.codes("errors"), ["sign_in_expired"]);
    // A forged state: refused.
    let forged = callback.replace("state=", "state=0");
    let a = get_no_redirect(&forged, Some(&cookie_pair(&flow)));
    assert_eq!(a.status, 401);
    assert_eq!(get("/api/v1/me").status, 401);
}

#[test]
fn an_identity_without_a_registered_enterprise_gets_no_session() {
    let login = get_no_redirect(&format!("{}/api/v1/auth/login", base_url()), None);
    let to_idp = login.header("location").unwrap().to_string();
    let flow = cookie_named(&login.headers_named("set-cookie"), "kmo_oidc")
        .unwrap()
        .to_string();
    // 0202239951 is a valid enterprise number without a wallet.
    let back = get_no_redirect(&format!("{to_idp}&login_hint=0202239951"), None);
    let done = get_no_redirect(back.header("location").unwrap(), Some(&cookie_pair(&flow)));
    assert_eq!(done.status, 401);
    assert_eq!(done.codes("errors"), ["enterprise_not_registered"]);
    assert!(cookie_named(&done.headers_named("set-cookie"), "kmo_session").is_none());
}
