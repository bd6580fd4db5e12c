//! A bar showing own contribution against subsidy: people read a picture faster than numbers.

use leptos::prelude::*;

use crate::texts;

/// `subsidy_percent` comes from `shared` (`Amounts::subsidy_share_percent`); the labels are the
/// formatted amounts.
#[component]
pub fn SplitBar(
    subsidy_percent: String,
    own_label: String,
    subsidy_label: String,
) -> impl IntoView {
    let own_width = format!("width: calc(100% - {subsidy_percent}%)");
    let subsidy_width = format!("width: {subsidy_percent}%");
    view! {
        <figure class="split" aria-label=texts::CHART_LABEL>
            <div class="split-bar" aria-hidden="true">
                <div class="split-own" style=own_width></div>
                <div class="split-subsidy" style=subsidy_width></div>
            </div>
            <figcaption class="split-legend">
                <span><i class="dot dot-own"></i>{texts::OWN_CONTRIBUTION}": "<b class="amount">{own_label}</b></span>
                <span><i class="dot dot-subsidy"></i>{texts::SUBSIDY}": "<b class="amount">{subsidy_label}</b></span>
            </figcaption>
        </figure>
    }
}
