//! The public subsidy simulator (subsidiesimulator).
//!
//! The form is a plain struct ([`SimulatorForm`]) turned into the same JSON body the API takes,
//! then parsed and simulated by `shared`: the page and `POST /api/v1/simulate` run one code
//! path, so they cannot disagree.

use chrono::NaiveDate;
use leptos::prelude::*;
use shared::costs::{CostKind, TypedCosts};
use shared::format::euro;
use shared::simulate::Simulation;
use shared::themes::{theme_by_id, THEMES};

use crate::chart::SplitBar;
use crate::texts;

/// The form as typed, and what it shows: both from `shared`, exactly as the API computes.
pub use shared::simulate::{Outcome, TypedSimulation as SimulatorForm};

/// The form as it opens: a small enterprise, training, digitalisering.
pub fn initial_form() -> SimulatorForm {
    SimulatorForm {
        size: "small".into(),
        service: "training".into(),
        theme: "digitalisering".into(),
        ..SimulatorForm::default()
    }
}

fn today() -> NaiveDate {
    shared::today::belgian_date(js_sys::Date::now() as i64)
}

#[component]
pub fn Simulator() -> impl IntoView {
    let form = RwSignal::new(initial_form());
    let outcome = Memo::new(move |_| form.with(|f| f.evaluate(today())));
    let error_for = move |field: &'static str| {
        move || match outcome.get() {
            Outcome::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    };
    let subthemes =
        move || form.with(|f| theme_by_id(&f.theme).map(|t| t.subthemes).unwrap_or(&[]));

    view! {
        <section class="simulator" aria-labelledby="sim-title">
            <h1 id="sim-title">{texts::SIM_TITLE}</h1>
            <p class="intro">{texts::SIM_INTRO}</p>
            <form class="sim-form" on:submit=|ev| ev.prevent_default() novalidate>
                <fieldset class="choice">
                    <legend>{texts::SIZE}</legend>
                    <Radio name="size" value="small" label=texts::SIZE_SMALL form=form get=|f| &f.size set=|f, v| f.size = v/>
                    <Radio name="size" value="medium" label=texts::SIZE_MEDIUM form=form get=|f| &f.size set=|f, v| f.size = v/>
                    <Radio name="size" value="large" label=texts::SIZE_LARGE form=form get=|f| &f.size set=|f, v| f.size = v/>
                    <a class="size-link" href="/grootte">{texts::SIZE_LINK}</a>
                </fieldset>
                <fieldset class="choice">
                    <legend>{texts::SERVICE}</legend>
                    <Radio name="service" value="training" label=texts::SERVICE_TRAINING form=form get=|f| &f.service set=|f, v| f.service = v/>
                    <Radio name="service" value="advice" label=texts::SERVICE_ADVICE form=form get=|f| &f.service set=|f, v| f.service = v/>
                </fieldset>
                <label for="theme">{texts::THEME}</label>
                <select id="theme" name="theme"
                    prop:value=move || form.with(|f| f.theme.clone())
                    on:change=move |ev| form.update(|f| { f.theme = event_target_value(&ev); f.subtheme.clear(); })>
                    {THEMES.iter().map(|t| view! { <option value=t.id>{t.label}</option> }).collect_view()}
                </select>
                <Show when=move || !subthemes().is_empty()>
                    <label for="subtheme">{texts::SUBTHEME}</label>
                    <select id="subtheme" name="subtheme"
                        prop:value=move || form.with(|f| f.subtheme.clone())
                        on:change=move |ev| form.update(|f| f.subtheme = event_target_value(&ev))>
                        <option value="">{texts::SUBTHEME_NONE}</option>
                        {move || subthemes().iter().map(|s| view! { <option value=s.id>{s.label}</option> }).collect_view()}
                    </select>
                </Show>
                <label class="check" for="split-costs">
                    <input type="checkbox" id="split-costs"
                        prop:checked=move || form.with(|f| f.costs.is_some())
                        on:change=move |ev| {
                            let split = event_target_checked(&ev);
                            form.update(|f| {
                                f.costs = split.then(|| TypedCosts { fee: f.cost.clone(), ..TypedCosts::default() });
                            });
                        }/>
                    {texts::SPLIT_COSTS}
                </label>
                <Show when=move || form.with(|f| f.costs.is_none())>
                    <TextField id="cost" label=texts::COST hint=texts::COST_HINT kind="text" mode="decimal"
                        form=form get=|f| &f.cost set=|f, v| f.cost = v error=Signal::derive(error_for("cost"))/>
                </Show>
                <Show when=move || form.with(|f| f.costs.is_some())>
                    <fieldset class="costs">
                        <legend>{texts::COSTS_LEGEND}</legend>
                        <TextField id="costs-fee" label=CostKind::Fee.label_nl() hint=texts::COST_HINT kind="text" mode="decimal"
                            form=form get=|f| costs(f, |c| &c.fee) set=|f, v| costs_mut(f).fee = v
                            error=Signal::derive(error_for("costs.fee"))/>
                        <TextField id="costs-catering" label=CostKind::Catering.label_nl() hint=texts::COST_CATERING_HINT kind="text" mode="decimal"
                            form=form get=|f| costs(f, |c| &c.catering) set=|f, v| costs_mut(f).catering = v
                            error=Signal::derive(error_for("costs.catering.total"))/>
                        <Show when=move || form.with(|f| f.costs.as_ref().is_some_and(|c| !c.catering.trim().is_empty()))>
                            <TextField id="costs-catering-days" label=texts::COST_CATERING_DAYS hint="" kind="text" mode="numeric"
                                form=form get=|f| costs(f, |c| &c.catering_days) set=|f, v| costs_mut(f).catering_days = v
                                error=Signal::derive(error_for("costs.catering.days"))/>
                            <TextField id="costs-catering-persons" label=texts::COST_CATERING_PERSONS hint="" kind="text" mode="numeric"
                                form=form get=|f| costs(f, |c| &c.catering_persons) set=|f, v| costs_mut(f).catering_persons = v
                                error=Signal::derive(error_for("costs.catering.persons"))/>
                            <Check id="costs-catering-tied" label=texts::COST_TIED form=form
                                get=|c| c.catering_tied set=|c, v| c.catering_tied = v/>
                        </Show>
                        <TextField id="costs-material" label=CostKind::CourseMaterial.label_nl() hint=texts::OPTIONAL kind="text" mode="decimal"
                            form=form get=|f| costs(f, |c| &c.course_material) set=|f, v| costs_mut(f).course_material = v
                            error=Signal::derive(error_for("costs.course_material.amount"))/>
                        <Check id="costs-material-only" label=texts::COST_MATERIAL_ONLY form=form
                            get=|c| c.material_only_during_training set=|c, v| c.material_only_during_training = v/>
                        <TextField id="costs-travel" label=CostKind::Travel.label_nl() hint=texts::OPTIONAL kind="text" mode="decimal"
                            form=form get=|f| costs(f, |c| &c.travel) set=|f, v| costs_mut(f).travel = v
                            error=Signal::derive(error_for("costs.travel.amount"))/>
                        <Check id="costs-travel-tied" label=texts::COST_TIED form=form
                            get=|c| c.travel_tied set=|c, v| c.travel_tied = v/>
                        <TextField id="costs-exam" label=CostKind::ExamFees.label_nl() hint=texts::COST_EXAM_HINT kind="text" mode="decimal"
                            form=form get=|f| costs(f, |c| &c.exam_fees) set=|f, v| costs_mut(f).exam_fees = v
                            error=Signal::derive(error_for("costs.exam_fees"))/>
                    </fieldset>
                </Show>
                <TextField id="date" label=texts::DATE hint=texts::OPTIONAL kind="date" mode="none"
                    form=form get=|f| &f.date set=|f, v| f.date = v error=Signal::derive(error_for("date"))/>
                <TextField id="used_this_year" label=texts::USED hint=texts::OPTIONAL kind="text" mode="decimal"
                    form=form get=|f| &f.used_this_year set=|f, v| f.used_this_year = v error=Signal::derive(error_for("used_this_year"))/>
            </form>
            <Result outcome=outcome form=form/>
        </section>
    }
}

/// Nothing typed: what a breakdown field shows while the costs are not split.
static NOTHING: String = String::new();

/// A field of a breakdown (the simulator's or the wizard's), empty while the costs are not
/// split.
pub fn cost_field(costs: &Option<TypedCosts>, field: fn(&TypedCosts) -> &String) -> &String {
    costs.as_ref().map_or(&NOTHING, field)
}

fn costs(f: &SimulatorForm, field: fn(&TypedCosts) -> &String) -> &String {
    cost_field(&f.costs, field)
}

fn costs_mut(f: &mut SimulatorForm) -> &mut TypedCosts {
    f.costs.get_or_insert_with(TypedCosts::default)
}

/// A checkbox bound to a yes/no of the breakdown.
#[component]
fn Check(
    id: &'static str,
    label: &'static str,
    form: RwSignal<SimulatorForm>,
    get: fn(&TypedCosts) -> bool,
    set: fn(&mut TypedCosts, bool),
) -> impl IntoView {
    view! {
        <label class="check" for=id>
            <input type="checkbox" id=id
                prop:checked=move || form.with(|f| f.costs.as_ref().is_some_and(get))
                on:change=move |ev| form.update(|f| set(costs_mut(f), event_target_checked(&ev)))/>
            {label}
        </label>
    }
}

/// A radio button bound to one field of the form.
#[component]
fn Radio(
    name: &'static str,
    value: &'static str,
    label: &'static str,
    form: RwSignal<SimulatorForm>,
    get: fn(&SimulatorForm) -> &String,
    set: fn(&mut SimulatorForm, String),
) -> impl IntoView {
    let id = format!("{name}-{value}");
    let label_for = id.clone();
    view! {
        <label class="radio" for=label_for>
            <input type="radio" id=id name=name value=value
                prop:checked=move || form.with(|f| get(f) == value)
                on:change=move |_| form.update(|f| set(f, value.to_string()))/>
            {label}
        </label>
    }
}

/// A labelled input with its hint and, when the rules refuse it, the message beside it.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    kind: &'static str,
    mode: &'static str,
    form: RwSignal<SimulatorForm>,
    get: fn(&SimulatorForm) -> &String,
    set: fn(&mut SimulatorForm, String),
    error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = format!("{hint_id} {error_id}");
    view! {
        <label for=id>{label}</label>
        <input id=id name=id type=kind inputmode=mode autocomplete="off"
            aria-describedby=described
            aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
            prop:value=move || form.with(|f| get(f).clone())
            on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
        <span class="hint" id=hint_id>{hint}</span>
        <span class="field-error" id=error_id role="alert">{move || error.get()}</span>
    }
}

#[component]
fn Result(outcome: Memo<Outcome>, form: RwSignal<SimulatorForm>) -> impl IntoView {
    view! {
        <section class="result" aria-labelledby="result-title" aria-live="polite">
            <h2 id="result-title">{texts::RESULT_TITLE}</h2>
            {move || match outcome.get() {
                Outcome::Empty | Outcome::Invalid(_) => view! {
                    <p class="result-empty">{texts::RESULT_EMPTY}</p>
                }.into_any(),
                Outcome::Computed(sim) => {
                    let apply = form.with_untracked(|f| f.application_path(&sim));
                    view! {
                        <Computed sim=*sim/>
                        {apply.map(|href| view! { <p><a class="button" href=href>{texts::APPLY_FOR_IT}</a></p> })}
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Computed(sim: Simulation) -> impl IntoView {
    let notes = sim
        .notes
        .iter()
        .map(|n| view! { <li data-code=n.code>{n.message.clone()}</li> })
        .collect_view();
    let explanation = view! { <Explanation steps=sim.explanation.clone()/> };
    let cost_lines =
        (!sim.cost_lines.is_empty()).then(|| view! { <CostLines lines=sim.cost_lines.clone()/> });
    match (sim.eligible, sim.rate, sim.amounts) {
        (true, Some(rate), Some(a)) => view! {
            <dl class="figures" data-regime=sim.regime>
                <div><dt>{texts::RATE}</dt><dd data-field="rate">{format!("{} %", rate.as_percent())}</dd></div>
                <div><dt>{texts::PROJECT_AMOUNT}</dt><dd data-field="project_amount">{euro(a.project_amount)}</dd></div>
                <div class="own"><dt>{texts::OWN_CONTRIBUTION}</dt><dd data-field="own_contribution">{euro(a.own_contribution)}</dd></div>
                <div class="subsidy"><dt>{texts::SUBSIDY}</dt><dd data-field="subsidy">{euro(a.subsidy)}</dd></div>
                <div><dt>{texts::REMAINING_AFTER}</dt><dd data-field="remaining_after">{euro(a.remaining_after)}</dd></div>
            </dl>
            <SplitBar subsidy_percent=a.subsidy_share_percent().to_string()
                own_label=euro(a.own_contribution) subsidy_label=euro(a.subsidy)/>
            {cost_lines}
            <ul class="notes">{notes}</ul>
            {explanation}
        }.into_any(),
        _ => view! {
            <p class="not-eligible">{texts::NOT_ELIGIBLE}</p>
            <ul class="reasons">
                {sim.reasons.iter().map(|r| view! { <li data-code=r.code>{r.message.clone()}</li> }).collect_view()}
            </ul>
            {cost_lines}
            <ul class="notes">{notes}</ul>
            {explanation}
        }.into_any(),
    }
}

/// "Hoe berekend?": every step of the computation with the legal text it rests on, folded
/// until asked for.
#[component]
pub fn Explanation(steps: Vec<shared::explanation::Explanation>) -> impl IntoView {
    view! {
        <details class="explanation">
            <summary>{texts::HOW_COMPUTED}</summary>
            <ol>
                {steps.into_iter().map(|s| view! {
                    <li data-code=s.code.id()>
                        {s.message}
                        <small class="source">{texts::SOURCE}": "{s.source}</small>
                    </li>
                }).collect_view()}
            </ol>
        </details>
    }
}

/// The cost breakdown: what was claimed per kind, what counts, and why a part does not.
#[component]
pub fn CostLines(lines: Vec<shared::costs::CostLine>) -> impl IntoView {
    view! {
        <table class="cost-lines">
            <caption>{texts::COST_LINES}</caption>
            <thead><tr>
                <th scope="col">{texts::COST_KIND}</th>
                <th scope="col">{texts::COST_CLAIMED}</th>
                <th scope="col">{texts::COST_ELIGIBLE}</th>
            </tr></thead>
            <tbody>
                {lines.into_iter().map(|l| view! {
                    <tr data-kind=l.kind.id()>
                        <th scope="row">{l.kind.label_nl()}
                            {l.reason.map(|r| view! { <small class="reason" data-code=r.code>{r.message}</small> })}
                        </th>
                        <td>{euro(l.claimed)}</td>
                        <td>{euro(l.eligible)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn belgian_amounts_become_the_api_form() {
        let form = SimulatorForm {
            cost: "1.250,00".into(),
            used_this_year: "".into(),
            ..initial_form()
        };
        let body = form.to_request();
        assert_eq!(body["cost"], "1250.00");
        assert!(body.get("used_this_year").is_none());
        assert!(body.get("subtheme").is_none());
    }

    #[test]
    fn no_cost_means_nothing_to_show_yet() {
        assert_eq!(initial_form().evaluate(today()), Outcome::Empty);
    }

    #[test]
    fn the_form_computes_what_the_api_computes() {
        let form = SimulatorForm {
            cost: "980".into(),
            ..initial_form()
        };
        let Outcome::Computed(sim) = form.evaluate(today()) else {
            panic!("expected a result");
        };
        let a = sim.amounts.unwrap();
        assert_eq!(a.subsidy.to_string(), "294.00");
        assert_eq!(a.own_contribution.to_string(), "686.00");
    }

    #[test]
    fn unreadable_amounts_are_named_by_field() {
        let form = SimulatorForm {
            cost: "twaalf".into(),
            ..initial_form()
        };
        let Outcome::Invalid(errors) = form.evaluate(today()) else {
            panic!("expected errors");
        };
        assert_eq!(errors[0].field, "cost");
    }
}
