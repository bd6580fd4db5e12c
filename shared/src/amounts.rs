//! Project amount, own contribution (eigen bijdrage) and subsidy. RULES.md §5, 003 step 2.
//!
//! `project = min(cost, remaining / rate)`, `subsidy = project × rate`,
//! `own contribution = project − subsidy`.
//!
//! Rounding, chosen so the subsidy never exceeds the rate nor the remaining ceiling:
//! - the project amount is rounded **down** to the cent (so the cap never grows the project);
//! - the subsidy is `project × rate` rounded **half away from zero** to the cent, and then
//!   limited to the remaining ceiling (rounding up `remaining / rate` could otherwise yield one
//!   cent more than remains);
//! - the own contribution is the rest, so own + subsidy = project exactly.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money::Money;
use crate::rate::Rate;

/// The split of one project, every figure in whole cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Amounts {
    /// Kost van de inschrijving (eligible cost excl. VAT), as entered.
    pub cost: Money,
    /// Projectbedrag binnen de kmo-portefeuille.
    pub project_amount: Money,
    /// Bijdrage onderneming (eigen bijdrage): what the enterprise deposits.
    pub own_contribution: Money,
    /// Bijdrage Vlaamse overheid (subsidie).
    pub subsidy: Money,
    /// The annual budget left after this project.
    pub remaining_after: Money,
    /// True when the project amount was reduced to fit the remaining ceiling.
    pub capped: bool,
}

/// Splits `cost` at `rate` within the `remaining` annual budget.
pub fn split(cost: Money, rate: Rate, remaining: Money) -> Amounts {
    let fraction = rate.fraction();
    let fits = Money::round_down(remaining.amount() / fraction);
    let (project_amount, capped) = if cost > fits {
        (fits, true)
    } else {
        (cost, false)
    };
    let subsidy = Money::round_half_up(project_amount.amount() * fraction).min(remaining);
    let own_contribution = project_amount.saturating_sub(subsidy);
    Amounts {
        cost,
        project_amount,
        own_contribution,
        subsidy,
        remaining_after: remaining.saturating_sub(subsidy),
        capped,
    }
}

impl Amounts {
    /// The subsidy's share of the project amount in whole percent, for a chart.
    pub fn subsidy_share_percent(&self) -> Decimal {
        if self.project_amount.is_zero() {
            return Decimal::ZERO;
        }
        (self.subsidy.amount() * Decimal::ONE_HUNDRED / self.project_amount.amount())
            .round_dp(1)
            .normalize()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    #[test]
    fn seed_003_small_enterprise_980_gives_294_subsidy_and_686_own() {
        let a = split(m("980.00"), Rate::percent(30), m("7500"));
        assert_eq!(a.project_amount, m("980.00"));
        assert_eq!(a.subsidy, m("294.00"));
        assert_eq!(a.own_contribution, m("686.00"));
        assert_eq!(a.remaining_after, m("7206.00"));
        assert!(!a.capped);
    }

    #[test]
    fn seed_003_project_900_at_30_percent_asks_a_deposit_of_630() {
        let a = split(m("900.00"), Rate::percent(30), m("7500"));
        assert_eq!(a.own_contribution, m("630.00"));
    }

    #[test]
    fn seed_004_own_contribution_is_70_or_80_percent() {
        let small = split(m("1000"), Rate::percent(30), m("7500"));
        let medium = split(m("1000"), Rate::percent(20), m("7500"));
        assert_eq!(small.own_contribution, m("700.00"));
        assert_eq!(medium.own_contribution, m("800.00"));
    }

    #[test]
    fn project_is_capped_so_the_subsidy_fits_the_remaining_ceiling() {
        let a = split(m("30000"), Rate::percent(30), m("7500"));
        assert_eq!(a.project_amount, m("25000.00"));
        assert_eq!(a.subsidy, m("7500.00"));
        assert_eq!(a.remaining_after, Money::ZERO);
        assert!(a.capped);

        let a = split(m("1000"), Rate::percent(30), m("100"));
        assert_eq!(a.project_amount, m("333.33"));
        assert_eq!(a.subsidy, m("100.00"));
        assert_eq!(a.own_contribution, m("233.33"));
    }

    #[test]
    fn rounding_of_the_subsidy_is_half_away_from_zero() {
        // 100.05 × 0.45 = 45.0225 → 45.02; 100.10 × 0.35 = 35.035 → 35.04
        assert_eq!(
            split(m("100.05"), Rate::percent(45), m("7500")).subsidy,
            m("45.02")
        );
        assert_eq!(
            split(m("100.10"), Rate::percent(35), m("7500")).subsidy,
            m("35.04")
        );
    }

    #[test]
    fn share_for_the_chart() {
        let a = split(m("980"), Rate::percent(30), m("7500"));
        assert_eq!(a.subsidy_share_percent().to_string(), "30");
    }

    proptest! {
        #[test]
        fn subsidy_never_exceeds_rate_nor_remaining_and_parts_add_up(
            cost in 0i64..=1_000_000_000,
            remaining in 0i64..=750_000,
            pct in prop::sample::select(vec![20u32, 30, 35, 45]),
        ) {
            let cost = Money::from_cents(cost).unwrap();
            let remaining = Money::from_cents(remaining).unwrap();
            let rate = Rate::percent(pct);
            let a = split(cost, rate, remaining);
            prop_assert!(a.subsidy <= remaining);
            prop_assert!(a.project_amount <= cost);
            // Never above the rate, allowing only the half-cent of rounding.
            prop_assert!(a.subsidy.amount() <= a.project_amount.amount() * rate.fraction() + Decimal::new(5, 3));
            prop_assert_eq!(a.own_contribution.checked_add(a.subsidy), Some(a.project_amount));
            prop_assert_eq!(a.remaining_after.checked_add(a.subsidy), Some(remaining));
            if !a.capped {
                prop_assert_eq!(a.project_amount, cost);
            }
        }
    }
}
