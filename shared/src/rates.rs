//! The support rate (steunpercentage) for a project. RULES.md §5, §2.
//!
//! Small 30 %, medium 20 %; the higher rate (45 % / 35 %) where the regime grants it. Large
//! enterprises get none: they are not eligible.

use crate::rate::Rate;
use crate::regime::Regime;
use crate::service::ServiceType;
use crate::size::EnterpriseSize;
use crate::themes::ThemeChoice;

/// The rate and whether it is the higher one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupportRate {
    pub rate: Rate,
    pub higher: bool,
}

/// The rate for this enterprise size, service and theme under `regime`; `None` for a large
/// enterprise.
pub fn support_rate(
    regime: &Regime,
    size: EnterpriseSize,
    service: ServiceType,
    choice: &ThemeChoice,
) -> Option<SupportRate> {
    let higher = regime.has_higher_rate(service, choice);
    regime
        .rate(size, higher)
        .map(|rate| SupportRate { rate, higher })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn rate(
        date: &str,
        size: EnterpriseSize,
        service: ServiceType,
        theme: &str,
        sub: Option<&str>,
    ) -> Option<String> {
        let regime = Regime::on(NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()).unwrap();
        let choice = ThemeChoice::parse(theme, sub).unwrap();
        support_rate(regime, size, service, &choice).map(|r| r.rate.to_string())
    }

    #[test]
    fn rates_table() {
        use EnterpriseSize::*;
        use ServiceType::*;
        type Case<'a> = (
            &'a str,
            EnterpriseSize,
            ServiceType,
            &'a str,
            Option<&'a str>,
            Option<&'a str>,
        );
        let cases: &[Case] = &[
            (
                "2025-05-31",
                Small,
                Training,
                "bedrijfsstrategie",
                None,
                Some("0.30"),
            ),
            (
                "2025-05-31",
                Medium,
                Training,
                "bedrijfsstrategie",
                None,
                Some("0.20"),
            ),
            (
                "2025-05-31",
                Large,
                Training,
                "bedrijfsstrategie",
                None,
                None,
            ),
            (
                "2025-05-31",
                Small,
                Advice,
                "digitalisering",
                Some("cybersecurity"),
                Some("0.45"),
            ),
            (
                "2025-05-31",
                Medium,
                Advice,
                "digitalisering",
                Some("cybersecurity"),
                Some("0.35"),
            ),
            (
                "2025-05-31",
                Small,
                Advice,
                "duurzaamheid",
                Some("energie-efficientie"),
                Some("0.45"),
            ),
            (
                "2025-05-31",
                Small,
                Training,
                "digitalisering",
                Some("software"),
                Some("0.30"),
            ),
            (
                "2025-05-31",
                Small,
                Training,
                "digitalisering",
                None,
                Some("0.30"),
            ),
            (
                "2026-11-22",
                Small,
                Training,
                "duurzaamheid",
                Some("energie-efficientie"),
                Some("0.45"),
            ),
            (
                "2026-11-22",
                Medium,
                Training,
                "duurzaamheid",
                Some("energie-efficientie"),
                Some("0.35"),
            ),
            (
                "2026-11-22",
                Small,
                Advice,
                "duurzaamheid",
                Some("energie-efficientie"),
                Some("0.30"),
            ),
            (
                "2026-11-22",
                Medium,
                Advice,
                "digitalisering",
                Some("cybersecurity"),
                Some("0.35"),
            ),
            (
                "2026-11-22",
                Medium,
                Training,
                "duurzaamheid",
                Some("recyclage"),
                Some("0.20"),
            ),
        ];
        for (date, size, service, theme, sub, expected) in cases {
            assert_eq!(
                rate(date, *size, *service, theme, *sub).as_deref(),
                *expected,
                "{date} {size:?} {service:?} {theme} {sub:?}"
            );
        }
    }
}
