//! Stopping a project, with a reason and beforehand a plain statement of what goes back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::enterprise::{ProjectDetail, StopAnswer, StopRequest};
use shared::project::{Status, StopCause};

use crate::api::{self, ApiError};
use crate::portal::project::movement_line;
use crate::portal::{error_text, load, when_loaded, Back, LiveProblems};
use crate::router::Link;
use crate::show::euro;
use crate::texts;

#[component]
pub fn Stop(dossier: String) -> impl IntoView {
    let answer = load(format!("/api/v1/projects/{dossier}"));
    view! {
        <section class="stack" aria-labelledby="stop-title">
            <Back href=format!("/project/{dossier}") label=texts::GO_BACK_PLAIN/>
            <h1 id="stop-title">{texts::STOP_TITLE}{" "}{dossier}</h1>
            {when_loaded(answer, |p: ProjectDetail| view! { <StopForm p=p/> })}
        </section>
    }
}

#[component]
fn StopForm(p: ProjectDetail) -> impl IntoView {
    let p = p.summary;
    let dossier = p.dossier_number.to_string();
    let reason = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<StopAnswer>);
    let busy = RwSignal::new(false);
    let reason_err = move || {
        let r = reason.get();
        ((tried.get() || !r.is_empty()) && (r.trim().is_empty() || r.chars().count() > 500))
            .then_some(texts::REASON_ERROR)
    };
    // RULES.md §7: a fully paid project (cases 3 and 4) is stopped with its cause.
    let fully_paid = p.status == Status::Finished;
    let cause = RwSignal::new(None::<StopCause>);
    let cause_err = Signal::derive(move || {
        (fully_paid && tried.get() && cause.get().is_none())
            .then(|| texts::STOP_CAUSE_ERROR.to_string())
    });
    let statement = match p.status {
        Status::AwaitingDeposit => texts::stop_before_deposit(&euro(p.subsidy)),
        Status::Finished => texts::stop_fully_paid(&euro(p.paid)),
        _ => texts::stop_after_deposit(&euro(p.available), &euro(p.paid)),
    };
    let path = format!("/api/v1/projects/{dossier}/stop");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if reason_err().is_some() || cause_err.get_untracked().is_some() || busy.get_untracked() {
            return;
        }
        let body = StopRequest {
            reason: reason.get_untracked().trim().to_string(),
            cause: cause.get_untracked(),
        };
        let path = path.clone();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::post(&path, &body).await {
                Ok(v) => done.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        {move || done.get().map(|v| {
            let project = v.project;
            let moved: Vec<_> = project.movements.iter()
                .filter(|m| m.kind.starts_with("refund") || m.kind.starts_with("subsidy_returned")).collect();
            view! {
                <div class="card stack" role="status">
                    <p class="ok" data-field="status">{texts::STOPPED_OK}{project.summary.status_label.clone()}</p>
                    <ul class="plain">{moved.iter().map(|m| view! { <li>{movement_line(m)}</li> }).collect_view()}</ul>
                    {(project.summary.status == Status::AwaitingRecovery).then_some(view! { <p>{texts::AWAITING_RECOVERY}</p> })}
                    <p><Link href="/portefeuille".into() class="button secondary">{texts::TO_OVERVIEW}</Link></p>
                </div>
            }
        })}
        <Show when=move || done.with(Option::is_none)>
            <form class="card stack" novalidate on:submit=submit.clone()>
                <p class="notice" data-field="refund-statement">{statement.clone()}</p>
                <div class="field">
                    <label for="reason">{texts::REASON}</label>
                    <textarea id="reason" rows="3" maxlength="500" aria-describedby="reason-error"
                        aria-invalid=move || if reason_err().is_some() { "true" } else { "false" }
                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <span class="field-error" id="reason-error" role="alert">{reason_err}</span>
                </div>
                {fully_paid.then(|| view! {
                    <fieldset aria-describedby="cause-error">
                        <legend>{texts::STOP_CAUSE}</legend>
                        {StopCause::ALL.into_iter().map(|c| {
                            let id = format!("cause-{}", c.id());
                            let for_id = id.clone();
                            view! {
                                <label class="check" for=for_id>
                                    <input type="radio" id=id name="cause" value=c.id()
                                        on:change=move |_| cause.set(Some(c))/>
                                    {c.label_nl()}
                                </label>
                            }
                        }).collect_view()}
                        {error_text("cause-error".into(), cause_err)}
                    </fieldset>
                })}
                <LiveProblems error=error/>
                <button type="submit" class="danger" disabled=move || busy.get()>{texts::STOP_BUTTON}</button>
            </form>
        </Show>
    }
}
