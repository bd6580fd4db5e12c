//! `GET /api/v1/themes`: the themes and sub-themes with ids and Dutch labels.

use shared::api::public::ThemeList;
use shared::themes::THEMES;
use worker::{Request, Response, Result, RouteContext};

use crate::http;

pub fn list(_req: Request, _ctx: RouteContext<()>) -> Result<Response> {
    let mut response = http::json(200, &ThemeList { themes: THEMES })?;
    // The catalogue changes only with a deployment.
    response
        .headers_mut()
        .set("cache-control", "public, max-age=3600")?;
    Ok(response)
}
