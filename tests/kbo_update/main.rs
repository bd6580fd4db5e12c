//! The KBO update extract (tests/kbo/update) applied while the product runs, through
//! scripts/kbo-import.sh against the development server's local D1. Its own test binary, run
//! after the others (scripts/test.sh): another process writing that database while other tests
//! use it makes local D1 answer "database is locked".

use kmo_blackbox::registration::{application, import, kbo_counts, register};
use kmo_blackbox::Session;
use serde_json::{json, Value};

/// Changed by the update extract: stopped (deleted), new main activity (sea fishing), new.
const STOPPED: &str = "0889012324";
const NEW_ACTIVITY: &str = "0890123468";
const NEW: &str = "0801234549";

#[test]
fn imports_are_idempotent_and_an_update_changes_what_the_next_application_sees() {
    // The full sample again (scripts/db.sh loaded it once): nothing doubles.
    let before = kbo_counts();
    import("db/kbo/full");
    let again = kbo_counts();
    assert_eq!(before, again);
    assert_eq!(again["enterprises"], 20, "{again}");
    assert_eq!(again["establishments"], 22);
    // Skipped: the NACE 2003 and 7-digit codes, the branch's name.
    assert_eq!(again["activities"], 25);

    let stopped = Session::sign_in("enterprise", STOPPED);
    let changed = Session::sign_in("enterprise", NEW_ACTIVITY);
    for s in [&stopped, &changed] {
        assert_eq!(register(s).status, 201);
        assert_eq!(application(s).status, 201);
    }
    assert_eq!(
        kmo_blackbox::post_json(
            "/api/v1/dev/sign-in",
            &json!({ "role": "enterprise", "subject": NEW })
        )
        .status,
        400,
        "not in the KBO data yet"
    );

    // The update extract, twice: the same result.
    import("tests/kbo/update");
    let updated = kbo_counts();
    import("tests/kbo/update");
    assert_eq!(kbo_counts(), updated);
    assert_eq!(
        updated["enterprises"], 20,
        "one stopped, one new: {updated}"
    );
    assert_eq!(updated["extracts"], "170,171");

    // The next application is checked against the current facts.
    let a = application(&stopped);
    assert_eq!(
        (a.status, a.codes("reasons")),
        (422, vec!["kbo_not_active".to_string()])
    );
    let profile = stopped.get("/api/v1/enterprise").body;
    assert_eq!(profile["kbo"], Value::Null);
    assert_eq!(profile["reasons"][0]["code"], "kbo_not_active");

    let a = application(&changed);
    assert_eq!(
        (a.status, a.codes("reasons")),
        (422, vec!["main_activity_not_acceptable".to_string()])
    );
    let profile = changed.get("/api/v1/enterprise").body;
    assert_eq!(
        profile["kbo"]["updated_on"], "2026-11-29",
        "the date the data were updated"
    );
    assert_eq!(profile["kbo"]["name"], "Nova Print bv");
    assert_eq!(profile["kbo"]["main_activity"]["code"], "03110");

    // A new enterprise can now register.
    let new = Session::sign_in("enterprise", NEW);
    let view = new.get("/api/v1/registration");
    assert_eq!(
        view.body["kbo"]["registered_office"],
        "Mechelsesteenweg 50 bus 3, 2018 Antwerpen"
    );
    assert_eq!(register(&new).status, 201);

    // An older extract after a newer one changes nothing.
    let out = import("db/kbo/full");
    assert!(out.contains("older"), "{out}");
    assert_eq!(kbo_counts()["extracts"], "170,171");
}
