//! The application wizard's draft: what the enterprise typed in steps 1 to 4, kept in
//! localStorage per enterprise so a reload or going back and forth loses nothing (the manual
//! warns "tussentijdse stappen worden niet opgeslagen"; here they are).
//!
//! Every check is `shared`'s: [`Draft::field_errors`] reads the draft as typed with
//! `ApplicationForm::from_json`, exactly as the API reads its body, [`Draft::to_request`] turns
//! a draft that passes into the API's `ApplicationRequest`, and [`Draft::simulation`] runs the
//! simulator.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use shared::api::enterprise::ApplicationRequest;
use shared::api::public::{MoneyInput, SubthemeId, ThemeId};
use shared::application::ApplicationForm;
use shared::costs::TypedCosts;
use shared::error::FieldError;
use shared::money::Money;
use shared::simulate::{Outcome, Simulation, TypedSimulation};

/// The step (1 to 4) each field of the API body is entered in.
const FIELD_STEPS: [(&str, u8); 18] = [
    ("nace", 1),
    ("service", 2),
    ("name", 2),
    ("training_kind", 2),
    ("theme", 2),
    ("subtheme", 2),
    ("hours", 2),
    ("participants", 2),
    ("enrolled_on", 2),
    ("starts_on", 2),
    ("contributes_to_business", 2),
    ("cost", 2),
    ("costs", 2),
    ("provider", 3),
    ("declaration_accepted", 4),
    ("no_related_party", 4),
    ("participants_are_workers", 4),
    ("attendance_at_least_80", 4),
];

/// The fields of `step`, in the API's names.
fn fields_of(step: u8) -> impl Iterator<Item = &'static str> {
    FIELD_STEPS
        .into_iter()
        .filter(move |(_, s)| *s == step)
        .map(|(f, _)| f)
}

/// The draft, stored in localStorage as this JSON (gloo-storage) under [`Draft::storage_key`].
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
    /// "Kosten opsplitsen": the costs by kind, instead of `cost`.
    pub costs: Option<TypedCosts>,
    pub provider: String,
    pub declaration: bool,
    /// Step 4's statements (`shared::application::Declarations`).
    pub no_related_party: bool,
    pub participants_are_workers: bool,
    pub attendance_at_least_80: bool,
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
            costs: None,
            provider: String::new(),
            declaration: false,
            no_related_party: false,
            participants_are_workers: false,
            attendance_at_least_80: false,
            key: String::new(),
            touched: Vec::new(),
        }
    }
}

impl Draft {
    pub fn storage_key(enterprise: &str) -> String {
        format!("kmo-aanvraag-{enterprise}")
    }

    /// Takes the simulator's service, theme, sub-theme and cost (`/aanvraag?service=…`) over
    /// what was typed: the person came from a simulation to apply for exactly that.
    pub fn prefill(&mut self, param: impl Fn(&str) -> Option<String>) {
        let Some(theme) = param("theme") else {
            return;
        };
        self.theme = theme;
        self.subtheme = param("subtheme").unwrap_or_default();
        if let Some(service) = param("service") {
            self.service = service;
        }
        if let Some(cost) = param("cost") {
            self.cost = cost;
            self.costs = None;
        }
    }

    /// Step 4's statements the service needs and the person has not ticked (shared's rule).
    pub fn missing_declarations(&self) -> Vec<shared::error::Reason> {
        let service = shared::service::ServiceType::parse(&self.service)
            .unwrap_or(shared::service::ServiceType::Training);
        shared::application::Declarations {
            no_related_party: self.no_related_party,
            participants_are_workers: self.participants_are_workers,
            attendance_at_least_80: self.attendance_at_least_80,
        }
        .missing(service)
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

    fn hours_for_api(&self) -> String {
        self.hours.trim().replace(',', ".")
    }

    /// One name per non-empty line; none for an advice.
    fn participants(&self) -> Vec<String> {
        if !self.is_training() {
            return Vec::new();
        }
        self.participants
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The draft in the API's field names, as typed: what `shared` checks.
    fn as_typed(&self) -> TypedApplication<'_> {
        TypedApplication {
            nace: self.nace.trim(),
            service: &self.service,
            name: self.name.trim(),
            training_kind: Some(self.training_kind.as_str())
                .filter(|k| self.is_training() && !k.is_empty()),
            theme: &self.theme,
            subtheme: Some(self.subtheme.as_str()).filter(|s| !s.is_empty()),
            hours: self.hours_for_api(),
            participants: self.participants(),
            enrolled_on: &self.enrolled_on,
            starts_on: &self.starts_on,
            contributes_to_business: match self.contributes.as_str() {
                "ja" => Some(true),
                "nee" => Some(false),
                _ => None,
            },
            cost: self.costs.is_none().then(|| self.cost_for_api()),
            costs: self.costs.as_ref().map(TypedCosts::to_request),
            provider: self.provider.trim(),
            declaration_accepted: self.declaration,
            no_related_party: self.no_related_party,
            participants_are_workers: self.participants_are_workers,
            attendance_at_least_80: self.attendance_at_least_80,
        }
    }

    fn form(&self) -> Result<ApplicationForm, Vec<FieldError>> {
        let typed = serde_json::to_value(self.as_typed()).map_err(|_| {
            vec![FieldError::new(
                "",
                "invalid_request",
                "Ongeldige aanvraag.",
            )]
        })?;
        ApplicationForm::from_json(&typed)
    }

    /// The body of `POST /api/v1/applications`, or every field error `shared` finds (the ones
    /// the API would answer with 400).
    pub fn to_request(&self) -> Result<ApplicationRequest, Vec<FieldError>> {
        let form = self.form()?;
        Ok(ApplicationRequest {
            nace: self.nace.trim().to_string(),
            service: form.service,
            name: self.name.trim().to_string(),
            training_kind: form.training_kind,
            theme: ThemeId(form.theme),
            subtheme: form.subtheme.map(SubthemeId),
            hours: self.hours_for_api(),
            participants: Some(self.participants()),
            enrolled_on: form.enrolled_on,
            starts_on: form.starts_on,
            contributes_to_business: form.contributes_to_business,
            cost: self
                .costs
                .is_none()
                .then(|| MoneyInput(self.cost_for_api())),
            // Read by shared already (`form`), so the breakdown reads as its API type.
            costs: match &self.costs {
                None => None,
                Some(c) => Some(
                    shared::api::reader::from_tree(&c.to_request()).map_err(|_| {
                        vec![FieldError::new(
                            "costs",
                            "invalid_costs",
                            "Ongeldige kosten.",
                        )]
                    })?,
                ),
            },
            provider: form.provider,
            declaration_accepted: form.declaration_accepted,
            no_related_party: Some(form.declarations.no_related_party),
            participants_are_workers: form
                .service
                .eq(&shared::service::ServiceType::Training)
                .then_some(form.declarations.participants_are_workers),
            attendance_at_least_80: form
                .service
                .eq(&shared::service::ServiceType::Training)
                .then_some(form.declarations.attendance_at_least_80),
        })
    }

    /// Every field error `shared` finds in the draft.
    pub fn field_errors(&self) -> Vec<FieldError> {
        self.form().err().unwrap_or_default()
    }

    /// The message to show beside `field`: only once the person touched it (or the group it
    /// belongs to: `costs` for `costs.catering.days`).
    pub fn error_for(&self, errors: &[FieldError], field: &str) -> Option<String> {
        if !self.touched.iter().any(|t| t == field || t == group(field)) {
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
        let step = step.clamp(1, 4);
        for f in fields_of(step) {
            self.touch(f);
        }
        let errors = self.field_errors();
        !errors
            .iter()
            .any(|e| fields_of(step).any(|f| f == group(&e.field)))
    }

    /// The first step holding one of `fields`, to go back to when the server names them.
    pub fn step_of(fields: &[String]) -> Option<u8> {
        FIELD_STEPS
            .into_iter()
            .filter(|(f, _)| fields.iter().any(|x| group(x) == *f))
            .map(|(_, s)| s)
            .min()
    }

    /// The amounts of step 2, as the simulator computes them for this enterprise's size and
    /// what it already used this year (both from the API).
    pub fn simulation(&self, size: &str, used: &str, today: NaiveDate) -> Option<Simulation> {
        let no_cost = match &self.costs {
            None => self.cost.trim().is_empty(),
            Some(c) => c.fee.trim().is_empty(),
        };
        if no_cost || self.theme.is_empty() {
            return None;
        }
        let typed = TypedSimulation {
            size: size.to_string(),
            service: self.service.clone(),
            theme: self.theme.clone(),
            subtheme: self.subtheme.clone(),
            cost: self.cost.clone(),
            costs: self.costs.clone(),
            date: today.to_string(),
            used_this_year: used.to_string(),
        };
        match typed.evaluate(today) {
            Outcome::Computed(simulation) => Some(*simulation),
            Outcome::Empty | Outcome::Invalid(_) => None,
        }
    }
}

/// The top-level field a field's error belongs to: `costs` for `costs.catering.days`.
fn group(field: &str) -> &str {
    field.split(['.', '[']).next().unwrap_or(field)
}

/// A draft in the API's field names with its values as typed (text, not yet valid), so that
/// `ApplicationForm::from_json` names what is wrong exactly as the API would.
#[derive(Serialize)]
struct TypedApplication<'a> {
    nace: &'a str,
    service: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    training_kind: Option<&'a str>,
    theme: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtheme: Option<&'a str>,
    hours: String,
    participants: Vec<String>,
    enrolled_on: &'a str,
    starts_on: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    contributes_to_business: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    costs: Option<serde_json::Value>,
    provider: &'a str,
    declaration_accepted: bool,
    no_related_party: bool,
    participants_are_workers: bool,
    attendance_at_least_80: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

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
            no_related_party: true,
            participants_are_workers: true,
            attendance_at_least_80: true,
            ..Draft::default()
        }
    }

    /// The body as sent.
    fn body(d: &Draft) -> Value {
        serde_json::to_value(d.to_request().expect("a valid draft")).unwrap()
    }

    #[test]
    fn a_complete_draft_is_the_api_body_shared_accepts() {
        let d = filled();
        let body = body(&d);
        assert_eq!(body["cost"], "1250.00");
        assert_eq!(body["participants"], json!(["Jan Peeters", "An Claes"]));
        assert_eq!(body["contributes_to_business"], true);
        assert!(d.field_errors().is_empty(), "{:?}", d.field_errors());
    }

    /// "Kosten opsplitsen": the breakdown goes instead of `cost`; only what counts is subsidised.
    #[test]
    fn a_draft_with_costs_split_sends_the_breakdown_and_computes_what_counts() {
        let mut d = Draft {
            costs: Some(TypedCosts {
                fee: "800".into(),
                catering: "200".into(),
                catering_days: "2".into(),
                catering_persons: "3".into(),
                catering_tied: true,
                exam_fees: "100".into(),
                ..TypedCosts::default()
            }),
            ..filled()
        };
        let b = body(&d);
        assert!(b.get("cost").is_none(), "{b}");
        assert_eq!(b["costs"]["fee"], "800.00");
        assert_eq!(b["costs"]["catering"]["persons"], 3);
        assert_eq!(b["costs"]["exam_fees"], "100.00");
        // 800 + 150 (€ 25 × 2 × 3) counts, the exam fees never: 950 at 30 %.
        let sim = d.simulation("small", "0.00", today()).unwrap();
        assert_eq!(sim.amounts.unwrap().project_amount.to_string(), "950.00");
        assert_eq!(sim.cost_lines.len(), 3);
        // A wrong count keeps the person in step 2, named beside its field.
        d.costs.as_mut().unwrap().catering_days = "twee".into();
        assert!(!d.try_leave(2));
        let errors = d.field_errors();
        assert!(d.error_for(&errors, "costs.catering.days").is_some());
        assert_eq!(Draft::step_of(&["costs.catering.days".into()]), Some(2));
        assert!(d.to_request().is_err());
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
        let body = body(&d);
        assert_eq!(body["participants"], json!([]));
        assert!(body.get("training_kind").is_none());
    }

    #[test]
    fn the_draft_survives_storage() {
        // Kept as its JSON by gloo-storage, read back as the wizard reads it.
        use shared::api::reader;
        let d = filled();
        let stored = serde_json::to_string(&d).unwrap();
        assert_eq!(reader::read::<Draft>(&stored).ok(), Some(d));
        assert_eq!(reader::read::<Draft>("{}").map(|d| d.step).ok(), Some(1));
    }

    #[test]
    fn a_draft_with_errors_is_not_sent_but_named_as_the_api_would() {
        let d = Draft {
            provider: "DV.X1".into(),
            ..filled()
        };
        let errors = d.to_request().unwrap_err();
        assert_eq!(errors, d.field_errors());
        assert_eq!(errors[0].field, "provider");
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

    #[test]
    fn the_statements_of_step_four_are_sent_where_they_apply() {
        let d = filled();
        let body = body(&d);
        assert_eq!(body["no_related_party"], true);
        assert_eq!(body["attendance_at_least_80"], true);
        let advice = Draft {
            service: "advice".into(),
            theme: "digitalisering".into(),
            subtheme: "cybersecurity".into(),
            participants: String::new(),
            attendance_at_least_80: false,
            participants_are_workers: false,
            ..filled()
        };
        assert!(advice.missing_declarations().is_empty());
        let b = serde_json::to_value(advice.to_request().unwrap()).unwrap();
        assert!(b.get("attendance_at_least_80").is_none());
        let unticked = Draft {
            no_related_party: false,
            ..filled()
        };
        let codes: Vec<_> = unticked
            .missing_declarations()
            .iter()
            .map(|r| r.code)
            .collect();
        assert_eq!(codes, ["related_party_not_excluded"]);
    }

    #[test]
    fn the_simulators_choices_fill_step_two() {
        let mut d = Draft {
            cost: "5".into(),
            ..Draft::default()
        };
        let params = [
            ("service", "advice"),
            ("theme", "digitalisering"),
            ("subtheme", "cybersecurity"),
            ("cost", "1250.00"),
        ];
        d.prefill(|n| {
            params
                .iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| v.to_string())
        });
        assert_eq!(
            (
                d.service.as_str(),
                d.theme.as_str(),
                d.subtheme.as_str(),
                d.cost.as_str()
            ),
            ("advice", "digitalisering", "cybersecurity", "1250.00")
        );
        let mut untouched = Draft::default();
        untouched.prefill(|_| None);
        assert_eq!(untouched, Draft::default());
    }
}
