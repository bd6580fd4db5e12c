//! `GET /api/v1/providers/{number}`: one registered provider, public (the wizard's step 3 and
//! the embeddable calculator use it).

use serde_json::json;
use shared::error::FieldError;
use shared::ids::provider_number::ProviderNumber;
use worker::{Request, Response, Result, RouteContext};

use crate::{http, providers};

pub async fn get(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let raw = ctx.param("number").cloned().unwrap_or_default();
    let number = match ProviderNumber::parse(&raw) {
        Ok(n) => n,
        Err(e) => return http::bad_request(&[FieldError::new("number", e.code(), e.message())]),
    };
    match providers::find(&ctx.env, &number).await? {
        Some(p) => {
            let mut response = http::json(200, &p)?;
            response.headers_mut().set("cache-control", "public, max-age=60")?;
            Ok(response)
        }
        None => http::json(
            404,
            &json!({ "errors": [FieldError::new("number", "provider_not_found",
                "Er is geen actieve dienstverlener met dit registratienummer.")] }),
        ),
    }
}
