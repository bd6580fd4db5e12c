//! A support application (steunaanvraag) checked as a whole: the five steps of manual 003.
//!
//! [`ApplicationForm::from_json`] reads what the enterprise entered (400 on malformed input,
//! every field named); [`check_application`] applies every rule against the facts the server
//! knows (the enterprise, the provider's registration, the year's budget) and answers with the
//! amounts and deadlines, or with every reason it is refused (422).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::amounts::{split, Amounts};
use crate::ceiling;
use crate::costs::{self, CostBreakdown, CostLine};
use crate::de_minimis::{self, DeMinimisAid};
use crate::deadlines::{ApplicationDates, Deadlines};
use crate::enterprise::{check_enterprise, EnterpriseFacts};
use crate::error::{FieldError, Reason};
use crate::explanation::{self, DateOf, Explanation};
use crate::form::Fields;
use crate::format;
use crate::ids::provider_number::ProviderNumber;
use crate::money::Money;
use crate::nace::NaceCode;
use crate::rate::Rate;
use crate::rates::support_rate;
use crate::regime::Regime;
use crate::service::ServiceType;
use crate::service_eligibility::{check_service, ProviderRegistration, ServiceFacts, TrainingKind};
use crate::size::EnterpriseSize;

/// Longest project name, participant name, and most participants accepted.
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_PARTICIPANTS: usize = 200;
/// Most hours one project can state (all participants together); more is a typing error.
pub const MAX_HOURS: u32 = 100_000;

/// What the enterprise entered in steps 1 to 4 of the wizard (manual 003).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplicationForm {
    /// Step 1: the 5-digit NACE-BEL code of the main activity.
    pub nace: NaceCode,
    /// Step 2: the project.
    pub service: ServiceType,
    pub name: String,
    pub training_kind: Option<TrainingKind>,
    pub theme: String,
    pub subtheme: Option<String>,
    /// "Totaal aantal te presteren uren", all participants together.
    pub hours: Decimal,
    /// "Naam en voornaam van de deelnemers" (training only).
    pub participants: Vec<String>,
    /// "Datum inschrijving" (enrolment or signed contract).
    pub enrolled_on: NaiveDate,
    /// "Startdatum opleiding" (the first day of the service).
    pub starts_on: NaiveDate,
    pub contributes_to_business: bool,
    /// "Kost van de inschrijving exclusief de niet-toegestane kosten en exclusief btw", as
    /// entered; with a breakdown, everything claimed.
    pub cost: Money,
    /// The costs split by kind ("Kosten opsplitsen"), instead of one cost.
    pub costs: Option<CostBreakdown>,
    /// Step 3: the provider.
    pub provider: ProviderNumber,
    /// Step 4: the declaration on honour.
    pub declaration_accepted: bool,
    /// Step 4: the declarations the rules need confirmed, each on its own (RULES.md §3, §4).
    pub declarations: Declarations,
}

/// What the enterprise confirms besides the declaration on honour, each a statement of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Declarations {
    /// No related-party relation with the provider: no shared capital or voting rights, no
    /// common manager, director, employee or shareholder, no family ties up to the second
    /// degree (RULES.md §3; VLAIO 'beoordeling van de aanvraag').
    pub no_related_party: bool,
    /// Training: every participant is a 'werkende' of the enterprise (RULES.md §3; 001).
    pub participants_are_workers: bool,
    /// Training: the participants attend at least 80 % of it (RULES.md §4; 001).
    pub attendance_at_least_80: bool,
}

impl Declarations {
    /// Every statement the service needs and the enterprise did not confirm.
    pub fn missing(&self, service: ServiceType) -> Vec<Reason> {
        let training = service == ServiceType::Training;
        [
            (
                !self.no_related_party,
                "related_party_not_excluded",
                "Bevestig dat uw onderneming en de dienstverlener niet verbonden zijn: geen \
                 gemeenschappelijk kapitaal of stemrechten, geen gemeenschappelijke zaakvoerder, \
                 bestuurder, werknemer of aandeelhouder en geen familieband tot de tweede graad.",
            ),
            (
                training && !self.participants_are_workers,
                "participants_not_confirmed_workers",
                "Bevestig dat alle deelnemers werkenden van uw onderneming zijn (werknemer, \
                 zaakvoerder of werkend vennoot, zelfstandige, helper of meewerkende echtgeno(o)t(e)); \
                 jobstudenten tellen niet.",
            ),
            (
                training && !self.attendance_at_least_80,
                "attendance_not_confirmed",
                "Bevestig dat de deelnemers minstens 80 % van de opleiding volgen.",
            ),
        ]
        .into_iter()
        .filter(|(missing, _, _)| *missing)
        .map(|(_, code, message)| Reason::new(code, message))
        .collect()
    }
}

const FIELDS: &[(&str, &str)] = &[
    ("nace", "NACE-code"),
    ("service", "Type dienstverlening"),
    ("name", "Naam opleiding of advies"),
    ("training_kind", "Soort opleiding"),
    ("theme", "Thema"),
    ("subtheme", "Subthema"),
    ("hours", "Totaal aantal te presteren uren"),
    ("participants", "Deelnemers"),
    ("enrolled_on", "Datum inschrijving"),
    ("starts_on", "Startdatum"),
    (
        "contributes_to_business",
        "Bijdrage tot het bedrijfsfunctioneren",
    ),
    ("cost", "Kost exclusief btw"),
    ("costs", "Kosten opgesplitst"),
    ("provider", "Dienstverlener"),
    ("declaration_accepted", "Verklaring op eer"),
    ("no_related_party", "Geen verbonden dienstverlener"),
    ("participants_are_workers", "Deelnemers zijn werkenden"),
    ("attendance_at_least_80", "Aanwezigheid van minstens 80 %"),
];

impl ApplicationForm {
    pub fn from_json(body: &Value) -> Result<ApplicationForm, Vec<FieldError>> {
        let mut f = Fields::new(body, FIELDS)?;
        let nace = f
            .required_str("nace")
            // As sent: the API takes no spaces around a code (openapi.json's pattern).
            .and_then(|s| match NaceCode::parse(s).and_then(|n| exact(s, n)) {
                Ok(n) => Some(n),
                Err(e) => {
                    f.error("nace", e.code(), e.message());
                    None
                }
            });
        let service = f.required_choice("service", ServiceType::parse, &["training", "advice"]);
        let name = f
            .required_str("name")
            .map(str::trim)
            .and_then(|s| text_ok(&mut f, "name", s).then(|| s.to_string()));
        let training_kind = match f.optional_str("training_kind").filter(|s| !s.is_empty()) {
            None => Some(None),
            Some(s) => match TrainingKind::parse(s) {
                Some(k) => Some(Some(k)),
                None => {
                    f.error(
                        "training_kind",
                        "unknown_value",
                        "kies classroom, distance of internal.",
                    );
                    None
                }
            },
        };
        let theme = f.required_str("theme").map(str::to_string);
        let subtheme = f
            .optional_str("subtheme")
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        let hours = f.required_str("hours").and_then(|s| parse_hours(&mut f, s));
        let participants = participants(&mut f, body.get("participants"));
        let enrolled_on = required_date(&mut f, "enrolled_on");
        let starts_on = required_date(&mut f, "starts_on");
        let contributes = f.required_bool("contributes_to_business");
        let (cost, costs) = costs::cost_or_breakdown(&mut f);
        let provider = f.required_str("provider").and_then(|s| {
            match ProviderNumber::parse(s).and_then(|p| canonical(s, p)) {
                Ok(p) => Some(p),
                Err(e) => {
                    f.error("provider", e.code(), e.message());
                    None
                }
            }
        });
        let declaration = f.required_bool("declaration_accepted");
        // Each statement as sent; one that is not confirmed is refused by the rules (422), not
        // as malformed, like the declaration on honour.
        let mut confirmed = |field: &str| match f.present(field) {
            None => Some(false),
            Some(_) => f.required_bool(field),
        };
        let declarations = match (
            confirmed("no_related_party"),
            confirmed("participants_are_workers"),
            confirmed("attendance_at_least_80"),
        ) {
            (
                Some(no_related_party),
                Some(participants_are_workers),
                Some(attendance_at_least_80),
            ) => Some(Declarations {
                no_related_party,
                participants_are_workers,
                attendance_at_least_80,
            }),
            _ => None,
        };
        f.finish()?;
        match (
            nace,
            service,
            name,
            training_kind,
            theme,
            hours,
            participants,
            enrolled_on,
            starts_on,
            contributes,
            cost,
            provider,
            declaration,
            declarations,
        ) {
            (
                Some(nace),
                Some(service),
                Some(name),
                Some(training_kind),
                Some(theme),
                Some(hours),
                Some(participants),
                Some(enrolled_on),
                Some(starts_on),
                Some(contributes_to_business),
                Some(cost),
                Some(provider),
                Some(declaration_accepted),
                Some(declarations),
            ) => Ok(ApplicationForm {
                nace,
                service,
                name,
                training_kind,
                theme,
                subtheme,
                hours,
                participants,
                enrolled_on,
                starts_on,
                contributes_to_business,
                cost,
                costs,
                provider,
                declaration_accepted,
                declarations,
            }),
            // Every None above recorded an error, so finish() already returned them.
            _ => Err(vec![FieldError::new(
                "",
                "invalid_request",
                "Ongeldige aanvraag.",
            )]),
        }
    }
}

/// A name, trimmed: the `line_of_text_pattern` of openapi.json.
fn text_ok(f: &mut Fields, field: &str, s: &str) -> bool {
    if s.is_empty() {
        f.error(field, "required", "dit veld is verplicht.");
        false
    } else if s.chars().count() > MAX_NAME_CHARS {
        f.error(
            field,
            "too_long",
            format!("hoogstens {MAX_NAME_CHARS} tekens."),
        );
        false
    } else if s.chars().any(char::is_control) {
        f.error(
            field,
            "invalid_character",
            "geen regeleindes of stuurtekens.",
        );
        false
    } else {
        true
    }
}

/// A NACE code sent without surrounding spaces.
fn exact(raw: &str, code: NaceCode) -> Result<NaceCode, crate::nace::NaceCodeError> {
    if raw.trim() == raw {
        Ok(code)
    } else {
        Err(crate::nace::NaceCodeError::WrongShape)
    }
}

/// A provider number sent as it is written (`DV.O123456`), as openapi.json's pattern says.
fn canonical(
    raw: &str,
    number: ProviderNumber,
) -> Result<ProviderNumber, crate::ids::ProviderNumberError> {
    if number.to_string() == raw {
        Ok(number)
    } else {
        Err(crate::ids::ProviderNumberError::Format)
    }
}

/// Hours as the API form of an amount ([`Money::parse_api`]: no sign, spaces or leading
/// zeros, at most two decimals), above 0 and at most [`MAX_HOURS`].
fn parse_hours(f: &mut Fields, s: &str) -> Option<Decimal> {
    let parsed = Money::parse_api(s).ok().map(Money::amount);
    match parsed {
        Some(h) if !h.is_zero() && h <= Decimal::from(MAX_HOURS) => Some(h.normalize()),
        _ => {
            f.error(
                "hours",
                "invalid_hours",
                format!("een aantal uren groter dan 0 en hoogstens {MAX_HOURS}, bv. \"7.5\"."),
            );
            None
        }
    }
}

fn required_date(f: &mut Fields, field: &str) -> Option<NaiveDate> {
    if f.optional_str(field).is_none() {
        f.error(field, "required", "dit veld is verplicht.");
        return None;
    }
    f.optional_date(field)
}

fn participants(f: &mut Fields, value: Option<&Value>) -> Option<Vec<String>> {
    let list = match value {
        None | Some(Value::Null) => return Some(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(_) => {
            f.error(
                "participants",
                "expected_list",
                "verwacht een lijst van namen.",
            );
            return None;
        }
    };
    if list.len() > MAX_PARTICIPANTS {
        f.error(
            "participants",
            "too_many",
            format!("hoogstens {MAX_PARTICIPANTS} deelnemers."),
        );
        return None;
    }
    let mut names = Vec::with_capacity(list.len());
    for item in list {
        match item.as_str().map(str::trim) {
            Some(name) if text_ok(f, "participants", name) => names.push(name.to_string()),
            Some(_) => return None,
            None => {
                f.error("participants", "expected_string", "elke naam is tekst.");
                return None;
            }
        }
    }
    Some(names)
}

/// What the server knows when the application arrives.
#[derive(Debug, Clone)]
pub struct ApplicationContext<'a> {
    /// The application date: today in Belgium.
    pub applied_on: NaiveDate,
    /// The enterprise; its main activity is taken from the form (step 1).
    pub enterprise: &'a EnterpriseFacts,
    /// The provider's registration, `None` when no active provider has the number.
    pub provider: Option<&'a ProviderRegistration>,
    /// The annual budget left this calendar year before this application.
    pub remaining_budget: Money,
}

/// An application every rule accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub regime: &'static str,
    pub size: EnterpriseSize,
    pub rate: Rate,
    pub higher_rate: bool,
    pub amounts: Amounts,
    pub deadlines: Deadlines,
    /// The theme as the manual writes it: 'Digitalisering - Cybersecurity'.
    pub theme_label: String,
    /// With a breakdown: each kind claimed, what counts, and why a part does not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cost_lines: Vec<CostLine>,
    /// "Hoe berekend?": every step in order, each with its legal source.
    pub explanation: Vec<Explanation>,
}

/// Applies every rule; all refusals are reported together.
pub fn check_application(
    form: &ApplicationForm,
    ctx: &ApplicationContext,
) -> Result<Accepted, Vec<Reason>> {
    let regime = Regime::on(ctx.applied_on).map_err(|e| {
        vec![Reason::new(
            "date_not_supported",
            format!(
                "De regels zijn opgenomen vanaf {}.",
                format::date(e.first_supported)
            ),
        )]
    })?;
    let mut reasons = Vec::new();
    if !form.declaration_accepted {
        reasons.push(Reason::new(
            "declaration_not_accepted",
            "U moet uw akkoord geven over de verklaring op eer.",
        ));
    }
    reasons.extend(form.declarations.missing(form.service));
    if form.service == ServiceType::Training && form.participants.is_empty() {
        reasons.push(Reason::new(
            "participants_required",
            "Vermeld de naam en voornaam van de deelnemers aan de opleiding.",
        ));
    }
    let no_provider = ProviderRegistration {
        services: Vec::new(),
        themes: Vec::new(),
    };
    if ctx.provider.is_none() {
        reasons.push(Reason::new(
            "provider_not_found",
            format!(
                "Er is geen actieve geregistreerde dienstverlener met nummer {}.",
                form.provider
            ),
        ));
    }
    let service = ServiceFacts {
        service: form.service,
        theme: form.theme.clone(),
        subtheme: form.subtheme.clone(),
        training_kind: form.training_kind,
        contributes_to_business: form.contributes_to_business,
        provider: ctx.provider.cloned().unwrap_or(no_provider),
    };
    let choice = match check_service(&service, ctx.applied_on) {
        Ok(choice) => Some(choice),
        Err(found) => {
            // Without a provider, "not registered" reasons only repeat provider_not_found.
            reasons.extend(found.into_iter().filter(|r| {
                ctx.provider.is_some()
                    || !matches!(
                        r.code,
                        "provider_not_registered_for_service" | "provider_theme_not_linked"
                    )
            }));
            crate::themes::ThemeChoice::parse(&form.theme, form.subtheme.as_deref()).ok()
        }
    };
    let dates = ApplicationDates {
        enrolled_on: form.enrolled_on,
        starts_on: form.starts_on,
        applied_on: ctx.applied_on,
    };
    reasons.extend(dates.check());
    let (cost, cost_lines) = match &form.costs {
        Some(b) => {
            let a = costs::assess_costs(b, regime);
            reasons.extend(a.reasons);
            (a.eligible_cost, a.lines)
        }
        None => {
            reasons.extend(costs::meets_minimum(form.cost, regime).err());
            (form.cost, Vec::new())
        }
    };
    reasons.extend(ceiling::budget_left(ctx.remaining_budget, regime, ctx.applied_on.year()).err());

    // The main activity filled in at step 1 (003) is checked, and so is the KBO's (in the
    // enterprise's facts): both must be acceptable.
    reasons.extend(crate::nace::is_acceptable(form.nace).err());
    let enterprise = ctx.enterprise.clone();
    let rate = choice.and_then(|c| support_rate(regime, enterprise.size, form.service, &c));
    let amounts = rate.map(|r| split(cost, r.rate, ctx.remaining_budget));
    let new_aid = DeMinimisAid {
        granted_on: ctx.applied_on,
        amount: amounts.map_or(Money::ZERO, |a| a.subsidy),
    };
    if let Err(found) = check_enterprise(&enterprise, new_aid) {
        reasons.extend(found);
    }
    dedupe(&mut reasons);
    match (choice, rate, amounts) {
        (Some(choice), Some(rate), Some(amounts)) if reasons.is_empty() => Ok(Accepted {
            regime: regime.id,
            size: enterprise.size,
            rate: rate.rate,
            higher_rate: rate.higher,
            amounts,
            deadlines: dates.deadlines(),
            theme_label: choice.label(),
            cost_lines,
            explanation: vec![
                explanation::regime(regime, ctx.applied_on, DateOf::Application),
                explanation::size(enterprise.size, ctx.applied_on.year()),
                explanation::cost(cost, form.costs.map(|_| form.cost), regime),
                explanation::rate(rate, enterprise.size, form.service, &choice),
                explanation::remaining_budget(
                    regime,
                    regime.annual_ceiling.saturating_sub(ctx.remaining_budget),
                    ctx.remaining_budget,
                    ctx.applied_on,
                ),
                explanation::project_amount(&amounts, rate, ctx.remaining_budget),
                explanation::subsidy(&amounts, rate, ctx.remaining_budget),
                explanation::de_minimis(
                    &de_minimis::check(&enterprise.de_minimis_aid, new_aid),
                    new_aid.amount,
                ),
            ],
        }),
        _ => Err(reasons),
    }
}

fn dedupe(reasons: &mut Vec<Reason>) {
    let mut seen = Vec::new();
    reasons.retain(|r| {
        let new = !seen.contains(&r.code);
        seen.push(r.code);
        new
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enterprise::{KboStatus, LegalForm, Region};
    use crate::service_eligibility::RegisteredTheme;
    use crate::size::Share;
    use serde_json::json;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn body() -> Value {
        json!({
            "nace": "62.010", "service": "training", "name": "Veilig online",
            "training_kind": "classroom", "theme": "digitalisering", "subtheme": "software",
            "hours": "16", "participants": ["Jan Peeters", "An Claes"],
            "enrolled_on": "2026-11-10", "starts_on": "2026-11-20",
            "contributes_to_business": true, "cost": "980.00", "provider": "DV.O123456",
            "declaration_accepted": true, "no_related_party": true,
            "participants_are_workers": true, "attendance_at_least_80": true
        })
    }

    fn enterprise() -> EnterpriseFacts {
        EnterpriseFacts {
            legal_form: LegalForm::parse("bv").unwrap(),
            kbo_status: KboStatus::Active,
            in_formation: false,
            establishment_region: Region::Flemish,
            public_participation: Share::from_percent(Decimal::ZERO).unwrap(),
            main_activity: Some(NaceCode::parse("62010").unwrap()),
            size: EnterpriseSize::Small,
            de_minimis_aid: Vec::new(),
        }
    }

    fn provider() -> ProviderRegistration {
        ProviderRegistration {
            services: vec![ServiceType::Training],
            themes: vec![RegisteredTheme {
                theme: "digitalisering".into(),
                subtheme: Some("software".into()),
            }],
        }
    }

    fn check(body: Value, remaining: &str) -> Result<Accepted, Vec<Reason>> {
        let form = ApplicationForm::from_json(&body).expect("well-formed");
        let enterprise = enterprise();
        let provider = provider();
        let ctx = ApplicationContext {
            applied_on: date("2026-11-22"),
            enterprise: &enterprise,
            provider: Some(&provider),
            remaining_budget: Money::parse(remaining).unwrap(),
        };
        check_application(&form, &ctx)
    }

    fn codes(r: Result<Accepted, Vec<Reason>>) -> Vec<&'static str> {
        r.unwrap_err().iter().map(|r| r.code).collect()
    }

    #[test]
    fn the_manuals_application_gives_294_subsidy_and_a_deposit_deadline_30_days_on() {
        let ok = check(body(), "7500").unwrap();
        assert_eq!(ok.amounts.subsidy.to_string(), "294.00");
        assert_eq!(ok.amounts.own_contribution.to_string(), "686.00");
        assert_eq!(ok.deadlines.deposit_by, date("2026-12-22"));
        assert_eq!(ok.deadlines.closes_on, date("2027-12-31"));
        assert_eq!(ok.theme_label, "Digitalisering - Software");
    }

    #[test]
    fn application_after_day_14_and_without_declaration_is_refused_with_both_reasons() {
        let mut b = body();
        b["starts_on"] = json!("2026-11-07");
        b["enrolled_on"] = json!("2026-11-01");
        b["declaration_accepted"] = json!(false);
        assert_eq!(
            codes(check(b, "7500")),
            ["declaration_not_accepted", "application_too_late"]
        );
    }

    #[test]
    fn each_declaration_is_required_where_it_applies() {
        let mut b = body();
        b["no_related_party"] = json!(false);
        b.as_object_mut().unwrap().remove("attendance_at_least_80");
        assert_eq!(
            codes(check(b.clone(), "7500")),
            ["related_party_not_excluded", "attendance_not_confirmed"]
        );
        b["participants_are_workers"] = json!(false);
        assert_eq!(
            codes(check(b, "7500")),
            [
                "related_party_not_excluded",
                "participants_not_confirmed_workers",
                "attendance_not_confirmed"
            ]
        );
        // Advice has no participants: only the related-party statement applies.
        let form = Declarations {
            no_related_party: true,
            ..Declarations::default()
        };
        assert!(form.missing(ServiceType::Advice).is_empty());
        assert_eq!(form.missing(ServiceType::Training).len(), 2);
        // Not a boolean: malformed, named.
        let mut b = body();
        b["attendance_at_least_80"] = json!("ja");
        let errors = ApplicationForm::from_json(&b).unwrap_err();
        assert_eq!(errors[0].field, "attendance_at_least_80");
    }

    #[test]
    fn a_provider_without_the_theme_gets_the_manuals_message() {
        let mut b = body();
        b["subtheme"] = json!("infrastructuur");
        let reasons = check(b, "7500").unwrap_err();
        assert_eq!(reasons[0].code, "provider_theme_not_linked");
        assert!(reasons[0].message.starts_with(
            "In de vorige stap heeft u het thema 'Digitalisering - Infrastructuur' gekozen."
        ));
    }

    #[test]
    fn an_unknown_provider_is_one_reason_not_three() {
        let form = ApplicationForm::from_json(&body()).unwrap();
        let enterprise = enterprise();
        let ctx = ApplicationContext {
            applied_on: date("2026-11-22"),
            enterprise: &enterprise,
            provider: None,
            remaining_budget: Money::parse("7500").unwrap(),
        };
        assert_eq!(
            codes(check_application(&form, &ctx)),
            ["provider_not_found"]
        );
    }

    #[test]
    fn used_up_budget_and_excluded_activity_are_refused() {
        let mut b = body();
        b["nace"] = json!("03.110");
        assert_eq!(
            codes(check(b, "0")),
            ["ceiling_reached", "main_activity_not_acceptable"]
        );
    }

    #[test]
    fn training_needs_participants() {
        let mut b = body();
        b["participants"] = json!([]);
        assert_eq!(codes(check(b, "7500")), ["participants_required"]);
    }

    #[test]
    fn the_project_is_capped_by_the_remaining_budget() {
        let ok = check(body(), "100").unwrap();
        assert_eq!(ok.amounts.project_amount.to_string(), "333.33");
        assert_eq!(ok.amounts.subsidy.to_string(), "100.00");
    }

    #[test]
    fn malformed_forms_name_every_field() {
        let errors = ApplicationForm::from_json(&json!({
            "nace": "6201", "service": "training", "name": "", "hours": "0",
            "participants": "Jan", "enrolled_on": "2026-13-01", "cost": "abc",
            "provider": "DV.X123", "contributes_to_business": "ja"
        }))
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "nace",
                "name",
                "theme",
                "hours",
                "participants",
                "enrolled_on",
                "starts_on",
                "contributes_to_business",
                "cost",
                "provider",
                "declaration_accepted"
            ]
        );
    }
}
