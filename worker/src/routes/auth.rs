//! `GET /api/v1/auth/login` and `GET /api/v1/auth/callback`: OpenID Connect sign-in.

use serde_json::json;
use shared::error::FieldError;
use shared::ids::enterprise_number::EnterpriseNumber;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::{self, Actor, Role};
use crate::oidc::{self, Config};
use crate::{enterprises, http};

fn unavailable() -> Result<Response> {
    http::error(
        503,
        "",
        "sign_in_unavailable",
        "Aanmelden via de overheid is hier niet ingesteld.",
    )
}

fn redirect(location: &str, cookies: &[String]) -> Result<Response> {
    let mut response = Response::empty()?.with_status(302);
    let headers = response.headers_mut();
    headers.set("location", location)?;
    for c in cookies {
        headers.append("set-cookie", c)?;
    }
    Ok(response)
}

pub async fn login(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let Some(config) = Config::from_env(&ctx.env) else {
        return unavailable();
    };
    let (location, cookie) = oidc::start(&config)?;
    redirect(&location, &[cookie])
}

#[derive(serde::Deserialize, Default)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

pub async fn callback(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let Some(config) = Config::from_env(&ctx.env) else {
        return unavailable();
    };
    let q: Callback = req.query().unwrap_or_default();
    let refused = |code: &'static str, message: &str| {
        let mut r = http::json(
            401,
            &json!({ "errors": [FieldError::new("", code, message)] }),
        )?;
        r.headers_mut().set("set-cookie", &oidc::clear_cookie())?;
        Ok::<Response, worker::Error>(r)
    };
    if q.error.is_some() {
        return refused("sign_in_cancelled", "Het aanmelden werd afgebroken.");
    }
    let (Some(code), Some(state), Some((expected, verifier))) = (q.code, q.state, oidc::flow(&req))
    else {
        return refused(
            "sign_in_expired",
            "Het aanmelden is verlopen of werd in een ander venster gestart. Probeer opnieuw.",
        );
    };
    if state != expected {
        return refused(
            "sign_in_state_mismatch",
            "Het aanmelden kon niet worden bevestigd. Probeer opnieuw.",
        );
    }
    let claims = match oidc::claims(&config, &code, &verifier).await {
        Ok(c) => c,
        Err(e) => {
            worker::console_error!("OIDC: {e}");
            return refused(
                "sign_in_failed",
                "De aanmelding werd niet bevestigd door de identiteitsdienst.",
            );
        }
    };
    let number = claims[&config.enterprise_claim]
        .as_str()
        .and_then(|s| EnterpriseNumber::parse(s).ok());
    let Some(number) = number else {
        return refused(
            "no_enterprise",
            "U bent niet gemachtigd om voor een onderneming op te treden.",
        );
    };
    let d1 = crate::db::db(&ctx.env)?;
    if enterprises::find(&d1, &number.digits()).await?.is_none() {
        return refused(
            "enterprise_not_registered",
            "Deze onderneming heeft nog geen kmo-portefeuille.",
        );
    }
    let user_name: String = claims[&config.name_claim]
        .as_str()
        .unwrap_or("Gebruiker")
        .chars()
        .take(100)
        .collect();
    let actor = Actor {
        role: Role::Enterprise,
        subject: number.digits(),
        user_name,
    };
    let session = auth::start(&ctx.env, &actor).await?;
    redirect("/portefeuille", &[session, oidc::clear_cookie()])
}
