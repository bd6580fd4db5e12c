//! The deadlines of one project as an iCalendar file (RFC 5545), for the enterprise's own
//! calendar. RULES.md §6 (the dates), §7 (what is lost at the closing).
//!
//! Choices made where the sources are silent:
//! - **Which deadlines.** A project not ended has its closing day (004: 31 December of the
//!   year after the application); while it waits for its deposit, also the deposit deadline
//!   (001, 004: 30 days after the application). Once the deposit is in that deadline is met,
//!   and a met deadline is noise in a calendar, as for the reminders ([`crate::reminder`]).
//!   The application deadline matters only for a project cancelled for a late deposit: 004
//!   allows a new application for the same service up to the fourteenth day after its start.
//!   A finished, refused, stopped or closed project has no deadline left. Deadlines already
//!   past `today` are left out.
//! - **Alarms** follow the reminder mails, so the calendar and the mailbox warn on the same
//!   days: 7 and 2 days before the deposit deadline, 60 and 14 days before the closing. The
//!   new application gets one alarm 2 days before: its window is at most 14 days long.
//! - **Stable UIDs** (`{dossier}-{kind}@{host}`): a second download imported again updates
//!   the events instead of doubling them (RFC 5545 §3.8.4.7).
//! - **Hand-written**: a few properties of one event type do not justify a dependency in the
//!   browser bundle. Text is escaped (§3.3.11) and lines folded at 75 octets (§3.1); dates are
//!   written out rather than with chrono's strftime, as in [`crate::format`].

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Timelike};

use crate::format;
use crate::project::{Project, Status};
use crate::reminder::Reminder;

/// One date the enterprise should have in its calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The last day on which it may happen (inclusive, [`crate::deadlines`]).
    pub date: NaiveDate,
}

/// What a [`Deadline`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineKind {
    /// A new support application (steunaanvraag) after a cancellation.
    Apply,
    /// The own contribution (eigen bijdrage) on the wallet account.
    Deposit,
    /// The project's last day before it closes automatically.
    Closing,
}

impl DeadlineKind {
    /// Stable code, part of the event's UID.
    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::Apply => "apply",
            DeadlineKind::Deposit => "deposit",
            DeadlineKind::Closing => "closing",
        }
    }

    /// Days before the deadline at which the calendar warns (see the module doc).
    fn alarm_days(self) -> Vec<u64> {
        let days = |reminders: [Reminder; 2]| reminders.map(Reminder::days_before).to_vec();
        match self {
            DeadlineKind::Apply => vec![APPLY_ALARM_DAYS],
            DeadlineKind::Deposit => days([Reminder::DepositWeek, Reminder::DepositTwoDays]),
            DeadlineKind::Closing => days([Reminder::ClosingSixtyDays, Reminder::ClosingFortnight]),
        }
    }
}

/// The new application has no reminder mail; its window is at most 14 days (001, 003).
const APPLY_ALARM_DAYS: u64 = 2;

/// The deadlines of `project` for its calendar on `today`, soonest first; `apply_by` is the
/// last day to apply for its service ([`crate::deadlines::apply_by`]). See the module doc for
/// which ones.
pub fn deadlines(project: &Project, apply_by: NaiveDate, today: NaiveDate) -> Vec<Deadline> {
    let deposit = Deadline {
        kind: DeadlineKind::Deposit,
        date: project.deposit_by(),
    };
    let closing = Deadline {
        kind: DeadlineKind::Closing,
        date: project.closes_on(),
    };
    let apply = Deadline {
        kind: DeadlineKind::Apply,
        date: apply_by,
    };
    let mut list = match project.status() {
        Status::AwaitingDeposit => vec![deposit, closing],
        Status::Running => vec![closing],
        // Cancelled means the deposit came too late or not at all (004).
        Status::Cancelled => vec![apply],
        Status::Finished
        | Status::Refused
        | Status::Stopped
        | Status::AwaitingRecovery
        | Status::Closed => vec![],
    };
    list.retain(|d| d.date >= today);
    list.sort_by_key(|d| d.date);
    list
}

/// The iCalendar text (RFC 5545) of a project's `deadlines`: one all-day event each, with
/// alarms. `stamp` is now in UTC; `host` names the product in the UIDs (the public origin's
/// host). Every line ends with CRLF.
pub fn ics(
    dossier: &str,
    project_name: &str,
    deadlines: &[Deadline],
    stamp: NaiveDateTime,
    host: &str,
) -> String {
    let mut out = String::new();
    let mut line = |name: &str, value: &str| push_line(&mut out, &format!("{name}:{value}"));
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", "-//VLAIO//kmo-portefeuille//NL");
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    line(
        "X-WR-CALNAME",
        &escape(&format!("kmo-portefeuille – project {dossier}")),
    );
    for deadline in deadlines {
        let summary = summary(deadline.kind, dossier);
        let uid = format!("{dossier}-{}@{host}", deadline.kind.code());
        line("BEGIN", "VEVENT");
        line("UID", &escape(&uid));
        line("DTSTAMP", &date_time_utc(stamp));
        line("DTSTART;VALUE=DATE", &date(deadline.date));
        // An all-day event ends (exclusively) the next day; without a next day it is one day
        // long anyway (§3.6.1).
        if let Some(next) = deadline.date.checked_add_days(Days::new(1)) {
            line("DTEND;VALUE=DATE", &date(next));
        }
        line("SUMMARY", &escape(&summary));
        line("DESCRIPTION", &escape(&description(deadline, project_name)));
        line("TRANSP", "TRANSPARENT");
        for days in deadline.kind.alarm_days() {
            line("BEGIN", "VALARM");
            line("ACTION", "DISPLAY");
            line("DESCRIPTION", &escape(&summary));
            line("TRIGGER", &format!("-P{days}D"));
            line("END", "VALARM");
        }
        line("END", "VEVENT");
    }
    line("END", "VCALENDAR");
    out
}

fn summary(kind: DeadlineKind, dossier: &str) -> String {
    match kind {
        DeadlineKind::Apply => format!("Uiterste datum nieuwe steunaanvraag – project {dossier}"),
        DeadlineKind::Deposit => {
            format!("Uiterste datum storting eigen bijdrage – project {dossier}")
        }
        DeadlineKind::Closing => {
            format!("Laatste dag om uw dienstverlener te betalen – project {dossier}")
        }
    }
}

fn description(deadline: &Deadline, project_name: &str) -> String {
    let on = format::date(deadline.date);
    match deadline.kind {
        // 004: a late deposit cancels; a new application is possible up to start + 14 days.
        DeadlineKind::Apply => format!(
            "Uw aanvraag voor '{project_name}' werd geannuleerd omdat de eigen bijdrage niet op \
             tijd gestort werd. Voor dezelfde dienst kan u uiterlijk op {on} een nieuwe \
             steunaanvraag indienen (tot de veertiende dag na de start van de prestaties)."
        ),
        // 003 step 5; VLAIO 'storten en betalen': a late deposit is sent back.
        DeadlineKind::Deposit => format!(
            "Stort de eigen bijdrage voor '{project_name}' met de gestructureerde mededeling \
             van het project, zodat ze uiterlijk op {on} op de kmo-portefeuille rekening staat. \
             Een storting die te laat komt, wordt teruggestort en de aanvraag geannuleerd."
        ),
        // 004 and RULES.md §7: what is left at the closing does not reach the provider.
        DeadlineKind::Closing => format!(
            "Het project '{project_name}' sluit automatisch af na {on}. Betaal uw \
             dienstverlener uiterlijk op die dag via de kmo-portefeuille; wat daarna nog op het \
             project staat, gaat terug: de eigen bijdrage naar u, de subsidie naar de Vlaamse overheid."
        ),
    }
}

/// `YYYYMMDD` (§3.3.4).
fn date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `YYYYMMDDTHHMMSSZ`, a UTC time (§3.3.5, form #2; DTSTAMP must be UTC, §3.8.7.2).
fn date_time_utc(t: NaiveDateTime) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A TEXT value (§3.3.11): backslash, semicolon and comma escaped, a line break written `\n`.
/// A CR is dropped (CRLF counts as one break) and so are other control characters, which
/// TEXT may not hold (only HTAB is allowed).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// §3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break", a
/// longer one continues on the next line after CRLF and one space (which counts toward that
/// line's 75). Folded between characters, never inside a UTF-8 sequence.
const MAX_LINE_OCTETS: usize = 75;

fn push_line(out: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use crate::project::{Event, ProjectAmounts};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    /// Applied 2026-03-10 for a training starting 2026-05-01 (apply by 2026-05-15): deposit
    /// by 2026-04-09, closes 2027-12-31.
    fn awaiting() -> Project {
        let amounts = ProjectAmounts::new(m("686"), m("294")).unwrap();
        Project::new(amounts, d("2026-03-10"))
    }

    const APPLY_BY: &str = "2026-05-15";

    fn after(project: &Project, event: Event) -> Project {
        project.apply(&event).unwrap().0
    }

    fn running() -> Project {
        let deposit = Event::DepositReceived {
            amount: m("686"),
            date: d("2026-03-20"),
        };
        after(&awaiting(), deposit)
    }

    fn cancelled() -> Project {
        after(
            &awaiting(),
            Event::DeadlinePassed {
                date: d("2026-04-10"),
            },
        )
    }

    fn deadline(kind: DeadlineKind, date: &str) -> Deadline {
        Deadline {
            kind,
            date: d(date),
        }
    }

    fn stamp() -> NaiveDateTime {
        d("2026-03-10").and_hms_opt(8, 5, 9).unwrap()
    }

    const DOSSIER: &str = "2026KMO000123";

    fn calendar(deadlines: &[Deadline]) -> String {
        ics(
            DOSSIER,
            "Opleiding cybersecurity, niveau 1; \"basis\"",
            deadlines,
            stamp(),
            "kmo.example.be",
        )
    }

    #[test]
    fn a_project_has_the_deadlines_it_can_still_meet() {
        use DeadlineKind::*;
        let apply_by = d(APPLY_BY);
        let stopped = after(
            &running(),
            Event::Stop {
                reason: "Opleiding geannuleerd".into(),
                date: d("2026-04-01"),
                cause: None,
            },
        );
        for (project, today, expected) in [
            (
                awaiting(),
                "2026-03-10",
                vec![
                    deadline(Deposit, "2026-04-09"),
                    deadline(Closing, "2027-12-31"),
                ],
            ),
            (
                awaiting(),
                "2026-04-09",
                vec![
                    deadline(Deposit, "2026-04-09"),
                    deadline(Closing, "2027-12-31"),
                ],
            ),
            (
                awaiting(),
                "2026-04-10",
                vec![deadline(Closing, "2027-12-31")],
            ),
            (
                running(),
                "2026-03-20",
                vec![deadline(Closing, "2027-12-31")],
            ),
            (running(), "2028-01-01", vec![]),
            // 004: cancelled for a late deposit, a new application is possible until start + 14.
            (cancelled(), "2026-04-10", vec![deadline(Apply, APPLY_BY)]),
            (cancelled(), "2026-05-15", vec![deadline(Apply, APPLY_BY)]),
            (cancelled(), "2026-05-16", vec![]),
            (stopped, "2026-04-01", vec![]),
        ] {
            assert_eq!(
                deadlines(&project, apply_by, d(today)),
                expected,
                "{:?} {today}",
                project.status()
            );
        }
    }

    #[test]
    fn text_values_escape_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(escape(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape("een\ntwee\r\ndrie"), r"een\ntwee\ndrie");
        assert_eq!(escape("tab\there\u{7}"), "tab\there");
        assert_eq!(
            escape("‘Opleiding’ – € 1.234,56"),
            r"‘Opleiding’ – € 1.234\,56"
        );
    }

    fn folded(line: &str) -> String {
        let mut out = String::new();
        push_line(&mut out, line);
        out
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        let exactly = "x".repeat(75);
        assert_eq!(folded(&exactly), format!("{exactly}\r\n"));
        let one_more = "x".repeat(76);
        assert_eq!(folded(&one_more), format!("{exactly}\r\n x\r\n"));
        // Two- and three-octet characters straddling the 75th octet move whole to the next line.
        for text in [
            format!("DESCRIPTION:{}", "é".repeat(100)),
            format!("SUMMARY:x{}", "€–".repeat(60)),
            format!("DESCRIPTION:{}", "ab😀".repeat(40)),
        ] {
            let out = folded(&text);
            for physical in out.split_terminator("\r\n") {
                assert!(
                    physical.len() <= 75,
                    "{} octets: {physical}",
                    physical.len()
                );
            }
            assert!(out.lines().skip(1).all(|l| l.starts_with(' ')));
            assert_eq!(unfold(&out), format!("{text}\r\n"));
        }
    }

    #[test]
    fn every_line_ends_with_crlf_and_none_is_longer_than_75_octets() {
        let text = calendar(&deadlines(&awaiting(), d(APPLY_BY), d("2026-03-10")));
        assert!(text.ends_with("\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
        for line in text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = unfold(&text);
        assert!(unfolded.starts_with(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//VLAIO//kmo-portefeuille//NL\r\n\
             CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n\
             X-WR-CALNAME:kmo-portefeuille – project 2026KMO000123\r\n"
        ));
        assert!(unfolded.contains(
            "\r\nSUMMARY:Uiterste datum storting eigen bijdrage – project 2026KMO000123\r\n"
        ));
        assert!(unfolded.contains(
            r"DESCRIPTION:Stort de eigen bijdrage voor 'Opleiding cybersecurity\, niveau 1\; "
        ));
        assert!(unfolded.contains("uiterlijk op 09/04/2026 op de kmo-portefeuille rekening"));
        assert!(unfolded.contains("\r\nDTSTAMP:20260310T080509Z\r\n"));
        assert!(unfolded.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }

    #[test]
    fn uids_are_stable_per_dossier_and_kind_across_downloads() {
        let list = deadlines(&awaiting(), d(APPLY_BY), d("2026-03-10"));
        let uids = |text: &str| -> Vec<String> {
            unfold(text)
                .lines()
                .filter(|l| l.starts_with("UID:"))
                .map(str::to_string)
                .collect()
        };
        let first = calendar(&list);
        let later = ics(
            DOSSIER,
            "Andere naam",
            &list,
            stamp() + chrono::Days::new(3),
            "kmo.example.be",
        );
        assert_eq!(
            uids(&first),
            vec![
                "UID:2026KMO000123-deposit@kmo.example.be",
                "UID:2026KMO000123-closing@kmo.example.be",
            ]
        );
        assert_eq!(uids(&later), uids(&first));
    }

    /// Parsed by an independent implementation (the `icalendar` crate).
    #[test]
    fn a_parser_reads_one_all_day_event_per_deadline_with_its_alarms() {
        use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
        let list = [
            deadline(DeadlineKind::Deposit, "2026-04-09"),
            deadline(DeadlineKind::Closing, "2027-12-31"),
            deadline(DeadlineKind::Apply, APPLY_BY),
        ];
        let text = calendar(&list);
        let parsed: Calendar = text.parse().unwrap();
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), list.len());
        for (event, expected) in events.iter().zip(&list) {
            assert_eq!(
                event.get_start(),
                Some(DatePerhapsTime::Date(expected.date))
            );
            assert_eq!(
                event.get_end(),
                Some(DatePerhapsTime::Date(expected.date.succ_opt().unwrap()))
            );
            let summary = event.get_summary().unwrap();
            assert!(summary.contains(DOSSIER), "{summary}");
            let description = event.get_description().unwrap();
            assert!(
                description.contains("'Opleiding cybersecurity, niveau 1; \"basis\"'"),
                "{description}"
            );
            let alarms: Vec<_> = event
                .components()
                .iter()
                .filter(|c| c.component_kind() == "VALARM")
                .collect();
            assert!(alarms
                .iter()
                .all(|a| a.property_value("ACTION") == Some("DISPLAY")
                    && a.property_value("DESCRIPTION") == Some(summary)));
            let triggers: Vec<&str> = alarms
                .iter()
                .filter_map(|a| a.property_value("TRIGGER"))
                .collect();
            let expected_triggers: Vec<String> = expected
                .kind
                .alarm_days()
                .iter()
                .map(|days| format!("-P{days}D"))
                .collect();
            assert_eq!(triggers, expected_triggers, "{:?}", expected.kind);
        }
    }
}
