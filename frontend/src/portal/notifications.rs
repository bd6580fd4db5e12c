//! What the enterprise or provider was sent, newest first.

use leptos::prelude::*;
use shared::api::session::NotificationList;

use crate::portal::{load, when_loaded};
use crate::show;
use crate::texts;

#[component]
pub fn Notifications() -> impl IntoView {
    let answer = load("/api/v1/notifications".into());
    view! {
        <section class="stack" aria-labelledby="notes-title">
            <h1 id="notes-title">{texts::NOTIFICATIONS_TITLE}</h1>
            {when_loaded(answer, |v: NotificationList| {
                let list = v.notifications;
                if list.is_empty() {
                    return view! { <p>{texts::NO_NOTIFICATIONS}</p> }.into_any();
                }
                view! {
                    <ul class="mails">{list.into_iter().map(|m| view! {
                        <li class="card">
                            <details>
                                <summary><span class="sub">{show::day_of(&m.created_at)}</span>" "<strong>{m.subject}</strong></summary>
                                <div class="mail-body">{m.body}</div>
                            </details>
                        </li>
                    }).collect_view()}</ul>
                }.into_any()
            })}
        </section>
    }
}
