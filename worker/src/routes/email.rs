//! Confirming an enterprise's e-mail address (issue: mails go to an address only once its owner
//! followed the link mailed to it). The link is written to the outbox when the address is given
//! (registration) or changed (`PATCH /api/v1/enterprise`), in the same batch as the address.

use crate::db::Db;
use shared::api::enterprise::{EmailConfirmationRequest, EmailConfirmed};
use shared::error::FieldError;
use shared::form::Fields;
use worker::{D1PreparedStatement, Env, Request, Response, Result, RouteContext};

use crate::db::{self, int, text};
use crate::{auth, config, http, notifications, random, store};

/// A link is valid for a week.
const VALID_SECONDS: i64 = 7 * 24 * 60 * 60;

/// The statements that mail a confirmation link for `email`, the enterprise's address once the
/// batch's earlier statements ran: the token row and the mail (to the address on file then).
pub fn link(d1: &Db, env: &Env, enterprise: &str, email: &str) -> Result<Vec<D1PreparedStatement>> {
    let token = random::token();
    let origin = config::public_origin(env).unwrap_or_default();
    Ok(vec![
        db::stmt(
            d1,
            "INSERT INTO email_confirmations (token_hash, enterprise_number, email, expires_at) \
             VALUES (?1, ?2, ?3, ?4)",
            &[
                text(&random::sha256_hex(&token)),
                text(enterprise),
                text(email),
                int(auth::now_seconds() + VALID_SECONDS),
            ],
        )?,
        store::outbox(
            d1,
            &notifications::email_confirmation(enterprise, &origin, &token),
            None,
        )?,
    ])
}

/// `POST /api/v1/email-confirmation` `{ token }`: no session needed (the link may be opened on
/// another device); the token alone, 256 random bits, names the address.
pub async fn confirm(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, &[("token", "Code")]) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let token = f.required_str("token");
    if token.is_some_and(|t| !EmailConfirmationRequest::is_token(t)) {
        f.error(
            "token",
            "invalid_token",
            "de code uit de link: 64 tekens 0-9 en a-f.",
        );
    }
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let Some(token) = token else {
        return http::bad_request(&[FieldError::new(
            "token",
            "required",
            "Code: dit veld is verplicht.",
        )]);
    };
    let d1 = db::db(&ctx.env)?;
    let hash = random::sha256_hex(token);
    // Confirms only while the address is still the enterprise's; the link is used up either way.
    let results = crate::mail::run_batch(
        &ctx.env,
        &d1,
        vec![
            db::stmt(
                &d1,
                "UPDATE enterprises SET email_confirmed_at = datetime('now') \
                 WHERE (number, email) IN (SELECT enterprise_number, email FROM email_confirmations \
                                           WHERE token_hash = ?1 AND expires_at > ?2) \
                 RETURNING email",
                &[text(&hash), int(auth::now_seconds())],
            )?,
            // The mails held back for want of a confirmed address leave now, to that address.
            crate::mail::release_held(&d1, &hash)?,
            db::stmt(
                &d1,
                "DELETE FROM email_confirmations WHERE token_hash = ?1",
                &[text(&hash)],
            )?,
        ],
    )
    .await?;
    let confirmed = match results.first() {
        Some(r) => r.results::<EmailConfirmed>()?.into_iter().next(),
        None => None,
    };
    match confirmed {
        Some(c) => http::json(200, &c),
        None => http::error(
            404,
            "token",
            "confirmation_invalid",
            "Deze bevestigingslink is niet (meer) geldig: hij werd al gebruikt, is ouder dan 7 \
             dagen, of het e-mailadres werd intussen gewijzigd. Wijzig uw e-mailadres opnieuw in \
             de kmo-portefeuille om een nieuwe link te krijgen.",
        ),
    }
}
