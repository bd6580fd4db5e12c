//! `POST /api/v1/simulate`: the public subsidy simulator.

use shared::simulate::{simulate, SimulationRequest};
use worker::{Request, Response, Result, RouteContext};

use crate::http;

pub async fn post(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    match SimulationRequest::from_json(&body, crate::clock::today(&ctx.env).await) {
        Ok(request) => http::json(200, &simulate(&request)),
        Err(errors) => http::bad_request(&errors),
    }
}
