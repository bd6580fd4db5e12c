//! First-time registration with the facts of the KBO Open Data sample (db/kbo/full, loaded by
//! scripts/db.sh through scripts/kbo-import.sh). The update extract (tests/kbo/update) is applied
//! by its own test binary (tests/kbo_update), alone: another process writing the development
//! server's database while these tests use it makes local D1 answer "database is locked".

use kmo_blackbox::registration::{application, register, registration};
use kmo_blackbox::Session;
use serde_json::json;

/// In the KBO sample, without a wallet: eligible.
const BREWERY: &str = "0812345603";
const DOUBLE: &str = "0878901261";
/// Ineligible: a vzw; only in Namur; sea fishing; a vzw in Liège farming grain.
const VZW: &str = "0834567808";
const NAMUR: &str = "0845678959";
const FISHING: &str = "0856789023";
const ALL_WRONG: &str = "0867890177";

/// The token of the newest confirmation link mailed to `email` for `enterprise` (the outbox of the
/// development build).
fn confirmation_token(enterprise: &str, email: &str) -> String {
    let outbox = kmo_blackbox::get("/api/v1/dev/outbox");
    let mail = outbox.body["mails"]
        .as_array()
        .and_then(|mails| {
            mails.iter().find(|m| {
                m["subject_id"] == enterprise
                    && m["recipient"] == email
                    && m["subject"] == "Bevestig uw e-mailadres voor de kmo-portefeuille"
            })
        })
        .unwrap_or_else(|| panic!("a confirmation mail to {email}"));
    let body = mail["body"].as_str().unwrap_or_default();
    let link = body
        .split_whitespace()
        .find(|w| w.contains("/e-mailadres-bevestigen#"))
        .unwrap_or_else(|| panic!("a link in {body}"));
    link.rsplit('#').next().unwrap_or_default().to_string()
}

fn sorted(mut codes: Vec<String>) -> Vec<String> {
    codes.sort();
    codes
}

fn audited(target: &str, action: &str) -> usize {
    let op = Session::sign_in("operator", "beheerder");
    let a = op.get(&format!("/api/v1/operator/audit?target={target}"));
    assert_eq!(a.status, 200);
    a.body["entries"]
        .as_array()
        .map_or(0, |e| e.iter().filter(|e| e["action"] == action).count())
}

#[test]
fn a_first_sign_in_shows_the_kbo_facts_and_registers_once() {
    let s = Session::sign_in("enterprise", BREWERY);
    let me = s.get("/api/v1/me");
    assert_eq!(me.body["must_register"], true, "{:?}", me.body);
    // Nothing else until registered.
    for path in ["/api/v1/enterprise", "/api/v1/enterprise/projects"] {
        let a = s.get(path);
        assert_eq!(
            (a.status, a.codes("errors")),
            (403, vec!["registration_required".to_string()]),
            "{path}"
        );
    }
    assert_eq!(application(&s).codes("errors"), ["registration_required"]);

    let view = s.get("/api/v1/registration");
    assert_eq!(view.status, 200, "{:?}", view.body);
    let kbo = &view.body["kbo"];
    assert_eq!(kbo["name"], "Brouwerij Van Damme bv");
    assert_eq!(kbo["legal_form"], "bv");
    assert_eq!(kbo["legal_form_label"], "Besloten Vennootschap");
    assert_eq!(kbo["status"], "active");
    assert_eq!(kbo["start_date"], "2019-04-01");
    assert_eq!(kbo["main_activity"]["code"], "11050");
    assert_eq!(kbo["main_activity"]["version"], "2025");
    assert_eq!(kbo["main_activity"]["label"], "Vervaardiging van bier");
    assert_eq!(kbo["registered_office"], "Graslei 10, 9000 Gent");
    assert_eq!(kbo["region"], "flemish");
    assert_eq!(
        (
            kbo["establishments"].as_u64(),
            kbo["flemish_establishments"].as_u64()
        ),
        (Some(2), Some(2))
    );
    assert_eq!(
        kbo["shown_establishments"][0]["name"],
        "Stadsbrouwerij Gent"
    );
    assert!(
        ["2026-11-28", "2026-11-29"].contains(&kbo["updated_on"].as_str().unwrap_or_default()),
        "the date of the KBO data: {}",
        kbo["updated_on"]
    );
    assert_eq!(view.body["reasons"], json!([]));

    // Every wrong field at once, and nothing registered.
    let bad = s.post_json(
        "/api/v1/registration",
        &json!({ "email": "geen-adres", "refund_iban": "NL91ABNA0417164300",
                 "public_participation": "-5", "size": "reus", "confirmed": false }),
    );
    assert_eq!(bad.status, 400);
    assert_eq!(
        sorted(bad.field_errors().into_iter().map(|(f, _)| f).collect()),
        [
            "confirmed",
            "email",
            "public_participation",
            "refund_iban",
            "size"
        ]
    );
    // Declared facts the rules refuse: 422 with every reason, nothing registered.
    let refused = s.post_json("/api/v1/registration", &registration("large", "30"));
    assert_eq!(refused.status, 422);
    assert_eq!(
        sorted(refused.codes("reasons")),
        ["enterprise_large", "public_participation_too_high"]
    );
    assert_eq!(s.get("/api/v1/me").body["must_register"], true);

    let done = register(&s);
    assert_eq!(done.status, 201, "{:?}", done.body);
    assert_eq!(done.body["must_register"], false);
    let profile = s.get("/api/v1/enterprise");
    assert_eq!(profile.status, 200);
    assert_eq!(profile.body["name"], "Brouwerij Van Damme bv");
    assert_eq!(profile.body["email"], "boekhouding@example.be");
    assert_eq!(
        profile.body["email_confirmed"], false,
        "confirmed only by the link mailed"
    );
    assert_eq!(profile.body["refund_iban"], "BE68539007547034");
    assert_eq!(profile.body["size"], "small");
    assert_eq!(profile.body["kbo"]["main_activity"]["code"], "11050");
    assert_eq!(profile.body["reasons"], json!([]));

    // The address is confirmed by the link mailed to it, once.
    let token = confirmation_token(BREWERY, "boekhouding@example.be");
    let confirm =
        |t: &str| kmo_blackbox::post_json("/api/v1/email-confirmation", &json!({ "token": t }));
    let done = confirm(&token);
    assert_eq!(
        (done.status, &done.body["email"]),
        (200, &json!("boekhouding@example.be"))
    );
    assert_eq!(s.get("/api/v1/enterprise").body["email_confirmed"], true);
    assert_eq!(confirm(&token).codes("errors"), ["confirmation_invalid"]);
    assert_eq!(confirm("nope").status, 400);
    // A new address is unconfirmed until its own link is followed; the old link is void.
    let changed = s.send(
        "PATCH",
        "/api/v1/enterprise",
        Some(&json!({ "email": "nieuw@example.be" })),
        &[],
    );
    assert_eq!(changed.body["email_confirmed"], false);
    let token = confirmation_token(BREWERY, "nieuw@example.be");
    assert_eq!(confirm(&token).status, 200);
    assert_eq!(s.get("/api/v1/enterprise").body["email_confirmed"], true);

    // Once only.
    assert_eq!(
        (
            register(&s).status,
            register(&s).codes("errors")[0].as_str()
        ),
        (409, "already_registered")
    );
    assert_eq!(s.get("/api/v1/registration").status, 409);
    assert_eq!(audited(BREWERY, "enterprise_registered"), 1);
    // And the wallet works: it can apply.
    assert_eq!(application(&s).status, 201);
}

#[test]
fn an_enterprise_the_rules_exclude_sees_every_reason_and_cannot_register() {
    for (number, expected) in [
        (VZW, vec!["enterprise_vzw"]),
        (NAMUR, vec!["establishment_not_flemish"]),
        (FISHING, vec!["main_activity_not_acceptable"]),
        (
            ALL_WRONG,
            vec![
                "enterprise_vzw",
                "establishment_not_flemish",
                "main_activity_not_acceptable",
            ],
        ),
    ] {
        let s = Session::sign_in("enterprise", number);
        let view = s.get("/api/v1/registration");
        assert_eq!(view.status, 200, "{number}");
        assert_eq!(sorted(view.codes("reasons")), expected, "{number}");
        for reason in view.body["reasons"].as_array().into_iter().flatten() {
            assert!(
                reason["message"].as_str().is_some_and(|m| m.len() > 20),
                "{reason}"
            );
        }
        let refused = register(&s);
        assert_eq!(refused.status, 422, "{number}");
        assert_eq!(sorted(refused.codes("reasons")), expected, "{number}");
        assert_eq!(
            s.get("/api/v1/me").body["must_register"],
            true,
            "{number}: no wallet"
        );
        assert_eq!(audited(number, "enterprise_registered"), 0);
    }
    // A number the KBO data do not have cannot even sign in (it could not register).
    let unknown = kmo_blackbox::post_json(
        "/api/v1/dev/sign-in",
        &json!({ "role": "enterprise", "subject": "0551234469" }),
    );
    assert_eq!(unknown.status, 400);
}

#[test]
fn two_registrations_at_once_make_one_wallet() {
    let first = Session::sign_in("enterprise", DOUBLE);
    let second = Session::sign_in("enterprise", DOUBLE);
    let answers: Vec<u16> = std::thread::scope(|scope| {
        let a = scope.spawn(|| register(&first).status);
        let b = scope.spawn(|| register(&second).status);
        vec![a.join().unwrap_or(0), b.join().unwrap_or(0)]
    });
    assert_eq!(
        sorted(answers.iter().map(u16::to_string).collect()),
        ["201", "409"]
    );
    assert_eq!(audited(DOUBLE, "enterprise_registered"), 1);
    // Both sessions now act for the one wallet.
    for s in [&first, &second] {
        assert_eq!(s.get("/api/v1/enterprise").status, 200);
    }
}
