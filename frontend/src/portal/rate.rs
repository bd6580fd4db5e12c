//! "Beoordelen prestaties dienstverlener" (003): 1 to 5 stars, an explanation of at most
//! 500 characters (counted as typed), consent to publish the name, a copy by mail.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::enterprise::{ProjectDetail, RatingAnswer, RatingRequest};
use shared::rating::{Rating, MAX_TEXT_CHARS};

use crate::api::{self, ApiError};
use crate::portal::{load, session, when_loaded, Back, LiveProblems};
use crate::router::Link;
use crate::show;
use crate::texts;

#[component]
pub fn Rate(dossier: String) -> impl IntoView {
    let answer = load(format!("/api/v1/projects/{dossier}"));
    view! {
        <section class="stack" aria-labelledby="rate-title">
            <Back href="/portefeuille".into() label=texts::TO_OVERVIEW/>
            <h1 id="rate-title">{texts::RATE_TITLE}</h1>
            {when_loaded(answer, |p: ProjectDetail| view! { <RateForm p=p/> })}
        </section>
    }
}

#[component]
fn RateForm(p: ProjectDetail) -> impl IntoView {
    let p = p.summary;
    let dossier = p.dossier_number.to_string();
    let stars = RwSignal::new(0i64);
    let text = RwSignal::new(String::new());
    let publish = RwSignal::new(false);
    let copy = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let checked = Memo::new(move |_| {
        Rating::parse(
            (stars.get() > 0).then(|| stars.get()),
            &text.get(),
            publish.get(),
            copy.get(),
        )
    });
    let error_of = move |field: &'static str| {
        move || {
            match checked.get() {
                Err(errors) if tried.get() || field == "text" => errors
                    .iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message.clone()),
                _ => None,
            }
            .or_else(|| error.get().and_then(|e| e.field(field)))
        }
    };
    let path = format!("/api/v1/projects/{dossier}/rating");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        // Checked by `shared` above: 1 to 5 stars.
        let (Ok(_), Ok(stars)) = (checked.get_untracked(), u8::try_from(stars.get_untracked()))
        else {
            return;
        };
        let body = RatingRequest {
            stars,
            text: Some(text.get_untracked()),
            publish_name: Some(publish.get_untracked()),
            copy_by_mail: Some(copy.get_untracked()),
        };
        let path = path.clone();
        error.set(None);
        spawn_local(async move {
            match api::post::<_, RatingAnswer>(&path, &body).await {
                Ok(_) => done.set(true),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let s = session();
    view! {
        <Show when=move || !done.get() fallback=|| view! {
            <div class="card" role="status"><p class="ok">{texts::RATED_OK}</p>
            <p><Link href="/portefeuille".into() class="button secondary">{texts::TO_OVERVIEW}</Link></p></div>
        }>
            <form class="card stack" novalidate on:submit=submit.clone()>
                <p>{texts::rate_intro(&p.provider_name, &p.name)}</p>
                <p>{texts::RATER}": "<strong>{s.user_name()}</strong></p>
                <fieldset class="stars-choice" aria-describedby="stars-error">
                    <legend>{texts::STARS_LEGEND}</legend>
                    {(1..=5).map(|n: i64| view! {
                        <label class="radio" for=format!("stars-{n}")>
                            <input type="radio" id=format!("stars-{n}") name="stars" value=n.to_string()
                                prop:checked=move || stars.get() == n on:change=move |_| stars.set(n)/>
                            <span aria-hidden="true">{show::stars(n as u8)}</span>
                            <span class="sr-only">{texts::stars_label(n)}</span>
                        </label>
                    }).collect_view()}
                    <span class="field-error" id="stars-error" role="alert">{error_of("stars")}</span>
                </fieldset>
                <div class="field">
                    <label for="rating-text">{texts::RATING_TEXT}</label>
                    <textarea id="rating-text" rows="4" aria-describedby="rating-count text-error"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    <span class="hint" id="rating-count" aria-live="polite">{move || texts::chars_left(MAX_TEXT_CHARS.saturating_sub(text.get().chars().count()), MAX_TEXT_CHARS)}</span>
                    <span class="field-error" id="text-error" role="alert">{error_of("text")}</span>
                </div>
                <label class="check" for="publish"><input type="checkbox" id="publish"
                    prop:checked=move || publish.get() on:change=move |ev| publish.set(event_target_checked(&ev))/>{texts::PUBLISH}</label>
                <label class="check" for="copy"><input type="checkbox" id="copy"
                    prop:checked=move || copy.get() on:change=move |ev| copy.set(event_target_checked(&ev))/>{texts::COPY_BY_MAIL}</label>
                <LiveProblems error=error/>
                <button type="submit" class="primary">{texts::CONFIRM}</button>
            </form>
        </Show>
    }
}
