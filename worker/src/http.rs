//! JSON in and out: body limits, error bodies, headers every API answer carries.

use serde::Serialize;
use serde_json::Value;
use shared::api::Errors;
use shared::error::FieldError;
use worker::{Request, Response, Result};

/// Request bodies above this are refused unread: no form of the API comes near it.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON answer with status.
pub fn json<T: Serialize>(status: u16, body: &T) -> Result<Response> {
    Ok(Response::from_json(body)?.with_status(status))
}

/// One error answer: `{ "errors": [{ "field", "code", "message" }] }` with `status`.
pub fn error(status: u16, field: &str, code: &'static str, message: &str) -> Result<Response> {
    json(status, &Errors::one(field, code, message))
}

/// 400 with `{ "errors": [{ "field", "code", "message" }] }`.
pub fn bad_request(errors: &[FieldError]) -> Result<Response> {
    json(400, &Errors::from(errors))
}

/// 422 with `{ "reasons": [{ "code", "message" }] }`: a rule refuses the request.
pub fn refused(reasons: &[shared::error::Reason]) -> Result<Response> {
    json(422, &shared::api::Reasons::of(reasons))
}

/// The query string as `T`, or 400 when it cannot be read as one (a parameter given twice, ...).
pub fn query<T: serde::de::DeserializeOwned>(
    req: &Request,
) -> std::result::Result<T, Result<Response>> {
    req.query().map_err(|_| {
        error(
            400,
            "",
            "invalid_query",
            "De zoekparameters kunnen niet gelezen worden: geef elke parameter hoogstens één keer.",
        )
    })
}

/// A query filter from a fixed list: absent or empty is no filter; anything else must be one of
/// the ids (`parse`), or the answer is 400 naming `field`.
pub fn filter<T>(
    value: Option<&str>,
    field: &str,
    label: &str,
    parse: impl Fn(&str) -> Option<T>,
    ids: &[&str],
) -> std::result::Result<Option<T>, Result<Response>> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| {
            let message = format!("{label}: kies een van: {}.", ids.join(", "));
            bad_request(&[FieldError::new(field, "unknown_value", message)])
        }),
    }
}

/// The page a list request asks for (`?limit=&cursor=`, `shared::api::page`), or 400 naming
/// each wrong parameter.
pub fn page_request(
    req: &Request,
) -> std::result::Result<shared::api::page::PageRequest, Result<Response>> {
    #[derive(serde::Deserialize, Default)]
    struct Q {
        limit: Option<String>,
        cursor: Option<String>,
    }
    let q: Q = query(req)?;
    shared::api::page::PageRequest::parse(q.limit.as_deref(), q.cursor.as_deref())
        .map_err(|errors| bad_request(&errors))
}

/// The `status` filter of a project list: one of the statuses' ids.
pub fn status_filter(
    value: Option<&str>,
) -> std::result::Result<Option<shared::project::Status>, Result<Response>> {
    use shared::project::Status;
    filter(
        value,
        "status",
        "Status",
        Status::parse,
        &Status::ALL.map(Status::id),
    )
}

/// The `year` filter of a project list: four digits.
pub fn year_filter(value: Option<&str>) -> std::result::Result<Option<i32>, Result<Response>> {
    filter(value, "year", "Jaar", parse_year, &["een jaartal als 2026"])
}

/// A year filter: four digits (`2026`).
fn parse_year(y: &str) -> Option<i32> {
    (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .then(|| y.parse().ok())
        .flatten()
}

/// A free-text search parameter: more than 100 characters is 400; trimmed, absent when empty.
pub fn search_text(
    value: Option<&str>,
    field: &str,
) -> std::result::Result<Option<String>, Result<Response>> {
    let value = value.unwrap_or_default();
    if value.chars().count() > 100 {
        let message = format!("{field}: zoek op hoogstens 100 tekens.");
        return Err(bad_request(&[FieldError::new(field, "too_long", message)]));
    }
    let trimmed = value.trim();
    Ok((!trimmed.is_empty()).then(|| trimmed.to_string()))
}

/// Reads the body as a JSON value, or answers why not (400/413/415). The value goes straight
/// to the request's parser in `shared` (`Fields`, `from_json`): the one place a handler holds
/// untyped JSON.
pub async fn read_json(req: &mut Request) -> std::result::Result<Value, Result<Response>> {
    read_json_up_to(req, MAX_BODY_BYTES).await
}

/// [`read_json`] with another size limit (bank imports carry up to a thousand entries).
pub async fn read_json_up_to(
    req: &mut Request,
    limit: usize,
) -> std::result::Result<Value, Result<Response>> {
    // An empty type is read as JSON too; any other type is refused.
    let bytes = read_body(
        req,
        limit,
        &["application/json", ""],
        "Stuur de aanvraag als JSON (Content-Type: application/json).",
    )
    .await?;
    serde_json::from_slice(&bytes)
        .map_err(|_| bad_request(&[body_error("De aanvraag is geen geldige JSON.")]))
}

/// The optional `Idempotency-Key` header: 1 to 100 visible ASCII characters.
pub fn idempotency_key(req: &Request) -> std::result::Result<Option<String>, Result<Response>> {
    match req.headers().get("idempotency-key").ok().flatten() {
        None => Ok(None),
        Some(k) if !k.is_empty() && k.len() <= 100 && k.chars().all(|c| c.is_ascii_graphic()) => {
            Ok(Some(k))
        }
        Some(_) => Err(bad_request(&[FieldError::new(
            "Idempotency-Key",
            "invalid_idempotency_key",
            "De Idempotency-Key bestaat uit 1 tot 100 zichtbare ASCII-tekens.",
        )])),
    }
}

/// The raw body when its `Content-Type` starts with one of `types` (`""` accepts a missing
/// one) and it is at most `limit` bytes; otherwise the 415/413/400 answer to send.
pub async fn read_body(
    req: &mut Request,
    limit: usize,
    types: &[&str],
    wrong_type: &str,
) -> std::result::Result<Vec<u8>, Result<Response>> {
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let declared = header("content-length").and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large(limit));
    }
    let content_type = header("content-type").unwrap_or_default();
    let accepted = types.iter().any(|t| {
        if t.is_empty() {
            content_type.is_empty()
        } else {
            content_type.starts_with(t)
        }
    });
    if !accepted {
        return Err(error(415, "", "unsupported_media_type", wrong_type));
    }
    read_capped(req, limit).await
}

/// Reads the body as a stream and stops as soon as it passes `limit`: a body without (or with a
/// false) `Content-Length` is refused once too large, never buffered whole.
async fn read_capped(
    req: &mut Request,
    limit: usize,
) -> std::result::Result<Vec<u8>, Result<Response>> {
    use futures_util::StreamExt;
    let unreadable = || bad_request(&[body_error("De aanvraag kon niet gelezen worden.")]);
    let mut stream = match req.stream() {
        Ok(s) => s,
        // A body read twice is a bug of ours, not the client's.
        Err(worker::Error::BodyUsed) => return Err(Err(worker::Error::BodyUsed)),
        // No body at all reads as empty.
        Err(_) => return Ok(Vec::new()),
    };
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| unreadable())?;
        if bytes.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

fn body_error(message: &str) -> FieldError {
    FieldError::new("", "invalid_json", message)
}

fn too_large(limit: usize) -> Result<Response> {
    let message = format!("De aanvraag is groter dan {} kB.", limit / 1024);
    json(413, &Errors::one("", "body_too_large", message))
}

/// Headers on every API answer; an internal error becomes a JSON 500 without details.
pub fn finish(response: Result<Response>) -> Result<Response> {
    let mut response = match response {
        Ok(r) => r,
        Err(e) => {
            worker::console_error!("internal error: {e}");
            error(
                500,
                "",
                "internal_error",
                "Er liep iets mis aan onze kant. Probeer het later opnieuw.",
            )?
        }
    };
    let headers = response.headers_mut();
    // Two years, subdomains too: the product is only ever served over HTTPS.
    headers.set(
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    )?;
    headers.set("x-content-type-options", "nosniff")?;
    headers.set("x-frame-options", "DENY")?;
    headers.set(
        "content-security-policy",
        "default-src 'none'; frame-ancestors 'none'",
    )?;
    headers.set("referrer-policy", "no-referrer")?;
    if headers.get("cache-control")?.is_none() {
        headers.set("cache-control", "no-store")?;
    }
    Ok(response)
}
