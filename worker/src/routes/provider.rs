//! The provider portal's API: the applications naming the signed-in provider, refusing one
//! (001: the provider "kan de steunaanvraag alsnog weigeren"), payments received and ratings.
//! A provider sees only projects that name it.

use shared::api::page::{Cursor, PageRequest};
use shared::api::provider::{
    ProviderPayment, ProviderPaymentList, ProviderProject, ProviderProjectList, ProviderRating,
    ProviderRatingList, RefuseAnswer,
};
use shared::csv;
use shared::money::Total;
use shared::project::{Event, RefusalGround};
use std::collections::HashMap;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::Role;
use crate::db::{self, text};
use crate::lists;
use crate::routes::projects::{payments_of_projects, read_reason, refused, Choice, PaymentRow};
use crate::store::{self, Changed};
use crate::{http, signed_in};

#[derive(serde::Deserialize, Default)]
struct ProjectFilters {
    status: Option<String>,
    year: Option<String>,
    q: Option<String>,
}

/// `GET /api/v1/provider/projects?status=&year=&q=&limit=&cursor=`: a page of the applications
/// naming the provider, newest first. `q` finds a dossier number or part of the enterprise's
/// name. Three queries whatever the provider's number of projects: the page, its enterprises'
/// names, its payments.
pub async fn projects(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let page = match http::page_request(&req) {
        Ok(p) => p,
        Err(answer) => return answer,
    };
    let filters = match project_filters(&req) {
        Ok(f) => f,
        Err(answer) => return answer,
    };
    let query = lists::provider_projects(&actor.subject, &filters, &page);
    let d1 = db::db(&ctx.env)?;
    let rows: Vec<store::ProjectRow> = db::all(&d1, &query.sql, &query.js_args()).await?;
    let (rows, next_cursor) = page.split(rows, |r| r.id);
    let names = enterprise_names(&d1, &rows).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut payments = payments_of_projects(&d1, &ids).await?;
    let projects = rows
        .into_iter()
        .map(|row| {
            let p = &row.state;
            ProviderProject {
                dossier_number: row.dossier_number,
                name: row.name.clone(),
                service: row.service,
                theme: row.theme.clone(),
                subtheme: row.subtheme.clone(),
                year: row.year,
                enterprise_name: names.get(&row.enterprise_number).cloned(),
                status: p.status(),
                status_label: p.status().label_nl().to_string(),
                project_amount: p.amounts().project_amount(),
                paid: p.paid(),
                payments: payments.remove(&row.id).unwrap_or_default(),
                can_refuse: p.can_be_refused(),
            }
        })
        .collect();
    http::json(
        200,
        &ProviderProjectList {
            projects,
            next_cursor,
        },
    )
}

/// The filters of the applications list (`status`, `year`, `q`), or the 400 naming each wrong one.
fn project_filters(req: &Request) -> std::result::Result<lists::ProviderFilters, Result<Response>> {
    let filters: ProjectFilters = http::query(req)?;
    let checked = (
        http::status_filter(filters.status.as_deref()),
        http::year_filter(filters.year.as_deref()),
        http::search_text(filters.q.as_deref(), "q"),
    );
    match checked {
        (Ok(status), Ok(year), Ok(q)) => Ok(lists::ProviderFilters { status, year, q }),
        (Err(answer), _, _) | (_, Err(answer), _) | (_, _, Err(answer)) => Err(answer),
    }
}

/// Rows of a spreadsheet file read per query: a provider's applications of five years in a few
/// dozen queries, far below D1's 1,000 per request.
const CSV_PAGE: u32 = 1000;

/// `GET /api/v1/provider/projects.csv?status=&year=&q=`: every application the filters find, as
/// a spreadsheet file for the provider's bookkeeping (`shared::csv`), newest first. Streamed a
/// page at a time (two queries per 1,000 rows), so it is never one giant query nor held whole.
pub async fn projects_csv(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let filters = match project_filters(&req) {
        Ok(f) => f,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let header = csv::line(&[
        "dossiernummer",
        "project",
        "onderneming",
        "ondernemingsnummer",
        "dienst",
        "thema",
        "subthema",
        "jaar",
        "status",
        "projectbedrag",
        "betaald",
    ]);
    let pages = futures_util::stream::try_unfold(Some(first_csv_page()), move |page| {
        let (d1, provider, filters) = (d1.clone(), actor.subject.clone(), filters.clone());
        async move {
            let Some(page) = page else { return Ok(None) };
            let query = lists::provider_projects(&provider, &filters, &page);
            let rows: Vec<store::ProjectRow> = db::all(&d1, &query.sql, &query.js_args()).await?;
            let (rows, next) = page.split(rows, |r| r.id);
            let names = enterprise_names(&d1, &rows).await?;
            let mut text = String::new();
            for row in &rows {
                let p = &row.state;
                text += &csv::line(&[
                    row.dossier_number.to_string(),
                    row.name.clone(),
                    names
                        .get(&row.enterprise_number)
                        .cloned()
                        .unwrap_or_default(),
                    row.enterprise_number.clone(),
                    row.service.id().to_string(),
                    row.theme.clone(),
                    row.subtheme.clone(),
                    row.year.to_string(),
                    p.status().label_nl().to_string(),
                    csv::amount(p.amounts().project_amount()),
                    csv::amount(p.paid()),
                ]);
            }
            Ok::<_, worker::Error>(Some((text.into_bytes(), next_csv_page(next))))
        }
    });
    csv_file("aanvragen.csv", header, pages)
}

/// `GET /api/v1/provider/payments.csv`: every payment received, newest first, as a spreadsheet
/// file (`shared::csv`); streamed a page at a time (one query per 1,000 rows).
pub async fn payments_csv(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let d1 = db::db(&ctx.env)?;
    let header = csv::line(&[
        "datum",
        "dossiernummer",
        "bedrag",
        "uit eigen bijdrage",
        "uit subsidie",
        "referentie",
        "mededeling",
        "status",
    ]);
    let pages = futures_util::stream::try_unfold(Some(first_csv_page()), move |page| {
        let (d1, provider) = (d1.clone(), actor.subject.clone());
        async move {
            let Some(page) = page else { return Ok(None) };
            let query = lists::provider_payments(&provider, &page);
            let rows: Vec<PaymentRow> = db::all(&d1, &query.sql, &query.js_args()).await?;
            let all: Vec<ProviderPayment> = rows.into_iter().map(ProviderPayment::from).collect();
            let (payments, next) = page.split(all, |p| p.id);
            let mut text = String::new();
            for p in &payments {
                text += &csv::line(&[
                    p.ordered_on.to_string(),
                    p.dossier_number.to_string(),
                    csv::amount(p.amount),
                    csv::amount(p.own_part),
                    csv::amount(p.subsidy_part),
                    p.reference.clone(),
                    p.communication.clone(),
                    p.status.label_nl().to_string(),
                ]);
            }
            Ok::<_, worker::Error>(Some((text.into_bytes(), next_csv_page(next))))
        }
    });
    csv_file("betalingen.csv", header, pages)
}

fn first_csv_page() -> PageRequest {
    PageRequest {
        limit: CSV_PAGE,
        cursor: None,
    }
}

/// The page after a `next_cursor`, or none after the last.
fn next_csv_page(next: Option<String>) -> Option<PageRequest> {
    next.and_then(|c| Cursor::decode(&c))
        .map(|cursor| PageRequest {
            limit: CSV_PAGE,
            cursor: Some(cursor),
        })
}

/// A spreadsheet file named `name`: the byte order mark and `header`, then each page as it is
/// read.
fn csv_file(
    name: &str,
    header: String,
    pages: impl futures_util::Stream<Item = Result<Vec<u8>>> + 'static,
) -> Result<Response> {
    use futures_util::StreamExt;
    let start = futures_util::stream::once(async move {
        Ok::<_, worker::Error>(format!("{}{header}", csv::BYTE_ORDER_MARK).into_bytes())
    });
    let mut response = Response::from_stream(start.chain(pages))?;
    let headers = response.headers_mut();
    headers.set("content-type", "text/csv; charset=utf-8")?;
    headers.set(
        "content-disposition",
        &format!("attachment; filename=\"{name}\""),
    )?;
    Ok(response)
}

/// The names of the enterprises of `rows`, by number: one query for a page.
async fn enterprise_names(
    d1: &crate::db::Db,
    rows: &[store::ProjectRow],
) -> Result<HashMap<String, String>> {
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let numbers = rows.iter().map(|r| r.enterprise_number.as_str());
    db::names(d1, db::Names::Enterprises, numbers).await
}

pub async fn refuse(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let ground = Choice {
        field: "ground",
        label: "Grond",
        parse: RefusalGround::parse,
        allowed: RefusalGround::ALL.map(RefusalGround::id).to_vec(),
    };
    let reason = match read_reason(&mut req, ground).await {
        Ok((reason, None)) => reason,
        Ok((reason, Some(ground))) => ground.reason(&reason),
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let dossier = ctx
        .param("dossier")
        .cloned()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let Some(row) = store::by_dossier(&d1, &dossier)
        .await?
        .filter(|r| r.provider_number.to_string() == actor.subject)
    else {
        return http::error(
            404,
            "dossier_number",
            "project_not_found",
            "Dit project bestaat niet of vermeldt u niet als dienstverlener.",
        );
    };
    let event = Event::ProviderRefused {
        reason,
        date: crate::clock::today(&ctx.env).await,
    };
    match store::change(
        &ctx.env,
        row.id,
        &event,
        &actor,
        "provider_refused",
        &store::no_extra,
    )
    .await?
    {
        Changed::Done {
            project, movements, ..
        } => http::json(
            200,
            &RefuseAnswer {
                status: project.status(),
                movements,
            },
        ),
        Changed::Refused(e) => refused(e),
        Changed::Busy => store::busy(),
        Changed::Missing => http::error(
            404,
            "dossier_number",
            "project_not_found",
            "Project niet gevonden.",
        ),
    }
}

pub async fn ratings(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let page = match http::page_request(&req) {
        Ok(p) => p,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    // The provider sees who rated it (003: "zichtbaar voor de dienstverlener (niet anoniem)").
    #[derive(serde::Deserialize)]
    struct Row {
        id: i64,
        #[serde(flatten)]
        rating: ProviderRating,
    }
    let query = lists::provider_ratings(&actor.subject, &page);
    let rows: Vec<Row> = db::all(&d1, &query.sql, &query.js_args()).await?;
    let (rows, next_cursor) = page.split(rows, |r| r.id);
    let ratings = rows.into_iter().map(|r| r.rating).collect();
    http::json(
        200,
        &ProviderRatingList {
            ratings,
            next_cursor,
        },
    )
}

/// Payments received across the provider's projects, a page at a time, with the sum of all.
pub async fn payments(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let page = match http::page_request(&req) {
        Ok(p) => p,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let query = lists::provider_payments(&actor.subject, &page);
    let rows: Vec<PaymentRow> = db::all(&d1, &query.sql, &query.js_args()).await?;
    let all: Vec<ProviderPayment> = rows.into_iter().map(ProviderPayment::from).collect();
    let (payments, next_cursor) = page.split(all, |p| p.id);
    #[derive(serde::Deserialize)]
    struct Sum {
        cents: i64,
    }
    let sum: Option<Sum> = db::first(
        &d1,
        "SELECT COALESCE(SUM(amount_cents), 0) AS cents FROM payments WHERE provider_number = ?1",
        &[text(&actor.subject)],
    )
    .await?;
    let cents = sum.map_or(0, |s| s.cents);
    let total = Total::from_cents(cents)
        .ok_or_else(|| worker::Error::RustError(format!("payments sum {cents} cents")))?;
    http::json(
        200,
        &ProviderPaymentList {
            payments,
            total,
            next_cursor,
        },
    )
}
