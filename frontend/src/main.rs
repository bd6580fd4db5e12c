//! The kmo-portefeuille web app. Every number it shows comes from the `shared` rules crate,
//! so the browser and the API always agree.

mod chart;
mod simulator;
mod texts;

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <header class="top">
            <span class="brand">{texts::BRAND}</span>
        </header>
        <main id="main">
            <simulator::Simulator/>
        </main>
        <footer class="foot">{texts::FOOTER}</footer>
    }
}
