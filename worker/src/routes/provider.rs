//! The provider portal's API: the applications naming the signed-in provider, refusing one
//! (001: the provider "kan de steunaanvraag alsnog weigeren"), payments received and ratings.
//! A provider sees only projects that name it.

use shared::api::provider::{
    ProviderPayment, ProviderPaymentList, ProviderProject, ProviderProjectList, ProviderRating,
    ProviderRatingList, RefuseAnswer,
};
use shared::money::Total;
use shared::project::{Event, RefusalGround};
use worker::{Request, Response, Result, RouteContext};

use crate::auth::Role;
use crate::db::{self, text};
use crate::routes::projects::{
    payments_of, read_reason, refused, Choice, PaymentRow, PAYMENTS_SQL,
};
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
    let mut projects = Vec::new();
    for row in rows {
        let p = &row.state;
        let enterprise: Option<db::NameRow> = db::first(
            &d1,
            "SELECT name FROM enterprises WHERE number = ?1",
            &[text(&row.enterprise_number)],
        )
        .await?;
        projects.push(ProviderProject {
            dossier_number: row.dossier_number,
            name: row.name.clone(),
            service: row.service,
            theme: row.theme.clone(),
            subtheme: row.subtheme.clone(),
            year: row.year,
            enterprise_name: enterprise.map(|e| e.name),
            status: p.status(),
            status_label: p.status().label_nl().to_string(),
            project_amount: p.amounts().project_amount(),
            paid: p.paid(),
            payments: payments_of(&d1, row.id).await?,
            can_refuse: p.can_be_refused(),
        });
    }
    http::json(200, &ProviderProjectList { projects })
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
    let d1 = db::db(&ctx.env)?;
    // The provider sees who rated it (003: "zichtbaar voor de dienstverlener (niet anoniem)").
    // The row is the answer's rating, column for column.
    let ratings: Vec<ProviderRating> = db::all(&d1,
        "SELECT r.stars, r.text, r.rater_name, r.company_name, r.created_at, p.dossier_number, p.name AS project_name \
         FROM ratings r JOIN projects p ON p.id = r.project_id WHERE r.provider_number = ?1 ORDER BY r.id DESC",
        &[text(&actor.subject)]).await?;
    http::json(200, &ProviderRatingList { ratings })
}

/// Payments received across the provider's projects.
pub async fn payments(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Provider);
    let d1 = db::db(&ctx.env)?;
    let sql = format!("{PAYMENTS_SQL} WHERE p.provider_number = ?1 ORDER BY pay.id DESC");
    let rows: Vec<PaymentRow> = db::all(&d1, &sql, &[text(&actor.subject)]).await?;
    let payments: Vec<ProviderPayment> = rows.into_iter().map(ProviderPayment::from).collect();
    let total = Total::of(payments.iter().map(|p| p.amount));
    http::json(200, &ProviderPaymentList { payments, total })
}
