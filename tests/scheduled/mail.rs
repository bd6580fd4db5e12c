//! Mails that leave (send_email through the mail queue), the reminders of the daily job and the
//! project calendar. wrangler keeps every message the `send_email` binding accepts as an .eml
//! file under `.wrangler/tmp/email/` of the directory it runs in (KMO_MAIL_DIR overrides it);
//! the tests read them with a MIME parser, as a mail client would.

use std::path::{Path, PathBuf};
use std::time::{Duration as Wait, Instant, SystemTime};

use chrono::{Duration, NaiveDate};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use kmo_blackbox::{get, server_today, Session};
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::{json, Value};
use shared::format::euro;
use shared::money::Money;

use super::{apply, apply_naming, run_cron, set_clock, CLOCK, ENTERPRISE};

/// The address of ENTERPRISE (db/seed.sql), confirmed.
const ENTERPRISE_EMAIL: &str = "info@wouters-co.example";
/// The address of DV.0100275, the provider `apply` names.
const PROVIDER_EMAIL: &str = "aalst@example.be";
const SENDER: &str = "noreply@kmo-portefeuille.example";

fn mail_dir() -> PathBuf {
    std::env::var_os("KMO_MAIL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.wrangler/tmp/email"))
}

/// One sent message: its file's bytes.
struct Sent {
    raw: Vec<u8>,
}

impl Sent {
    fn parsed(&self) -> mail_parser::Message<'_> {
        MessageParser::default()
            .parse(&self.raw)
            .expect("a MIME message")
    }

    fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_string()
    }

    fn to(&self) -> String {
        let m = self.parsed();
        m.to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .unwrap_or_default()
            .to_string()
    }

    fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }
}

/// Every message written since `since` whose subject names `dossier`.
fn sent_about(dossier: &str, since: SystemTime) -> Vec<Sent> {
    let mut found = Vec::new();
    let Ok(servers) = std::fs::read_dir(mail_dir()) else {
        return found;
    };
    for server in servers.flatten() {
        let Ok(files) = std::fs::read_dir(server.path().join("email")) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            // Written since `since`, and not in the last 300 ms (a file may still be written).
            let fresh = file.metadata().and_then(|m| m.modified()).is_ok_and(|t| {
                t >= since && t.elapsed().is_ok_and(|age| age >= Wait::from_millis(300))
            });
            if !fresh || path.extension().is_none_or(|e| e != "eml") {
                continue;
            }
            // A file still being written does not parse yet: it is read on the next look.
            if let Ok(raw) = std::fs::read(&path) {
                let complete = MessageParser::default()
                    .parse(&raw)
                    .is_some_and(|m| m.subject().is_some_and(|s| s.contains(dossier)));
                if complete {
                    found.push(Sent { raw });
                }
            }
        }
    }
    found
}

/// Waits (at most 30 s) until `n` messages about `dossier` were sent, then a little longer to
/// see that no more come.
fn wait_for(dossier: &str, since: SystemTime, n: usize) -> Vec<Sent> {
    let start = Instant::now();
    loop {
        let sent = sent_about(dossier, since);
        if sent.len() >= n || start.elapsed() > Wait::from_secs(30) {
            std::thread::sleep(Wait::from_millis(1500));
            return sent_about(dossier, since);
        }
        std::thread::sleep(Wait::from_millis(200));
    }
}

fn subjects(sent: &[Sent]) -> Vec<String> {
    let mut s: Vec<String> = sent.iter().map(Sent::subject).collect();
    s.sort();
    s
}

fn one<'a>(sent: &'a [Sent], subject_part: &str) -> &'a Sent {
    let matching: Vec<&Sent> = sent
        .iter()
        .filter(|s| s.subject().contains(subject_part))
        .collect();
    assert_eq!(
        matching.len(),
        1,
        "exactly one mail '{subject_part}' in {:?}",
        subjects(sent)
    );
    matching[0]
}

fn money(s: &str) -> Money {
    Money::parse(s).expect("an amount")
}

/// The outbox rows of a project (development outbox page, JSON).
fn outbox_of(dossier: &str) -> Vec<Value> {
    let a = get("/api/v1/dev/outbox");
    assert_eq!(a.status, 200);
    a.body["mails"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["subject"].as_str().unwrap_or("").contains(dossier))
        .cloned()
        .collect()
}

fn credit(op: &Session, run: &str, on: NaiveDate, application: &Value) {
    let a = op.post_json(
        "/api/v1/operator/bank-entries",
        &json!({ "entries": [{
        "entry_ref": format!("mail-{run}"), "booked_on": on.to_string(),
        "amount": application["own_contribution"], "currency": "EUR", "credit": true,
        "communication": application["deposit"]["communication"]
    }] }),
    );
    assert_eq!(a.body["results"][0]["outcome"], "credited", "{}", a.body);
}

fn run_id() -> String {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_project_life_sends_each_mail_once_as_mime_with_its_reminders() {
    let _lock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    let op = Session::sign_in("operator", "mails");
    set_clock(&op, None);
    let today = server_today();
    let since = SystemTime::now() - Wait::from_secs(2);
    let run = run_id();
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let applied = apply(&ent, today, &format!("mail-{run}"));
    let app = &applied.body;
    let dossier = app["dossier_number"].as_str().unwrap().to_string();
    let deposit_by =
        NaiveDate::parse_from_str(app["deadlines"]["deposit_by"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    let closes_on =
        NaiveDate::parse_from_str(app["deadlines"]["closes_on"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    let own = money(app["own_contribution"].as_str().unwrap());

    // The application's mails: its registration with the deposit details, the provider's notice.
    let sent = wait_for(&dossier, since, 2);
    assert_eq!(sent.len(), 2, "{:?}", subjects(&sent));

    // Each deposit reminder once, however often the daily job runs; none between the two.
    // (Each is waited for: a reminder still queued when the deposit arrives is not sent.)
    for (day, mails) in [(7, 3), (3, 3), (2, 4)] {
        set_clock(&op, Some(deposit_by - Duration::days(day)));
        run_cron();
        run_cron();
        let sent = wait_for(&dossier, since, mails);
        assert_eq!(
            sent.len(),
            mails,
            "{day} days before: {:?}",
            subjects(&sent)
        );
    }
    let reminders: Vec<String> = outbox_of(&dossier)
        .iter()
        .filter_map(|m| m["reminder"].as_str().map(str::to_string))
        .collect();
    assert_eq!(reminders.len(), 2, "{reminders:?}");
    assert!(reminders.contains(&"deposit_7d".into()) && reminders.contains(&"deposit_2d".into()));

    // Deposited two days before the deadline, then 100 paid: the closing reminders tell what
    // goes back (30 % subsidy: 70 own + 30 subsidy paid; 350 own refunded, 150 subsidy lost).
    credit(&op, &run, deposit_by - Duration::days(2), app);
    let paid = ent.send(
        "POST",
        &format!("/api/v1/projects/{dossier}/payments"),
        Some(&json!({ "amount": "100.00", "reference": "F1", "communication": "Factuur F1" })),
        &[("idempotency-key", &format!("mail-pay-{run}"))],
    );
    assert_eq!(paid.status, 201, "{}", paid.body);
    for day in [
        closes_on - Duration::days(60),
        closes_on - Duration::days(30),
        closes_on - Duration::days(14),
    ] {
        set_clock(&op, Some(day));
        run_cron();
        run_cron();
    }
    set_clock(&op, None);

    // 2 + 2 deposit reminders + deposit received + payment (enterprise, provider) + 2 closing.
    let sent = wait_for(&dossier, since, 9);
    assert_eq!(sent.len(), 9, "{:#?}", subjects(&sent));
    for s in &sent {
        let m = s.parsed();
        let from = m.from().and_then(|a| a.first()).and_then(|a| a.address());
        assert_eq!(from, Some(SENDER));
        assert!(m.date().is_some(), "a Date header");
        assert!(m.message_id().is_some_and(|id| !id.is_empty()));
        assert_eq!(m.text_body_count(), 1, "{}", s.subject());
        assert_eq!(m.html_body_count(), 1, "{}", s.subject());
        let html = m.body_html(0).unwrap();
        assert!(html.contains("lang=\"nl\""), "{html}");
        assert!(s.to() == ENTERPRISE_EMAIL || s.to() == PROVIDER_EMAIL);
    }
    let registered = one(&sent, "werd geregistreerd");
    assert_eq!(registered.to(), ENTERPRISE_EMAIL);
    let text = registered.text();
    assert!(text.starts_with("Beste ondernemer"), "{text}");
    assert!(text.contains(&euro(own)), "{text}");
    assert!(text.contains(app["deposit"]["communication"].as_str().unwrap()));
    let notice = one(&sent, "vermeldt u als dienstverlener");
    assert_eq!(notice.to(), PROVIDER_EMAIL);
    assert!(notice.text().contains("Beste dienstverlener"));

    let deposit_reminders: Vec<&Sent> = sent
        .iter()
        .filter(|s| {
            s.subject()
                .starts_with("Herinnering: stort uw eigen bijdrage")
        })
        .collect();
    assert_eq!(deposit_reminders.len(), 2);
    for r in &deposit_reminders {
        let text = r.text();
        assert!(text.contains(&euro(own)), "{text}");
        assert!(
            text.contains(app["deposit"]["iban"].as_str().unwrap()),
            "{text}"
        );
        assert!(text.contains(app["deposit"]["communication"].as_str().unwrap()));
        // The EPC QR code: an image the HTML shows inline, and the same as an attachment.
        let m = r.parsed();
        let images: Vec<_> = m
            .parts
            .iter()
            .filter(|p| {
                p.content_type()
                    .is_some_and(|c| c.ctype() == "image" && c.subtype() == Some("png"))
            })
            .collect();
        assert!(!images.is_empty(), "an EPC QR image");
        let cid = images.iter().find_map(|p| p.content_id()).expect("inline");
        assert!(m.body_html(0).unwrap().contains(&format!("cid:{cid}")));
        assert!(images
            .iter()
            .all(|p| p.contents().starts_with(b"\x89PNG\r\n\x1a\n")));
    }
    let received = one(&sent, "Storting ontvangen");
    assert!(received.text().contains("goed ontvangen"));
    one(&sent, "Betaling aan uw dienstverlener");
    one(&sent, "Betaling via de kmo-portefeuille");
    let closing: Vec<&Sent> = sent
        .iter()
        .filter(|s| s.subject().starts_with("Herinnering: project"))
        .collect();
    assert_eq!(closing.len(), 2, "{:?}", subjects(&sent));
    for c in closing {
        let text = c.text();
        assert!(text.contains(&euro(money("500.00"))), "{text}");
        assert!(text.contains(&euro(money("350.00"))), "{text}");
        assert!(text.contains(&euro(money("150.00"))), "{text}");
        assert!(text.contains(&shared::format::date(closes_on)), "{text}");
    }
    assert!(outbox_of(&dossier)
        .iter()
        .all(|m| m["status"] == "sent" && m["attempts"] == 1));

    // A message delivered twice sends nothing more.
    let first = outbox_of(&dossier)[0]["id"].as_i64().unwrap();
    let a = op.post_json(&format!("/api/v1/dev/outbox/{first}/queue"), &json!({}));
    assert_eq!(a.status, 202, "{}", a.body);
    // And the sweep of mails left unqueued (every 10 minutes) finds none of them.
    let a = get("/__scheduled?cron=*/10+*+*+*+*");
    assert_eq!(a.status, 200);
    std::thread::sleep(Wait::from_secs(3));
    assert_eq!(sent_about(&dossier, since).len(), 9);
    assert_eq!(outbox_of(&dossier)[0]["attempts"], 1);
}

/// A provider whose address the mail service refuses (not in the development configuration's
/// allowed recipients): its notice is tried MAIL_MAX_ATTEMPTS (3) times, then parked, and the
/// operator sees it.
#[test]
fn a_mail_the_mail_service_refuses_is_retried_then_parked_for_the_operator() {
    let _lock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    let op = Session::sign_in("operator", "mails");
    set_clock(&op, None);
    let today = server_today();
    let since = SystemTime::now() - Wait::from_secs(2);
    let provider = "DV.O990514";
    let refused = "geweigerd@example.be";
    // The test provider, with its address; suspended again at the end (out of the directory).
    let save = |email: &str, suspended: bool| {
        let saved = op.put_json(
            &format!("/api/v1/operator/providers/{provider}"),
            &json!({
                "name": "Opleidingen zonder toegelaten adres (test)",
                "address": "Testlaan 2, 1000 Brussel", "email": email, "services": ["training"],
                "themes": [{ "theme": "financiele-geletterdheid" }], "suspended": suspended
            }),
        );
        assert_eq!(saved.status, 200, "{}", saved.body);
    };
    save(refused, false);
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let applied = apply_naming(&ent, today, &format!("refused-{}", run_id()), provider);
    let dossier = applied.body["dossier_number"].as_str().unwrap().to_string();

    // Tried after 1 s and 2 s more: parked within seconds.
    let start = Instant::now();
    let parked = loop {
        let list = op.get("/api/v1/operator/mails?limit=100");
        assert_eq!(list.status, 200, "{}", list.body);
        let found = list.body["mails"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["subject"].as_str().unwrap_or("").contains(&dossier))
            .cloned();
        if let Some(m) = found {
            break m;
        }
        assert!(
            start.elapsed() < Wait::from_secs(40),
            "not parked: {:?}",
            outbox_of(&dossier)
        );
        std::thread::sleep(Wait::from_millis(300));
    };
    assert_eq!(parked["recipient"], refused);
    assert_eq!(parked["status"], "failed");
    assert_eq!(parked["attempts"], 3);
    assert!(
        parked["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("not allowed")),
        "{parked}"
    );
    // The enterprise's own mail of the same application left normally, once.
    let rows = outbox_of(&dossier);
    let own: Vec<&Value> = rows.iter().filter(|m| m["role"] == "enterprise").collect();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["status"], "sent");

    // The address put right, the operator sends it again: it leaves, to the address on file.
    let fixed = "opleidingen@example.be";
    save(fixed, true);
    let id = parked["id"].as_i64().unwrap();
    let retry = format!("/api/v1/operator/mails/{id}/retry");
    assert_eq!(ent.post_empty(&retry).status, 403);
    let a = op.post_empty(&retry);
    assert_eq!(a.status, 202, "{}", a.body);
    let sent = wait_for(&dossier, since, 2);
    let notice = one(&sent, "vermeldt u als dienstverlener");
    assert_eq!(notice.to(), fixed);
    let row = outbox_of(&dossier)
        .into_iter()
        .find(|m| m["id"] == id)
        .unwrap();
    assert_eq!(row["status"], "sent");
    assert_eq!(row["attempts"], 1);
    // Sent: not parked any more, so not sent again.
    assert_eq!(op.post_empty(&retry).status, 409);
    let audit = op.get(&format!("/api/v1/operator/audit?target=mail%20{id}"));
    assert!(audit.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "mail_retried"));

    // The operator's list is paged with a cursor; a malformed one is refused.
    let bad = op.get("/api/v1/operator/mails?cursor=abc");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.field_errors()[0].0, "cursor");
    assert_eq!(ent.get("/api/v1/operator/mails").status, 403);
}

#[test]
fn the_project_calendar_holds_its_deadlines_with_alarms() {
    let _lock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    let op = Session::sign_in("operator", "mails");
    set_clock(&op, None);
    let today = server_today();
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let applied = apply(&ent, today, &format!("ics-{}", run_id()));
    let dossier = applied.body["dossier_number"].as_str().unwrap().to_string();
    let deadline = |name: &str| {
        NaiveDate::parse_from_str(
            applied.body["deadlines"][name].as_str().unwrap(),
            "%Y-%m-%d",
        )
        .unwrap()
    };
    let path = format!("/api/v1/projects/{dossier}/calendar.ics");
    let a = ent.get(&path);
    assert_eq!(a.status, 200);
    assert_eq!(
        a.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let text = a.text.clone();
    let calendar: Calendar = text.parse().expect("an iCalendar");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    let starts: Vec<_> = events.iter().map(|e| e.get_start()).collect();
    assert_eq!(
        starts,
        vec![
            Some(DatePerhapsTime::Date(deadline("deposit_by"))),
            Some(DatePerhapsTime::Date(deadline("closes_on")))
        ]
    );
    for e in &events {
        assert!(e.get_summary().unwrap().contains(&dossier));
        assert!(e
            .components()
            .iter()
            .any(|c| c.component_kind() == "VALARM"));
    }
    // The same UIDs on every download: a calendar updates the events instead of adding them.
    let uids = |t: &str| -> Vec<String> {
        let c: Calendar = t.parse().unwrap();
        c.components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => e.get_uid().map(str::to_string),
                _ => None,
            })
            .collect()
    };
    assert_eq!(uids(&text), uids(&ent.get(&path).text));
    // Someone else's project, or none: 404 alike.
    let other = Session::sign_in("enterprise", "0456789034");
    assert_eq!(other.get(&path).status, 404);
    assert_eq!(get(&path).status, 401);
}

/// The confirmation token of the latest link mailed to `email` (development outbox).
fn confirmation_token(email: &str) -> String {
    let outbox = get("/api/v1/dev/outbox");
    let mail = outbox.body["mails"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["recipient"] == email
                && m["subject"] == "Bevestig uw e-mailadres voor de kmo-portefeuille"
        })
        .unwrap_or_else(|| panic!("a confirmation mail to {email}"))
        .clone();
    let body = mail["body"].as_str().unwrap_or_default();
    body.split_whitespace()
        .find(|w| w.contains("/e-mailadres-bevestigen#"))
        .and_then(|link| link.rsplit('#').next())
        .unwrap_or_else(|| panic!("a link in {body}"))
        .to_string()
}

fn change_email_and_confirm(ent: &Session, email: &str) {
    let a = ent.patch_json("/api/v1/enterprise", &json!({ "email": email }));
    assert_eq!(a.status, 200, "{}", a.body);
    let token = confirmation_token(email);
    let a = kmo_blackbox::post_json("/api/v1/email-confirmation", &json!({ "token": token }));
    assert_eq!(a.status, 200, "{}", a.body);
}

#[test]
fn mails_to_an_unconfirmed_address_wait_for_its_confirmation() {
    let _lock = CLOCK.lock().unwrap_or_else(|e| e.into_inner());
    let op = Session::sign_in("operator", "mails");
    set_clock(&op, None);
    let today = server_today();
    let since = SystemTime::now() - Wait::from_secs(2);
    let ent = Session::sign_in("enterprise", ENTERPRISE);
    let new = "boekhouding@wouters-co.example";
    let a = ent.patch_json("/api/v1/enterprise", &json!({ "email": new }));
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["email_confirmed"], false);

    // The application's mail to the enterprise is held; the provider's notice leaves.
    let applied = apply(&ent, today, &format!("held-{}", run_id()));
    let dossier = applied.body["dossier_number"].as_str().unwrap().to_string();
    let sent = wait_for(&dossier, since, 1);
    assert_eq!(sent.len(), 1, "{:?}", subjects(&sent));
    assert_eq!(sent[0].to(), PROVIDER_EMAIL);
    let held = outbox_of(&dossier)
        .into_iter()
        .find(|m| m["role"] == "enterprise")
        .unwrap();
    assert_eq!(held["status"], "held");
    // The notice of the change went to the address on file before it, the link to the new one.
    let outbox = get("/api/v1/dev/outbox").body;
    let notice = outbox["mails"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["subject_id"] == ENTERPRISE
                && m["subject"] == "Uw gegevens in de kmo-portefeuille werden gewijzigd"
                && m["body"].as_str().unwrap_or("").contains(new)
        })
        .expect("the notice of the change");
    assert_eq!(notice["recipient"], ENTERPRISE_EMAIL);
    assert!(
        ["pending", "sending", "sent"].contains(&notice["status"].as_str().unwrap()),
        "{notice}"
    );

    // Confirmed: the held mail leaves, to the confirmed address.
    let token = confirmation_token(new);
    let a = kmo_blackbox::post_json("/api/v1/email-confirmation", &json!({ "token": token }));
    assert_eq!(a.status, 200, "{}", a.body);
    let sent = wait_for(&dossier, since, 2);
    assert_eq!(sent.len(), 2, "{:?}", subjects(&sent));
    let registered = one(&sent, "werd geregistreerd");
    assert_eq!(registered.to(), new);
    let released = outbox_of(&dossier)
        .into_iter()
        .find(|m| m["role"] == "enterprise")
        .unwrap();
    assert_eq!(released["status"], "sent");
    assert_eq!(released["recipient"], new);

    // Back to the address the other tests expect, confirmed.
    change_email_and_confirm(&ent, ENTERPRISE_EMAIL);
}
