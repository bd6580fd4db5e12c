//! `GET /api/v1/notifications`: what the signed-in enterprise or provider was sent, newest
//! first, and for an enterprise the reminders still to come (shared::reminder).

use serde::Deserialize;
use shared::api::session::{MailStatus, Notification, NotificationList, UpcomingReminder};
use shared::api::Timestamp;
use shared::mail::MailKind;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::{self, Role};
use crate::db::{self, text};
use crate::{http, notifications, store};

/// An outbox row as the list reads it.
#[derive(Deserialize)]
struct Row {
    id: i64,
    subject: String,
    body: String,
    created_at: Timestamp,
    status: MailStatus,
    sent_at: Option<Timestamp>,
    kind: String,
    reminder: Option<String>,
}

impl Row {
    /// The notification; a mail with a secret (the confirmation link) without its text: only
    /// the mailbox it was sent to may read the link.
    fn shown(self) -> Notification {
        let secret =
            MailKind::parse(&self.kind, self.reminder.as_deref()).is_some_and(MailKind::is_secret);
        Notification {
            id: self.id,
            subject: self.subject,
            body: if secret {
                notifications::SECRET_NOT_SHOWN.to_string()
            } else {
                self.body
            },
            created_at: self.created_at,
            status: self.status,
            sent_at: self.sent_at,
        }
    }
}

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
    let page = match http::page_request(&req) {
        Ok(p) => p,
        Err(answer) => return answer,
    };
    // One row more than a page tells whether there is a next page.
    let rows: Vec<Row> = db::all(
        &d1,
        "SELECT id, subject, body, created_at, status, sent_at, kind, reminder FROM outbox \
         WHERE role = ?1 AND subject_id = ?2 AND id < ?3 ORDER BY id DESC LIMIT ?4",
        &[
            text(actor.role.id()),
            text(&actor.subject),
            db::int(page.below()),
            db::int(page.rows_to_read()),
        ],
    )
    .await?;
    let (rows, next_cursor) = page.split(rows, |r| r.id);
    let notifications: Vec<Notification> = rows.into_iter().map(Row::shown).collect();
    let mut upcoming = Vec::new();
    if actor.role == Role::Enterprise {
        let today = crate::clock::today(&ctx.env).await;
        // Every open project, in one query: their number is bounded by the enterprise's
        // yearly ceilings (RULES.md §3) over the two years a project stays open.
        let open = store::select(
            &d1,
            "enterprise_number = ?1 AND status IN ('awaiting_deposit', 'running') ORDER BY id",
            &[text(&actor.subject)],
        )
        .await?;
        for row in &open {
            for (reminder, on) in shared::reminder::upcoming(&row.state, today) {
                upcoming.push(UpcomingReminder {
                    dossier_number: row.dossier_number,
                    name: row.name.clone(),
                    reminder,
                    on,
                    deadline: reminder.deadline(&row.state),
                    about: reminder.about(&row.state),
                });
            }
        }
        upcoming.sort_by_key(|u| (u.on, u.dossier_number.to_string()));
    }
    http::json(
        200,
        &NotificationList {
            notifications,
            next_cursor,
            upcoming,
        },
    )
}
