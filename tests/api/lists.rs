//! Lists at volume: every list answers a page at a time with the cursor of the next (never cut
//! off silently), stable while items are added, filtered in the database; and every list and
//! detail route runs as many D1 queries with 1,000 projects behind it as with 10 (the
//! development build's `Server-Timing: d1;dur=…;desc="N queries"`).

use std::collections::{BTreeMap, HashSet};

use chrono::Duration;
use kmo_blackbox::{server_today, Answer, Session};
use serde_json::{json, Value};

/// A seeded enterprise no other test applies for, and a provider only this test registers: the
/// volume made here is theirs alone.
const ENTERPRISE: &str = "0478912358";
const PROVIDER: &str = "DV.O990514";

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{prefix}-{nanos}")
}

/// The number of D1 queries the request ran, from `Server-Timing`.
fn queries(a: &Answer) -> u64 {
    let timing = a.header("server-timing").expect("a Server-Timing header");
    let desc = timing
        .split(';')
        .find_map(|p| p.trim().strip_prefix("desc=\""))
        .unwrap_or_else(|| panic!("no desc in {timing}"));
    desc.split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {timing}"))
}

fn copies(dossier: &str, count: u32) {
    let op = Session::sign_in("operator", "operator");
    let a = op.post_json(
        &format!("/api/v1/dev/projects/{dossier}/copies"),
        &json!({ "count": count }),
    );
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.body["count"], count);
}

/// A project of the enterprise naming the provider, paid in part and rated: something in
/// every list.
fn one_project(today: chrono::NaiveDate) -> String {
    let op = Session::sign_in("operator", "operator");
    let saved = op.put_json(
        &format!("/api/v1/operator/providers/{PROVIDER}"),
        &json!({
            "name": "Volume Opleidingen (test)", "address": "Testlaan 2, 9000 Gent",
            "email": "volume@example.be", "services": ["training"],
            "themes": [{ "theme": "digitalisering", "subtheme": "software" }],
            "suspended": false
        }),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let day = |d: chrono::NaiveDate| d.to_string();
    let applied = ent.send(
        "POST",
        "/api/v1/applications",
        Some(&json!({
            "nace": "62.010", "service": "training", "name": "Volume van een jaar",
            "training_kind": "classroom", "theme": "digitalisering", "subtheme": "software",
            "hours": "8", "participants": ["Jan Peeters"],
            "enrolled_on": day(today - Duration::days(2)), "starts_on": day(today + Duration::days(3)),
            "contributes_to_business": true, "cost": "400.00", "provider": PROVIDER,
            "declaration_accepted": true, "no_related_party": true,
            "participants_are_workers": true, "attendance_at_least_80": true
        })),
        &[("idempotency-key", &unique("volume"))],
    );
    assert_eq!(applied.status, 201, "{}", applied.body);
    let dossier = applied.body["dossier_number"].as_str().unwrap().to_string();
    let deposit = &applied.body["deposit"];
    let imported = op.post_json(
        "/api/v1/operator/bank-entries",
        &json!({ "entries": [{
            "entry_ref": unique("volume-bank"), "booked_on": day(today),
            "amount": deposit["amount"], "currency": "EUR", "credit": true,
            "communication": deposit["communication"],
            "counterparty_name": "Tuinaanleg Verhoeven bv", "counterparty_iban": "BE71096123456769"
        }] }),
    );
    assert_eq!(imported.status, 200, "{}", imported.body);
    assert_eq!(
        imported.body["results"][0]["outcome"], "credited",
        "{}",
        imported.body
    );
    let paid = ent.send(
        "POST",
        &format!("/api/v1/projects/{dossier}/payments"),
        Some(&json!({ "amount": "100.00", "reference": "F-VOL-1", "communication": "Factuur VOL-1" })),
        &[("idempotency-key", &unique("volume-pay"))],
    );
    assert_eq!(paid.status, 201, "{}", paid.body);
    let rated = ent.post_json(
        &format!("/api/v1/projects/{dossier}/rating"),
        &json!({ "stars": 4, "text": "Helder." }),
    );
    assert_eq!(rated.status, 201, "{}", rated.body);
    dossier
}

/// The queries of every list and detail route, by route, and that each answered 200.
fn counts(dossier: &str, year: i32) -> BTreeMap<String, u64> {
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let prov = Session::sign_in("provider", PROVIDER);
    let op = Session::sign_in("operator", "operator");
    let mut counts = BTreeMap::new();
    let routes: Vec<(&Session, String)> = vec![
        (&ent, "/api/v1/enterprise".into()),
        (&ent, "/api/v1/enterprise/projects".into()),
        (
            &ent,
            "/api/v1/enterprise/projects?limit=100&status=running".into(),
        ),
        (
            &ent,
            format!("/api/v1/enterprise/projects?name=volume&year={year}"),
        ),
        (&ent, format!("/api/v1/projects/{dossier}")),
        (&ent, "/api/v1/notifications".into()),
        (
            &ent,
            "/api/v1/providers?q=volume%20opleidingen&service=training&theme=digitalisering&subtheme=software"
                .into(),
        ),
        (&prov, "/api/v1/provider/projects".into()),
        (&prov, "/api/v1/provider/projects?limit=100".into()),
        (&prov, "/api/v1/provider/projects?q=verhoeven".into()),
        (&prov, format!("/api/v1/provider/projects?q={dossier}")),
        (
            &prov,
            format!("/api/v1/provider/projects?status=running&year={year}"),
        ),
        (&prov, "/api/v1/provider/payments".into()),
        (&prov, "/api/v1/provider/ratings".into()),
        (&op, "/api/v1/operator/bank-entries".into()),
        (&op, "/api/v1/operator/bank-entries?outcome=credited".into()),
        (&op, "/api/v1/operator/audit".into()),
        (&op, format!("/api/v1/operator/audit?target={dossier}")),
        (&op, "/api/v1/operator/refunds".into()),
        (&op, "/api/v1/operator/mails".into()),
    ];
    for (session, path) in routes {
        let a = session.get(&path);
        assert_eq!(a.status, 200, "{path}: {}", a.body);
        counts.insert(path, queries(&a));
    }
    counts
}

/// Every item of a paged list, page by page, with the number of pages.
fn walk(s: &Session, path: &str, items: &str) -> (Vec<Value>, usize) {
    walk_from(s, path, items, None)
}

/// [`walk`] from the page after `cursor`.
fn walk_from(
    s: &Session,
    path: &str,
    items: &str,
    mut cursor: Option<String>,
) -> (Vec<Value>, usize) {
    let mut all = Vec::new();
    let mut pages = 0;
    loop {
        let at = match &cursor {
            None => path.to_string(),
            Some(c) => format!("{path}&cursor={c}"),
        };
        let a = s.get(&at);
        assert_eq!(a.status, 200, "{at}: {}", a.body);
        pages += 1;
        all.extend(a.body[items].as_array().unwrap().iter().cloned());
        match a.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => {
                assert!(a.body["next_cursor"].is_null());
                return (all, pages);
            }
        }
        assert!(pages < 1000, "no end to {path}");
    }
}

#[test]
fn every_list_and_detail_runs_as_many_queries_with_1000_projects_as_with_10() {
    let today = server_today();
    let dossier = one_project(today);
    copies(&dossier, 9);
    let with_10 = counts(&dossier, chrono::Datelike::year(&today));
    copies(&dossier, 990);
    let with_1000 = counts(&dossier, chrono::Datelike::year(&today));
    assert_eq!(with_10, with_1000);
    for (path, n) in &with_1000 {
        assert!(*n <= 10, "{path}: {n} queries");
    }

    // Nothing is cut off: page by page, the provider sees all of its applications once each,
    // newest first, also while new ones arrive in the middle of the walk.
    let prov = Session::sign_in("provider", PROVIDER);
    let first = prov.get("/api/v1/provider/projects?limit=100");
    assert_eq!(first.body["projects"].as_array().unwrap().len(), 100);
    let at_least = first.body["projects"][99]["dossier_number"].clone();
    copies(&dossier, 5);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_string();
    let (rest, _) = walk_from(
        &prov,
        "/api/v1/provider/projects?limit=100",
        "projects",
        Some(cursor),
    );
    let mut seen: Vec<String> = first.body["projects"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest.iter())
        .map(|p| p["dossier_number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        seen.len(),
        1000,
        "every application once, the five new ones above the walk"
    );
    assert!(rest[0]["dossier_number"].as_str() < at_least.as_str());
    let distinct: HashSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), 1000);
    let walked = seen.clone();
    seen.sort_by(|a, b| b.cmp(a));
    assert_eq!(walked, seen, "newest first");
    assert!(walked.contains(&dossier));

    // Found by dossier number, by part of the enterprise's name, by status and year.
    let found = prov.get(&format!(
        "/api/v1/provider/projects?q={}",
        dossier.to_lowercase()
    ));
    let found = found.body["projects"].as_array().unwrap().clone();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["dossier_number"], dossier.as_str());
    assert_eq!(found[0]["payments"][0]["amount"], "100.00");
    let (by_name, pages) = walk(
        &prov,
        "/api/v1/provider/projects?q=VERHOEVEN&limit=100",
        "projects",
    );
    assert_eq!((by_name.len(), pages), (1005, 11));
    let nobody = prov.get("/api/v1/provider/projects?q=niemand-heet-zo");
    assert_eq!(nobody.body, json!({ "projects": [], "next_cursor": null }));
    let last_year = chrono::Datelike::year(&today) - 1;
    let none = prov.get(&format!("/api/v1/provider/projects?year={last_year}"));
    assert_eq!(none.body["projects"], json!([]));

    // The payments and ratings, the enterprise's overview: the same, a page at a time; the
    // provider's total counts every payment, not one page.
    let (payments, _) = walk(&prov, "/api/v1/provider/payments?limit=100", "payments");
    assert_eq!(payments.len(), 1005);
    let total = prov.get("/api/v1/provider/payments?limit=1");
    assert_eq!(total.body["total"], "100500.00");
    assert_eq!(total.body["payments"].as_array().unwrap().len(), 1);
    let (ratings, _) = walk(&prov, "/api/v1/provider/ratings?limit=100", "ratings");
    assert_eq!(ratings.len(), 1005);
    // The spreadsheet files hold every one of them, a page of 1,000 after another.
    let file = prov.get("/api/v1/provider/projects.csv?q=verhoeven");
    assert_eq!(file.status, 200, "{}", file.text);
    assert_eq!(file.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(file.text.lines().count(), 1 + 1005);
    assert!(file.text.contains(&format!(
        "{dossier};Volume van een jaar;Tuinaanleg Verhoeven bv;{ENTERPRISE};training;"
    )));
    let rows: HashSet<&str> = file
        .text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(';').next())
        .collect();
    assert_eq!(rows.len(), 1005, "every application once");
    let file = prov.get("/api/v1/provider/payments.csv");
    assert_eq!(file.text.lines().count(), 1 + 1005);
    assert!(
        file.text.lines().nth(1).unwrap().contains(";100,00;"),
        "{}",
        file.text.lines().nth(1).unwrap()
    );
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let (overview, _) = walk(
        &ent,
        "/api/v1/enterprise/projects?name=volume%20van&limit=100",
        "projects",
    );
    assert_eq!(overview.len(), 1005);
    let page = ent.get("/api/v1/enterprise/projects");
    assert_eq!(page.body["projects"].as_array().unwrap().len(), 25);
    assert!(page.body["next_cursor"].is_string());
}

#[test]
fn a_wrong_page_or_filter_is_400_naming_it_and_changes_nothing() {
    let prov = Session::sign_in("provider", "DV.O123456");
    let op = Session::sign_in("operator", "operator");
    let ent = Session::sign_in("enterprise", "0403227515");
    let long = "x".repeat(101);
    for (s, path, field, code) in [
        (
            &prov,
            "/api/v1/provider/projects?limit=0".to_string(),
            "limit",
            "invalid_limit",
        ),
        (
            &prov,
            "/api/v1/provider/projects?limit=101".into(),
            "limit",
            "invalid_limit",
        ),
        (
            &prov,
            "/api/v1/provider/payments?limit=ten".into(),
            "limit",
            "invalid_limit",
        ),
        (
            &prov,
            "/api/v1/provider/ratings?cursor=42".into(),
            "cursor",
            "invalid_cursor",
        ),
        (
            &prov,
            "/api/v1/provider/projects?status=open".into(),
            "status",
            "unknown_value",
        ),
        (
            &prov,
            "/api/v1/provider/projects?year=26".into(),
            "year",
            "unknown_value",
        ),
        (
            &prov,
            format!("/api/v1/provider/projects?q={long}"),
            "q",
            "too_long",
        ),
        (
            &ent,
            "/api/v1/enterprise/projects?cursor=c1.0".into(),
            "cursor",
            "invalid_cursor",
        ),
        (
            &ent,
            format!("/api/v1/enterprise/projects?name={long}"),
            "name",
            "too_long",
        ),
        (
            &op,
            "/api/v1/operator/audit?limit=-1".into(),
            "limit",
            "invalid_limit",
        ),
        (
            &op,
            "/api/v1/operator/bank-entries?cursor=c2.1".into(),
            "cursor",
            "invalid_cursor",
        ),
    ] {
        let a = s.get(&path);
        assert_eq!(a.status, 400, "{path}: {}", a.body);
        assert_eq!(
            a.field_errors(),
            [(field.to_string(), code.to_string())],
            "{path}"
        );
    }
    // A page size and cursor as sent back: the page after it.
    let one = op.get("/api/v1/operator/audit?limit=1");
    assert_eq!(one.body["entries"].as_array().unwrap().len(), 1);
    let next = one.body["next_cursor"]
        .as_str()
        .expect("more than one audit line");
    let after = op.get(&format!("/api/v1/operator/audit?limit=1&cursor={next}"));
    assert!(
        after.body["entries"][0]["id"].as_i64().unwrap()
            < one.body["entries"][0]["id"].as_i64().unwrap()
    );
}
