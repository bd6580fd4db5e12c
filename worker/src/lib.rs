//! The kmo-portefeuille API on Cloudflare Workers.
//!
//! Thin I/O around the rules crate: a handler parses the request, calls a pure function of
//! `shared`, stores the result in one D1 batch and answers JSON. The static front-end is served
//! by the same Worker (assets binding); only `/api/*` reaches this code.

mod auth;
mod clock;
mod config;
mod db;
mod enterprises;
mod guard;
mod http;
mod id_token;
mod json;
mod kbo;
mod notifications;
mod oidc;
mod providers;
mod random;
mod router;
mod routes;
mod scheduled;
mod store;

use worker::{event, Context, Env, Request, Response, Result, ScheduleContext, ScheduledEvent};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    router::handle(req, env).await
}

/// The daily cron trigger (wrangler.toml `[triggers]`).
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let today = clock::today(&env).await;
    match scheduled::run(&env, today).await {
        Ok(run) => worker::console_log!("daily run {today}: {run:?}"),
        Err(e) => worker::console_error!("daily run {today} failed: {e}"),
    }
}
