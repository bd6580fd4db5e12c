//! The public subsidy simulator (subsidiesimulator): `POST /api/v1/simulate` and the browser.
//!
//! [`SimulationRequest::from_json`] parses the API body (400 on malformed input, naming each
//! field); [`simulate`] applies the regime of the date and answers with the amounts, or with
//! every reason the project is not eligible.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use crate::amounts::{split, Amounts};
use crate::error::{FieldError, Note, Reason};
use crate::form::Fields;
use crate::format;
use crate::money::Money;
use crate::rate::Rate;
use crate::rates::support_rate;
use crate::regime::Regime;
use crate::service::ServiceType;
use crate::size::EnterpriseSize;
use crate::themes::{ThemeChoice, ThemeError, LIMITATIVE_LIST_THEME, THEMES};
use crate::{ceiling, costs, enterprise, service_eligibility};

/// A well-formed simulation request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationRequest {
    pub size: EnterpriseSize,
    pub service: ServiceType,
    pub choice: ThemeChoice,
    /// Eligible cost excl. VAT.
    pub cost: Money,
    /// The (application) date whose rules apply.
    pub date: NaiveDate,
    /// Support already granted in the calendar year of `date`.
    pub used_this_year: Money,
    /// The regime in force on `date`.
    pub regime: &'static Regime,
}

/// The fields of the request, with their Dutch labels for messages.
pub const FIELDS: &[(&str, &str)] = &[
    ("size", "Grootte onderneming"),
    ("service", "Type dienstverlening"),
    ("theme", "Thema"),
    ("subtheme", "Subthema"),
    ("cost", "Kost exclusief btw"),
    ("date", "Datum"),
    ("used_this_year", "Reeds ontvangen steun dit jaar"),
];

impl SimulationRequest {
    /// Parses the API body; `today` is the default date.
    pub fn from_json(body: &Value, today: NaiveDate) -> Result<SimulationRequest, Vec<FieldError>> {
        let mut f = Fields::new(body, FIELDS)?;
        let size = f.required_choice("size", EnterpriseSize::parse, &["small", "medium", "large"]);
        let service = f.required_choice("service", ServiceType::parse, &["training", "advice"]);
        let theme = f.required_str("theme");
        let subtheme = f.optional_str("subtheme").filter(|s| !s.is_empty());
        let choice = theme.and_then(|t| match ThemeChoice::parse(t, subtheme) {
            Ok(c) => Some(c),
            Err(ThemeError::UnknownTheme) => {
                let ids: Vec<&str> = THEMES.iter().map(|t| t.id).collect();
                f.error(
                    "theme",
                    "unknown_value",
                    format!("kies een van: {}.", ids.join(", ")),
                );
                None
            }
            Err(ThemeError::UnknownSubtheme) => {
                f.error(
                    "subtheme",
                    "unknown_value",
                    format!("dit subthema hoort niet bij het thema '{t}'."),
                );
                None
            }
        });
        let cost = f.required_money("cost");
        let date = match f.optional_str("date") {
            None => Some(today),
            Some(_) => f.optional_date("date"),
        };
        let regime = date.and_then(|d| match Regime::on(d) {
            Ok(r) => Some(r),
            Err(e) => {
                f.error(
                    "date",
                    "date_not_supported",
                    format!(
                        "de simulator rekent met de regels vanaf {}.",
                        format::date(e.first_supported)
                    ),
                );
                None
            }
        });
        let used = f.optional_money("used_this_year").unwrap_or(Money::ZERO);
        if let Some(r) = regime {
            if used > r.annual_ceiling {
                f.error(
                    "used_this_year",
                    "above_ceiling",
                    format!(
                        "kan niet hoger zijn dan het jaarplafond van {}.",
                        format::euro(r.annual_ceiling)
                    ),
                );
            }
        }
        f.finish()?;
        match (size, service, choice, cost, date, regime) {
            (Some(size), Some(service), Some(choice), Some(cost), Some(date), Some(regime)) => {
                Ok(SimulationRequest {
                    size,
                    service,
                    choice,
                    cost,
                    date,
                    used_this_year: used,
                    regime,
                })
            }
            // Every None above recorded an error, so finish() already returned them.
            _ => Err(vec![FieldError::new(
                "",
                "invalid_request",
                "Ongeldige aanvraag.",
            )]),
        }
    }
}

/// The simulator's answer. Amount fields are present only when eligible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Simulation {
    pub eligible: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub amounts: Option<Amounts>,
    /// The annual budget before this project.
    pub remaining_before: Money,
    pub annual_ceiling: Money,
    /// Id of the rule set used.
    pub regime: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schemars(with = "Vec<crate::api::Reason>"))]
    pub reasons: Vec<Reason>,
    #[cfg_attr(feature = "openapi", schemars(with = "Vec<crate::api::Reason>"))]
    pub notes: Vec<Note>,
}

/// Applies the rules of `req.date` to the request.
pub fn simulate(req: &SimulationRequest) -> Simulation {
    let regime = req.regime;
    let remaining = regime.annual_ceiling.saturating_sub(req.used_this_year);
    let mut reasons = Vec::new();
    let mut notes = Vec::new();

    let rate = support_rate(regime, req.size, req.service, &req.choice);
    let checks = [
        enterprise::size(req.size),
        service_eligibility::service_allowed(regime, req.service, &req.choice),
        costs::meets_minimum(req.cost, regime),
        ceiling::budget_left(remaining, regime, req.date.year()),
    ];
    reasons.extend(checks.into_iter().filter_map(Result::err));

    let rate = rate.filter(|_| reasons.is_empty());
    let amounts = rate.map(|r| split(req.cost, r.rate, remaining));
    if let (Some(r), Some(a)) = (rate, amounts) {
        if r.higher {
            notes.push(Note::new(
                "higher_rate",
                format!(
                    "Verhoogd steunpercentage ({} %) voor '{}'.",
                    r.rate.as_percent(),
                    req.choice.label()
                ),
            ));
        }
        if a.capped {
            notes.push(Note::new(
                "project_capped",
                format!(
                    "Het projectbedrag is beperkt tot {} zodat de subsidie binnen het resterende \
                     jaarbudget van {} past.",
                    format::euro(a.project_amount),
                    format::euro(remaining)
                ),
            ));
        }
    }
    if req.choice.theme.id == LIMITATIVE_LIST_THEME {
        notes.push(Note::new(
            "limitative_list",
            "Voor beroepsspecifieke competenties komen enkel diensten op de limitatieve lijst \
             van VLAIO in aanmerking.",
        ));
    }
    notes.push(Note::new(
        "taxable",
        "De steun van de kmo-portefeuille is belastbaar: ze is niet vrijgesteld van belastingen.",
    ));

    Simulation {
        eligible: amounts.is_some(),
        rate: rate.map(|r| r.rate),
        amounts,
        remaining_before: remaining,
        annual_ceiling: regime.annual_ceiling,
        regime: regime.id,
        reasons,
        notes,
    }
}

/// The simulator's fields as a person types them: the public simulator page and the embeddable
/// calculator both read their forms into this, so neither holds a rule of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedSimulation {
    pub size: String,
    pub service: String,
    pub theme: String,
    pub subtheme: String,
    /// Belgian notation allowed: `1.250,00`, `7.000`.
    pub cost: String,
    /// `YYYY-MM-DD`; empty means today.
    pub date: String,
    pub used_this_year: String,
}

/// What a typed simulation shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to compute yet (no cost typed).
    Empty,
    /// Fields the rules cannot read, each with its message (shown beside the field).
    Invalid(Vec<FieldError>),
    Computed(Simulation),
}

impl TypedSimulation {
    /// The API body. Amounts typed the Belgian way become the API form; text that is no amount
    /// is passed on as typed, so [`SimulationRequest::from_json`] names what is wrong with it.
    pub fn to_request(&self) -> Value {
        let money = |s: &str| match Money::parse_nl(s) {
            Ok(m) => m.to_string(),
            Err(_) => s.trim().to_string(),
        };
        let mut body = serde_json::Map::new();
        for (field, value) in [
            ("size", self.size.clone()),
            ("service", self.service.clone()),
            ("theme", self.theme.clone()),
            ("cost", money(&self.cost)),
        ] {
            body.insert(field.into(), Value::String(value));
        }
        for (field, value) in [
            ("subtheme", self.subtheme.clone()),
            ("date", self.date.clone()),
            ("used_this_year", money(&self.used_this_year)),
        ] {
            if !value.trim().is_empty() {
                body.insert(field.into(), Value::String(value));
            }
        }
        Value::Object(body)
    }

    /// The same parse and computation as `POST /api/v1/simulate`.
    pub fn evaluate(&self, today: NaiveDate) -> Outcome {
        if self.cost.trim().is_empty() {
            return Outcome::Empty;
        }
        match SimulationRequest::from_json(&self.to_request(), today) {
            Ok(req) => Outcome::Computed(simulate(&req)),
            Err(errors) => Outcome::Invalid(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn run(body: Value) -> Value {
        let req = SimulationRequest::from_json(&body, today()).expect("well-formed");
        serde_json::to_value(simulate(&req)).unwrap()
    }

    fn codes(v: &Value, key: &str) -> Vec<String> {
        v[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["code"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn the_issue_example_small_training_980() {
        let v = run(json!({
            "size": "small", "service": "training", "theme": "digitalisering",
            "subtheme": "software", "cost": "980.00", "date": "2026-11-22", "used_this_year": "0.00"
        }));
        assert_eq!(v["eligible"], true);
        assert_eq!(v["rate"], "0.30");
        assert_eq!(v["project_amount"], "980.00");
        assert_eq!(v["own_contribution"], "686.00");
        assert_eq!(v["subsidy"], "294.00");
        assert_eq!(v["remaining_after"], "7206.00");
        assert_eq!(v["regime"], "kmo-2026-02");
        assert!(codes(&v, "notes").contains(&"taxable".to_string()));
    }

    #[test]
    fn cybersecurity_advice_gets_45_percent() {
        let v = run(json!({
            "size": "small", "service": "advice", "theme": "digitalisering",
            "subtheme": "cybersecurity", "cost": "980.00"
        }));
        assert_eq!(v["rate"], "0.45");
        assert_eq!(v["subsidy"], "441.00");
        assert_eq!(v["own_contribution"], "539.00");
        assert!(codes(&v, "notes").contains(&"higher_rate".to_string()));
    }

    #[test]
    fn refusals_list_every_reason() {
        let v = run(json!({
            "size": "large", "service": "advice", "theme": "innovatie",
            "cost": "99.99", "used_this_year": "7500"
        }));
        assert_eq!(v["eligible"], false);
        assert_eq!(
            codes(&v, "reasons"),
            [
                "enterprise_large",
                "advice_only_cybersecurity",
                "cost_below_minimum",
                "ceiling_reached"
            ]
        );
        assert!(v.get("subsidy").is_none());
    }

    #[test]
    fn advice_outside_cybersecurity_was_eligible_before_february_2026() {
        let body = |date: &str| {
            json!({
                "size": "medium", "service": "advice", "theme": "innovatie", "cost": "1000", "date": date
            })
        };
        let before = run(body("2026-01-31"));
        assert_eq!(before["eligible"], true);
        assert_eq!(before["subsidy"], "200.00");
        let after = run(body("2026-02-01"));
        assert_eq!(codes(&after, "reasons"), ["advice_only_cybersecurity"]);
    }

    #[test]
    fn minimum_cost_is_100_inclusive() {
        let body = |cost: &str| {
            json!({
                "size": "small", "service": "training", "theme": "innovatie", "cost": cost
            })
        };
        assert_eq!(run(body("100.00"))["eligible"], true);
        assert_eq!(run(body("99.99"))["eligible"], false);
    }

    #[test]
    fn the_project_is_capped_by_what_is_left_this_year() {
        let v = run(json!({
            "size": "small", "service": "training", "theme": "innovatie",
            "cost": "10000", "used_this_year": "6000"
        }));
        assert_eq!(v["project_amount"], "5000.00");
        assert_eq!(v["subsidy"], "1500.00");
        assert_eq!(v["own_contribution"], "3500.00");
        assert_eq!(v["remaining_after"], "0.00");
        assert!(codes(&v, "notes").contains(&"project_capped".to_string()));
    }

    #[test]
    fn malformed_requests_name_each_field() {
        let errors = SimulationRequest::from_json(
            &json!({
                "size": "huge", "service": 3, "theme": "marketing", "cost": "-5",
                "date": "2026-02-30", "used_this_year": "abc", "colour": "red"
            }),
            today(),
        )
        .unwrap_err();
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("size", "unknown_value"),
                ("service", "expected_string"),
                ("theme", "unknown_value"),
                ("cost", "negative_amount"),
                ("date", "invalid_date"),
                ("used_this_year", "not_a_number"),
                ("colour", "unknown_field"),
            ]
        );
    }

    #[test]
    fn missing_fields_and_old_dates_are_refused() {
        let errors =
            SimulationRequest::from_json(&json!({ "date": "2022-12-31" }), today()).unwrap_err();
        let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            got,
            [
                ("size", "required"),
                ("service", "required"),
                ("theme", "required"),
                ("cost", "required"),
                ("date", "date_not_supported"),
            ]
        );
    }

    #[test]
    fn a_subtheme_of_another_theme_is_refused() {
        let errors = SimulationRequest::from_json(
            &json!({ "size": "small", "service": "training", "theme": "innovatie",
                     "subtheme": "cybersecurity", "cost": "500" }),
            today(),
        )
        .unwrap_err();
        assert_eq!(errors[0].field, "subtheme");
    }

    #[test]
    fn typed_belgian_amounts_compute_like_the_api() {
        let typed = TypedSimulation {
            size: "small".into(),
            service: "training".into(),
            theme: "innovatie".into(),
            cost: "1.250,00".into(),
            used_this_year: "7.000".into(),
            ..TypedSimulation::default()
        };
        let body = typed.to_request();
        assert_eq!(body["cost"], "1250.00");
        assert_eq!(body["used_this_year"], "7000.00");
        assert!(body.get("subtheme").is_none() && body.get("date").is_none());
        let Outcome::Computed(sim) = typed.evaluate(today()) else {
            panic!("computed");
        };
        // 30 % of 1,250.00 fits in the 500.00 left of the ceiling.
        let amounts = sim.amounts.unwrap();
        assert_eq!(amounts.subsidy.to_string(), "375.00");
        assert_eq!(amounts.remaining_after.to_string(), "125.00");
        let empty = TypedSimulation {
            cost: " ".into(),
            ..typed.clone()
        };
        assert_eq!(empty.evaluate(today()), Outcome::Empty);
        let wrong = TypedSimulation {
            cost: "twaalf".into(),
            ..typed
        };
        assert!(matches!(wrong.evaluate(today()), Outcome::Invalid(e) if e[0].field == "cost"));
    }

    #[test]
    fn used_this_year_above_the_ceiling_is_malformed() {
        let errors = SimulationRequest::from_json(
            &json!({ "size": "small", "service": "training", "theme": "innovatie",
                     "cost": "500", "used_this_year": "7500.01" }),
            today(),
        )
        .unwrap_err();
        assert_eq!(errors[0].code, "above_ceiling");
    }
}
