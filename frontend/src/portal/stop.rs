//! Stopping a project, with a reason and beforehand a plain statement of what goes back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{json, Value};

use crate::api::{self, ApiError};
use crate::portal::project::movement_line;
use crate::portal::{load, when_loaded, Back, LiveProblems};
use crate::router::Link;
use crate::show;
use crate::texts;

#[component]
pub fn Stop(dossier: String) -> impl IntoView {
    let answer = load(format!("/api/v1/projects/{dossier}"));
    view! {
        <section class="stack" aria-labelledby="stop-title">
            <Back href=format!("/project/{dossier}") label=texts::GO_BACK_PLAIN/>
            <h1 id="stop-title">{texts::STOP_TITLE}{" "}{dossier}</h1>
            {when_loaded(answer, |p| view! { <StopForm p=p/> })}
        </section>
    }
}

#[component]
fn StopForm(p: Value) -> impl IntoView {
    let dossier = show::text(&p["dossier_number"]);
    let reason = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<Value>);
    let busy = RwSignal::new(false);
    let reason_err = move || {
        let r = reason.get();
        ((tried.get() || !r.is_empty()) && (r.trim().is_empty() || r.chars().count() > 500))
            .then_some(texts::REASON_ERROR)
    };
    let awaiting = p["status"] == "awaiting_deposit";
    let statement = if awaiting {
        texts::stop_before_deposit(&show::euro(&p["subsidy"]))
    } else {
        texts::stop_after_deposit(&show::euro(&p["available"]), &show::euro(&p["paid"]))
    };
    let path = format!("/api/v1/projects/{dossier}/stop");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if reason_err().is_some() || busy.get_untracked() {
            return;
        }
        let body = json!({ "reason": reason.get_untracked().trim() });
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
            let moved: Vec<Value> = v["project"]["movements"].as_array().cloned().unwrap_or_default()
                .into_iter().filter(|m| m["kind"].as_str().is_some_and(|k| k.starts_with("refund") || k.starts_with("subsidy_returned"))).collect();
            view! {
                <div class="card stack" role="status">
                    <p class="ok" data-field="status">{texts::STOPPED_OK}{show::text(&v["project"]["status_label"])}</p>
                    <ul class="plain">{moved.iter().map(|m| view! { <li>{movement_line(m)}</li> }).collect_view()}</ul>
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
                <LiveProblems error=error/>
                <button type="submit" class="danger" disabled=move || busy.get()>{texts::STOP_BUTTON}</button>
            </form>
        </Show>
    }
}
