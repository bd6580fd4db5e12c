//! One project: amounts and balance, the deposit details while the deposit is awaited, the
//! timeline of its deadlines, its payments and the actions that apply.

use leptos::prelude::*;
use shared::api::enterprise::{ProjectDetail, ProjectMovement, ProjectSummary};
use shared::project::Status;

use crate::portal::deposit::{deposit_of, DepositDetails, Timeline};
use crate::portal::wizard::today;
use crate::portal::{load, when_loaded, Back};
use crate::router::Link;
use crate::show::{date, euro};
use crate::texts;

#[component]
pub fn ProjectPage(dossier: String) -> impl IntoView {
    let answer = load(format!("/api/v1/projects/{dossier}"));
    view! {
        <section class="stack" aria-labelledby="project-title">
            <Back href="/portefeuille".into() label=texts::TO_OVERVIEW/>
            <h1 id="project-title">{texts::PROJECT_TITLE}{" "}{dossier}</h1>
            {when_loaded(answer, |p: ProjectDetail| view! { <ProjectBody p=p/> })}
        </section>
    }
}

/// The actions of a project summary (`actions` of the API) as links.
#[component]
pub fn Actions(p: ProjectSummary) -> impl IntoView {
    let d = p.dossier_number.to_string();
    let action = |allowed: bool, path: &str, label: &'static str, class: &'static str| {
        let href = format!("/project/{d}/{path}");
        allowed.then(move || view! { <Link href=href class=class>{label}</Link> })
    };
    view! {
        <p class="row no-print">
            {action(p.actions.pay, "betalen", texts::ACTION_PAY, "button primary")}
            {action(p.actions.rate, "beoordelen", texts::ACTION_RATE, "button secondary")}
            {action(p.actions.stop, "stopzetten", texts::ACTION_STOP, "button danger")}
        </p>
    }
}

/// The project's key figures, all from the API.
#[component]
pub fn Figures(p: ProjectSummary) -> impl IntoView {
    view! {
        <dl class="figures">
            <div><dt>{texts::COL_NAME}</dt><dd>{p.name}</dd></div>
            <div><dt>{texts::COL_STATUS}</dt><dd data-field="status">{p.status_label}</dd></div>
            <div><dt>{texts::COL_PROVIDER}</dt><dd>{p.provider_name}" ("{p.provider.to_string()}")"</dd></div>
            <div><dt>{texts::PROJECT_AMOUNT}</dt><dd data-field="project_amount">{euro(p.project_amount)}</dd></div>
            <div><dt>{texts::OWN_CONTRIBUTION_ENT}</dt><dd data-field="own_contribution">{euro(p.own_contribution)}</dd></div>
            <div><dt>{texts::SUBSIDY_GOV}</dt><dd data-field="subsidy">{euro(p.subsidy)}</dd></div>
            <div class="own"><dt>{texts::AVAILABLE}</dt><dd data-field="available">{euro(p.available)}</dd></div>
            <div><dt>{texts::PAID}</dt><dd data-field="paid">{euro(p.paid)}</dd></div>
        </dl>
    }
}

#[component]
fn ProjectBody(p: ProjectDetail) -> impl IntoView {
    let summary = p.summary;
    let deposit = (summary.status == Status::AwaitingDeposit)
        .then(|| {
            deposit_of(
                p.communication,
                summary.own_contribution,
                summary.deposit_by,
            )
        })
        .flatten();
    let dossier = summary.dossier_number.to_string();
    let has_calendar = p.calendar;
    let calendar = dossier.clone();
    view! {
        <div class="two">
            <section class="card no-print" aria-label=texts::PROJECT_TITLE>
                <Figures p=summary.clone()/>
                <Actions p=summary/>
            </section>
            <Timeline deadlines=p.deadlines today=today()>
                {has_calendar.then(|| view! { <CalendarLink dossier=calendar/> })}
            </Timeline>
        </div>
        {deposit.map(|d| view! { <DepositDetails deposit=d dossier=dossier/> })}
        <section class="card no-print" aria-labelledby="payments-title">
            <h2 id="payments-title">{texts::PAYMENTS_TITLE}</h2>
            {if p.payments.is_empty() {
                view! { <p>{texts::NO_PAYMENTS}</p> }.into_any()
            } else {
                view! { <ul class="plain">{p.payments.into_iter().map(|pay| view! {
                    <li>{date(pay.ordered_on)}" – "<strong>{euro(pay.amount)}</strong>
                        " – "{pay.reference}" – "{pay.communication}</li>
                }).collect_view()}</ul> }.into_any()
            }}
            <h2>{texts::MOVEMENTS_TITLE}</h2>
            <ul class="plain">{p.movements.iter().map(|m| view! { <li>{movement_line(m)}</li> }).collect_view()}</ul>
        </section>
    }
}

/// The project's deadlines as a calendar file (`GET /api/v1/projects/{dossier}/calendar.ics`),
/// downloaded rather than opened: the session cookie travels with the same-origin link.
#[component]
fn CalendarLink(dossier: String) -> impl IntoView {
    let href = format!("/api/v1/projects/{dossier}/calendar.ics");
    view! {
        <p class="no-print">
            <a class="button secondary" href=href download=calendar_file(&dossier)
                aria-describedby="calendar-hint">{texts::CALENDAR_LINK}</a>
        </p>
        <p class="hint" id="calendar-hint">{texts::CALENDAR_HINT}</p>
    }
}

/// `kmo-portefeuille-2026KMO000001.ics`: a file name without the path separator.
fn calendar_file(dossier: &str) -> String {
    format!("kmo-portefeuille-{}.ics", dossier.replace('/', "-"))
}

/// "21/04/2026 – Storting eigen bijdrage: € 686,00", with `shared`'s label of the movement.
pub fn movement_line(m: &ProjectMovement) -> String {
    format!(
        "{} – {}: {}",
        date(m.on),
        m.detail.label_nl(),
        euro(m.amount)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn movement(v: serde_json::Value) -> ProjectMovement {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn the_calendar_file_is_named_after_the_dossier_without_slashes() {
        assert_eq!(
            calendar_file("2026KMO000001"),
            "kmo-portefeuille-2026KMO000001.ics"
        );
        assert_eq!(
            calendar_file("2026/KMO/1"),
            "kmo-portefeuille-2026-KMO-1.ics"
        );
    }

    #[test]
    fn movements_are_named_by_shared() {
        let m = movement(json!({
            "kind": "refund_own_contribution", "amount": "686.00", "on": "2026-11-22",
            "detail": { "type": "refund_own_contribution", "amount": "686.00" }
        }));
        assert_eq!(
            movement_line(&m),
            "22/11/2026 – Terugbetaling eigen bijdrage: € 686,00"
        );
        let p = movement(json!({
            "kind": "payment_out", "amount": "100.00", "on": "2026-11-23",
            "detail": { "type": "payment_out", "amount": "100.00", "own_part": "70.00", "subsidy_part": "30.00" }
        }));
        assert!(movement_line(&p).ends_with(": € 100,00"));
    }
}
