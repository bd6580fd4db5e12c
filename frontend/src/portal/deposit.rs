//! The deposit details (003 step 5, "Stortingsgegevens") with the EPC QR code and a print
//! view, and the timeline of a project's deadlines.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use shared::ids::structured_communication::StructuredCommunication;
use shared::wallet_account::deposit_details;

use crate::qr::QrCodeSvg;
use crate::show;
use crate::texts;

/// The deposit details of a project detail answer, by `shared` (the application answer
/// carries the same object as `deposit`).
pub fn deposit_of(project: &Value) -> Option<Value> {
    if project.get("deposit").is_some() {
        return project.get("deposit").cloned();
    }
    let communication = StructuredCommunication::parse(project["communication"].as_str()?).ok()?;
    let amount = show::money(&project["own_contribution"])?;
    let deadline = show::day(&project["deposit_by"])?;
    let details = deposit_details(&communication, amount, deadline).ok()?;
    serde_json::to_value(details).ok()
}

#[component]
pub fn DepositDetails(deposit: Value, dossier: String) -> impl IntoView {
    let epc = show::text(&deposit["epc_qr"]);
    let amount = show::euro(&deposit["amount"]);
    let deadline = show::date(&deposit["deadline"]);
    let qr_label = format!("{} {}", texts::QR_LABEL, amount);
    view! {
        <section class="card deposit print-area" aria-labelledby="deposit-title">
            <h2 id="deposit-title">{texts::DEPOSIT_TITLE}" – "{texts::PROJECT_TITLE}" "{dossier}</h2>
            <p class="notice">{texts::DEPOSIT_BY_1}<strong>{deadline.clone()}</strong>{texts::DEPOSIT_BY_2}</p>
            <div class="deposit-grid">
                <dl class="figures">
                    <div><dt>{texts::BENEFICIARY}</dt><dd data-field="beneficiary">{show::text(&deposit["beneficiary"])}<br/>
                        <span class="sub">{show::text(&deposit["beneficiary_address"])}</span></dd></div>
                    <div><dt>{texts::ACCOUNT}</dt><dd data-field="iban">{show::text(&deposit["iban"])}</dd></div>
                    <div><dt>{texts::COMMUNICATION}</dt><dd data-field="communication">{show::text(&deposit["communication"])}</dd></div>
                    <div class="own"><dt>{texts::AMOUNT_TO_DEPOSIT}</dt><dd data-field="deposit_amount">{amount}</dd></div>
                    <div><dt>{texts::DEADLINE}</dt><dd data-field="deadline">{deadline}</dd></div>
                </dl>
                <figure class="qr-box">
                    <QrCodeSvg payload=epc label=qr_label/>
                    <figcaption>{texts::QR_CAPTION}</figcaption>
                </figure>
            </div>
            <button type="button" class="secondary no-print" on:click=|_| {
                if let Some(w) = web_sys::window() { let _ = w.print(); }
            }>{texts::PRINT}</button>
        </section>
    }
}

/// The project's deadlines in order, the ones passed marked as such.
#[component]
pub fn Timeline(deadlines: Value, today: NaiveDate) -> impl IntoView {
    let items = [
        (texts::TL_APPLY_BY, &deadlines["apply_by"]),
        (texts::TL_DEPOSIT_BY, &deadlines["deposit_by"]),
        (texts::TL_CLOSES_ON, &deadlines["closes_on"]),
    ]
    .into_iter()
    .filter_map(|(label, v)| show::day(v).map(|d| (label, d)))
    .map(|(label, d)| {
        let past = d < today;
        view! {
            <li class:past=past>
                <span class="tl-date">{shared::format::date(d)}</span>
                <span class="tl-label">{label}{past.then_some(texts::TL_PAST)}</span>
            </li>
        }
    })
    .collect_view();
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{texts::TIMELINE_TITLE}</h2>
            <ol class="timeline">{items}</ol>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_project_without_deposit_gets_it_from_shared() {
        let p = json!({ "communication": "+++180/1851/05305+++", "own_contribution": "686.00", "deposit_by": "2024-04-21" });
        let d = deposit_of(&p).unwrap();
        assert_eq!(d["amount"], "686.00");
        assert_eq!(d["communication"], "+++180/1851/05305+++");
        assert!(d["epc_qr"].as_str().unwrap().starts_with("BCD"));
    }
}
