//! Issue 13 through the real Worker: costs split by kind, "Hoe berekend?" with legal sources,
//! the rule sets with their parameters, and amounts read the strict way.

use kmo_blackbox::{get, post_json};
use serde_json::{json, Value};

const PATH: &str = "/api/v1/simulate";

#[test]
fn every_simulation_explains_itself_step_by_step_with_its_legal_source() {
    let a = post_json(
        PATH,
        &json!({
            "size": "small", "service": "advice", "theme": "digitalisering",
            "subtheme": "cybersecurity", "cost": "980.00", "date": "2026-03-02",
            "used_this_year": "7200.00"
        }),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        a.codes("explanation"),
        [
            "regime",
            "cost",
            "rate",
            "remaining_budget",
            "project_amount",
            "subsidy"
        ]
    );
    let step = |i: usize| {
        let s = &a.body["explanation"][i];
        (
            s["message"].as_str().unwrap().to_string(),
            s["source"].as_str().unwrap().to_string(),
        )
    };
    let (regime, source) = step(0);
    assert!(
        regime.contains("'kmo-2026-02' gelden vanaf 01/02/2026"),
        "{regime}"
    );
    assert!(
        regime.contains("de datum van de simulatie 02/03/2026"),
        "{regime}"
    );
    assert!(source.contains("23 januari 2026"), "{source}");
    let (rate, source) = step(2);
    assert!(
        rate.starts_with("45 %: het verhoogde steunpercentage"),
        "{rate}"
    );
    assert!(source.contains("7 september 2021"), "{source}");
    // 300.00 left at 45 %: the project is capped at 666.66, whose 45 % is 299.997 → 300.00.
    assert_eq!(a.body["project_amount"], "666.66");
    assert_eq!(a.body["subsidy"], "300.00");
    let (project, source) = step(4);
    assert!(project.contains("beperkt tot € 666,66"), "{project}");
    assert!(source.contains("Handleiding"), "{source}");
    let (subsidy, source) = step(5);
    assert!(
        subsidy.contains("€ 666,66 × 45 % = € 300,00 (afgerond"),
        "{subsidy}"
    );
    assert!(source.contains("art. 18"), "{source}");
}

#[test]
fn a_cost_breakdown_subsidises_only_what_counts_and_says_why_for_each_part() {
    let a = post_json(
        PATH,
        &json!({
            "size": "small", "service": "training", "theme": "innovatie", "date": "2026-03-02",
            "costs": {
                "fee": "800.00",
                "catering": { "total": "200.00", "days": 2, "persons": 3, "functionally_tied": true },
                "course_material": { "amount": "50.00", "used_only_during_training": true },
                "travel": { "amount": "30.00", "functionally_tied": false },
                "exam_fees": "100.00"
            }
        }),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    // 800 + 150 (€ 25 × 2 days × 3 persons) + 50 + 0 + 0 = 1,000.00 → 30 % = 300.00.
    assert_eq!(a.body["cost"], "1000.00");
    assert_eq!(a.body["subsidy"], "300.00");
    let lines: Vec<(String, String, Option<String>)> = a.body["cost_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap().to_string(),
                l["eligible"].as_str().unwrap().to_string(),
                l["reason"]["code"].as_str().map(str::to_string),
            )
        })
        .collect();
    let expect =
        |k: &str, e: &str, r: Option<&str>| (k.to_string(), e.to_string(), r.map(str::to_string));
    assert_eq!(
        lines,
        [
            expect("fee", "800.00", None),
            expect("catering", "150.00", Some("catering_above_limit")),
            expect("course_material", "50.00", None),
            expect("travel", "0.00", Some("travel_not_tied")),
            expect("exam_fees", "0.00", Some("exam_fees_excluded")),
        ]
    );
    let catering = a.body["cost_lines"][1]["reason"]["message"]
        .as_str()
        .unwrap();
    assert!(
        catering.contains("€ 50,00 van € 200,00 komt niet in aanmerking"),
        "{catering}"
    );
}

#[test]
fn cost_and_costs_together_or_a_wrong_breakdown_is_400_naming_the_field() {
    let base = |extra: Value| {
        let mut b = json!({ "size": "small", "service": "training", "theme": "innovatie" });
        b.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let a = post_json(PATH, &b);
        assert_eq!(a.status, 400, "{}", a.body);
        a.field_errors()
    };
    let pair = |f: &str, c: &str| (f.to_string(), c.to_string());
    assert_eq!(
        base(json!({ "cost": "500", "costs": { "fee": "500" } })),
        [pair("costs", "cost_and_costs")]
    );
    assert_eq!(
        base(
            json!({ "costs": { "fee": "500", "catering": { "total": "10", "days": 0, "persons": 1, "functionally_tied": true } } })
        ),
        [pair("costs.catering.days", "invalid_count")]
    );
    assert_eq!(
        base(json!({ "costs": { "fee": "500", "catering": null } })),
        [pair("costs.catering", "expected_object")]
    );
}

#[test]
fn a_sign_or_a_third_decimal_makes_an_amount_malformed() {
    for (cost, code) in [
        ("-0", "negative_amount"),
        ("-0.00", "negative_amount"),
        ("+5", "not_a_number"),
        ("250.500", "too_many_decimals"),
        ("250.501", "too_many_decimals"),
    ] {
        let a = post_json(
            PATH,
            &json!({ "size": "small", "service": "training", "theme": "innovatie", "cost": cost }),
        );
        assert_eq!(a.status, 400, "{cost}: {}", a.body);
        assert_eq!(
            a.field_errors(),
            [("cost".to_string(), code.to_string())],
            "{cost}"
        );
    }
}

#[test]
fn the_rule_sets_are_published_with_their_parameters_and_sources() {
    let all = get("/api/v1/regimes");
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(all.header("cache-control"), Some("public, max-age=3600"));
    let regimes = all.body["regimes"].as_array().unwrap();
    let ids: Vec<&str> = regimes.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["kmo-2023", "kmo-2026-02"]);
    assert_eq!(regimes[0]["valid_from"], "2023-01-01");
    assert_eq!(regimes[0]["valid_until"], "2026-01-31");
    assert_eq!(regimes[1]["valid_until"], Value::Null);
    let p = &regimes[1]["parameters"];
    assert_eq!(p["annual_ceiling"], "7500.00");
    assert_eq!(p["minimum_cost"], "100.00");
    assert_eq!(
        p["rates"]["small"],
        json!({ "base": "0.30", "higher": "0.45" })
    );
    assert_eq!(
        p["rates"]["medium"],
        json!({ "base": "0.20", "higher": "0.35" })
    );
    assert_eq!(
        p["advice_only_for"],
        json!([{ "theme": "digitalisering", "subtheme": "cybersecurity", "services": ["training", "advice"] }])
    );
    assert_eq!(regimes[0]["parameters"]["advice_only_for"], Value::Null);
    assert_eq!(p["de_minimis_ceiling"], "300000.00");
    assert_eq!(p["catering_per_person_per_day"], "25.00");
    let titles: Vec<&str> = regimes[1]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(titles
        .iter()
        .any(|t| t.starts_with("Decreet van 16 maart 2012")));
    assert!(titles
        .iter()
        .any(|t| t.starts_with("Beslissing van de Vlaamse Regering van 23 januari 2026")));

    let on = get("/api/v1/regimes?on=2026-01-31");
    assert_eq!(on.status, 200);
    assert_eq!(on.body["regime"]["id"], "kmo-2023");
    assert_eq!(on.body["regime"], regimes[0]);
    assert_eq!(
        get("/api/v1/regimes?on=2026-02-01").body["regime"]["id"],
        "kmo-2026-02"
    );
    let old = get("/api/v1/regimes?on=2022-12-31");
    assert_eq!(old.status, 400);
    assert_eq!(
        old.field_errors(),
        [("on".to_string(), "date_not_supported".to_string())]
    );
    let wrong = get("/api/v1/regimes?on=2026-02-30");
    assert_eq!(
        wrong.field_errors(),
        [("on".to_string(), "invalid_date".to_string())]
    );
    assert_eq!(
        get("/api/v1/regimes?on=2026-01-01&on=2026-03-01").status,
        400
    );
}

#[test]
fn the_size_wizard_counts_partners_and_linked_enterprises_and_applies_the_two_year_rule() {
    let path = "/api/v1/size-assessment";
    let figures = |staff: &str, turnover: &str, balance: &str| json!({ "staff_awu": staff, "turnover": turnover, "balance_sheet_total": balance });
    let a = post_json(
        path,
        &json!({
            "own": figures("12.5", "1800000.00", "900000.00"),
            "relations": [
                { "share": "30", "control": false, "figures": figures("140", "20000000", "9000000") },
                { "share": "10", "figures": figures("900", "900000000", "900000000") },
                { "share": "20", "control": true, "figures": figures("2", "100000", "50000") }
            ]
        }),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    // 12.5 + 30 % of 140 (partner) + 0 (autonomous, 10 %) + 2 (linked by control) = 56.5 AWU.
    assert_eq!(a.body["size"], "medium");
    assert_eq!(a.body["established_size"], "medium");
    assert_eq!(
        a.body["combined"]["staff_awu"]
            .as_str()
            .map(|s| s.trim_end_matches('0')),
        Some("56.5")
    );
    let kinds: Vec<&str> = a.body["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["partner", "autonomous", "linked"]);
    assert_eq!(a.body["summary"]["code"], "size_medium");
    assert!(a.body["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["decisive"] == true));

    // One year over the small ceilings does not change the size; two years do.
    let over = figures("60", "1000000", "1000000");
    let one = post_json(
        path,
        &json!({ "own": over, "earlier_years": [ { "own": figures("10", "1", "1") } ], "size_so_far": "small" }),
    );
    assert_eq!(
        (
            one.body["size"].as_str(),
            one.body["established_size"].as_str()
        ),
        (Some("medium"), Some("small"))
    );
    assert_eq!(one.body["two_year_rule"]["code"], "two_year_rule");
    let two = post_json(
        path,
        &json!({ "own": over, "earlier_years": [ { "own": over } ], "size_so_far": "small" }),
    );
    assert_eq!(two.body["established_size"], "medium");

    let wrong = post_json(
        path,
        &json!({ "own": figures("-1", "250.500", "0"), "relations": [ { "share": "120", "figures": figures("1", "1", "1") } ] }),
    );
    assert_eq!(wrong.status, 400);
    assert_eq!(
        wrong.field_errors(),
        [
            ("own.staff_awu".to_string(), "invalid_figure".to_string()),
            ("own.turnover".to_string(), "invalid_figure".to_string()),
            (
                "relations[0].share".to_string(),
                "invalid_share".to_string()
            ),
        ]
    );
}
