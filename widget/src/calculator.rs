//! The calculator's form as text, turned into the body of `POST /api/v1/simulate` and computed
//! by `shared` exactly as the API computes it: the widget has no rule of its own.

/// The form's fields as typed (fixed choices arrive as hidden fields), and what they show:
/// both from `shared`, computed exactly as the API computes.
pub use shared::simulate::{Outcome, TypedSimulation as Entry};

/// The fields a visitor types, whose errors are shown beside them.
pub const TYPED_FIELDS: [&str; 3] = ["cost", "used_this_year", "date"];

/// Reads the fields by name (a missing field reads as empty).
pub fn read_entry(field: impl Fn(&str) -> Option<String>) -> Entry {
    let get = |name: &str| field(name).unwrap_or_default();
    Entry {
        size: get("size"),
        service: get("service"),
        theme: get("theme"),
        subtheme: get("subtheme"),
        cost: get("cost"),
        // The widget stays with one price (issue 13): the breakdown is the simulator's.
        costs: None,
        date: get("date"),
        used_this_year: get("used_this_year"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde_json::json;

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
        let e = read_entry(|name| (name == "cost").then(|| "980".to_string()));
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
