//! One project: amounts and balance, the deposit details while the deposit is awaited, the
//! timeline of its deadlines, its payments and the actions that apply.

use leptos::prelude::*;
use serde_json::Value;
use shared::project::Movement;

use crate::portal::deposit::{deposit_of, DepositDetails, Timeline};
use crate::portal::wizard::today;
use crate::portal::{load, when_loaded, Back};
use crate::router::Link;
use crate::show;
use crate::texts;

#[component]
pub fn ProjectPage(dossier: String) -> impl IntoView {
    let answer = load(format!("/api/v1/projects/{dossier}"));
    view! {
        <section class="stack" aria-labelledby="project-title">
            <Back href="/portefeuille".into() label=texts::TO_OVERVIEW/>
            <h1 id="project-title">{texts::PROJECT_TITLE}{" "}{dossier}</h1>
            {when_loaded(answer, |p| view! { <ProjectBody p=p/> })}
        </section>
    }
}

/// The actions of a project summary (`actions` of the API) as links.
#[component]
pub fn Actions(p: Value) -> impl IntoView {
    let d = show::text(&p["dossier_number"]);
    let action = |key: &str, path: &str, label: &'static str, class: &'static str| {
        let href = format!("/project/{d}/{path}");
        p["actions"][key]
            .as_bool()
            .unwrap_or(false)
            .then(move || view! { <Link href=href class=class>{label}</Link> })
    };
    view! {
        <p class="row no-print">
            {action("pay", "betalen", texts::ACTION_PAY, "button primary")}
            {action("rate", "beoordelen", texts::ACTION_RATE, "button secondary")}
            {action("stop", "stopzetten", texts::ACTION_STOP, "button danger")}
        </p>
    }
}

/// The project's key figures, all from the API.
#[component]
pub fn Figures(p: Value) -> impl IntoView {
    view! {
        <dl class="figures">
            <div><dt>{texts::COL_NAME}</dt><dd>{show::text(&p["name"])}</dd></div>
            <div><dt>{texts::COL_STATUS}</dt><dd data-field="status">{show::text(&p["status_label"])}</dd></div>
            <div><dt>{texts::COL_PROVIDER}</dt><dd>{show::text(&p["provider_name"])}" ("{show::text(&p["provider"])}")"</dd></div>
            <div><dt>{texts::PROJECT_AMOUNT}</dt><dd data-field="project_amount">{show::euro(&p["project_amount"])}</dd></div>
            <div><dt>{texts::OWN_CONTRIBUTION_ENT}</dt><dd data-field="own_contribution">{show::euro(&p["own_contribution"])}</dd></div>
            <div><dt>{texts::SUBSIDY_GOV}</dt><dd data-field="subsidy">{show::euro(&p["subsidy"])}</dd></div>
            <div class="own"><dt>{texts::AVAILABLE}</dt><dd data-field="available">{show::euro(&p["available"])}</dd></div>
            <div><dt>{texts::PAID}</dt><dd data-field="paid">{show::euro(&p["paid"])}</dd></div>
        </dl>
    }
}

#[component]
fn ProjectBody(p: Value) -> impl IntoView {
    let awaiting = p["status"] == "awaiting_deposit";
    let deposit = awaiting.then(|| deposit_of(&p)).flatten();
    let dossier = show::text(&p["dossier_number"]);
    let payments = p["payments"].as_array().cloned().unwrap_or_default();
    let movements = p["movements"].as_array().cloned().unwrap_or_default();
    view! {
        <div class="two">
            <section class="card no-print" aria-label=texts::PROJECT_TITLE>
                <Figures p=p.clone()/>
                <Actions p=p.clone()/>
            </section>
            <Timeline deadlines=p["deadlines"].clone() today=today()/>
        </div>
        {deposit.map(|d| view! { <DepositDetails deposit=d dossier=dossier/> })}
        <section class="card no-print" aria-labelledby="payments-title">
            <h2 id="payments-title">{texts::PAYMENTS_TITLE}</h2>
            {if payments.is_empty() {
                view! { <p>{texts::NO_PAYMENTS}</p> }.into_any()
            } else {
                view! { <ul class="plain">{payments.into_iter().map(|pay| view! {
                    <li>{show::date(&pay["ordered_on"])}" – "<strong>{show::euro(&pay["amount"])}</strong>
                        " – "{show::text(&pay["reference"])}" – "{show::text(&pay["communication"])}</li>
                }).collect_view()}</ul> }.into_any()
            }}
            <h2>{texts::MOVEMENTS_TITLE}</h2>
            <ul class="plain">{movements.into_iter().map(|m| view! { <li>{movement_line(&m)}</li> }).collect_view()}</ul>
        </section>
    }
}

/// "21/04/2026 – Storting eigen bijdrage: € 686,00", with `shared`'s label of the movement.
pub fn movement_line(m: &Value) -> String {
    let mut typed = m.clone();
    if let Some(kind) = m.get("kind").cloned() {
        typed["type"] = kind;
    }
    // Only a payment carries its split; the label does not depend on it.
    for part in ["own_part", "subsidy_part"] {
        if typed.get(part).is_none() {
            typed[part] = serde_json::json!("0.00");
        }
    }
    let label = serde_json::from_value::<Movement>(typed)
        .map(|mv| mv.label_nl().to_string())
        .unwrap_or_else(|_| show::text(&m["kind"]));
    let on = show::date(&m["on"]);
    let prefix = if on.is_empty() {
        String::new()
    } else {
        format!("{on} – ")
    };
    format!("{prefix}{label}: {}", show::euro(&m["amount"]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn movements_are_named_by_shared() {
        let m =
            json!({ "kind": "refund_own_contribution", "amount": "686.00", "on": "2026-11-22" });
        assert_eq!(
            movement_line(&m),
            "22/11/2026 – Terugbetaling eigen bijdrage: € 686,00"
        );
        let p = json!({ "kind": "payment_out", "amount": "100.00" });
        assert!(movement_line(&p).ends_with(": € 100,00"));
    }
}
