//! Dutch (nl-BE), the default language.

use shared::service::ServiceType;

use super::Texts;

fn headline(service: ServiceType, cost: &str, own: &str) -> String {
    let what = match service {
        ServiceType::Training => "Deze opleiding",
        ServiceType::Advice => "Dit advies",
    };
    format!("{what} kost {cost} exclusief btw. Met de kmo-portefeuille betaal je {own}.")
}

fn headline_capped(subsidy: &str) -> String {
    format!("Je krijgt {subsidy} steun van de kmo-portefeuille.")
}

pub const TEXTS: Texts = Texts {
    code: "nl",
    title: "Subsidiecalculator kmo-portefeuille",
    heading: "Wat kost het met de kmo-portefeuille?",
    offered_by: "Aangeboden door",
    size: "Grootte van je onderneming",
    size_small: "Klein",
    size_medium: "Middelgroot",
    size_large: "Groot",
    service: "Type dienstverlening",
    training: "Opleiding",
    advice: "Advies",
    theme: "Thema",
    subtheme: "Subthema",
    subtheme_none: "— geen of ander subthema —",
    cost: "Kost exclusief btw (€)",
    cost_hint: "Bijvoorbeeld 1.250,00",
    price: "Prijs exclusief btw",
    more: "Meer opties",
    used: "Steun die je dit kalenderjaar al kreeg (€)",
    date: "Datum van de aanvraag",
    optional: "(optioneel)",
    result_title: "Resultaat",
    result_empty: "Vul de kost in om je steun te berekenen.",
    headline,
    headline_capped,
    not_eligible: "Dit project komt niet in aanmerking:",
    how_computed: "Hoe berekend?",
    source: "Bron",
    rate: "Steunpercentage",
    project_amount: "Projectbedrag binnen de kmo-portefeuille",
    own_contribution: "Jouw eigen bijdrage",
    subsidy: "Subsidie van de Vlaamse overheid",
    remaining_after: "Resterend jaarbudget na dit project",
    chart_label: "Verdeling van het projectbedrag",
    apply: "Start je aanvraag",
    new_window: "(opent in een nieuw venster)",
    footer: "Indicatieve simulatie met de regels van de kmo-portefeuille (Vlaamse overheid).",
    unavailable: "De subsidiecalculator is hier op dit moment niet beschikbaar.",
    unavailable_link: "Bereken je steun op de website van de kmo-portefeuille",
};
