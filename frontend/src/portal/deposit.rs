//! The deposit details (003 step 5, "Stortingsgegevens") with the EPC QR code and a print
//! view, and the timeline of a project's deadlines.

use chrono::NaiveDate;
use leptos::prelude::*;
use shared::api::enterprise::DepositDetails as Deposit;
use shared::deadlines::Deadlines;
use shared::ids::structured_communication::StructuredCommunication;
use shared::money::Money;

use crate::qr::QrCodeSvg;
use crate::show;
use crate::texts;

/// The deposit details of a project (its communication, own contribution and deposit deadline),
/// by `shared`, as the application's answer carries them.
pub fn deposit_of(
    communication: StructuredCommunication,
    amount: Money,
    deadline: NaiveDate,
) -> Option<Deposit> {
    Deposit::of(communication, amount, deadline).ok()
}

#[component]
pub fn DepositDetails(deposit: Deposit, dossier: String) -> impl IntoView {
    let amount = show::euro(deposit.amount);
    let deadline = show::date(deposit.deadline);
    let qr_label = format!("{} {}", texts::QR_LABEL, amount);
    view! {
        <section class="card deposit print-area" aria-labelledby="deposit-title">
            <h2 id="deposit-title">{texts::DEPOSIT_TITLE}" – "{texts::PROJECT_TITLE}" "{dossier}</h2>
            <p class="notice">{texts::DEPOSIT_BY_1}<strong>{deadline.clone()}</strong>{texts::DEPOSIT_BY_2}</p>
            <div class="deposit-grid">
                <dl class="figures">
                    <div><dt>{texts::BENEFICIARY}</dt><dd data-field="beneficiary">{deposit.beneficiary}<br/>
                        <span class="sub">{deposit.beneficiary_address}</span></dd></div>
                    <div><dt>{texts::ACCOUNT}</dt><dd data-field="iban">{deposit.iban}</dd></div>
                    <div><dt>{texts::COMMUNICATION}</dt><dd data-field="communication">{deposit.communication.to_string()}</dd></div>
                    <div class="own"><dt>{texts::AMOUNT_TO_DEPOSIT}</dt><dd data-field="deposit_amount">{amount}</dd></div>
                    <div><dt>{texts::DEADLINE}</dt><dd data-field="deadline">{deadline}</dd></div>
                </dl>
                <figure class="qr-box">
                    <QrCodeSvg payload=deposit.epc_qr label=qr_label/>
                    <figcaption>{texts::QR_CAPTION}</figcaption>
                </figure>
            </div>
            <button type="button" class="secondary no-print" on:click=|_| {
                if let Some(w) = web_sys::window() { let _ = w.print(); }
            }>{texts::PRINT}</button>
        </section>
    }
}

/// The project's deadlines in order, the ones passed marked as such; `children` below them
/// (the project page's calendar link).
#[component]
pub fn Timeline(
    deadlines: Deadlines,
    today: NaiveDate,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let items = [
        (texts::TL_APPLY_BY, deadlines.apply_by),
        (texts::TL_DEPOSIT_BY, deadlines.deposit_by),
        (texts::TL_CLOSES_ON, deadlines.closes_on),
    ]
    .into_iter()
    .map(|(label, d)| {
        let past = d < today;
        view! {
            <li class:past=past>
                <span class="tl-date">{show::date(d)}</span>
                <span class="tl-label">{label}{past.then_some(texts::TL_PAST)}</span>
            </li>
        }
    })
    .collect_view();
    view! {
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{texts::TIMELINE_TITLE}</h2>
            <ol class="timeline">{items}</ol>
            {children.map(|c| c())}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_without_deposit_gets_it_from_shared() {
        let d = deposit_of(
            StructuredCommunication::parse("+++180/1851/05305+++").unwrap(),
            Money::parse("686.00").unwrap(),
            NaiveDate::from_ymd_opt(2024, 4, 21).unwrap(),
        )
        .unwrap();
        assert_eq!(d.amount.to_string(), "686.00");
        assert_eq!(d.communication.to_string(), "+++180/1851/05305+++");
        assert!(d.epc_qr.starts_with("BCD"));
    }
}
