//! The JSON API client: same origin, the session cookie travels by itself.
//!
//! Every answer is read into [`ApiError`] when it is not a success, so a screen shows the
//! server's own Dutch messages (422 `reasons`, 400 `errors`) or a clear network message.

use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCredentials, RequestInit, Response};

use crate::texts;

/// A refused or failed call, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiError {
    /// HTTP status; 0 when the network failed.
    pub status: u16,
    /// Messages for the whole form (422 reasons, errors without a field, network trouble).
    pub messages: Vec<String>,
    /// `(field, message)` for 400 answers that name a field.
    pub fields: Vec<(String, String)>,
}

impl ApiError {
    pub fn network() -> ApiError {
        ApiError {
            status: 0,
            messages: vec![texts::NETWORK_ERROR.to_string()],
            fields: Vec::new(),
        }
    }

    /// Reads an error answer of the API (`{reasons}` or `{errors}`).
    pub fn from_answer(status: u16, body: &Value) -> ApiError {
        let mut e = ApiError {
            status,
            ..ApiError::default()
        };
        let list = |k: &str| body.get(k).and_then(Value::as_array).cloned();
        for r in list("reasons").unwrap_or_default() {
            e.messages.push(text(&r["message"]));
        }
        for r in list("errors").unwrap_or_default() {
            let field = text(&r["field"]);
            let message = text(&r["message"]);
            if field.is_empty() || field == "Idempotency-Key" {
                e.messages.push(message);
            } else {
                e.fields.push((field, message));
            }
        }
        if e.messages.is_empty() && e.fields.is_empty() {
            e.messages.push(match status {
                401 => texts::SIGNED_OUT.to_string(),
                403 => texts::FORBIDDEN.to_string(),
                404 => texts::NOT_FOUND.to_string(),
                _ => texts::SERVER_ERROR.to_string(),
            });
        }
        e
    }

    /// Every message, the field ones too: for a summary at the top of a form.
    pub fn all(&self) -> Vec<String> {
        let mut all = self.messages.clone();
        all.extend(self.fields.iter().map(|(_, m)| m.clone()));
        all
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, m)| m.clone())
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

pub type Answer = Result<Value, ApiError>;

pub async fn get(path: &str) -> Answer {
    call("GET", path, None, None).await
}

pub async fn post(path: &str, body: &Value) -> Answer {
    call("POST", path, Some(body), None).await
}

pub async fn post_once(path: &str, body: &Value, key: &str) -> Answer {
    call("POST", path, Some(body), Some(key)).await
}

pub async fn patch(path: &str, body: &Value) -> Answer {
    call("PATCH", path, Some(body), None).await
}

async fn call(method: &str, path: &str, body: Option<&Value>, key: Option<&str>) -> Answer {
    let (status, value) = send(method, path, body, key)
        .await
        .map_err(|_| ApiError::network())?;
    if (200..300).contains(&status) {
        Ok(value)
    } else {
        Err(ApiError::from_answer(status, &value))
    }
}

async fn send(
    method: &str,
    path: &str,
    body: Option<&Value>,
    key: Option<&str>,
) -> Result<(u16, Value), JsValue> {
    let headers = Headers::new()?;
    headers.set("accept", "application/json")?;
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Some(b) = body {
        headers.set("content-type", "application/json")?;
        init.set_body(&JsValue::from_str(&b.to_string()));
    }
    if let Some(k) = key {
        headers.set("idempotency-key", k)?;
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await?
        .dyn_into()?;
    let status = response.status();
    let raw = JsFuture::from(response.text()?).await?;
    let value = raw
        .as_string()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_else(|| json!({}));
    Ok((status, value))
}

/// A fresh key for one attempt at an application or a payment; kept across retries.
pub fn new_key() -> String {
    let a = (js_sys::Math::random() * 1e15) as u64;
    let b = js_sys::Date::now() as u64;
    format!("web-{b:x}-{a:x}")
}

/// `/api/v1/...` with query parameters, leaving out empty ones.
pub fn with_query(path: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v.trim())))
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_and_field_errors_are_read_apart() {
        let e = ApiError::from_answer(
            400,
            &json!({ "errors": [
                { "field": "cost", "code": "x", "message": "Kost: fout" },
                { "field": "", "code": "y", "message": "Algemeen" }
            ] }),
        );
        assert_eq!(e.field("cost").as_deref(), Some("Kost: fout"));
        assert_eq!(e.messages, vec!["Algemeen".to_string()]);
        let r = ApiError::from_answer(
            422,
            &json!({ "reasons": [{ "code": "a", "message": "Te laat" }] }),
        );
        assert_eq!(r.all(), vec!["Te laat".to_string()]);
    }

    #[test]
    fn an_answer_without_messages_still_says_something() {
        assert_eq!(ApiError::from_answer(500, &json!({})).messages.len(), 1);
    }

    #[test]
    fn queries_leave_out_empty_filters_and_encode_the_rest() {
        assert_eq!(
            with_query("/p", &[("q", "Peeters & Co"), ("year", "")]),
            "/p?q=Peeters%20%26%20Co"
        );
        assert_eq!(with_query("/p", &[("q", " ")]), "/p");
    }
}
