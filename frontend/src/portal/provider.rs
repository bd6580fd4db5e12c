//! The provider portal: the applications naming the provider (with refusal and its reason),
//! the payments received and the ratings received.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::provider::{
    ProviderPaymentList, ProviderProject, ProviderProjectList, ProviderRatingList, RefuseAnswer,
    RefuseRequest,
};
use shared::project::RefusalGround;

use crate::api::{self, ApiError};
use crate::portal::{load, reload, when_loaded, LiveProblems, Loading};
use crate::show::{self, date, euro};
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
                {when_loaded(projects, move |v: ProviderProjectList| {
                    let list = v.projects;
                    if list.is_empty() { return view! { <p>{texts::NO_PROJECTS}</p> }.into_any(); }
                    view! { <ul class="cards">{list.into_iter().map(|p| view! { <Application p=p projects=projects/> }).collect_view()}</ul> }.into_any()
                })}
            </section>
            <div class="two">
                <section class="card" aria-labelledby="received-title">
                    <h2 id="received-title">{texts::RECEIVED_TITLE}</h2>
                    {when_loaded(payments, |v: ProviderPaymentList| {
                        view! {
                            <p>{texts::TOTAL}": "<strong data-field="total">{show::euro_total(v.total)}</strong></p>
                            <ul class="plain">{v.payments.into_iter().map(|p| view! {
                                <li>{date(p.ordered_on)}" – "{p.dossier_number.to_string()}" – "<strong>{euro(p.amount)}</strong>" – "{p.reference}</li>
                            }).collect_view()}</ul>
                        }
                    })}
                </section>
                <section class="card" aria-labelledby="ratings-title">
                    <h2 id="ratings-title">{texts::RATINGS_TITLE}</h2>
                    {when_loaded(ratings, |v: ProviderRatingList| {
                        let list = v.ratings;
                        if list.is_empty() { return view! { <p>{texts::NO_RATINGS}</p> }.into_any(); }
                        view! { <ul class="plain">{list.into_iter().map(|r| {
                            let n = r.stars.min(5);
                            view! {
                                <li class="rating"><span class="stars" role="img" aria-label=texts::stars_label(i64::from(n))>{show::stars(n)}</span>
                                    " "{r.rater_name}" ("{r.company_name}") – "{r.project_name}
                                    <br/><q>{r.text}</q></li>
                            }
                        }).collect_view()}</ul> }.into_any()
                    })}
                </section>
            </div>
        </section>
    }
}

#[component]
fn Application(p: ProviderProject, projects: Loading) -> impl IntoView {
    let dossier = p.dossier_number.to_string();
    let can_refuse = p.can_refuse;
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    // RULES.md §3: a related provider must refuse; the ground is named in the reason.
    let related = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let reason_id = format!("reason-{dossier}");
    let related_id = format!("related-{dossier}");
    let path = format!("/api/v1/provider/projects/{dossier}/refuse");
    let refuse = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = RefuseRequest {
            reason: reason.get_untracked().trim().to_string(),
            ground: related
                .get_untracked()
                .then_some(RefusalGround::RelatedParty),
        };
        let path = path.clone();
        error.set(None);
        spawn_local(async move {
            match api::post::<_, RefuseAnswer>(&path, &body).await {
                Ok(_) => reload(projects, "/api/v1/provider/projects".into()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let label_for = reason_id.clone();
    let related_for = related_id.clone();
    view! {
        <li class="application" data-dossier=dossier.clone()>
            <strong>{dossier.clone()}</strong>" – "{p.name}
            <span class="sub">{p.enterprise_name.unwrap_or_default()}" · "{texts::service_label(p.service.id())}" · "{p.year}</span>
            <dl class="figures">
                <div><dt>{texts::COL_STATUS}</dt><dd data-field="status">{p.status_label}</dd></div>
                <div><dt>{texts::PROJECT_AMOUNT}</dt><dd data-field="project_amount">{euro(p.project_amount)}</dd></div>
                <div><dt>{texts::PAID}</dt><dd data-field="paid">{euro(p.paid)}</dd></div>
            </dl>
            {can_refuse.then(|| view! {
                <Show when=move || open.get() fallback=move || view! {
                    <button type="button" class="danger" on:click=move |_| open.set(true)>{texts::REFUSE}</button>
                }>
                    <form class="stack" novalidate on:submit=refuse.clone()>
                        <label for=label_for.clone()>{texts::REFUSE_REASON}</label>
                        <textarea id=reason_id.clone() rows="2" maxlength="500"
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        <label class="check" for=related_for.clone()>
                            <input type="checkbox" id=related_id.clone()
                                on:change=move |ev| related.set(event_target_checked(&ev))/>
                            {texts::REFUSE_RELATED}
                        </label>
                        <LiveProblems error=error/>
                        <button type="submit" class="danger">{texts::REFUSE_CONFIRM}</button>
                    </form>
                </Show>
            })}
        </li>
    }
}
