//! How a published test vector is checked, the same for every runner: natively and in the
//! browser (`shared/tests/vectors.rs`) and through the Worker API (`tests/api/vectors.rs`).
//!
//! A vector file is `{ "endpoint", "about", "cases": [{ "name", "source", "input", "expected" }] }`.
//! `expected` holds what the answer must say, nothing more:
//! - `status`: the HTTP status (200, or 400 for a malformed request);
//! - `errors`: `[[field, code], ...]`, exactly the 400 answer's errors, in order;
//! - `reason_codes`: exactly the codes of the answer's `reasons`, in order;
//! - `note_codes`: codes that must be among the answer's `notes`;
//! - `explanation_codes`: exactly the codes of the answer's `explanation` ("Hoe berekend?"), in
//!   order;
//! - any other key: the answer's value at that key, compared as a subset (objects by key,
//!   lists item by item and of the same length; numbers written as text compare by value, so
//!   `"54.5"` equals `"54.50"`).

use serde_json::Value;

/// One case of a vector file, named for messages.
pub struct Case<'a> {
    pub file: &'a str,
    pub name: String,
    pub endpoint: String,
    pub input: &'a Value,
    pub expected: &'a Value,
}

/// The cases of a vector file's text.
pub fn cases<'a>(file: &'a str, tree: &'a Value) -> Vec<Case<'a>> {
    let endpoint = tree["endpoint"]
        .as_str()
        .expect("a vector file names its endpoint");
    let cases = tree["cases"].as_array().expect("a vector file has cases");
    assert!(!cases.is_empty(), "{file}: no cases");
    cases
        .iter()
        .map(|c| {
            let name = c["name"]
                .as_str()
                .expect("every case has a name")
                .to_string();
            assert!(
                c["source"].as_str().is_some_and(|s| !s.is_empty()),
                "{file}: {name}: every case names its source"
            );
            Case {
                file,
                name,
                endpoint: endpoint.to_string(),
                input: &c["input"],
                expected: &c["expected"],
            }
        })
        .collect()
}

/// Every difference between the answer (`status`, `body`) and what `case` expects.
pub fn differences(case: &Case, status: u16, body: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(expected) = case.expected.as_object() else {
        return vec!["expected is no object".into()];
    };
    for (key, want) in expected {
        match key.as_str() {
            "status" => {
                if want.as_u64() != Some(u64::from(status)) {
                    out.push(format!("status {status}, expected {want}"));
                }
            }
            "errors" => {
                let got: Vec<Value> = list(&body["errors"])
                    .iter()
                    .map(|e| Value::Array(vec![e["field"].clone(), e["code"].clone()]))
                    .collect();
                if &Value::Array(got.clone()) != want {
                    out.push(format!("errors {got:?}, expected {want}"));
                }
            }
            "reason_codes" => {
                let got = codes(&body["reasons"]);
                if &Value::Array(got.clone()) != want {
                    out.push(format!("reasons {got:?}, expected {want}"));
                }
            }
            "explanation_codes" => {
                let got = codes(&body["explanation"]);
                if &Value::Array(got.clone()) != want {
                    out.push(format!("explanation {got:?}, expected {want}"));
                }
            }
            "note_codes" => {
                let got = codes(&body["notes"]);
                for code in list(want) {
                    if !got.contains(code) {
                        out.push(format!("note {code} not among {got:?}"));
                    }
                }
            }
            _ => subset(key, want, &body[key.as_str()], &mut out),
        }
    }
    out
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or_default()
}

fn codes(v: &Value) -> Vec<Value> {
    list(v).iter().map(|r| r["code"].clone()).collect()
}

fn subset(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), _) => {
            for (k, v) in w {
                subset(&format!("{path}.{k}"), v, &got[k.as_str()], out);
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            for (i, (wi, gi)) in w.iter().zip(g).enumerate() {
                subset(&format!("{path}[{i}]"), wi, gi, out);
            }
        }
        (Value::String(w), Value::String(g)) if number(w).is_some() => {
            if number(w) != number(g) {
                out.push(format!("{path}: {g:?}, expected {w:?}"));
            }
        }
        _ => {
            if want != got {
                out.push(format!("{path}: {got}, expected {want}"));
            }
        }
    }
}

/// A decimal number written as text, without its trailing zeros (`"54.50"` → `"54.5"`).
fn number(s: &str) -> Option<String> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let fraction = fraction.trim_end_matches('0');
    let sign = if s.starts_with('-') { "-" } else { "" };
    Some(if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    })
}

/// Runs every case of `files` (`(name, text)`) through `answer` and fails with every
/// difference found, named by file and case.
pub fn run_all(files: &[(&str, &str)], answer: impl Fn(&str, &Value) -> (u16, Value)) -> usize {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, text) in files {
        let tree: Value = serde_json::from_str(text).expect("a vector file is JSON");
        for case in cases(file, &tree) {
            count += 1;
            let (status, body) = answer(&case.endpoint, case.input);
            for d in differences(&case, status, &body) {
                failures.push(format!("{}: {}: {d}", case.file, case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    count
}

/// The published vector files `(name, text)`, compiled in (the browser has no file system);
/// `$dir` is their folder relative to the runner's crate (one list for every runner).
#[macro_export]
macro_rules! vector_files {
    ($dir:literal) => {
        [
            (
                "simulate.json",
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), $dir, "simulate.json")),
            ),
            (
                "size.json",
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), $dir, "size.json")),
            ),
        ]
    };
}
