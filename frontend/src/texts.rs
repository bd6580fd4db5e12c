//! Every text the app shows, in Dutch (nl-BE). A translation is a copy of this file.

pub const BRAND: &str = "kmo-portefeuille";
pub const FOOTER: &str =
    "Vragen over de kmo-portefeuille? Bel gratis 1700. Deze simulatie is indicatief.";

pub const SIM_TITLE: &str = "Subsidiesimulator";
pub const SIM_INTRO: &str = "Bereken hoeveel steun je krijgt voor een opleiding of advies \
    bij een geregistreerde dienstverlener.";
pub const SIZE: &str = "Grootte van je onderneming";
pub const SIZE_SMALL: &str = "Klein";
pub const SIZE_MEDIUM: &str = "Middelgroot";
pub const SIZE_LARGE: &str = "Groot";
pub const SERVICE: &str = "Type dienstverlening";
pub const SERVICE_TRAINING: &str = "Opleiding";
pub const SERVICE_ADVICE: &str = "Advies";
pub const THEME: &str = "Thema";
pub const SUBTHEME: &str = "Subthema";
pub const SUBTHEME_NONE: &str = "— geen of ander subthema —";
pub const COST: &str = "Kost exclusief btw (€)";
pub const COST_HINT: &str = "Bijvoorbeeld 1.250,00";
pub const DATE: &str = "Datum van de aanvraag";
pub const USED: &str = "Steun die je dit kalenderjaar al kreeg (€)";
pub const OPTIONAL: &str = "(optioneel)";

pub const RESULT_TITLE: &str = "Resultaat";
pub const RESULT_EMPTY: &str = "Vul de kost in om je steun te berekenen.";
pub const NOT_ELIGIBLE: &str = "Dit project komt niet in aanmerking:";
pub const RATE: &str = "Steunpercentage";
pub const PROJECT_AMOUNT: &str = "Projectbedrag binnen de kmo-portefeuille";
pub const OWN_CONTRIBUTION: &str = "Jouw eigen bijdrage";
pub const SUBSIDY: &str = "Subsidie van de Vlaamse overheid";
pub const REMAINING_AFTER: &str = "Resterend jaarbudget na dit project";
pub const CHART_LABEL: &str = "Verdeling van het projectbedrag";
