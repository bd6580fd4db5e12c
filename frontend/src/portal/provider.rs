//! The provider portal: the applications naming the provider (with refusal and its reason),
//! the payments received and the ratings received.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

use crate::api::{self, ApiError};
use crate::portal::{load, reload, when_loaded, LiveProblems, Loading};
use crate::show;
use crate::texts;

#[component]
pub fn ProviderPortal() -> impl IntoView {
    let projects = load("/api/v1/provider/projects".into());
    let payments = load("/api/v1/provider/payments".into());
    let ratings = load("/api/v1/provider/ratings".into());
    view! {
        <section class="stack" aria-labelledby="provider-title">
            <h1 id="provider-title">{texts::PROVIDER_TITLE}</h1>
            <section class="card" aria-labelledby="applications-title">
                <h2 id="applications-title">{texts::APPLICATIONS_TITLE}</h2>
                {when_loaded(projects, move |v| {
                    let list = v["projects"].as_array().cloned().unwrap_or_default();
                    if list.is_empty() { return view! { <p>{texts::NO_PROJECTS}</p> }.into_any(); }
                    view! { <ul class="cards">{list.into_iter().map(|p| view! { <Application p=p projects=projects/> }).collect_view()}</ul> }.into_any()
                })}
            </section>
            <div class="two">
                <section class="card" aria-labelledby="received-title">
                    <h2 id="received-title">{texts::RECEIVED_TITLE}</h2>
                    {when_loaded(payments, |v| {
                        let list = v["payments"].as_array().cloned().unwrap_or_default();
                        view! {
                            <p>{texts::TOTAL}": "<strong data-field="total">{show::euro(&v["total"])}</strong></p>
                            <ul class="plain">{list.into_iter().map(|p| view! {
                                <li>{show::date(&p["ordered_on"])}" – "{show::text(&p["dossier_number"])}" – "<strong>{show::euro(&p["amount"])}</strong>" – "{show::text(&p["reference"])}</li>
                            }).collect_view()}</ul>
                        }
                    })}
                </section>
                <section class="card" aria-labelledby="ratings-title">
                    <h2 id="ratings-title">{texts::RATINGS_TITLE}</h2>
                    {when_loaded(ratings, |v| {
                        let list = v["ratings"].as_array().cloned().unwrap_or_default();
                        if list.is_empty() { return view! { <p>{texts::NO_RATINGS}</p> }.into_any(); }
                        view! { <ul class="plain">{list.into_iter().map(|r| {
                            let n = r["stars"].as_u64().unwrap_or(0).min(5) as u8;
                            view! {
                                <li class="rating"><span class="stars" role="img" aria-label=texts::stars_label(i64::from(n))>{show::stars(n)}</span>
                                    " "{show::text(&r["rater_name"])}" ("{show::text(&r["company_name"])}") – "{show::text(&r["project_name"])}
                                    <br/><q>{show::text(&r["text"])}</q></li>
                            }
                        }).collect_view()}</ul> }.into_any()
                    })}
                </section>
            </div>
        </section>
    }
}

#[component]
fn Application(p: Value, projects: Loading) -> impl IntoView {
    let dossier = show::text(&p["dossier_number"]);
    let can_refuse = p["can_refuse"].as_bool().unwrap_or(false);
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let reason_id = format!("reason-{dossier}");
    let path = format!("/api/v1/provider/projects/{dossier}/refuse");
    let refuse = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = json!({ "reason": reason.get_untracked().trim() });
        let path = path.clone();
        error.set(None);
        spawn_local(async move {
            match api::post(&path, &body).await {
                Ok(_) => reload(projects, "/api/v1/provider/projects".into()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let label_for = reason_id.clone();
    view! {
        <li class="application" data-dossier=dossier.clone()>
            <strong>{dossier.clone()}</strong>" – "{show::text(&p["name"])}
            <span class="sub">{show::text(&p["enterprise_name"])}" · "{texts::service_label(p["service"].as_str().unwrap_or_default())}" · "{show::text(&p["year"])}</span>
            <dl class="figures">
                <div><dt>{texts::COL_STATUS}</dt><dd data-field="status">{show::text(&p["status_label"])}</dd></div>
                <div><dt>{texts::PROJECT_AMOUNT}</dt><dd data-field="project_amount">{show::euro(&p["project_amount"])}</dd></div>
                <div><dt>{texts::PAID}</dt><dd data-field="paid">{show::euro(&p["paid"])}</dd></div>
            </dl>
            {can_refuse.then(|| view! {
                <Show when=move || open.get() fallback=move || view! {
                    <button type="button" class="danger" on:click=move |_| open.set(true)>{texts::REFUSE}</button>
                }>
                    <form class="stack" novalidate on:submit=refuse.clone()>
                        <label for=label_for.clone()>{texts::REFUSE_REASON}</label>
                        <textarea id=reason_id.clone() rows="2" maxlength="500"
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        <LiveProblems error=error/>
                        <button type="submit" class="danger">{texts::REFUSE_CONFIRM}</button>
                    </form>
                </Show>
            })}
        </li>
    }
}
