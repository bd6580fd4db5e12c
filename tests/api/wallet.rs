//! The wallet through real `wrangler dev`: apply → deposit → subsidy → partial and final
//! payment → rating; refusals; stops; provider refusal; roles; concurrency; idempotency.

use chrono::{Duration, NaiveDate};
use kmo_blackbox::{get, server_today, Answer, Session};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;

/// Seeded demo data (db/seed.sql).
const SMALL: &str = "0403227515";
const MEDIUM: &str = "0417497106";
const LARGE: &str = "0860000119";
/// Used by one test each, so parallel tests cannot move their budgets.
const BUDGET_RACE: &str = "0412345614";
const STOPPER: &str = "0423456765";
const PAYER: &str = "0434567819";
const DECLARER: &str = "0456789034";
const PROVIDER: &str = "DV.O123456"; // training; digitalisering/software + onlinetoepassingen
const CYBER: &str = "DV.0104945"; // training + advice; digitalisering/cybersecurity

static NEXT: AtomicU32 = AtomicU32::new(1);

/// A unique idempotency key / bank reference for this test run.
fn unique(prefix: &str) -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{prefix}-{nanos}-{n}")
}

fn day(d: NaiveDate) -> String {
    d.to_string()
}

fn application(today: NaiveDate, cost: &str) -> Value {
    json!({
        "nace": "62.010", "service": "training", "name": "Veilig online werken",
        "training_kind": "classroom", "theme": "digitalisering", "subtheme": "software",
        "hours": "16", "participants": ["Jan Peeters", "An Claes"],
        "enrolled_on": day(today - Duration::days(5)), "starts_on": day(today + Duration::days(3)),
        "contributes_to_business": true, "cost": cost, "provider": PROVIDER,
        "declaration_accepted": true, "no_related_party": true,
        "participants_are_workers": true, "attendance_at_least_80": true
    })
}

fn apply(s: &Session, body: &Value) -> Answer {
    let key = unique("apply");
    s.send(
        "POST",
        "/api/v1/applications",
        Some(body),
        &[("idempotency-key", &key)],
    )
}

fn deposit(op: &Session, communication: &str, amount: &str, booked_on: NaiveDate) -> Answer {
    op.post_json(
        "/api/v1/operator/bank-entries",
        &json!({ "entries": [{
            "entry_ref": unique("bank"), "booked_on": day(booked_on), "amount": amount,
            "currency": "EUR", "credit": true, "communication": communication,
            "counterparty_name": "Bakkerij Peeters bv", "counterparty_iban": "BE68539007547034"
        }] }),
    )
}

fn pay(s: &Session, dossier: &str, amount: &str, key: &str) -> Answer {
    s.send(
        "POST",
        &format!("/api/v1/projects/{dossier}/payments"),
        Some(&json!({ "amount": amount, "reference": "F2026-001", "communication": "Factuur 2026-001" })),
        &[("idempotency-key", key)],
    )
}

fn codes(a: &Answer, key: &str) -> Vec<String> {
    a.codes(key)
}

#[test]
fn the_whole_life_of_a_project_apply_deposit_subsidy_partial_and_final_payment_rating() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", MEDIUM);
    let op = Session::sign_in("operator", "financiële partner");
    let prov = Session::sign_in("provider", PROVIDER);

    // Step 5: dossier number, amounts, deposit details with EPC QR.
    let a = apply(&ent, &application(today, "1000.00"));
    assert_eq!(a.status, 201, "{}", a.body);
    let dossier = a.body["dossier_number"].as_str().unwrap().to_string();
    assert!(dossier.contains("KMO"), "{dossier}");
    assert_eq!(a.body["rate"], "0.20");
    assert_eq!(a.body["own_contribution"], "800.00");
    assert_eq!(a.body["subsidy"], "200.00");
    let deposit_details = &a.body["deposit"];
    assert_eq!(deposit_details["iban"], "BE64 7330 3379 7052");
    assert_eq!(deposit_details["beneficiary"], "Pluxee Belgium nv");
    assert_eq!(deposit_details["amount"], "800.00");
    assert_eq!(deposit_details["deadline"], day(today + Duration::days(30)));
    let communication = deposit_details["communication"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(communication.starts_with("+++") && communication.ends_with("+++"));
    assert!(deposit_details["epc_qr"]
        .as_str()
        .unwrap()
        .starts_with("BCD\n002\n1\nSCT\n"));

    // The provider sees the application naming it and was notified.
    let listed = prov.get(&format!("/api/v1/provider/projects?q={dossier}"));
    assert!(listed.body["projects"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["dossier_number"] == dossier.as_str()));

    // A wrong amount is recorded for refund and changes nothing.
    let wrong = deposit(&op, &communication, "799.99", today);
    assert_eq!(wrong.status, 200, "{}", wrong.body);
    assert_eq!(wrong.body["results"][0]["outcome"], "refund_wrong_amount");
    let d = ent.get(&format!("/api/v1/projects/{dossier}"));
    assert_eq!(d.body["status"], "awaiting_deposit");

    // The exact amount on time: own contribution and subsidy in, the project runs.
    let ok = deposit(&op, &communication, "800.00", today + Duration::days(1));
    assert_eq!(ok.body["results"][0]["outcome"], "credited", "{}", ok.body);
    let d = ent.get(&format!("/api/v1/projects/{dossier}"));
    assert_eq!(d.body["status"], "running");
    assert_eq!(d.body["available"], "1000.00");
    assert_eq!(d.body["actions"]["pay"], true);

    // Rating before any payment is refused.
    let early = ent.post_json(
        &format!("/api/v1/projects/{dossier}/rating"),
        &json!({ "stars": 5 }),
    );
    assert_eq!(early.status, 422);

    // Partial payment, split 80/20 between own contribution and subsidy.
    let p1 = pay(&ent, &dossier, "250.00", &unique("pay"));
    assert_eq!(p1.status, 201, "{}", p1.body);
    assert_eq!(p1.body["payment"]["own_part"], "200.00");
    assert_eq!(p1.body["payment"]["subsidy_part"], "50.00");
    assert_eq!(p1.body["project"]["available"], "750.00");
    assert_eq!(p1.body["project"]["status"], "running");

    // More than the balance is refused.
    let over = pay(&ent, &dossier, "750.01", &unique("pay"));
    assert_eq!(over.status, 422, "{}", over.body);

    // Final payment: Afgewerkt.
    let p2 = pay(&ent, &dossier, "750.00", &unique("pay"));
    assert_eq!(p2.status, 201, "{}", p2.body);
    assert_eq!(p2.body["project"]["status"], "finished");
    assert_eq!(p2.body["project"]["status_label"], "Afgewerkt");
    assert_eq!(p2.body["project"]["available"], "0.00");

    // The operator marks a payment executed, once.
    let pid = p2.body["payment"]["id"].as_i64().unwrap();
    assert_eq!(
        op.post_json(
            &format!("/api/v1/operator/payments/{pid}/executed"),
            &json!({})
        )
        .status,
        200
    );
    assert_eq!(
        op.post_json(
            &format!("/api/v1/operator/payments/{pid}/executed"),
            &json!({})
        )
        .status,
        409
    );

    // Rating: stars, text, publication consent; once.
    let r = ent.post_json(
        &format!("/api/v1/projects/{dossier}/rating"),
        &json!({ "stars": 4, "text": "Goede opleiding, praktisch en duidelijk.", "publish_name": true }),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let again = ent.post_json(
        &format!("/api/v1/projects/{dossier}/rating"),
        &json!({ "stars": 1 }),
    );
    assert_eq!(again.status, 409);
    // It feeds the provider directory's average and count.
    let directory = get(&format!("/api/v1/providers/{PROVIDER}"));
    assert!(
        directory.body["rating"]["count"].as_u64().unwrap() >= 1,
        "{}",
        directory.body
    );
    let ratings = prov.get("/api/v1/provider/ratings?limit=100");
    assert!(ratings.body["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["dossier_number"] == dossier.as_str()));

    // Notifications: what the enterprise was sent, newest first.
    let n = ent.get("/api/v1/notifications?limit=100");
    let subjects: Vec<&str> = n.body["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["subject"].as_str())
        .collect();
    assert!(subjects
        .iter()
        .any(|s| s.contains(&dossier) && s.contains("geregistreerd")));
    assert!(subjects.iter().any(|s| s.contains("Storting ontvangen")));
    // The audit log has every state change of the project.
    let audit = op.get(&format!("/api/v1/operator/audit?target={dossier}"));
    let actions: Vec<&str> = audit.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for expected in [
        "application_registered",
        "deposit_received",
        "payment_ordered",
        "provider_rated",
    ] {
        assert!(actions.contains(&expected), "{expected} in {actions:?}");
    }
}

#[test]
fn importing_the_same_bank_entries_twice_credits_once() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", MEDIUM);
    let op = Session::sign_in("operator", "financiële partner");
    let a = apply(&ent, &application(today, "500.00"));
    assert_eq!(a.status, 201, "{}", a.body);
    let dossier = a.body["dossier_number"].as_str().unwrap();
    let body = json!({ "entries": [{
        "entry_ref": unique("twice"), "booked_on": day(today), "amount": a.body["own_contribution"],
        "currency": "EUR", "credit": true, "communication": a.body["deposit"]["communication"]
    }] });
    let first = op.post_json("/api/v1/operator/bank-entries", &body);
    let second = op.post_json("/api/v1/operator/bank-entries", &body);
    assert_eq!(
        first.body["results"][0]["outcome"], "credited",
        "{}",
        first.body
    );
    assert_eq!(
        second.body["results"][0]["outcome"], "already_imported",
        "{}",
        second.body
    );
    let d = ent.get(&format!("/api/v1/projects/{dossier}"));
    assert_eq!(d.body["available"], "500.00");
    let credits = d.body["movements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "own_contribution_in")
        .count();
    assert_eq!(credits, 1);
}

#[test]
fn an_unknown_communication_is_recorded_for_refund_and_listed_for_the_operator() {
    let op = Session::sign_in("operator", "financiële partner");
    let a = deposit(&op, "+++090/9337/55493+++", "123.45", server_today());
    assert_eq!(
        a.body["results"][0]["outcome"], "refund_unknown",
        "{}",
        a.body
    );
    let refunds = op.get("/api/v1/operator/refunds");
    assert!(refunds.body["deposits_to_return"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["amount"] == "123.45"));
}

#[test]
fn refusals_name_every_rule_in_dutch() {
    let today = server_today();
    // The provider does not have the theme: the manual's exact message.
    let ent = Session::sign_in("enterprise", SMALL);
    let mut body = application(today, "980.00");
    body["subtheme"] = json!("infrastructuur");
    body["starts_on"] = json!(day(today - Duration::days(15)));
    body["enrolled_on"] = json!(day(today - Duration::days(20)));
    let a = apply(&ent, &body);
    assert_eq!(a.status, 422, "{}", a.body);
    assert_eq!(
        codes(&a, "reasons"),
        ["provider_theme_not_linked", "application_too_late"]
    );
    assert!(a.body["reasons"][0]["message"].as_str().unwrap().starts_with(
        "In de vorige stap heeft u het thema 'Digitalisering - Infrastructuur' gekozen. Vermits uw dienstverlener dit thema niet gelinkt heeft"
    ));
    // A large enterprise is refused.
    let large = Session::sign_in("enterprise", LARGE);
    let a = apply(&large, &application(today, "980.00"));
    assert_eq!(a.status, 422);
    assert_eq!(codes(&a, "reasons"), ["enterprise_large"]);
    // Advice outside cybersecurity (since 2026-02-01), and an unknown provider.
    let mut advice = application(today, "980.00");
    advice["service"] = json!("advice");
    advice["training_kind"] = json!(null);
    advice["provider"] = json!("DV.O999999");
    let a = apply(&ent, &advice);
    assert_eq!(
        codes(&a, "reasons"),
        ["provider_not_found", "advice_only_cybersecurity"]
    );
    // Malformed: 400 naming fields; nothing stored.
    let before = ent.get("/api/v1/enterprise/projects?limit=100").body["projects"]
        .as_array()
        .unwrap()
        .len();
    let a = apply(
        &ent,
        &json!({ "nace": "1", "cost": "-3", "provider": "XX" }),
    );
    assert_eq!(a.status, 400);
    let fields: Vec<String> = a.field_errors().into_iter().map(|(f, _)| f).collect();
    assert!(
        fields.contains(&"nace".to_string())
            && fields.contains(&"cost".to_string())
            && fields.contains(&"provider".to_string())
    );
    assert_eq!(
        ent.get("/api/v1/enterprise/projects?limit=100").body["projects"]
            .as_array()
            .unwrap()
            .len(),
        before
    );
}

#[test]
fn a_retried_application_with_the_same_key_is_registered_once() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", MEDIUM);
    let key = unique("same");
    let body = application(today, "300.00");
    let first = ent.send(
        "POST",
        "/api/v1/applications",
        Some(&body),
        &[("idempotency-key", &key)],
    );
    let second = ent.send(
        "POST",
        "/api/v1/applications",
        Some(&body),
        &[("idempotency-key", &key)],
    );
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(second.status, 200);
    assert_eq!(first.body["dossier_number"], second.body["dossier_number"]);
}

#[test]
fn stopping_after_a_partial_payment_refunds_the_unpaid_own_contribution_and_frees_the_budget() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", STOPPER);
    let op = Session::sign_in("operator", "financiële partner");
    let budget_before = ent.get("/api/v1/enterprise").body["budget"]["remaining"]
        .as_str()
        .unwrap()
        .to_string();
    let a = apply(&ent, &application(today, "1000.00"));
    let dossier = a.body["dossier_number"].as_str().unwrap().to_string();
    deposit(
        &op,
        a.body["deposit"]["communication"].as_str().unwrap(),
        "800.00",
        today,
    );
    assert_eq!(pay(&ent, &dossier, "100.00", &unique("pay")).status, 201);
    let s = ent.post_json(
        &format!("/api/v1/projects/{dossier}/stop"),
        &json!({ "reason": "Opleiding geannuleerd door de dienstverlener" }),
    );
    assert_eq!(s.status, 200, "{}", s.body);
    assert_eq!(s.body["project"]["status"], "stopped");
    let movements = s.body["movements"].as_array().unwrap();
    // 100 paid = 80 own + 20 subsidy: 720 own contribution back, 180 subsidy back to this year's budget.
    assert!(
        movements
            .iter()
            .any(|m| m["type"] == "refund_own_contribution" && m["amount"] == "720.00"),
        "{movements:?}"
    );
    assert!(movements
        .iter()
        .any(|m| m["type"] == "subsidy_returned_to_annual_budget" && m["amount"] == "180.00"));
    let budget_after = ent.get("/api/v1/enterprise").body["budget"]["remaining"]
        .as_str()
        .unwrap()
        .to_string();
    let cents = |s: &str| s.replace('.', "").parse::<i64>().unwrap();
    assert_eq!(
        cents(&budget_before) - cents(&budget_after),
        2000,
        "only the 20.00 paid subsidy stays used"
    );
    // A stopped project takes no more payments, stops or refusals.
    assert_eq!(pay(&ent, &dossier, "1.00", &unique("pay")).status, 422);
    let refunds = op.get("/api/v1/operator/refunds");
    assert!(refunds.body["refunds"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["dossier_number"] == dossier.as_str() && r["amount"] == "720.00"));
}

#[test]
fn the_provider_refuses_an_application_naming_it_but_not_another_ones() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", SMALL);
    let a = apply(&ent, &application(today, "400.00"));
    assert_eq!(a.status, 201, "{}", a.body);
    let dossier = a.body["dossier_number"].as_str().unwrap().to_string();
    let other = Session::sign_in("provider", CYBER);
    let denied = other.post_json(
        &format!("/api/v1/provider/projects/{dossier}/refuse"),
        &json!({ "reason": "Niet onze klant" }),
    );
    assert_eq!(denied.status, 404);
    let prov = Session::sign_in("provider", PROVIDER);
    let r = prov.post_json(
        &format!("/api/v1/provider/projects/{dossier}/refuse"),
        &json!({ "reason": "Opleiding valt buiten de voorwaarden" }),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "refused");
    assert_eq!(
        ent.get(&format!("/api/v1/projects/{dossier}")).body["status"],
        "refused"
    );
}

#[test]
fn every_role_is_refused_what_it_may_not_do() {
    let today = server_today();
    let small = Session::sign_in("enterprise", SMALL);
    let medium = Session::sign_in("enterprise", MEDIUM);
    let prov = Session::sign_in("provider", PROVIDER);
    let a = apply(&small, &application(today, "200.00"));
    let dossier = a.body["dossier_number"].as_str().unwrap().to_string();
    // Not signed in: 401.
    assert_eq!(get("/api/v1/enterprise").status, 401);
    assert_eq!(get(&format!("/api/v1/projects/{dossier}")).status, 401);
    // Another enterprise cannot see, pay, stop or rate it: 404, as if it did not exist.
    assert_eq!(
        medium.get(&format!("/api/v1/projects/{dossier}")).status,
        404
    );
    assert_eq!(pay(&medium, &dossier, "1.00", &unique("pay")).status, 404);
    assert_eq!(
        medium
            .post_json(
                &format!("/api/v1/projects/{dossier}/stop"),
                &json!({ "reason": "x" })
            )
            .status,
        404
    );
    assert!(!medium.get("/api/v1/enterprise/projects").body["projects"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["dossier_number"] == dossier.as_str()));
    // A provider cannot apply or act as an enterprise; an enterprise cannot act as provider or operator.
    assert_eq!(apply(&prov, &application(today, "200.00")).status, 403);
    assert_eq!(prov.get(&format!("/api/v1/projects/{dossier}")).status, 403);
    assert_eq!(small.get("/api/v1/provider/projects").status, 403);
    assert_eq!(small.get("/api/v1/operator/audit").status, 403);
    assert_eq!(
        small
            .post_json("/api/v1/operator/bank-entries", &json!({ "entries": [] }))
            .status,
        403
    );
    assert_eq!(
        prov.put_json_status(&format!("/api/v1/operator/providers/{PROVIDER}")),
        403
    );
    // A cross-site request is refused even with a valid session.
    let cross = small.send(
        "POST",
        &format!("/api/v1/projects/{dossier}/stop"),
        Some(&json!({ "reason": "x" })),
        &[("origin", "https://evil.example")],
    );
    assert_eq!(cross.status, 403);
    // Signing out ends the session.
    let out = small.post_json("/api/v1/sign-out", &json!({}));
    assert_eq!(out.status, 200);
    assert_eq!(small.get("/api/v1/enterprise").status, 401);
}

#[test]
fn parallel_applications_never_exceed_the_annual_ceiling() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", BUDGET_RACE);
    let remaining = ent.get("/api/v1/enterprise").body["budget"]["remaining"]
        .as_str()
        .unwrap()
        .to_string();
    let cents = |s: &str| s.replace('.', "").parse::<i64>().unwrap();
    // Each asks 30 % of 2,000 = 600 subsidy; 16 at once ask 9,600 — more than any year has.
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let ent = ent.clone();
            thread::spawn(move || apply(&ent, &application(today, "2000.00")))
        })
        .collect();
    let answers: Vec<Answer> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let granted: i64 = answers
        .iter()
        .filter(|a| a.status == 201)
        .map(|a| cents(a.body["subsidy"].as_str().unwrap()))
        .sum();
    for a in &answers {
        assert!(
            [201, 409, 422].contains(&a.status),
            "{} {}",
            a.status,
            a.body
        );
    }
    assert!(
        granted <= cents(&remaining),
        "granted {granted} of {remaining}"
    );
    let after = ent.get("/api/v1/enterprise").body["budget"]["remaining"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        cents(&remaining) - cents(&after),
        granted,
        "the budget moved exactly by what was granted"
    );
}

#[test]
fn parallel_payments_never_overdraw_and_a_retried_order_executes_once() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", PAYER);
    let op = Session::sign_in("operator", "financiële partner");
    let a = apply(&ent, &application(today, "1000.00"));
    assert_eq!(a.status, 201, "{}", a.body);
    let dossier = a.body["dossier_number"].as_str().unwrap().to_string();
    deposit(
        &op,
        a.body["deposit"]["communication"].as_str().unwrap(),
        "700.00",
        today,
    );
    // 12 orders of 100.00 against 1,000.00, plus each sent twice with the same key.
    let handles: Vec<_> = (0..12)
        .flat_map(|i| {
            let key = unique(&format!("par{i}"));
            (0..2).map(move |_| (key.clone(), i))
        })
        .map(|(key, _)| {
            let ent = ent.clone();
            let dossier = dossier.clone();
            thread::spawn(move || {
                // 409 means "busy, nothing done": a client retries with the same key.
                let mut a = pay(&ent, &dossier, "100.00", &key);
                while a.status == 409 {
                    a = pay(&ent, &dossier, "100.00", &key);
                }
                (key.clone(), a)
            })
        })
        .collect();
    let answers: Vec<(String, Answer)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    for (_, a) in &answers {
        assert!(
            [200, 201, 422].contains(&a.status),
            "{} {}",
            a.status,
            a.body
        );
    }
    let d = ent.get(&format!("/api/v1/projects/{dossier}"));
    let payments = d.body["payments"].as_array().unwrap();
    assert_eq!(
        payments.len(),
        10,
        "exactly the balance was paid out: {payments:?}"
    );
    assert_eq!(d.body["available"], "0.00");
    assert_eq!(d.body["status"], "finished");
    let mut keys: Vec<&String> = answers
        .iter()
        .filter(|(_, a)| a.status != 422)
        .map(|(k, _)| k)
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 10, "every executed order has its own key");
}

#[test]
fn the_enterprise_profile_is_editable_and_validated() {
    let ent = Session::sign_in("enterprise", SMALL);
    let p = ent.get("/api/v1/enterprise");
    assert_eq!(p.status, 200);
    assert_eq!(p.body["size"], "small");
    let bad = ent.send(
        "PATCH",
        "/api/v1/enterprise",
        Some(&json!({ "email": "geen-adres", "refund_iban": "BE00 1234" })),
        &[],
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.field_errors().len(), 2);
    let ok = ent.send("PATCH", "/api/v1/enterprise", Some(&json!({ "email": "nieuw@bakkerij-peeters.example", "refund_iban": "be68 5390 0754 7034" })), &[]);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["email"], "nieuw@bakkerij-peeters.example");
    assert_eq!(ok.body["refund_iban"], "BE68539007547034");
}

#[test]
fn a_camt053_statement_credits_the_deposit_it_carries() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", MEDIUM);
    let op = Session::sign_in("operator", "financiële partner");
    let a = apply(&ent, &application(today, "750.00"));
    assert_eq!(a.status, 201, "{}", a.body);
    let dossier = a.body["dossier_number"].as_str().unwrap();
    let digits: String = a.body["deposit"]["communication"]
        .as_str()
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let reference = unique("camt");
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-{reference}</MsgId><CreDtTm>{today}T18:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>{reference}</Id>
      <Acct><Id><IBAN>BE64733033797052</IBAN></Id></Acct>
      <Ntry>
        <NtryRef>{reference}-1</NtryRef>
        <Amt Ccy="EUR">{own}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{today}</Dt></BookgDt>
        <NtryDtls><TxDtls>
          <RltdPties><Dbtr><Nm>Metaalwerken Claes nv</Nm></Dbtr><DbtrAcct><Id><IBAN>BE71096123456769</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Strd><CdtrRefInf><Ref>{digits}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <NtryRef>{reference}-2</NtryRef>
        <Amt Ccy="EUR">12.00</Amt>
        <CdtDbtInd>DBIT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{today}</Dt></BookgDt>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>"#,
        own = a.body["own_contribution"].as_str().unwrap()
    );
    let url = "/api/v1/operator/bank-statements";
    let upload = |body: &str| {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut res = agent
            .post(format!("{}{url}", kmo_blackbox::base_url()))
            .header("cookie", &op.cookie)
            .header("content-type", "application/xml")
            .send(body.to_string())
            .expect("the server answers");
        let status = res.status().as_u16();
        let body: Value =
            serde_json::from_str(&res.body_mut().read_to_string().unwrap_or_default())
                .unwrap_or(Value::Null);
        (status, body)
    };
    let (status, body) = upload(&xml);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"][0]["outcome"], "credited", "{body}");
    assert_eq!(body["results"][1]["outcome"], "ignored_debit");
    assert_eq!(
        ent.get(&format!("/api/v1/projects/{dossier}")).body["status"],
        "running"
    );
    // The same statement again credits nothing more.
    let (_, again) = upload(&xml);
    assert_eq!(again["results"][0]["outcome"], "already_imported");
    // A document with a DOCTYPE (entity tricks) is refused whole.
    let (status, refused) =
        upload("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><Document/>");
    assert_eq!(status, 400, "{refused}");
}

#[test]
fn the_size_is_declared_on_honour_until_the_first_application_of_the_year_fixes_it() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", DECLARER);
    let p = ent.get("/api/v1/enterprise");
    assert_eq!(p.body["size"], "small");
    assert_eq!(p.body["size_fixed_for_year"], false);
    // Manual 003: the size follows from the enterprise's figures with its partner enterprise:
    // 40 + 30 % of 100 = 70 staff (AWU), so medium.
    let figures = json!({
        "own": { "staff_awu": "40", "turnover": "6000000.00", "balance_sheet_total": "4000000.00" },
        "relations": [{ "share": "30", "figures": {
            "staff_awu": "100", "turnover": "15000000.00", "balance_sheet_total": "9000000.00"
        } }]
    });
    let size = "/api/v1/enterprise/size";
    let against = ent.post_json(size, &json!({ "size": "small", "figures": figures }));
    assert_eq!(against.status, 422, "{}", against.body);
    assert_eq!(against.codes("reasons"), ["size_differs_from_figures"]);
    let mut wrong = figures.clone();
    wrong["relations"][0]["share"] = json!("dertig");
    wrong["own"]["turnover"] = json!("6.000.000");
    let unreadable = ent.post_json(size, &json!({ "size": "medium", "figures": wrong }));
    assert_eq!(unreadable.status, 400, "{}", unreadable.body);
    let fields: Vec<String> = unreadable
        .field_errors()
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(
        fields,
        ["figures.own.turnover", "figures.relations[0].share"]
    );
    assert_eq!(
        ent.get("/api/v1/enterprise").body["size"],
        "small",
        "nothing changed"
    );
    let declared = ent.post_json(size, &json!({ "size": "medium", "figures": figures }));
    assert_eq!(declared.status, 200, "{}", declared.body);
    assert_eq!(declared.body["size"], "medium");
    assert_eq!(declared.body["size_label"], "Middelgrote onderneming");
    // The figures are kept with the declaration, to compute the size again.
    assert_eq!(declared.body["size_figures"]["own"], figures["own"]);
    assert_eq!(declared.body["size_figures"]["relations"][0]["share"], "30");
    // The first application of the year is filed under the declared size (20 %) and fixes it.
    let a = apply(&ent, &application(today, "1000.00"));
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.body["rate"], "0.20");
    let again = ent.post_json("/api/v1/enterprise/size", &json!({ "size": "small" }));
    assert_eq!(again.status, 409);
    assert_eq!(again.codes("errors"), ["size_fixed"]);
    let p = ent.get("/api/v1/enterprise");
    assert_eq!(p.body["size"], "medium");
    assert_eq!(p.body["size_fixed_for_year"], true);
}

#[test]
fn an_advice_provider_with_a_dv_a_number_is_registered_and_chosen() {
    // RULES.md §8: advice providers carry DV.A numbers (DV.A104813 on a provider's public page).
    let number = "DV.A104813";
    let op = Session::sign_in("operator", "financiële partner");
    let saved = op.put_json(
        &format!("/api/v1/operator/providers/{number}"),
        &json!({
            "name": "Cyberadvies Vlaanderen bv", "address": "Kerkstraat 1, 9000 Gent",
            "email": "advies@cyberadvies.example", "services": ["advice"],
            "themes": [{ "theme": "digitalisering", "subtheme": "cybersecurity" }],
            "suspended": false
        }),
    );
    assert_eq!(saved.status, 200, "{:?}", saved.body);
    assert_eq!(saved.body["provider"]["number"], number);
    let public = get(&format!("/api/v1/providers/{number}"));
    assert_eq!(
        (public.status, &public.body["number"]),
        (200, &json!(number))
    );

    let ent = Session::sign_in("enterprise", MEDIUM);
    let today = server_today();
    let advice = json!({
        "nace": "62.010", "service": "advice", "name": "Cyberaudit van het netwerk",
        "theme": "digitalisering", "subtheme": "cybersecurity", "hours": "12",
        "participants": ["Jan Claes"],
        "enrolled_on": day(today - Duration::days(1)), "starts_on": day(today + Duration::days(7)),
        "contributes_to_business": true, "cost": "1000.00", "provider": number,
        "declaration_accepted": true, "no_related_party": true,
        "participants_are_workers": true, "attendance_at_least_80": true
    });
    let applied = apply(&ent, &advice);
    assert_eq!(applied.status, 201, "{:?}", applied.body);
    // Medium enterprise, cybersecurity advice: the higher rate, 35 %.
    assert_eq!(applied.body["subsidy"], "350.00");
    assert_eq!(applied.body["provider"], number);
}

#[test]
fn an_application_with_a_cost_breakdown_explains_itself_and_counts_earlier_grants_as_de_minimis() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", MEDIUM);
    let first = apply(&ent, &application(today, "500.00"));
    assert_eq!(first.status, 201, "{}", first.body);

    let mut body = application(today, "0");
    let fields = body.as_object_mut().unwrap();
    fields.remove("cost");
    fields.insert(
        "costs".into(),
        json!({ "fee": "500.00", "course_material": { "amount": "40.00",
                "used_only_during_training": false }, "exam_fees": "60.00" }),
    );
    let a = apply(&ent, &body);
    assert_eq!(a.status, 201, "{}", a.body);
    // 500 counts; the material kept afterwards and the exam fees do not: 20 % of 500.
    assert_eq!(a.body["project_amount"], "500.00");
    assert_eq!(a.body["subsidy"], "100.00");
    let lines: Vec<(&str, &str)> = a.body["cost_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["kind"].as_str().unwrap(), l["eligible"].as_str().unwrap()))
        .collect();
    assert_eq!(
        lines,
        [
            ("fee", "500.00"),
            ("course_material", "0.00"),
            ("exam_fees", "0.00")
        ]
    );
    assert_eq!(
        codes(&a, "explanation"),
        [
            "regime",
            "size",
            "cost",
            "rate",
            "remaining_budget",
            "project_amount",
            "subsidy",
            "de_minimis"
        ]
    );
    let de_minimis = a.body["explanation"][7]["message"].as_str().unwrap();
    // The first application's subsidy (€ 100,00) is this product's own de minimis aid.
    assert!(
        !de_minimis.contains("kreeg uw onderneming € 0,00"),
        "{de_minimis}"
    );
    assert!(a.body["explanation"][7]["source"]
        .as_str()
        .unwrap()
        .contains("2023/2831"));
    // A retry with the same key answers the stored explanation again.
    let dossier = a.body["dossier_number"].as_str().unwrap();
    let key = unique("breakdown");
    let again = ent.send(
        "POST",
        "/api/v1/applications",
        Some(&body),
        &[("idempotency-key", &key)],
    );
    assert_eq!(again.status, 201, "{}", again.body);
    let repeat = ent.send(
        "POST",
        "/api/v1/applications",
        Some(&body),
        &[("idempotency-key", &key)],
    );
    assert_eq!(repeat.status, 200, "{}", repeat.body);
    assert_eq!(repeat.body["explanation"], again.body["explanation"]);
    assert_ne!(again.body["dossier_number"], dossier);
}

/// The provider's repayment of a stopped, fully paid project, as the bank reports it.
fn repayment(op: &Session, communication: &str, amount: &str, booked_on: NaiveDate) -> Answer {
    op.post_json(
        "/api/v1/operator/bank-entries",
        &json!({ "entries": [{
            "entry_ref": unique("repay"), "booked_on": day(booked_on), "amount": amount,
            "currency": "EUR", "credit": true, "communication": communication,
            "counterparty_name": "Opleidingen Digitaal bv", "counterparty_iban": "BE71096123456769"
        }] }),
    )
}

/// RULES.md §7 cases 3 and 4: a fully paid project is stopped with its cause, the provider is
/// asked to pay back, and its repayment (imported by the operator) returns the own contribution
/// to the enterprise and the subsidy to this year's budget.
#[test]
fn a_fully_paid_project_is_stopped_with_its_cause_and_recovered_through_the_provider() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", PAYER);
    let op = Session::sign_in("operator", "financiële partner");
    let prov = Session::sign_in("provider", PROVIDER);
    let a = apply(&ent, &application(today, "900.00"));
    assert_eq!(a.status, 201, "{}", a.body);
    let dossier = a.body["dossier_number"].as_str().unwrap().to_string();
    let communication = a.body["deposit"]["communication"]
        .as_str()
        .unwrap()
        .to_string();
    deposit(&op, &communication, "630.00", today);
    assert_eq!(pay(&ent, &dossier, "900.00", &unique("pay")).status, 201);
    let project = format!("/api/v1/projects/{dossier}");
    let finished = ent.get(&project);
    assert_eq!(finished.body["status"], "finished");
    assert_eq!(finished.body["actions"]["stop"], true);
    let budget = |s: &Session| {
        let b = s.get("/api/v1/enterprise").body["budget"]["remaining"]
            .as_str()
            .unwrap()
            .replace('.', "");
        b.parse::<i64>().unwrap()
    };
    let budget_before = budget(&ent);

    let stop = format!("/api/v1/projects/{dossier}/stop");
    let reason = "De dienstverlener annuleerde de opleiding";
    let no_cause = ent.post_json(&stop, &json!({ "reason": reason }));
    assert_eq!(no_cause.status, 422, "{}", no_cause.body);
    assert_eq!(codes(&no_cause, "reasons"), ["stop_cause_required"]);
    let bad_cause = ent.post_json(&stop, &json!({ "reason": reason, "cause": "weather" }));
    assert_eq!(bad_cause.status, 400, "{}", bad_cause.body);
    assert_eq!(
        bad_cause.field_errors(),
        [("cause".to_string(), "unknown_value".to_string())]
    );
    assert_eq!(
        ent.get(&project).body["status"],
        "finished",
        "nothing changed"
    );

    let s = ent.post_json(
        &stop,
        &json!({ "reason": reason, "cause": "provider_cancelled" }),
    );
    assert_eq!(s.status, 200, "{}", s.body);
    assert_eq!(s.body["project"]["status"], "awaiting_recovery");
    assert_eq!(
        s.body["movements"],
        json!([]),
        "the money is with the provider"
    );
    assert_eq!(
        s.body["project"]["actions"],
        json!({ "pay": false, "rate": true, "stop": false })
    );
    assert_eq!(
        budget(&ent),
        budget_before,
        "the budget waits for the repayment"
    );
    // The provider is told how to pay back: the wallet account and the project's communication.
    let mails = prov.get("/api/v1/notifications?limit=100");
    let asked = mails.body["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| {
            n["subject"].as_str().unwrap().contains(&dossier)
                && n["body"]
                    .as_str()
                    .unwrap()
                    .contains("Betaal dit bedrag terug")
        })
        .unwrap_or_else(|| panic!("no repayment mail: {}", mails.body));
    assert!(asked["body"].as_str().unwrap().contains(&communication));
    // A second stop changes nothing.
    let again = ent.post_json(
        &stop,
        &json!({ "reason": reason, "cause": "provider_cancelled" }),
    );
    assert_eq!(again.status, 422, "{}", again.body);

    // Another amount than was paid goes back to the provider.
    let wrong = repayment(&op, &communication, "630.00", today);
    assert_eq!(wrong.status, 200, "{}", wrong.body);
    assert_eq!(wrong.body["results"][0]["outcome"], "refund_wrong_amount");
    assert_eq!(ent.get(&project).body["status"], "awaiting_recovery");
    // The whole amount is recovered: 630.00 back to the enterprise, 270.00 to this year's budget.
    let right = repayment(&op, &communication, "900.00", today);
    assert_eq!(right.status, 200, "{}", right.body);
    assert_eq!(right.body["results"][0]["outcome"], "recovered");
    assert_eq!(right.body["results"][0]["dossier_number"], dossier.as_str());
    let stopped = ent.get(&project);
    assert_eq!(stopped.body["status"], "stopped");
    let kinds: Vec<(&str, &str)> = stopped.body["movements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["kind"].as_str().unwrap(), m["amount"].as_str().unwrap()))
        .collect();
    for moved in [
        ("recovered_from_provider", "900.00"),
        ("refund_own_contribution", "630.00"),
        ("subsidy_returned_to_annual_budget", "270.00"),
    ] {
        assert!(kinds.contains(&moved), "{moved:?} in {kinds:?}");
    }
    assert_eq!(budget(&ent) - budget_before, 27000);
    let refunds = op.get("/api/v1/operator/refunds");
    assert!(refunds.body["refunds"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["dossier_number"] == dossier.as_str() && r["amount"] == "630.00"));
    // A second repayment is not recovered twice: it goes back.
    let twice = repayment(&op, &communication, "900.00", today);
    assert_eq!(twice.body["results"][0]["outcome"], "refund_ended");
}

/// RULES.md §3: a related provider must refuse; its reason names the ground in the rules' words.
#[test]
fn a_provider_refuses_a_related_party_with_that_ground() {
    let today = server_today();
    let ent = Session::sign_in("enterprise", SMALL);
    let a = apply(&ent, &application(today, "300.00"));
    assert_eq!(a.status, 201, "{}", a.body);
    let dossier = a.body["dossier_number"].as_str().unwrap().to_string();
    let prov = Session::sign_in("provider", PROVIDER);
    let refuse = format!("/api/v1/provider/projects/{dossier}/refuse");
    let bad = prov.post_json(
        &refuse,
        &json!({ "reason": "Zaakvoerder is mijn broer", "ground": "family" }),
    );
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(
        bad.field_errors(),
        [("ground".to_string(), "unknown_value".to_string())]
    );
    let r = prov.post_json(
        &refuse,
        &json!({ "reason": "Zaakvoerder is mijn broer", "ground": "related_party" }),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "refused");
    let mails = ent.get("/api/v1/notifications?limit=100");
    assert!(
        mails.body["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["body"]
                .as_str()
                .unwrap()
                .contains("Verbonden onderneming")
                && n["body"]
                    .as_str()
                    .unwrap()
                    .contains("Zaakvoerder is mijn broer")),
        "{}",
        mails.body
    );
}
