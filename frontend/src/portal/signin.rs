//! Signing in: the government's sign-in (OpenID Connect, `/api/v1/auth/login`, for all three
//! roles) and, in the development build only, a demo sign-in as a seeded enterprise or provider;
//! what a refused sign-in means (`/aanmelden?fout=<code>`); choosing the organisation to act
//! for when the sign-in allows several ("Wisselen van organisatie", manual 003).

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::api::session::{Actor, AuthOptions, ChooseOrganisation, Session as Me, SignInRequest};
use shared::role::Role;

use crate::api::{self, ApiError};
use crate::portal::{session, LiveProblems};
use crate::router::navigate;
use crate::texts;

/// The demo data of db/seed.sql, and two enterprises only in the KBO data (db/kbo/full).
const ENTERPRISES: &[(&str, &str)] = &[
    ("0403227515", "Bakkerij Peeters bv (klein)"),
    ("0417497106", "Metaalwerken Claes nv (middelgroot)"),
    ("0412345614", "Drukkerij Janssens bv (klein)"),
    ("0423456765", "Schrijnwerkerij Maes bv (middelgroot)"),
    ("0434567819", "IT-Consult Wouters bv (klein)"),
    ("0445678970", "Boekhouding Wouters & Co commv (klein)"),
    ("0860000119", "Grootbedrijf Vlaanderen nv (groot)"),
    ("0823456754", "De Wilde, Koen (nog te registreren)"),
    (
        "0834567808",
        "Jeugdhuis De Kelder vzw (niet te registreren)",
    ),
];
const PROVIDERS: &[(&str, &str)] = &[
    ("DV.O123456", "dienstverlener kmo-portefeuille"),
    ("DV.0104945", "Cyberveilig Advies nv"),
    ("DV.O222774", "Opleidingscentrum Vlaanderen"),
    ("DV.0100275", "Syntra Midden-Vlaanderen Campus Aalst"),
    ("DV.O223914", "Skilled by Syntra"),
];

/// Where a role lands after signing in (`shared::role`, as the Worker sends it).
pub fn home_of(role: Option<Role>) -> &'static str {
    role.map_or(Role::Enterprise.home(), Role::home)
}

/// The government's sign-in, returning to `next` afterwards when it is a screen to return to
/// (`shared::role`; the Worker checks it again).
fn login_path(next: Option<&str>) -> String {
    match next.filter(|n| Role::is_return_path(n)) {
        Some(n) => format!(
            "/api/v1/auth/login?next={}",
            String::from(js_sys::encode_uri_component(n))
        ),
        None => "/api/v1/auth/login".to_string(),
    }
}

/// `next`: the screen asked for before signing in, if any.
#[component]
pub fn SignIn(#[prop(optional)] next: Option<String>) -> impl IntoView {
    let role = RwSignal::new(Role::Enterprise);
    let subject = RwSignal::new(ENTERPRISES[0].0.to_string());
    let name = RwSignal::new("An Peeters".to_string());
    let error = RwSignal::new(None::<ApiError>);
    // The demo sign-in exists only in the development build: shown once the API confirms it.
    let no_demo = RwSignal::new(true);
    spawn_local(async move {
        if let Ok(o) = api::get::<AuthOptions>("/api/v1/auth/options").await {
            no_demo.set(!o.demo);
        }
    });
    let refusal = crate::router::query("fout");
    let busy = RwSignal::new(false);
    let s = session();
    let choices = move || {
        if role.get() == Role::Provider {
            PROVIDERS
        } else {
            ENTERPRISES
        }
    };
    let login_next = next.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        let next = next.clone();
        spawn_local(async move {
            let body = SignInRequest {
                role: role.get_untracked(),
                subject: subject.get_untracked(),
                user_name: Some(name.get_untracked()),
            };
            match api::post::<_, Actor>("/api/v1/dev/sign-in", &body).await {
                // The session as the API keeps it: only `/me` says whether the enterprise
                // still has to register.
                Ok(actor) => {
                    s.refresh().await;
                    navigate(next.as_deref().unwrap_or(actor.role.home()));
                }
                Err(e) if e.status == 404 => no_demo.set(true),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card narrow" aria-labelledby="signin-title">
            <h1 id="signin-title">{texts::SIGNIN_TITLE}</h1>
            {refusal.map(|code| view! {
                <div class="problems" role="alert">
                    <h2>{texts::SIGNIN_REFUSED_TITLE}</h2>
                    <p>{texts::sign_in_refusal(&code)}</p>
                    <p class="hint">{texts::SIGNIN_TRY_AGAIN}</p>
                </div>
            })}
            <p>{texts::SIGNIN_INTRO}</p>
            <p><a class="button" href=login_path(login_next.as_deref())>{texts::SIGNIN_GOVERNMENT}</a></p>
            <Show when=move || !no_demo.get() fallback=|| view! { <p class="hint">{texts::SIGNIN_NO_DEMO}</p> }>
                <form class="stack" on:submit=submit.clone() novalidate>
                    <h2>{texts::SIGNIN_DEMO}</h2>
                    <fieldset class="choice">
                        <legend>{texts::SIGNIN_ROLE}</legend>
                        <label class="radio"><input type="radio" name="role" value="enterprise"
                            prop:checked=move || role.get() == Role::Enterprise
                            on:change=move |_| { role.set(Role::Enterprise); subject.set(ENTERPRISES[0].0.into()); }/>
                            {texts::ROLE_ENTERPRISE}</label>
                        <label class="radio"><input type="radio" name="role" value="provider"
                            prop:checked=move || role.get() == Role::Provider
                            on:change=move |_| { role.set(Role::Provider); subject.set(PROVIDERS[0].0.into()); }/>
                            {texts::ROLE_PROVIDER}</label>
                    </fieldset>
                    <label for="subject">{move || if role.get() == Role::Provider { texts::SIGNIN_PROVIDER } else { texts::SIGNIN_ENTERPRISE }}</label>
                    <select id="subject" prop:value=move || subject.get() on:change=move |ev| subject.set(event_target_value(&ev))>
                        {move || choices().iter().map(|(n, l)| view! { <option value=*n>{format!("{n} – {l}")}</option> }).collect_view()}
                    </select>
                    <label for="user_name">{texts::SIGNIN_NAME}</label>
                    <input id="user_name" autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <LiveProblems error=error/>
                    <button type="submit" class="primary" disabled=move || busy.get()>{texts::SIGNIN_BUTTON}</button>
                </form>
            </Show>
        </section>
    }
}

/// "Voor welke organisatie treedt u op?": one button per organisation this sign-in allows.
#[component]
pub fn Choose() -> impl IntoView {
    let s = session();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let me = move || s.me.get().flatten();
    let choose = move |role: Role, subject: String| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let body = ChooseOrganisation { role, subject };
            match api::post::<_, Me>("/api/v1/session/organisation", &body).await {
                Ok(me) => {
                    // The screen the sign-in started from, when it is one of this role's.
                    let next = crate::router::query("verder");
                    let home = match (me.role, next.as_deref()) {
                        (Some(r), Some(n)) => r.return_to(n).unwrap_or(r.home()).to_string(),
                        (role, _) => home_of(role).to_string(),
                    };
                    s.me.set(Some(Some(me)));
                    navigate(&home);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card narrow" aria-labelledby="choose-title">
            <h1 id="choose-title">{texts::CHOOSE_TITLE}</h1>
            <p>{texts::CHOOSE_INTRO}</p>
            <LiveProblems error=error/>
            <ul class="choices">
                {move || me().map(|me| me.organisations.into_iter().map(|o| {
                    let kind = texts::role_label(o.role.id());
                    let is_current = me.role == Some(o.role) && me.subject.as_ref() == Some(&o.subject);
                    let label = if o.role == Role::Operator { o.name.clone() } else { format!("{} ({})", o.name, o.subject) };
                    let (r, sub) = (o.role, o.subject.clone());
                    view! {
                        <li>
                            <button type="button" class="primary" disabled=move || busy.get()
                                on:click=move |_| choose(r, sub.clone())>
                                {format!("{kind}: {label}")}
                            </button>
                            {is_current.then_some(texts::CHOOSE_CURRENT)}
                        </li>
                    }
                }).collect_view())}
            </ul>
        </section>
    }
}
