//! Helpers for black-box tests: talk HTTP to the running product at `KMO_BASE_URL`.

use serde_json::Value;

/// The product under test. Set by scripts/test.sh; a test run without it fails, never skips.
pub fn base_url() -> String {
    std::env::var("KMO_BASE_URL")
        .expect("KMO_BASE_URL must point at a running `wrangler dev` (scripts/test.sh sets it)")
}

/// An HTTP answer: status, headers we look at, JSON body (Null when not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `code` of every entry of `errors` (400) or `reasons` (not eligible).
    pub fn codes(&self, key: &str) -> Vec<String> {
        self.body[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["code"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `(field, code)` of every entry of `errors`.
    pub fn field_errors(&self) -> Vec<(String, String)> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        (
                            e["field"].as_str().unwrap_or_default().to_string(),
                            e["code"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn answer(res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut res = res.expect("the server answers");
    let status = res.status().as_u16();
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
        .collect();
    let text = res.body_mut().read_to_string().unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

pub fn get(path: &str) -> Answer {
    answer(agent().get(format!("{}{path}", base_url())).call())
}

pub fn post_json(path: &str, body: &Value) -> Answer {
    post_raw(path, "application/json", &body.to_string())
}

pub fn post_raw(path: &str, content_type: &str, body: &str) -> Answer {
    answer(
        agent()
            .post(format!("{}{path}", base_url()))
            .header("content-type", content_type)
            .send(body),
    )
}
