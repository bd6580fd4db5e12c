//! The public subsidy simulator (subsidiesimulator): `POST /api/v1/simulate` and the browser.
//!
//! [`SimulationRequest::from_json`] parses the API body (400 on malformed input, naming each
//! field); [`simulate`] applies the regime of the date and answers with the amounts, or with
//! every reason the project is not eligible.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use crate::amounts::{split, Amounts};
use crate::costs::{CostBreakdown, CostLine};
use crate::error::{FieldError, Note, Reason};
use crate::explanation::{self, DateOf, Explanation};
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
    /// Eligible cost excl. VAT, as entered (`cost`), or the claimed total of `costs`.
    pub cost: Money,
    /// The costs split by kind (`costs`), instead of one eligible cost.
    pub costs: Option<CostBreakdown>,
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
    ("costs", "Kosten opgesplitst"),
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
        let (cost, costs) = costs::cost_or_breakdown(&mut f);
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
                    costs,
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
    /// With a breakdown (`costs`): each kind claimed, what counts, and why a part does not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cost_lines: Vec<CostLine>,
    /// "Hoe berekend?": every step in order, each with its legal source.
    pub explanation: Vec<Explanation>,
}

/// Applies the rules of `req.date` to the request.
pub fn simulate(req: &SimulationRequest) -> Simulation {
    let regime = req.regime;
    let remaining = regime.annual_ceiling.saturating_sub(req.used_this_year);
    let mut reasons = Vec::new();
    let mut notes = Vec::new();

    let (cost, cost_check, cost_lines) = match &req.costs {
        Some(b) => {
            let a = costs::assess_costs(b, regime);
            (a.eligible_cost, a.reasons, a.lines)
        }
        None => (
            req.cost,
            costs::meets_minimum(req.cost, regime)
                .err()
                .into_iter()
                .collect(),
            Vec::new(),
        ),
    };
    let rate = support_rate(regime, req.size, req.service, &req.choice);
    let checks = [
        enterprise::size(req.size),
        service_eligibility::service_allowed(regime, req.service, &req.choice),
    ];
    reasons.extend(checks.into_iter().filter_map(Result::err));
    reasons.extend(cost_check);
    reasons.extend(ceiling::budget_left(remaining, regime, req.date.year()).err());

    let mut explanation = vec![
        explanation::regime(regime, req.date, DateOf::Simulation),
        explanation::cost(cost, req.costs.map(|_| req.cost), regime),
    ];
    explanation.extend(rate.map(|r| explanation::rate(r, req.size, req.service, &req.choice)));
    explanation.push(explanation::remaining_budget(
        regime,
        req.used_this_year,
        remaining,
        req.date,
    ));

    let rate = rate.filter(|_| reasons.is_empty());
    let amounts = rate.map(|r| split(cost, r.rate, remaining));
    if let (Some(r), Some(a)) = (rate, amounts) {
        explanation.push(explanation::project_amount(&a, r, remaining));
        explanation.push(explanation::subsidy(&a, r, remaining));
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
        cost_lines,
        explanation,
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
    /// "Kosten opsplitsen": the costs by kind, instead of `cost`.
    pub costs: Option<crate::costs::TypedCosts>,
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
    Computed(Box<Simulation>),
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
        ] {
            body.insert(field.into(), Value::String(value));
        }
        match &self.costs {
            Some(costs) => body.insert("costs".into(), costs.to_request()),
            None => body.insert("cost".into(), Value::String(money(&self.cost))),
        };
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

    /// "Vraag deze subsidie aan": the wizard's address with this simulation's service, theme,
    /// sub-theme and eligible cost filled in (read by the wizard on opening); `None` when the
    /// simulation is not eligible. The ids come from the catalogue, the cost is in the API form:
    /// nothing needs escaping.
    pub fn application_path(&self, sim: &Simulation) -> Option<String> {
        let amounts = sim.amounts.filter(|_| sim.eligible)?;
        let choice = ThemeChoice::parse(
            &self.theme,
            Some(self.subtheme.as_str()).filter(|s| !s.is_empty()),
        )
        .ok()?;
        let service = ServiceType::parse(&self.service)?;
        let mut path = format!(
            "/aanvraag?service={}&theme={}",
            service.id(),
            choice.theme.id
        );
        if let Some(sub) = choice.subtheme {
            path.push_str("&subtheme=");
            path.push_str(sub.id);
        }
        path.push_str(&format!("&cost={}", amounts.cost));
        Some(path)
    }

    /// The same parse and computation as `POST /api/v1/simulate`.
    pub fn evaluate(&self, today: NaiveDate) -> Outcome {
        let typed = self.costs.as_ref().map_or(&self.cost, |c| &c.fee);
        if typed.trim().is_empty() {
            return Outcome::Empty;
        }
        match SimulationRequest::from_json(&self.to_request(), today) {
            Ok(req) => Outcome::Computed(Box::new(simulate(&req))),
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
        assert_eq!(
            typed.application_path(&sim).as_deref(),
            Some("/aanvraag?service=training&theme=innovatie&cost=1250.00")
        );
        let wrong = TypedSimulation {
            cost: "twaalf".into(),
            ..typed
        };
        assert!(matches!(wrong.evaluate(today()), Outcome::Invalid(e) if e[0].field == "cost"));
    }

    #[test]
    fn typed_costs_by_kind_compute_like_the_api() {
        let typed = TypedSimulation {
            size: "small".into(),
            service: "training".into(),
            theme: "innovatie".into(),
            costs: Some(crate::costs::TypedCosts {
                fee: "1.000,00".into(),
                catering: "100".into(),
                catering_days: "1".into(),
                catering_persons: "2".into(),
                catering_tied: true,
                exam_fees: "75".into(),
                ..Default::default()
            }),
            ..TypedSimulation::default()
        };
        let body = typed.to_request();
        assert!(body.get("cost").is_none());
        assert_eq!(body["costs"]["fee"], "1000.00");
        assert_eq!(body["costs"]["catering"]["days"], 1);
        let Outcome::Computed(sim) = typed.evaluate(today()) else {
            panic!("computed");
        };
        // 1,000 + 50 (€ 25 × 1 day × 2 persons); the exam fees never count.
        assert_eq!(sim.amounts.unwrap().cost.to_string(), "1050.00");
        assert_eq!(sim.cost_lines.len(), 3);
        let wrong = TypedSimulation {
            costs: Some(crate::costs::TypedCosts {
                fee: "500".into(),
                catering: "50".into(),
                catering_days: "twee".into(),
                catering_persons: "2".into(),
                ..Default::default()
            }),
            ..typed.clone()
        };
        assert!(matches!(wrong.evaluate(today()),
            Outcome::Invalid(e) if e[0].field == "costs.catering.days"));
        let empty = TypedSimulation {
            costs: Some(crate::costs::TypedCosts::default()),
            ..typed
        };
        assert_eq!(empty.evaluate(today()), Outcome::Empty);
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

    #[test]
    fn the_explanation_walks_every_step_in_order_with_sources() {
        let v = run(json!({
            "size": "small", "service": "training", "theme": "digitalisering",
            "subtheme": "software", "cost": "980.00", "date": "2026-11-22"
        }));
        assert_eq!(
            codes(&v, "explanation"),
            [
                "regime",
                "cost",
                "rate",
                "remaining_budget",
                "project_amount",
                "subsidy"
            ]
        );
        let steps = v["explanation"].as_array().unwrap();
        assert!(steps
            .iter()
            .all(|s| !s["source"].as_str().unwrap().is_empty()));
        assert!(steps[5]["message"]
            .as_str()
            .unwrap()
            .contains("€ 980,00 × 30 % = € 294,00"));
        // Refused: the steps that were computed, none about amounts.
        let refused = run(json!({
            "size": "large", "service": "training", "theme": "innovatie", "cost": "500"
        }));
        assert_eq!(
            codes(&refused, "explanation"),
            ["regime", "cost", "remaining_budget"]
        );
    }

    #[test]
    fn a_cost_breakdown_counts_only_what_is_eligible() {
        // 800 fee + catering 200 for 2 days × 3 persons (limit 150) + material 50 kept
        // afterwards + travel 30 tied + exam 100: 800 + 150 + 0 + 30 + 0 = 980.
        let v = run(json!({
            "size": "small", "service": "training", "theme": "innovatie",
            "costs": {
                "fee": "800.00",
                "catering": { "total": "200.00", "days": 2, "persons": 3, "functionally_tied": true },
                "course_material": { "amount": "50.00", "used_only_during_training": false },
                "travel": { "amount": "30.00", "functionally_tied": true },
                "exam_fees": "100.00"
            }
        }));
        assert_eq!(v["cost"], "980.00");
        assert_eq!(v["subsidy"], "294.00");
        let lines = v["cost_lines"].as_array().unwrap();
        let got: Vec<(&str, &str, &str, Option<&str>)> = lines
            .iter()
            .map(|l| {
                (
                    l["kind"].as_str().unwrap(),
                    l["claimed"].as_str().unwrap(),
                    l["eligible"].as_str().unwrap(),
                    l.get("reason").map(|r| r["code"].as_str().unwrap()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("fee", "800.00", "800.00", None),
                ("catering", "200.00", "150.00", Some("catering_above_limit")),
                (
                    "course_material",
                    "50.00",
                    "0.00",
                    Some("course_material_not_exclusive")
                ),
                ("travel", "30.00", "30.00", None),
                ("exam_fees", "100.00", "0.00", Some("exam_fees_excluded")),
            ]
        );
        let cost_step = &v["explanation"][1]["message"];
        assert!(cost_step
            .as_str()
            .unwrap()
            .contains("Van de opgegeven € 1.180,00"));
    }

    #[test]
    fn a_breakdown_below_the_minimum_once_excluded_costs_are_left_out_is_refused() {
        let v = run(json!({
            "size": "small", "service": "training", "theme": "innovatie",
            "costs": { "fee": "60.00", "exam_fees": "50.00" }
        }));
        assert_eq!(v["eligible"], false);
        assert_eq!(codes(&v, "reasons"), ["cost_below_minimum"]);
        assert_eq!(v["cost_lines"][1]["reason"]["code"], "exam_fees_excluded");
    }

    #[test]
    fn cost_and_costs_are_exclusive_and_the_breakdown_names_each_wrong_field() {
        let base = json!({ "size": "small", "service": "training", "theme": "innovatie" });
        let with = |extra: Value| {
            let mut b = base.clone();
            b.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            SimulationRequest::from_json(&b, today())
                .unwrap_err()
                .iter()
                .map(|e| (e.field.clone(), e.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            with(json!({ "cost": "500", "costs": { "fee": "500" } })),
            [("costs".to_string(), "cost_and_costs")]
        );
        assert_eq!(with(json!({})), [("cost".to_string(), "required")]);
        assert_eq!(
            with(json!({ "costs": {
                "fee": "-0",
                "catering": { "total": "250.500", "days": 0, "persons": "3", "tied": true },
                "travel": [],
                "exam_fees": 5
            } })),
            [
                ("costs.fee".to_string(), "negative_amount"),
                ("costs.catering.total".to_string(), "too_many_decimals"),
                ("costs.catering.days".to_string(), "invalid_count"),
                ("costs.catering.persons".to_string(), "invalid_count"),
                ("costs.catering.functionally_tied".to_string(), "required"),
                ("costs.catering.tied".to_string(), "unknown_field"),
                ("costs.travel".to_string(), "expected_object"),
                ("costs.exam_fees".to_string(), "expected_string"),
            ]
        );
    }
}
