//! The published test vectors (`tests/vectors/*.json`, worked by hand from the sources each
//! case names), answered by this crate as the API answers them. The same file runs natively
//! (`cargo test`) and in headless Chromium through wasm (`wasm-bindgen-test`, the test
//! command's `vectors-wasm` stage); `tests/api/vectors.rs` sends the same files to the Worker.

#[path = "vectors/check.rs"]
mod check;

use serde_json::Value;
use shared::api::Errors;
use shared::simulate::{simulate, SimulationRequest};
use shared::size_wizard::{answer, SizeQuestion};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// What the API answers `input` at `endpoint`: the status and the body.
fn answer_of(endpoint: &str, input: &Value) -> (u16, Value) {
    // Every simulate vector names its date, so the default day never matters.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date");
    let json = |v: Result<Value, serde_json::Error>| v.expect("an answer serializes");
    let refused = |errors: Vec<shared::error::FieldError>| {
        (400, json(serde_json::to_value(Errors::from(&errors[..]))))
    };
    match endpoint {
        "/api/v1/simulate" => {
            assert!(
                input.get("date").is_some(),
                "a simulate vector names its date"
            );
            match SimulationRequest::from_json(input, today) {
                Ok(r) => (200, json(serde_json::to_value(simulate(&r)))),
                Err(errors) => refused(errors),
            }
        }
        "/api/v1/size-assessment" => match SizeQuestion::from_json(input) {
            Ok(q) => (200, json(serde_json::to_value(answer(&q)))),
            Err(errors) => refused(errors),
        },
        other => panic!("no runner for {other}"),
    }
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_published_vector_holds() {
    let files = crate::vector_files!("/tests/vectors/");
    let count = check::run_all(&files, answer_of);
    assert!(count >= 40, "{count} cases");
}
