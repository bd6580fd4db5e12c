//! `POST /api/v1/size-assessment`: the size wizard, public, no sign-in.

use shared::size_wizard::{answer, SizeQuestion};
use worker::{Request, Response, Result, RouteContext};

use crate::http;

pub async fn post(mut req: Request, _ctx: RouteContext<()>) -> Result<Response> {
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    match SizeQuestion::from_json(&body) {
        Ok(question) => http::json(200, &answer(&question)),
        Err(errors) => http::bad_request(&errors),
    }
}
