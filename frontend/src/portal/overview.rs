//! "Uw kmo-portefeuille overzicht" (003): why the enterprise cannot apply now (if so), the size
//! for this year, the annual budget left, the company details with what the KBO says, and the
//! projects of the last five years with filters and actions.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::enterprise::{
    EnterpriseProfile, EnterpriseUpdate, ProjectList, ProjectSummary, SizeDeclaration,
};
use shared::api::public::SizeAssessmentRequest;
use shared::ids::iban::BeIban;
use shared::size::EnterpriseSize;
use shared::size_wizard::{SizeOutcome, TypedSize};

use crate::api::{self, ApiError};
use crate::portal::registration::{KboCard, Reasons};
use crate::portal::{load, reload, when_loaded, Field, LiveProblems, Loading, More};
use crate::router::Link;
use crate::show::euro;
use crate::size::{SizeFields, SizeResult};
use crate::texts;

#[component]
pub fn Overview() -> impl IntoView {
    let enterprise = load("/api/v1/enterprise".into());
    view! {
        <section class="stack" aria-labelledby="overview-title">
            <h1 id="overview-title">{texts::OVERVIEW_TITLE}</h1>
            <p class="intro">{texts::OVERVIEW_INTRO}</p>
            {when_loaded(enterprise, move |e: EnterpriseProfile| view! {
                <Reasons title=texts::CANNOT_APPLY reasons=e.reasons.clone()/>
                <div class="two">
                    <SizeAndBudget e=e.clone() enterprise=enterprise/>
                    <CompanyDetails e=e/>
                </div>
            })}
            <p><Link href="/aanvraag".into() class="button primary">{texts::NEW_APPLICATION}</Link></p>
            <Projects/>
        </section>
    }
}

#[component]
fn SizeAndBudget(e: EnterpriseProfile, enterprise: Loading) -> impl IntoView {
    let fixed = e.size_fixed_for_year;
    let label = e.size_label;
    let budget = e.budget;
    let remaining = euro(budget.remaining);
    let width = if budget.ceiling.is_zero() {
        "width: 0%".to_string()
    } else {
        let pct = budget.remaining.amount() * rust_decimal::Decimal::ONE_HUNDRED
            / budget.ceiling.amount();
        format!("width: {}%", pct.round_dp(1))
    };
    let bar_label = format!(
        "{} {} {} {}",
        texts::BUDGET_BAR_1,
        remaining,
        texts::BUDGET_BAR_2,
        euro(budget.ceiling)
    );
    view! {
        <section class="card" aria-labelledby="size-title">
            {if fixed {
                view! {
                    <h2 id="size-title">{texts::SIZE_TITLE}</h2>
                    <p data-field="size">{texts::SIZE_IS}<strong>{label}</strong>"."</p>
                    <p class="hint">{texts::SIZE_FIXED_NOTE}</p>
                }.into_any()
            } else {
                view! {
                    <h2 id="size-title">{texts::SIZE_CONFIRM_TITLE}</h2>
                    <p data-field="size">{texts::SIZE_PROPOSED}<strong>{label}</strong>"."</p>
                    <p>{texts::SIZE_EU_1}<a href=texts::EU_DEFINITION_URL rel="noopener" target="_blank">{texts::SIZE_EU_LINK}</a>{texts::SIZE_EU_2}</p>
                    <ConfirmSize current=e.size figures=e.size_figures enterprise=enterprise/>
                    <p class="hint">{texts::SIZE_CONFIRM_NOTE}</p>
                }.into_any()
            }}
            <h2>{texts::BUDGET_TITLE}{" "}{budget.year}</h2>
            <p>{texts::BUDGET_LEFT}<strong data-field="remaining">{remaining}</strong>"."</p>
            <div class="budget-bar" role="img" aria-label=bar_label><div class="budget-left" style=width></div></div>
        </section>
    }
}

/// 003 "Bevestig grootte onderneming": the declaration on honour of the size, with the three
/// sizes and BEVESTIG; the server refuses it once an application of this year fixed the size.
/// The size wizard proposes the size from the enterprise's own figures (those it gave before
/// filled in) with its partner and linked enterprises; they are sent with the declaration.
#[component]
fn ConfirmSize(
    current: EnterpriseSize,
    figures: Option<SizeAssessmentRequest>,
    enterprise: Loading,
) -> impl IntoView {
    let chosen = RwSignal::new(current);
    let error = RwSignal::new(None::<ApiError>);
    let had_figures = figures.is_some();
    let form = RwSignal::new(
        figures
            .as_ref()
            .map(TypedSize::from_request)
            .unwrap_or_default(),
    );
    let outcome = Memo::new(move |_| form.with(TypedSize::evaluate));
    // The proposal: the size the figures establish is the one chosen.
    Effect::new(move |_| {
        if let SizeOutcome::Assessed(a) = outcome.get() {
            chosen.set(a.established_size);
        }
    });
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        spawn_local(async move {
            let body = SizeDeclaration {
                size: chosen.get_untracked(),
                figures: form.with_untracked(|f| (!f.is_empty()).then(|| f.request())),
            };
            match api::post::<_, EnterpriseProfile>("/api/v1/enterprise/size", &body).await {
                Ok(_) => reload(enterprise, "/api/v1/enterprise".into()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let option = move |size: EnterpriseSize, label: &'static str| {
        let value = size.id();
        let id = format!("size-choice-{value}");
        let for_id = id.clone();
        view! {
            <label class="radio" for=for_id>
                <input type="radio" id=id name="size-choice" value=value
                    prop:checked=move || chosen.get() == size
                    on:change=move |_| chosen.set(size)/>
                {label}
            </label>
        }
    };
    view! {
        <form class="confirm-size" on:submit=confirm novalidate>
            <details class="size-calc" open=had_figures>
                <summary>{texts::SIZE_CALCULATE}</summary>
                <SizeFields form=form outcome=outcome heading="h3"/>
                <div class="result" aria-live="polite"><SizeResult outcome=outcome/></div>
            </details>
            <fieldset class="choice">
                <legend>{texts::SIZE_DECLARE}</legend>
                {option(EnterpriseSize::Small, texts::SIZE_DECLARE_SMALL)}
                {option(EnterpriseSize::Medium, texts::SIZE_DECLARE_MEDIUM)}
                {option(EnterpriseSize::Large, texts::SIZE_DECLARE_LARGE)}
            </fieldset>
            <LiveProblems error=error/>
            <button type="submit" class="button">{texts::SIZE_CONFIRM_BUTTON}</button>
        </form>
    }
}

#[component]
fn CompanyDetails(e: EnterpriseProfile) -> impl IntoView {
    let email = RwSignal::new(e.email);
    let iban = RwSignal::new(e.refund_iban);
    let confirmed = RwSignal::new(e.email_confirmed);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let iban_error = Signal::derive(move || {
        let typed = iban.get();
        match BeIban::parse(&typed) {
            Ok(_) => None,
            Err(_) if typed.trim().is_empty() => None,
            Err(e) => Some(format!("{}: {}", texts::REFUND_IBAN, e.message())),
        }
        .or_else(|| error.get().and_then(|e| e.field("refund_iban")))
    });
    let email_error = Signal::derive(move || error.get().and_then(|e| e.field("email")));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        error.set(None);
        spawn_local(async move {
            let body = EnterpriseUpdate {
                email: Some(email.get_untracked()),
                refund_iban: Some(iban.get_untracked()),
            };
            match api::patch::<_, EnterpriseProfile>("/api/v1/enterprise", &body).await {
                Ok(v) => {
                    saved.set(true);
                    confirmed.set(v.email_confirmed);
                    email.set(v.email);
                    iban.set(v.refund_iban);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="card stack" on:submit=save novalidate aria-labelledby="company-title">
            <h2 id="company-title">{texts::COMPANY_TITLE}</h2>
            <p><strong>{e.name}</strong><br/><span class="sub">{texts::ENTERPRISE_NUMBER}{" "}{e.number.0.digits()}</span></p>
            {e.kbo.map(|k| view! { <KboCard k=k/> })}
            <Field id="email" label=texts::EMAIL hint=texts::EMAIL_HINT kind="email" mode="email" autocomplete="email"
                value=email.into() on_input=Callback::new(move |v| email.set(v)) error=email_error/>
            {move || (!confirmed.get()).then(|| view! { <p class="notice" data-field="email_unconfirmed">{texts::EMAIL_UNCONFIRMED}</p> })}
            <Field id="refund_iban" label=texts::REFUND_IBAN hint=texts::REFUND_IBAN_HINT
                value=iban.into() on_input=Callback::new(move |v| iban.set(v)) error=iban_error/>
            <LiveProblems error=error/>
            <p role="status" class="ok">{move || saved.get().then_some(texts::SAVED)}</p>
            <button type="submit" class="secondary">{texts::SAVE}</button>
        </form>
    }
}

#[derive(Clone, Default)]
struct Filters {
    number: String,
    name: String,
    service: String,
    provider: String,
    year: String,
    status: String,
}

impl Filters {
    /// The first page of the list with these filters.
    fn path(&self) -> String {
        self.page("")
    }

    /// The page after `cursor` (empty: the first) with these filters.
    fn page(&self, cursor: &str) -> String {
        api::with_query(
            "/api/v1/enterprise/projects",
            &[
                ("number", &self.number),
                ("name", &self.name),
                ("service", &self.service),
                ("provider", &self.provider),
                ("year", &self.year),
                ("status", &self.status),
                ("cursor", cursor),
            ],
        )
    }
}

#[component]
fn Projects() -> impl IntoView {
    let filters = RwSignal::new(Filters::default());
    let list = load(Filters::default().path());
    let apply = move || reload(list, filters.get_untracked().path());
    let text_filter = move |id: &'static str,
                            label: &'static str,
                            set: fn(&mut Filters, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="search" on:input=move |ev| { filters.update(|f| set(f, event_target_value(&ev))); apply(); }/>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{texts::HISTORY_TITLE}</h2>
            <form class="filters" on:submit=|ev| ev.prevent_default() role="search" aria-label=texts::FILTERS>
                {text_filter("f-number", texts::COL_NUMBER, |f, v| f.number = v)}
                {text_filter("f-name", texts::COL_NAME, |f, v| f.name = v)}
                <div class="field">
                    <label for="f-service">{texts::COL_SERVICE}</label>
                    <select id="f-service" on:change=move |ev| { filters.update(|f| f.service = event_target_value(&ev)); apply(); }>
                        <option value="">{texts::ALL}</option>
                        <option value="training">{texts::SERVICE_TRAINING}</option>
                        <option value="advice">{texts::SERVICE_ADVICE}</option>
                    </select>
                </div>
                {text_filter("f-provider", texts::COL_PROVIDER, |f, v| f.provider = v)}
                {text_filter("f-year", texts::COL_YEAR, |f, v| f.year = v)}
                <div class="field">
                    <label for="f-status">{texts::COL_STATUS}</label>
                    <select id="f-status" on:change=move |ev| { filters.update(|f| f.status = event_target_value(&ev)); apply(); }>
                        <option value="">{texts::ALL}</option>
                        {shared::project::Status::ALL.iter().map(|s| view! { <option value=s.id()>{s.label_nl()}</option> }).collect_view()}
                    </select>
                </div>
            </form>
            {when_loaded(list, move |v: ProjectList| {
                let more = More::after(v.next_cursor);
                let rows = v.projects;
                if rows.is_empty() {
                    return view! { <p>{texts::NO_PROJECTS}</p> }.into_any();
                }
                view! {
                    <table class="list">
                        <caption class="sr-only">{texts::HISTORY_TITLE}</caption>
                        <thead><tr>
                            <th scope="col">{texts::COL_NUMBER}</th><th scope="col">{texts::COL_NAME}</th>
                            <th scope="col">{texts::COL_AMOUNT}</th><th scope="col">{texts::COL_SERVICE}</th>
                            <th scope="col">{texts::COL_PROVIDER}</th><th scope="col">{texts::COL_YEAR}</th>
                            <th scope="col">{texts::COL_STATUS}</th><th scope="col">{texts::COL_ACTIONS}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|p| view! { <ProjectRow p=p/> }).collect_view()}
                            {more.items(|page: ProjectList| page.projects.into_iter().map(|p| view! { <ProjectRow p=p/> }).collect_view())}
                        </tbody>
                    </table>
                    {more.button(Callback::new(move |c: String| filters.get_untracked().page(&c)))}
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn ProjectRow(p: ProjectSummary) -> impl IntoView {
    let d = p.dossier_number.to_string();
    let action = |allowed: bool, path: &str, label: &'static str| {
        let href = format!("/project/{d}/{path}");
        allowed.then(move || view! { <Link href=href class="action">{label}</Link> })
    };
    let (pay, rate, stop) = (
        action(p.actions.pay, "betalen", texts::ACTION_PAY),
        action(p.actions.rate, "beoordelen", texts::ACTION_RATE),
        action(p.actions.stop, "stopzetten", texts::ACTION_STOP),
    );
    let href = format!("/project/{d}");
    let shown = d.clone();
    view! {
        <tr data-dossier=d>
            <td data-label=texts::COL_NUMBER><Link href=href>{shown}</Link></td>
            <td data-label=texts::COL_NAME>{p.name}</td>
            <td data-label=texts::COL_AMOUNT class="num">{euro(p.project_amount)}</td>
            <td data-label=texts::COL_SERVICE>{texts::service_label(p.service.id())}</td>
            <td data-label=texts::COL_PROVIDER>{p.provider_name}</td>
            <td data-label=texts::COL_YEAR>{p.year}</td>
            <td data-label=texts::COL_STATUS data-field="status">{p.status_label}</td>
            <td data-label=texts::COL_ACTIONS class="actions">
                {pay}{rate}{stop}
            </td>
        </tr>
    }
}
