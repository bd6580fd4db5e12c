//! Registering an enterprise and applying, and the KBO data of the running development server
//! (shared by the registration tests and the KBO update test, which runs alone).

use std::process::Command;

use chrono::Duration;
use serde_json::{json, Value};

use crate::{server_today, Answer, Session};

/// The provider the registration tests' applications name.
pub const PROVIDER: &str = "DV.O123456";

/// A registration on honour with the test address.
pub fn registration(size: &str, participation: &str) -> Value {
    json!({
        "email": "boekhouding@example.be", "refund_iban": "BE68 5390 0754 7034",
        "public_participation": participation, "size": size, "confirmed": true
    })
}

pub fn register(s: &Session) -> Answer {
    s.post_json("/api/v1/registration", &registration("small", "0"))
}

pub fn application(s: &Session) -> Answer {
    let today = server_today();
    let body = json!({
        "nace": "62.010", "service": "training", "name": "Veilig online werken",
        "training_kind": "classroom", "theme": "digitalisering", "subtheme": "software",
        "hours": "8", "participants": ["Jan Peeters"],
        "enrolled_on": (today - Duration::days(2)).to_string(),
        "starts_on": (today + Duration::days(3)).to_string(),
        "contributes_to_business": true, "cost": "500.00", "provider": PROVIDER,
        "declaration_accepted": true, "no_related_party": true,
        "participants_are_workers": true, "attendance_at_least_80": true
    });
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let key = format!("registration-{nanos}");
    s.send(
        "POST",
        "/api/v1/applications",
        Some(&body),
        &[("idempotency-key", &key)],
    )
}

pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn dev_state() -> String {
    std::env::var("KMO_DEV_STATE").expect(
        "KMO_DEV_STATE must name the development server's D1 state (scripts/test.sh sets it)",
    )
}

/// Runs scripts/kbo-import.sh on `extract` against the running development server's D1; answers
/// its output.
pub fn import(extract: &str) -> String {
    let out = Command::new("bash")
        .arg("scripts/kbo-import.sh")
        .arg(extract)
        .arg("--local")
        .arg(dev_state())
        .current_dir(root())
        .output()
        .expect("bash runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "import of {extract} failed:\n{text}");
    text
}

/// The rows of every KBO table, counted in the development server's D1.
pub fn kbo_counts() -> Value {
    let out = Command::new("wrangler")
        .args([
            "d1",
            "execute",
            "DB",
            "--local",
            "--persist-to",
            &dev_state(),
            "--json",
            "--command",
        ])
        .arg(
            "SELECT (SELECT count(*) FROM kbo_enterprises) AS enterprises, \
             (SELECT count(*) FROM kbo_establishments) AS establishments, \
             (SELECT count(*) FROM kbo_denominations) AS denominations, \
             (SELECT count(*) FROM kbo_addresses) AS addresses, \
             (SELECT count(*) FROM kbo_activities) AS activities, \
             (SELECT count(*) FROM kbo_codes) AS codes, \
             (SELECT group_concat(number) FROM kbo_extracts) AS extracts",
        )
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("wrangler runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: Value = serde_json::from_slice(&out.stdout).expect("wrangler answers JSON");
    all[0]["results"][0].clone()
}
