//! Every route of the API, in one place.

use shared::error::FieldError;
use worker::{Env, Request, Response, Result, Router};

use crate::http;
use crate::routes::{
    applications, auth, deposits, dev, enterprise, health, notifications, operator, projects,
    provider, providers, session, simulate, themes,
};

pub async fn handle(req: Request, env: Env) -> Result<Response> {
    let response = Router::new()
        // Public.
        .get_async("/api/v1/health", health::get)
        .get("/api/v1/themes", themes::list)
        .post_async("/api/v1/simulate", simulate::post)
        .get_async("/api/v1/providers", providers::search)
        .get_async("/api/v1/providers/:number", providers::get)
        // Sessions.
        .get_async("/api/v1/auth/login", auth::login)
        .get_async("/api/v1/auth/callback", auth::callback)
        .post_async("/api/v1/dev/sign-in", session::dev_sign_in)
        .post_async("/api/v1/sign-out", session::sign_out)
        .get_async("/api/v1/me", session::me)
        .get_async("/api/v1/notifications", notifications::list)
        // Enterprise.
        .get_async("/api/v1/enterprise", enterprise::profile)
        .patch_async("/api/v1/enterprise", enterprise::update)
        .get_async("/api/v1/enterprise/projects", enterprise::projects)
        .post_async("/api/v1/enterprise/size", enterprise::confirm_size)
        .post_async("/api/v1/applications", applications::post)
        .get_async("/api/v1/projects/:dossier", projects::detail)
        .post_async("/api/v1/projects/:dossier/payments", projects::pay)
        .post_async("/api/v1/projects/:dossier/stop", projects::stop)
        .post_async("/api/v1/projects/:dossier/rating", projects::rate)
        // Provider.
        .get_async("/api/v1/provider/projects", provider::projects)
        .post_async(
            "/api/v1/provider/projects/:dossier/refuse",
            provider::refuse,
        )
        .get_async("/api/v1/provider/payments", provider::payments)
        .get_async("/api/v1/provider/ratings", provider::ratings)
        // Operator.
        .put_async("/api/v1/operator/providers/:number", operator::put_provider)
        .post_async("/api/v1/operator/bank-entries", deposits::import_json)
        .post_async("/api/v1/operator/bank-statements", deposits::import_camt)
        .post_async(
            "/api/v1/operator/payments/:id/executed",
            operator::payment_executed,
        )
        .get_async("/api/v1/operator/refunds", operator::refunds)
        .get_async("/api/v1/operator/bank-entries", operator::bank_entries)
        .get_async("/api/v1/operator/audit", operator::audit)
        .post_async("/api/v1/operator/run-daily", operator::run_daily)
        // Development only (404 elsewhere).
        .get_async("/api/v1/dev/outbox", dev::outbox)
        .get_async("/api/v1/dev/clock", dev::today)
        .put_async("/api/v1/dev/clock", dev::clock)
        .run(req, env)
        .await;
    http::finish(response.and_then(json_errors))
}

/// The router's own plain-text 404/405 become JSON errors like every other answer.
fn json_errors(response: Response) -> Result<Response> {
    let plain = response
        .headers()
        .get("content-type")?
        .is_none_or(|t| t.starts_with("text/plain"));
    match response.status_code() {
        404 if plain => http::json(
            404,
            &serde_json::json!({ "errors": [FieldError::new("", "not_found", "Deze pagina van de API bestaat niet.")] }),
        ),
        405 if plain => http::json(
            405,
            &serde_json::json!({ "errors": [FieldError::new("", "method_not_allowed", "Deze methode is hier niet toegelaten.")] }),
        ),
        _ => Ok(response),
    }
}
