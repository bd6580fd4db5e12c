//! "Betaling aan dienstverlener" (003): amount within the available balance, the invoice
//! reference, a structured or a free communication. The Idempotency-Key is made once per
//! payment, so a retry after a network failure cannot pay twice.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::enterprise::{PaymentAnswer, PaymentRequest, ProjectDetail};
use shared::api::public::MoneyInput;
use shared::format::euro;
use shared::ids::payment_communication::PaymentCommunication;
use shared::money::Money;

use crate::api::{self, ApiError};
use crate::portal::{load, when_loaded, Back, Field, LiveProblems};
use crate::router::Link;
use crate::texts;

/// The message for a typed amount against the available balance (both as `Money`).
pub fn amount_error(typed: &str, available: Money) -> Option<String> {
    if typed.trim().is_empty() {
        return None;
    }
    match Money::parse_nl(typed) {
        Err(e) => Some(format!("{}: {}", texts::PAY_AMOUNT, e.message())),
        Ok(m) if m.is_zero() => Some(texts::pay_limits(&euro(available))),
        Ok(m) if m > available => Some(texts::pay_limits(&euro(available))),
        Ok(_) => None,
    }
}

#[component]
pub fn Pay(dossier: String) -> impl IntoView {
    let answer = load(format!("/api/v1/projects/{dossier}"));
    view! {
        <section class="stack" aria-labelledby="pay-title">
            <Back href=format!("/project/{dossier}") label=texts::GO_BACK_PLAIN/>
            <h1 id="pay-title">{texts::PAY_TITLE}</h1>
            {when_loaded(answer, |p: ProjectDetail| view! { <PayForm p=p/> })}
        </section>
    }
}

#[component]
fn PayForm(p: ProjectDetail) -> impl IntoView {
    let p = p.summary;
    let dossier = p.dossier_number.to_string();
    let available = p.available;
    let amount = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let structured = RwSignal::new(String::new());
    let free = RwSignal::new(String::new());
    let key = RwSignal::new(api::new_key());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<PaymentAnswer>);
    let busy = RwSignal::new(false);
    let tried = RwSignal::new(false);
    let communication = move || {
        let s = structured.get();
        if s.trim().is_empty() {
            free.get()
        } else {
            s
        }
    };
    let amount_err = Signal::derive(move || {
        amount_error(&amount.get(), available)
            .or_else(|| {
                (tried.get() && amount.get().trim().is_empty())
                    .then(|| texts::pay_limits(&euro(available)))
            })
            .or_else(|| error.get().and_then(|e| e.field("amount")))
    });
    let reference_err = Signal::derive(move || {
        let r = reference.get();
        ((tried.get() || !r.is_empty()) && (r.trim().is_empty() || r.chars().count() > 35))
            .then(|| texts::REFERENCE_ERROR.to_string())
            .or_else(|| error.get().and_then(|e| e.field("reference")))
    });
    let comm_err = move |which: RwSignal<String>| {
        Signal::derive(move || {
            let c = which.get();
            if !structured.get().trim().is_empty() && !free.get().trim().is_empty() {
                return Some(texts::ONE_COMMUNICATION.to_string());
            }
            if c.trim().is_empty() {
                return (tried.get() && communication().trim().is_empty())
                    .then(|| texts::COMMUNICATION_REQUIRED.to_string());
            }
            PaymentCommunication::parse(&c)
                .err()
                .map(|e| format!("{}: {}", texts::COMMUNICATION, e.message()))
                .or_else(|| error.get().and_then(|e| e.field("communication")))
        })
    };
    let (structured_err, free_err) = (comm_err(structured), comm_err(free));
    let path = format!("/api/v1/projects/{dossier}/payments");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if amount_err.get_untracked().is_some()
            || reference_err.get_untracked().is_some()
            || structured_err.get_untracked().is_some()
            || free_err.get_untracked().is_some()
            || busy.get_untracked()
        {
            return;
        }
        let typed = Money::parse_nl(&amount.get_untracked())
            .map(|m| m.to_string())
            .unwrap_or_default();
        let body = PaymentRequest {
            amount: MoneyInput(typed),
            reference: reference.get_untracked().trim().to_string(),
            communication: communication().trim().to_string(),
        };
        let path = path.clone();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::post_once(&path, &body, &key.get_untracked()).await {
                Ok(v) => done.set(Some(v)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let d2 = dossier.clone();
    view! {
        {move || done.get().map(|v| {
            let project = v.project.summary;
            let rate = project.actions.rate;
            view! {
                <div class="card stack" role="status">
                    <p class="ok">{texts::PAID_OK_1}<strong data-field="paid_amount">{euro(v.payment.amount)}</strong>{texts::PAID_OK_2}</p>
                    <p>{texts::AVAILABLE}": "<strong data-field="available">{euro(project.available)}</strong></p>
                    <p class="row">
                        {rate.then(|| view! { <Link href=format!("/project/{d2}/beoordelen") class="button primary">{texts::ACTION_RATE}</Link> })}
                        <Link href="/portefeuille".into() class="button secondary">{texts::TO_OVERVIEW}</Link>
                    </p>
                </div>
            }
        })}
        <Show when=move || done.with(Option::is_none)>
            <form class="card stack" novalidate on:submit=submit.clone()>
                <dl class="figures">
                    <div><dt>{texts::PROJECT_NUMBER}</dt><dd>{dossier.clone()}</dd></div>
                    <div><dt>{texts::PROJECT_AMOUNT}</dt><dd data-field="project_amount">{euro(p.project_amount)}</dd></div>
                    <div class="own"><dt>{texts::AVAILABLE}</dt><dd data-field="available">{euro(available)}</dd></div>
                </dl>
                <Field id="amount" label=texts::PAY_AMOUNT hint=texts::pay_limits(&euro(available)) mode="decimal"
                    value=amount.into() on_input=Callback::new(move |v| amount.set(v)) error=amount_err/>
                <Field id="reference" label=texts::REFERENCE hint=texts::REFERENCE_HINT
                    value=reference.into() on_input=Callback::new(move |v| reference.set(v)) error=reference_err/>
                <fieldset class="stack">
                    <legend>{texts::COMMUNICATION}</legend>
                    <p class="hint">{texts::COMMUNICATION_HINT}</p>
                    <Field id="structured" label=texts::STRUCTURED hint=texts::STRUCTURED_HINT mode="numeric"
                        value=structured.into() on_input=Callback::new(move |v| structured.set(v)) error=structured_err/>
                    <Field id="free" label=texts::FREE hint=texts::FREE_HINT
                        value=free.into() on_input=Callback::new(move |v| free.set(v)) error=free_err/>
                </fieldset>
                <LiveProblems error=error/>
                <button type="submit" class="primary" disabled=move || busy.get()>{texts::PAY_BUTTON}</button>
            </form>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amount_is_held_to_the_manuals_limits() {
        let available = Money::parse("900.00").unwrap();
        assert_eq!(amount_error("", available), None);
        assert_eq!(amount_error("450,50", available), None);
        assert!(amount_error("0", available).unwrap().contains("€ 900,00"));
        assert!(amount_error("900,01", available).is_some());
        assert!(amount_error("veel", available).is_some());
    }
}
