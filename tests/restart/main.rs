//! No acknowledged write is lost when the server stops: 200 writes at once (applications and
//! payments), `wrangler dev` killed (SIGKILL, the whole process group) while they run, started
//! again on the same local state; every write that was answered 2xx is there, and nothing is
//! half done (each enterprise's budget holds exactly what its projects hold, each project's paid
//! amount is exactly the sum of its payments).
//!
//! Run by scripts/test.sh (stage restart) against a server of its own: `KMO_BASE_URL` is that
//! server and `KMO_RESTART_COMMAND` the shell command that starts it (in the foreground).

use std::collections::BTreeMap;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use chrono::Duration as Days;
use kmo_blackbox::{base_url, server_today, Answer, Session};
use serde_json::{json, Value};

/// Seeded enterprises with a wallet (db/seed.sql); this server is this test's alone.
const ENTERPRISES: [&str; 5] = [
    "0403227515",
    "0417497106",
    "0412345614",
    "0423456765",
    "0434567819",
];
const PROVIDER: &str = "DV.O123456";
const APPLICATIONS: usize = 150;
const PAYMENTS: usize = 50;
/// Projects paid from at once (funded before the writes start).
const FUNDED: usize = 10;

/// The server, started in a process group of its own, killed with it when dropped.
struct Server(Child);

impl Server {
    fn start() -> Server {
        let command = std::env::var("KMO_RESTART_COMMAND")
            .expect("KMO_RESTART_COMMAND: the command that starts the server (scripts/test.sh)");
        // From the workspace root (wrangler.toml), its output kept for whoever debugs a failure.
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let logs = format!("{root}/target/test-logs");
        std::fs::create_dir_all(&logs).expect("the log folder");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(format!("{logs}/restart-server.log"))
            .expect("the server log");
        let child = Command::new("setsid")
            .args(["bash", "-c", &command])
            .current_dir(root)
            .stdout(log.try_clone().expect("the server log"))
            .stderr(log)
            .spawn()
            .expect("the server starts");
        let server = Server(child);
        let deadline = Instant::now() + Duration::from_secs(120);
        let address = base_url().trim_start_matches("http://").to_string();
        let health = format!("{}/api/v1/health", base_url());
        while Instant::now() < deadline {
            let open = address.parse::<std::net::SocketAddr>().is_ok_and(|a| {
                std::net::TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_ok()
            });
            if open
                && reply(|| kmo_blackbox::fetch("GET", &health, &[], None))
                    .is_some_and(|a| a.status == 200)
            {
                return server;
            }
            thread::sleep(Duration::from_millis(300));
        }
        panic!("the server did not answer within two minutes");
    }

    /// SIGKILL to the whole process group (wrangler and its workerd): no orderly shutdown.
    fn kill(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-9", "--", &group]).status();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The answer of `request`, or none when the connection failed (the server was killed): the
/// helpers panic on a connection error, which here is expected.
fn reply(request: impl FnOnce() -> Answer) -> Option<Answer> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(request)).ok()
}

fn key(prefix: &str, n: usize) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{prefix}-{nanos}-{n}")
}

fn application(today: chrono::NaiveDate, n: usize) -> Value {
    let day = |d: chrono::NaiveDate| d.to_string();
    json!({
        "nace": "62.010", "service": "training", "name": format!("Herstart {n}"),
        "training_kind": "classroom", "theme": "digitalisering", "subtheme": "software",
        "hours": "8", "participants": ["Jan Peeters"],
        "enrolled_on": day(today - Days::days(2)), "starts_on": day(today + Days::days(3)),
        "contributes_to_business": true, "cost": "200.00", "provider": PROVIDER,
        "declaration_accepted": true, "no_related_party": true,
        "participants_are_workers": true, "attendance_at_least_80": true
    })
}

fn apply(s: &Session, today: chrono::NaiveDate, n: usize) -> Answer {
    s.send(
        "POST",
        "/api/v1/applications",
        Some(&application(today, n)),
        &[("idempotency-key", &key("restart-apply", n))],
    )
}

/// A project of `enterprise` with its own contribution on the wallet account.
fn funded(op: &Session, s: &Session, today: chrono::NaiveDate, n: usize) -> String {
    let a = apply(s, today, 1000 + n);
    assert_eq!(a.status, 201, "{}", a.body);
    let credited = op.post_json(
        "/api/v1/operator/bank-entries",
        &json!({ "entries": [{
            "entry_ref": key("restart-bank", n), "booked_on": today.to_string(),
            "amount": a.body["deposit"]["amount"], "currency": "EUR", "credit": true,
            "communication": a.body["deposit"]["communication"],
            "counterparty_name": "Herstart bv", "counterparty_iban": "BE68539007547034"
        }] }),
    );
    assert_eq!(
        credited.body["results"][0]["outcome"], "credited",
        "{}",
        credited.body
    );
    a.body["dossier_number"].as_str().unwrap().to_string()
}

/// Every project of the enterprise, page by page.
fn projects(s: &Session) -> Vec<Value> {
    let mut all = Vec::new();
    let mut path = "/api/v1/enterprise/projects?limit=100".to_string();
    loop {
        let page = s.get(&path);
        assert_eq!(page.status, 200, "{}", page.body);
        all.extend(page.body["projects"].as_array().unwrap().iter().cloned());
        match page.body["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/enterprise/projects?limit=100&cursor={c}"),
            None => return all,
        }
    }
}

/// What this year's projects of the enterprise hold of its budget, in cents.
fn reserved(s: &Session) -> i64 {
    let profile = s.get("/api/v1/enterprise");
    assert_eq!(profile.status, 200, "{}", profile.body);
    cents(&profile.body["budget"]["reserved"])
}

fn cents(v: &Value) -> i64 {
    let text = v.as_str().unwrap_or_else(|| panic!("an amount: {v}"));
    shared::money::Money::parse(text)
        .unwrap_or_else(|e| panic!("{text}: {}", e.code()))
        .cents()
}

#[test]
fn no_write_answered_2xx_is_lost_when_the_server_is_killed_mid_flight() {
    let mut server = Server::start();
    let today = server_today();
    let op = Session::sign_in("operator", "operator");
    let sessions: Vec<Session> = ENTERPRISES
        .iter()
        .map(|e| Session::sign_in("enterprise", e))
        .collect();
    // What the seeds reserved of this year's budgets before any project of this test.
    let reserved_before: Vec<i64> = sessions.iter().map(reserved).collect();
    let to_pay: Vec<(usize, String)> = (0..FUNDED)
        .map(|n| {
            let owner = n % ENTERPRISES.len();
            (owner, funded(&op, &sessions[owner], today, n))
        })
        .collect();

    // 200 writes at once; the server is killed once a third of them were answered.
    let answered = Arc::new(AtomicUsize::new(0));
    let applied = Arc::new(Mutex::new(Vec::<(usize, Value)>::new()));
    let paid = Arc::new(Mutex::new(Vec::<(usize, String, Value)>::new()));
    let sessions = Arc::new(sessions);
    let mut writers = Vec::new();
    for n in 0..APPLICATIONS + PAYMENTS {
        let (answered, applied, paid) = (answered.clone(), applied.clone(), paid.clone());
        let sessions = sessions.clone();
        let to_pay = to_pay.clone();
        writers.push(thread::spawn(move || {
            // One write in four is a payment: both kinds are on their way when the kill comes.
            if n % 4 != 3 {
                let owner = n % ENTERPRISES.len();
                if let Some(a) = reply(|| apply(&sessions[owner], today, n)) {
                    // Answered: 201 with the whole body (a body cut off by the kill is no answer).
                    if a.status == 201 && a.body["dossier_number"].is_string() {
                        applied.lock().unwrap().push((owner, a.body));
                    }
                }
            } else {
                let (owner, dossier) = &to_pay[(n / 4) % FUNDED];
                let body = json!({ "amount": "1.00", "reference": format!("H-{n}"), "communication": "Herstart" });
                let path = format!("/api/v1/projects/{dossier}/payments");
                let pay_key = key("restart-pay", n);
                let a = reply(|| {
                    sessions[*owner].send("POST", &path, Some(&body), &[("idempotency-key", &pay_key)])
                });
                if let Some(a) = a.filter(|a| a.status == 201 && a.body["payment"]["id"].is_i64()) {
                    paid.lock().unwrap().push((*owner, dossier.clone(), a.body));
                }
            }
            answered.fetch_add(1, Ordering::SeqCst);
        }));
    }
    // The helpers panic on a refused connection, which is expected once the server is killed.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(120);
    while answered.load(Ordering::SeqCst) < (APPLICATIONS + PAYMENTS) / 3
        && Instant::now() < deadline
    {
        thread::sleep(Duration::from_millis(5));
    }
    server.kill();
    let at_kill = answered.load(Ordering::SeqCst);
    for w in writers {
        w.join().unwrap();
    }
    std::panic::set_hook(hook);
    let applied = applied.lock().unwrap().clone();
    let paid = paid.lock().unwrap().clone();
    assert!(
        at_kill < APPLICATIONS + PAYMENTS,
        "the server was killed while writes were still on their way ({at_kill} answered)"
    );
    assert!(
        !paid.is_empty(),
        "payments too were answered before the kill"
    );
    assert!(
        !applied.is_empty() && applied.len() < APPLICATIONS,
        "{} applied",
        applied.len()
    );

    // Started again on the same state: every acknowledged write is there, as answered.
    drop(server);
    let _server = Server::start();
    let sessions = Arc::try_unwrap(sessions).unwrap_or_else(|_| panic!("writers done"));
    for (owner, a) in &applied {
        let dossier = a["dossier_number"].as_str().unwrap();
        let detail = sessions[*owner].get(&format!("/api/v1/projects/{dossier}"));
        assert_eq!(
            detail.status, 200,
            "{dossier} was answered 201: {}",
            detail.body
        );
        assert_eq!(
            detail.body["project_amount"], a["project_amount"],
            "{dossier}"
        );
        assert_eq!(detail.body["subsidy"], a["subsidy"], "{dossier}");
    }
    for (owner, dossier, p) in &paid {
        let detail = sessions[*owner].get(&format!("/api/v1/projects/{dossier}"));
        let id = &p["payment"]["id"];
        assert!(
            detail.body["payments"]
                .as_array()
                .unwrap()
                .iter()
                .any(|q| &q["id"] == id),
            "payment {id} on {dossier} was answered 201: {}",
            detail.body
        );
    }

    // Nothing half done: each project's paid amount is the sum of its payments, and each
    // enterprise's budget holds exactly what its projects hold.
    let mut paid_by_dossier = BTreeMap::<String, i64>::new();
    for (owner, s) in sessions.iter().enumerate() {
        let mine = projects(s);
        let mut held = 0;
        for p in &mine {
            let dossier = p["dossier_number"].as_str().unwrap().to_string();
            let detail = s.get(&format!("/api/v1/projects/{dossier}"));
            let sum: i64 = detail.body["payments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| cents(&q["amount"]))
                .sum();
            assert_eq!(
                cents(&p["paid"]),
                sum,
                "{dossier}: paid against its payments"
            );
            paid_by_dossier.insert(dossier, sum);
            if matches!(p["status"].as_str(), Some("awaiting_deposit" | "running")) {
                held += cents(&p["subsidy"]);
            }
        }
        assert_eq!(
            reserved(s) - reserved_before[owner],
            held,
            "{}: the budget holds what its projects hold",
            ENTERPRISES[owner]
        );
    }
    assert!(paid_by_dossier.len() >= FUNDED);
    println!(
        "restart: {} of {} writes answered when killed; {} applications and {} payments answered 201, all there after the restart",
        at_kill,
        APPLICATIONS + PAYMENTS,
        applied.len(),
        paid.len()
    );
}
