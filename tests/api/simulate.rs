//! `POST /api/v1/simulate`: the contract of issue 2, through the real Worker.

use chrono::NaiveDate;
use kmo_blackbox::{post_json, post_raw};
use serde_json::{json, Value};
use shared::simulate::{simulate, SimulationRequest};

const PATH: &str = "/api/v1/simulate";

fn eligible(body: Value) -> Value {
    let a = post_json(PATH, &body);
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["eligible"], true, "{}", a.body);
    a.body
}

#[test]
fn small_enterprise_training_980_gives_294_subsidy_and_686_own_contribution() {
    let v = eligible(json!({
        "size": "small", "service": "training", "theme": "digitalisering",
        "subtheme": "software", "cost": "980.00", "date": "2026-11-22", "used_this_year": "0.00"
    }));
    assert_eq!(v["rate"], "0.30");
    assert_eq!(v["project_amount"], "980.00");
    assert_eq!(v["own_contribution"], "686.00");
    assert_eq!(v["subsidy"], "294.00");
    assert_eq!(v["remaining_after"], "7206.00");
    assert_eq!(v["regime"], "kmo-2026-02");
    assert!(v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "taxable"));
}

#[test]
fn higher_rates_for_cybersecurity_and_energy_efficiency_training() {
    let cyber = eligible(json!({
        "size": "medium", "service": "advice", "theme": "digitalisering",
        "subtheme": "cybersecurity", "cost": "2000", "date": "2026-11-22"
    }));
    assert_eq!(cyber["rate"], "0.35");
    assert_eq!(cyber["subsidy"], "700.00");
    let energy = eligible(json!({
        "size": "small", "service": "training", "theme": "duurzaamheid",
        "subtheme": "energie-efficientie", "cost": "1000.00", "date": "2026-11-22"
    }));
    assert_eq!(energy["rate"], "0.45");
    assert_eq!(energy["own_contribution"], "550.00");
}

#[test]
fn energy_efficiency_advice_had_the_higher_rate_before_february_2026_only() {
    let body = |date: &str| {
        json!({
            "size": "small", "service": "advice", "theme": "duurzaamheid",
            "subtheme": "energie-efficientie", "cost": "1000.00", "date": date
        })
    };
    assert_eq!(eligible(body("2026-01-31"))["rate"], "0.45");
    let after = post_json(PATH, &body("2026-02-01"));
    assert_eq!(after.status, 200);
    assert_eq!(after.body["eligible"], false);
    assert_eq!(after.codes("reasons"), ["advice_only_cybersecurity"]);
}

#[test]
fn the_project_is_capped_so_the_subsidy_fits_the_remaining_ceiling() {
    let v = eligible(json!({
        "size": "small", "service": "training", "theme": "innovatie",
        "cost": "10000.00", "used_this_year": "7000.00", "date": "2026-11-22"
    }));
    assert_eq!(v["project_amount"], "1666.66");
    assert_eq!(v["subsidy"], "500.00");
    assert_eq!(v["own_contribution"], "1166.66");
    assert_eq!(v["remaining_after"], "0.00");
}

#[test]
fn not_eligible_answers_200_with_every_reason_in_dutch() {
    let a = post_json(
        PATH,
        &json!({
            "size": "large", "service": "training", "theme": "innovatie",
            "cost": "99.99", "used_this_year": "7500.00", "date": "2026-11-22"
        }),
    );
    assert_eq!(a.status, 200);
    assert_eq!(a.body["eligible"], false);
    assert_eq!(
        a.codes("reasons"),
        ["enterprise_large", "cost_below_minimum", "ceiling_reached"]
    );
    assert!(a.body["reasons"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Grote ondernemingen"));
    assert!(a.body.get("subsidy").is_none());
}

#[test]
fn malformed_input_is_400_naming_each_field() {
    let a = post_json(
        PATH,
        &json!({
            "size": "tiny", "service": "training", "theme": "marketing",
            "cost": "-1", "date": "2026-02-30", "used_this_year": "lots"
        }),
    );
    assert_eq!(a.status, 400);
    let got = a.field_errors();
    let expected = [
        ("size", "unknown_value"),
        ("theme", "unknown_value"),
        ("cost", "negative_amount"),
        ("date", "invalid_date"),
        ("used_this_year", "not_a_number"),
    ];
    assert_eq!(
        got,
        expected
            .map(|(f, c)| (f.to_string(), c.to_string()))
            .to_vec()
    );
    for e in a.body["errors"].as_array().unwrap() {
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn absurd_amounts_numbers_instead_of_strings_and_old_dates_are_refused() {
    let base = json!({ "size": "small", "service": "training", "theme": "innovatie" });
    let with = |field: &str, value: Value| {
        let mut b = base.clone();
        b["cost"] = json!("500");
        b[field] = value;
        post_json(PATH, &b)
    };
    let cases = [
        ("cost", json!("1e9"), "not_a_number"),
        (
            "cost",
            json!("99999999999999999999999999999999"),
            "not_a_number",
        ),
        ("cost", json!("10000000.01"), "amount_too_large"),
        ("cost", json!("12.345"), "too_many_decimals"),
        ("cost", json!(980), "expected_string"),
        ("date", json!("2022-12-31"), "date_not_supported"),
        ("used_this_year", json!("7500.01"), "above_ceiling"),
        ("colour", json!("red"), "unknown_field"),
    ];
    for (field, value, code) in cases {
        let a = with(field, value.clone());
        assert_eq!(a.status, 400, "{field}={value}: {}", a.body);
        assert_eq!(
            a.field_errors()[0],
            (field.to_string(), code.to_string()),
            "{field}={value}"
        );
    }
}

#[test]
fn bodies_that_are_not_json_objects_are_400_and_huge_bodies_413() {
    let not_json = post_raw(PATH, "application/json", "{ this is not json");
    assert_eq!(not_json.status, 400);
    assert_eq!(not_json.codes("errors"), ["invalid_json"]);
    let array = post_raw(PATH, "application/json", "[1,2,3]");
    assert_eq!(array.status, 400);
    assert_eq!(array.codes("errors"), ["body_not_an_object"]);
    let huge = post_raw(PATH, "application/json", &" ".repeat(70 * 1024));
    assert_eq!(huge.status, 413);
    let text = post_raw(PATH, "text/plain", "{}");
    assert_eq!(text.status, 415);
}

#[test]
fn the_api_answers_exactly_what_the_rules_crate_computes() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    for size in ["small", "medium"] {
        for (theme, sub) in [
            ("digitalisering", "cybersecurity"),
            ("duurzaamheid", "recyclage"),
            ("innovatie", ""),
        ] {
            for cost in ["100.00", "333.33", "980.00", "12345.67", "99999.99"] {
                for used in ["0.00", "7000.00", "7499.99"] {
                    let mut body = json!({
                        "size": size, "service": "training", "theme": theme,
                        "cost": cost, "used_this_year": used, "date": "2026-11-22"
                    });
                    if !sub.is_empty() {
                        body["subtheme"] = json!(sub);
                    }
                    let local = SimulationRequest::from_json(&body, today).unwrap();
                    let expected = serde_json::to_value(simulate(&local)).unwrap();
                    let a = post_json(PATH, &body);
                    assert_eq!(a.status, 200);
                    assert_eq!(a.body, expected, "{body}");
                }
            }
        }
    }
}
