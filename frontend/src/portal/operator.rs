//! The operator's screen ("Beheer"): who is signed in, and the mails the outbox could not send
//! (`GET /api/v1/operator/mails`), a page at a time. Another role is told it is not theirs.

use leptos::prelude::*;
use shared::api::operator::{ParkedMail, ParkedMailList};
use shared::role::Role;

use crate::api;
use crate::portal::{focus, load, reload, session, when_loaded};
use crate::show;
use crate::texts;

const MAILS: &str = "/api/v1/operator/mails";

#[component]
pub fn OperatorHome() -> impl IntoView {
    let s = session();
    view! {
        <section class="stack" aria-labelledby="operator-title">
            <h1 id="operator-title">{texts::OPERATOR_TITLE}</h1>
            {move || if s.role() == Some(Role::Operator) {
                view! { <p>{s.user_name()}</p><p>{texts::OPERATOR_INTRO}</p><ParkedMails/> }.into_any()
            } else {
                view! { <p>{texts::OPERATOR_ONLY}</p> }.into_any()
            }}
        </section>
    }
}

/// The page of parked mails before the mail `before` (newest first); `None` for the first page.
fn page_path(before: Option<i64>) -> String {
    let before = before.map(|b| b.to_string()).unwrap_or_default();
    api::with_query(MAILS, &[("before", &before)])
}

/// "Niet verstuurde mails": a table per page, and buttons to the next page (the API's `next`)
/// and back to the first.
#[component]
fn ParkedMails() -> impl IntoView {
    let before = RwSignal::new(None::<i64>);
    let answer = load(page_path(None));
    // The new page replaces the buttons: the keyboard goes to the section's heading.
    let go = move |to: Option<i64>| {
        before.set(to);
        answer.set(None);
        reload(answer, page_path(to));
        focus("parked-title");
    };
    view! {
        <section class="card" aria-labelledby="parked-title">
            <h2 id="parked-title" tabindex="-1">{texts::PARKED_TITLE}</h2>
            <p class="hint">{texts::PARKED_INTRO}</p>
            {when_loaded(answer, move |v: ParkedMailList| {
                let first = before.get_untracked().is_none();
                let list = if v.mails.is_empty() {
                    let empty = if first { texts::NO_PARKED } else { texts::NO_MORE_PARKED };
                    view! { <p>{empty}</p> }.into_any()
                } else {
                    view! { <MailTable mails=v.mails/> }.into_any()
                };
                let pages = (!first || v.next.is_some()).then(|| view! {
                    <nav class="row" aria-label=texts::PAGES_LABEL>
                        {(!first).then(|| view! {
                            <button type="button" class="secondary" on:click=move |_| go(None)>{texts::PAGE_FIRST}</button>
                        })}
                        {v.next.map(|n| view! {
                            <button type="button" class="primary" on:click=move |_| go(Some(n))>{texts::PAGE_NEXT}</button>
                        })}
                    </nav>
                });
                view! { {list}{pages} }
            })}
        </section>
    }
}

#[component]
fn MailTable(mails: Vec<ParkedMail>) -> impl IntoView {
    view! {
        <table class="list">
            <caption class="sr-only">{texts::PARKED_TITLE}</caption>
            <thead><tr>
                <th scope="col">{texts::COL_DATE}</th><th scope="col">{texts::COL_RECIPIENT}</th>
                <th scope="col">{texts::COL_SUBJECT}</th><th scope="col">{texts::COL_STATUS}</th>
                <th scope="col">{texts::COL_ATTEMPTS}</th><th scope="col">{texts::COL_LAST_ERROR}</th>
            </tr></thead>
            <tbody>{mails.into_iter().map(|m| view! {
                <tr data-mail=m.id>
                    <td data-label=texts::COL_DATE>{show::day_of(&m.created_at)}</td>
                    <td data-label=texts::COL_RECIPIENT>{m.recipient}<br/>
                        <span class="sub">{texts::role_label(m.role.id())}" "{m.subject_id}</span></td>
                    <td data-label=texts::COL_SUBJECT>{m.subject}</td>
                    <td data-label=texts::COL_STATUS data-field="status">{m.status.label_nl()}</td>
                    <td data-label=texts::COL_ATTEMPTS class="num">{m.attempts}</td>
                    <td data-label=texts::COL_LAST_ERROR>{m.last_error.unwrap_or_else(|| texts::NO_ERROR.to_string())}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_asks_no_before_and_the_next_asks_the_apis_next() {
        assert_eq!(page_path(None), "/api/v1/operator/mails");
        assert_eq!(page_path(Some(41)), "/api/v1/operator/mails?before=41");
    }
}
