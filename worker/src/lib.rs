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
mod lists;
mod mail;
mod mime;
mod notifications;
mod oidc;
mod providers;
mod random;
mod router;
mod routes;
mod scheduled;
mod store;

use worker::{
    event, Context, Env, MessageBatch, Request, Response, Result, ScheduleContext, ScheduledEvent,
};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    router::handle(req, env).await
}

/// The cron triggers (wrangler.toml `[triggers]`): the daily job, and every 10 minutes the
/// sweep of mails left unqueued.
#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    // Any cron but the sweep's runs the daily job: renaming the daily cron in wrangler.toml
    // cannot silently stop it.
    if event.cron() != scheduled::SWEEP {
        let today = clock::today(&env).await;
        match scheduled::run(&env, today).await {
            Ok(run) => worker::console_log!("daily run {today}: {run:?}"),
            Err(e) => worker::console_error!("daily run {today} failed: {e}"),
        }
    }
    match mail::sweep(&env).await {
        Ok(n) if n > 0 => worker::console_log!("mail sweep queued {n} mails"),
        Ok(_) => {}
        Err(e) => worker::console_error!("mail sweep failed: {e}"),
    }
}

/// The mail queue's consumer (wrangler.toml `[[queues.consumers]]`).
#[event(queue)]
async fn queue(batch: MessageBatch<mail::Job>, env: Env, _ctx: Context) -> Result<()> {
    mail::consume(batch, &env).await
}
