//! `GET /api/v1/notifications`: what the signed-in enterprise or provider was sent, newest first.

use serde_json::{json, Value};
use worker::{Request, Response, Result, RouteContext};

use crate::auth::{self, Role};
use crate::db::{self, text};
use crate::http;

pub async fn list(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let Some(actor) = auth::current(&req, &ctx.env).await? else {
        return http::error(401, "", "not_signed_in", "Meld u eerst aan.");
    };
    if actor.role == Role::Operator {
        return auth::forbidden(
            "wrong_role",
            "Meldingen horen bij een onderneming of dienstverlener.",
        );
    }
    let d1 = db::db(&ctx.env)?;
    let mails: Vec<Value> = db::all(&d1,
        "SELECT id, subject, body, created_at FROM outbox WHERE role = ?1 AND subject_id = ?2 ORDER BY id DESC LIMIT 200",
        &[text(actor.role.id()), text(&actor.subject)]).await?;
    http::json(200, &json!({ "notifications": mails }))
}
