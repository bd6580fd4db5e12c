//! The operator (the agency and its financial partner): providers, payments executed, refunds,
//! unmatched deposits and the audit log.

use serde_json::{json, Value};
use shared::error::FieldError;
use shared::form::Fields;
use shared::ids::provider_number::ProviderNumber;
use shared::service::ServiceType;
use shared::themes::ThemeChoice;
use worker::{Request, Response, Result, RouteContext};

use crate::auth::Role;
use crate::db::{self, int, text};
use crate::routes::projects::cents;
use crate::{http, providers, signed_in, store};

const PROVIDER_FIELDS: &[(&str, &str)] = &[
    ("number", "Registratienummer"),
    ("name", "Naam"),
    ("address", "Adres"),
    ("email", "E-mailadres"),
    ("services", "Diensten"),
    ("themes", "Thema's"),
    ("suspended", "Geschorst"),
];

/// `PUT /api/v1/operator/providers/{number}`: registers or updates a provider, its service
/// types and themes, in one batch; the cached directory entry is dropped.
pub async fn put_provider(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Operator);
    let number =
        match ProviderNumber::parse(ctx.param("number").map(String::as_str).unwrap_or_default()) {
            Ok(n) => n,
            Err(e) => {
                return http::bad_request(&[FieldError::new("number", e.code(), e.message())])
            }
        };
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let mut f = match Fields::new(&body, PROVIDER_FIELDS) {
        Ok(f) => f,
        Err(errors) => return http::bad_request(&errors),
    };
    let hint = "1 tot 200 tekens, zonder stuurtekens.";
    let mut text_field = |field: &str| f.required_text(field, 200, "invalid_text", hint);
    let name = text_field("name");
    let address = text_field("address");
    let email = text_field("email");
    let suspended = f.optional_bool("suspended").unwrap_or(false);
    let services: Option<Vec<ServiceType>> =
        body.get("services").and_then(Value::as_array).map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .filter_map(ServiceType::parse)
                .collect()
        });
    let services = match services {
        Some(s) if !s.is_empty() && s.len() == body["services"].as_array().map_or(0, Vec::len) => {
            Some(s)
        }
        _ => {
            f.error(
                "services",
                "invalid_services",
                "een lijst met \"training\" en/of \"advice\".",
            );
            None
        }
    };
    let themes: Option<Vec<(String, String)>> =
        body.get("themes").and_then(Value::as_array).map(|list| {
            list.iter()
                .filter_map(|t| {
                    let theme = t.get("theme")?.as_str()?;
                    let sub = t
                        .get("subtheme")
                        .and_then(Value::as_str)
                        .filter(|s| !s.is_empty());
                    ThemeChoice::parse(theme, sub).ok().map(|c| {
                        (
                            c.theme.id.to_string(),
                            c.subtheme.map_or(String::new(), |s| s.id.to_string()),
                        )
                    })
                })
                .collect()
        });
    let themes = match themes {
        Some(t) if !t.is_empty() && t.len() == body["themes"].as_array().map_or(0, Vec::len) => {
            Some(t)
        }
        _ => {
            f.error(
                "themes",
                "invalid_themes",
                "een lijst van { \"theme\", \"subtheme\"? } uit GET /api/v1/themes.",
            );
            None
        }
    };
    if let Err(errors) = f.finish() {
        return http::bad_request(&errors);
    }
    let (Some(name), Some(address), Some(email), Some(services), Some(themes)) =
        (name, address, email, services, themes)
    else {
        return http::bad_request(&[FieldError::new(
            "",
            "invalid_request",
            "Ongeldige aanvraag.",
        )]);
    };
    let d1 = db::db(&ctx.env)?;
    let n = number.to_string();
    let mut batch = vec![
        db::stmt(&d1,
            "INSERT INTO providers (number, name, address, email, suspended) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(number) DO UPDATE SET name = ?2, address = ?3, email = ?4, suspended = ?5",
            &[text(&n), text(&name), text(&address), text(&email), int(i64::from(suspended))])?,
        db::stmt(&d1, "DELETE FROM provider_services WHERE provider_number = ?1", &[text(&n)])?,
        db::stmt(&d1, "DELETE FROM provider_themes WHERE provider_number = ?1", &[text(&n)])?,
    ];
    for s in &services {
        batch.push(db::stmt(
            &d1,
            "INSERT OR IGNORE INTO provider_services (provider_number, service) VALUES (?1, ?2)",
            &[text(&n), text(s.id())],
        )?);
    }
    for (theme, sub) in &themes {
        batch.push(db::stmt(&d1, "INSERT OR IGNORE INTO provider_themes (provider_number, theme, subtheme) VALUES (?1, ?2, ?3)", &[text(&n), text(theme), text(sub)])?);
    }
    batch.push(store::audit(&d1, &actor, "provider_saved", &n, &body)?);
    d1.batch(batch).await?;
    providers::invalidate(&ctx.env, &number).await?;
    let saved = providers::load_any(&d1, &number).await?.map(|(p, _)| p);
    http::json(200, &json!({ "provider": saved, "suspended": suspended }))
}

/// `POST /api/v1/operator/payments/{id}/executed`: the financial partner executed a payment.
pub async fn payment_executed(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = signed_in!(req, ctx, Role::Operator);
    let Some(id) = ctx.param("id").and_then(|s| s.parse::<i64>().ok()) else {
        return http::bad_request(&[FieldError::new(
            "id",
            "invalid_id",
            "Betaling: ongeldig nummer.",
        )]);
    };
    let d1 = db::db(&ctx.env)?;
    let results = d1.batch(vec![
        db::stmt(&d1, "UPDATE payments SET status = 'executed', executed_at = datetime('now') WHERE id = ?1 AND status = 'ordered'", &[int(id)])?,
        // Audited only when the update above changed the payment.
        db::stmt(&d1,
            "INSERT INTO audit_log (actor_role, actor, action, target, detail, person, person_name) \
             SELECT ?1, ?2, 'payment_executed', ?3, '{}', ?4, ?5 WHERE changes() = 1",
            &[text(actor.role.id()), text(&actor.subject), text(&id.to_string()),
              text(&actor.person), text(&actor.user_name)])?,
    ]).await?;
    if results.first().map(db::changes) == Some(1) {
        return http::json(200, &json!({ "id": id, "status": "executed" }));
    }
    let exists: Option<Value> =
        db::first(&d1, "SELECT status FROM payments WHERE id = ?1", &[int(id)]).await?;
    match exists {
        Some(_) => http::error(
            409,
            "id",
            "already_executed",
            "Deze betaling is al uitgevoerd.",
        ),
        None => http::error(404, "id", "payment_not_found", "Onbekende betaling."),
    }
}

/// `GET /api/v1/operator/refunds`: own contributions to pay back, and deposits to send back.
pub async fn refunds(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    let d1 = db::db(&ctx.env)?;
    let refunds: Vec<Value> = db::all(&d1,
        "SELECT r.id, r.amount_cents, r.iban, r.status, r.created_at, p.dossier_number FROM refunds r \
         JOIN projects p ON p.id = r.project_id WHERE r.status = 'pending' ORDER BY r.id", &[]).await?;
    let deposits: Vec<Value> = db::all(&d1,
        "SELECT id, entry_ref, booked_on, amount_cents, currency, communication, counterparty_name, counterparty_iban, outcome \
         FROM bank_entries WHERE outcome LIKE 'refund_%' AND refunded_at IS NULL ORDER BY id", &[]).await?;
    let money = |rows: Vec<Value>| -> Vec<Value> {
        rows.into_iter()
            .map(|mut r| {
                r["amount"] = json!(cents(&r["amount_cents"]));
                r.as_object_mut().map(|o| o.remove("amount_cents"));
                r
            })
            .collect()
    };
    http::json(
        200,
        &json!({ "refunds": money(refunds), "deposits_to_return": money(deposits) }),
    )
}

/// `GET /api/v1/operator/bank-entries?outcome=`: imported entries, e.g. the unmatched ones.
pub async fn bank_entries(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    #[derive(serde::Deserialize, Default)]
    struct Q {
        outcome: Option<String>,
    }
    let q: Q = req.query().unwrap_or_default();
    let d1 = db::db(&ctx.env)?;
    const SELECT: &str = "SELECT b.id, b.entry_ref, b.booked_on, b.amount_cents, b.currency, b.credit, \
        b.communication, b.counterparty_name, b.counterparty_iban, b.outcome, p.dossier_number, \
        b.refunded_at, b.created_at FROM bank_entries b LEFT JOIN projects p ON p.id = b.project_id";
    let rows: Vec<Value> = match q.outcome.filter(|o| !o.is_empty()) {
        Some(o) => {
            db::all(
                &d1,
                &format!("{SELECT} WHERE b.outcome = ?1 ORDER BY b.id DESC LIMIT 1000"),
                &[text(&o)],
            )
            .await?
        }
        None => db::all(&d1, &format!("{SELECT} ORDER BY b.id DESC LIMIT 1000"), &[]).await?,
    };
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|mut r| {
            r["amount"] = json!(cents(&r["amount_cents"]));
            r["credit"] = json!(r["credit"].as_i64() == Some(1));
            r.as_object_mut().map(|o| o.remove("amount_cents"));
            r
        })
        .collect();
    http::json(200, &json!({ "entries": rows }))
}

/// `GET /api/v1/operator/audit?target=`: the append-only audit log, newest first.
pub async fn audit(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    #[derive(serde::Deserialize, Default)]
    struct Q {
        target: Option<String>,
    }
    let q: Q = req.query().unwrap_or_default();
    let d1 = db::db(&ctx.env)?;
    let rows: Vec<Value> = match q.target.filter(|t| !t.is_empty()) {
        Some(t) => {
            db::all(
                &d1,
                "SELECT * FROM audit_log WHERE target = ?1 ORDER BY id DESC LIMIT 1000",
                &[text(&t)],
            )
            .await?
        }
        None => {
            db::all(
                &d1,
                "SELECT * FROM audit_log ORDER BY id DESC LIMIT 1000",
                &[],
            )
            .await?
        }
    };
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|mut r| {
            let detail = r["detail"]
                .as_str()
                .and_then(|d| serde_json::from_str::<Value>(d).ok());
            r["detail"] = detail.filter(Value::is_object).unwrap_or_else(|| json!({}));
            r
        })
        .collect();
    http::json(200, &json!({ "entries": rows }))
}

/// `POST /api/v1/operator/run-daily`: the daily job on demand (the cron trigger runs it too).
pub async fn run_daily(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let _actor = signed_in!(req, ctx, Role::Operator);
    let run = crate::scheduled::run(&ctx.env, crate::clock::today(&ctx.env).await).await?;
    http::json(200, &run)
}
