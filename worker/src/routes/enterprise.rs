//! The enterprise's own data: profile with this year's size and budget, and its projects of
//! the last five calendar years with the manual's filters (003 "Historiek subsidies").

use serde::Deserialize;
use shared::api::enterprise::{
    EnterpriseNumberDigits, EnterpriseProfile, ProjectActions, ProjectList, ProjectSummary,
};
use shared::api::public::SizeAssessmentRequest;
use shared::api::{AuditDetail, Change};
use shared::form::Fields;
use shared::service::ServiceType;
use shared::size_wizard::{check_declaration, SizeQuestion};
use worker::{Request, Response, Result, RouteContext};

use crate::auth::Role;
use crate::db::{self, text};
use crate::store::{self, ProjectRow};
use crate::{enterprises, http, notifications, signed_in};

pub async fn profile(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let d1 = db::db(&ctx.env)?;
    let Some(e) = enterprises::find(&d1, &actor.subject).await? else {
        return http::error(404, "", "enterprise_not_found", "Onbekende onderneming.");
    };
    let today = crate::clock::today(&ctx.env).await;
    let year = enterprises::year(&d1, &e.number.digits(), &e.declared, today).await?;
    let (facts, kbo) = enterprises::facts(&d1, &e).await?;
    http::json(
        200,
        &EnterpriseProfile {
            number: EnterpriseNumberDigits(e.number),
            name: e.name,
            email: e.email,
            email_confirmed: e.email_confirmed_at.is_some(),
            refund_iban: e.refund_iban,
            size: year.size,
            size_label: year.size.label_nl().to_string(),
            size_fixed_for_year: year.size_fixed,
            size_figures: e.declared.size_figures.clone(),
            budget: year.budget(),
            kbo: kbo.map(|r| r.shown()),
            reasons: match facts {
                Ok(f) => shared::enterprise::standing(&f, today),
                Err(reason) => vec![reason],
            }
            .iter()
            .map(shared::api::Reason::from)
            .collect(),
        },
    )
}

const PROFILE_FIELDS: &[(&str, &str)] =
    &[("email", "E-mailadres"), ("refund_iban", "Rekeningnummer")];

/// `PATCH /api/v1/enterprise`: e-mail address and refund IBAN (003: "Mijn ondernemingsgegevens").
pub async fn update(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, PROFILE_FIELDS) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let email = f.optional_str("email").and_then(|e| f.email("email", e));
    let iban = f
        .optional_str("refund_iban")
        .and_then(|i| f.belgian_iban("refund_iban", i));
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let d1 = db::db(&ctx.env)?;
    let Some(before) = enterprises::find(&d1, &actor.subject).await? else {
        return http::error(404, "", "enterprise_not_found", "Onbekende onderneming.");
    };
    // Only real changes are written, audited and announced.
    let email = email.filter(|e| *e != before.email);
    let iban = iban.filter(|i| *i != before.refund_iban);
    let mut batch = Vec::new();
    if email.is_some() || iban.is_some() {
        // First: the notice, to the address on file before this change.
        let notice = notifications::profile_changed(
            &actor.subject,
            &actor.user_name,
            email.as_deref(),
            iban.as_deref(),
        );
        batch.push(store::outbox(&d1, &notice, None)?);
    }
    if let Some(e) = &email {
        // A new address is unconfirmed until the link mailed to it is followed.
        batch.push(db::stmt(
            &d1,
            "UPDATE enterprises SET email = ?1, email_confirmed_at = NULL WHERE number = ?2",
            &[text(e), text(&actor.subject)],
        )?);
        batch.extend(super::email::link(&d1, &ctx.env, &actor.subject, e)?);
    }
    if let Some(i) = &iban {
        batch.push(db::stmt(
            &d1,
            "UPDATE enterprises SET refund_iban = ?1 WHERE number = ?2",
            &[text(i), text(&actor.subject)],
        )?);
    }
    if !batch.is_empty() {
        let detail = AuditDetail {
            email: email.map(|to| Change {
                from: before.email,
                to,
            }),
            refund_iban: iban.map(|to| Change {
                from: before.refund_iban,
                to,
            }),
            ..AuditDetail::default()
        };
        batch.push(store::audit(
            &d1,
            &actor,
            "enterprise_updated",
            &actor.subject,
            &detail,
        )?);
        crate::mail::run_batch(&ctx.env, &d1, batch).await?;
    }
    profile(req, ctx).await
}

#[derive(Deserialize, Default)]
struct Filters {
    number: Option<String>,
    name: Option<String>,
    service: Option<String>,
    provider: Option<String>,
    year: Option<String>,
    status: Option<String>,
}

/// `GET /api/v1/enterprise/projects?number=&name=&service=&provider=&year=&status=&limit=&cursor=`:
/// a page of the projects of the last five calendar years, newest first. Three queries whatever
/// the number of projects: the page, its providers' names, which of them are rated.
pub async fn projects(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let page = match http::page_request(&req) {
        Ok(p) => p,
        Err(answer) => return answer,
    };
    let filters: Filters = match http::query(&req) {
        Ok(f) => f,
        Err(answer) => return answer,
    };
    // Lists are filtered by ids: anything else is a mistake worth naming, not an empty list.
    let checked = (
        http::filter(
            filters.service.as_deref(),
            "service",
            "Type dienstverlening",
            ServiceType::parse,
            &["training", "advice"],
        ),
        http::year_filter(filters.year.as_deref()),
        http::status_filter(filters.status.as_deref()),
    );
    let (service, year, status) = match checked {
        (Ok(service), Ok(year), Ok(status)) => (service, year, status),
        (Err(answer), _, _) | (_, Err(answer), _) | (_, _, Err(answer)) => return answer,
    };
    let texts = (
        http::search_text(filters.number.as_deref(), "number"),
        http::search_text(filters.name.as_deref(), "name"),
        http::search_text(filters.provider.as_deref(), "provider"),
    );
    let (number, name, provider) = match texts {
        (Ok(number), Ok(name), Ok(provider)) => (number, name, provider),
        (Err(answer), _, _) | (_, Err(answer), _) | (_, _, Err(answer)) => return answer,
    };
    let today = crate::clock::today(&ctx.env).await;
    let years = shared::deadlines::history_years(today);
    let filters = crate::lists::EnterpriseFilters {
        years: (*years.start(), *years.end()),
        number,
        name,
        provider,
        service,
        year,
        status,
    };
    let query = crate::lists::enterprise_projects(&actor.subject, &filters, &page);
    let d1 = db::db(&ctx.env)?;
    let rows: Vec<ProjectRow> = db::all(&d1, &query.sql, &query.js_args()).await?;
    let (rows, next_cursor) = page.split(rows, |r| r.id);
    let projects = summaries(&d1, &rows).await?;
    http::json(
        200,
        &ProjectList {
            projects,
            next_cursor,
        },
    )
}

#[derive(Deserialize)]
struct Rated {
    project_id: i64,
}

/// The projects of `rows` as the overview lists them, with the actions that apply (Betalen,
/// Beoordelen, Stopzetten): two queries for a whole page (the providers' names, the ratings).
pub async fn summaries(d1: &crate::db::Db, rows: &[ProjectRow]) -> Result<Vec<ProjectSummary>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let providers: Vec<String> = rows.iter().map(|r| r.provider_number.to_string()).collect();
    let names = db::names(
        d1,
        db::Names::Providers,
        providers.iter().map(String::as_str),
    )
    .await?;
    let rated: Vec<Rated> = db::all(
        d1,
        "SELECT DISTINCT project_id FROM ratings WHERE project_id IN (SELECT value FROM json_each(?1))",
        &[db::ids(rows.iter().map(|r| r.id))],
    )
    .await?;
    let rated: std::collections::HashSet<i64> = rated.into_iter().map(|r| r.project_id).collect();
    rows.iter()
        .map(|row| {
            let provider_name = names
                .get(&row.provider_number.to_string())
                .cloned()
                .ok_or_else(|| {
                    worker::Error::RustError(format!(
                        "project {}: its provider is not on file",
                        row.id
                    ))
                })?;
            Ok(summary(row, provider_name, rated.contains(&row.id)))
        })
        .collect()
}

/// One project as the overview lists it, its provider's name and whether it was rated read.
fn summary(row: &ProjectRow, provider_name: String, rated: bool) -> ProjectSummary {
    let p = &row.state;
    let status = p.status();
    ProjectSummary {
        dossier_number: row.dossier_number,
        name: row.name.clone(),
        service: row.service,
        theme: row.theme.clone(),
        subtheme: row.subtheme.clone(),
        provider: row.provider_number,
        provider_name,
        year: row.year,
        status,
        status_label: status.label_nl().to_string(),
        project_amount: p.amounts().project_amount(),
        own_contribution: p.amounts().own_contribution(),
        subsidy: p.amounts().subsidy(),
        available: p.available(),
        paid: p.paid(),
        deposit_by: row.deposit_by,
        closes_on: row.closes_on,
        actions: ProjectActions {
            pay: p.can_pay(),
            rate: p.can_be_rated(rated),
            stop: p.can_stop(),
        },
    }
}

const SIZE_FIELDS: &[(&str, &str)] = &[
    ("size", "Grootte onderneming"),
    ("figures", "Cijfers van de onderneming"),
];

/// `POST /api/v1/enterprise/size` `{ "size": "small" | "medium" | "large", "figures"?: {...} }`:
/// the declaration on honour of 003 "Bevestig grootte onderneming", with the figures it follows
/// from if the enterprise gave them (`shared::size_wizard::check_declaration`). Possible only while no application of this
/// calendar year fixed the size (003: the first application's size holds for the whole year).
pub async fn confirm_size(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Enterprise);
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, SIZE_FIELDS) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let size = f.required_choice(
        "size",
        shared::size::EnterpriseSize::parse,
        &["small", "medium", "large"],
    );
    // The figures the size follows from, read as the size wizard reads them (manual 003: the
    // system proposes the size from staff, turnover and balance sheet).
    let figures =
        f.present("figures").filter(|v| !v.is_null()).and_then(
            |v| match SizeQuestion::from_json_at(v, "figures") {
                Ok(q) => match serde_json::from_value::<SizeAssessmentRequest>(v.clone()) {
                    Ok(typed) => Some((q, typed)),
                    Err(_) => {
                        f.error("figures", "invalid_figures", "de cijfers zijn onleesbaar.");
                        None
                    }
                },
                Err(errors) => {
                    f.extend(errors);
                    None
                }
            },
        );
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let Some(size) = size else {
        return http::error(
            400,
            "size",
            "required",
            "Grootte onderneming: dit veld is verplicht.",
        );
    };
    if let Err(reason) = check_declaration(size, figures.as_ref().map(|(q, _)| q)) {
        return http::refused(&[reason]);
    }
    let d1 = db::db(&ctx.env)?;
    let Some(e) = enterprises::find(&d1, &actor.subject).await? else {
        return http::error(404, "", "enterprise_not_found", "Onbekende onderneming.");
    };
    let number = e.number.digits();
    let mut declared = e.declared;
    let was = declared.size;
    let today = crate::clock::today(&ctx.env).await;
    let fixed = || {
        http::error(
            409,
            "size",
            "size_fixed",
            "De grootte voor dit jaar ligt vast door uw eerste steunaanvraag van dit jaar. Klopt ze \
             niet, mail dan naar kmo-portefeuille@vlaanderen.be.",
        )
    };
    if enterprises::year(&d1, &number, &declared, today)
        .await?
        .size_fixed
    {
        return fixed();
    }
    declared.size = size;
    declared.size_figures = figures.map(|(_, typed)| typed);
    let declared_json = db::to_json(&declared)?;
    let detail = AuditDetail {
        size: Some(size),
        was: Some(was),
        ..AuditDetail::default()
    };
    let year_now = i64::from(chrono::Datelike::year(&today));
    // Conditional: an application filed in between fixes the size first and wins.
    let results = d1
        .batch(vec![
            db::stmt(
                &d1,
                "UPDATE enterprises SET declared = ?1 WHERE number = ?2 AND NOT EXISTS \
                 (SELECT 1 FROM enterprise_years WHERE enterprise_number = ?2 AND year = ?3)",
                &[text(&declared_json), text(&number), db::int(year_now)],
            )?,
            store::audit_if_changed(&d1, &actor, "size_confirmed", &number, &detail)?,
        ])
        .await?;
    if results.first().map(db::changes).transpose()? != Some(1) {
        return fixed();
    }
    profile(req, ctx).await
}
