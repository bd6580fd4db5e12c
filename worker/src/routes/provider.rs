//! The provider portal's API: the applications naming the signed-in provider, refusing one
//! (001: the provider "kan de steunaanvraag alsnog weigeren"), payments received and ratings.
//! A provider sees only projects that name it.

use serde_json::{json, Value};
use shared::project::Event;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::Role;
use crate::db::{self, int, text};
use crate::routes::projects::{cents, payment_json, read_reason, refused};
use crate::store::{self, Changed};
use crate::{http, signed_in};

pub async fn projects(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let d1 = db::db(&ctx.env)?;
    let rows = store::select(
        &d1,
        "provider_number = ?1 ORDER BY id DESC LIMIT 500",
        &[text(&actor.subject)],
    )
    .await?;
    let mut list = Vec::new();
    for row in &rows {
        let p = row.project()?;
        let enterprise: Option<Value> = db::first(
            &d1,
            "SELECT name FROM enterprises WHERE number = ?1",
            &[text(&row.enterprise_number)],
        )
        .await?;
        let payments: Vec<Value> = db::all(&d1, "SELECT id, amount_cents, own_cents, subsidy_cents, reference, communication, status, ordered_on FROM payments WHERE project_id = ?1 ORDER BY id", &[int(row.id)]).await?;
        list.push(json!({
            "dossier_number": row.dossier_number, "name": row.name, "service": row.service,
            "theme": row.theme, "subtheme": row.subtheme, "year": row.year,
            "enterprise_name": enterprise.and_then(|e| e["name"].as_str().map(str::to_string)),
            "status": p.status(), "status_label": p.status().label_nl(),
            "project_amount": p.amounts().project_amount(), "paid": p.paid(),
            "payments": payments.iter().map(payment_json).collect::<Vec<_>>(),
            "can_refuse": p.can_be_refused(),
        }));
    }
    http::json(200, &json!({ "projects": list }))
}

pub async fn refuse(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let reason = match read_reason(&mut req).await {
        Ok(r) => r,
        Err(answer) => return answer,
    };
    let d1 = db::db(&ctx.env)?;
    let dossier = ctx
        .param("dossier")
        .cloned()
        .unwrap_or_default()
        .to_uppercase();
    let Some(row) = store::by_dossier(&d1, &dossier)
        .await?
        .filter(|r| r.provider_number == actor.subject)
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
            &json!({ "status": project.status(), "movements": movements }),
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
    let d1 = db::db(&ctx.env)?;
    // The provider sees who rated it (003: "zichtbaar voor de dienstverlener (niet anoniem)").
    let rows: Vec<Value> = db::all(&d1,
        "SELECT r.stars, r.text, r.rater_name, r.company_name, r.created_at, p.dossier_number, p.name AS project_name \
         FROM ratings r JOIN projects p ON p.id = r.project_id WHERE r.provider_number = ?1 ORDER BY r.id DESC",
        &[text(&actor.subject)]).await?;
    http::json(200, &json!({ "ratings": rows }))
}

/// Payments received across the provider's projects.
pub async fn payments(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let d1 = db::db(&ctx.env)?;
    let rows: Vec<Value> = db::all(&d1,
        "SELECT pay.id, pay.amount_cents, pay.own_cents, pay.subsidy_cents, pay.reference, pay.communication, pay.status, pay.ordered_on, p.dossier_number \
         FROM payments pay JOIN projects p ON p.id = pay.project_id WHERE p.provider_number = ?1 ORDER BY pay.id DESC",
        &[text(&actor.subject)]).await?;
    let list: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut p = payment_json(r);
            p["dossier_number"] = r["dossier_number"].clone();
            p
        })
        .collect();
    let total: i64 = rows.iter().filter_map(|r| r["amount_cents"].as_i64()).sum();
    http::json(
        200,
        &json!({ "payments": list, "total": cents(&json!(total)) }),
    )
}
