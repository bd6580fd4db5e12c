//! What the frame shows, decided once from the attributes and the provider lookup: the
//! calculator with its choices, or a neutral message when the provider cannot be used.

use shared::api::public::Provider;
use shared::api::reader;
use shared::ids::provider_number::ProviderNumber;
use shared::money::Money;

use crate::attributes::{Attributes, ProviderRef};
use crate::color::Color;
use crate::offer::Offer;
use crate::texts::Texts;

/// Reads the answer of `GET /api/v1/providers/{number}` (its JSON tree) as the API's
/// [`Provider`]. An answer that does not read as one is treated as no provider found: the
/// neutral message, never an error.
pub fn read_provider(answer: &serde_json::Value) -> Option<Provider> {
    reader::from_tree(answer).ok()
}

/// The provider shown above the calculator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderInfo {
    pub number: ProviderNumber,
    pub name: String,
}

/// A calculator ready to draw.
#[derive(Debug, Clone)]
pub struct Setup {
    pub texts: &'static Texts,
    pub color: Color,
    pub provider: Option<ProviderInfo>,
    pub offer: Offer,
    pub price: Option<Money>,
}

#[derive(Debug, Clone)]
pub enum Widget {
    Calculator(Setup),
    /// Unknown, suspended or malformed provider, or one registered for nothing: a neutral
    /// message, never an error.
    Unavailable {
        texts: &'static Texts,
        color: Color,
    },
}

/// The provider number whose registration must be fetched before drawing, if any.
pub fn provider_to_load(attributes: &Attributes) -> Option<ProviderNumber> {
    match attributes.provider {
        ProviderRef::Number(n) => Some(n),
        ProviderRef::None | ProviderRef::Malformed => None,
    }
}

/// Decides what to draw. `provider` is what the lookup answered: `None` when it was not
/// asked, found nothing (404, 400) or failed.
pub fn resolve(attributes: &Attributes, provider: Option<Provider>) -> Widget {
    let unavailable = Widget::Unavailable {
        texts: attributes.texts,
        color: attributes.color,
    };
    let (provider, offer) = match attributes.provider {
        ProviderRef::None => (None, Offer::everything()),
        ProviderRef::Malformed => return unavailable,
        ProviderRef::Number(number) => {
            let Some(found) = provider else {
                return unavailable;
            };
            let offer = Offer::of(&found.registration);
            let info = ProviderInfo {
                number,
                name: found.name,
            };
            (Some(info), offer)
        }
    };
    let offer = offer.narrowed(attributes);
    if offer.is_empty() {
        return unavailable;
    }
    Widget::Calculator(Setup {
        texts: attributes.texts,
        color: attributes.color,
        provider,
        offer,
        price: attributes.price,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::service::ServiceType;

    fn attributes(query: &str) -> Attributes {
        Attributes::from_query(query)
    }

    /// An answer of the lookup with these services and themes.
    fn answer(name: &str, services: &str, themes: &str) -> String {
        format!(
            r#"{{ "number": "DV.O123456", "name": "{name}", "address": "Brussel",
                "email": "info@example.be",
                "registration": {{ "services": [{services}], "themes": [{themes}] }},
                "rating": {{ "count": 6, "average": "4.5" }} }}"#
        )
    }

    fn read(answer: &str) -> Option<Provider> {
        read_provider(&serde_json::from_str(answer).ok()?)
    }

    /// Seed DV.O123456, as the API answers for it.
    fn found() -> Provider {
        read(&answer(
            "dienstverlener kmo-portefeuille",
            r#""training""#,
            r#"{ "theme": "digitalisering", "subtheme": "software" },
               { "theme": "digitalisering", "subtheme": "onlinetoepassingen" }"#,
        ))
        .expect("the API's provider")
    }

    #[test]
    fn the_lookup_becomes_a_registration() {
        let p = found();
        assert_eq!(p.registration.services, [ServiceType::Training]);
        assert_eq!(p.registration.themes.len(), 2);
        assert_eq!(
            p.registration.themes[0].subtheme.as_deref(),
            Some("software")
        );
    }

    #[test]
    fn an_answer_that_breaks_the_contract_reads_as_no_provider() {
        let unknown_service = answer("X", r#""training", "catering""#, "");
        assert_eq!(read(&unknown_service), None);
        assert_eq!(read(r#"{ "name": "X" }"#), None);
        assert_eq!(read(r#""DV.O123456""#), None);
    }

    #[test]
    fn a_known_provider_limits_the_calculator_to_its_registration() {
        let a = attributes("?provider=DV.O123456&price=1250");
        assert_eq!(
            provider_to_load(&a).map(|n| n.to_string()).as_deref(),
            Some("DV.O123456")
        );
        let Widget::Calculator(setup) = resolve(&a, Some(found())) else {
            panic!("expected the calculator");
        };
        let provider = setup.provider.expect("the provider is named");
        assert_eq!(provider.name, "dienstverlener kmo-portefeuille");
        assert_eq!(setup.offer.themes.len(), 1);
        assert_eq!(
            setup.price.map(|p| p.to_string()).as_deref(),
            Some("1250.00")
        );
    }

    #[test]
    fn an_unknown_suspended_or_malformed_provider_gets_the_neutral_message() {
        let unknown = attributes("?provider=DV.O999999");
        assert!(matches!(
            resolve(&unknown, None),
            Widget::Unavailable { .. }
        ));
        let malformed = attributes("?provider=12345");
        assert_eq!(provider_to_load(&malformed), None);
        assert!(matches!(
            resolve(&malformed, Some(found())),
            Widget::Unavailable { .. }
        ));
    }

    #[test]
    fn a_provider_registered_for_nothing_gets_the_neutral_message() {
        let empty = read(&answer("Leeg", "", "")).expect("the API's provider");
        let a = attributes("?provider=DV.O123456");
        assert!(matches!(
            resolve(&a, Some(empty)),
            Widget::Unavailable { .. }
        ));
    }

    #[test]
    fn without_a_provider_the_general_calculator_needs_no_lookup() {
        let a = attributes("?color=%23f00");
        assert_eq!(provider_to_load(&a), None);
        let Widget::Calculator(setup) = resolve(&a, None) else {
            panic!("expected the calculator");
        };
        assert_eq!(setup.provider, None);
        assert_eq!(setup.offer, Offer::everything());
        assert_eq!(setup.color.css(), "#ff0000");
    }
}
