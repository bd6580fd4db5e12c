//! The provider portal: the applications naming the provider (with refusal and its reason),
//! the payments received and the ratings received.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::provider::{
    ProviderPayment, ProviderPaymentList, ProviderProject, ProviderProjectList, ProviderRating,
    ProviderRatingList, RefuseAnswer, RefuseRequest,
};
use shared::project::RefusalGround;

use crate::api::{self, ApiError};
use crate::portal::{load, reload, when_loaded, LiveProblems, More};
use crate::show::{self, date, euro};
use crate::texts;

const PROJECTS: &str = "/api/v1/provider/projects";
const PAYMENTS: &str = "/api/v1/provider/payments";
const PAYMENTS_FILE: &str = "/api/v1/provider/payments.csv";
const RATINGS: &str = "/api/v1/provider/ratings";

/// The filters of the applications list: status, year, and a dossier number or part of the
/// enterprise's name.
#[derive(Clone, Default)]
struct Filters {
    status: String,
    year: String,
    q: String,
}

impl Filters {
    /// The page after `cursor` (empty: the first) with these filters.
    fn page(&self, cursor: &str) -> String {
        self.of(PROJECTS, cursor)
    }

    /// The spreadsheet file of every application these filters find.
    fn file(&self) -> String {
        self.of("/api/v1/provider/projects.csv", "")
    }

    fn of(&self, path: &str, cursor: &str) -> String {
        api::with_query(
            path,
            &[
                ("status", &self.status),
                ("year", &self.year),
                ("q", &self.q),
                ("cursor", cursor),
            ],
        )
    }
}

/// The page of a list without filters after `cursor`.
fn page_of(path: &str, cursor: &str) -> String {
    api::with_query(path, &[("cursor", cursor)])
}

#[component]
pub fn ProviderPortal() -> impl IntoView {
    let filters = RwSignal::new(Filters::default());
    let projects = load(Filters::default().page(""));
    let refresh = Callback::new(move |()| reload(projects, filters.get_untracked().page("")));
    let payments = load(PAYMENTS.into());
    let ratings = load(RATINGS.into());
    let set = move |update: fn(&mut Filters, String), value: String| {
        filters.update(|f| update(f, value));
        refresh.run(());
    };
    view! {
        <section class="stack" aria-labelledby="provider-title">
            <h1 id="provider-title">{texts::PROVIDER_TITLE}</h1>
            <section class="card" aria-labelledby="applications-title">
                <h2 id="applications-title">{texts::APPLICATIONS_TITLE}</h2>
                <form class="filters" on:submit=|ev| ev.prevent_default() role="search" aria-label=texts::FILTERS>
                    <div class="field">
                        <label for="p-q">{texts::APPLICATION_SEARCH}</label>
                        <input id="p-q" type="search" on:input=move |ev| set(|f, v| f.q = v, event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="p-status">{texts::COL_STATUS}</label>
                        <select id="p-status" on:change=move |ev| set(|f, v| f.status = v, event_target_value(&ev))>
                            <option value="">{texts::ALL}</option>
                            {shared::project::Status::ALL.iter().map(|s| view! { <option value=s.id()>{s.label_nl()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="p-year">{texts::COL_YEAR}</label>
                        <input id="p-year" type="search" inputmode="numeric" on:input=move |ev| set(|f, v| f.year = v, event_target_value(&ev))/>
                    </div>
                </form>
                <p><a class="action" href=move || filters.get().file() download="aanvragen.csv">{texts::DOWNLOAD_APPLICATIONS}</a></p>
                {when_loaded(projects, move |v: ProviderProjectList| {
                    let more = More::after(v.next_cursor);
                    let list = v.projects;
                    if list.is_empty() { return view! { <p>{texts::NO_PROJECTS}</p> }.into_any(); }
                    let one = move |p| view! { <Application p=p refresh=refresh/> };
                    view! {
                        <ul class="cards">
                            {list.into_iter().map(one).collect_view()}
                            {more.items(move |page: ProviderProjectList| page.projects.into_iter().map(one).collect_view())}
                        </ul>
                        {more.button(Callback::new(move |c: String| filters.get_untracked().page(&c)))}
                    }.into_any()
                })}
            </section>
            <div class="two">
                <section class="card" aria-labelledby="received-title">
                    <h2 id="received-title">{texts::RECEIVED_TITLE}</h2>
                    {when_loaded(payments, |v: ProviderPaymentList| {
                        let more = More::after(v.next_cursor);
                        view! {
                            <p>{texts::TOTAL}": "<strong data-field="total">{show::euro_total(v.total)}</strong></p>
                            <p><a class="action" href=PAYMENTS_FILE download="betalingen.csv">{texts::DOWNLOAD_PAYMENTS}</a></p>
                            <ul class="plain">
                                {received(v.payments)}
                                {more.items(|page: ProviderPaymentList| received(page.payments))}
                            </ul>
                            {more.button(Callback::new(|c: String| page_of(PAYMENTS, &c)))}
                        }
                    })}
                </section>
                <section class="card" aria-labelledby="ratings-title">
                    <h2 id="ratings-title">{texts::RATINGS_TITLE}</h2>
                    {when_loaded(ratings, |v: ProviderRatingList| {
                        let more = More::after(v.next_cursor);
                        let list = v.ratings;
                        if list.is_empty() { return view! { <p>{texts::NO_RATINGS}</p> }.into_any(); }
                        view! {
                            <ul class="plain">
                                {rated(list)}
                                {more.items(|page: ProviderRatingList| rated(page.ratings))}
                            </ul>
                            {more.button(Callback::new(|c: String| page_of(RATINGS, &c)))}
                        }.into_any()
                    })}
                </section>
            </div>
        </section>
    }
}

/// Payments received, one line each.
fn received(payments: Vec<ProviderPayment>) -> impl IntoView {
    payments
        .into_iter()
        .map(|p| {
            view! {
                <li>{date(p.ordered_on)}" – "{p.dossier_number.to_string()}" – "<strong>{euro(p.amount)}</strong>" – "{p.reference}</li>
            }
        })
        .collect_view()
}

/// Ratings received, with who rated.
fn rated(ratings: Vec<ProviderRating>) -> impl IntoView {
    ratings
        .into_iter()
        .map(|r| {
            let n = r.stars.min(5);
            view! {
                <li class="rating"><span class="stars" role="img" aria-label=texts::stars_label(i64::from(n))>{show::stars(n)}</span>
                    " "{r.rater_name}" ("{r.company_name}") – "{r.project_name}
                    <br/><q>{r.text}</q></li>
            }
        })
        .collect_view()
}

#[component]
fn Application(p: ProviderProject, refresh: Callback<()>) -> impl IntoView {
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
                Ok(_) => refresh.run(()),
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
