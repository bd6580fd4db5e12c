//! `GET /api/v1/health`: whether D1 and KV answer (for the operator and the test harness).

use worker::{Request, Response, Result, RouteContext};

use shared::api::public::Health;

use crate::{db, http};

pub async fn get(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    // Whether D1 answers, not what: one indexed read whatever the data.
    let d1 = db::exists(&db::db(&ctx.env)?, "SELECT 1 FROM providers LIMIT 1", &[])
        .await
        .is_ok();
    let kv = ctx.env.kv("CACHE")?.get("health").text().await.is_ok();
    let status = if d1 && kv { 200 } else { 503 };
    http::json(status, &Health { d1, kv })
}
