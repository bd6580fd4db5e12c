//! The session: who is signed in (`GET /api/v1/me`), choosing the organisation to act for
//! (`POST /api/v1/session/organisation`, "Wisselen van organisatie" in manual 003) and signing
//! out. Signing in is `routes::auth` (OpenID Connect), or `routes::dev` in the development build.

use shared::api::session::SignedOut;
use shared::api::{AuditDetail, True};
use shared::error::FieldError;
use shared::form::Fields;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::{self, Role};
use crate::{db, http, store};

const CHOOSE_FIELDS: &[(&str, &str)] = &[("role", "Rol"), ("subject", "Organisatie")];

/// `POST /api/v1/session/organisation` `{ "role", "subject" }`: act for another of the
/// organisations this sign-in allows; answers the session as `GET /api/v1/me` does.
pub async fn choose(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let Some(session) = auth::current(&req, &ctx.env).await? else {
        return http::error(401, "", "not_signed_in", "Meld u eerst aan.");
    };
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, CHOOSE_FIELDS) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let named = role_and_subject(&mut f);
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let Some((role, subject)) = named else {
        return http::bad_request(&[FieldError::new(
            "",
            "invalid_request",
            "Ongeldige aanvraag.",
        )]);
    };
    let Some(organisation) = session
        .shown
        .organisations
        .iter()
        .find(|o| o.role == role && o.subject == subject)
        .cloned()
    else {
        return http::error(
            403,
            "subject",
            "not_your_organisation",
            "Organisatie: u mag niet optreden voor deze organisatie.",
        );
    };
    // Checked again as every request is: a provider suspended since sign-in is refused here.
    let Some(now) = auth::choose(&req, &ctx.env, &organisation).await? else {
        return http::error(401, "", "not_signed_in", "Meld u eerst aan.");
    };
    if now.revoked {
        return auth::revoked();
    }
    if let Some(actor) = now.actor() {
        let d1 = db::db(&ctx.env)?;
        store::audit(
            &d1,
            &actor,
            "organisation_chosen",
            &actor.subject,
            &AuditDetail::default(),
        )?
        .run()
        .await?;
    }
    http::json(200, &now.shown)
}

/// The `role` and `subject` of a body that names an organisation (both required; a missing or
/// unknown one is recorded in `f`).
pub fn role_and_subject(f: &mut Fields) -> Option<(Role, String)> {
    let role = f.required_choice("role", Role::parse, &["enterprise", "provider", "operator"]);
    let subject = f.required_str("subject").map(str::to_string);
    if subject.as_deref().is_some_and(|s| s.trim().is_empty()) {
        f.error("subject", "required", "dit veld is verplicht.");
        return None;
    }
    Some((role?, subject?))
}

pub async fn sign_out(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let cookie = auth::end(&req, &ctx.env).await?;
    let mut response = http::json(200, &SignedOut { signed_out: True })?;
    response.headers_mut().set("set-cookie", &cookie)?;
    Ok(response)
}

/// `GET /api/v1/me`: the person, the organisations they may act for, and the one they act for.
pub async fn me(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    match auth::current(&req, &ctx.env).await? {
        Some(s) if s.revoked => auth::revoked(),
        Some(s) => http::json(200, &s.shown),
        None => http::error(401, "", "not_signed_in", "Meld u eerst aan."),
    }
}
