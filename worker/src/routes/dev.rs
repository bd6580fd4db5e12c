//! Development-only pages: the outbox of mails the real system would send.

use serde_json::{json, Value};
use worker::{Request, Response, Result, RouteContext};

use crate::auth;
use crate::db;
use crate::http;

/// `GET /api/v1/dev/outbox`: every mail, newest first (JSON; HTML when the browser asks).
pub async fn outbox(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !auth::is_development(&ctx.env) {
        return http::error(404, "", "not_found", "Niet gevonden.");
    }
    let d1 = db::db(&ctx.env)?;
    let mails: Vec<Value> = db::all(&d1, "SELECT id, recipient, role, subject_id, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT 500", &[]).await?;
    let wants_html = req
        .headers()
        .get("accept")
        .ok()
        .flatten()
        .is_some_and(|a| a.contains("text/html"));
    if !wants_html {
        return http::json(200, &json!({ "mails": mails }));
    }
    let mut html = String::from("<!doctype html><html lang=\"nl-BE\"><meta charset=\"utf-8\"><title>Outbox (ontwikkeling)</title><h1>Outbox</h1>");
    for m in &mails {
        html.push_str(&format!(
            "<article><h2>{}</h2><p>Aan: {} ({} {}) — {}</p><pre>{}</pre></article>",
            escape(m["subject"].as_str().unwrap_or_default()),
            escape(m["recipient"].as_str().unwrap_or_default()),
            escape(m["role"].as_str().unwrap_or_default()),
            escape(m["subject_id"].as_str().unwrap_or_default()),
            escape(m["created_at"].as_str().unwrap_or_default()),
            escape(m["body"].as_str().unwrap_or_default()),
        ));
    }
    let mut response = Response::from_html(html)?;
    response.headers_mut().set(
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    )?;
    Ok(response)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `PUT /api/v1/dev/clock` `{ "date": "2027-01-05" }` or `{ "date": null }`: moves "today".
pub async fn clock(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !auth::is_development(&ctx.env) {
        return http::error(404, "", "not_found", "Niet gevonden.");
    }
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match shared::form::Fields::new(&body, &[("date", "Datum")]) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let date = f.optional_date("date");
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    crate::clock::set(&ctx.env, date).await?;
    http::json(
        200,
        &json!({ "today": crate::clock::today(&ctx.env).await }),
    )
}

/// `GET /api/v1/dev/clock`: what "today" is for the product.
pub async fn today(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    if !auth::is_development(&ctx.env) {
        return http::error(404, "", "not_found", "Niet gevonden.");
    }
    http::json(
        200,
        &json!({ "today": crate::clock::today(&ctx.env).await }),
    )
}
