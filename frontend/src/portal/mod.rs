//! The signed-in screens: the enterprise portal (manual 003) and the provider portal.

pub mod deposit;
pub mod draft;
pub mod notifications;
pub mod overview;
pub mod pay;
pub mod project;
pub mod provider;
pub mod rate;
pub mod signin;
pub mod stop;
pub mod wizard;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::api::{self, Answer, ApiError};
use crate::texts;

/// Who is signed in (`GET /api/v1/me`): `None` inside while still asking.
///
/// Asked only once a signed-in screen is opened: the public simulator makes no call that a
/// visitor without a session would see refused.
#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Option<Value>>>,
    asked: RwSignal<bool>,
}

impl Session {
    pub fn start() -> Session {
        Session {
            me: RwSignal::new(None),
            asked: RwSignal::new(false),
        }
    }

    /// Asks the API who is signed in, once.
    pub fn ensure(&self) {
        if self.asked.get_untracked() || self.me.get_untracked().is_some() {
            return;
        }
        self.asked.set(true);
        let me = self.me;
        spawn_local(async move {
            me.set(Some(api::get("/api/v1/me").await.ok()));
        });
    }

    pub fn role(&self) -> Option<String> {
        self.me
            .get()
            .flatten()
            .and_then(|m| m["role"].as_str().map(str::to_string))
    }

    /// How many organisations this sign-in may act for.
    pub fn organisations(&self) -> usize {
        self.me
            .get()
            .flatten()
            .and_then(|m| m["organisations"].as_array().map(Vec::len))
            .unwrap_or(0)
    }

    pub fn field(&self, name: &str) -> String {
        self.me
            .get()
            .flatten()
            .and_then(|m| m[name].as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

pub fn session() -> Session {
    expect_context::<Session>()
}

/// An answer on its way: `None` while loading.
pub type Loading = RwSignal<Option<Answer>>;

/// Starts `GET path` and answers the signal it will fill.
pub fn load(path: String) -> Loading {
    let answer = RwSignal::new(None);
    reload(answer, path);
    answer
}

pub fn reload(answer: Loading, path: String) {
    spawn_local(async move {
        let got = api::get(&path).await;
        answer.set(Some(got));
    });
}

/// Shows `view` once the answer is there, a loading line before, the error if it failed.
pub fn when_loaded<V: IntoView + 'static>(
    answer: Loading,
    view: impl Fn(Value) -> V + Send + Sync + 'static,
) -> impl IntoView {
    move || match answer.get() {
        None => view! { <p class="loading" role="status">{texts::LOADING}</p> }.into_any(),
        Some(Err(e)) => view! { <Problems error=Some(e)/> }.into_any(),
        Some(Ok(v)) => view(v).into_any(),
    }
}

/// The messages of a refused call, announced to screen readers.
#[component]
pub fn Problems(error: Option<ApiError>) -> impl IntoView {
    error.map(|e| {
        let retry = e.status == 0;
        view! {
            <div class="problems" role="alert">
                <ul>{e.all().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                {retry.then(|| view! { <p class="hint">{texts::NOTHING_LOST}</p> })}
            </div>
        }
    })
}

/// A reactive list of messages (empty: nothing shown, but the live region stays in place).
#[component]
pub fn LiveProblems(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    view! {
        <div aria-live="assertive">
            {move || error.get().map(|e| view! { <Problems error=Some(e)/> })}
        </div>
    }
}

/// A labelled text input with its hint and the error beside it.
#[component]
pub fn Field(
    id: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "text")] mode: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] on_blur: Option<Callback<()>>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = format!("{hint_id} {error_id}");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id name=id type=kind inputmode=mode
                autocomplete=if autocomplete.is_empty() { "off" } else { autocomplete }
                aria-describedby=described
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| { if let Some(b) = on_blur { b.run(()) } }/>
            <span class="hint" id=hint_id>{hint}</span>
            <span class="field-error" id=error_id role="alert">{move || error.get()}</span>
        </div>
    }
}

/// A heading row with a title and the way back.
#[component]
pub fn Back(href: String, label: &'static str) -> impl IntoView {
    view! { <p class="back"><crate::router::Link href=href>{"« "}{label}</crate::router::Link></p> }
}
