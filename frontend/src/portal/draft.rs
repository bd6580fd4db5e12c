//! The application wizard's draft: what the enterprise typed in steps 1 to 4, kept in
//! localStorage per enterprise so a reload or going back and forth loses nothing (the manual
//! warns "tussentijdse stappen worden niet opgeslagen"; here they are).
//!
//! Every check is `shared`'s: [`Draft::field_errors`] reads the draft as the API body with
//! `ApplicationForm::from_json`, and [`Draft::simulation`] runs the simulator.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use shared::application::ApplicationForm;
use shared::error::FieldError;
use shared::money::Money;
use shared::simulate::{simulate, Simulation, SimulationRequest};

/// The fields of each step, in the API's names.
pub const STEP_FIELDS: [&[&str]; 4] = [
    &["nace"],
    &[
        "service",
        "name",
        "training_kind",
        "theme",
        "subtheme",
        "hours",
        "participants",
        "enrolled_on",
        "starts_on",
        "contributes_to_business",
        "cost",
    ],
    &["provider"],
    &["declaration_accepted"],
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// 1 to 4 while editing.
    pub step: u8,
    pub nace: String,
    pub service: String,
    pub name: String,
    pub training_kind: String,
    pub theme: String,
    pub subtheme: String,
    pub hours: String,
    /// One participant per line.
    pub participants: String,
    pub enrolled_on: String,
    pub starts_on: String,
    /// "ja", "nee" or nothing chosen yet.
    pub contributes: String,
    /// Belgian notation allowed: `1.250,00`.
    pub cost: String,
    pub provider: String,
    pub declaration: bool,
    /// The Idempotency-Key of this application: a retried submit cannot apply twice.
    pub key: String,
    /// The fields the person has left or tried to go past; their errors are shown.
    pub touched: Vec<String>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            step: 1,
            nace: String::new(),
            service: "training".into(),
            name: String::new(),
            training_kind: "classroom".into(),
            theme: String::new(),
            subtheme: String::new(),
            hours: String::new(),
            participants: String::new(),
            enrolled_on: String::new(),
            starts_on: String::new(),
            contributes: String::new(),
            cost: String::new(),
            provider: String::new(),
            declaration: false,
            key: String::new(),
            touched: Vec::new(),
        }
    }
}

impl Draft {
    pub fn storage_key(enterprise: &str) -> String {
        format!("kmo-aanvraag-{enterprise}")
    }

    pub fn from_storage(text: &str) -> Option<Draft> {
        serde_json::from_str(text).ok()
    }

    pub fn to_storage(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn is_training(&self) -> bool {
        self.service == "training"
    }

    fn cost_for_api(&self) -> String {
        match Money::parse_nl(&self.cost) {
            Ok(m) => m.to_string(),
            Err(_) => self.cost.trim().to_string(),
        }
    }

    /// The body of `POST /api/v1/applications`.
    pub fn to_request(&self) -> Value {
        let participants: Vec<&str> = self
            .participants
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut body = json!({
            "nace": self.nace.trim(),
            "service": self.service,
            "name": self.name.trim(),
            "theme": self.theme,
            "hours": self.hours.trim().replace(',', "."),
            "participants": if self.is_training() { participants } else { Vec::new() },
            "enrolled_on": self.enrolled_on,
            "starts_on": self.starts_on,
            "cost": self.cost_for_api(),
            "provider": self.provider.trim(),
            "declaration_accepted": self.declaration,
        });
        if self.is_training() && !self.training_kind.is_empty() {
            body["training_kind"] = json!(self.training_kind);
        }
        if !self.subtheme.is_empty() {
            body["subtheme"] = json!(self.subtheme);
        }
        match self.contributes.as_str() {
            "ja" => body["contributes_to_business"] = json!(true),
            "nee" => body["contributes_to_business"] = json!(false),
            _ => {}
        }
        body
    }

    /// Every field error `shared` finds in the draft.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match ApplicationForm::from_json(&self.to_request()) {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        }
    }

    /// The message to show beside `field`: only once the person touched it.
    pub fn error_for(&self, errors: &[FieldError], field: &str) -> Option<String> {
        if !self.touched.iter().any(|t| t == field) {
            return None;
        }
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }

    pub fn touch(&mut self, field: &str) {
        if !self.touched.iter().any(|t| t == field) {
            self.touched.push(field.to_string());
        }
    }

    /// Whether `step` (1 to 4) has no error left; touches all its fields so they show.
    pub fn try_leave(&mut self, step: u8) -> bool {
        let fields = STEP_FIELDS[usize::from(step.clamp(1, 4) - 1)];
        for f in fields {
            self.touch(f);
        }
        let errors = self.field_errors();
        !errors.iter().any(|e| fields.contains(&e.field.as_str()))
    }

    /// The first step holding one of `fields`, to go back to when the server names them.
    pub fn step_of(fields: &[String]) -> Option<u8> {
        (1u8..=4).find(|s| {
            STEP_FIELDS[usize::from(s - 1)]
                .iter()
                .any(|f| fields.iter().any(|x| x == f))
        })
    }

    /// The amounts of step 2, as the simulator computes them for this enterprise's size and
    /// what it already used this year (both from the API).
    pub fn simulation(&self, size: &str, used: &str, today: NaiveDate) -> Option<Simulation> {
        if self.cost.trim().is_empty() || self.theme.is_empty() {
            return None;
        }
        let mut body = json!({
            "size": size, "service": self.service, "theme": self.theme,
            "cost": self.cost_for_api(), "date": today.to_string(), "used_this_year": used,
        });
        if !self.subtheme.is_empty() {
            body["subtheme"] = json!(self.subtheme);
        }
        SimulationRequest::from_json(&body, today)
            .ok()
            .map(|r| simulate(&r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn filled() -> Draft {
        Draft {
            nace: "62010".into(),
            name: "Veilig online werken".into(),
            theme: "digitalisering".into(),
            subtheme: "software".into(),
            hours: "16".into(),
            participants: "Jan Peeters\n\nAn Claes\n".into(),
            enrolled_on: "2026-11-17".into(),
            starts_on: "2026-11-25".into(),
            contributes: "ja".into(),
            cost: "1.250,00".into(),
            provider: "DV.O123456".into(),
            declaration: true,
            ..Draft::default()
        }
    }

    #[test]
    fn a_complete_draft_is_the_api_body_shared_accepts() {
        let d = filled();
        let body = d.to_request();
        assert_eq!(body["cost"], "1250.00");
        assert_eq!(body["participants"], json!(["Jan Peeters", "An Claes"]));
        assert_eq!(body["contributes_to_business"], true);
        assert!(d.field_errors().is_empty(), "{:?}", d.field_errors());
    }

    #[test]
    fn errors_show_only_for_touched_fields() {
        let mut d = Draft {
            nace: "12".into(),
            ..Draft::default()
        };
        let errors = d.field_errors();
        assert_eq!(d.error_for(&errors, "nace"), None);
        assert!(!d.try_leave(1));
        assert!(d.error_for(&d.field_errors(), "nace").is_some());
        d.nace = "62010".into();
        assert!(d.try_leave(1));
    }

    #[test]
    fn an_advice_sends_no_participants_nor_training_kind() {
        let d = Draft {
            service: "advice".into(),
            ..filled()
        };
        let body = d.to_request();
        assert_eq!(body["participants"], json!([]));
        assert!(body.get("training_kind").is_none());
    }

    #[test]
    fn the_draft_survives_storage() {
        let d = filled();
        assert_eq!(Draft::from_storage(&d.to_storage()), Some(d));
        assert_eq!(Draft::from_storage("{}").map(|d| d.step), Some(1));
    }

    #[test]
    fn server_errors_lead_back_to_their_step() {
        assert_eq!(Draft::step_of(&["cost".into()]), Some(2));
        assert_eq!(Draft::step_of(&["provider".into()]), Some(3));
        assert_eq!(Draft::step_of(&["x".into()]), None);
    }

    #[test]
    fn live_amounts_come_from_the_simulator() {
        let d = Draft {
            cost: "980".into(),
            subtheme: String::new(),
            ..filled()
        };
        let sim = d.simulation("small", "0.00", today()).unwrap();
        let a = sim.amounts.unwrap();
        assert_eq!(a.subsidy.to_string(), "294.00");
        assert_eq!(a.own_contribution.to_string(), "686.00");
    }
}
