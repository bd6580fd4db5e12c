//! OpenID Connect sign-in of the three roles against a real OpenID Provider, and every way a
//! sign-in is refused.

use serde_json::json;

use crate::oidc::{at_identity_provider, call, callback, finish, login, sign_in, sign_in_from};
use crate::prod_url;
use kmo_blackbox::fetch;

#[test]
fn each_role_signs_in_through_openid_connect() {
    for (account, role, subject, home, name) in [
        (
            "eva",
            "enterprise",
            "0403227515",
            "/portefeuille",
            "Eva Peeters",
        ),
        (
            "lies",
            "provider",
            "DV.O123456",
            "/dienstverlener",
            "Lies Janssens",
        ),
        ("anna", "operator", "operator", "/beheer", "Anna Vermeulen"),
    ] {
        let s = sign_in(account);
        assert_eq!(s.location, home, "{account}");
        let cookie = s
            .answer
            .headers_named("set-cookie")
            .into_iter()
            .find(|c| c.starts_with("__Host-kmo_session="))
            .expect("a session cookie")
            .to_string();
        for attribute in ["Path=/", "HttpOnly", "Secure", "SameSite=Strict"] {
            assert!(cookie.contains(attribute), "{cookie}");
        }
        assert!(
            !cookie.contains("Domain"),
            "a __Host- cookie names no domain"
        );
        let session = s.session.expect("a session");
        let me = call(&session, "GET", "/api/v1/me", None);
        assert_eq!(me.status, 200, "{:?}", me.body);
        assert_eq!(me.body["role"], role);
        assert_eq!(me.body["subject"], subject);
        assert_eq!(me.body["user_name"], name);
        assert_eq!(me.body["person"], account);
    }
    // Each role reaches its own functions and not another's.
    let eva = sign_in("eva").session.unwrap();
    assert_eq!(call(&eva, "GET", "/api/v1/enterprise", None).status, 200);
    assert_eq!(
        call(&eva, "GET", "/api/v1/provider/projects", None).status,
        403
    );
    let anna = sign_in("anna").session.unwrap();
    assert_eq!(
        call(&anna, "GET", "/api/v1/operator/refunds", None).status,
        200
    );
    assert_eq!(call(&anna, "GET", "/api/v1/enterprise", None).status, 403);
}

#[test]
fn a_person_for_several_organisations_chooses_and_switches() {
    let s = sign_in("jan");
    assert_eq!(s.location, "/aanmelden/kiezen");
    let jan = s.session.expect("a session before choosing");
    let me = call(&jan, "GET", "/api/v1/me", None);
    assert_eq!(me.status, 200);
    assert!(me.body["role"].is_null(), "{:?}", me.body);
    let organisations: Vec<(String, String)> = me.body["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["role"].as_str().unwrap().to_string(),
                o["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(organisations.len(), 3, "{organisations:?}");
    for (role, subject) in [
        ("enterprise", "0417497106"),
        ("enterprise", "0412345614"),
        ("provider", "DV.O222774"),
    ] {
        assert!(organisations.contains(&(role.into(), subject.into())));
    }
    // Nothing works before the choice.
    let before = call(&jan, "GET", "/api/v1/enterprise", None);
    assert_eq!(before.status, 403);
    assert_eq!(before.body["errors"][0]["code"], "no_organisation_chosen");

    let choose = |role: &str, subject: &str| {
        call(
            &jan,
            "POST",
            "/api/v1/session/organisation",
            Some(&json!({ "role": role, "subject": subject })),
        )
    };
    let chosen = choose("enterprise", "0412345614");
    assert_eq!(chosen.status, 200, "{:?}", chosen.body);
    assert_eq!(chosen.body["subject"], "0412345614");
    let profile = call(&jan, "GET", "/api/v1/enterprise", None);
    assert_eq!(profile.body["number"], "0412345614");
    // Wisselen van organisatie: now the provider.
    assert_eq!(choose("provider", "DV.O222774").status, 200);
    assert_eq!(
        call(&jan, "GET", "/api/v1/provider/projects", None).status,
        200
    );
    assert_eq!(call(&jan, "GET", "/api/v1/enterprise", None).status, 403);
    // Never an organisation the sign-in does not name.
    let other = choose("enterprise", "0403227515");
    assert_eq!(other.status, 403);
    assert_eq!(other.body["errors"][0]["code"], "not_your_organisation");
    assert_eq!(choose("operator", "operator").status, 403);
    let bad = choose("boss", "");
    assert_eq!(bad.status, 400);
}

/// Where the product sends the browser after a refused sign-in, and that no session started.
fn refused(account: &str) -> String {
    let s = sign_in(account);
    assert!(s.session.is_none(), "{account} got a session");
    s.location
}

#[test]
fn sign_ins_without_a_right_or_with_a_bad_id_token_are_refused_with_a_clear_page() {
    for (account, code) in [
        ("piet", "no_organisation"),
        // The operator group alone does not make an operator: bart is not on the allow-list.
        ("bart", "no_organisation"),
        ("forged", "id_token_signature"),
        ("expired", "id_token_expired"),
        ("wrong-nonce", "id_token_nonce"),
        ("wrong-audience", "id_token_audience"),
        ("wrong-issuer", "id_token_issuer"),
    ] {
        assert_eq!(
            refused(account),
            format!("/aanmelden?fout={code}"),
            "{account}"
        );
    }
    // The refusals are in the audit log, with the person where known.
    let anna = sign_in("anna").session.unwrap();
    let audit = call(&anna, "GET", "/api/v1/operator/audit", None);
    assert_eq!(audit.status, 200);
    let entries = audit.body["entries"].as_array().unwrap();
    let has = |action: &str, target: &str, person: &str| {
        entries
            .iter()
            .any(|e| e["action"] == action && e["target"] == target && e["person"] == person)
    };
    assert!(has("sign_in_refused", "no_organisation", "piet"));
    // A refusal without a person the identity provider vouched for is not audited: anyone can
    // send a callback, and the audit log is append-only.
    assert!(!entries.iter().any(|e| e["target"] == "id_token_signature"));
    assert!(has("signed_in", "anna", "anna"));
    assert!(entries
        .iter()
        .any(|e| e["action"] == "signed_in" && e["person_name"] == "Anna Vermeulen"));
}

#[test]
fn a_code_cannot_be_replayed_nor_used_without_the_browsers_flow() {
    let ip = crate::fresh_address();
    let (_, to_idp, flow) = login(&ip);
    let back = at_identity_provider(&to_idp, "eva");
    let first = finish(callback(&back, &flow, &ip));
    assert_eq!(first.location, "/portefeuille");
    assert!(first.session.is_some());
    // The same code again, even with the flow cookie: the identity provider refuses it.
    let again = finish(callback(&back, &flow, &ip));
    assert_eq!(again.location, "/aanmelden?fout=sign_in_failed");
    assert!(again.session.is_none());

    // Without the browser's flow cookie (another browser, or the flow expired).
    let ip = crate::fresh_address();
    let (_, to_idp, _flow) = login(&ip);
    let back = at_identity_provider(&to_idp, "eva");
    let stranger = fetch("GET", &back, &[("cf-connecting-ip", &ip)], None);
    assert_eq!(
        stranger.header("location"),
        Some("/aanmelden?fout=sign_in_expired")
    );
    // With another flow's cookie: the state does not match.
    let (_, _, other_flow) = login(&ip);
    let mixed = finish(callback(&back, &other_flow, &ip));
    assert_eq!(mixed.location, "/aanmelden?fout=sign_in_state_mismatch");
    // The identity provider reporting an error (the person cancelled), for this browser's flow;
    // an error answer with another state is not believed.
    let ip = crate::fresh_address();
    let (_, to_idp, flow) = login(&ip);
    let state = to_idp
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("state="))
        .expect("the state")
        .to_string();
    let cancel = |state: &str| {
        callback(
            &format!(
                "{}/api/v1/auth/callback?error=access_denied&state={state}",
                prod_url()
            ),
            &flow,
            &ip,
        )
    };
    assert_eq!(
        cancel("other").header("location"),
        Some("/aanmelden?fout=sign_in_state_mismatch")
    );
    assert_eq!(
        cancel(&state).header("location"),
        Some("/aanmelden?fout=sign_in_cancelled")
    );
}

#[test]
fn a_suspended_provider_loses_access_at_once() {
    let anna = sign_in("anna").session.unwrap();
    let registration = |suspended: bool| {
        json!({
            "name": "Maes Opleidingen (test)", "address": "Markt 1, 9000 Gent",
            "email": "maes@example.be", "services": ["training"],
            "themes": [{ "theme": "innovatie" }], "suspended": suspended
        })
    };
    let put = |suspended| {
        call(
            &anna,
            "PUT",
            "/api/v1/operator/providers/DV.O777777",
            Some(&registration(suspended)),
        )
    };
    assert_eq!(put(false).status, 200);
    let kim = sign_in("kim");
    assert_eq!(kim.location, "/dienstverlener");
    let kim = kim.session.unwrap();
    assert_eq!(
        call(&kim, "GET", "/api/v1/provider/projects", None).status,
        200
    );

    assert_eq!(put(true).status, 200);
    let after = call(&kim, "GET", "/api/v1/provider/projects", None);
    assert_eq!(after.status, 403);
    assert_eq!(after.body["errors"][0]["code"], "access_revoked");
    assert_eq!(call(&kim, "GET", "/api/v1/me", None).status, 403);
    // Nor can a suspended provider sign in again.
    assert_eq!(refused("kim"), "/aanmelden?fout=provider_not_active");
    // Reinstated, the provider signs in again.
    assert_eq!(put(false).status, 200);
    assert!(sign_in("kim").session.is_some());
}

#[test]
fn sign_out_ends_the_session() {
    let eva = sign_in("eva").session.unwrap();
    let out = call(&eva, "POST", "/api/v1/sign-out", None);
    assert_eq!(out.status, 200);
    assert_eq!(out.set_cookie("__Host-kmo_session").as_deref(), Some(""));
    assert_eq!(call(&eva, "GET", "/api/v1/me", None).status, 401);
}

/// The simulator's "Vraag deze subsidie aan" while signed out: the government's sign-in returns
/// to the wizard with the simulation's choices, for the role whose screen it is; any other
/// address is not followed.
#[test]
fn a_sign_in_returns_to_the_screen_it_started_from() {
    let wizard = "/aanvraag?service=training&theme=innovatie&cost=980.00";
    let eva = sign_in_from("eva", wizard);
    assert_eq!(eva.location, wizard);
    assert!(eva.session.is_some());
    // The cookie keeping it is cleared with the flow's.
    assert!(eva
        .answer
        .headers_named("set-cookie")
        .iter()
        .any(|c| c.starts_with("__Host-kmo_next=;") && c.contains("Max-Age=0")));
    // A provider has no wizard: its home.
    assert_eq!(sign_in_from("lies", wizard).location, "/dienstverlener");
    // Another site, or no screen of the product: the home.
    for elsewhere in [
        "//evil.example/aanvraag",
        "https://evil.example/",
        "/api/v1/me",
    ] {
        assert_eq!(
            sign_in_from("eva", elsewhere).location,
            "/portefeuille",
            "{elsewhere}"
        );
    }
    // Several organisations: the choice first, taking the screen along.
    assert_eq!(
        sign_in_from("jan", wizard).location,
        "/aanmelden/kiezen?verder=%2Faanvraag%3Fservice%3Dtraining%26theme%3Dinnovatie%26cost%3D980.00"
    );
}
