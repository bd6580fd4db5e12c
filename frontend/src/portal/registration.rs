//! "Uw onderneming registreren" (000, procedure step 2; RULES.md §1): the first time, an
//! enterprise confirms what the KBO says about it and declares the e-mail address for all
//! correspondence, the account for refunds, the public participation and its size; only then
//! can it apply. Every check is `shared`'s, made by the API (400 names each wrong field, 422 a
//! rule the enterprise fails); the two declared rules (participation, size) also show beside
//! their field as they are typed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use shared::api::registration::{parse_percent, KboFacts, RegistrationRequest, RegistrationView};
use shared::api::session::Session as Me;
use shared::api::Reason;
use shared::enterprise::{private_sector, KboStatus};
use shared::error::FieldError;
use shared::format::date;
use shared::size::{EnterpriseSize, SIZE_CEILINGS};

use crate::api::{self, ApiError};
use crate::portal::{error_text, load, session, when_loaded, Field, LiveProblems};
use crate::router::navigate;
use crate::texts;

#[component]
pub fn Registration() -> impl IntoView {
    let answer = load("/api/v1/registration".into());
    view! {
        <section class="stack" aria-labelledby="registration-title">
            <h1 id="registration-title">{texts::REGISTRATION_TITLE}</h1>
            <p class="intro">{texts::REGISTRATION_INTRO}</p>
            {when_loaded(answer, |v: RegistrationView| {
                let open = v.reasons.is_empty();
                view! {
                    <Reasons title=texts::CANNOT_REGISTER reasons=v.reasons/>
                    {v.kbo.map(|k| view! {
                        <div class="two">
                            <section class="card" aria-labelledby="kbo-title">
                                <h2 id="kbo-title">{texts::KBO_TITLE}</h2>
                                <KboCard k=k full=true/>
                            </section>
                            {open.then(|| view! { <RegistrationForm/> })}
                        </div>
                    })}
                }
            })}
        </section>
    }
}

/// Every reason the enterprise cannot go on, under `title`; nothing when there is none.
#[component]
pub fn Reasons(title: &'static str, reasons: Vec<Reason>) -> impl IntoView {
    (!reasons.is_empty()).then(|| {
        view! {
            <div class="problems" role="alert">
                <p>{title}</p>
                <ul class="reasons">
                    {reasons.into_iter().map(|r| view! { <li data-code=r.code>{r.message}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// What the KBO says about the enterprise, and from when: in `full` on the registration
/// screen; the name, legal form and main activity alone on the overview.
#[component]
pub fn KboCard(k: KboFacts, #[prop(optional)] full: bool) -> impl IntoView {
    let rows = kbo_rows(&k, full);
    let (places, note) = establishments(&k);
    view! {
        <dl class="figures kbo">
            {rows.into_iter().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
        </dl>
        {full.then(|| view! {
            <h3>{texts::ESTABLISHMENTS}</h3>
            <ul class="plain establishments">{places.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            <p class="hint">{note}</p>
        })}
        <p class="hint" data-field="kbo_date">{texts::KBO_DATE}{date(k.updated_on)}</p>
    }
}

/// The KBO's facts as (term, value) rows: every one, or (not `full`) the name, legal form and
/// main activity.
fn kbo_rows(k: &KboFacts, full: bool) -> Vec<(&'static str, String)> {
    let activity = k
        .main_activity
        .as_ref()
        .map_or(texts::NO_MAIN_ACTIVITY.to_string(), |a| {
            texts::main_activity(&a.shown, &a.label, &a.version)
        });
    let status = match k.status {
        KboStatus::Active => texts::KBO_ACTIVE,
        KboStatus::Stopped => texts::KBO_STOPPED,
    };
    let mut rows = vec![(texts::KBO_NAME, k.name.clone())];
    if full {
        rows.push((texts::ENTERPRISE_NUMBER, k.number.0.to_string()));
    }
    rows.push((texts::LEGAL_FORM, k.legal_form_label.clone()));
    if full {
        rows.push((texts::KBO_STATUS, status.to_string()));
        rows.push((texts::START_DATE, date(k.start_date)));
    }
    rows.push((texts::MAIN_ACTIVITY, activity));
    if let Some(office) = k.registered_office.as_ref().filter(|_| full) {
        rows.push((texts::REGISTERED_OFFICE, office.clone()));
    }
    rows
}

/// The establishment units in the Flemish Region the KBO lists, one line each, and what to say
/// of the others (or that there is none).
fn establishments(k: &KboFacts) -> (Vec<String>, String) {
    let places: Vec<String> = k
        .shown_establishments
        .iter()
        .map(|e| match e.name.as_str() {
            "" => format!("{} ({})", e.address, e.number),
            name => format!("{name}, {} ({})", e.address, e.number),
        })
        .collect();
    let note = if places.is_empty() {
        texts::NO_FLEMISH_ESTABLISHMENT.to_string()
    } else if k.establishments as usize > places.len() {
        texts::flemish_establishments(k.flemish_establishments, k.establishments)
    } else {
        String::new()
    };
    (places, note)
}

/// A percentage as Belgians type it (`12,5`) in the API's form (`12.5`).
fn percent_for_api(typed: &str) -> String {
    typed.trim().replace(',', ".")
}

/// A size's ceilings as `shared::size` holds them, in millions of euro.
fn size_hint(size: EnterpriseSize) -> String {
    let millions = |d: Decimal| (d / Decimal::from(1_000_000)).normalize().to_string();
    SIZE_CEILINGS.iter().find(|c| c.size == size).map_or(
        texts::REG_SIZE_LARGE_HINT.to_string(),
        |c| {
            texts::size_hint(
                &c.staff_below.to_string(),
                &millions(c.turnover_at_most),
                &millions(c.balance_sheet_total_at_most),
            )
        },
    )
}

#[component]
fn RegistrationForm() -> impl IntoView {
    let s = session();
    let email = RwSignal::new(String::new());
    let iban = RwSignal::new(String::new());
    let participation = RwSignal::new("0".to_string());
    let size = RwSignal::new(None::<EnterpriseSize>);
    let confirmed = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    // A field's message: the rule `shared` finds as it is typed, else the one of the last try
    // (dropped once the field changes).
    let message = move |field: &'static str, live: Signal<Option<String>>| {
        Signal::derive(move || {
            live.get()
                .or_else(|| error.with(|e| e.as_ref().and_then(|e| e.field(field))))
        })
    };
    let changed = move |field: &'static str| {
        error.update(|e| {
            if let Some(e) = e {
                e.fields.retain(|(f, _)| f != field)
            }
        })
    };
    let input = move |field: &'static str, value: RwSignal<String>| {
        Callback::new(move |v| {
            value.set(v);
            changed(field);
        })
    };
    let none = Signal::derive(|| None);
    let participation_rule = Signal::derive(move || {
        parse_percent(&percent_for_api(&participation.get()))
            .and_then(|p| private_sector(p).err())
            .map(|r| r.message)
    });
    let size_rule = Signal::derive(move || {
        size.get()
            .and_then(|z| shared::enterprise::size(z).err())
            .map(|r| r.message)
    });
    let size_error = message("size", size_rule);
    let confirmed_error = message("confirmed", none);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // The API names every wrong field (400); only a size must be chosen to send at all.
        let Some(chosen) = size.get_untracked() else {
            let missing = FieldError::new("size", "required", texts::REG_SIZE_REQUIRED);
            return error.set(Some(ApiError::from_fields(&[missing])));
        };
        let body = RegistrationRequest {
            email: email.get_untracked(),
            refund_iban: iban.get_untracked(),
            public_participation: percent_for_api(&participation.get_untracked()),
            size: chosen,
            confirmed: confirmed.get_untracked(),
        };
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            match api::post::<_, Me>("/api/v1/registration", &body).await {
                Ok(me) => {
                    s.me.set(Some(Some(me)));
                    navigate("/portefeuille");
                }
                // Another registration of this enterprise came first: its wallet is open.
                Err(e) if e.status == 409 => {
                    s.refresh().await;
                    navigate("/portefeuille");
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let option = move |z: EnterpriseSize| {
        let id = format!("size-{}", z.id());
        let for_id = id.clone();
        view! {
            <label class="check" for=for_id>
                <input type="radio" id=id name="size" value=z.id()
                    on:change=move |_| { size.set(Some(z)); changed("size"); }/>
                <span>{z.label_nl()}<br/><span class="hint">{size_hint(z)}</span></span>
            </label>
        }
    };
    view! {
        <form class="card stack" novalidate on:submit=submit aria-labelledby="form-title">
            <h2 id="form-title">{texts::REGISTRATION_FORM_TITLE}</h2>
            <Field id="email" label=texts::REG_EMAIL hint=texts::REG_EMAIL_HINT kind="email" mode="email"
                autocomplete="email" value=email.into() on_input=input("email", email)
                error=message("email", none)/>
            <Field id="refund_iban" label=texts::REG_IBAN hint=texts::REG_IBAN_HINT
                value=iban.into() on_input=input("refund_iban", iban) error=message("refund_iban", none)/>
            <Field id="public_participation" label=texts::REG_PARTICIPATION hint=texts::REG_PARTICIPATION_HINT
                mode="decimal" value=participation.into() on_input=input("public_participation", participation)
                error=message("public_participation", participation_rule)/>
            <fieldset class="sizes" aria-describedby="size-error">
                <legend>{texts::REG_SIZE}</legend>
                {EnterpriseSize::ALL.into_iter().map(option).collect_view()}
                {error_text("size-error".into(), size_error)}
            </fieldset>
            <label class="check" for="confirmed">
                <input type="checkbox" id="confirmed" aria-describedby="confirmed-error"
                    on:change=move |ev| { confirmed.set(event_target_checked(&ev)); changed("confirmed"); }/>
                {texts::REG_CONFIRM}
            </label>
            {error_text("confirmed-error".into(), confirmed_error)}
            <LiveProblems error=error/>
            <button type="submit" class="primary" disabled=move || busy.get()>{texts::REG_BUTTON}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::enterprise::EnterpriseNumberDigits;
    use shared::api::registration::{Establishment, MainActivity};
    use shared::enterprise::{LegalForm, Region};
    use shared::ids::enterprise_number::EnterpriseNumber;

    fn koen() -> KboFacts {
        let day = |d: &str| d.parse().unwrap();
        KboFacts {
            number: EnterpriseNumberDigits(EnterpriseNumber::parse("0823456754").unwrap()),
            name: "De Wilde, Koen".into(),
            legal_form: LegalForm::NaturalPerson,
            legal_form_label: "Natuurlijk persoon".into(),
            status: KboStatus::Active,
            start_date: day("2016-09-15"),
            main_activity: Some(MainActivity {
                code: "43210".into(),
                shown: "43.210".into(),
                version: "2025".into(),
                label: "Elektrotechnische installatiewerken".into(),
            }),
            registered_office: None,
            region: Region::Flemish,
            establishments: 3,
            flemish_establishments: 2,
            shown_establishments: vec![Establishment {
                number: "2.000.100.013".into(),
                name: "Elektro De Wilde".into(),
                address: "Langestraat 77, 8000 Brugge".into(),
            }],
            updated_on: day("2026-11-28"),
        }
    }

    #[test]
    fn the_kbo_facts_are_shown_as_the_kbo_writes_them() {
        let rows = kbo_rows(&koen(), true);
        assert!(rows.contains(&(texts::ENTERPRISE_NUMBER, "0823.456.754".into())));
        assert!(rows.contains(&(texts::START_DATE, "15/09/2016".into())));
        assert!(rows.contains(&(
            texts::MAIN_ACTIVITY,
            "43.210 – Elektrotechnische installatiewerken (NACE-BEL 2025)".into()
        )));
        assert!(!rows.iter().any(|(t, _)| *t == texts::REGISTERED_OFFICE));
        let compact: Vec<&str> = kbo_rows(&koen(), false).iter().map(|(t, _)| *t).collect();
        assert_eq!(
            compact,
            [texts::KBO_NAME, texts::LEGAL_FORM, texts::MAIN_ACTIVITY]
        );
    }

    #[test]
    fn establishments_outside_the_list_are_counted() {
        let (places, note) = establishments(&koen());
        assert_eq!(
            places,
            ["Elektro De Wilde, Langestraat 77, 8000 Brugge (2.000.100.013)"]
        );
        assert_eq!(note, texts::flemish_establishments(2, 3));
        let mut none = koen();
        none.shown_establishments.clear();
        assert_eq!(establishments(&none).1, texts::NO_FLEMISH_ESTABLISHMENT);
    }

    #[test]
    fn percentages_are_sent_with_a_point() {
        assert_eq!(percent_for_api(" 12,5 "), "12.5");
        assert!(parse_percent(&percent_for_api("24,99")).is_some());
    }

    #[test]
    fn the_size_hints_are_the_eu_ceilings() {
        assert!(size_hint(EnterpriseSize::Small).contains("Minder dan 50 "));
        assert!(size_hint(EnterpriseSize::Medium).contains("€ 43 miljoen"));
        assert_eq!(size_hint(EnterpriseSize::Large), texts::REG_SIZE_LARGE_HINT);
    }
}
