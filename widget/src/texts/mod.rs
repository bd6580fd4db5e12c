//! Every text the calculator shows, per language: one file per language holding one [`Texts`].
//! A translation is a copy of `nl.rs` and one entry in [`LANGUAGES`]. Theme labels and the
//! rules' reasons and notes come from `shared`, which speaks Dutch only, so Dutch is all we ship.

use shared::service::ServiceType;

mod nl;

/// The languages the calculator speaks; the first is the default.
pub const LANGUAGES: &[&Texts] = &[&nl::TEXTS];

/// The texts for the `lang` attribute (`nl`, `nl-BE`, any case); anything else gets the default.
pub fn for_lang(lang: &str) -> &'static Texts {
    let primary = lang.trim().split(['-', '_']).next().unwrap_or_default();
    LANGUAGES
        .iter()
        .copied()
        .find(|t| t.code.eq_ignore_ascii_case(primary))
        .unwrap_or(LANGUAGES[0])
}

/// One language. Sentences with amounts are functions, so each language orders its own words.
#[derive(Debug)]
pub struct Texts {
    /// BCP 47 primary language subtag, the value of `<html lang>`.
    pub code: &'static str,
    pub title: &'static str,
    /// "Hoe berekend?": the explanation's summary, and the word before each source.
    pub how_computed: &'static str,
    pub source: &'static str,
    pub heading: &'static str,
    pub offered_by: &'static str,
    pub size: &'static str,
    pub size_small: &'static str,
    pub size_medium: &'static str,
    pub size_large: &'static str,
    pub service: &'static str,
    pub training: &'static str,
    pub advice: &'static str,
    pub theme: &'static str,
    pub subtheme: &'static str,
    pub subtheme_none: &'static str,
    pub cost: &'static str,
    pub cost_hint: &'static str,
    pub price: &'static str,
    pub more: &'static str,
    pub used: &'static str,
    pub date: &'static str,
    pub optional: &'static str,
    pub result_title: &'static str,
    pub result_empty: &'static str,
    /// "This course costs `cost`; with the kmo-portefeuille you pay `own`."
    pub headline: fn(service: ServiceType, cost: &str, own: &str) -> String,
    /// When the project was capped to the budget left: "You get `subsidy` support."
    pub headline_capped: fn(subsidy: &str) -> String,
    pub not_eligible: &'static str,
    pub rate: &'static str,
    pub project_amount: &'static str,
    pub own_contribution: &'static str,
    pub subsidy: &'static str,
    pub remaining_after: &'static str,
    pub chart_label: &'static str,
    pub apply: &'static str,
    pub new_window: &'static str,
    pub footer: &'static str,
    pub unavailable: &'static str,
    pub unavailable_link: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_is_the_default_and_region_and_case_do_not_matter() {
        for lang in ["nl", "NL", "nl-BE", "nl_be", " nl "] {
            assert_eq!(for_lang(lang).code, "nl", "{lang}");
        }
    }

    #[test]
    fn an_unknown_language_falls_back_to_dutch() {
        for lang in ["", "xx", "klingon", "<script>", "-"] {
            assert_eq!(for_lang(lang).code, "nl", "{lang}");
        }
    }

    #[test]
    fn the_headline_says_what_it_costs_and_what_you_pay() {
        let t = for_lang("nl");
        assert_eq!(
            (t.headline)(ServiceType::Training, "€ 1.250,00", "€ 875,00"),
            "Deze opleiding kost € 1.250,00 exclusief btw. \
             Met de kmo-portefeuille betaal je € 875,00."
        );
        assert!((t.headline)(ServiceType::Advice, "A", "B").starts_with("Dit advies kost A"));
        assert!((t.headline_capped)("€ 500,00").contains("€ 500,00"));
    }
}
