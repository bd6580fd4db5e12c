//! Criterion benchmarks of the rules: the simulator's parse + compute, as the API and the
//! browser run it on every request or keystroke. `scripts/bench.sh` runs them.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use shared::simulate::{simulate, SimulationRequest};
use std::hint::black_box;

fn simulator(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
    let body = json!({
        "size": "small", "service": "advice", "theme": "digitalisering",
        "subtheme": "cybersecurity", "cost": "12500.00", "date": "2026-11-22",
        "used_this_year": "6000.00"
    });
    c.bench_function("simulate: parse request + compute amounts", |b| {
        b.iter(|| {
            let req = SimulationRequest::from_json(black_box(&body), today).expect("valid");
            black_box(simulate(&req))
        })
    });
}

fn application(c: &mut Criterion) {
    use rust_decimal::Decimal;
    use shared::application::{check_application, ApplicationContext, ApplicationForm};
    use shared::enterprise::{EnterpriseFacts, KboStatus, LegalForm, Region};
    use shared::money::Money;
    use shared::nace::NaceCode;
    use shared::service::ServiceType;
    use shared::service_eligibility::{ProviderRegistration, RegisteredTheme};
    use shared::size::{EnterpriseSize, Share};

    let applied_on = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
    let body = json!({
        "nace": "62.010", "service": "training", "name": "Veilig online werken",
        "training_kind": "classroom", "theme": "digitalisering", "subtheme": "software",
        "hours": "16", "participants": ["Jan Peeters", "An Claes"],
        "enrolled_on": "2026-11-10", "starts_on": "2026-11-20",
        "contributes_to_business": true, "cost": "980.00", "provider": "DV.O123456",
        "declaration_accepted": true
    });
    let enterprise = EnterpriseFacts {
        legal_form: LegalForm::Bv,
        kbo_status: KboStatus::Active,
        in_formation: false,
        establishment_region: Region::Flemish,
        public_participation: Share::from_percent(Decimal::ZERO).expect("valid share"),
        main_activity: Some(NaceCode::parse("62010").expect("valid code")),
        size: EnterpriseSize::Small,
        de_minimis_aid: Vec::new(),
    };
    let provider = ProviderRegistration {
        services: vec![ServiceType::Training],
        themes: vec![RegisteredTheme {
            theme: "digitalisering".into(),
            subtheme: Some("software".into()),
        }],
    };
    let remaining = Money::parse("7500").expect("valid amount");
    c.bench_function(
        "application: parse the five steps + check every rule + amounts",
        |b| {
            b.iter(|| {
                let form = ApplicationForm::from_json(black_box(&body)).expect("valid");
                let ctx = ApplicationContext {
                    applied_on,
                    enterprise: &enterprise,
                    provider: Some(&provider),
                    remaining_budget: remaining,
                };
                black_box(check_application(&form, &ctx))
            })
        },
    );
}

criterion_group!(benches, simulator, application);
criterion_main!(benches);
