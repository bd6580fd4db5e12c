//! Confirming an e-mail address from the link mailed to it (`/e-mailadres-bevestigen#<token>`).
//! No sign-in needed: the link may be opened on another device. The token is in the fragment,
//! which the browser never sends to a server; it is posted only when the person confirms, so a
//! mail scanner that opens the link confirms nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::enterprise::{EmailConfirmationRequest, EmailConfirmed};

use crate::api::{self, ApiError};
use crate::portal::LiveProblems;
use crate::texts;

#[component]
pub fn ConfirmEmail() -> impl IntoView {
    let token = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .filter(|t| EmailConfirmationRequest::is_token(t));
    let complete = token.is_some();
    let done = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let confirm = move |_| {
        let Some(token) = token.clone() else { return };
        busy.set(true);
        spawn_local(async move {
            let body = EmailConfirmationRequest { token };
            match api::post::<_, EmailConfirmed>("/api/v1/email-confirmation", &body).await {
                Ok(c) => done.set(Some(c.email)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card stack" aria-labelledby="confirm-title">
            <h1 id="confirm-title">{texts::CONFIRM_EMAIL_TITLE}</h1>
            {move || match done.get() {
                Some(email) => view! {
                    <p role="status">{texts::CONFIRM_EMAIL_DONE_1}<strong>{email}</strong>{texts::CONFIRM_EMAIL_DONE_2}</p>
                }.into_any(),
                None if !complete => view! { <p role="alert">{texts::CONFIRM_EMAIL_INCOMPLETE}</p> }.into_any(),
                None => view! {
                    <p>{texts::CONFIRM_EMAIL_INTRO}</p>
                    <LiveProblems error=error/>
                    <p><button class="primary" on:click=confirm.clone() disabled=move || busy.get()>
                        {texts::CONFIRM_EMAIL_BUTTON}
                    </button></p>
                }.into_any(),
            }}
        </section>
    }
}
