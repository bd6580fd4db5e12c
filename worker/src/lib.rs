//! The kmo-portefeuille API on Cloudflare Workers.
//!
//! Thin I/O around the rules crate: a handler parses the request, calls a pure function of
//! `shared`, stores the result in one D1 batch and answers JSON. The static front-end is served
//! by the same Worker (assets binding); only `/api/*` reaches this code.

mod http;
mod providers;
mod router;
mod routes;

use worker::{event, Context, Env, Request, Response, Result};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    router::handle(req, env).await
}
