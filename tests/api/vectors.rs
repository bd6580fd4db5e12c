//! The published test vectors (`shared/tests/vectors/*.json`) through the Worker: each case's
//! input sent to its endpoint of real `wrangler dev`, its answer checked as the native and the
//! browser runners check `shared`'s (`shared/tests/vectors.rs`), by the same `check.rs`.

#[path = "../../shared/tests/vectors/check.rs"]
mod check;

use kmo_blackbox::post_json;

#[test]
fn every_published_vector_holds_through_the_api() {
    let files = crate::vector_files!("/../shared/tests/vectors/");
    let count = check::run_all(&files, |endpoint, input| {
        let a = post_json(endpoint, input);
        (a.status, a.body)
    });
    assert!(count >= 40, "{count} cases");
}
