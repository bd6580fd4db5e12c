//! Rule regimes: the dated sets of rates, ceilings and theme rules. RULES.md §2.
//!
//! Rules change over time, so they are data selected by the application date (the public
//! simulator defaults to today), never `if date > ...` spread through the code.

use chrono::NaiveDate;

use crate::money::Money;
use crate::rate::Rate;
use crate::service::ServiceType;
use crate::size::EnterpriseSize;
use crate::source::{self, Source};
use crate::themes::ThemeChoice;

/// A theme/sub-theme pair for which a rule applies, with the service types it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeRule {
    pub theme: &'static str,
    pub subtheme: &'static str,
    pub services: &'static [ServiceType],
}

impl ThemeRule {
    pub fn covers(&self, service: ServiceType, choice: &ThemeChoice) -> bool {
        self.services.contains(&service) && choice.is(self.theme, self.subtheme)
    }
}

/// One dated rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regime {
    /// Stable id, returned by the API as `regime`.
    pub id: &'static str,
    /// First day (inclusive) on which the regime applies, as (year, month, day).
    from: (i32, u32, u32),
    /// Support per enterprise per calendar year, training and advice together (RULES.md §5).
    pub annual_ceiling: Money,
    /// Minimum eligible cost excl. VAT (RULES.md §4, seeds 001, 002).
    pub minimum_cost: Money,
    /// Base rates: small, medium (RULES.md §5).
    pub base_rate: (Rate, Rate),
    /// Higher rates: small, medium.
    pub higher_rate: (Rate, Rate),
    /// Where the higher rate applies.
    pub higher_rate_for: &'static [ThemeRule],
    /// When set, advice is eligible only for these themes.
    pub advice_only_for: Option<&'static [ThemeRule]>,
    /// What the regime is, for people (Dutch): the first words of an explanation.
    pub summary: &'static str,
    /// The texts it rests on (RULES.md §1b), as `GET /api/v1/regimes` lists them.
    pub sources: &'static [Source],
    /// Where the numbers come from, and what is not confirmed.
    pub provenance: &'static str,
}

const BOTH: &[ServiceType] = &[ServiceType::Training, ServiceType::Advice];
const TRAINING: &[ServiceType] = &[ServiceType::Training];

const CYBERSECURITY_BOTH: ThemeRule = ThemeRule {
    theme: "digitalisering",
    subtheme: "cybersecurity",
    services: BOTH,
};

/// The regimes, oldest first. The simulator supports dates from the first one on.
pub const REGIMES: &[Regime] = &[
    Regime {
        id: "kmo-2023",
        from: (2023, 1, 1),
        annual_ceiling: Money::from_whole_euro(7_500),
        minimum_cost: Money::from_whole_euro(100),
        base_rate: (Rate::percent(30), Rate::percent(20)),
        higher_rate: (Rate::percent(45), Rate::percent(35)),
        higher_rate_for: &[
            CYBERSECURITY_BOTH,
            ThemeRule {
                theme: "duurzaamheid",
                subtheme: "energie-efficientie",
                services: BOTH,
            },
        ],
        advice_only_for: None,
        summary: "acht thema's; verhoogd steunpercentage voor cybersecurity en \
            energie-efficiëntie",
        sources: &[
            source::DECREE_2012,
            source::BVR_2016,
            source::BVR_2016_ART_18,
            source::MB_2016_ART_31,
            source::MB_2021,
            source::THEMES_2023,
        ],
        provenance: "Seeds 000, 001, 002, 003 (manual of 16 June 2025): 8 themes from \
            2023-01-01 (002), 30/20 % and EUR 7,500 per calendar year (001). The 45/35 % rate for \
            'digitalisering - cybersecurity' and 'duurzaamheid - energie-efficiëntie' is documented \
            in 000 and 003 (2025); the day it started for energy efficiency is not confirmed, so \
            this regime applies it from 2023-01-01 (RULES.md §2, '(by 2024)').",
    },
    Regime {
        id: "kmo-2026-02",
        from: (2026, 2, 1),
        annual_ceiling: Money::from_whole_euro(7_500),
        minimum_cost: Money::from_whole_euro(100),
        base_rate: (Rate::percent(30), Rate::percent(20)),
        higher_rate: (Rate::percent(45), Rate::percent(35)),
        higher_rate_for: &[
            CYBERSECURITY_BOTH,
            ThemeRule {
                theme: "duurzaamheid",
                subtheme: "energie-efficientie",
                services: TRAINING,
            },
        ],
        advice_only_for: Some(&[CYBERSECURITY_BOTH]),
        summary: "hervorming van 1 februari 2026: advies enkel voor cybersecurity; verhoogd \
            steunpercentage voor cybersecurity en voor opleidingen energie-efficiëntie",
        sources: &[
            source::DECREE_2012,
            source::BVR_2016,
            source::BVR_2016_ART_18,
            source::MB_2016_ART_31,
            source::MB_2021,
            source::THEMES_2023,
            source::VR_2026,
        ],
        provenance: "VLAIO news item 'hervorming kmo-portefeuille vanaf 1 februari 2026' \
            (RULES.md §2): advice only for 'digitalisering - cybersecurity'; the higher rate for \
            cybersecurity training and advice and for energy-efficiency training only; ceiling \
            and 30/20 % unchanged.",
    },
];

/// A date before the first regime: the rules of that time are not modelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateNotSupported {
    pub first_supported: NaiveDate,
}

impl Regime {
    pub fn starts(&self) -> NaiveDate {
        let (y, m, d) = self.from;
        NaiveDate::from_ymd_opt(y, m, d).expect("regime start dates are valid constants")
    }

    /// The last day it applies: the day before the next regime starts; `None` while no later
    /// regime is known.
    pub fn until(&self) -> Option<NaiveDate> {
        let next = REGIMES.iter().find(|r| r.starts() > self.starts())?;
        next.starts().pred_opt()
    }

    /// The regime in force on `date`.
    pub fn on(date: NaiveDate) -> Result<&'static Regime, DateNotSupported> {
        REGIMES
            .iter()
            .rev()
            .find(|r| r.starts() <= date)
            .ok_or(DateNotSupported {
                first_supported: REGIMES[0].starts(),
            })
    }

    /// The regime with this id.
    pub fn by_id(id: &str) -> Option<&'static Regime> {
        REGIMES.iter().find(|r| r.id == id)
    }

    /// Whether `service` on `choice` gets the higher rate under this regime.
    pub fn has_higher_rate(&self, service: ServiceType, choice: &ThemeChoice) -> bool {
        self.higher_rate_for
            .iter()
            .any(|r| r.covers(service, choice))
    }

    /// Whether `service` is allowed for `choice` at all under this regime.
    pub fn allows_service(&self, service: ServiceType, choice: &ThemeChoice) -> bool {
        match (service, self.advice_only_for) {
            (ServiceType::Advice, Some(rules)) => rules.iter().any(|r| r.covers(service, choice)),
            _ => true,
        }
    }

    /// The rate for a size, or `None` for a large enterprise (not eligible).
    pub fn rate(&self, size: EnterpriseSize, higher: bool) -> Option<Rate> {
        let (small, medium) = if higher {
            self.higher_rate
        } else {
            self.base_rate
        };
        match size {
            EnterpriseSize::Small => Some(small),
            EnterpriseSize::Medium => Some(medium),
            EnterpriseSize::Large => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn regimes_are_ordered_and_selected_by_date() {
        assert!(REGIMES.windows(2).all(|w| w[0].starts() < w[1].starts()));
        assert_eq!(Regime::on(date("2023-01-01")).unwrap().id, "kmo-2023");
        assert_eq!(Regime::on(date("2026-01-31")).unwrap().id, "kmo-2023");
        assert_eq!(Regime::on(date("2026-02-01")).unwrap().id, "kmo-2026-02");
        assert_eq!(Regime::on(date("2030-06-30")).unwrap().id, "kmo-2026-02");
    }

    #[test]
    fn each_regime_ends_the_day_before_the_next_starts() {
        assert_eq!(REGIMES[0].until(), Some(date("2026-01-31")));
        assert_eq!(REGIMES[1].until(), None);
        assert!(REGIMES
            .iter()
            .all(|r| r.sources.contains(&source::BVR_2016_ART_18)));
        assert!(REGIMES[1].sources.contains(&source::VR_2026));
    }

    #[test]
    fn dates_before_2023_are_not_supported() {
        assert_eq!(
            Regime::on(date("2022-12-31")),
            Err(DateNotSupported {
                first_supported: date("2023-01-01")
            })
        );
    }

    #[test]
    fn advice_is_only_for_cybersecurity_from_february_2026() {
        let cyber = ThemeChoice::parse("digitalisering", Some("cybersecurity")).unwrap();
        let software = ThemeChoice::parse("digitalisering", Some("software")).unwrap();
        let new = Regime::on(date("2026-02-01")).unwrap();
        let old = Regime::on(date("2026-01-31")).unwrap();
        assert!(new.allows_service(ServiceType::Advice, &cyber));
        assert!(!new.allows_service(ServiceType::Advice, &software));
        assert!(new.allows_service(ServiceType::Training, &software));
        assert!(old.allows_service(ServiceType::Advice, &software));
    }

    #[test]
    fn energy_efficiency_keeps_the_higher_rate_for_training_only_from_february_2026() {
        let energy = ThemeChoice::parse("duurzaamheid", Some("energie-efficientie")).unwrap();
        let new = Regime::on(date("2026-02-01")).unwrap();
        let old = Regime::on(date("2025-06-01")).unwrap();
        assert!(new.has_higher_rate(ServiceType::Training, &energy));
        assert!(!new.has_higher_rate(ServiceType::Advice, &energy));
        assert!(old.has_higher_rate(ServiceType::Advice, &energy));
    }
}
