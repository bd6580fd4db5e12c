//! `GET /api/v1/regimes`: the rule sets with their parameters and legal sources, generated from
//! the data the rules use (`shared::regime::REGIMES`); `?on=YYYY-MM-DD` the one in force that day.

use serde::Deserialize;
use shared::api::public::{RegimeInfo, RegimeList, RegimeOn};
use shared::error::FieldError;
use shared::regime::{Regime, REGIMES};
use worker::{Request, Response, Result, RouteContext};

use crate::http;

#[derive(Deserialize)]
struct Query {
    on: Option<String>,
}

pub fn get(req: Request, _ctx: RouteContext<()>) -> Result<Response> {
    let query: Query = match http::query(&req) {
        Ok(q) => q,
        Err(answer) => return answer,
    };
    let mut response = match query.on.as_deref() {
        None => http::json(
            200,
            &RegimeList {
                regimes: REGIMES.iter().map(RegimeInfo::from).collect(),
            },
        )?,
        Some(raw) => {
            let Some(date) = shared::form::parse_iso_date(raw) else {
                return http::bad_request(&[FieldError::new(
                    "on",
                    "invalid_date",
                    "Datum: geef een bestaande datum in de vorm JJJJ-MM-DD.",
                )]);
            };
            match Regime::on(date) {
                Ok(regime) => http::json(
                    200,
                    &RegimeOn {
                        regime: regime.into(),
                    },
                )?,
                Err(e) => {
                    return http::bad_request(&[FieldError::new(
                        "on",
                        "date_not_supported",
                        format!(
                            "Datum: de regels zijn opgenomen vanaf {}.",
                            shared::format::date(e.first_supported)
                        ),
                    )])
                }
            }
        }
    };
    // The rule sets change only with a deployment.
    response
        .headers_mut()
        .set("cache-control", "public, max-age=3600")?;
    Ok(response)
}
