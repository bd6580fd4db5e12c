//! `GET /api/v1/registration` and `POST /api/v1/registration`: first-time registration of an
//! enterprise (000, procedure step 2; RULES.md §1). A person signed in for an enterprise that is
//! in the KBO data but has no wallet sees what the KBO says about it and every reason it cannot
//! register; it declares its e-mail address, refund account, public participation and size, and
//! its wallet opens. The enterprises table's key makes a second registration impossible, also
//! when two arrive at once: one wallet, one audit row, the other answer 409.

use shared::api::registration::{Registration, RegistrationView};
use shared::api::{AuditDetail, Change, Reason};
use shared::kbo::{self, Declared};
use worker::{Request, Response, Result, RouteContext};

use crate::db::{self, text};
use crate::{auth, http, store};

macro_rules! registering {
    ($req:expr, $ctx:expr) => {
        match auth::require_registering(&$req, &$ctx.env).await? {
            Ok(actor) => actor,
            Err(answer) => return Ok(answer),
        }
    };
}

pub async fn view(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = registering!(req, ctx);
    let d1 = db::db(&ctx.env)?;
    let record = crate::kbo::record(&d1, &actor.subject).await?;
    let today = crate::clock::today(&ctx.env).await;
    let reasons = kbo::registration_reasons(record.as_ref(), None, today);
    http::json(
        200,
        &RegistrationView {
            kbo: record.map(|r| r.shown()),
            reasons: reasons.iter().map(Reason::from).collect(),
        },
    )
}

pub async fn register(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    let actor = registering!(req, ctx);
    let body = match http::read_json(&mut req).await {
        Ok(v) => v,
        Err(answer) => return answer,
    };
    let registration = match Registration::from_json(&body) {
        Ok(r) => r,
        Err(errors) => return http::bad_request(&errors),
    };
    let d1 = db::db(&ctx.env)?;
    let record = crate::kbo::record(&d1, &actor.subject).await?;
    let declared = Declared {
        public_participation: registration.public_participation,
        size: registration.size,
        size_figures: None,
        de_minimis_aid: Vec::new(),
    };
    let today = crate::clock::today(&ctx.env).await;
    let reasons = kbo::registration_reasons(record.as_ref(), Some(&declared), today);
    let Some(record) = record.filter(|_| reasons.is_empty()) else {
        return http::refused(&reasons);
    };
    let detail = AuditDetail {
        email: Some(Change {
            from: String::new(),
            to: registration.email.clone(),
        }),
        refund_iban: Some(Change {
            from: String::new(),
            to: registration.refund_iban.clone(),
        }),
        size: Some(registration.size),
        ..AuditDetail::default()
    };
    // One batch: a second registration (also one at the same moment) fails on the key and
    // changes nothing. The e-mail address stays unconfirmed (email_confirmed_at NULL) until the
    // link mailed to it is followed.
    let mut batch = vec![
        db::stmt(
            &d1,
            "INSERT INTO enterprises (number, name, email, refund_iban, declared, registered_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[
                text(&actor.subject),
                text(&record.name()),
                text(&registration.email),
                text(&registration.refund_iban),
                text(&db::to_json(&declared)?),
                text(&actor.person),
            ],
        )?,
        store::audit(
            &d1,
            &actor,
            "enterprise_registered",
            &actor.subject,
            &detail,
        )?,
    ];
    batch.extend(super::email::link(
        &d1,
        &ctx.env,
        &actor.subject,
        &registration.email,
    )?);
    if let Err(e) = crate::mail::run_batch(&ctx.env, &d1, batch).await {
        return match db::refusal(&e) {
            db::Refusal::Unique => http::error(
                409,
                "",
                "already_registered",
                "Uw onderneming is al geregistreerd voor de kmo-portefeuille.",
            ),
            _ => Err(e),
        };
    }
    match auth::current(&req, &ctx.env).await? {
        Some(session) => http::json(201, &session.shown),
        None => http::error(401, "", "not_signed_in", "Meld u eerst aan."),
    }
}
