//! Hardening through the development build: the notice of a changed e-mail address or refund
//! IBAN, the audit log naming the person, and a provider search that never answers 5xx.

use kmo_blackbox::{get, Session};
use serde_json::json;

/// An enterprise of this test's own (db/seed.sql): its e-mail and IBAN change here.
const ENTERPRISE: &str = "0478912358";

#[test]
fn changing_the_email_or_refund_iban_notifies_the_previous_address_and_is_audited() {
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let before = ent.get("/api/v1/enterprise");
    let old_email = before.body["email"].as_str().unwrap().to_string();
    let new_email = format!("nieuw-{}@verhoeven-tuinen.example", std::process::id());
    // Whichever of two accounts it does not have now (the test may run again on one database).
    let (new_iban, typed_iban, masked) = if before.body["refund_iban"] == "BE71096123456769" {
        ("BE68539007547034", "BE68 5390 0754 7034", "BE **** 7034")
    } else {
        ("BE71096123456769", "BE71 0961 2345 6769", "BE **** 6769")
    };
    let changed = ent.patch_json(
        "/api/v1/enterprise",
        &json!({ "email": new_email, "refund_iban": typed_iban }),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["email"], new_email.as_str());

    // The notice went to the address on file before the change, and says what changed.
    let outbox = get("/api/v1/dev/outbox");
    let mails = outbox.body["mails"].as_array().unwrap();
    let notice = mails
        .iter()
        .find(|m| {
            m["subject_id"] == ENTERPRISE
                && m["subject"] == "Uw gegevens in de kmo-portefeuille werden gewijzigd"
                && m["body"].as_str().unwrap().contains(&new_email)
        })
        .expect("a notice of the change");
    assert_eq!(notice["recipient"], old_email.as_str());
    let body = notice["body"].as_str().unwrap();
    assert!(body.contains("Test Gebruiker wijzigde"), "{body}");
    assert!(body.contains(masked), "{body}");

    // Saving the same values again changes nothing and sends nothing.
    let same = ent.patch_json("/api/v1/enterprise", &json!({ "email": new_email }));
    assert_eq!(same.status, 200);
    let again = get("/api/v1/dev/outbox");
    let count = |a: &kmo_blackbox::Answer| {
        a.body["mails"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["body"].as_str().unwrap().contains(&new_email))
            .count()
    };
    assert_eq!(count(&again), count(&outbox));

    // The audit log names the person and the role, with what changed from what.
    let op = Session::sign_in("operator", "operator");
    let audit = op.get(&format!("/api/v1/operator/audit?target={ENTERPRISE}"));
    let entry = audit.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["action"] == "enterprise_updated" && e["detail"]["email"]["to"] == new_email.as_str()
        })
        .expect("an audit entry")
        .clone();
    assert_eq!(entry["actor_role"], "enterprise");
    assert_eq!(entry["actor"], ENTERPRISE);
    assert_eq!(entry["person"], "demo:Test Gebruiker");
    assert_eq!(entry["person_name"], "Test Gebruiker");
    assert_eq!(entry["detail"]["email"]["from"], old_email.as_str());
    assert_eq!(entry["detail"]["refund_iban"]["to"], new_iban);
}

#[test]
fn provider_search_never_answers_5xx_whatever_is_typed() {
    let long_ascii = "a".repeat(100);
    let accents = "é".repeat(60);
    let wildcards = "%_".repeat(30);
    let queries = [
        "syntra",
        "SYNTRA",
        "Syntra Midden-Vlaanderen Campus Aalst en nog veel meer",
        long_ascii.as_str(),
        accents.as_str(),
        wildcards.as_str(),
        "%%",
        "__",
        "\\\\",
        "'; DROP TABLE providers; --",
        "😀😀😀",
        "Ω≈ç√",
        "dv.o123456",
    ];
    for q in queries {
        let a = get(&format!("/api/v1/providers?q={}", encode(q)));
        assert_eq!(a.status, 200, "q = {q:?}: {}", a.body);
        assert!(a.body["providers"].is_array());
    }
    // Wildcards are matched literally: "%" finds no provider.
    assert_eq!(
        get("/api/v1/providers?q=%25%25").body["providers"],
        json!([])
    );
    let found = get("/api/v1/providers?q=syntra").body["providers"]
        .as_array()
        .unwrap()
        .len();
    assert!(found >= 2, "case-insensitive part of the name: {found}");
    assert_eq!(
        get("/api/v1/providers?q=dv.o123456").body["providers"][0]["number"],
        "DV.O123456"
    );
    for q in ["", " ", "a", "%", "\\", &"a".repeat(101)] {
        let a = get(&format!("/api/v1/providers?q={}", encode(q)));
        assert_eq!(a.status, 400, "q = {q:?}");
        assert_eq!(a.field_errors()[0].0, "q");
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
