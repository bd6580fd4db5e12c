//! `GET /api/v1/health`: whether D1 and KV answer (for the operator and the test harness).

use worker::{Request, Response, Result, RouteContext};

use shared::api::public::Health;

use crate::http;

pub async fn get(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let d1 = ctx
        .env
        .d1("DB")?
        .prepare("SELECT COUNT(*) AS n FROM providers")
        .first::<u32>(Some("n"))
        .await
        .is_ok();
    let kv = ctx.env.kv("CACHE")?.get("health").text().await.is_ok();
    let status = if d1 && kv { 200 } else { 503 };
    http::json(status, &Health { d1, kv })
}
