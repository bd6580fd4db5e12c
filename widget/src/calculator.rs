//! The calculator's form as text, turned into the body of `POST /api/v1/simulate` and computed
//! by `shared` exactly as the API computes it: the widget has no rule of its own.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use shared::error::FieldError;
use shared::money::Money;
use shared::simulate::{simulate, Simulation, SimulationRequest};

/// The form's fields as typed (fixed choices arrive as hidden fields).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub size: String,
    pub service: String,
    pub theme: String,
    pub subtheme: String,
    /// Belgian notation allowed: `1.250,00`.
    pub cost: String,
    /// `YYYY-MM-DD`; empty means today.
    pub date: String,
    pub used_this_year: String,
}

/// What the result panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No cost yet.
    Empty,
    /// Fields the rules cannot read, each with its message.
    Invalid(Vec<FieldError>),
    Computed(Simulation),
}

/// The fields a visitor types, whose errors are shown beside them.
pub const TYPED_FIELDS: [&str; 3] = ["cost", "used_this_year", "date"];

impl Entry {
    /// Reads the fields by name (a missing field reads as empty).
    pub fn read(field: impl Fn(&str) -> Option<String>) -> Entry {
        let get = |name: &str| field(name).unwrap_or_default();
        Entry {
            size: get("size"),
            service: get("service"),
            theme: get("theme"),
            subtheme: get("subtheme"),
            cost: get("cost"),
            date: get("date"),
            used_this_year: get("used_this_year"),
        }
    }

    /// The API body. Belgian amounts become the API form; anything else is passed on as typed,
    /// so the rules crate names what is wrong with it.
    pub fn to_request(&self) -> Value {
        let money = |s: &str| match Money::parse_nl(s) {
            Ok(m) => m.to_string(),
            Err(_) => s.trim().to_string(),
        };
        let mut body = Map::new();
        for (field, value) in [
            ("size", self.size.clone()),
            ("service", self.service.clone()),
            ("theme", self.theme.clone()),
            ("cost", money(&self.cost)),
        ] {
            body.insert(field.into(), json!(value));
        }
        for (field, value) in [
            ("subtheme", self.subtheme.clone()),
            ("date", self.date.clone()),
            ("used_this_year", money(&self.used_this_year)),
        ] {
            if !value.trim().is_empty() {
                body.insert(field.into(), json!(value));
            }
        }
        Value::Object(body)
    }

    pub fn evaluate(&self, today: NaiveDate) -> Outcome {
        if self.cost.trim().is_empty() {
            return Outcome::Empty;
        }
        match SimulationRequest::from_json(&self.to_request(), today) {
            Ok(request) => Outcome::Computed(simulate(&request)),
            Err(errors) => Outcome::Invalid(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn entry(cost: &str) -> Entry {
        Entry {
            size: "small".into(),
            service: "training".into(),
            theme: "digitalisering".into(),
            subtheme: "software".into(),
            cost: cost.into(),
            ..Entry::default()
        }
    }

    #[test]
    fn the_issue_example_1250_costs_875_for_a_small_enterprise() {
        let Outcome::Computed(sim) = entry("1250.00").evaluate(today()) else {
            panic!("expected a result");
        };
        let a = sim.amounts.expect("eligible");
        assert_eq!(a.subsidy.to_string(), "375.00");
        assert_eq!(a.own_contribution.to_string(), "875.00");
    }

    #[test]
    fn the_body_is_the_api_body() {
        let mut e = entry("1.250,00");
        e.used_this_year = "7.000".into();
        assert_eq!(
            e.to_request(),
            json!({
                "size": "small", "service": "training", "theme": "digitalisering",
                "subtheme": "software", "cost": "1250.00", "used_this_year": "7000.00"
            })
        );
    }

    #[test]
    fn missing_fields_read_as_empty_and_are_left_out_when_optional() {
        let e = Entry::read(|name| (name == "cost").then(|| "980".to_string()));
        assert_eq!(e.cost, "980");
        let body = e.to_request();
        assert!(body.get("subtheme").is_none() && body.get("date").is_none());
        assert_eq!(body["size"], "");
    }

    #[test]
    fn no_cost_means_nothing_to_show_yet() {
        assert_eq!(entry("  ").evaluate(today()), Outcome::Empty);
    }

    #[test]
    fn unreadable_amounts_are_named_by_field() {
        let mut e = entry("twaalf");
        e.used_this_year = "veel".into();
        let Outcome::Invalid(errors) = e.evaluate(today()) else {
            panic!("expected errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["cost", "used_this_year"]);
    }
}
