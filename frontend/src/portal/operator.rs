//! The operator's screen ("Beheer"): who is signed in, and the mails the outbox could not send
//! (`GET /api/v1/operator/mails`), a page at a time, each to be sent again once its cause is put
//! right (`POST /api/v1/operator/mails/{id}/retry`). Another role is told it is not theirs.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::operator::{ParkedMail, ParkedMailList};
use shared::api::session::Requeued;
use shared::role::Role;

use crate::api::{self, ApiError};
use crate::portal::{self, focus, load, reload, session, when_loaded, LiveProblems};
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

fn page_path(cursor: Option<&str>) -> String {
    portal::page_path(MAILS, cursor)
}

/// Puts the parked mail `id` on the mail queue again.
fn retry_path(id: i64) -> String {
    format!("{MAILS}/{id}/retry")
}

/// What the last "Opnieuw versturen" did, shown above the table: it stays while the page is
/// loaded again (the mail sent again leaves the list).
#[derive(Clone, Copy)]
struct Retries {
    requeued: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    /// Loads the page shown again.
    reload: Callback<()>,
}

impl Retries {
    fn start(self) {
        self.requeued.set(false);
        self.error.set(None);
    }

    fn finish(self, answer: Result<Requeued, ApiError>) {
        match answer {
            Ok(_) => {
                self.requeued.set(true);
                self.reload.run(());
            }
            Err(e) => self.error.set(Some(e)),
        }
    }
}

/// "Niet verstuurde mails": a table per page, and buttons to the next page (the API's
/// `next_cursor`) and back to the first.
#[component]
fn ParkedMails() -> impl IntoView {
    let cursor = RwSignal::new(None::<String>);
    let answer = load(page_path(None));
    // The new page replaces the buttons: the keyboard goes to the section's heading.
    let go = move |to: Option<String>| {
        answer.set(None);
        reload(answer, page_path(to.as_deref()));
        cursor.set(to);
        focus("parked-title");
    };
    // The row pressed leaves the list: the keyboard goes to the heading, the status is read after.
    let retries = Retries {
        requeued: RwSignal::new(false),
        error: RwSignal::new(None),
        reload: Callback::new(move |()| {
            reload(answer, page_path(cursor.get_untracked().as_deref()));
            focus("parked-title");
        }),
    };
    view! {
        <section class="card" aria-labelledby="parked-title">
            <h2 id="parked-title" tabindex="-1">{texts::PARKED_TITLE}</h2>
            <p class="hint">{texts::PARKED_INTRO}</p>
            <p class="hint">{texts::PARKED_RETRY_INTRO}</p>
            <p role="status" class="ok">{move || retries.requeued.get().then_some(texts::MAIL_REQUEUED)}</p>
            <LiveProblems error=retries.error/>
            {when_loaded(answer, move |v: ParkedMailList| {
                let first = cursor.with_untracked(Option::is_none);
                let list = if v.mails.is_empty() {
                    let empty = if first { texts::NO_PARKED } else { texts::NO_MORE_PARKED };
                    view! { <p>{empty}</p> }.into_any()
                } else {
                    view! { <MailTable mails=v.mails retries=retries/> }.into_any()
                };
                let pages = portal::page_buttons(texts::PAGES_LABEL, texts::PAGE_NEXT, first, v.next_cursor, go);
                view! { {list}{pages} }
            })}
        </section>
    }
}

#[component]
fn MailTable(mails: Vec<ParkedMail>, retries: Retries) -> impl IntoView {
    view! {
        <table class="list">
            <caption class="sr-only">{texts::PARKED_TITLE}</caption>
            <thead><tr>
                <th scope="col">{texts::COL_DATE}</th><th scope="col">{texts::COL_RECIPIENT}</th>
                <th scope="col">{texts::COL_SUBJECT}</th><th scope="col">{texts::COL_STATUS}</th>
                <th scope="col">{texts::COL_ATTEMPTS}</th><th scope="col">{texts::COL_LAST_ERROR}</th>
                <th scope="col">{texts::COL_ACTION}</th>
            </tr></thead>
            <tbody>{mails.into_iter().map(|m| {
                let subject = m.subject.clone();
                view! {
                    <tr data-mail=m.id>
                        <td data-label=texts::COL_DATE>{show::day_of(&m.created_at)}</td>
                        <td data-label=texts::COL_RECIPIENT>{m.recipient}<br/>
                            <span class="sub">{texts::role_label(m.role.id())}" "{m.subject_id}</span></td>
                        <td data-label=texts::COL_SUBJECT>{m.subject}</td>
                        <td data-label=texts::COL_STATUS data-field="status">{texts::parked_status(m.status)}</td>
                        <td data-label=texts::COL_ATTEMPTS class="num">{m.attempts}</td>
                        <td data-label=texts::COL_LAST_ERROR>{m.last_error.unwrap_or_else(|| texts::NO_ERROR.to_string())}</td>
                        <td data-label=texts::COL_ACTION class="actions"><RetryButton id=m.id subject=subject retries=retries/></td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
    }
}

/// "Opnieuw versturen", named with the mail's subject: disabled while the call is under way.
#[component]
fn RetryButton(id: i64, subject: String, retries: Retries) -> impl IntoView {
    let busy = RwSignal::new(false);
    let retry = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        retries.start();
        spawn_local(async move {
            let answer = api::post::<_, Requeued>(&retry_path(id), &api::NoBody {}).await;
            busy.set(false);
            retries.finish(answer);
        });
    };
    view! {
        <button type="button" class="secondary" aria-label=texts::retry_label(&subject)
            disabled=move || busy.get() on:click=retry>{texts::RETRY_MAIL}</button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_page_asks_no_cursor_and_the_next_the_apis_next_cursor() {
        assert_eq!(page_path(None), "/api/v1/operator/mails");
        assert_eq!(
            page_path(Some("c1.29")),
            "/api/v1/operator/mails?cursor=c1.29"
        );
    }

    #[test]
    fn a_parked_mail_is_sent_again_at_its_retry_path() {
        assert_eq!(retry_path(7), "/api/v1/operator/mails/7/retry");
    }

    #[test]
    fn a_mail_whose_sending_was_never_recorded_reads_as_unknown_not_as_being_sent() {
        use shared::api::session::MailStatus;
        assert_eq!(
            texts::parked_status(MailStatus::Sending),
            "uitkomst onbekend: niet bevestigd door de mailservice"
        );
        assert_eq!(texts::parked_status(MailStatus::Failed), "niet verstuurd");
        for status in [
            MailStatus::Pending,
            MailStatus::Sending,
            MailStatus::Sent,
            MailStatus::Held,
            MailStatus::Failed,
            MailStatus::Dropped,
        ] {
            assert!(!texts::parked_status(status).is_empty());
        }
    }
}
