//! Whether a service (training or advice) may be supported. RULES.md §4, §2; 003 steps 2–3.
//!
//! [`check_service`] reports **every** condition the service fails, each as a [`Reason`] with a
//! stable code and a Dutch message: the theme, the service type the regime of the date allows
//! for it, the kind of training, the contribution to the business, and the provider's
//! registration for the service type and the theme (with the exact message of 003 step 3).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Reason;
use crate::format;
use crate::regime::Regime;
use crate::service::ServiceType;
use crate::themes::{theme_by_id, ThemeChoice, ThemeError, THEMES};

/// Soort opleiding (003 step 2; RULES.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum TrainingKind {
    /// Klassikaal (extern).
    Classroom,
    /// Afstandsleren (online).
    Distance,
    /// Interne opleiding.
    Internal,
}

impl TrainingKind {
    pub const ALL: [TrainingKind; 3] = [
        TrainingKind::Classroom,
        TrainingKind::Distance,
        TrainingKind::Internal,
    ];

    /// The API id.
    pub fn id(self) -> &'static str {
        match self {
            TrainingKind::Classroom => "classroom",
            TrainingKind::Distance => "distance",
            TrainingKind::Internal => "internal",
        }
    }

    pub fn parse(s: &str) -> Option<TrainingKind> {
        TrainingKind::ALL.into_iter().find(|k| k.id() == s)
    }

    /// Dutch label as in the drop-down.
    pub fn label_nl(self) -> &'static str {
        match self {
            TrainingKind::Classroom => "Klassikaal (extern)",
            TrainingKind::Distance => "Afstandsleren (online)",
            TrainingKind::Internal => "Interne opleiding",
        }
    }
}

/// A theme the provider has linked to its services: a whole theme (`subtheme` absent), which
/// covers all its sub-themes, or one sub-theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegisteredTheme {
    pub theme: String,
    #[serde(default)]
    pub subtheme: Option<String>,
}

impl RegisteredTheme {
    /// True when this registration covers `choice`. A registration for one sub-theme does not
    /// cover a choice of the whole theme.
    pub fn covers(&self, choice: &ThemeChoice) -> bool {
        self.theme == choice.theme.id
            && match (&self.subtheme, choice.subtheme) {
                (None, _) => true,
                (Some(registered), Some(chosen)) => *registered == chosen.id,
                (Some(_), None) => false,
            }
    }
}

/// What a service provider (dienstverlener) is registered for ("Geregistreerd voor: Opleiding",
/// 003 step 3) and the themes it has linked to its services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProviderRegistration {
    pub services: Vec<ServiceType>,
    pub themes: Vec<RegisteredTheme>,
}

impl ProviderRegistration {
    pub fn offers(&self, service: ServiceType) -> bool {
        self.services.contains(&service)
    }

    pub fn covers(&self, choice: &ThemeChoice) -> bool {
        self.themes.iter().any(|t| t.covers(choice))
    }
}

/// The facts of a service as entered in 003 step 2, and the provider chosen in step 3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFacts {
    pub service: ServiceType,
    /// Theme id (see [`crate::themes::THEMES`]).
    pub theme: String,
    /// Sub-theme id; absent or empty for none.
    #[serde(default)]
    pub subtheme: Option<String>,
    /// Required for training, absent for advice.
    #[serde(default)]
    pub training_kind: Option<TrainingKind>,
    /// "Draagt de opleiding bij tot het huidig of toekomstig bedrijfsfunctioneren?" (step 2).
    pub contributes_to_business: bool,
    pub provider: ProviderRegistration,
}

/// Every reason the service may not be supported under the rules of `date` (the application
/// date). When there is none, the theme choice it was checked for.
pub fn check_service(facts: &ServiceFacts, date: NaiveDate) -> Result<ThemeChoice, Vec<Reason>> {
    let regime = Regime::on(date).map_err(|e| {
        Reason::new(
            "date_not_supported",
            format!(
                "De regels van de kmo-portefeuille zijn hier opgenomen vanaf {}.",
                format::date(e.first_supported)
            ),
        )
    });
    let choice = theme_choice(&facts.theme, facts.subtheme.as_deref());
    let mut reasons = Vec::new();
    reasons.extend(regime.as_ref().err().cloned());
    reasons.extend(choice.as_ref().err().cloned());
    if let (Ok(regime), Ok(choice)) = (&regime, &choice) {
        reasons.extend(service_allowed(regime, facts.service, choice).err());
    }
    reasons.extend(training_kind(facts.service, facts.training_kind).err());
    reasons.extend(contributes_to_business(facts.contributes_to_business).err());
    reasons.extend(provider_offers(&facts.provider, facts.service).err());
    if let Ok(choice) = &choice {
        reasons.extend(provider_covers(&facts.provider, choice).err());
    }
    match choice {
        Ok(choice) if reasons.is_empty() => Ok(choice),
        _ => Err(reasons),
    }
}

/// One of the eight themes, with a sub-theme of that theme if any (RULES.md §4; 002).
pub fn theme_choice(theme: &str, subtheme: Option<&str>) -> Result<ThemeChoice, Reason> {
    let subtheme = subtheme.filter(|s| !s.is_empty());
    ThemeChoice::parse(theme, subtheme).map_err(|e| match e {
        ThemeError::UnknownTheme => {
            let labels: Vec<&str> = THEMES.iter().map(|t| t.label).collect();
            Reason::new(
                "unknown_theme",
                format!(
                    "Enkel deze thema's komen in aanmerking: {}.",
                    labels.join(", ")
                ),
            )
        }
        ThemeError::UnknownSubtheme => Reason::new(
            "unknown_subtheme",
            format!(
                "Het subthema '{}' hoort niet bij het thema '{}'.",
                subtheme.unwrap_or_default(),
                theme_by_id(theme).map_or(theme, |t| t.label)
            ),
        ),
    })
}

/// The service type is allowed for the theme under the regime (RULES.md §2: from 2026-02-01
/// advice only for 'Digitalisering - Cybersecurity').
pub fn service_allowed(
    regime: &Regime,
    service: ServiceType,
    choice: &ThemeChoice,
) -> Result<(), Reason> {
    if regime.allows_service(service, choice) {
        Ok(())
    } else {
        Err(Reason::new(
            "advice_only_cybersecurity",
            format!(
                "Sinds {} komt advies enkel nog in aanmerking voor het thema \
                 'Digitalisering - Cybersecurity'. Opleidingen in '{}' blijven wel mogelijk.",
                format::date(regime.starts()),
                choice.label()
            ),
        ))
    }
}

/// A training names its kind (klassikaal, afstandsleren, intern); an advice has none.
pub fn training_kind(service: ServiceType, kind: Option<TrainingKind>) -> Result<(), Reason> {
    match (service, kind) {
        (ServiceType::Training, Some(_)) | (ServiceType::Advice, None) => Ok(()),
        (ServiceType::Training, None) => Err(Reason::new(
            "training_kind_required",
            "Duid het soort opleiding aan: klassikaal (extern), afstandsleren (online) of \
             interne opleiding.",
        )),
        (ServiceType::Advice, Some(_)) => Err(Reason::new(
            "training_kind_for_advice",
            "Een soort opleiding hoort enkel bij een opleiding, niet bij een advies.",
        )),
    }
}

/// The service contributes to the current or future business operations (003 step 2).
pub fn contributes_to_business(contributes: bool) -> Result<(), Reason> {
    if contributes {
        Ok(())
    } else {
        Err(Reason::new(
            "no_contribution_to_business",
            "Enkel een opleiding of advies dat bijdraagt tot het huidig of toekomstig \
             bedrijfsfunctioneren komt in aanmerking.",
        ))
    }
}

/// The provider is registered for the service type (003 step 3: "Geregistreerd voor").
pub fn provider_offers(
    provider: &ProviderRegistration,
    service: ServiceType,
) -> Result<(), Reason> {
    if provider.offers(service) {
        Ok(())
    } else {
        let kind = service.label_nl().to_lowercase();
        Err(Reason::new(
            "provider_not_registered_for_service",
            format!(
                "Uw dienstverlener is niet geregistreerd voor {kind}. Kies een dienstverlener \
                 die geregistreerd is voor {kind}, of contacteer uw dienstverlener."
            ),
        ))
    }
}

/// The provider has linked the chosen theme to its services; the message is the one of 003
/// step 3, word for word.
pub fn provider_covers(
    provider: &ProviderRegistration,
    choice: &ThemeChoice,
) -> Result<(), Reason> {
    if provider.covers(choice) {
        Ok(())
    } else {
        Err(Reason::new(
            "provider_theme_not_linked",
            format!(
                "In de vorige stap heeft u het thema '{}' gekozen. Vermits uw dienstverlener \
                 dit thema niet gelinkt heeft aan zijn diensten, kan u deze dienstverlener niet \
                 selecteren. Contacteer uw dienstverlener over het juiste thema.",
                choice.label()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn registered(theme: &str, subtheme: Option<&str>) -> RegisteredTheme {
        RegisteredTheme {
            theme: theme.to_string(),
            subtheme: subtheme.map(str::to_string),
        }
    }

    fn provider(services: &[ServiceType], themes: &[RegisteredTheme]) -> ProviderRegistration {
        ProviderRegistration {
            services: services.to_vec(),
            themes: themes.to_vec(),
        }
    }

    /// A small digitalisation training with a provider registered for all of digitalisation.
    fn eligible() -> ServiceFacts {
        ServiceFacts {
            service: ServiceType::Training,
            theme: "digitalisering".to_string(),
            subtheme: Some("infrastructuur".to_string()),
            training_kind: Some(TrainingKind::Classroom),
            contributes_to_business: true,
            provider: provider(
                &[ServiceType::Training],
                &[registered("digitalisering", None)],
            ),
        }
    }

    fn codes(facts: &ServiceFacts, on: &str) -> Vec<&'static str> {
        match check_service(facts, date(on)) {
            Ok(_) => vec![],
            Err(reasons) => reasons.iter().map(|r| r.code).collect(),
        }
    }

    #[test]
    fn an_eligible_training_returns_its_theme_choice() {
        let choice = check_service(&eligible(), date("2025-05-31")).unwrap();
        assert_eq!(choice.label(), "Digitalisering - Infrastructuur");
    }

    #[test]
    fn seed_003_provider_without_the_theme_gets_the_manuals_message() {
        let mut facts = eligible();
        facts.provider = provider(
            &[ServiceType::Training],
            &[registered("digitalisering", Some("software"))],
        );
        let reasons = check_service(&facts, date("2025-05-31")).unwrap_err();
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].code, "provider_theme_not_linked");
        assert_eq!(
            reasons[0].message,
            "In de vorige stap heeft u het thema 'Digitalisering - Infrastructuur' gekozen. \
             Vermits uw dienstverlener dit thema niet gelinkt heeft aan zijn diensten, kan u \
             deze dienstverlener niet selecteren. Contacteer uw dienstverlener over het juiste \
             thema."
        );
    }

    #[test]
    fn each_condition_table() {
        type Change = fn(&mut ServiceFacts);
        let cases: &[(&str, &str, Change, &[&str])] = &[
            ("eligible", "2025-05-31", |_| {}, &[]),
            ("before 2023", "2022-12-31", |_| {}, &["date_not_supported"]),
            (
                "unknown theme",
                "2025-05-31",
                |f| f.theme = "marketing".to_string(),
                &["unknown_theme"],
            ),
            (
                "sub-theme of another theme",
                "2025-05-31",
                |f| f.subtheme = Some("recyclage".to_string()),
                &["unknown_subtheme"],
            ),
            (
                "empty sub-theme is none",
                "2025-05-31",
                |f| f.subtheme = Some(String::new()),
                &[],
            ),
            (
                "advice on infrastructure before february 2026",
                "2026-01-31",
                |f| {
                    f.service = ServiceType::Advice;
                    f.training_kind = None;
                    f.provider.services = vec![ServiceType::Advice];
                },
                &[],
            ),
            (
                "advice on infrastructure from february 2026",
                "2026-02-01",
                |f| {
                    f.service = ServiceType::Advice;
                    f.training_kind = None;
                    f.provider.services = vec![ServiceType::Advice];
                },
                &["advice_only_cybersecurity"],
            ),
            (
                "advice on cybersecurity from february 2026",
                "2026-02-01",
                |f| {
                    f.service = ServiceType::Advice;
                    f.subtheme = Some("cybersecurity".to_string());
                    f.training_kind = None;
                    f.provider.services = vec![ServiceType::Advice];
                },
                &[],
            ),
            (
                "distance learning",
                "2025-05-31",
                |f| f.training_kind = Some(TrainingKind::Distance),
                &[],
            ),
            (
                "internal training",
                "2025-05-31",
                |f| f.training_kind = Some(TrainingKind::Internal),
                &[],
            ),
            (
                "training without kind",
                "2025-05-31",
                |f| f.training_kind = None,
                &["training_kind_required"],
            ),
            (
                "advice with a kind",
                "2025-05-31",
                |f| {
                    f.service = ServiceType::Advice;
                    f.provider.services = vec![ServiceType::Advice];
                },
                &["training_kind_for_advice"],
            ),
            (
                "no contribution",
                "2025-05-31",
                |f| f.contributes_to_business = false,
                &["no_contribution_to_business"],
            ),
            (
                "provider for advice only",
                "2025-05-31",
                |f| f.provider.services = vec![ServiceType::Advice],
                &["provider_not_registered_for_service"],
            ),
            (
                "provider for the sub-theme",
                "2025-05-31",
                |f| f.provider.themes = vec![registered("digitalisering", Some("infrastructuur"))],
                &[],
            ),
            (
                "provider for another theme",
                "2025-05-31",
                |f| f.provider.themes = vec![registered("innovatie", None)],
                &["provider_theme_not_linked"],
            ),
            (
                "provider for a sub-theme, choice of the whole theme",
                "2025-05-31",
                |f| {
                    f.subtheme = None;
                    f.provider.themes = vec![registered("digitalisering", Some("software"))];
                },
                &["provider_theme_not_linked"],
            ),
        ];
        for (name, on, change, expected) in cases {
            let mut facts = eligible();
            change(&mut facts);
            assert_eq!(codes(&facts, on), *expected, "{name}");
        }
    }

    #[test]
    fn all_failures_are_reported_at_once() {
        let facts = ServiceFacts {
            service: ServiceType::Advice,
            theme: "duurzaamheid".to_string(),
            subtheme: Some("recyclage".to_string()),
            training_kind: Some(TrainingKind::Internal),
            contributes_to_business: false,
            provider: provider(&[ServiceType::Training], &[]),
        };
        assert_eq!(
            codes(&facts, "2026-03-01"),
            [
                "advice_only_cybersecurity",
                "training_kind_for_advice",
                "no_contribution_to_business",
                "provider_not_registered_for_service",
                "provider_theme_not_linked",
            ]
        );
    }

    #[test]
    fn the_provider_message_for_a_service_type_names_it() {
        let r = provider_offers(
            &provider(&[ServiceType::Training], &[]),
            ServiceType::Advice,
        )
        .unwrap_err();
        assert_eq!(
            r.message,
            "Uw dienstverlener is niet geregistreerd voor advies. Kies een dienstverlener die \
             geregistreerd is voor advies, of contacteer uw dienstverlener."
        );
    }

    #[test]
    fn facts_read_from_json() {
        let facts: ServiceFacts = serde_json::from_str(
            r#"{ "service": "training", "theme": "personeelsmanagement",
                 "subtheme": "competentiebeleid", "training_kind": "distance",
                 "contributes_to_business": true,
                 "provider": { "services": ["training", "advice"],
                               "themes": [{ "theme": "personeelsmanagement" }] } }"#,
        )
        .unwrap();
        assert!(check_service(&facts, date("2026-11-22")).is_ok());
        assert_eq!(
            TrainingKind::parse("classroom"),
            Some(TrainingKind::Classroom)
        );
        assert_eq!(
            serde_json::to_value(TrainingKind::Internal).unwrap(),
            serde_json::Value::from("internal")
        );
    }

    proptest! {
        #[test]
        fn a_provider_linked_to_a_theme_covers_every_subtheme_of_it(
            t in 0..THEMES.len(),
            s in 0usize..8,
        ) {
            let theme = &THEMES[t];
            let subtheme = theme.subthemes.get(s).map(|x| x.id);
            let choice = ThemeChoice::parse(theme.id, subtheme).unwrap();
            let whole = provider(&[ServiceType::Training], &[registered(theme.id, None)]);
            prop_assert!(provider_covers(&whole, &choice).is_ok());
            let other: Vec<RegisteredTheme> = THEMES
                .iter()
                .filter(|o| o.id != theme.id)
                .map(|o| registered(o.id, None))
                .collect();
            let elsewhere = provider(&[ServiceType::Training], &other);
            let reason = provider_covers(&elsewhere, &choice).unwrap_err();
            let expected_start = format!("In de vorige stap heeft u het thema '{}' gekozen.", choice.label());
            prop_assert!(reason.message.starts_with(&expected_start));
        }
    }
}
