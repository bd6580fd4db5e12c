//! Reminders that keep an enterprise from losing its subsidy (RULES.md §6, §7): the deposit
//! that is not yet on the wallet account, and money left on a project that is about to close.
//! Each is sent once per project and deadline by the daily job, and only while the project
//! still needs it.
//!
//! Choices made where the sources are silent:
//! - **One mail per deadline and day.** [`due`] answers at most one reminder per family
//!   (deposit, closing): the latest whose date has come. A job that missed days catches up
//!   with that one mail, never with an older reminder followed by a newer one for the same
//!   deadline. That each code is sent once per project is kept by storage (a unique key per
//!   project and code), not here.
//! - **Up to and including the deadline.** A reminder whose date was missed is still sent on
//!   the deadline itself ("uiterlijk" is inclusive, [`crate::deadlines`]), never after it.
//! - **What is lost is the project's own rule.** [`lapse_if_nothing_paid`] applies the
//!   project's closing event ([`Event::TermEnded`]) instead of copying the refund rule.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::project::{Event, Movement, Project, Status};
use crate::{deadlines, format};

/// One reminder of a project. The code is stored with the mail (one per project and code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Reminder {
    /// The own contribution is not yet received, 7 days before the deposit deadline.
    #[serde(rename = "deposit_7d")]
    DepositWeek,
    /// The own contribution is not yet received, 2 days before the deposit deadline.
    #[serde(rename = "deposit_2d")]
    DepositTwoDays,
    /// Money left on a running project, 60 days before it closes.
    #[serde(rename = "closing_60d")]
    ClosingSixtyDays,
    /// Money left on a running project, 14 days before it closes.
    #[serde(rename = "closing_14d")]
    ClosingFortnight,
}

impl Reminder {
    pub const ALL: [Reminder; 4] = [
        Reminder::DepositWeek,
        Reminder::DepositTwoDays,
        Reminder::ClosingSixtyDays,
        Reminder::ClosingFortnight,
    ];

    /// Stable code (the API's and the outbox's).
    pub fn code(self) -> &'static str {
        match self {
            Reminder::DepositWeek => "deposit_7d",
            Reminder::DepositTwoDays => "deposit_2d",
            Reminder::ClosingSixtyDays => "closing_60d",
            Reminder::ClosingFortnight => "closing_14d",
        }
    }

    /// How many calendar days before its deadline the reminder is sent.
    pub fn days_before(self) -> u64 {
        match self {
            Reminder::DepositWeek => 7,
            Reminder::DepositTwoDays => 2,
            Reminder::ClosingSixtyDays => 60,
            Reminder::ClosingFortnight => 14,
        }
    }

    /// The deadline the reminder is about: the last day for the deposit (001, 004: 30 days
    /// after the application) or the project's last day (004: 31 December of the next year).
    pub fn deadline(self, project: &Project) -> NaiveDate {
        match self.family() {
            Family::Deposit => project.deposit_by(),
            Family::Closing => project.closes_on(),
        }
    }

    /// The day the reminder is due: [`Reminder::days_before`] its deadline, saturating at
    /// [`NaiveDate::MIN`] like the deadlines saturate at the far end (never a panic).
    pub fn date(self, project: &Project) -> NaiveDate {
        self.deadline(project)
            .checked_sub_days(Days::new(self.days_before()))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Whether the project still needs the reminder: a deposit reminder while the own
    /// contribution is not in (status 'Wacht op storting'); a closing reminder while the
    /// project runs with money on its balance, which would otherwise be refunded or lost at
    /// the closing (RULES.md §7).
    pub fn needed_by(self, project: &Project) -> bool {
        match self.family() {
            Family::Deposit => project.status() == Status::AwaitingDeposit,
            Family::Closing => {
                project.status() == Status::Running && !project.available().is_zero()
            }
        }
    }

    /// Whether the reminder is about the deposit (otherwise about the closing day).
    pub fn is_deposit(self) -> bool {
        self.family() == Family::Deposit
    }

    /// The deadlines (first and last, inclusive) of the projects for which this reminder is the
    /// one [`due`] on `today`, needs aside: its date has come (deadline ≤ today + its days) and
    /// the family's closer reminder's date has not (deadline > today + that one's days). The
    /// daily job reads only those projects.
    pub fn deadlines_due(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let closer = Reminder::ALL
            .into_iter()
            .filter(|r| r.family() == self.family() && r.days_before() < self.days_before())
            .map(Reminder::days_before)
            .max();
        let plus = |days: u64| {
            today
                .checked_add_days(Days::new(days))
                .unwrap_or(NaiveDate::MAX)
        };
        (
            closer.map_or(today, |d| plus(d + 1)),
            plus(self.days_before()),
        )
    }

    /// What the reminder is about, for the notifications screen (Dutch).
    pub fn about(self, project: &Project) -> String {
        match self.family() {
            Family::Deposit => format!(
                "Storting van uw eigen bijdrage van {}: ze moet {} op de kmo-portefeuille \
                 rekening staan.",
                format::euro(project.amounts().own_contribution()),
                deadlines::at_the_latest(project.deposit_by())
            ),
            Family::Closing => format!(
                "Het project sluit op {}; er staat nog {} op.",
                format::date(project.closes_on()),
                format::euro(project.available())
            ),
        }
    }

    fn family(self) -> Family {
        match self {
            Reminder::DepositWeek | Reminder::DepositTwoDays => Family::Deposit,
            Reminder::ClosingSixtyDays | Reminder::ClosingFortnight => Family::Closing,
        }
    }
}

/// The reminders about one deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Deposit,
    Closing,
}

/// What the daily job sends `project` on `today`: per family at most the latest reminder
/// whose date has come, as long as the deadline has not passed and the project needs it (see
/// the module doc).
pub fn due(project: &Project, today: NaiveDate) -> Vec<Reminder> {
    [Family::Deposit, Family::Closing]
        .into_iter()
        .filter_map(|family| {
            Reminder::ALL
                .into_iter()
                .filter(|r| r.family() == family)
                .filter(|r| r.date(project) <= today && today <= r.deadline(project))
                .filter(|r| r.needed_by(project))
                .max_by_key(|r| r.date(project))
        })
        .collect()
}

/// The reminders still to come (dated after `today`) that `project` needs now, soonest first,
/// with their dates; for the project screen ("u krijgt een herinnering op ...").
pub fn upcoming(project: &Project, today: NaiveDate) -> Vec<(Reminder, NaiveDate)> {
    let mut next: Vec<(Reminder, NaiveDate)> = Reminder::ALL
        .into_iter()
        .filter(|r| r.needed_by(project))
        .map(|r| (r, r.date(project)))
        .filter(|&(_, date)| date > today)
        .collect();
    // Stable: reminders on the same day keep the order of `Reminder::ALL`.
    next.sort_by_key(|&(_, date)| date);
    next
}

/// What the closing takes from a running project if nothing more is paid to the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lapse {
    /// Own contribution refunded to the enterprise's bank account.
    pub refunded: Money,
    /// Subsidy that goes back to the government instead of paying the provider.
    pub lost_subsidy: Money,
}

/// What happens to the money left on `project` if nothing more is paid before it closes after
/// `closes_on` (its last day, normally [`Project::closes_on`]).
///
/// Computed by applying the project's own closing event ([`Event::TermEnded`], dated the day
/// after `closes_on`) and reading the [`Movement`]s it answers, so the refund rule stays in
/// [`crate::project`] (RULES.md §7: the unpaid own contribution is refunded, the unpaid
/// subsidy returns to the government, the closing being in a later year than the application).
/// `None` when the project is not running, or when the project would refuse that closing
/// (`closes_on` before its last day).
pub fn lapse_if_nothing_paid(project: &Project, closes_on: NaiveDate) -> Option<Lapse> {
    if project.status() != Status::Running {
        return None;
    }
    let date = closes_on.checked_add_days(Days::new(1))?;
    let (_, movements) = project.apply(&Event::TermEnded { date }).ok()?;
    let mut lapse = Lapse {
        refunded: Money::ZERO,
        lost_subsidy: Money::ZERO,
    };
    for movement in movements {
        match movement {
            Movement::RefundOwnContribution { amount } => {
                lapse.refunded = lapse.refunded.checked_add(amount)?;
            }
            Movement::SubsidyReturnedToGovernment { amount } => {
                lapse.lost_subsidy = lapse.lost_subsidy.checked_add(amount)?;
            }
            // Subsidy back in the annual budget can still be used: not lost. (The closing is
            // always in a later year, so the project never answers it here.)
            _ => {}
        }
    }
    Some(lapse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::ProjectAmounts;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 003's worked example (cost 980.00 for a small enterprise: own 686.00, subsidy 294.00),
    /// applied on 2026-03-10: deposit by 2026-04-09, closes on 2027-12-31.
    fn awaiting() -> Project {
        let amounts = ProjectAmounts::new(m("686"), m("294")).unwrap();
        Project::new(amounts, d("2026-03-10"))
    }

    fn after(project: &Project, event: Event) -> Project {
        project.apply(&event).unwrap().0
    }

    fn running() -> Project {
        after(
            &awaiting(),
            Event::DepositReceived {
                amount: m("686"),
                date: d("2026-03-20"),
            },
        )
    }

    fn paid(project: &Project, amount: &str) -> Project {
        after(
            project,
            Event::PaymentOrdered {
                amount: m(amount),
                date: d("2026-05-04"),
            },
        )
    }

    #[test]
    fn reminders_fall_their_days_before_the_project_deadlines() {
        let p = awaiting();
        assert_eq!(p.deposit_by(), d("2026-04-09"));
        assert_eq!(p.closes_on(), d("2027-12-31"));
        for (reminder, days, deadline, date) in [
            (Reminder::DepositWeek, 7, "2026-04-09", "2026-04-02"),
            (Reminder::DepositTwoDays, 2, "2026-04-09", "2026-04-07"),
            (Reminder::ClosingSixtyDays, 60, "2027-12-31", "2027-11-01"),
            (Reminder::ClosingFortnight, 14, "2027-12-31", "2027-12-17"),
        ] {
            assert_eq!(reminder.days_before(), days, "{reminder:?}");
            assert_eq!(reminder.deadline(&p), d(deadline), "{reminder:?}");
            assert_eq!(reminder.date(&p), d(date), "{reminder:?}");
        }
    }

    #[test]
    fn deposit_reminders_are_due_from_their_day_until_the_deadline_latest_first() {
        let p = awaiting();
        for (today, expected) in [
            ("2026-03-10", vec![]),
            ("2026-04-01", vec![]),
            ("2026-04-02", vec![Reminder::DepositWeek]),
            ("2026-04-06", vec![Reminder::DepositWeek]),
            // A job that missed the 7-day date sends only the 2-day reminder.
            ("2026-04-07", vec![Reminder::DepositTwoDays]),
            ("2026-04-09", vec![Reminder::DepositTwoDays]),
            ("2026-04-10", vec![]),
        ] {
            assert_eq!(due(&p, d(today)), expected, "{today}");
        }
    }

    #[test]
    fn no_deposit_reminder_once_the_deposit_is_in_or_the_project_ended() {
        let stopped = after(
            &awaiting(),
            Event::Stop {
                reason: "Opleiding geannuleerd".into(),
                date: d("2026-03-12"),
                cause: None,
            },
        );
        for p in [running(), stopped] {
            for today in ["2026-04-02", "2026-04-07", "2026-04-09"] {
                assert_eq!(due(&p, d(today)), vec![], "{:?} {today}", p.status());
            }
        }
    }

    #[test]
    fn closing_reminders_are_due_only_with_money_left_on_a_running_project() {
        let partly_paid = paid(&running(), "100");
        for p in [running(), partly_paid.clone()] {
            for (today, expected) in [
                ("2027-10-31", vec![]),
                ("2027-11-01", vec![Reminder::ClosingSixtyDays]),
                ("2027-12-16", vec![Reminder::ClosingSixtyDays]),
                ("2027-12-17", vec![Reminder::ClosingFortnight]),
                ("2027-12-31", vec![Reminder::ClosingFortnight]),
                ("2028-01-01", vec![]),
            ] {
                assert_eq!(due(&p, d(today)), expected, "{today}");
            }
        }
        let finished = paid(&partly_paid, "880");
        assert_eq!(finished.status(), Status::Finished);
        let never_deposited = awaiting();
        for p in [finished, never_deposited] {
            for today in ["2027-11-01", "2027-12-17", "2027-12-31"] {
                assert_eq!(due(&p, d(today)), vec![], "{:?} {today}", p.status());
            }
        }
    }

    #[test]
    fn walking_every_day_sends_each_needed_reminder_first_on_its_own_date() {
        for (p, expected) in [
            (
                awaiting(),
                [Reminder::DepositWeek, Reminder::DepositTwoDays],
            ),
            (
                running(),
                [Reminder::ClosingSixtyDays, Reminder::ClosingFortnight],
            ),
        ] {
            let mut first_sent = Vec::new();
            let mut today = p.applied_on();
            while today <= d("2028-01-10") {
                for r in due(&p, today) {
                    if !first_sent.iter().any(|&(sent, _)| sent == r) {
                        first_sent.push((r, today));
                    }
                }
                today = today.succ_opt().unwrap();
            }
            let on_their_dates: Vec<_> = expected.iter().map(|&r| (r, r.date(&p))).collect();
            assert_eq!(first_sent, on_their_dates);
        }
    }

    #[test]
    fn upcoming_lists_the_reminders_still_to_come_soonest_first() {
        assert_eq!(
            upcoming(&awaiting(), d("2026-03-10")),
            vec![
                (Reminder::DepositWeek, d("2026-04-02")),
                (Reminder::DepositTwoDays, d("2026-04-07")),
            ]
        );
        assert_eq!(
            upcoming(&awaiting(), d("2026-04-02")),
            vec![(Reminder::DepositTwoDays, d("2026-04-07"))]
        );
        assert_eq!(upcoming(&awaiting(), d("2026-04-07")), vec![]);
        assert_eq!(
            upcoming(&running(), d("2026-03-20")),
            vec![
                (Reminder::ClosingSixtyDays, d("2027-11-01")),
                (Reminder::ClosingFortnight, d("2027-12-17")),
            ]
        );
        let finished = paid(&running(), "980");
        assert_eq!(upcoming(&finished, d("2026-05-04")), vec![]);
    }

    #[test]
    fn a_lapse_refunds_the_unpaid_own_contribution_and_loses_the_unpaid_subsidy() {
        let p = running();
        assert_eq!(
            lapse_if_nothing_paid(&p, p.closes_on()),
            Some(Lapse {
                refunded: m("686"),
                lost_subsidy: m("294"),
            })
        );
        // 100 paid = 70 own + 30 subsidy (the project's own split).
        let p = paid(&p, "100");
        assert_eq!(p.available(), m("880"));
        assert_eq!(
            lapse_if_nothing_paid(&p, p.closes_on()),
            Some(Lapse {
                refunded: m("616"),
                lost_subsidy: m("264"),
            })
        );
    }

    #[test]
    fn no_lapse_for_a_project_that_is_not_running_or_a_day_before_its_last() {
        let p = running();
        assert_eq!(lapse_if_nothing_paid(&p, d("2027-12-30")), None);
        assert_eq!(lapse_if_nothing_paid(&awaiting(), d("2027-12-31")), None);
        let finished = paid(&p, "980");
        assert_eq!(lapse_if_nothing_paid(&finished, d("2027-12-31")), None);
    }

    #[test]
    fn the_deadlines_due_are_exactly_those_for_which_due_names_the_reminder() {
        let today = d("2026-06-01");
        for r in Reminder::ALL {
            let (first, last) = r.deadlines_due(today);
            // Every applied_on whose deadline falls in or near the window: due names r exactly
            // inside it.
            for offset in -5..90 {
                let applied = today + chrono::Duration::days(offset - 30);
                let project = if r.is_deposit() {
                    Project::new(awaiting().amounts(), applied)
                } else {
                    continue;
                };
                let deadline = r.deadline(&project);
                let inside = first <= deadline && deadline <= last;
                assert_eq!(
                    due(&project, today).contains(&r),
                    inside,
                    "{r:?} {deadline}"
                );
            }
        }
        // Closing: the window in days after today.
        assert_eq!(
            Reminder::ClosingFortnight.deadlines_due(today),
            (today, d("2026-06-15"))
        );
        assert_eq!(
            Reminder::ClosingSixtyDays.deadlines_due(today),
            (d("2026-06-16"), d("2026-07-31"))
        );
        assert_eq!(
            Reminder::DepositWeek.deadlines_due(today),
            (d("2026-06-04"), d("2026-06-08"))
        );
    }

    #[test]
    fn a_reminder_says_what_it_is_about_with_amount_and_date() {
        let p = awaiting();
        let about = Reminder::DepositWeek.about(&p);
        assert!(
            about.contains(&format::euro(p.amounts().own_contribution())),
            "{about}"
        );
        assert!(about.contains("uiterlijk"), "{about}");
        let r = running();
        assert!(Reminder::ClosingFortnight
            .about(&r)
            .contains(&format::euro(r.available())));
    }
}
