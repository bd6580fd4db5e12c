//! The daily job (cron trigger) through wrangler's scheduled endpoint. It moves the product's
//! development clock, so it is its own test binary: cargo runs test binaries one at a time,
//! and the tests here run in order under one lock.

use chrono::{Datelike, Duration, NaiveDate};
use kmo_blackbox::{get, server_today, Answer, Session};
use serde_json::{json, Value};
use std::sync::Mutex;

mod mail;

pub(crate) static CLOCK: Mutex<()> = Mutex::new(());

pub(crate) const ENTERPRISE: &str = "0445678970";

pub(crate) fn set_clock(op: &Session, date: Option<NaiveDate>) {
    let a = op.send(
        "PUT",
        "/api/v1/dev/clock",
        Some(&json!({ "date": date.map(|d| d.to_string()) })),
        &[],
    );
    assert_eq!(a.status, 200, "{}", a.body);
}

pub(crate) fn run_cron() {
    let a = get("/__scheduled?cron=30+1+*+*+*");
    assert_eq!(a.status, 200, "the scheduled endpoint answers");
}

pub(crate) fn apply(ent: &Session, today: NaiveDate, key: &str) -> Answer {
    apply_naming(ent, today, key, "DV.0100275")
}

/// An application of 600.00 for a training starting in two days, naming `provider`.
pub(crate) fn apply_naming(ent: &Session, today: NaiveDate, key: &str, provider: &str) -> Answer {
    let body = json!({
        "nace": "62.010", "service": "training", "name": "Boekhouden voor starters",
        "training_kind": "distance", "theme": "financiele-geletterdheid", "subtheme": "boekhouding",
        "hours": "8", "participants": ["Els Wouters"],
        "enrolled_on": (today - Duration::days(2)).to_string(), "starts_on": (today + Duration::days(2)).to_string(),
        "contributes_to_business": true, "cost": "600.00", "provider": provider,
        "declaration_accepted": true, "no_related_party": true,
        "participants_are_workers": true, "attendance_at_least_80": true
    });
    let a = ent.send(
        "POST",
        "/api/v1/applications",
        Some(&body),
        &[("idempotency-key", key)],
    );
    assert_eq!(a.status, 201, "{}", a.body);
    a
}

fn status(ent: &Session, dossier: &str) -> Value {
    ent.get(&format!("/api/v1/projects/{dossier}")).body
}

#[test]
fn the_daily_job_cancels_late_deposits_and_closes_projects_at_the_end_of_their_term() {
    let _lock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    let op = Session::sign_in("operator", "dagelijkse taak");
    set_clock(&op, None);
    let today = server_today();
    let run = format!(
        "{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    );
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let budget = |ent: &Session| {
        ent.get("/api/v1/enterprise").body["budget"]["remaining"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let before = budget(&ent);

    // A: never deposited. B: deposited and partly paid.
    let a = apply(&ent, today, &format!("a-{run}"));
    let b = apply(&ent, today, &format!("b-{run}"));
    let dossier_a = a.body["dossier_number"].as_str().unwrap().to_string();
    let dossier_b = b.body["dossier_number"].as_str().unwrap().to_string();
    let credited = op.post_json("/api/v1/operator/bank-entries", &json!({ "entries": [{
        "entry_ref": format!("sched-{run}"), "booked_on": today.to_string(), "amount": b.body["own_contribution"],
        "currency": "EUR", "credit": true, "communication": b.body["deposit"]["communication"]
    }] }));
    assert_eq!(
        credited.body["results"][0]["outcome"], "credited",
        "{}",
        credited.body
    );
    let paid = ent.send(
        "POST",
        &format!("/api/v1/projects/{dossier_b}/payments"),
        Some(&json!({ "amount": "100.00", "reference": "F1", "communication": "Factuur F1" })),
        &[("idempotency-key", &format!("p-{run}"))],
    );
    assert_eq!(paid.status, 201, "{}", paid.body);

    // On the deposit deadline nothing happens yet; the day after, A is cancelled.
    set_clock(&op, Some(today + Duration::days(30)));
    run_cron();
    assert_eq!(status(&ent, &dossier_a)["status"], "awaiting_deposit");
    set_clock(&op, Some(today + Duration::days(31)));
    run_cron();
    assert_eq!(status(&ent, &dossier_a)["status"], "cancelled");
    assert_eq!(status(&ent, &dossier_b)["status"], "running");
    // A's reservation is freed; B's subsidy stays reserved.
    let cents = |s: &str| s.replace('.', "").parse::<i64>().unwrap();
    let subsidy_b = cents(b.body["subsidy"].as_str().unwrap());
    if (today + Duration::days(31)).year() == today.year() {
        assert_eq!(cents(&before) - cents(&budget(&ent)), subsidy_b);
    }

    // 31 December of the year after the application is the last day; on 1 January B closes.
    let last_day = NaiveDate::from_ymd_opt(today.year() + 1, 12, 31).unwrap();
    set_clock(&op, Some(last_day));
    run_cron();
    assert_eq!(status(&ent, &dossier_b)["status"], "running");
    set_clock(&op, Some(last_day + Duration::days(1)));
    run_cron();
    let closed = status(&ent, &dossier_b);
    assert_eq!(closed["status"], "closed", "{closed}");
    let movements = closed["movements"].as_array().unwrap();
    // 100 paid of 600 (small, 30 %): 70 own + 30 subsidy. Refund 350 own; 150 subsidy back to
    // the government (a later year never gives it back to the annual budget).
    assert!(
        movements
            .iter()
            .any(|m| m["kind"] == "refund_own_contribution" && m["amount"] == "350.00"),
        "{movements:?}"
    );
    assert!(movements
        .iter()
        .any(|m| m["kind"] == "subsidy_returned_to_government" && m["amount"] == "150.00"));
    // Running the job again changes nothing.
    run_cron();
    assert_eq!(
        status(&ent, &dossier_b)["movements"]
            .as_array()
            .unwrap()
            .len(),
        movements.len()
    );
    set_clock(&op, None);
}

#[test]
fn the_development_clock_is_refused_outside_iso_dates() {
    let _lock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    let op = Session::sign_in("operator", "dagelijkse taak");
    let a = op.send(
        "PUT",
        "/api/v1/dev/clock",
        Some(&json!({ "date": "morgen" })),
        &[],
    );
    assert_eq!(a.status, 400);
    assert_eq!(a.field_errors()[0].0, "date");
}
