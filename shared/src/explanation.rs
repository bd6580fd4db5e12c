//! "Hoe berekend?": every amount of a simulation or an application explained, step by step, each
//! step citing the legal text or document it rests on ([`crate::source`]).
//!
//! The steps follow the computation of RULES.md §5 in order: which rule set (from the date),
//! the eligible cost, the rate (from size, service and theme), the annual budget left, the
//! project amount (capped or not) and the subsidy with its rounding; an application adds the
//! enterprise's size and the de minimis total.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::amounts::Amounts;
use crate::de_minimis::{DeMinimisCheck, DE_MINIMIS_CEILING};
use crate::format;
use crate::money::Money;
use crate::rates::SupportRate;
use crate::regime::Regime;
use crate::service::ServiceType;
use crate::size::EnterpriseSize;
use crate::source::{self, Source};
use crate::themes::ThemeChoice;

/// What a step explains, a stable code for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "openapi", schemars(rename = "ExplanationStep"))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Which rule set applies, and why (the date).
    Regime,
    /// The enterprise's size (applications: the size that holds this calendar year).
    Size,
    /// The eligible cost excl. VAT, and its minimum.
    Cost,
    /// The support rate, and why (size, service, theme).
    Rate,
    /// The annual budget left before this project.
    RemainingBudget,
    /// The project amount, and whether and why it was capped.
    ProjectAmount,
    /// The subsidy and the own contribution, with the rounding.
    Subsidy,
    /// De minimis aid over the three years up to the application.
    DeMinimis,
}

impl Step {
    /// The stable code, as serialized: for pages that mark each step (`data-code`).
    pub fn id(self) -> &'static str {
        match self {
            Step::Regime => "regime",
            Step::Size => "size",
            Step::Cost => "cost",
            Step::Rate => "rate",
            Step::RemainingBudget => "remaining_budget",
            Step::ProjectAmount => "project_amount",
            Step::Subsidy => "subsidy",
            Step::DeMinimis => "de_minimis",
        }
    }
}

/// One step: what, in Dutch, and on which text it rests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    pub code: Step,
    /// The step with its figures, in Dutch.
    pub message: String,
    /// The legal text or document, and its article or part.
    pub source: String,
}

impl Explanation {
    fn new(code: Step, message: String, source: &Source) -> Explanation {
        Explanation {
            code,
            message,
            source: source.cite(),
        }
    }
}

/// Whose date selects the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOf {
    /// The simulator's date (today unless chosen).
    Simulation,
    /// The application date (RULES.md §1b: the product follows the application date).
    Application,
}

/// Which rule set, and why.
pub fn regime(regime: &Regime, date: NaiveDate, of: DateOf) -> Explanation {
    let period = match regime.until() {
        Some(until) => format!(
            "van {} tot en met {}",
            format::date(regime.starts()),
            format::date(until)
        ),
        None => format!("vanaf {}", format::date(regime.starts())),
    };
    let which = match of {
        DateOf::Simulation => "de datum van de simulatie",
        DateOf::Application => "de aanvraagdatum",
    };
    Explanation::new(
        Step::Regime,
        format!(
            "De regels '{}' gelden {period} ({}). Ze zijn van toepassing omdat {which} {} is.",
            regime.id,
            regime.summary,
            format::date(date)
        ),
        regime.sources.last().unwrap_or(&source::BVR_2016),
    )
}

/// The enterprise's size as the application uses it.
pub fn size(size: EnterpriseSize, year: i32) -> Explanation {
    Explanation::new(
        Step::Size,
        format!(
            "Uw onderneming is een {} volgens de Europese kmo-definitie; die grootte geldt voor \
             alle aanvragen van {year}.",
            size.in_sentence_nl()
        ),
        &source::SME_RECOMMENDATION,
    )
}

/// The eligible cost: as entered, or from a breakdown where parts did not count.
pub fn cost(eligible: Money, claimed: Option<Money>, regime: &Regime) -> Explanation {
    let from = match claimed {
        Some(c) if c != eligible => format!(
            " Van de opgegeven {} komen de kosten die niet in aanmerking komen niet mee.",
            format::euro(c)
        ),
        _ => String::new(),
    };
    Explanation::new(
        Step::Cost,
        format!(
            "De aanvaardbare kost is {} exclusief btw; het minimum is {}.{from}",
            format::euro(eligible),
            format::euro(regime.minimum_cost)
        ),
        &source::MB_2016_ART_31,
    )
}

/// The rate, and why.
pub fn rate(
    rate: SupportRate,
    size: EnterpriseSize,
    service: ServiceType,
    choice: &ThemeChoice,
) -> Explanation {
    let what = format!(
        "{} voor het thema '{}'",
        match service {
            ServiceType::Training => "een opleiding",
            ServiceType::Advice => "een advies",
        },
        choice.label()
    );
    let (message, source) = if rate.higher {
        let source = if choice.is("digitalisering", "cybersecurity") {
            &source::MB_2021
        } else {
            &source::BVR_2016_ART_18
        };
        (
            format!(
                "{} %: het verhoogde steunpercentage voor een {}, omdat {what} onder het \
                 verhoogde percentage valt.",
                rate.rate.as_percent(),
                size.in_sentence_nl()
            ),
            source,
        )
    } else {
        (
            format!(
                "{} %: het basissteunpercentage voor een {}, voor {what}.",
                rate.rate.as_percent(),
                size.in_sentence_nl()
            ),
            &source::BVR_2016_ART_18,
        )
    };
    Explanation::new(Step::Rate, message, source)
}

/// The annual budget left.
pub fn remaining_budget(
    regime: &Regime,
    used: Money,
    remaining: Money,
    date: NaiveDate,
) -> Explanation {
    Explanation::new(
        Step::RemainingBudget,
        format!(
            "Per onderneming is er per kalenderjaar hoogstens {} steun, opleiding en advies \
             samen. In {} is al {} gebruikt: er blijft {}.",
            format::euro(regime.annual_ceiling),
            date.year(),
            format::euro(used),
            format::euro(remaining)
        ),
        &source::BVR_2016,
    )
}

/// The project amount, capped or not.
pub fn project_amount(amounts: &Amounts, rate: SupportRate, remaining: Money) -> Explanation {
    let message = if amounts.capped {
        format!(
            "Het projectbedrag is beperkt tot {}: het resterende jaarbudget van {} gedeeld door \
             {} %, naar beneden afgerond op de cent, zodat de subsidie binnen het budget past. \
             Van de kost van {} valt {} buiten de kmo-portefeuille.",
            format::euro(amounts.project_amount),
            format::euro(remaining),
            rate.rate.as_percent(),
            format::euro(amounts.cost),
            format::euro(amounts.cost.saturating_sub(amounts.project_amount))
        )
    } else {
        format!(
            "Het projectbedrag is de volledige kost, {}: de subsidie erop past binnen het \
             resterende jaarbudget van {}.",
            format::euro(amounts.project_amount),
            format::euro(remaining)
        )
    };
    Explanation::new(Step::ProjectAmount, message, &source::MANUAL_AMOUNTS)
}

/// The subsidy, its rounding, and the own contribution.
pub fn subsidy(amounts: &Amounts, rate: SupportRate, remaining: Money) -> Explanation {
    let exact = amounts.project_amount.amount() * rate.rate.fraction();
    let rounding = if exact == amounts.subsidy.amount() {
        String::new()
    } else if amounts.subsidy == remaining && Money::round_half_up(exact) > remaining {
        format!(
            " (afgerond zou dat {} zijn, meer dan het resterende jaarbudget: de subsidie is \
             beperkt tot dat budget)",
            format::euro(Money::round_half_up(exact))
        )
    } else {
        " (afgerond op de cent, een halve cent naar boven)".to_string()
    };
    Explanation::new(
        Step::Subsidy,
        format!(
            "De subsidie is {} × {} % = {}{rounding}. De bijdrage van de onderneming is het \
             projectbedrag min de subsidie: {} − {} = {}.",
            format::euro(amounts.project_amount),
            rate.rate.as_percent(),
            format::euro(amounts.subsidy),
            format::euro(amounts.project_amount),
            format::euro(amounts.subsidy),
            format::euro(amounts.own_contribution)
        ),
        &source::BVR_2016_ART_18,
    )
}

/// De minimis: the total over the three years up to the application.
pub fn de_minimis(check: &DeMinimisCheck, new_aid: Money) -> Explanation {
    Explanation::new(
        Step::DeMinimis,
        format!(
            "De subsidie is de-minimissteun. Van {} tot en met {} kreeg uw onderneming {} \
             de-minimissteun (opgegeven en via de kmo-portefeuille); met deze {} wordt dat {}, \
             binnen het plafond van {}.",
            format::date(check.period_from),
            format::date(check.period_to),
            format::euro(Money::round_down(check.earlier_total)),
            format::euro(new_aid),
            format::euro(Money::round_down(check.total)),
            format::euro(DE_MINIMIS_CEILING)
        ),
        &source::DE_MINIMIS_REGULATION,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amounts::split;
    use crate::rate::Rate;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const THIRTY: SupportRate = SupportRate {
        rate: Rate::percent(30),
        higher: false,
    };

    #[test]
    fn the_regime_says_its_period_and_which_date_chose_it() {
        let r = Regime::on(d("2025-06-01")).unwrap();
        let e = regime(r, d("2025-06-01"), DateOf::Application);
        assert_eq!(e.code, Step::Regime);
        assert!(
            e.message.starts_with(
                "De regels 'kmo-2023' gelden van 01/01/2023 tot en met 31/01/2026 (acht thema's"
            ),
            "{}",
            e.message
        );
        assert!(e.message.ends_with("omdat de aanvraagdatum 01/06/2025 is."));
        let now = regime(
            Regime::on(d("2026-03-02")).unwrap(),
            d("2026-03-02"),
            DateOf::Simulation,
        );
        assert!(now.message.contains("gelden vanaf 01/02/2026"));
        assert!(now.source.contains("23 januari 2026"));
    }

    #[test]
    fn the_seed_example_is_explained_with_its_figures() {
        // 003: small, cost 980.00 → subsidy 294.00, own contribution 686.00.
        let a = split(m("980.00"), THIRTY.rate, m("7500.00"));
        let p = project_amount(&a, THIRTY, m("7500.00"));
        assert!(p
            .message
            .starts_with("Het projectbedrag is de volledige kost, € 980,00"));
        let s = subsidy(&a, THIRTY, m("7500.00"));
        assert_eq!(
            s.message,
            "De subsidie is € 980,00 × 30 % = € 294,00. De bijdrage van de onderneming is het \
             projectbedrag min de subsidie: € 980,00 − € 294,00 = € 686,00."
        );
        assert!(s.source.contains("art. 18"));
    }

    #[test]
    fn a_capped_project_and_a_rounded_subsidy_say_so() {
        // 1,000 left at 30 %: the project is capped at 3,333.33, whose 30 % is 999.999 → 1,000.00.
        let a = split(m("5000.00"), THIRTY.rate, m("1000.00"));
        assert!(a.capped);
        let p = project_amount(&a, THIRTY, m("1000.00"));
        assert!(
            p.message.contains("beperkt tot € 3.333,33"),
            "{}",
            p.message
        );
        assert!(
            p.message.contains("valt € 1.666,67 buiten"),
            "{}",
            p.message
        );
        let s = subsidy(&a, THIRTY, m("1000.00"));
        assert!(
            s.message.contains("= € 1.000,00 (afgerond op de cent"),
            "{}",
            s.message
        );
    }

    #[test]
    fn the_higher_rate_names_its_theme_and_the_2021_decree_for_cybersecurity() {
        let cyber = ThemeChoice::parse("digitalisering", Some("cybersecurity")).unwrap();
        let higher = SupportRate {
            rate: Rate::percent(45),
            higher: true,
        };
        let e = rate(higher, EnterpriseSize::Small, ServiceType::Advice, &cyber);
        assert!(e
            .message
            .starts_with("45 %: het verhoogde steunpercentage voor een kleine"));
        assert!(e
            .message
            .contains("een advies voor het thema 'Digitalisering - Cybersecurity'"));
        assert!(e.source.contains("7 september 2021"));
        let software = ThemeChoice::parse("digitalisering", Some("software")).unwrap();
        let base = rate(
            THIRTY,
            EnterpriseSize::Small,
            ServiceType::Training,
            &software,
        );
        assert!(base.message.starts_with("30 %: het basissteunpercentage"));
        assert!(base.source.contains("art. 18"));
    }

    #[test]
    fn a_steps_id_is_its_serialized_code() {
        for step in [
            Step::Regime,
            Step::Size,
            Step::Cost,
            Step::Rate,
            Step::RemainingBudget,
            Step::ProjectAmount,
            Step::Subsidy,
            Step::DeMinimis,
        ] {
            assert_eq!(serde_json::to_value(step).unwrap(), step.id());
        }
    }

    #[test]
    fn every_step_cites_a_text() {
        let r = Regime::on(d("2026-03-02")).unwrap();
        let a = split(m("980.00"), THIRTY.rate, m("7500.00"));
        let check = crate::de_minimis::check(
            &[],
            crate::de_minimis::DeMinimisAid {
                granted_on: d("2026-03-02"),
                amount: a.subsidy,
            },
        );
        let all = [
            regime(r, d("2026-03-02"), DateOf::Simulation),
            size(EnterpriseSize::Small, 2026),
            cost(m("980.00"), Some(m("1030.00")), r),
            remaining_budget(r, m("0.00"), m("7500.00"), d("2026-03-02")),
            de_minimis(&check, a.subsidy),
        ];
        assert!(all
            .iter()
            .all(|e| !e.source.is_empty() && !e.message.is_empty()));
        assert!(all[2].message.contains("Van de opgegeven € 1.030,00"));
        assert!(all[4]
            .message
            .contains("met deze € 294,00 wordt dat € 294,00"));
        assert!(all[4].source.contains("2023/2831"));
    }
}
