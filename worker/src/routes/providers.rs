//! `GET /api/v1/providers/{number}`: one registered provider, public (the wizard's step 3 and
//! the embeddable calculator use it).

use shared::api::public::ProviderList;
use shared::error::FieldError;
use worker::{Request, Response, Result, RouteContext};

use crate::{http, providers};

pub async fn get(_req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let number = match providers::path_number(&ctx) {
        Ok(n) => n,
        Err(answer) => return answer,
    };
    match providers::find(&ctx.env, &number).await? {
        Some(p) => {
            let mut response = http::json(200, &p)?;
            response
                .headers_mut()
                .set("cache-control", "public, max-age=60")?;
            Ok(response)
        }
        None => http::error(
            404,
            "number",
            "provider_not_found",
            "Er is geen actieve dienstverlener met dit registratienummer.",
        ),
    }
}

#[derive(serde::Deserialize, Default)]
struct SearchQuery {
    q: Option<String>,
    service: Option<String>,
    theme: Option<String>,
    subtheme: Option<String>,
}

/// `GET /api/v1/providers?q=&service=&theme=&subtheme=`: search by number or name.
pub async fn search(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let query: SearchQuery = match http::query(&req) {
        Ok(q) => q,
        Err(answer) => return answer,
    };
    let q = query.q.unwrap_or_default();
    if q.trim().chars().count() < 2 || q.chars().count() > 100 {
        return http::bad_request(&[FieldError::new(
            "q",
            "query_length",
            "Zoek met 2 tot 100 tekens: een registratienummer of (een deel van) de naam.",
        )]);
    }
    let service = match query.service.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match shared::service::ServiceType::parse(s) {
            Some(t) => Some(t),
            None => {
                return http::bad_request(&[FieldError::new(
                    "service",
                    "unknown_value",
                    "Type dienstverlening: kies training of advice.",
                )])
            }
        },
    };
    let subtheme = query.subtheme.as_deref().filter(|s| !s.is_empty());
    let known_subtheme = |id: &str| {
        shared::themes::THEMES
            .iter()
            .any(|t| t.subthemes.iter().any(|s| s.id == id))
    };
    if subtheme.is_some_and(|s| !known_subtheme(s)) {
        return http::bad_request(&[FieldError::new(
            "subtheme",
            "unknown_value",
            "Subthema: onbekend subthema.",
        )]);
    }
    let choice = match query.theme.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(t) => match shared::themes::ThemeChoice::parse(t, subtheme) {
            Ok(c) => Some(c),
            // A sub-theme of another theme: no provider covers that pair.
            Err(shared::themes::ThemeError::UnknownSubtheme) => {
                return http::json(200, &ProviderList::default())
            }
            Err(shared::themes::ThemeError::UnknownTheme) => {
                return http::bad_request(&[FieldError::new(
                    "theme",
                    "unknown_value",
                    "Thema: onbekend thema of subthema.",
                )])
            }
        },
    };
    let d1 = crate::db::db(&ctx.env)?;
    let found = providers::search(&d1, &q, service, choice.as_ref()).await?;
    http::json(200, &ProviderList { providers: found })
}
