//! A tiny router on `window.location` and `history.pushState`: the app has a handful of
//! screens, and leptos_router would cost more in the bundle than this whole file.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

thread_local! {
    // The route signal, reachable from async tasks that run outside any reactive owner.
    static ROUTE: Cell<Option<RwSignal<Route>>> = const { Cell::new(None) };
}

/// Every screen, read from the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Simulator,
    /// The public size wizard ("Welke grootte heeft mijn onderneming?").
    Size,
    SignIn,
    /// Choose the organisation to act for ("Wisselen van organisatie").
    Choose,
    /// First-time registration of an enterprise without a wallet (000, procedure step 2).
    Registration,
    /// Confirming an e-mail address from the link mailed to it (no sign-in needed).
    ConfirmEmail,
    Overview,
    Wizard,
    Project(String),
    Pay(String),
    Stop(String),
    Rate(String),
    Notifications,
    Provider,
    /// The operator's landing page.
    Operator,
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        // Dossier numbers are ASCII (`2026KMO000001`).
        let dossier = |d: &str| d.to_ascii_uppercase();
        match parts.as_slice() {
            ["project", d] => Route::Project(dossier(d)),
            ["project", d, action] => match *action {
                "betalen" => Route::Pay(dossier(d)),
                "stopzetten" => Route::Stop(dossier(d)),
                "beoordelen" => Route::Rate(dossier(d)),
                _ => Route::NotFound,
            },
            _ => match parts.join("/").as_str() {
                "" => Route::Simulator,
                "grootte" => Route::Size,
                "aanmelden" => Route::SignIn,
                "aanmelden/kiezen" => Route::Choose,
                "registreren" => Route::Registration,
                "e-mailadres-bevestigen" => Route::ConfirmEmail,
                "portefeuille" => Route::Overview,
                "aanvraag" => Route::Wizard,
                "meldingen" => Route::Notifications,
                "dienstverlener" => Route::Provider,
                "beheer" => Route::Operator,
                _ => Route::NotFound,
            },
        }
    }

    /// Whether the screen needs someone signed in.
    pub fn private(&self) -> bool {
        !matches!(
            self,
            Route::Simulator | Route::Size | Route::SignIn | Route::ConfirmEmail | Route::NotFound
        )
    }
}

/// The current route, kept in step with the address bar (links and back/forward).
#[derive(Clone, Copy)]
pub struct Router {
    pub route: RwSignal<Route>,
}

impl Router {
    pub fn start() -> Router {
        let route = RwSignal::new(Route::parse(&current_path()));
        let on_pop = Closure::<dyn Fn()>::new(move || route.set(Route::parse(&current_path())));
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        on_pop.forget();
        ROUTE.with(|r| r.set(Some(route)));
        Router { route }
    }
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// A query parameter of the current address.
pub fn query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Goes to `path` without reloading the page.
pub fn navigate(path: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(h) = w.history() {
            let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
        }
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
    if let Some(r) = ROUTE.with(Cell::get) {
        r.set(Route::parse(path));
    }
}

/// Shows `path` in the address bar in place of the current one (no new history entry, so Back
/// does not return to a screen that sends the person away again) and answers its route.
pub fn redirect(path: &str) -> Route {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
    Route::parse(path)
}

/// A link that changes screen without a reload (a modified click still opens a new tab).
#[component]
pub fn Link(
    href: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let target = href.clone();
    view! {
        <a href=href class=class on:click=move |ev: web_sys::MouseEvent| {
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                return;
            }
            ev.prevent_default();
            navigate(&target);
        }>{children()}</a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_screens() {
        for (path, route) in [
            ("/", Route::Simulator),
            ("/aanmelden", Route::SignIn),
            ("/portefeuille/", Route::Overview),
            ("/aanvraag", Route::Wizard),
            (
                "/project/2026kmo000001",
                Route::Project("2026KMO000001".into()),
            ),
            (
                "/project/2026KMO000001/betalen",
                Route::Pay("2026KMO000001".into()),
            ),
            (
                "/project/2026KMO000001/stopzetten",
                Route::Stop("2026KMO000001".into()),
            ),
            (
                "/project/2026KMO000001/beoordelen",
                Route::Rate("2026KMO000001".into()),
            ),
            ("/meldingen", Route::Notifications),
            ("/dienstverlener", Route::Provider),
            ("/aanmelden/kiezen", Route::Choose),
            ("/registreren", Route::Registration),
            ("/beheer", Route::Operator),
            ("/elders", Route::NotFound),
        ] {
            assert_eq!(Route::parse(path), route, "{path}");
        }
    }

    #[test]
    fn only_the_simulator_and_sign_in_are_public() {
        assert!(!Route::Simulator.private());
        assert!(!Route::SignIn.private());
        assert!(Route::Overview.private());
        assert!(Route::Registration.private());
        assert!(Route::Provider.private());
    }
}
