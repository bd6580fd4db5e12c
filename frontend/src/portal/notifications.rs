//! "Meldingen": for an enterprise, the reminders the daily job will still send for its open
//! projects; then what the enterprise or provider was sent, newest first, with where each mail
//! stands in the outbox.

use leptos::prelude::*;
use shared::api::session::{Notification, NotificationList, UpcomingReminder};
use shared::role::Role;

use crate::portal::{self, focus, load, reload, session, when_loaded};
use crate::router::Link;
use crate::show;
use crate::texts;

const NOTIFICATIONS: &str = "/api/v1/notifications";

fn page_path(cursor: Option<&str>) -> String {
    portal::page_path(NOTIFICATIONS, cursor)
}

#[component]
pub fn Notifications() -> impl IntoView {
    let cursor = RwSignal::new(None::<String>);
    let answer = load(page_path(None));
    let s = session();
    // Another page replaces the list and its buttons: the keyboard goes to the mails' heading.
    let go = move |to: Option<String>| {
        answer.set(None);
        reload(answer, page_path(to.as_deref()));
        cursor.set(to);
        focus("mails-title");
    };
    view! {
        <section class="stack" aria-labelledby="notes-title">
            <h1 id="notes-title">{texts::NOTIFICATIONS_TITLE}</h1>
            {when_loaded(answer, move |v: NotificationList| {
                let first = cursor.with_untracked(Option::is_none);
                let pages = portal::page_buttons(texts::MAIL_PAGES_LABEL, texts::OLDER_MAILS, first, v.next_cursor, go);
                view! {
                    // A provider is sent no reminders: the API answers none, and the section is
                    // not theirs.
                    {(s.role() == Some(Role::Enterprise)).then(|| view! { <Upcoming list=v.upcoming/> })}
                    <Mails list=v.notifications/>
                    {pages}
                }
            })}
        </section>
    }
}

/// The reminders still to come, soonest first, or a sentence saying there are none.
#[component]
fn Upcoming(list: Vec<UpcomingReminder>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{texts::UPCOMING_TITLE}</h2>
            {if list.is_empty() {
                view! { <p>{texts::NO_UPCOMING}</p> }.into_any()
            } else {
                view! {
                    <p class="hint">{texts::UPCOMING_INTRO}</p>
                    <ul class="plain upcoming">{list.into_iter().map(|r| {
                        let d = r.dossier_number.to_string();
                        let href = format!("/project/{d}");
                        let shown = d.clone();
                        view! {
                            <li data-dossier=d>
                                <strong>{show::date(r.on)}</strong>" – "
                                <Link href=href>{shown}</Link>" "{r.name}": "{r.about}
                            </li>
                        }
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>
    }
}

/// The mails, each with its status in words.
#[component]
fn Mails(list: Vec<Notification>) -> impl IntoView {
    view! {
        <section class="stack" aria-labelledby="mails-title">
            <h2 id="mails-title" tabindex="-1">{texts::MAILS_TITLE}</h2>
            {if list.is_empty() {
                view! { <p>{texts::NO_NOTIFICATIONS}</p> }.into_any()
            } else {
                view! {
                    <ul class="mails">{list.into_iter().map(|m| {
                        let status = status_line(&m);
                        view! {
                            <li class="card">
                                <details>
                                    <summary>
                                        <span class="sub">{show::day_of(&m.created_at)}</span>" "<strong>{m.subject}</strong>
                                        " "<span class="sub" data-field="mail-status">{status}</span>
                                    </summary>
                                    <div class="mail-body">{m.body}</div>
                                </details>
                            </li>
                        }
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>
    }
}

/// The status by `shared`'s label, with the day the mail service accepted it.
fn status_line(m: &Notification) -> String {
    let sent_on = m
        .sent_at
        .as_ref()
        .map(show::day_of)
        .filter(|d| !d.is_empty());
    texts::mail_status(m.status.label_nl(), sent_on.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn mail(status: &str, sent_at: Option<&str>) -> Notification {
        serde_json::from_value(json!({
            "id": 1, "subject": "Onderwerp", "body": "Tekst", "created_at": "2026-04-21 10:00:00",
            "status": status, "sent_at": sent_at
        }))
        .unwrap()
    }

    #[test]
    fn a_sent_mail_says_when_it_was_sent() {
        assert_eq!(
            status_line(&mail("sent", Some("2026-04-21 10:00:05"))),
            "Status: verstuurd op 21/04/2026"
        );
    }

    #[test]
    fn a_mail_not_sent_says_where_it_stands_in_words() {
        assert_eq!(
            status_line(&mail("held", None)),
            "Status: wacht op de bevestiging van uw e-mailadres"
        );
        assert_eq!(
            status_line(&mail("pending", None)),
            "Status: wordt verstuurd"
        );
    }

    #[test]
    fn the_first_page_asks_no_cursor_and_older_ones_the_apis_next_cursor() {
        assert_eq!(page_path(None), "/api/v1/notifications");
        assert_eq!(page_path(Some("c1.7")), "/api/v1/notifications?cursor=c1.7");
    }
}
