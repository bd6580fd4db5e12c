//! The JSON API client (gloo-net's fetch): same origin, the session cookie travels by itself.
//!
//! Every answer is read into its type of `shared::api`, and every body sent is one of those
//! types: the screens and the Worker share one contract. A refusal is read as
//! [`shared::api::Refusal`] into [`ApiError`], so a screen shows the server's own Dutch messages
//! (422 `reasons`, 400 `errors`), a clear network message, or, when an answer does not read as
//! its type, that it could not be read: never an empty cell or a zero.

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::api::{reader, Problem, Refusal};
use shared::error::FieldError;
use web_sys::RequestCredentials;

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
    /// A success whose body did not read as the contract's type.
    unreadable: bool,
}

impl ApiError {
    pub fn network() -> ApiError {
        ApiError {
            status: 0,
            messages: vec![texts::NETWORK_ERROR.to_string()],
            ..ApiError::default()
        }
    }

    /// A success whose body is not the answer the contract promises.
    pub fn unreadable(status: u16) -> ApiError {
        ApiError {
            status,
            messages: vec![texts::UNREADABLE_ANSWER.to_string()],
            unreadable: true,
            ..ApiError::default()
        }
    }

    pub fn is_unreadable(&self) -> bool {
        self.unreadable
    }

    /// Reads an error answer of the API (`{reasons}` or `{errors}`); a body that is neither
    /// still gives a message for its status.
    pub fn from_answer(status: u16, body: &str) -> ApiError {
        ApiError::from_refusal(status, reader::read(body).unwrap_or_default())
    }

    /// The field errors `shared` finds before anything is sent, shown as the API's 400 would be.
    pub fn from_fields(errors: &[FieldError]) -> ApiError {
        let refusal = Refusal {
            errors: errors.iter().map(Problem::from).collect(),
            reasons: Vec::new(),
        };
        ApiError::from_refusal(400, refusal)
    }

    fn from_refusal(status: u16, refusal: Refusal) -> ApiError {
        let mut e = ApiError {
            status,
            ..ApiError::default()
        };
        let say = |code: &str, message| texts::api_refusal(code).map_or(message, str::to_string);
        e.messages
            .extend(refusal.reasons.into_iter().map(|r| say(&r.code, r.message)));
        for p in refusal.errors {
            let message = say(&p.code, p.message);
            if p.field.is_empty() || p.field == "Idempotency-Key" {
                e.messages.push(message);
            } else {
                e.fields.push((p.field, message));
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

/// The body of a POST that takes none (`{}`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NoBody {}

/// A successful answer as received, read into its type by [`Answer::read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    path: String,
    status: u16,
    body: String,
}

impl Answer {
    /// The answer as `T`, or an error to show when it does not read as one.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        reader::read(&self.body).map_err(|_| {
            // For whoever debugs it: which answer broke the contract.
            leptos::logging::error!("{}: {}", self.path, texts::UNREADABLE_ANSWER);
            ApiError::unreadable(self.status)
        })
    }
}

/// `GET path`, not yet read: for a screen that reads it as it draws it.
pub async fn get_answer(path: &str) -> Result<Answer, ApiError> {
    fetch(path, request(Request::get(path), None).build()).await
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    get_answer(path).await?.read()
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send_json(path, request(Request::post(path), None), json(body)?)
        .await?
        .read()
}

/// A POST with an `Idempotency-Key`: a retry with the same key answers the first result.
pub async fn post_once<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    key: &str,
) -> Result<T, ApiError> {
    send_json(path, request(Request::post(path), Some(key)), json(body)?)
        .await?
        .read()
}

pub async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send_json(path, request(Request::patch(path), None), json(body)?)
        .await?
        .read()
}

/// Same origin, JSON asked.
fn request(builder: RequestBuilder, key: Option<&str>) -> RequestBuilder {
    let builder = builder
        .credentials(RequestCredentials::SameOrigin)
        .header("accept", "application/json");
    match key {
        Some(k) => builder.header("idempotency-key", k),
        None => builder,
    }
}

/// A request body as JSON text. The contract's types always serialize; were one not to, the
/// call fails as a server error would, before anything is sent.
fn json<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|_| ApiError::from_answer(0, ""))
}

async fn send_json(path: &str, builder: RequestBuilder, body: String) -> Result<Answer, ApiError> {
    let request = builder
        .header("content-type", "application/json")
        .body(body);
    fetch(path, request).await
}

/// The answer, or the refusal it carries. Not generic: the bundle holds one copy of the
/// fetching, not one per answer type.
async fn fetch(path: &str, request: Result<Request, gloo_net::Error>) -> Result<Answer, ApiError> {
    let response = request
        .map_err(|_| ApiError::network())?
        .send()
        .await
        .map_err(|_| ApiError::network())?;
    let status = response.status();
    let body = response.text().await.map_err(|_| ApiError::network())?;
    if !(200..300).contains(&status) {
        return Err(ApiError::from_answer(status, &body));
    }
    Ok(Answer {
        path: path.to_string(),
        status,
        body,
    })
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
    use shared::api::session::AuthOptions;

    #[test]
    fn reasons_and_field_errors_are_read_apart() {
        let e = ApiError::from_answer(
            400,
            r#"{ "errors": [
                { "field": "cost", "code": "x", "message": "Kost: fout" },
                { "field": "", "code": "y", "message": "Algemeen" }
            ] }"#,
        );
        assert_eq!(e.field("cost").as_deref(), Some("Kost: fout"));
        assert_eq!(e.messages, vec!["Algemeen".to_string()]);
        let r = ApiError::from_answer(
            422,
            r#"{ "reasons": [{ "code": "a", "message": "Te laat" }] }"#,
        );
        assert_eq!(r.all(), vec!["Te laat".to_string()]);
    }

    #[test]
    fn the_screens_word_the_registration_refusals_themselves() {
        let e = ApiError::from_answer(
            403,
            r#"{ "errors": [{ "field": "", "code": "registration_required", "message": "x" }] }"#,
        );
        assert_eq!(
            e.messages,
            vec![texts::api_refusal("registration_required")
                .unwrap()
                .to_string()]
        );
    }

    #[test]
    fn an_answer_without_messages_still_says_something() {
        assert_eq!(ApiError::from_answer(500, "{}").messages.len(), 1);
        assert_eq!(ApiError::from_answer(502, "<html>").messages.len(), 1);
    }

    #[test]
    fn a_success_is_read_as_its_type_or_is_an_error_to_show() {
        let answer = |body: &str| Answer {
            path: "/api/v1/auth/options".into(),
            status: 200,
            body: body.into(),
        };
        let ok: AuthOptions = answer(r#"{ "government": true, "demo": false }"#)
            .read()
            .unwrap();
        assert!(ok.government && !ok.demo);
        let wrong = answer(r#"{ "government": "ja" }"#).read::<AuthOptions>();
        assert_eq!(wrong, Err(ApiError::unreadable(200)));
        assert!(wrong.unwrap_err().is_unreadable());
    }

    #[test]
    fn local_field_errors_read_as_the_apis_400() {
        let e = ApiError::from_fields(&[FieldError::new("cost", "required", "Kost: verplicht")]);
        assert_eq!(
            (e.status, e.field("cost").as_deref()),
            (400, Some("Kost: verplicht"))
        );
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
