//! Every text the app shows, in Dutch (nl-BE). A translation is a copy of this file.

pub const BRAND: &str = "kmo-portefeuille";
pub const FOOTER: &str = "Vragen over de kmo-portefeuille? Bel gratis 1700.";
pub const FOOTER_SIMULATOR: &str = " Deze simulatie is indicatief.";

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
pub const SIZE_LINK: &str = SIZE_WIZARD_TITLE;
pub const SIZE_WIZARD_TITLE: &str = "Welke grootte heeft mijn onderneming?";
pub const SIZE_INTRO: &str = "Volgens de Europese kmo-definitie, met de cijfers van uw laatst \
    afgesloten boekjaar. Ondernemingen waarin u, of die in u, 25 % of meer van het kapitaal of de \
    stemrechten hebben, tellen mee.";
pub const SIZE_OWN: &str = "Uw onderneming";
pub const SIZE_STAFF: &str = "Personeel in jaararbeidseenheden (JAE)";
pub const SIZE_STAFF_HINT: &str = "Bijvoorbeeld 12,5";
pub const SIZE_TURNOVER: &str = "Jaaromzet exclusief btw (€)";
pub const SIZE_BALANCE: &str = "Balanstotaal (€)";
pub const SIZE_EURO_HINT: &str = "Bijvoorbeeld 1.800.000,00";
pub const SIZE_RELATIONS: &str = "Partner- en verbonden ondernemingen";
pub const SIZE_RELATIONS_HINT: &str = "Partner: 25 % tot en met 50 %, telt mee in verhouding tot \
    het aandeel. Verbonden: meer dan 50 % of zeggenschap, telt volledig mee.";
pub const SIZE_RELATED: &str = "Onderneming";
pub const SIZE_SHARE: &str = "Aandeel in kapitaal of stemrechten (%)";
pub const SIZE_SHARE_HINT: &str = "Het hoogste van beide, in welke richting ook";
pub const SIZE_CONTROL: &str = "Zeggenschap zonder meerderheid (bestuur, overeenkomst of statuten)";
pub const SIZE_ADD: &str = "Onderneming toevoegen";
pub const SIZE_REMOVE: &str = "Deze onderneming verwijderen";
pub const SIZE_RESULT: &str = "Uw grootte";
pub const SIZE_EMPTY: &str = "Vul de drie cijfers van uw onderneming in.";
pub const SIZE_AUTONOMOUS: &str = "zelfstandig, telt niet mee";
pub const SIZE_PARTNER: &str = "partneronderneming";
pub const SIZE_LINKED: &str = "verbonden onderneming";
pub const SIZE_COUNTED: &str = "van de cijfers telt mee";
pub const SIZE_CHECKS: &str = "Vergeleken met de drempels";
pub const SIZE_SOURCE: &str = "Bron: Aanbeveling 2003/361/EG van de Commissie (kmo-definitie), \
    bijlage, art. 2 tot 6. Een onderneming verandert pas van grootte na twee opeenvolgende \
    boekjaren boven of onder de drempels.";
pub const SPLIT_COSTS: &str = "Kosten opsplitsen";
pub const COSTS_LEGEND: &str = "Kosten per soort, exclusief btw (€)";
pub const COST_CATERING_HINT: &str = "Optioneel; telt mee tot € 25 per persoon per dag";
pub const COST_CATERING_DAYS: &str = "Aantal dagen met catering";
pub const COST_CATERING_PERSONS: &str = "Aantal personen";
pub const COST_TIED: &str = "Functioneel verbonden met de opleiding";
pub const COST_MATERIAL_ONLY: &str = "Enkel tijdens de opleiding gebruikt";
pub const COST_EXAM_HINT: &str = "Optioneel; komen nooit in aanmerking";
pub const DATE: &str = "Datum van de aanvraag";
pub const USED: &str = "Steun die je dit kalenderjaar al kreeg (€)";
pub const OPTIONAL: &str = "(optioneel)";

pub const RESULT_TITLE: &str = "Resultaat";
pub const RESULT_EMPTY: &str = "Vul de kost in om je steun te berekenen.";
pub const NOT_ELIGIBLE: &str = "Dit project komt niet in aanmerking:";
pub const APPLY_FOR_IT: &str = "Vraag deze subsidie aan";
pub const HOW_COMPUTED: &str = "Hoe berekend?";
pub const SOURCE: &str = "Bron";
pub const COST_LINES: &str = "Welke kosten tellen mee";
pub const COST_KIND: &str = "Kost";
pub const COST_CLAIMED: &str = "Opgegeven";
pub const COST_ELIGIBLE: &str = "Telt mee";
pub const RATE: &str = "Steunpercentage";
pub const PROJECT_AMOUNT: &str = "Projectbedrag binnen de kmo-portefeuille";
pub const OWN_CONTRIBUTION: &str = "Jouw eigen bijdrage";
pub const SUBSIDY: &str = "Subsidie van de Vlaamse overheid";
pub const REMAINING_AFTER: &str = "Resterend jaarbudget na dit project";
pub const CHART_LABEL: &str = "Verdeling van het projectbedrag";

// ---- Everywhere ----
pub const SKIP: &str = "Naar de inhoud";
pub const NAV_LABEL: &str = "Hoofdmenu";
pub const NAV_OVERVIEW: &str = "Mijn portefeuille";
pub const NAV_APPLY: &str = "Nieuwe aanvraag";
pub const NAV_NOTIFICATIONS: &str = "Meldingen";
pub const NAV_PROVIDER: &str = "Mijn aanvragen";
pub const NAV_OPERATOR: &str = "Beheer";
pub const NAV_SWITCH: &str = "Wisselen van organisatie";
pub const NAV_SIGN_IN: &str = "Aanmelden";
pub const NAV_SIGN_OUT: &str = "Afmelden";
pub const LOADING: &str = "Bezig met laden…";
pub const NETWORK_ERROR: &str =
    "De kmo-portefeuille is niet bereikbaar. Controleer je internetverbinding en probeer opnieuw.";
pub const NOTHING_LOST: &str = "Wat je invulde, blijft bewaard.";
pub const SIGNED_OUT: &str = "Je bent niet (meer) aangemeld. Meld je opnieuw aan.";
pub const FORBIDDEN: &str = "Je hebt geen toegang tot deze pagina.";
pub const NOT_FOUND: &str = "Niet gevonden.";
pub const SERVER_ERROR: &str =
    "Er ging iets mis bij de kmo-portefeuille. Probeer het later opnieuw.";
pub const UNREADABLE_ANSWER: &str =
    "Het antwoord van de kmo-portefeuille kon niet gelezen worden. Probeer het later opnieuw.";
pub const NOT_FOUND_TITLE: &str = "Deze pagina bestaat niet";
pub const TO_SIMULATOR: &str = "Naar de subsidiesimulator";
pub const TO_OVERVIEW: &str = "Terug naar overzicht";
pub const GO_BACK: &str = "« Ga terug";
pub const GO_BACK_PLAIN: &str = "Terug naar het project";
pub const GO_ON: &str = "Ga verder »";
pub const YES: &str = "Ja";
pub const NO: &str = "Nee";
pub const ALL: &str = "Alles";
pub const CHOOSE: &str = "— kies —";
pub const SAVE: &str = "Opslaan";
pub const SAVED: &str = "Je gegevens zijn opgeslagen.";
pub const CONFIRM: &str = "Bevestig";
pub const EMAIL: &str = "E-mailadres";

pub fn service_label(id: &str) -> &'static str {
    match id {
        "advice" => SERVICE_ADVICE,
        _ => SERVICE_TRAINING,
    }
}

// ---- Sign-in ----
pub const SIGNIN_TITLE: &str = "Aanmelden";
pub const SIGNIN_INTRO: &str =
    "Meld je aan om een steunaanvraag in te dienen, je projecten te volgen en je dienstverlener te betalen.";
pub const SIGNIN_GOVERNMENT: &str = "Aanmelden via de overheid";
pub const SIGNIN_DEMO: &str = "Demo-aanmelding (ontwikkeling)";
pub const SIGNIN_NO_DEMO: &str = "Aanmelden kan enkel via de overheid (eID, itsme, …).";
pub const SIGNIN_ROLE: &str = "Ik meld me aan als";
pub const ROLE_ENTERPRISE: &str = "Onderneming";
pub const ROLE_PROVIDER: &str = "Dienstverlener";
pub const ROLE_OPERATOR: &str = "Beheerder";
pub const SIGNIN_ENTERPRISE: &str = "Onderneming";
pub const SIGNIN_PROVIDER: &str = "Dienstverlener";
pub const SIGNIN_NAME: &str = "Je naam";
pub const SIGNIN_BUTTON: &str = "Aanmelden";
pub const SIGNIN_REFUSED_TITLE: &str = "Aanmelden is niet gelukt";
pub const SIGNIN_TRY_AGAIN: &str = "Probeer opnieuw via de knop hieronder.";

/// What a refused sign-in means, by the code the sign-in callback sends back (`?fout=`).
pub fn sign_in_refusal(code: &str) -> &'static str {
    match code {
        "sign_in_unavailable" => "Aanmelden via de overheid is hier (nog) niet ingesteld.",
        "sign_in_cancelled" => "U hebt het aanmelden afgebroken.",
        "sign_in_expired" => "Het aanmelden duurde te lang of werd in een ander venster gestart.",
        "no_organisation" => {
            "Uw aanmelding geeft geen toegang tot de kmo-portefeuille: u bent niet \
            gemachtigd om op te treden voor een onderneming, een dienstverlener of de beheerder."
        }
        "enterprise_unknown" => {
            "Uw onderneming staat niet in de gegevens van de Kruispuntbank van Ondernemingen \
            (KBO) waarover de kmo-portefeuille beschikt."
        }
        "provider_not_active" => "Uw organisatie is geen actieve, erkende dienstverlener.",
        _ => "De identiteitsdienst kon uw aanmelding niet bevestigen.",
    }
}

/// The API's refusals the screens word themselves, by code; any other keeps the API's message.
pub fn api_refusal(code: &str) -> Option<&'static str> {
    match code {
        "registration_required" => Some(
            "Uw onderneming is nog niet geregistreerd voor de kmo-portefeuille. Registreer ze \
             eerst via \"Uw onderneming registreren\".",
        ),
        "already_registered" => {
            Some("Uw onderneming is al geregistreerd voor de kmo-portefeuille.")
        }
        _ => None,
    }
}

// ---- Choosing the organisation ----
pub const CHOOSE_TITLE: &str = "Voor welke organisatie treedt u op?";
pub const CHOOSE_INTRO: &str = "U mag optreden voor meer dan één organisatie. Kies er één; u kunt \
    later wisselen via \"Wisselen van organisatie\".";
pub const CHOOSE_CURRENT: &str = " (huidige keuze)";
pub const OPERATOR_TITLE: &str = "Beheer kmo-portefeuille";
pub const OPERATOR_ONLY: &str = "Deze pagina is enkel voor de beheerder van de kmo-portefeuille.";
pub const OPERATOR_INTRO: &str = "U bent aangemeld als beheerder. De andere beheerfuncties zijn \
    beschikbaar via de API onder /api/v1/operator/.";

/// Who a role is, by its id (`shared::role::Role::id`).
pub fn role_label(id: &str) -> &'static str {
    match id {
        "provider" => ROLE_PROVIDER,
        "operator" => ROLE_OPERATOR,
        _ => ROLE_ENTERPRISE,
    }
}

// ---- Operator: mails not sent ----
pub const PARKED_TITLE: &str = "Niet verstuurde mails";
pub const PARKED_INTRO: &str = "Mails die na alle pogingen niet verstuurd zijn, of die aan de \
    maildienst gegeven werden zonder dat haar antwoord bewaard is. Ze worden niet vanzelf opnieuw \
    verstuurd: een mail gaat nooit twee keer weg. Nieuwste eerst.";
pub const NO_PARKED: &str = "Er zijn geen niet verstuurde mails.";
pub const NO_MORE_PARKED: &str = "Er zijn geen oudere niet verstuurde mails.";
pub const COL_DATE: &str = "Datum";
pub const COL_RECIPIENT: &str = "Ontvanger";
pub const COL_SUBJECT: &str = "Onderwerp";
pub const COL_ATTEMPTS: &str = "Pogingen";
pub const COL_LAST_ERROR: &str = "Laatste fout";
pub const NO_ERROR: &str = "Geen foutmelding bewaard";
pub const PAGE_NEXT: &str = "Volgende";
pub const PAGE_FIRST: &str = "Eerste pagina";
pub const OLDER_MAILS: &str = "Oudere mails";
/// Reads the next page of a list and adds it under the items shown.
pub const SHOW_MORE: &str = "Meer tonen";
pub const MAIL_PAGES_LABEL: &str = "Pagina's van uw mails";
pub const PAGES_LABEL: &str = "Pagina's van de niet verstuurde mails";
pub const PARKED_RETRY_INTRO: &str = "\"Opnieuw versturen\" verstuurt de mail opnieuw, met een \
    volledige reeks pogingen, naar het e-mailadres dat nu bekend is: verbeter dus eerst het adres.";
pub const COL_ACTION: &str = "Actie";
pub const RETRY_MAIL: &str = "Opnieuw versturen";
pub const MAIL_REQUEUED: &str = "De mail staat opnieuw in de wachtrij.";

/// The button's name for a screen reader, which hears the row's other cells only on request.
pub fn retry_label(subject: &str) -> String {
    format!("{RETRY_MAIL}: {subject}")
}

/// A parked mail's status. `sending` is only listed when its sending was never recorded for
/// more than 10 minutes: it may or may not have left, which "wordt verstuurd" would hide.
pub fn parked_status(status: shared::api::session::MailStatus) -> &'static str {
    use shared::api::session::MailStatus;
    match status {
        MailStatus::Sending => "uitkomst onbekend: niet bevestigd door de mailservice",
        MailStatus::Failed => "niet verstuurd",
        other => other.label_nl(),
    }
}

// ---- Registration (000, procedure step 2) ----
pub const REGISTRATION_TITLE: &str = "Uw onderneming registreren";
pub const REGISTRATION_INTRO: &str = "De eerste keer registreert u uw onderneming voor de \
    kmo-portefeuille: kijk na wat de Kruispuntbank van Ondernemingen (KBO) over uw onderneming \
    zegt en vul de gegevens hieronder in. Daarna kan u steun aanvragen.";
pub const CANNOT_REGISTER: &str =
    "Uw onderneming kan zich niet registreren voor de kmo-portefeuille:";
pub const KBO_TITLE: &str = "Uw onderneming volgens de KBO";
pub const KBO_NAME: &str = "Naam";
pub const LEGAL_FORM: &str = "Rechtsvorm";
pub const KBO_STATUS: &str = "Status";
pub const KBO_ACTIVE: &str = "Actief";
pub const KBO_STOPPED: &str = "Stopgezet";
pub const START_DATE: &str = "Startdatum";
pub const MAIN_ACTIVITY: &str = "Hoofdactiviteit";
pub const NO_MAIN_ACTIVITY: &str = "Niet vermeld in de KBO";
pub const REGISTERED_OFFICE: &str = "Maatschappelijke zetel";
pub const ESTABLISHMENTS: &str = "Vestigingseenheden in het Vlaams Gewest";
pub const NO_FLEMISH_ESTABLISHMENT: &str = "Geen vestigingseenheid in het Vlaams Gewest.";
pub const KBO_DATE: &str = "Gegevens uit de KBO van ";
pub const REGISTRATION_FORM_TITLE: &str = "Uw gegevens";
pub const REG_EMAIL: &str = "E-mailadres voor alle briefwisseling";
pub const REG_EMAIL_HINT: &str =
    "Alle correspondentie van de kmo-portefeuille gaat naar dit adres.";
pub const REG_IBAN: &str = "Rekeningnummer voor terugbetalingen";
pub const REG_IBAN_HINT: &str = "Een Belgische IBAN, bv. BE68 5390 0754 7034: voor een \
    eventuele terugbetaling van uw eigen bijdrage.";
pub const REG_PARTICIPATION: &str = "Participatie van de overheid in %";
pub const REG_PARTICIPATION_HINT: &str = "Het deel van het kapitaal of de stemrechten in handen \
    van overheden. Het moet minder dan 25 % zijn, bv. 0 of 12,5.";
pub const REG_SIZE: &str = "Grootte van de onderneming, volgens de EU-definitie en met eventuele \
    partnerondernemingen en verbonden ondernemingen";
pub const REG_SIZE_LARGE_HINT: &str =
    "Alle andere ondernemingen. Een grote onderneming komt niet in aanmerking.";
pub const REG_SIZE_REQUIRED: &str =
    "Grootte van de onderneming: kies de grootte van uw onderneming.";
pub const REG_CONFIRM: &str = "Ik verklaar op eer dat deze gegevens juist zijn";
pub const REG_BUTTON: &str = "Registreren";

/// The main activity as the KBO lists it: `43.210 – Elektrotechnische installatiewerken
/// (NACE-BEL 2025)`.
pub fn main_activity(shown: &str, label: &str, version: &str) -> String {
    if label.is_empty() {
        format!("{shown} (NACE-BEL {version})")
    } else {
        format!("{shown} – {label} (NACE-BEL {version})")
    }
}

pub fn flemish_establishments(flemish: u32, all: u32) -> String {
    format!("{flemish} van {all} vestigingseenheden liggen in het Vlaams Gewest.")
}

/// A size's ceilings (EU-definitie, Aanbeveling 2003/361/EG), from `shared::size`.
pub fn size_hint(staff_below: &str, turnover: &str, balance_sheet: &str) -> String {
    format!(
        "Minder dan {staff_below} werkenden (in voltijdse eenheden), en een jaaromzet van \
         hoogstens € {turnover} miljoen of een balanstotaal van hoogstens € {balance_sheet} miljoen."
    )
}

// ---- Overview ----
pub const OVERVIEW_TITLE: &str = "Uw kmo-portefeuille overzicht";
pub const OVERVIEW_INTRO: &str = "Alle correspondentie van de kmo-portefeuille verloopt via het \
    mailadres van uw onderneming. Kijk uw ondernemingsgegevens na en pas ze aan indien nodig.";
pub const SIZE_TITLE: &str = "Grootte van uw onderneming";
pub const SIZE_IS: &str = "Volgens de gegevens waarover wij beschikken bent u een ";
pub const SIZE_FIXED_NOTE: &str = "Dit is de grootte waaronder de eerste steunaanvraag van dit \
    kalenderjaar werd ingediend. Is ze niet (meer) correct, mail dan naar kmo-portefeuille@vlaanderen.be.";
pub const SIZE_CONFIRM_TITLE: &str = "Bevestig grootte onderneming";
pub const SIZE_DECLARE: &str = "Ik verklaar op eer dat deze onderneming, volgens de EU-definitie \
    en rekening houdend met eventuele partnerondernemingen en verbonden ondernemingen, beschouwd \
    moet worden als:";
pub const SIZE_DECLARE_SMALL: &str = "Kleine onderneming";
pub const SIZE_DECLARE_MEDIUM: &str = "Middelgrote onderneming";
pub const SIZE_DECLARE_LARGE: &str = "Grote onderneming";
pub const SIZE_CONFIRM_BUTTON: &str = "Bevestig";
pub const SIZE_CALCULATE: &str = "Bereken de grootte met de cijfers van uw onderneming";
pub const SIZE_PROPOSED: &str = "Volgens uw gegevens bent u een ";
pub const SIZE_EU_1: &str = "Met uw eerste steunaanvraag van dit jaar verklaart u op eer dat \
    deze onderneming, volgens de ";
pub const SIZE_EU_LINK: &str = "EU-definitie";
pub const SIZE_EU_2: &str = " en rekening houdend met eventuele partnerondernemingen en verbonden \
    ondernemingen, zo beschouwd moet worden.";
pub const SIZE_CONFIRM_NOTE: &str = "Behoort uw onderneming tot een groep, ga dan na of die de \
    grootte verandert. Klopt de voorgestelde grootte niet, mail dan vóór uw aanvraag naar \
    kmo-portefeuille@vlaanderen.be.";
pub const EU_DEFINITION_URL: &str = "https://www.vlaio.be/nl/subsidies-financiering/kmo-portefeuille/voorwaarden-voor-subsidie-de-kmo-portefeuille/de-europese";
pub const BUDGET_TITLE: &str = "Subsidiebudget";
pub const BUDGET_LEFT: &str =
    "Zolang het subsidiebudget voor dit jaar niet is uitgeput, kan je nog subsidies aanvragen ten belope van ";
pub const BUDGET_BAR_1: &str = "Nog";
pub const BUDGET_BAR_2: &str = "beschikbaar van";
pub const COMPANY_TITLE: &str = "Mijn ondernemingsgegevens";
pub const ENTERPRISE_NUMBER: &str = "Ondernemingsnummer";
pub const EMAIL_HINT: &str = "Alle correspondentie wordt naar dit adres gestuurd.";
pub const REFUND_IBAN: &str = "Rekeningnummer";
pub const EMAIL_UNCONFIRMED: &str = "E-mailadres nog niet bevestigd.";
pub const CANNOT_APPLY: &str = "Uw onderneming kan nu geen steun aanvragen:";
pub const REFUND_IBAN_HINT: &str =
    "Voor een eventuele terugbetaling van je eigen bijdrage, bv. BE68 5390 0754 7034.";
pub const NEW_APPLICATION: &str = "Nieuwe subsidie aanvragen";
pub const HISTORY_TITLE: &str = "Historiek subsidies";
pub const FILTERS: &str = "Filter de projecten";
pub const COL_NUMBER: &str = "Projectnr";
pub const COL_NAME: &str = "Naam";
pub const COL_AMOUNT: &str = "Projectbedrag";
pub const COL_SERVICE: &str = "Dienst";
pub const COL_PROVIDER: &str = "Dienstverlener";
pub const COL_YEAR: &str = "Jaar";
pub const COL_STATUS: &str = "Status";
pub const COL_ACTIONS: &str = "Acties";
pub const NO_PROJECTS: &str = "Geen projecten gevonden.";
pub const ACTION_PAY: &str = "Betalen";
pub const ACTION_RATE: &str = "Beoordelen";
pub const ACTION_STOP: &str = "Stopzetten";

// ---- Wizard ----
pub const WIZARD_TITLE: &str = "Nieuwe subsidie aanvragen";
pub const STEPS_LABEL: &str = "Stappen van de aanvraag";
pub const STEP_NAMES: [&str; 5] = [
    "Uw onderneming",
    "Projectgegevens",
    "Dienstverlener",
    "Bevestiging",
    "Storting",
];
pub const DRAFT_KEPT: &str =
    "Wat je invult, wordt op dit toestel bewaard tot je de aanvraag indient: \
    je kan onderbreken en later verdergaan.";
pub const STEP1_TITLE: &str = "1. Activiteit van uw onderneming";
pub const STEP1_INTRO: &str =
    "Om na te gaan of de hoofdactiviteit van uw onderneming in aanmerking \
    komt voor een subsidie, kennen we graag de NACE-code van uw hoofdactiviteit.";
pub const NACE: &str = "NACE-code van uw hoofdactiviteit (5 cijfers)";
pub const NACE_HINT: &str =
    "Vind je ze niet? Zoek ze op in de Kruispuntbank van Ondernemingen. Bijvoorbeeld 62010.";
pub const STEP2_TITLE: &str = "2. Vul uw projectgegevens in";
pub const PROJECT_NAME: &str = "Naam opleiding of advies";
pub const TRAINING_KIND: &str = "Soort opleiding";
pub const HOURS: &str = "Totaal aantal te presteren uren";
pub const HOURS_HINT: &str = "Alle deelnemers van uw onderneming samen, of de adviesuren.";
pub const PARTICIPANTS: &str = "Naam en voornaam van de deelnemers";
pub const PARTICIPANTS_HINT: &str = "Eén deelnemer per regel.";
pub const ENROLLED_ON: &str = "Datum inschrijving of overeenkomst";
pub const ENROLLED_HINT: &str = "Een steunaanvraag kan pas na de inschrijving of overeenkomst.";
pub const STARTS_ON: &str = "Startdatum";
pub const STARTS_HINT: &str = "Aanvragen kan tot uiterlijk de veertiende dag na de start.";
pub const CONTRIBUTES: &str =
    "Draagt de opleiding of het advies bij tot het huidig of toekomstig bedrijfsfunctioneren?";
pub const COST_APPLICATION: &str = "Kost exclusief de niet-toegestane kosten en exclusief btw (€)";
pub const AMOUNTS_TITLE: &str = "Projectbedrag binnen de kmo-portefeuille";
pub const AMOUNTS_EMPTY: &str = "Kies een thema en vul de kost in: de bedragen verschijnen hier.";
pub const OWN_CONTRIBUTION_ENT: &str = "Bijdrage onderneming";
pub const SUBSIDY_GOV: &str = "Bijdrage Vlaamse overheid (subsidie)";
pub const STEP3_TITLE: &str = "3. Geef uw dienstverlener in";
pub const PROVIDER_SEARCH: &str = "Registratienummer (DV.O…) of naam";
pub const PROVIDER_SEARCH_HINT: &str = "Bijvoorbeeld DV.O123456, of een deel van de naam.";
pub const SEARCH: &str = "Zoek";
pub const PROVIDER_PICK: &str = "Selecteer uw dienstverlener:";
pub const NO_PROVIDERS: &str = "Geen geregistreerde dienstverlener gevonden.";
pub const SELECT: &str = "Selecteer";
pub const ERROR_MESSAGE: &str = "Foutboodschap";
pub const PROVIDER_CHOSEN: &str = "Uw geselecteerde dienstverlener";
pub const SEAT: &str = "Maatschappelijke zetel: ";
pub const REG_NUMBER: &str = "Registratienummer: ";
pub const PROVIDER_OK: &str =
    "Uw dienstverlener is geselecteerd. U kan doorgaan naar de volgende stap.";
pub const NO_RATINGS: &str = "Nog geen beoordelingen";
pub const APPLICATION_SEARCH: &str = "Dossiernummer of onderneming";
pub const DOWNLOAD_APPLICATIONS: &str = "Download deze aanvragen als spreadsheet (CSV)";
pub const DOWNLOAD_PAYMENTS: &str = "Download de betalingen als spreadsheet (CSV)";
pub const STEP4_TITLE: &str = "4. Bevestiging van uw subsidieaanvraag";
pub const SUMMARY: &str = "Samenvatting subsidieaanvraag";
pub const APPLIED_ON: &str = "Aanvraagdatum";
pub const CAN_GO_BACK: &str =
    "Wil je nog iets aanpassen? Met « Ga terug » keer je terug naar een vorige stap.";
pub const DECLARATION_TITLE: &str = "Verklaring op eer";
pub const SHOW_DECLARATION: &str = "Toon de volledige verklaring";
pub const DECLARATION_REQUIRED: &str =
    "Opgelet, u moet uw akkoord geven over de verklaring op eer.";
pub const DECLARATIONS_TITLE: &str = "Ik bevestig ook dat";
pub const DECLARE_NO_RELATED: &str = "de onderneming en de dienstverlener niet verbonden zijn: \
    geen gemeenschappelijk kapitaal of stemrechten, geen gemeenschappelijke zaakvoerder, \
    bestuurder, werknemer of aandeelhouder en geen familieband tot de tweede graad.";
pub const DECLARE_WORKERS: &str = "alle deelnemers werkenden van de onderneming zijn (geen \
    jobstudenten).";
pub const DECLARE_ATTENDANCE: &str = "de deelnemers minstens 80 % van de opleiding volgen.";
pub const SUBMIT: &str = "Aanvraag indienen";
pub const SUBMITTING: &str = "Bezig met indienen…";
pub const STEP5_TITLE: &str = "5. Dossiernummer en stortingsgegevens";
pub const REGISTERED: &str = "Uw subsidieaanvraag werd succesvol geregistreerd (onder nummer ";
pub const DEPOSIT_FIRST: &str = "Om uw subsidie te verkrijgen, stort u eerst uw eigen bijdrage op \
    de kmo-portefeuille rekening bij onze financiële partner, Pluxee Belgium nv.";
pub const NEXT_TITLE: &str = "Wat zijn de volgende stappen?";
pub const NEXT_1: &str = "1. U stort tijdig uw eigen bijdrage";
pub const NEXT_1_TEXT: &str =
    "Neem de stortingsgegevens (incl. mededeling) exact over, of scan de \
    QR-code met je bank-app. Je bank heeft mogelijk enkele dagen verwerkingstijd nodig.";
pub const NEXT_2: &str = "2. U verkrijgt uw subsidie";
pub const NEXT_3: &str = "3. U betaalt uw dienstverlener";
pub const NEXT_3_TEXT: &str = "Stuurt de dienstverlener een factuur, dan geeft u hier de opdracht \
    om ze via uw kmo-portefeuille rekening te betalen.";
pub const TO_PROJECT: &str = "Naar het project";

pub fn next_2_text(deadline: &str) -> String {
    format!(
        "Staat uw storting ten laatste op {deadline} op de rekening, dan maakt de Vlaamse overheid \
         de subsidie over naar dezelfde rekening. U krijgt hiervan een e-mail."
    )
}

pub fn undersigned(user: &str, company: &str) -> String {
    format!("Ondergetekende, {user}, in functie van gemachtigde van de onderneming {company}:")
}

pub fn agree(user: &str, company: &str) -> String {
    format!(
        "Ik, {user}, in functie van gemachtigde van {company}, verklaar mij akkoord met de \
         verklaring op eer en onderteken elektronisch."
    )
}

pub fn provider_lacks_theme(theme: &str) -> String {
    format!(
        "In de vorige stap heeft u het thema '{theme}' gekozen. Vermits uw dienstverlener dit \
         thema niet gelinkt heeft aan zijn diensten, kan u deze dienstverlener niet selecteren. \
         Contacteer uw dienstverlener over het juiste thema."
    )
}

pub fn provider_lacks_service(service: &str) -> String {
    format!(
        "In de vorige stap heeft u '{service}' gekozen. Deze dienstverlener is daarvoor niet \
         geregistreerd, dus u kan hem niet selecteren. Contacteer uw dienstverlener."
    )
}

pub fn rating_label(average: &str, count: u64) -> String {
    format!("Gemiddeld {average} op 5 sterren, {count} beoordelingen")
}

/// 003 "Verklaring op eer", in full.
pub const DECLARATION: &[&str] = &[
    "verklaart dat alle gegevens die hij/zij in naam van de onderneming in de webformulier(en) \"KMO-portefeuille\" heeft ingevuld overeenstemmen met de waarheid;",
    "verklaart op de hoogte te zijn van het feit dat overeenkomstig de wet van 7 juni 1994 tot wijziging van het Koninklijk Besluit van 31 mei 1933 betreffende de verklaringen te doen i.v.m. subsidies, vergoedingen en toelagen van elke aard, die geheel of gedeeltelijk ten laste van de Belgische staat zijn (Belgisch Staatsblad van 8 juli 1994, p. 18127) de onderneming strafbaar kan gesteld worden indien ze: subsidies aanvaardt of behoudt hoewel ze weet (of behoort te weten) dat ze daarop geen of slechts gedeeltelijk recht heeft; wetens en willens onjuiste of onvolledige verklaringen aflegt in haar aanvraag; subsidies gebruikt voor andere doeleinden dan die waarvoor ze werden verkregen;",
    "verklaart dat de onderneming voldoet aan de regelgeving die van toepassing is in het Vlaamse Gewest;",
    "geeft toestemming aan het Agentschap Innoveren en Ondernemen om elk nazicht, elk onderzoek of elke controle te doen die noodzakelijk is voor de behandeling van deze aanvraag en verschaft aan het Agentschap Ondernemen en Innoveren alle nodige inlichtingen;",
    "verbindt de onderneming de bepalingen van het decreet van 16 maart 2012 betreffende het economisch ondersteuningsbeleid, besluit van de Vlaamse Regering van 26 februari 2016 tot toekenning van steun aan kleine en middelgrote ondernemingen voor ondernemerschapsbevorderende diensten en kmo-groeitrajecten;",
    "verklaart dat de onderneming in een rollende periode van drie opeenvolgende belastingsjaren (op basis van het moment van toekenning van de steun) nog geen 300.000,00 euro 'de minimis' steun heeft ontvangen, ongeacht de overheidsinstantie van wie deze steun werd verkregen en ongeacht de investeringen/projecten waarvoor deze steun werd verkregen. Bij verbonden ondernemingen gelden deze de minimis-drempels op het groepsniveau van de verbonden ondernemingen. Het door de Vlaamse Overheid voorziene steunbedrag vormt de minimis steun toegekend op basis van Verordening (EU) nr. 2023/2831 van de Commissie van 13 december 2023 betreffende de toepassing van de artikelen 107 en 108 van het Verdrag betreffende de werking van de Europese Unie op de de-minimissteun. Indien de onderneming dit plafond overschrijdt wordt de laatst uitbetaalde steun volledig teruggevorderd;",
    "verklaart dat in de onderneming geen administratieve overheid, als vermeld in artikel 14 van de wetten op de Raad van State, gecoördineerd op 12 januari 1973, of een buitenlandse vergelijkbare administratieve overheid, een dominerende invloed heeft;",
    "verbindt de onderneming het Agentschap Innoveren en Ondernemen onmiddellijk te waarschuwen in geval van stopzetting, faillissement, vereffening, gerechtelijk akkoord, ontbinding of sluiting in het kader van een sociaal-economische herstructureringsoperatie;",
    "verbindt de onderneming om de eventueel ten onrechte verkregen subsidie terug te betalen;",
    "verklaart kennis genomen te hebben van de algemene voorwaarden, zoals geformuleerd in de disclaimer, en deze zonder enig voorbehoud te aanvaarden.",
];

// ---- Deposit and project ----
pub const DEPOSIT_TITLE: &str = "Stortingsgegevens";
pub const DEPOSIT_BY_1: &str = "Dit bedrag moet uiterlijk op ";
pub const DEPOSIT_BY_2: &str = " op de kmo-portefeuille rekening staan. Hou rekening met enkele \
    dagen verwerkingstijd bij je bank.";
pub const BENEFICIARY: &str = "Begunstigde";
pub const ACCOUNT: &str = "Rekeningnummer";
pub const COMMUNICATION: &str = "Mededeling";
pub const AMOUNT_TO_DEPOSIT: &str = "Te storten bedrag";
pub const DEADLINE: &str = "Uiterste datum op de rekening";
pub const QR_LABEL: &str = "QR-code voor je bank-app: overschrijving van";
pub const QR_CAPTION: &str = "Scan met je bank-app (EPC-QR)";
pub const PRINT: &str = "Print stortingsgegevens";
pub const TIMELINE_TITLE: &str = "Tijdlijn";
pub const TL_APPLY_BY: &str = "Aanvragen uiterlijk";
pub const TL_DEPOSIT_BY: &str = "Eigen bijdrage op de rekening uiterlijk";
pub const TL_CLOSES_ON: &str = "Einde looptijd: laatste dag om te betalen";
pub const TL_PAST: &str = " (voorbij)";
pub const PROJECT_TITLE: &str = "Project";
pub const PROJECT_NUMBER: &str = "Projectnummer";
pub const AVAILABLE: &str = "Beschikbaar saldo";
pub const PAID: &str = "Betaald aan dienstverlener";
pub const PAYMENTS_TITLE: &str = "Betalingen";
pub const NO_PAYMENTS: &str = "Nog geen betalingen.";
pub const MOVEMENTS_TITLE: &str = "Bewegingen";
pub const CALENDAR_LINK: &str = "Zet in mijn agenda";
pub const CALENDAR_HINT: &str = "Een agendabestand (.ics) met de uiterste data van dit project, \
    voor Outlook, Google Agenda of de agenda van uw telefoon.";

// ---- Pay ----
pub const PAY_TITLE: &str = "Betaling aan dienstverlener";
pub const PAY_AMOUNT: &str = "Te betalen bedrag excl. btw (€)";
pub const REFERENCE: &str = "Referentienummer";
pub const REFERENCE_HINT: &str = "Uw referentie: factuurnummer of kenmerk van de factuur.";
pub const REFERENCE_ERROR: &str =
    "Referentienummer: vul het factuurnummer of kenmerk in (1 tot 35 tekens).";
pub const COMMUNICATION_HINT: &str = "Vul een gestructureerde óf een vrije mededeling in.";
pub const STRUCTURED: &str = "Gestructureerde mededeling";
pub const STRUCTURED_HINT: &str = "12 cijfers, bv. +++123/4567/89002+++";
pub const FREE: &str = "Vrije mededeling";
pub const FREE_HINT: &str = "Max. 60 karakters: a-z, A-Z, 0-9, /-?:().,'+ en spatie.";
pub const ONE_COMMUNICATION: &str =
    "Mededeling: vul een gestructureerde óf een vrije mededeling in, niet beide.";
pub const COMMUNICATION_REQUIRED: &str =
    "Mededeling: vul een gestructureerde of een vrije mededeling in.";
pub const PAY_BUTTON: &str = "Betalen aan dienstverlener";
pub const PAID_OK_1: &str = "Uw betaalopdracht van ";
pub const PAID_OK_2: &str =
    " werd geregistreerd. U en uw dienstverlener krijgen een bevestiging per mail.";

pub fn pay_limits(max: &str) -> String {
    format!("Vul het bedrag excl. btw in met een minimum van € 0,01 en een maximum van {max}.")
}

// ---- Stop ----
pub const STOP_TITLE: &str = "Project stopzetten";
pub const REASON: &str = "Reden van de stopzetting";
pub const REASON_ERROR: &str = "Reden: geef een reden van 1 tot 500 tekens.";
pub const STOP_BUTTON: &str = "Project definitief stopzetten";
pub const STOPPED_OK: &str = "Het project is stopgezet. Status: ";

pub fn stop_before_deposit(subsidy: &str) -> String {
    format!(
        "Je hebt je eigen bijdrage nog niet gestort: er wordt niets teruggestort. De gereserveerde \
         subsidie van {subsidy} komt terug in je jaarbudget (als de stopzetting in het jaar van de \
         aanvraag valt). Stopzetten kan niet ongedaan gemaakt worden."
    )
}

/// RULES.md §7 cases 3 and 4: the money is with the provider, who pays it back.
pub fn stop_fully_paid(paid: &str) -> String {
    format!(
        "Het volledige projectbedrag van {paid} werd al aan de dienstverlener betaald. De \
         dienstverlener betaalt het terug aan de kmo-portefeuille; daarna wordt je eigen bijdrage \
         teruggestort op je rekeningnummer en komt de subsidie terug in je jaarbudget (of naar de \
         overheid als het jaar van de aanvraag voorbij is). Stopzetten kan niet ongedaan gemaakt \
         worden."
    )
}

pub const STOP_CAUSE: &str = "Waarom wordt het project stopgezet?";
pub const STOP_CAUSE_ERROR: &str = "Geval: kies waarom het project stopgezet wordt.";
pub const AWAITING_RECOVERY: &str = "Je dienstverlener krijgt een mail om het ontvangen bedrag \
    terug te betalen. Zodra het op de rekening van de kmo-portefeuille staat, wordt je eigen \
    bijdrage teruggestort.";

pub fn stop_after_deposit(available: &str, paid: &str) -> String {
    format!(
        "Van het beschikbaar saldo van {available} gaat het deel van je eigen bijdrage terug naar \
         je rekeningnummer en het deel subsidie terug naar je jaarbudget (of naar de overheid als \
         het jaar van de aanvraag voorbij is). Wat al betaald is ({paid}), blijft betaald. \
         Stopzetten kan niet ongedaan gemaakt worden."
    )
}

// ---- Rate ----
pub const RATE_TITLE: &str = "Beoordeel uw dienstverlener";
pub const RATER: &str = "Naam beoordelaar";
pub const STARS_LEGEND: &str = "Score, van 1 (zeer ontevreden) tot 5 (zeer tevreden) sterren *";
pub const RATING_TEXT: &str = "Toelichting (max. 500 tekens)";
pub const PUBLISH: &str =
    "Mijn naam en bedrijfsnaam mogen samen met mijn beoordeling gepubliceerd worden.";
pub const COPY_BY_MAIL: &str = "Ik ontvang graag zelf een kopie van deze feedback in mijn inbox.";
pub const RATED_OK: &str = "Bedankt! Uw beoordeling werd geregistreerd.";

pub fn rate_intro(provider: &str, project: &str) -> String {
    format!(
        "Wij kennen graag uw mening over de kwaliteit van de dienstverlening geleverd door \
         {provider} voor uw project {project}. De dienstverlener ziet uw beoordeling met uw naam; \
         in de zoekmodule is ze anoniem, tenzij u hieronder toestemming geeft."
    )
}

pub fn stars_label(n: i64) -> String {
    match n {
        1 => "1 ster (zeer ontevreden)".into(),
        5 => "5 sterren (zeer tevreden)".into(),
        n => format!("{n} sterren"),
    }
}

pub fn chars_left(left: usize, max: usize) -> String {
    format!("Nog {left} van {max} tekens")
}

// ---- Notifications ----
pub const NOTIFICATIONS_TITLE: &str = "Meldingen";
pub const NO_NOTIFICATIONS: &str = "Je hebt nog geen meldingen.";
pub const UPCOMING_TITLE: &str = "Herinneringen die nog komen";
pub const UPCOMING_INTRO: &str = "De kmo-portefeuille mailt u deze herinneringen op de vermelde \
    dag, tenzij ze dan niet meer nodig zijn (bijvoorbeeld omdat uw eigen bijdrage al op de \
    rekening staat).";
pub const NO_UPCOMING: &str = "Er staan geen herinneringen gepland voor uw projecten.";
pub const MAILS_TITLE: &str = "Uw mails";

/// "Status: verstuurd op 21/04/2026", or the status alone while the mail is not sent.
pub fn mail_status(label: &str, sent_on: Option<&str>) -> String {
    match sent_on {
        Some(day) => format!("Status: {label} op {day}"),
        None => format!("Status: {label}"),
    }
}

// ---- Provider portal ----
pub const PROVIDER_TITLE: &str = "Dienstverlener: aanvragen, betalingen en beoordelingen";
pub const APPLICATIONS_TITLE: &str = "Aanvragen die u als dienstverlener vermelden";
pub const RECEIVED_TITLE: &str = "Ontvangen betalingen";
pub const TOTAL: &str = "Totaal";
pub const RATINGS_TITLE: &str = "Ontvangen beoordelingen";
pub const REFUSE: &str = "Aanvraag weigeren";
pub const REFUSE_REASON: &str = "Reden van de weigering";
pub const REFUSE_CONFIRM: &str = "Weigering bevestigen";
pub const REFUSE_RELATED: &str = "De onderneming en mijn organisatie zijn verbonden (gedeeld \
    kapitaal of stemrechten, een gemeenschappelijke bestuurder, zaakvoerder, werknemer of \
    aandeelhouder, of familie tot in de tweede graad): daarvoor is geen steun mogelijk.";

// ---- Confirming an e-mail address ----
pub const CONFIRM_EMAIL_TITLE: &str = "E-mailadres bevestigen";
pub const CONFIRM_EMAIL_INTRO: &str = "Bevestig dat dit e-mailadres de berichten over de \
    kmo-portefeuille van uw onderneming mag ontvangen.";
pub const CONFIRM_EMAIL_BUTTON: &str = "E-mailadres bevestigen";
pub const CONFIRM_EMAIL_DONE_1: &str = "Bedankt: ";
pub const CONFIRM_EMAIL_DONE_2: &str = " is bevestigd. U mag dit venster sluiten.";
pub const CONFIRM_EMAIL_INCOMPLETE: &str = "Deze link is onvolledig. Open de volledige link uit \
    de mail, of kopieer hem in zijn geheel naar de adresbalk.";
