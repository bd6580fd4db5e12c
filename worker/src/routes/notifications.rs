//! `GET /api/v1/notifications`: what the signed-in enterprise or provider was sent, newest first.

use shared::api::session::{Notification, NotificationList};
use worker::{Request, Response, Result, RouteContext};

use crate::auth::{self, Role};
use crate::db::{self, text};
use crate::http;

pub async fn list(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let session = auth::current(&req, &ctx.env).await?;
    let Some(session) = session else {
        return http::error(401, "", "not_signed_in", "Meld u eerst aan.");
    };
    if session.revoked {
        return auth::revoked();
    }
    let Some(actor) = session.actor() else {
        return auth::forbidden(
            "no_organisation_chosen",
            "Kies eerst voor welke organisatie u optreedt.",
        );
    };
    if actor.role == Role::Operator {
        return auth::forbidden(
            "wrong_role",
            "Meldingen horen bij een onderneming of dienstverlener.",
        );
    }
    let d1 = db::db(&ctx.env)?;
    // The row is the answer's notification, column for column.
    let notifications: Vec<Notification> = db::all(&d1,
        "SELECT id, subject, body, created_at FROM outbox WHERE role = ?1 AND subject_id = ?2 ORDER BY id DESC LIMIT 200",
        &[text(actor.role.id()), text(&actor.subject)]).await?;
    http::json(200, &NotificationList { notifications })
}
