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

criterion_group!(benches, simulator);
criterion_main!(benches);
