//! Every route of the API, in one place.

use worker::{Env, Request, Response, Result, Router};

use crate::http;
use crate::routes::{health, providers, simulate, themes};

pub async fn handle(req: Request, env: Env) -> Result<Response> {
    let response = Router::new()
        .get_async("/api/v1/health", health::get)
        .get("/api/v1/themes", themes::list)
        .post_async("/api/v1/simulate", simulate::post)
        .get_async("/api/v1/providers/:number", providers::get)
        .run(req, env)
        .await;
    http::finish(response)
}
