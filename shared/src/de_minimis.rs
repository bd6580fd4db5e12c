//! De minimis: the support is de minimis aid, capped per enterprise over three years.
//! RULES.md §3; 003 step 4 ('Verklaring op eer'); Commission Regulation (EU) 2023/2831.
//!
//! Art. 3(2) of the Regulation: the de minimis aid granted to a single undertaking "shall not
//! exceed EUR 300 000 over any period of three years", assessed on a rolling basis (recital
//! 10): for each new aid, all de minimis aid granted in the three years before it counts, this
//! aid included. So the total may reach € 300.000,00 but not pass it. (The manual's wording
//! "drie opeenvolgende belastingsjaren" is that of the former Regulation 1407/2013; the rule
//! applied here is the 2023 one the manual cites.) Aid counts from the day it is granted
//! ("op basis van het moment van toekenning"), not from its payment.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Reason;
use crate::format;
use crate::money::Money;

/// The ceiling over any three years (Regulation 2023/2831 art. 3(2)).
pub const DE_MINIMIS_CEILING: Money = Money::from_whole_euro(300_000);

/// The length of the rolling period.
const PERIOD: Months = Months::new(36);

/// One de minimis aid: the day it was granted and its gross amount (or gross grant equivalent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeMinimisAid {
    pub granted_on: NaiveDate,
    pub amount: Money,
}

/// The rolling total for a new aid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeMinimisCheck {
    /// The first day of the three years counted (the day after the same date three years
    /// earlier).
    pub period_from: NaiveDate,
    /// The new aid's grant date, the last day counted.
    pub period_to: NaiveDate,
    /// The aid granted before within the period.
    pub earlier_total: Decimal,
    /// `earlier_total` plus the new aid.
    pub total: Decimal,
    /// What could still be granted in the period before the new aid, never negative.
    pub room_before: Money,
    /// True when `total` does not exceed [`DE_MINIMIS_CEILING`].
    pub within: bool,
}

/// Counts the aid granted in the three years up to `new.granted_on` (aid on the same date
/// three years earlier has just left the period; aid dated after the new one is not counted),
/// adds `new`, and compares with the ceiling.
pub fn check(earlier: &[DeMinimisAid], new: DeMinimisAid) -> DeMinimisCheck {
    let period_to = new.granted_on;
    // Three years back, as calendar months (29 February goes to 28 February), exclusive.
    let starts_after = period_to
        .checked_sub_months(PERIOD)
        .unwrap_or(NaiveDate::MIN);
    let period_from = starts_after.succ_opt().unwrap_or(starts_after);
    let earlier_total: Decimal = earlier
        .iter()
        .filter(|a| a.granted_on > starts_after && a.granted_on <= period_to)
        .map(|a| a.amount.amount())
        .sum();
    let total = earlier_total + new.amount.amount();
    DeMinimisCheck {
        period_from,
        period_to,
        earlier_total,
        total,
        room_before: Money::round_down(DE_MINIMIS_CEILING.amount() - earlier_total),
        within: total <= DE_MINIMIS_CEILING.amount(),
    }
}

impl DeMinimisCheck {
    /// The refusal when the ceiling would be exceeded.
    pub fn reason(&self) -> Option<Reason> {
        (!self.within).then(|| {
            Reason::new(
                "de_minimis_exceeded",
                format!(
                    "Met deze steun zou uw onderneming tussen {} en {} meer dan {} \
                     de-minimissteun ontvangen (Verordening (EU) 2023/2831). U kan in die periode \
                     nog hoogstens {} de-minimissteun krijgen.",
                    format::date(self.period_from),
                    format::date(self.period_to),
                    format::euro(DE_MINIMIS_CEILING),
                    format::euro(self.room_before)
                ),
            )
        })
    }
}

/// [`check`] as a rule: `Err` with the reason when the new aid would pass the ceiling.
pub fn within_ceiling(earlier: &[DeMinimisAid], new: DeMinimisAid) -> Result<(), Reason> {
    match check(earlier, new).reason() {
        None => Ok(()),
        Some(reason) => Err(reason),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn aid(on: &str, amount: &str) -> DeMinimisAid {
        DeMinimisAid {
            granted_on: date(on),
            amount: Money::parse(amount).unwrap(),
        }
    }

    #[test]
    fn the_ceiling_table() {
        let new = |amount| aid("2025-06-01", amount);
        let cases: &[(&[DeMinimisAid], &str, bool)] = &[
            (&[], "294.00", true),
            (&[aid("2024-01-10", "299706.00")], "294.00", true),
            (&[aid("2024-01-10", "299706.01")], "294.00", false),
            (
                &[aid("2023-01-10", "150000"), aid("2024-01-10", "150000")],
                "0.01",
                false,
            ),
            (
                &[aid("2023-01-10", "150000"), aid("2024-01-10", "149999.99")],
                "0.01",
                true,
            ),
            (&[], "300000.00", true),
            (&[], "300000.01", false),
        ];
        for (earlier, amount, within) in cases {
            assert_eq!(
                check(earlier, new(amount)).within,
                *within,
                "{earlier:?} + {amount}"
            );
        }
    }

    #[test]
    fn exactly_300000_including_this_aid_is_allowed() {
        let c = check(
            &[aid("2024-02-01", "299706.00")],
            aid("2025-06-01", "294.00"),
        );
        assert_eq!(c.total, Decimal::new(300_000, 0));
        assert!(c.within);
        assert_eq!(c.reason(), None);
    }

    #[test]
    fn one_cent_over_300000_is_refused() {
        let r = within_ceiling(
            &[aid("2024-02-01", "299706.01")],
            aid("2025-06-01", "294.00"),
        )
        .unwrap_err();
        assert_eq!(r.code, "de_minimis_exceeded");
        assert_eq!(
            r.message,
            "Met deze steun zou uw onderneming tussen 02/06/2022 en 01/06/2025 meer dan \
             € 300.000,00 de-minimissteun ontvangen (Verordening (EU) 2023/2831). U kan in die \
             periode nog hoogstens € 293,99 de-minimissteun krijgen."
        );
    }

    #[test]
    fn aid_leaves_the_rolling_period_after_three_years() {
        let big = |on| [aid(on, "299900")];
        let new = aid("2025-06-01", "294.00");
        // Granted on the same date three years earlier: out of the period.
        assert!(check(&big("2022-06-01"), new).within);
        // One day later: still in it.
        assert!(!check(&big("2022-06-02"), new).within);
        // Aid dated after the new one does not count for it.
        assert!(check(&big("2025-06-02"), new).within);
    }

    #[test]
    fn the_period_of_a_29_february_grant_starts_on_1_march() {
        let c = check(&[], aid("2028-02-29", "100"));
        assert_eq!(c.period_from, date("2025-03-01"));
        assert_eq!(c.period_to, date("2028-02-29"));
    }

    #[test]
    fn room_before_is_never_negative() {
        let c = check(
            &[aid("2024-01-01", "10000000"), aid("2024-02-01", "10000000")],
            aid("2025-01-01", "100"),
        );
        assert_eq!(c.room_before, Money::ZERO);
        assert_eq!(c.earlier_total, Decimal::new(20_000_000, 0));
    }

    proptest! {
        #[test]
        fn within_exactly_when_the_period_total_does_not_pass_300000(
            earlier in prop::collection::vec((0i64..2_000, 0i64..20_000_000), 0..8),
            new_cents in 0i64..40_000_000,
        ) {
            let today = date("2025-06-01");
            let aids: Vec<DeMinimisAid> = earlier
                .iter()
                .map(|(days_ago, cents)| DeMinimisAid {
                    granted_on: today - chrono::Duration::days(*days_ago),
                    amount: Money::from_cents(*cents).unwrap(),
                })
                .collect();
            let new = DeMinimisAid { granted_on: today, amount: Money::from_cents(new_cents).unwrap() };
            let c = check(&aids, new);
            let counted: i64 = aids
                .iter()
                .filter(|a| a.granted_on >= c.period_from)
                .map(|a| a.amount.cents())
                .sum();
            prop_assert_eq!(c.within, counted + new_cents <= 30_000_000);
            prop_assert_eq!(c.reason().is_none(), c.within);
            prop_assert!(c.room_before <= DE_MINIMIS_CEILING);
        }
    }
}
