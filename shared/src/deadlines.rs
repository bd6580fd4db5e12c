//! Every date a project must meet, in calendar days. RULES.md §6; seeds 001, 003, 004.
//!
//! Each deadline is the **last day on which** the thing may happen (inclusive), the way the
//! manual writes it: "uiterlijk 21/04/2024".
//!
//! | deadline | rule | example |
//! |---|---|---|
//! | [`apply_by`] | start of the service + 14 days | start 01/03/2024 → uiterlijk 15/03/2024 |
//! | [`deposit_by`] | application + 30 days | application 22/03/2024 → uiterlijk 21/04/2024 |
//! | [`closes_on`] | 31 December of the year after the application | 2024 → 31/12/2025 |
//!
//! Dates at the far end of `chrono`'s range (year 262142) saturate at [`NaiveDate::MAX`]
//! instead of failing: no real project gets there, and a deadline function must never panic on
//! a date typed by someone.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Reason;
use crate::format;

/// 003 step 2: "Een steunaanvraag kan ingediend worden tot uiterlijk de veertiende dag na de
/// start van de prestaties"; 001 and 004: "tot 14 kalenderdagen na de start".
pub const APPLY_DAYS_AFTER_START: u64 = 14;

/// 001, 004: the own contribution must be on the wallet account within 30 calendar days.
pub const DEPOSIT_DAYS_AFTER_APPLICATION: u64 = 30;

/// 003: the overview shows "de projecten van de vijf laatste kalenderjaren".
pub const HISTORY_CALENDAR_YEARS: i32 = 5;

/// The last day on which an application for a service starting on `start` may be filed.
///
/// 003 step 2: "tot uiterlijk de veertiende dag na de start van de prestaties". Read as: the
/// start day is day 0, the day after it day 1, so the fourteenth day after the start is
/// `start + 14`, and filing on that day is still in time (start 01/03/2024 → 15/03/2024).
/// 004: the start is the first day of the training, also for a participant who joins later.
pub fn apply_by(start: NaiveDate) -> NaiveDate {
    plus_days(start, APPLY_DAYS_AFTER_START)
}

/// The last day on which the own contribution must be on the wallet account.
///
/// 001, 004: "binnen 30 kalenderdagen" after the application; 003 step 5 shows it as
/// "Dit bedrag dient uiterlijk op 21/04/2024 op de kmo-portefeuille rekening te staan". Read as
/// `application + 30`, counted like [`apply_by`]: an application of 22/03/2024 must be paid in
/// by 21/04/2024 inclusive.
pub fn deposit_by(applied_on: NaiveDate) -> NaiveDate {
    plus_days(applied_on, DEPOSIT_DAYS_AFTER_APPLICATION)
}

/// The day a project closes automatically: 31 December of the year after the application year.
///
/// 004: "Een project sluit automatisch af op 31 december van het jaar volgend op het jaar van
/// de subsidieaanvraag." The project is open for the whole of that day (payments ordered on it
/// are accepted) and closed from the next day on, like the other "uiterlijk" deadlines.
pub fn closes_on(applied_on: NaiveDate) -> NaiveDate {
    applied_on
        .year()
        .checked_add(1)
        .and_then(|year| NaiveDate::from_ymd_opt(year, 12, 31))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a deposit that reached the wallet account on `received_on` is in time.
pub fn deposit_in_time(applied_on: NaiveDate, received_on: NaiveDate) -> bool {
    received_on <= deposit_by(applied_on)
}

/// The calendar years whose projects (by the year of their dossier number) the overview shows
/// on `today`, first to last: the bounds the list query filters on.
///
/// 003: "de projecten van de vijf laatste kalenderjaren" and "tot 5 kalenderjaren terug". Read
/// as the current calendar year and the four before it (five calendar years in all): on
/// 16/06/2025 the years 2021 to 2025. A year after today's is not shown: no project is filed
/// in the future.
pub fn history_years(today: NaiveDate) -> std::ops::RangeInclusive<i32> {
    let this_year = today.year();
    this_year.saturating_sub(HISTORY_CALENDAR_YEARS - 1)..=this_year
}

fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// The three deadlines of one project, for the screens and mails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Deadlines {
    /// Last day to file the application ([`apply_by`]).
    pub apply_by: NaiveDate,
    /// Last day for the own contribution to be on the wallet account ([`deposit_by`]).
    pub deposit_by: NaiveDate,
    /// Last day the project is open ([`closes_on`]).
    pub closes_on: NaiveDate,
}

impl Deadlines {
    /// The deadlines of a service starting on `start`, applied for on `applied_on`.
    pub fn new(start: NaiveDate, applied_on: NaiveDate) -> Deadlines {
        Deadlines {
            apply_by: apply_by(start),
            deposit_by: deposit_by(applied_on),
            closes_on: closes_on(applied_on),
        }
    }
}

/// "uiterlijk dd/mm/yyyy".
pub fn at_the_latest(date: NaiveDate) -> String {
    format!("uiterlijk {}", format::date(date))
}

/// The dates of an application (003 step 2: "Datum inschrijving", "Startdatum opleiding"),
/// and the day it is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ApplicationDates {
    /// Datum inschrijving: the enrolment or the signed contract.
    pub enrolled_on: NaiveDate,
    /// Startdatum: the first day of the training or advice, even for someone who joins later.
    pub starts_on: NaiveDate,
    /// Aanvraagdatum: the day the application is filed.
    pub applied_on: NaiveDate,
}

/// A date rule that refuses an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// 003 step 2: "Een steunaanvraag is pas mogelijk na de inschrijving of na het afsluiten
    /// van een overeenkomst."
    AppliedBeforeEnrolment { enrolled_on: NaiveDate },
    /// 003 step 2: filed after the fourteenth day after the start.
    ApplicationTooLate { apply_by: NaiveDate },
}

impl DateError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            DateError::AppliedBeforeEnrolment { .. } => "applied_before_enrolment",
            DateError::ApplicationTooLate { .. } => "application_too_late",
        }
    }

    /// Dutch message for people.
    pub fn message(self) -> String {
        match self {
            DateError::AppliedBeforeEnrolment { enrolled_on } => format!(
                "Een steunaanvraag is pas mogelijk na de inschrijving of na het afsluiten van \
                 een overeenkomst: de aanvraag kan ten vroegste op {} ingediend worden.",
                format::date(enrolled_on)
            ),
            DateError::ApplicationTooLate { apply_by } => format!(
                "Een steunaanvraag kan ingediend worden tot uiterlijk de veertiende dag na de \
                 start van de prestaties: voor deze dienst was dat {}.",
                at_the_latest(apply_by)
            ),
        }
    }

    pub fn reason(self) -> Reason {
        Reason::new(self.code(), self.message())
    }
}

impl ApplicationDates {
    /// Every date rule the application breaks; empty when its dates are in order.
    ///
    /// An enrolment after the start is no failure of its own: 004 allows joining a training
    /// later (the first day still counts as the start), and the enrolment is then bounded by the
    /// two rules below anyway (enrolled ≤ applied ≤ start + 14).
    pub fn errors(&self) -> Vec<DateError> {
        let mut errors = Vec::new();
        if self.applied_on < self.enrolled_on {
            errors.push(DateError::AppliedBeforeEnrolment {
                enrolled_on: self.enrolled_on,
            });
        }
        let last = apply_by(self.starts_on);
        if self.applied_on > last {
            errors.push(DateError::ApplicationTooLate { apply_by: last });
        }
        errors
    }

    /// [`ApplicationDates::errors`] as refusal reasons for the API.
    pub fn check(&self) -> Vec<Reason> {
        self.errors().into_iter().map(DateError::reason).collect()
    }

    /// The project's deadlines.
    pub fn deadlines(&self) -> Deadlines {
        Deadlines::new(self.starts_on, self.applied_on)
    }
}

/// Every date rule `dates` breaks, as refusal reasons (codes `applied_before_enrolment`,
/// `application_too_late`).
pub fn check_application(dates: &ApplicationDates) -> Vec<Reason> {
    dates.check()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dates(enrolled: &str, start: &str, applied: &str) -> ApplicationDates {
        ApplicationDates {
            enrolled_on: d(enrolled),
            starts_on: d(start),
            applied_on: d(applied),
        }
    }

    fn codes(dates: &ApplicationDates) -> Vec<&'static str> {
        check_application(dates).iter().map(|r| r.code).collect()
    }

    #[test]
    fn the_last_day_to_apply_is_the_fourteenth_day_after_the_start() {
        for (start, last) in [
            ("2024-03-01", "2024-03-15"),
            ("2024-02-20", "2024-03-05"), // leap year
            ("2023-02-20", "2023-03-06"),
            ("2024-12-25", "2025-01-08"),
        ] {
            assert_eq!(apply_by(d(start)), d(last), "{start}");
        }
    }

    #[test]
    fn the_deposit_is_due_30_calendar_days_after_the_application() {
        for (applied, due) in [
            ("2024-03-22", "2024-04-21"), // the date on the deposit screen of 003 step 5
            ("2024-01-31", "2024-03-01"),
            ("2023-01-31", "2023-03-02"),
            ("2023-12-15", "2024-01-14"),
        ] {
            assert_eq!(deposit_by(d(applied)), d(due), "{applied}");
        }
    }

    #[test]
    fn a_deposit_on_the_last_day_is_in_time_and_the_day_after_is_late() {
        assert!(deposit_in_time(d("2024-03-22"), d("2024-04-21")));
        assert!(!deposit_in_time(d("2024-03-22"), d("2024-04-22")));
    }

    #[test]
    fn a_project_closes_on_31_december_of_the_year_after_the_application() {
        for (applied, closes) in [
            ("2024-01-01", "2025-12-31"),
            ("2024-03-22", "2025-12-31"),
            ("2024-12-31", "2025-12-31"),
        ] {
            assert_eq!(closes_on(d(applied)), d(closes), "{applied}");
        }
    }

    #[test]
    fn the_overview_shows_the_last_five_calendar_years() {
        let today = d("2025-06-16");
        for (year, shown) in [
            (2026, false),
            (2025, true),
            (2023, true),
            (2021, true),
            (2020, false),
        ] {
            assert_eq!(history_years(today).contains(&year), shown, "{year}");
        }
        assert!(history_years(d("2025-12-31")).contains(&2021));
        assert!(!history_years(d("2026-01-01")).contains(&2021));
    }

    #[test]
    fn application_dates_table() {
        for (enrolled, start, applied, expected) in [
            ("2024-02-01", "2024-03-01", "2024-02-01", vec![]),
            ("2024-02-01", "2024-03-01", "2024-03-15", vec![]),
            (
                "2024-02-01",
                "2024-03-01",
                "2024-03-16",
                vec!["application_too_late"],
            ),
            (
                "2024-02-10",
                "2024-03-01",
                "2024-02-09",
                vec!["applied_before_enrolment"],
            ),
            (
                "2024-04-01",
                "2024-03-01",
                "2024-03-20",
                vec!["applied_before_enrolment", "application_too_late"],
            ),
        ] {
            assert_eq!(
                codes(&dates(enrolled, start, applied)),
                expected,
                "{enrolled} {start} {applied}"
            );
        }
    }

    #[test]
    fn application_after_day_14_is_refused_with_the_last_day_in_the_message() {
        let reasons = check_application(&dates("2024-02-01", "2024-03-01", "2024-03-16"));
        assert_eq!(reasons.len(), 1);
        assert!(reasons[0].message.contains("uiterlijk 15/03/2024"));
    }

    #[test]
    fn joining_a_training_after_its_start_is_allowed_but_the_first_day_counts() {
        // 004: "Stap je later in, dan houdt de kmo-portefeuille daar geen rekening mee."
        assert!(codes(&dates("2024-03-10", "2024-03-01", "2024-03-12")).is_empty());
        assert_eq!(
            codes(&dates("2024-03-10", "2024-03-01", "2024-03-16")),
            vec!["application_too_late"]
        );
    }

    #[test]
    fn reapplying_after_a_cancelled_deposit_is_possible_while_within_14_days_of_the_start() {
        // 004: after a cancelled deposit a new application for the same service is possible
        // "op voorwaarde dat de prestaties nog geen 14 kalenderdagen geleden gestart zijn".
        // That is the ordinary 14-day rule applied to the new application date.
        let first = dates("2024-01-05", "2024-03-01", "2024-01-10");
        let missed = first.deadlines().deposit_by;
        assert_eq!(missed, d("2024-02-09"));
        for (reapplied, allowed) in [
            ("2024-02-10", true),
            ("2024-03-01", true),
            ("2024-03-15", true),
            ("2024-03-16", false),
        ] {
            let again = ApplicationDates {
                applied_on: d(reapplied),
                ..first
            };
            assert_eq!(again.check().is_empty(), allowed, "{reapplied}");
        }
    }

    #[test]
    fn deadlines_are_shown_the_way_the_manual_does() {
        let deadlines = dates("2024-03-01", "2024-03-10", "2024-03-22").deadlines();
        assert_eq!(at_the_latest(deadlines.apply_by), "uiterlijk 24/03/2024");
        assert_eq!(at_the_latest(deadlines.deposit_by), "uiterlijk 21/04/2024");
        assert_eq!(
            serde_json::to_value(deadlines).unwrap(),
            serde_json::json!({
                "apply_by": "2024-03-24",
                "deposit_by": "2024-04-21",
                "closes_on": "2025-12-31"
            })
        );
    }

    #[test]
    fn the_end_of_the_calendar_saturates_instead_of_panicking() {
        assert_eq!(apply_by(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(deposit_by(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(closes_on(NaiveDate::MAX), NaiveDate::MAX);
        assert!(history_years(NaiveDate::MIN).contains(&NaiveDate::MIN.year()));
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 2000-01-01 plus up to about 60 years.
        (0u64..22_000).prop_map(|n| d("2000-01-01") + Days::new(n))
    }

    proptest! {
        #[test]
        fn deadlines_keep_their_order(start in any_date(), applied in any_date()) {
            let dl = Deadlines::new(start, applied);
            prop_assert_eq!((dl.apply_by - start).num_days(), 14);
            prop_assert_eq!((dl.deposit_by - applied).num_days(), 30);
            prop_assert_eq!(dl.closes_on.year(), applied.year() + 1);
            prop_assert_eq!((dl.closes_on.month(), dl.closes_on.day()), (12, 31));
            prop_assert!(dl.deposit_by < dl.closes_on);
        }

        #[test]
        fn an_application_is_in_order_exactly_between_enrolment_and_day_14(
            enrolled in any_date(), start in any_date(), applied in any_date(),
        ) {
            let dates = ApplicationDates { enrolled_on: enrolled, starts_on: start, applied_on: applied };
            let in_order = enrolled <= applied && applied <= start + Days::new(14);
            prop_assert_eq!(dates.check().is_empty(), in_order);
        }

        #[test]
        fn the_history_window_holds_exactly_five_years(today in any_date()) {
            let shown = (today.year() - 10..=today.year() + 10)
                .filter(|y| history_years(today).contains(y))
                .count();
            prop_assert_eq!(shown, 5);
        }
    }
}
