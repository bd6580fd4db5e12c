//! The annual budget (jaarbudget) of an enterprise from its own applications. RULES.md §5, §7.
//!
//! Each enterprise may receive the regime's annual ceiling (€ 7.500) in support per calendar
//! year, training and advice together. An application reserves its subsidy in the calendar year
//! it is filed. A stop (stopzetting) gives the matching subsidy back to the annual budget only
//! when it happens in the same calendar year as the application (VLAIO 'subsidies stopzetten en
//! terugbetaling'); a later stop gives nothing back to either year. The overview of 003 shows
//! what remains ("kan je nog subsidies aanvragen ten belope van € 7.500,00").

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Reason;
use crate::money::Money;
use crate::regime::{DateNotSupported, Regime};

/// A stop of a project: when, and the subsidy it frees (the part matching the own contribution
/// not paid out, RULES.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stop {
    pub stopped_on: NaiveDate,
    pub released_subsidy: Money,
}

/// One application of the enterprise: its date and the subsidy it reserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportRecord {
    pub applied_on: NaiveDate,
    pub subsidy: Money,
    #[serde(default)]
    pub stop: Option<Stop>,
}

impl SupportRecord {
    /// The subsidy given back to the application year's budget: only by a stop in that same
    /// year, and never more than was reserved.
    pub fn released(&self) -> Money {
        match self.stop {
            Some(stop) if stop.stopped_on.year() == self.applied_on.year() => {
                stop.released_subsidy.min(self.subsidy)
            }
            _ => Money::ZERO,
        }
    }
}

/// The budget of one calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AnnualBudget {
    pub year: i32,
    pub ceiling: Money,
    /// The subsidy of the applications filed in `year`.
    pub reserved: Money,
    /// The part of it given back by stops in `year`.
    pub released: Money,
    /// `ceiling − reserved + released`, never negative.
    pub remaining: Money,
}

/// The budget of calendar `year` under `regime`'s ceiling, from the enterprise's applications
/// (any years; only those filed in `year` count).
/// Support can be granted only while the year's budget is not used up (RULES.md §5).
pub fn budget_left(remaining: Money, regime: &Regime, year: i32) -> Result<(), Reason> {
    if remaining.is_zero() {
        Err(Reason::new(
            "ceiling_reached",
            format!(
                "Het steunplafond van {} voor {} is bereikt.",
                crate::format::euro(regime.annual_ceiling),
                year
            ),
        ))
    } else {
        Ok(())
    }
}

pub fn annual_budget(regime: &Regime, year: i32, records: &[SupportRecord]) -> AnnualBudget {
    let of_year = || records.iter().filter(|r| r.applied_on.year() == year);
    let reserved: Decimal = of_year().map(|r| r.subsidy.amount()).sum();
    let released: Decimal = of_year().map(|r| r.released().amount()).sum();
    AnnualBudget {
        year,
        ceiling: regime.annual_ceiling,
        reserved: Money::round_down(reserved),
        released: Money::round_down(released),
        // round_down floors a negative difference at zero.
        remaining: Money::round_down(regime.annual_ceiling.amount() - reserved + released),
    }
}

/// What the enterprise can still receive in the calendar year of `date`, under the regime of
/// that date.
pub fn remaining_budget(
    date: NaiveDate,
    records: &[SupportRecord],
) -> Result<Money, DateNotSupported> {
    Ok(annual_budget(Regime::on(date)?, date.year(), records).remaining)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn record(on: &str, subsidy: &str, stop: Option<(&str, &str)>) -> SupportRecord {
        SupportRecord {
            applied_on: date(on),
            subsidy: m(subsidy),
            stop: stop.map(|(on, released)| Stop {
                stopped_on: date(on),
                released_subsidy: m(released),
            }),
        }
    }

    fn remaining(on: &str, records: &[SupportRecord]) -> Money {
        remaining_budget(date(on), records).unwrap()
    }

    #[test]
    fn a_new_year_starts_with_the_full_ceiling() {
        assert_eq!(remaining("2025-01-01", &[]), m("7500.00"));
        let last_year = [record("2024-12-31", "7500", None)];
        assert_eq!(remaining("2025-01-01", &last_year), m("7500.00"));
    }

    #[test]
    fn the_budget_table() {
        let cases: &[(&str, &[SupportRecord], &str)] = &[
            (
                "seed 003",
                &[record("2024-03-01", "294.00", None)],
                "7206.00",
            ),
            (
                "two applications",
                &[
                    record("2024-03-01", "294.00", None),
                    record("2024-09-01", "1500.00", None),
                ],
                "5706.00",
            ),
            ("used up", &[record("2024-03-01", "7500.00", None)], "0.00"),
            (
                "stop in the same year gives the subsidy back",
                &[record(
                    "2024-03-01",
                    "1500.00",
                    Some(("2024-12-31", "1500.00")),
                )],
                "7500.00",
            ),
            (
                "partial stop in the same year gives back the unpaid part",
                &[record(
                    "2024-03-01",
                    "1500.00",
                    Some(("2024-06-01", "600.00")),
                )],
                "6600.00",
            ),
            (
                "stop in the next year gives nothing back",
                &[record(
                    "2024-03-01",
                    "1500.00",
                    Some(("2025-01-01", "1500.00")),
                )],
                "6000.00",
            ),
            (
                "a release above the subsidy is limited to it",
                &[record(
                    "2024-03-01",
                    "100.00",
                    Some(("2024-04-01", "900.00")),
                )],
                "7500.00",
            ),
            (
                "inconsistent data above the ceiling never goes negative",
                &[
                    record("2024-03-01", "7000.00", None),
                    record("2024-04-01", "7000.00", None),
                ],
                "0.00",
            ),
        ];
        for (name, records, expected) in cases {
            assert_eq!(remaining("2024-12-31", records), m(expected), "{name}");
        }
    }

    #[test]
    fn a_stop_next_year_does_not_raise_next_years_budget_either() {
        let records = [record(
            "2024-11-01",
            "1500.00",
            Some(("2025-01-10", "1500.00")),
        )];
        assert_eq!(remaining("2025-06-01", &records), m("7500.00"));
        assert_eq!(remaining("2024-12-01", &records), m("6000.00"));
    }

    #[test]
    fn the_budget_shows_its_parts() {
        let regime = Regime::on(date("2026-03-01")).unwrap();
        let b = annual_budget(
            regime,
            2026,
            &[
                record("2026-02-01", "2000.00", Some(("2026-03-01", "500.00"))),
                record("2026-05-01", "1000.00", None),
            ],
        );
        assert_eq!(
            (b.year, b.ceiling, b.reserved, b.released, b.remaining),
            (2026, m("7500"), m("3000.00"), m("500.00"), m("5000.00"))
        );
        let json = serde_json::to_value(b).unwrap();
        assert_eq!(json["remaining"], "5000.00");
    }

    #[test]
    fn dates_before_the_first_regime_are_not_supported() {
        assert!(remaining_budget(date("2022-12-31"), &[]).is_err());
    }

    #[test]
    fn records_read_from_json() {
        let records: Vec<SupportRecord> = serde_json::from_str(
            r#"[{ "applied_on": "2025-02-03", "subsidy": "294.00" },
                { "applied_on": "2025-03-04", "subsidy": "300.00",
                  "stop": { "stopped_on": "2025-03-10", "released_subsidy": "300.00" } }]"#,
        )
        .unwrap();
        assert_eq!(remaining("2025-07-01", &records), m("7206.00"));
    }

    fn any_record() -> impl Strategy<Value = SupportRecord> {
        (
            0i64..730,
            0i64..=750_000,
            prop::option::of((0i64..730, 0i64..=750_000)),
        )
            .prop_map(|(day, subsidy, stop)| {
                let start = date("2024-01-01");
                SupportRecord {
                    applied_on: start + chrono::Duration::days(day),
                    subsidy: Money::from_cents(subsidy).unwrap(),
                    stop: stop.map(|(later, released)| Stop {
                        stopped_on: start + chrono::Duration::days(day + later),
                        released_subsidy: Money::from_cents(released).unwrap(),
                    }),
                }
            })
    }

    proptest! {
        #[test]
        fn remaining_is_between_zero_and_the_ceiling(
            records in prop::collection::vec(any_record(), 0..10),
            year in 2024i32..=2025,
        ) {
            let regime = Regime::on(date("2025-01-01")).unwrap();
            let b = annual_budget(regime, year, &records);
            prop_assert!(b.remaining <= b.ceiling);
            prop_assert!(b.released <= b.reserved);
        }

        #[test]
        fn another_application_never_raises_the_budget(
            records in prop::collection::vec(any_record(), 0..10),
            extra in any_record(),
        ) {
            let regime = Regime::on(date("2025-01-01")).unwrap();
            let year = extra.applied_on.year();
            let before = annual_budget(regime, year, &records).remaining;
            let mut more = records.clone();
            more.push(extra);
            prop_assert!(annual_budget(regime, year, &more).remaining <= before);
        }

        #[test]
        fn a_stop_in_a_later_year_changes_nothing(
            records in prop::collection::vec(any_record(), 0..10),
        ) {
            let regime = Regime::on(date("2025-01-01")).unwrap();
            let unstopped: Vec<SupportRecord> = records
                .iter()
                .map(|r| match r.stop {
                    Some(s) if s.stopped_on.year() != r.applied_on.year() => {
                        SupportRecord { stop: None, ..*r }
                    }
                    _ => *r,
                })
                .collect();
            for year in [2024, 2025] {
                prop_assert_eq!(
                    annual_budget(regime, year, &records),
                    annual_budget(regime, year, &unstopped)
                );
            }
        }
    }
}
