//! What the calculator lets a visitor choose: the services and themes of the provider (or all
//! of them without one), narrowed to what the snippet fixes. Whether a registration covers a
//! theme is the rules crate's call ([`ProviderRegistration::covers`]).

use shared::service::ServiceType;
use shared::service_eligibility::ProviderRegistration;
use shared::themes::{SubTheme, Theme, ThemeChoice, THEMES};

use crate::attributes::Attributes;

/// The choices on offer; one entry in a list means that choice is fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub services: Vec<ServiceType>,
    pub themes: Vec<ThemeOffer>,
}

/// A theme on offer and which of its sub-themes may be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeOffer {
    pub theme: &'static Theme,
    /// The theme may be chosen without a sub-theme.
    pub whole: bool,
    pub subthemes: Vec<&'static SubTheme>,
}

impl ThemeOffer {
    /// True when nothing is left to choose within this theme.
    pub fn is_fixed(&self) -> bool {
        self.subthemes.len() + usize::from(self.whole) == 1
    }

    /// The sub-theme chosen before the visitor picks one: none if allowed, else the first.
    pub fn default_subtheme(&self) -> Option<&'static SubTheme> {
        if self.whole {
            None
        } else {
            self.subthemes.first().copied()
        }
    }
}

impl Offer {
    /// Every service and theme: the calculator without a provider.
    pub fn everything() -> Offer {
        Offer::matching(ServiceType::ALL.to_vec(), |_| true)
    }

    /// What the provider is registered for.
    pub fn of(registration: &ProviderRegistration) -> Offer {
        let services = ServiceType::ALL
            .into_iter()
            .filter(|s| registration.offers(*s))
            .collect();
        Offer::matching(services, |c| registration.covers(c))
    }

    fn matching(services: Vec<ServiceType>, allowed: impl Fn(&ThemeChoice) -> bool) -> Offer {
        let themes = THEMES
            .iter()
            .filter_map(|theme| {
                let choice = |subtheme| ThemeChoice { theme, subtheme };
                let offer = ThemeOffer {
                    theme,
                    whole: allowed(&choice(None)),
                    subthemes: theme
                        .subthemes
                        .iter()
                        .filter(|s| allowed(&choice(Some(s))))
                        .collect(),
                };
                (offer.whole || !offer.subthemes.is_empty()).then_some(offer)
            })
            .collect();
        Offer { services, themes }
    }

    /// Keeps only what the snippet fixes, where the offer has it; an attribute asking for
    /// something not on offer is ignored.
    pub fn narrowed(mut self, attributes: &Attributes) -> Offer {
        if let Some(service) = attributes.service.filter(|s| self.services.contains(s)) {
            self.services = vec![service];
        }
        if let Some(choice) = attributes.choice {
            if let Some(mut theme) = self.theme(choice.theme.id).cloned() {
                if let Some(sub) = choice.subtheme.filter(|s| theme.subthemes.contains(s)) {
                    theme.subthemes = vec![sub];
                    theme.whole = false;
                }
                self.themes = vec![theme];
            }
        }
        self
    }

    /// Nothing to calculate: a provider registered for no service or no theme.
    pub fn is_empty(&self) -> bool {
        self.services.is_empty() || self.themes.is_empty()
    }

    pub fn theme(&self, id: &str) -> Option<&ThemeOffer> {
        self.themes.iter().find(|t| t.theme.id == id)
    }

    /// The theme chosen before the visitor picks one.
    pub fn default_theme(&self) -> Option<&ThemeOffer> {
        self.theme("digitalisering").or(self.themes.first())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::service_eligibility::RegisteredTheme;

    fn registration(
        services: &[ServiceType],
        themes: &[(&str, Option<&str>)],
    ) -> ProviderRegistration {
        ProviderRegistration {
            services: services.to_vec(),
            themes: themes
                .iter()
                .map(|(theme, subtheme)| RegisteredTheme {
                    theme: theme.to_string(),
                    subtheme: subtheme.map(str::to_string),
                })
                .collect(),
        }
    }

    fn ids(offer: &ThemeOffer) -> Vec<&str> {
        offer.subthemes.iter().map(|s| s.id).collect()
    }

    fn attributes(query: &str) -> Attributes {
        Attributes::from_query(query)
    }

    /// Seed DV.O123456: training in digitalisering/software and digitalisering/onlinetoepassingen.
    fn dv_o123456() -> Offer {
        Offer::of(&registration(
            &[ServiceType::Training],
            &[
                ("digitalisering", Some("software")),
                ("digitalisering", Some("onlinetoepassingen")),
            ],
        ))
    }

    #[test]
    fn without_a_provider_everything_is_on_offer() {
        let offer = Offer::everything();
        assert_eq!(offer.services, ServiceType::ALL);
        assert_eq!(offer.themes.len(), THEMES.len());
        assert!(offer
            .themes
            .iter()
            .all(|t| t.whole && t.subthemes.len() == t.theme.subthemes.len()));
        assert_eq!(
            offer.default_theme().map(|t| t.theme.id),
            Some("digitalisering")
        );
    }

    #[test]
    fn a_provider_registered_for_sub_themes_offers_only_those() {
        let offer = dv_o123456();
        assert_eq!(offer.services, [ServiceType::Training]);
        assert_eq!(offer.themes.len(), 1);
        let digital = &offer.themes[0];
        assert_eq!(digital.theme.id, "digitalisering");
        assert!(
            !digital.whole,
            "a sub-theme registration does not cover the whole theme"
        );
        assert_eq!(ids(digital), ["software", "onlinetoepassingen"]);
        assert_eq!(digital.default_subtheme().map(|s| s.id), Some("software"));
    }

    #[test]
    fn a_whole_theme_registration_offers_every_sub_theme() {
        let offer = Offer::of(&registration(
            &[ServiceType::Training],
            &[("personeelsmanagement", None), ("bedrijfsstrategie", None)],
        ));
        let themes: Vec<&str> = offer.themes.iter().map(|t| t.theme.id).collect();
        assert_eq!(themes, ["bedrijfsstrategie", "personeelsmanagement"]);
        assert!(offer.themes[1].whole);
        assert_eq!(offer.themes[1].subthemes.len(), 5);
        assert_eq!(
            offer.default_theme().map(|t| t.theme.id),
            Some("bedrijfsstrategie")
        );
        assert!(
            offer.themes[0].is_fixed(),
            "a theme without sub-themes is one choice"
        );
    }

    #[test]
    fn the_snippet_fixes_service_theme_and_sub_theme_on_offer() {
        let offer = Offer::of(&registration(
            &[ServiceType::Training, ServiceType::Advice],
            &[("digitalisering", Some("cybersecurity"))],
        ))
        .narrowed(&attributes(
            "?service=advice&theme=digitalisering&subtheme=cybersecurity",
        ));
        assert_eq!(offer.services, [ServiceType::Advice]);
        assert_eq!(offer.themes.len(), 1);
        assert!(offer.themes[0].is_fixed());
        assert_eq!(ids(&offer.themes[0]), ["cybersecurity"]);
    }

    #[test]
    fn the_snippet_cannot_ask_for_what_the_provider_does_not_offer() {
        let offer = dv_o123456().narrowed(&attributes("?service=advice&theme=innovatie"));
        assert_eq!(offer, dv_o123456());
        let offer =
            dv_o123456().narrowed(&attributes("?theme=digitalisering&subtheme=cybersecurity"));
        assert_eq!(
            offer,
            dv_o123456(),
            "a sub-theme not registered leaves the choice open"
        );
    }

    #[test]
    fn a_fixed_theme_with_sub_themes_leaves_the_sub_theme_open() {
        let offer = Offer::everything().narrowed(&attributes("?theme=digitalisering"));
        assert_eq!(offer.themes.len(), 1);
        assert!(offer.themes[0].whole);
        assert!(!offer.themes[0].is_fixed());
        assert_eq!(offer.services.len(), 2);
    }

    #[test]
    fn a_provider_without_services_or_themes_offers_nothing() {
        assert!(Offer::of(&registration(&[], &[("innovatie", None)])).is_empty());
        assert!(Offer::of(&registration(&[ServiceType::Training], &[])).is_empty());
        assert!(Offer::of(&registration(
            &[ServiceType::Training],
            &[("marketing", None)]
        ))
        .is_empty());
    }
}
