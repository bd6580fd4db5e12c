//! The kmo-portefeuille web app. Every number it shows comes from the `shared` rules crate or
//! from the API, so the browser and the API always agree.
//!
//! Two builds of this crate ship: without the `portal` feature, only the public simulator
//! (what phones load at `/`, kept under its 120 kB budget); with it (the default), the whole
//! app with the enterprise and provider portals. The boot script picks one by path.

// The simulator-only build leaves the portal's texts unused.
#![cfg_attr(not(feature = "portal"), allow(dead_code))]

#[cfg(feature = "portal")]
mod api;
mod chart;
#[cfg(feature = "portal")]
mod portal;
#[cfg(feature = "portal")]
mod qr;
#[cfg(feature = "portal")]
mod router;
#[cfg(feature = "portal")]
mod show;
mod simulator;
#[cfg(feature = "portal")]
mod size;
mod texts;

use leptos::prelude::*;
#[cfg(feature = "portal")]
use leptos::task::spawn_local;

#[cfg(feature = "portal")]
use portal::Session;
#[cfg(feature = "portal")]
use router::{navigate, Link, Route, Router};
#[cfg(feature = "portal")]
use shared::{api::session::SignedOut, role::Role};

fn main() {
    leptos::mount::mount_to_body(App);
}

/// The public simulator alone; signing in loads the whole app with a normal page load.
#[cfg(not(feature = "portal"))]
#[component]
fn App() -> impl IntoView {
    view! {
        <a class="skip" href="#main">{texts::SKIP}</a>
        <header class="top">
            <a href="/" class="brand">{texts::BRAND}</a>
            <nav aria-label=texts::NAV_LABEL><a href="/aanmelden">{texts::NAV_SIGN_IN}</a></nav>
        </header>
        <main id="main" tabindex="-1"><simulator::Simulator/></main>
        <footer class="foot">{texts::FOOTER}{texts::FOOTER_SIMULATOR}</footer>
    }
}

#[cfg(feature = "portal")]
#[component]
fn App() -> impl IntoView {
    let router = Router::start();
    provide_context(router);
    let session = Session::start();
    provide_context(session);
    view! {
        <a class="skip" href="#main">{texts::SKIP}</a>
        <Header/>
        <main id="main" tabindex="-1">
            {move || screen(router.route.get(), session)}
        </main>
        <footer class="foot">
            {texts::FOOTER}
            {move || (router.route.get() == Route::Simulator).then_some(texts::FOOTER_SIMULATOR)}
        </footer>
    }
}

#[cfg(feature = "portal")]
fn screen(mut route: Route, session: Session) -> AnyView {
    if route.private() {
        session.ensure();
        if let Some(e) = session.problem.get() {
            return view! { <portal::Problems error=Some(e)/> }.into_any();
        }
        match session.me.get() {
            None => {
                return view! { <p class="loading" role="status">{texts::LOADING}</p> }.into_any()
            }
            Some(None) => {
                let here = web_sys::window()
                    .and_then(|w| w.location().href().ok())
                    .and_then(|h| h.split_once("//").map(|(_, r)| r.to_string()))
                    .and_then(|r| r.find('/').map(|i| r[i..].to_string()));
                return view! { <portal::signin::SignIn next=here.unwrap_or_default()/> }
                    .into_any();
            }
            // Signed in for several organisations and none chosen yet: choose first.
            Some(Some(me)) if me.role.is_none() && route != Route::Choose => {
                return view! { <portal::signin::Choose/> }.into_any();
            }
            Some(Some(me)) => {
                if let Some(path) = gate(&route, &me) {
                    route = router::redirect(path);
                }
            }
        }
    }
    match route {
        Route::Simulator => view! { <simulator::Simulator/> }.into_any(),
        Route::Size => view! { <size::SizeWizard/> }.into_any(),
        Route::SignIn => view! { <portal::signin::SignIn/> }.into_any(),
        Route::Choose => view! { <portal::signin::Choose/> }.into_any(),
        Route::Operator => view! { <portal::operator::OperatorHome/> }.into_any(),
        Route::Registration => view! { <portal::registration::Registration/> }.into_any(),
        Route::ConfirmEmail => view! { <portal::email::ConfirmEmail/> }.into_any(),
        Route::Overview => view! { <portal::overview::Overview/> }.into_any(),
        Route::Wizard => view! { <portal::wizard::Wizard/> }.into_any(),
        Route::Project(d) => view! { <portal::project::ProjectPage dossier=d/> }.into_any(),
        Route::Pay(d) => view! { <portal::pay::Pay dossier=d/> }.into_any(),
        Route::Stop(d) => view! { <portal::stop::Stop dossier=d/> }.into_any(),
        Route::Rate(d) => view! { <portal::rate::Rate dossier=d/> }.into_any(),
        Route::Notifications => view! { <portal::notifications::Notifications/> }.into_any(),
        Route::Provider => view! { <portal::provider::ProviderPortal/> }.into_any(),
        Route::NotFound => view! {
            <section class="card"><h1>{texts::NOT_FOUND_TITLE}</h1>
            <p><Link href="/".into()>{texts::TO_SIMULATOR}</Link></p></section>
        }
        .into_any(),
    }
}

/// Where a signed-in person is sent instead of `route`, if anywhere: an enterprise without a
/// wallet registers first (000, procedure step 2; its other screens would be refused), and the
/// registration screen is only for such an enterprise. Choosing another organisation stays open.
#[cfg(feature = "portal")]
fn gate(route: &Route, me: &shared::api::session::Session) -> Option<&'static str> {
    match (route, me.must_register) {
        (Route::Registration | Route::Choose, true) => None,
        (_, true) => Some("/registreren"),
        (Route::Registration, false) => Some(portal::signin::home_of(me.role)),
        _ => None,
    }
}

#[cfg(feature = "portal")]
#[component]
fn Header() -> impl IntoView {
    let s = portal::session();
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::post::<_, SignedOut>("/api/v1/sign-out", &api::NoBody {}).await;
            s.me.set(Some(None));
            navigate("/");
        });
    };
    view! {
        <header class="top">
            <Link href="/".into() class="brand">{texts::BRAND}</Link>
            <nav aria-label=texts::NAV_LABEL>
                {move || match s.role() {
                    Some(Role::Enterprise) if s.must_register() => ().into_any(),
                    Some(Role::Enterprise) => view! {
                        <Link href="/portefeuille".into()>{texts::NAV_OVERVIEW}</Link>
                        <Link href="/aanvraag".into()>{texts::NAV_APPLY}</Link>
                        <Link href="/meldingen".into()>{texts::NAV_NOTIFICATIONS}</Link>
                    }.into_any(),
                    Some(Role::Provider) => view! {
                        <Link href="/dienstverlener".into()>{texts::NAV_PROVIDER}</Link>
                        <Link href="/meldingen".into()>{texts::NAV_NOTIFICATIONS}</Link>
                    }.into_any(),
                    Some(Role::Operator) => view! {
                        <Link href="/beheer".into()>{texts::NAV_OPERATOR}</Link>
                    }.into_any(),
                    // Signed in, no organisation chosen yet: the chooser is the way on.
                    _ if s.me.get().flatten().is_some() => ().into_any(),
                    _ => view! { <Link href="/aanmelden".into()>{texts::NAV_SIGN_IN}</Link> }.into_any(),
                }}
                {move || (s.organisations() > 1).then(|| view! {
                    <Link href="/aanmelden/kiezen".into()>{texts::NAV_SWITCH}</Link>
                })}
                {move || s.me.get().flatten().map(|_| view! {
                    <span class="who">{s.user_name()}</span>
                    <button type="button" class="link" on:click=sign_out>{texts::NAV_SIGN_OUT}</button>
                })}
            </nav>
        </header>
    }
}
