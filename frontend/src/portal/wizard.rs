//! "Nieuwe subsidie aanvragen" (003): five steps, each field checked by `shared` as it is
//! typed, the amounts recomputed live, the draft kept in localStorage.

use chrono::NaiveDate;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::enterprise::{ApplicationAnswer, EnterpriseProfile};
use shared::api::public::{Provider, ProviderList};
use shared::api::reader;
use shared::costs::{CostKind, TypedCosts};
use shared::error::FieldError;
use shared::format::euro;
use shared::service::ServiceType;
use shared::service_eligibility::TrainingKind;
use shared::themes::{theme_by_id, ThemeChoice, THEMES};

use crate::api::{self, ApiError};
use crate::portal::deposit::{DepositDetails, Timeline};
use crate::portal::draft::Draft;
use crate::portal::{focus, load, session, when_loaded, Field, LiveProblems};
use crate::router::{query, Link};
use crate::show;
use crate::simulator::{cost_field, CostLines};
use crate::texts;

pub fn today() -> NaiveDate {
    shared::today::belgian_date(js_sys::Date::now() as i64)
}

#[component]
pub fn Wizard() -> impl IntoView {
    let enterprise = load("/api/v1/enterprise".into());
    view! {
        <section class="stack wizard" aria-labelledby="wizard-title">
            <h1 id="wizard-title">{texts::WIZARD_TITLE}</h1>
            {when_loaded(enterprise, |e: EnterpriseProfile| view! { <WizardForm e=e/> })}
        </section>
    }
}

#[component]
fn WizardForm(e: EnterpriseProfile) -> impl IntoView {
    let key = Draft::storage_key(&e.number.0.digits());
    // Read as a JSON tree, then as the draft, by the reader of the API's answers (one reader in
    // the bundle). A draft that no longer reads (an older form of it) starts afresh.
    let mut start: Draft = LocalStorage::get::<serde_json::Value>(&key)
        .ok()
        .and_then(|tree| reader::from_tree(&tree).ok())
        .unwrap_or_default();
    if let Some(p) = query("provider").filter(|p| !p.trim().is_empty()) {
        if start.provider != p {
            start.provider = p;
        }
    }
    // From the simulator's "Vraag deze subsidie aan": its choices fill step 2.
    start.prefill(|name| query(name).filter(|v| !v.trim().is_empty()));
    // Step 1 asks the main activity; the KBO's is the likely answer (003: "zoek ze op in de KBO").
    if start.nace.trim().is_empty() {
        if let Some(a) = e.kbo.as_ref().and_then(|k| k.main_activity.as_ref()) {
            start.nace = a.shown.clone();
        }
    }
    if start.key.is_empty() {
        start.key = api::new_key();
    }
    let draft = RwSignal::new(start);
    let result = RwSignal::new(None::<ApplicationAnswer>);
    let server = RwSignal::new(None::<ApiError>);
    let save_key = key.clone();
    Effect::new(move |_| {
        draft.with(|d| {
            if result.with(Option::is_none) {
                // Storage full or refused: the draft lives on in the page.
                let _ = LocalStorage::set(&save_key, d);
            }
        })
    });
    let errors = Memo::new(move |_| draft.with(Draft::field_errors));
    let ctx = WizardCtx {
        draft,
        errors,
        server,
        size: e.size.id().to_string(),
        used: e.budget.reserved.to_string(),
    };
    // Only a change of step renders another step: typing must not rebuild the form.
    let step = Memo::new(move |_| draft.with(|d| d.step));
    // Refused, by the API or before sending: back to the step of the fields it names.
    let refused = move |e: ApiError| {
        let fields: Vec<String> = e.fields.iter().map(|(f, _)| f.clone()).collect();
        if let Some(s) = Draft::step_of(&fields) {
            draft.update(|d| {
                for f in &fields {
                    d.touch(f);
                }
                d.step = s;
            });
        }
        server.set(Some(e));
        focus("wizard-problems");
    };
    let submit_key = key;
    let submit = Callback::new(move |_: ()| {
        server.set(None);
        let body = match draft.with_untracked(Draft::to_request) {
            Ok(body) => body,
            Err(errors) => return refused(ApiError::from_fields(&errors)),
        };
        let idem = draft.with_untracked(|d| d.key.clone());
        let store_key = submit_key.clone();
        spawn_local(async move {
            match api::post_once("/api/v1/applications", &body, &idem).await {
                Ok(v) => {
                    LocalStorage::delete(&store_key);
                    result.set(Some(v));
                    focus("step-title");
                }
                Err(e) => refused(e),
            }
        });
    });
    let user = session().user_name();
    let company = e.name;
    view! {
        <Steps current=Signal::derive(move || if result.with(Option::is_some) { 5 } else { step.get() })/>
        <p class="notice">{texts::DRAFT_KEPT}</p>
        <div id="wizard-problems" tabindex="-1"><LiveProblems error=server/></div>
        {move || match (result.get(), step.get()) {
            (Some(r), _) => view! { <Done r=r/> }.into_any(),
            (None, 1) => view! { <Step1 ctx=ctx.clone()/> }.into_any(),
            (None, 2) => view! { <Step2 ctx=ctx.clone()/> }.into_any(),
            (None, 3) => view! { <Step3 ctx=ctx.clone()/> }.into_any(),
            (None, _) => view! { <Step4 ctx=ctx.clone() user=user.clone() company=company.clone() submit=submit/> }.into_any(),
        }}
    }
}

#[derive(Clone)]
struct WizardCtx {
    draft: RwSignal<Draft>,
    errors: Memo<Vec<FieldError>>,
    server: RwSignal<Option<ApiError>>,
    size: String,
    used: String,
}

impl WizardCtx {
    fn error(&self, field: &'static str) -> Signal<Option<String>> {
        let (draft, errors, server) = (self.draft, self.errors, self.server);
        Signal::derive(move || {
            errors
                .with(|e| draft.with(|d| d.error_for(e, field)))
                .or_else(|| server.with(|s| s.as_ref().and_then(|s| s.field(field))))
        })
    }

    fn value(&self, get: fn(&Draft) -> &String) -> Signal<String> {
        let draft = self.draft;
        Signal::derive(move || draft.with(|d| get(d).clone()))
    }

    fn setter(&self, field: &'static str, set: fn(&mut Draft, String)) -> Callback<String> {
        let draft = self.draft;
        Callback::new(move |v| {
            draft.update(|d| {
                set(d, v);
                d.touch(field);
            })
        })
    }

    fn go(&self, to: u8) {
        let leaving = self.draft.with_untracked(|d| d.step);
        if to > leaving {
            let mut ok = false;
            self.draft.update(|d| ok = d.try_leave(leaving));
            if !ok {
                focus("step-title");
                return;
            }
        }
        self.draft.update(|d| d.step = to);
        focus("step-title");
    }
}

#[component]
fn Steps(current: Signal<u8>) -> impl IntoView {
    view! {
        <ol class="steps" aria-label=texts::STEPS_LABEL>
            {texts::STEP_NAMES.iter().enumerate().map(|(i, name)| {
                let n = i as u8 + 1;
                view! {
                    <li class:done=move || n < current.get() class:now=move || n == current.get()
                        aria-current=move || (n == current.get()).then_some("step")>
                        <span class="step-n">{n}</span>{*name}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn Nav(ctx: WizardCtx, back: Option<u8>, next: u8) -> impl IntoView {
    let ctx2 = ctx.clone();
    view! {
        <div class="wizard-nav">
            {back.map(|b| view! { <button type="button" class="secondary" on:click=move |_| ctx2.go(b)>{texts::GO_BACK}</button> })}
            <button type="submit" class="primary" on:click=move |ev| { ev.prevent_default(); ctx.go(next); }>{texts::GO_ON}</button>
        </div>
    }
}

#[component]
fn Step1(ctx: WizardCtx) -> impl IntoView {
    view! {
        <form class="card stack" novalidate on:submit=|ev| ev.prevent_default()>
            <h2 id="step-title" tabindex="-1">{texts::STEP1_TITLE}</h2>
            <p>{texts::STEP1_INTRO}</p>
            <Field id="nace" label=texts::NACE hint=texts::NACE_HINT mode="numeric"
                value=ctx.value(|d| &d.nace) on_input=ctx.setter("nace", |d, v| d.nace = v) error=ctx.error("nace")/>
            <Nav ctx=ctx back=None next=2/>
        </form>
    }
}

#[component]
fn Step2(ctx: WizardCtx) -> impl IntoView {
    let draft = ctx.draft;
    let training = move || draft.with(Draft::is_training);
    let subthemes =
        move || draft.with(|d| theme_by_id(&d.theme).map(|t| t.subthemes).unwrap_or(&[]));
    let (size, used) = (ctx.size.clone(), ctx.used.clone());
    let sim = Memo::new(move |_| draft.with(|d| d.simulation(&size, &used, today())));
    let radio = move |name: &'static str,
                      value: &'static str,
                      label: &'static str,
                      get: fn(&Draft) -> &String,
                      set: fn(&mut Draft, String)| {
        let id = format!("{name}-{value}");
        let label_for = id.clone();
        view! {
            <label class="radio" for=label_for>
                <input type="radio" id=id name=name value=value
                    prop:checked=move || draft.with(|d| get(d) == value)
                    on:change=move |_| draft.update(|d| { set(d, value.to_string()); d.touch(name); })/>
                {label}
            </label>
        }
    };
    let select_error = |field: &'static str, e: Signal<Option<String>>| {
        view! { <span class="field-error" id=format!("{field}-error") role="alert">{move || e.get()}</span> }
    };
    let (kind_err, theme_err) = (ctx.error("training_kind"), ctx.error("theme"));
    let (participants_err, contributes_err) = (
        ctx.error("participants"),
        ctx.error("contributes_to_business"),
    );
    let cost = (
        ctx.value(|d| &d.cost),
        ctx.setter("cost", |d, v| d.cost = v),
        ctx.error("cost"),
    );
    let costs_ctx = ctx.clone();
    view! {
        <form class="card stack" novalidate on:submit=|ev| ev.prevent_default()>
            <h2 id="step-title" tabindex="-1">{texts::STEP2_TITLE}</h2>
            <fieldset class="choice">
                <legend>{texts::SERVICE}</legend>
                {radio("service", "training", texts::SERVICE_TRAINING, |d| &d.service, |d, v| d.service = v)}
                {radio("service", "advice", texts::SERVICE_ADVICE, |d| &d.service, |d, v| d.service = v)}
            </fieldset>
            <Field id="name" label=texts::PROJECT_NAME value=ctx.value(|d| &d.name)
                on_input=ctx.setter("name", |d, v| d.name = v) error=ctx.error("name")/>
            <Show when=training>
                <div class="field">
                    <label for="training_kind">{texts::TRAINING_KIND}</label>
                    <select id="training_kind" aria-describedby="training_kind-error"
                        prop:value=move || draft.with(|d| d.training_kind.clone())
                        on:change=move |ev| draft.update(|d| d.training_kind = event_target_value(&ev))>
                        {TrainingKind::ALL.iter().map(|k| view! { <option value=k.id()>{k.label_nl()}</option> }).collect_view()}
                    </select>
                    {select_error("training_kind", kind_err)}
                </div>
            </Show>
            <div class="field">
                <label for="theme">{texts::THEME}</label>
                <select id="theme" aria-describedby="theme-error"
                    prop:value=move || draft.with(|d| d.theme.clone())
                    on:change=move |ev| draft.update(|d| { d.theme = event_target_value(&ev); d.subtheme.clear(); d.touch("theme"); })>
                    <option value="">{texts::CHOOSE}</option>
                    {THEMES.iter().map(|t| view! { <option value=t.id>{t.label}</option> }).collect_view()}
                </select>
                {select_error("theme", theme_err)}
            </div>
            <Show when=move || !subthemes().is_empty()>
                <div class="field">
                    <label for="subtheme">{texts::SUBTHEME}</label>
                    <select id="subtheme" prop:value=move || draft.with(|d| d.subtheme.clone())
                        on:change=move |ev| draft.update(|d| d.subtheme = event_target_value(&ev))>
                        <option value="">{texts::SUBTHEME_NONE}</option>
                        {move || subthemes().iter().map(|s| view! { <option value=s.id>{s.label}</option> }).collect_view()}
                    </select>
                </div>
            </Show>
            <Field id="hours" label=texts::HOURS hint=texts::HOURS_HINT mode="decimal" value=ctx.value(|d| &d.hours)
                on_input=ctx.setter("hours", |d, v| d.hours = v) error=ctx.error("hours")/>
            <Show when=training>
                <div class="field">
                    <label for="participants">{texts::PARTICIPANTS}</label>
                    <textarea id="participants" rows="3" aria-describedby="participants-hint participants-error"
                        prop:value=move || draft.with(|d| d.participants.clone())
                        on:input=move |ev| draft.update(|d| { d.participants = event_target_value(&ev); d.touch("participants"); })></textarea>
                    <span class="hint" id="participants-hint">{texts::PARTICIPANTS_HINT}</span>
                    {select_error("participants", participants_err)}
                </div>
            </Show>
            <Field id="enrolled_on" label=texts::ENROLLED_ON hint=texts::ENROLLED_HINT kind="date" mode="none" value=ctx.value(|d| &d.enrolled_on)
                on_input=ctx.setter("enrolled_on", |d, v| d.enrolled_on = v) error=ctx.error("enrolled_on")/>
            <Field id="starts_on" label=texts::STARTS_ON hint=texts::STARTS_HINT kind="date" mode="none" value=ctx.value(|d| &d.starts_on)
                on_input=ctx.setter("starts_on", |d, v| d.starts_on = v) error=ctx.error("starts_on")/>
            <fieldset class="choice" aria-describedby="contributes_to_business-error">
                <legend>{texts::CONTRIBUTES}</legend>
                {radio("contributes_to_business", "ja", texts::YES, |d| &d.contributes, |d, v| d.contributes = v)}
                {radio("contributes_to_business", "nee", texts::NO, |d| &d.contributes, |d, v| d.contributes = v)}
                {select_error("contributes_to_business", contributes_err)}
            </fieldset>
            <label class="check" for="split-costs">
                <input type="checkbox" id="split-costs"
                    prop:checked=move || draft.with(|d| d.costs.is_some())
                    on:change=move |ev| {
                        let split = event_target_checked(&ev);
                        draft.update(|d| {
                            d.costs = split.then(|| TypedCosts { fee: d.cost.clone(), ..TypedCosts::default() });
                            d.touch("costs");
                        });
                    }/>
                {texts::SPLIT_COSTS}
            </label>
            <Show when=move || draft.with(|d| d.costs.is_none())>
                <Field id="cost" label=texts::COST_APPLICATION hint=texts::COST_HINT mode="decimal" value=cost.0
                    on_input=cost.1 error=cost.2/>
            </Show>
            <Show when=move || draft.with(|d| d.costs.is_some())>
                <CostsFields ctx=costs_ctx.clone()/>
            </Show>
            <section class="result" aria-live="polite" aria-labelledby="amounts-title">
                <h3 id="amounts-title">{texts::AMOUNTS_TITLE}</h3>
                {move || match sim.get() {
                    None => view! { <p class="result-empty">{texts::AMOUNTS_EMPTY}</p> }.into_any(),
                    Some(s) => match (s.eligible, s.rate, s.amounts) {
                        (true, Some(rate), Some(a)) => view! {
                            <dl class="figures">
                                <div><dt>{texts::RATE}</dt><dd data-field="rate">{format!("{} %", rate.as_percent())}</dd></div>
                                <div><dt>{texts::PROJECT_AMOUNT}</dt><dd data-field="project_amount">{euro(a.project_amount)}</dd></div>
                                <div class="own"><dt>{texts::OWN_CONTRIBUTION_ENT}</dt><dd data-field="own_contribution">{euro(a.own_contribution)}</dd></div>
                                <div class="subsidy"><dt>{texts::SUBSIDY_GOV}</dt><dd data-field="subsidy">{euro(a.subsidy)}</dd></div>
                            </dl>
                            {(!s.cost_lines.is_empty()).then(|| view! { <CostLines lines=s.cost_lines.clone()/> })}
                            <ul class="notes">{s.notes.iter().map(|n| view! { <li>{n.message.clone()}</li> }).collect_view()}</ul>
                        }.into_any(),
                        _ => view! {
                            <ul class="reasons">{s.reasons.iter().map(|r| view! { <li>{r.message.clone()}</li> }).collect_view()}</ul>
                        }.into_any(),
                    },
                }}
            </section>
            <Nav ctx=ctx back=Some(1) next=3/>
        </form>
    }
}

fn costs_of(d: &Draft, field: fn(&TypedCosts) -> &String) -> &String {
    cost_field(&d.costs, field)
}

fn costs_mut(d: &mut Draft) -> &mut TypedCosts {
    d.costs.get_or_insert_with(TypedCosts::default)
}

/// "Kosten opsplitsen" in step 2: the costs by kind, as in the simulator; only what counts is
/// the eligible cost (RULES.md §4, `shared::costs`).
#[component]
fn CostsFields(ctx: WizardCtx) -> impl IntoView {
    let draft = ctx.draft;
    let check = move |id: &'static str,
                      label: &'static str,
                      get: fn(&TypedCosts) -> bool,
                      set: fn(&mut TypedCosts, bool)| {
        view! {
            <label class="check" for=id>
                <input type="checkbox" id=id
                    prop:checked=move || draft.with(|d| d.costs.as_ref().is_some_and(get))
                    on:change=move |ev| draft.update(|d| set(costs_mut(d), event_target_checked(&ev)))/>
                {label}
            </label>
        }
    };
    let catering = move || {
        draft.with(|d| {
            d.costs
                .as_ref()
                .is_some_and(|c| !c.catering.trim().is_empty())
        })
    };
    let days = (
        ctx.value(|d| costs_of(d, |c| &c.catering_days)),
        ctx.setter("costs.catering.days", |d, v| costs_mut(d).catering_days = v),
        ctx.error("costs.catering.days"),
    );
    let persons = (
        ctx.value(|d| costs_of(d, |c| &c.catering_persons)),
        ctx.setter("costs.catering.persons", |d, v| {
            costs_mut(d).catering_persons = v
        }),
        ctx.error("costs.catering.persons"),
    );
    view! {
        <fieldset class="costs">
            <legend>{texts::COSTS_LEGEND}</legend>
            <Field id="costs-fee" label=CostKind::Fee.label_nl() hint=texts::COST_HINT mode="decimal"
                value=ctx.value(|d| costs_of(d, |c| &c.fee))
                on_input=ctx.setter("costs.fee", |d, v| costs_mut(d).fee = v) error=ctx.error("costs.fee")/>
            <Field id="costs-catering" label=CostKind::Catering.label_nl() hint=texts::COST_CATERING_HINT mode="decimal"
                value=ctx.value(|d| costs_of(d, |c| &c.catering))
                on_input=ctx.setter("costs.catering.total", |d, v| costs_mut(d).catering = v)
                error=ctx.error("costs.catering.total")/>
            <Show when=catering>
                <Field id="costs-catering-days" label=texts::COST_CATERING_DAYS mode="numeric"
                    value=days.0 on_input=days.1 error=days.2/>
                <Field id="costs-catering-persons" label=texts::COST_CATERING_PERSONS mode="numeric"
                    value=persons.0 on_input=persons.1 error=persons.2/>
                {check("costs-catering-tied", texts::COST_TIED, |c| c.catering_tied, |c, v| c.catering_tied = v)}
            </Show>
            <Field id="costs-material" label=CostKind::CourseMaterial.label_nl() hint=texts::OPTIONAL mode="decimal"
                value=ctx.value(|d| costs_of(d, |c| &c.course_material))
                on_input=ctx.setter("costs.course_material.amount", |d, v| costs_mut(d).course_material = v)
                error=ctx.error("costs.course_material.amount")/>
            {check("costs-material-only", texts::COST_MATERIAL_ONLY, |c| c.material_only_during_training,
                |c, v| c.material_only_during_training = v)}
            <Field id="costs-travel" label=CostKind::Travel.label_nl() hint=texts::OPTIONAL mode="decimal"
                value=ctx.value(|d| costs_of(d, |c| &c.travel))
                on_input=ctx.setter("costs.travel.amount", |d, v| costs_mut(d).travel = v)
                error=ctx.error("costs.travel.amount")/>
            {check("costs-travel-tied", texts::COST_TIED, |c| c.travel_tied, |c, v| c.travel_tied = v)}
            <Field id="costs-exam" label=CostKind::ExamFees.label_nl() hint=texts::COST_EXAM_HINT mode="decimal"
                value=ctx.value(|d| costs_of(d, |c| &c.exam_fees))
                on_input=ctx.setter("costs.exam_fees", |d, v| costs_mut(d).exam_fees = v)
                error=ctx.error("costs.exam_fees")/>
        </fieldset>
    }
}

/// Why a provider cannot be chosen for this draft, in the manual's words; `None` when it can.
pub fn provider_mismatch(provider: &Provider, draft: &Draft) -> Option<String> {
    let registration = &provider.registration;
    let service = ServiceType::parse(&draft.service)?;
    if !registration.offers(service) {
        return Some(texts::provider_lacks_service(texts::service_label(
            &draft.service,
        )));
    }
    let sub = Some(draft.subtheme.as_str()).filter(|s| !s.is_empty());
    let choice = ThemeChoice::parse(&draft.theme, sub).ok()?;
    (!registration.covers(&choice)).then(|| texts::provider_lacks_theme(&choice.label()))
}

fn rating_text(p: &Provider) -> (String, String) {
    let count = u64::from(p.rating.count);
    let avg = p.rating.average.clone().unwrap_or_default();
    let whole = avg
        .split('.')
        .next()
        .and_then(|w| w.parse::<u8>().ok())
        .unwrap_or(0);
    let label = if count == 0 {
        texts::NO_RATINGS.to_string()
    } else {
        texts::rating_label(&avg.replace('.', ","), count)
    };
    (format!("{}({count})", show::stars(whole)), label)
}

#[component]
fn Step3(ctx: WizardCtx) -> impl IntoView {
    let draft = ctx.draft;
    let q = RwSignal::new(draft.with_untracked(|d| d.provider.clone()));
    let found = RwSignal::new(None::<Result<ProviderList, ApiError>>);
    let chosen = RwSignal::new(None::<Provider>);
    let mismatch = RwSignal::new(None::<String>);
    let select = move |p: Provider| {
        let problem = draft.with_untracked(|d| provider_mismatch(&p, d));
        mismatch.set(problem.clone());
        if problem.is_none() {
            draft.update(|d| {
                d.provider = p.number.to_string();
                d.touch("provider");
            });
            chosen.set(Some(p));
            focus("chosen-title");
        } else {
            draft.update(|d| d.provider.clear());
            chosen.set(None);
        }
    };
    // A provider already in the draft (or from ?provider=) is looked up and checked again.
    if let Some(n) = Some(draft.with_untracked(|d| d.provider.clone())).filter(|n| !n.is_empty()) {
        spawn_local(async move {
            if let Ok(p) = api::get::<Provider>(&format!("/api/v1/providers/{}", n.trim())).await {
                select(p);
            }
        });
    }
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        found.set(None);
        let path = api::with_query("/api/v1/providers", &[("q", &q.get_untracked())]);
        spawn_local(async move {
            found.set(Some(api::get(&path).await));
        });
    };
    let provider_error = ctx.error("provider");
    view! {
        <div class="card stack">
            <h2 id="step-title" tabindex="-1">{texts::STEP3_TITLE}</h2>
            <form class="search-row" role="search" on:submit=search novalidate>
                <div class="field grow">
                    <label for="provider-q">{texts::PROVIDER_SEARCH}</label>
                    <input id="provider-q" type="search" aria-describedby="provider-q-hint provider-error"
                        prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
                    <span class="hint" id="provider-q-hint">{texts::PROVIDER_SEARCH_HINT}</span>
                </div>
                <button type="submit" class="secondary">{texts::SEARCH}</button>
            </form>
            <span class="field-error" id="provider-error" role="alert">{move || provider_error.get()}</span>
            <div aria-live="polite">
                {move || mismatch.get().map(|m| view! { <div class="problems" role="alert"><p><strong>{texts::ERROR_MESSAGE}</strong></p><p>{m}</p></div> })}
                {move || match found.get() {
                    None => ().into_any(),
                    Some(Err(e)) => view! { <crate::portal::Problems error=Some(e)/> }.into_any(),
                    Some(Ok(v)) => {
                        let list = v.providers;
                        if list.is_empty() { return view! { <p>{texts::NO_PROVIDERS}</p> }.into_any(); }
                        view! {
                            <p>{texts::PROVIDER_PICK}</p>
                            <ul class="cards">{list.into_iter().map(|p| {
                                let (stars, label) = rating_text(&p);
                                let number = p.number.to_string();
                                let shown = number.clone();
                                let name = p.name.clone();
                                let address = p.address.clone();
                                view! {
                                    <li class="provider" data-provider=number>
                                        <strong>{name.clone()}</strong>
                                        <span>{shown}</span>
                                        <span class="sub">{address}</span>
                                        <span class="stars" role="img" aria-label=label>{stars}</span>
                                        <button type="button" class="secondary" aria-label=format!("{} {}", texts::SELECT, name)
                                            on:click=move |_| select(p.clone())>{texts::SELECT}</button>
                                    </li>
                                }
                            }).collect_view()}</ul>
                        }.into_any()
                    }
                }}
            </div>
            {move || chosen.get().map(|p| {
                let (stars, label) = rating_text(&p);
                view! {
                    <section class="chosen" aria-labelledby="chosen-title">
                        <h3 id="chosen-title" tabindex="-1">{texts::PROVIDER_CHOSEN}</h3>
                        <p><strong>{p.name}</strong><br/>
                        {texts::SEAT}{p.address}<br/>
                        {texts::REG_NUMBER}<span data-field="provider">{p.number.to_string()}</span><br/>
                        {texts::EMAIL}": "{p.email}<br/>
                        <span class="stars" role="img" aria-label=label>{stars}</span></p>
                        <p class="ok">{texts::PROVIDER_OK}</p>
                    </section>
                }
            })}
            <Nav ctx=ctx back=Some(2) next=4/>
        </div>
    }
}

/// One statement of step 4, ticked by the enterprise.
#[component]
fn Statement(
    id: &'static str,
    label: &'static str,
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> bool,
    set: fn(&mut Draft, bool),
) -> impl IntoView {
    view! {
        <label class="check" for=id>
            <input type="checkbox" id=id aria-describedby="declarations-error"
                prop:checked=move || draft.with(get)
                on:change=move |ev| draft.update(|d| { set(d, event_target_checked(&ev)); d.touch(id); })/>
            {label}
        </label>
    }
}

#[component]
fn Step4(ctx: WizardCtx, user: String, company: String, submit: Callback<()>) -> impl IntoView {
    let draft = ctx.draft;
    let d = draft.get_untracked();
    let sim = d.simulation(&ctx.size, &ctx.used, today());
    let amounts = sim.and_then(|s| s.amounts);
    let provider = d.provider.clone();
    let busy = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let declaration_error = Signal::derive(move || {
        (tried.get() && !draft.with(|d| d.declaration)).then_some(texts::DECLARATION_REQUIRED)
    });
    let ctx2 = ctx.clone();
    let server = ctx.server;
    Effect::new(move |_| {
        if server.with(Option::is_some) {
            busy.set(false)
        }
    });
    view! {
        <form class="card stack" novalidate on:submit=move |ev| {
            ev.prevent_default();
            tried.set(true);
            let mut ok = false;
            draft.update(|d| ok = d.try_leave(4) && d.declaration && d.missing_declarations().is_empty());
            if ok && !busy.get_untracked() { busy.set(true); submit.run(()); } else { focus("declaration"); }
        }>
            <h2 id="step-title" tabindex="-1">{texts::STEP4_TITLE}</h2>
            <h3>{texts::SUMMARY}</h3>
            <dl class="figures">
                <div><dt>{texts::PROJECT_NAME}</dt><dd>{d.name.clone()}</dd></div>
                <div><dt>{texts::APPLIED_ON}</dt><dd>{shared::format::date(today())}</dd></div>
                <div><dt>{texts::REG_NUMBER}</dt><dd>{provider}</dd></div>
                {amounts.map(|a| view! {
                    <div><dt>{texts::PROJECT_AMOUNT}</dt><dd data-field="project_amount">{euro(a.project_amount)}</dd></div>
                    <div class="own"><dt>{texts::OWN_CONTRIBUTION_ENT}</dt><dd data-field="own_contribution">{euro(a.own_contribution)}</dd></div>
                    <div class="subsidy"><dt>{texts::SUBSIDY_GOV}</dt><dd data-field="subsidy">{euro(a.subsidy)}</dd></div>
                })}
            </dl>
            <p class="hint">{texts::CAN_GO_BACK}</p>
            <h3>{texts::DECLARATION_TITLE}</h3>
            <p>{texts::undersigned(&user, &company)}</p>
            <details class="declaration">
                <summary>{texts::SHOW_DECLARATION}</summary>
                <ul>{texts::DECLARATION.iter().map(|l| view! { <li>{*l}</li> }).collect_view()}</ul>
            </details>
            <label class="check" for="declaration">
                <input type="checkbox" id="declaration" aria-describedby="declaration_accepted-error"
                    prop:checked=move || draft.with(|d| d.declaration)
                    on:change=move |ev| draft.update(|d| { d.declaration = event_target_checked(&ev); d.touch("declaration_accepted"); })/>
                {texts::agree(&user, &company)}
            </label>
            <span class="field-error" id="declaration_accepted-error" role="alert">{move || declaration_error.get()}</span>
            <fieldset class="costs declarations">
                <legend>{texts::DECLARATIONS_TITLE}</legend>
                <Statement id="no_related_party" label=texts::DECLARE_NO_RELATED draft=draft
                    get=|d| d.no_related_party set=|d, v| d.no_related_party = v/>
                <Show when=move || draft.with(Draft::is_training)>
                    <Statement id="participants_are_workers" label=texts::DECLARE_WORKERS draft=draft
                        get=|d| d.participants_are_workers set=|d, v| d.participants_are_workers = v/>
                    <Statement id="attendance_at_least_80" label=texts::DECLARE_ATTENDANCE draft=draft
                        get=|d| d.attendance_at_least_80 set=|d, v| d.attendance_at_least_80 = v/>
                </Show>
            </fieldset>
            <ul class="field-error" id="declarations-error" role="alert">
                {move || tried.get().then(|| draft.with(Draft::missing_declarations).into_iter()
                    .map(|r| view! { <li data-code=r.code>{r.message}</li> }).collect_view())}
            </ul>
            <div class="wizard-nav">
                <button type="button" class="secondary" on:click=move |_| ctx2.go(3)>{texts::GO_BACK}</button>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { texts::SUBMITTING } else { texts::SUBMIT }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn Done(r: ApplicationAnswer) -> impl IntoView {
    let dossier = r.dossier_number.to_string();
    let deadline = show::date(r.deposit.deadline);
    view! {
        <div class="stack">
            <div class="card">
                <h2 id="step-title" tabindex="-1">{texts::STEP5_TITLE}</h2>
                <p class="ok" role="status">{texts::REGISTERED}<strong data-field="dossier_number">{dossier.clone()}</strong>")."</p>
                <p>{texts::DEPOSIT_FIRST}</p>
            </div>
            <DepositDetails deposit=r.deposit dossier=dossier.clone()/>
            <Timeline deadlines=r.deadlines today=today()/>
            <section class="card no-print" aria-labelledby="next-title">
                <h2 id="next-title">{texts::NEXT_TITLE}</h2>
                <ol class="next">
                    <li><strong>{texts::NEXT_1}</strong><br/>{texts::NEXT_1_TEXT}</li>
                    <li><strong>{texts::NEXT_2}</strong><br/>{texts::next_2_text(&deadline)}</li>
                    <li><strong>{texts::NEXT_3}</strong><br/>{texts::NEXT_3_TEXT}</li>
                </ol>
                <p class="row">
                    <Link href=format!("/project/{dossier}") class="button secondary">{texts::TO_PROJECT}</Link>
                    <Link href="/portefeuille".into() class="button primary">{texts::TO_OVERVIEW}</Link>
                </p>
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn provider() -> Provider {
        serde_json::from_value(json!({
            "number": "DV.O123456", "name": "dienstverlener kmo-portefeuille",
            "address": "Koning Albert II-laan 35, 1030 Brussel", "email": "info@example.be",
            "registration": {
                "services": ["training"],
                "themes": [{ "theme": "digitalisering", "subtheme": "software" }]
            },
            "rating": { "count": 0, "average": null }
        }))
        .unwrap()
    }

    #[test]
    fn a_provider_without_the_theme_gets_the_manuals_message() {
        let d = Draft {
            theme: "digitalisering".into(),
            subtheme: "infrastructuur".into(),
            ..Draft::default()
        };
        let m = provider_mismatch(&provider(), &d).unwrap();
        assert!(m.contains("'Digitalisering - Infrastructuur'"), "{m}");
        let ok = Draft {
            theme: "digitalisering".into(),
            subtheme: "software".into(),
            ..Draft::default()
        };
        assert_eq!(provider_mismatch(&provider(), &ok), None);
    }

    #[test]
    fn a_provider_without_the_service_is_refused() {
        let d = Draft {
            service: "advice".into(),
            theme: "digitalisering".into(),
            subtheme: "software".into(),
            ..Draft::default()
        };
        assert!(provider_mismatch(&provider(), &d).is_some());
    }
}
