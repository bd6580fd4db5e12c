//! The signed-in screens: the enterprise portal (manual 003), the provider portal and the
//! operator's screen.

pub mod deposit;
pub mod draft;
pub mod email;
pub mod notifications;
pub mod operator;
pub mod overview;
pub mod pay;
pub mod project;
pub mod provider;
pub mod rate;
pub mod registration;
pub mod signin;
pub mod stop;
pub mod wizard;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use shared::api::session::Session as Me;
use shared::role::Role;

use crate::api::{self, Answer, ApiError};
use crate::texts;

/// Who is signed in (`GET /api/v1/me`): `None` inside while still asking, `Some(None)` when
/// no one is.
///
/// Asked only once a signed-in screen is opened: the public simulator makes no call that a
/// visitor without a session would see refused.
#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Option<Me>>>,
    /// An answer of `/me` that could not be read: shown instead of the signed-in screens.
    pub problem: RwSignal<Option<ApiError>>,
    asked: RwSignal<bool>,
}

impl Session {
    pub fn start() -> Session {
        Session {
            me: RwSignal::new(None),
            problem: RwSignal::new(None),
            asked: RwSignal::new(false),
        }
    }

    /// Asks the API who is signed in, once. A refusal (401, 403) means no one is.
    pub fn ensure(&self) {
        if self.asked.get_untracked() || self.me.get_untracked().is_some() {
            return;
        }
        self.asked.set(true);
        spawn_local(self.refresh());
    }

    /// Asks the API who is signed in now: after a demo sign-in, or when another registration
    /// of the enterprise came first.
    pub async fn refresh(self) {
        let answer = api::get::<Me>("/api/v1/me").await;
        if let Err(e) = &answer {
            if e.is_unreadable() {
                self.problem.set(Some(e.clone()));
            }
        }
        self.me.set(Some(answer.ok()));
    }

    /// The enterprise acted for has no wallet yet: it registers first.
    pub fn must_register(&self) -> bool {
        self.me
            .with(|m| m.as_ref().flatten().is_some_and(|m| m.must_register))
    }

    /// The role acted for now; `None` signed out or before choosing an organisation.
    pub fn role(&self) -> Option<Role> {
        self.me.get().flatten().and_then(|m| m.role)
    }

    /// How many organisations this sign-in may act for.
    pub fn organisations(&self) -> usize {
        self.me
            .with(|m| m.as_ref().flatten().map_or(0, |m| m.organisations.len()))
    }

    pub fn user_name(&self) -> String {
        self.me.with(|m| {
            m.as_ref()
                .flatten()
                .map(|m| m.user_name.clone())
                .unwrap_or_default()
        })
    }
}

pub fn session() -> Session {
    expect_context::<Session>()
}

/// An answer on its way: `None` while loading. Kept as received and read into its type as it
/// is drawn ([`when_loaded`]): one kind of signal for every screen keeps the bundle small.
pub type Loading = RwSignal<Option<Result<Answer, ApiError>>>;

/// Starts `GET path` and answers the signal it will fill.
pub fn load(path: String) -> Loading {
    let answer = RwSignal::new(None);
    reload(answer, path);
    answer
}

pub fn reload(answer: Loading, path: String) {
    spawn_local(async move {
        let got = api::get_answer(&path).await;
        answer.set(Some(got));
    });
}

/// Shows `view` of the answer read as `T` once it is there, a loading line before, the error
/// if it failed or does not read as `T`.
pub fn when_loaded<T: DeserializeOwned, V: IntoView + 'static>(
    answer: Loading,
    view: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView {
    move || match answer.with(|a| a.as_ref().map(|a| a.clone().and_then(|a| a.read::<T>()))) {
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
    /// `&'static str` or a `String` built for a repeated group (`rel0-share`).
    #[prop(into)]
    id: String,
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
    let (label_for, name) = (id.clone(), id.clone());
    view! {
        <div class="field">
            <label for=label_for>{label}</label>
            <input id=id name=name type=kind inputmode=mode
                autocomplete=if autocomplete.is_empty() { "off" } else { autocomplete }
                aria-describedby=described
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| { if let Some(b) = on_blur { b.run(()) } }/>
            <span class="hint" id=hint_id>{hint}</span>
            {error_text(error_id, error)}
        </div>
    }
}

/// The message beside a field, announced as it appears (one view type for every field).
pub fn error_text(id: String, error: Signal<Option<String>>) -> impl IntoView {
    view! { <span class="field-error" id=id role="alert">{move || error.get()}</span> }
}

/// Moves the keyboard (and a screen reader) to the element `id`, e.g. a heading with
/// `tabindex="-1"` after its content was replaced.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A heading row with a title and the way back.
#[component]
pub fn Back(href: String, label: &'static str) -> impl IntoView {
    view! { <p class="back"><crate::router::Link href=href>{"« "}{label}</crate::router::Link></p> }
}

/// The path of a page of a list (`?cursor=`, the API's `next_cursor` of the previous page);
/// `None` for the first page.
pub fn page_path(path: &str, cursor: Option<&str>) -> String {
    api::with_query(path, &[("cursor", cursor.unwrap_or_default())])
}

/// The buttons between the pages of such a list: back to the first page (when not on it) and
/// on to the next (when the API names one); nothing on a first page that is the only one.
pub fn page_buttons(
    label: &'static str,
    next_text: &'static str,
    first: bool,
    next: Option<String>,
    go: impl Fn(Option<String>) + Copy + 'static,
) -> impl IntoView {
    (!first || next.is_some()).then(|| {
        view! {
            <nav class="row" aria-label=label>
                {(!first).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| go(None)>{texts::PAGE_FIRST}</button>
                })}
                {next.map(|n| view! {
                    <button type="button" class="primary" on:click=move |_| go(Some(n.clone()))>{next_text}</button>
                })}
            </nav>
        }
    })
}

/// The further pages of a list the API answers a page at a time (`shared::api::page`): each
/// "Meer tonen" reads the page after the last one shown and adds its items under it, as long as
/// the API names a `next_cursor`. Nothing is cut off silently: the button stays while more follow.
/// The pages are kept as received and read into their type as they are drawn, as [`Loading`]
/// keeps answers: one kind of signal for every list keeps the bundle small.
#[derive(Clone, Copy)]
pub struct More {
    pages: RwSignal<Vec<Answer>>,
    next: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
}

/// The one field every page has.
#[derive(serde::Deserialize)]
struct Next {
    next_cursor: Option<String>,
}

impl More {
    /// After a first page whose `next_cursor` is `next`.
    pub fn after(next: Option<String>) -> More {
        More {
            pages: RwSignal::new(Vec::new()),
            next: RwSignal::new(next),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// The items of the pages read so far, each page read as `T` and drawn by `items`.
    pub fn items<T: DeserializeOwned, V: IntoView + 'static>(
        self,
        items: impl Fn(T) -> V + Copy + Send + Sync + 'static,
    ) -> impl IntoView {
        move || {
            self.pages
                .get()
                .iter()
                .filter_map(|page| page.read::<T>().ok())
                .map(items)
                .collect_view()
        }
    }

    /// "Meer tonen" while more follow, reading the page at `path(cursor)`. A refusal is shown
    /// beside it, and the button stays to try again.
    pub fn button(self, path: Callback<String, String>) -> impl IntoView {
        let more = move |_| {
            let Some(cursor) = self.next.get_untracked() else {
                return;
            };
            self.busy.set(true);
            self.error.set(None);
            let path = path.run(cursor);
            spawn_local(async move {
                let read = api::get_answer(&path)
                    .await
                    .and_then(|page| page.read::<Next>().map(|n| (page, n.next_cursor)));
                match read {
                    Ok((page, next)) => {
                        self.next.set(next);
                        self.pages.update(|p| p.push(page));
                    }
                    Err(e) => self.error.set(Some(e)),
                }
                self.busy.set(false);
            });
        };
        view! {
            <LiveProblems error=self.error/>
            {move || self.next.get().is_some().then(|| view! {
                <p class="more">
                    <button type="button" class="secondary" on:click=more
                        prop:disabled=move || self.busy.get()>{texts::SHOW_MORE}</button>
                </p>
            })}
        }
    }
}
