//! "Welke grootte heeft mijn onderneming?": the size wizard, public, computed in the browser by
//! `shared::size_wizard` exactly as `POST /api/v1/size-assessment` answers.

use leptos::prelude::*;
use shared::size::{Criterion, RelationKind, ThresholdCheck};
use shared::size_wizard::{SizeAnswer, SizeOutcome, TypedFigures, TypedRelation, TypedSize};

use crate::portal::Field;
use crate::texts;

/// Which figures a field group edits: the enterprise's own, or related enterprise `i`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Whose {
    Own,
    Related(usize),
}

impl Whose {
    fn path(self) -> String {
        match self {
            Whose::Own => "own".into(),
            Whose::Related(i) => format!("relations[{i}].figures"),
        }
    }

    fn id(self) -> String {
        match self {
            Whose::Own => "own".into(),
            Whose::Related(i) => format!("rel{i}"),
        }
    }

    fn figures(self, f: &TypedSize) -> Option<&TypedFigures> {
        match self {
            Whose::Own => Some(&f.own),
            Whose::Related(i) => f.relations.get(i).map(|r| &r.figures),
        }
    }

    fn figures_mut(self, f: &mut TypedSize) -> Option<&mut TypedFigures> {
        match self {
            Whose::Own => Some(&mut f.own),
            Whose::Related(i) => f.relations.get_mut(i).map(|r| &mut r.figures),
        }
    }
}

type Field = fn(&TypedFigures) -> &String;
type FieldMut = fn(&mut TypedFigures) -> &mut String;

const FIGURES: [(&str, &str, &str, Field, FieldMut); 3] = [
    (
        "staff_awu",
        texts::SIZE_STAFF,
        texts::SIZE_STAFF_HINT,
        |f| &f.staff_awu,
        |f| &mut f.staff_awu,
    ),
    (
        "turnover",
        texts::SIZE_TURNOVER,
        texts::SIZE_EURO_HINT,
        |f| &f.turnover,
        |f| &mut f.turnover,
    ),
    (
        "balance_sheet_total",
        texts::SIZE_BALANCE,
        texts::SIZE_EURO_HINT,
        |f| &f.balance_sheet_total,
        |f| &mut f.balance_sheet_total,
    ),
];

fn error_of(outcome: Memo<SizeOutcome>, field: String) -> Signal<Option<String>> {
    Signal::derive(move || match outcome.get() {
        SizeOutcome::Invalid(errors) => errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone()),
        _ => None,
    })
}

#[component]
pub fn SizeWizard() -> impl IntoView {
    let form = RwSignal::new(TypedSize::default());
    let outcome = Memo::new(move |_| form.with(TypedSize::evaluate));
    view! {
        <section class="simulator size-wizard" aria-labelledby="size-wizard-title">
            <h1 id="size-wizard-title">{texts::SIZE_WIZARD_TITLE}</h1>
            <p class="intro">{texts::SIZE_INTRO}</p>
            <form class="sim-form" on:submit=|ev| ev.prevent_default() novalidate>
                <SizeFields form=form outcome=outcome heading="h2"/>
            </form>
            <section class="result" aria-labelledby="size-result" aria-live="polite">
                <h2 id="size-result">{texts::SIZE_RESULT}</h2>
                <SizeResult outcome=outcome/>
            </section>
        </section>
    }
}

/// The wizard's fields: the enterprise's own figures, then its partner and linked enterprises
/// (the public page and the portal's size declaration). `heading` is the level of the related
/// enterprises' heading on the page it is on.
#[component]
pub fn SizeFields(
    form: RwSignal<TypedSize>,
    outcome: Memo<SizeOutcome>,
    heading: &'static str,
) -> impl IntoView {
    let count = move || form.with(|f| f.relations.len());
    let title = match heading {
        "h3" => view! { <h3>{texts::SIZE_RELATIONS}</h3> }.into_any(),
        _ => view! { <h2>{texts::SIZE_RELATIONS}</h2> }.into_any(),
    };
    view! {
        <fieldset class="costs">
            <legend>{texts::SIZE_OWN}</legend>
            <Figures whose=Whose::Own form=form outcome=outcome/>
        </fieldset>
        {title}
        <p class="hint">{texts::SIZE_RELATIONS_HINT}</p>
        <For each=move || 0..count() key=|i| *i let:i>
            <Related index=i form=form outcome=outcome/>
        </For>
        <button type="button" class="secondary"
            on:click=move |_| form.update(|f| f.relations.push(TypedRelation::default()))>
            {texts::SIZE_ADD}
        </button>
    }
}

/// The size with its reasoning, or what is still missing.
#[component]
pub fn SizeResult(outcome: Memo<SizeOutcome>) -> impl IntoView {
    move || match outcome.get() {
        SizeOutcome::Empty | SizeOutcome::Invalid(_) => view! {
            <p class="result-empty">{texts::SIZE_EMPTY}</p>
        }
        .into_any(),
        SizeOutcome::Assessed(a) => view! { <Assessed answer=*a/> }.into_any(),
    }
}

/// The three figures of one enterprise.
#[component]
fn Figures(whose: Whose, form: RwSignal<TypedSize>, outcome: Memo<SizeOutcome>) -> impl IntoView {
    FIGURES
        .into_iter()
        .map(|(field, label, hint, get, set)| {
            let id = format!("{}-{field}", whose.id());
            let error = error_of(outcome, format!("{}.{field}", whose.path()));
            view! {
                <Field id=id label=label hint=hint mode="decimal" error=error
                    value=Signal::derive(move || form.with(|f| whose.figures(f).map(|x| get(x).clone()).unwrap_or_default()))
                    on_input=Callback::new(move |v| form.update(|f| if let Some(x) = whose.figures_mut(f) { *set(x) = v; }))/>
            }
        })
        .collect_view()
}

/// One partner or linked enterprise.
#[component]
fn Related(index: usize, form: RwSignal<TypedSize>, outcome: Memo<SizeOutcome>) -> impl IntoView {
    let share_id = format!("rel{index}-share");
    let control_id = format!("rel{index}-control");
    let control_for = control_id.clone();
    view! {
        <fieldset class="costs">
            <legend>{format!("{} {}", texts::SIZE_RELATED, index + 1)}</legend>
            <Field id=share_id label=texts::SIZE_SHARE hint=texts::SIZE_SHARE_HINT mode="decimal"
                error=error_of(outcome, format!("relations[{index}].share"))
                value=Signal::derive(move || form.with(|f| f.relations.get(index).map(|r| r.share.clone()).unwrap_or_default()))
                on_input=Callback::new(move |v| form.update(|f| if let Some(r) = f.relations.get_mut(index) { r.share = v; }))/>
            <label class="check" for=control_for>
                <input type="checkbox" id=control_id
                    prop:checked=move || form.with(|f| f.relations.get(index).is_some_and(|r| r.control))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        form.update(|f| if let Some(r) = f.relations.get_mut(index) { r.control = on; });
                    }/>
                {texts::SIZE_CONTROL}
            </label>
            <Figures whose=Whose::Related(index) form=form outcome=outcome/>
            <button type="button" class="secondary"
                on:click=move |_| form.update(|f| { if index < f.relations.len() { f.relations.remove(index); } })>
                {texts::SIZE_REMOVE}
            </button>
        </fieldset>
    }
}

/// The size with its reasoning: what counted of each related enterprise, every threshold.
#[component]
fn Assessed(answer: SizeAnswer) -> impl IntoView {
    let a = answer.assessment;
    let relations = a
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (id, kind) = match r.kind {
                RelationKind::Autonomous => ("autonomous", texts::SIZE_AUTONOMOUS),
                RelationKind::Partner => ("partner", texts::SIZE_PARTNER),
                RelationKind::Linked => ("linked", texts::SIZE_LINKED),
            };
            let counted = (r.fraction * rust_decimal::Decimal::ONE_HUNDRED).normalize();
            view! {
                <li data-kind=id>
                    {format!("{} {}: {kind} ({} % {})", texts::SIZE_RELATED, i + 1, counted, texts::SIZE_COUNTED)}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="size-verdict" data-size=a.size.id()>
            <strong>{a.size.label_nl()}</strong>
        </p>
        <p data-code=a.summary.code>{a.summary.message}</p>
        <ul class="notes">{relations}</ul>
        <table class="cost-lines">
            <caption>{texts::SIZE_CHECKS}</caption>
            <tbody>
                {a.checks.into_iter().map(|c| view! { <Check check=c/> }).collect_view()}
            </tbody>
        </table>
        <p class="notes">{texts::SIZE_SOURCE}</p>
    }
}

#[component]
fn Check(check: ThresholdCheck) -> impl IntoView {
    let criterion = match check.criterion {
        Criterion::Staff => "staff",
        Criterion::Turnover => "turnover",
        Criterion::BalanceSheetTotal => "balance_sheet_total",
    };
    view! {
        <tr data-criterion=criterion class:decisive=check.decisive>
            <th scope="row">{check.message}</th>
            <td aria-hidden="true">{if check.within { "✓" } else { "✗" }}</td>
        </tr>
    }
}
