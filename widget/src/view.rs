//! The calculator as HTML text. Plain strings instead of a UI framework keep the widget's
//! wasm small; every value from outside (the provider's name, typed amounts) goes through
//! [`escape`] (`shared::format::escape_html`). Ids and `data-field` names match the public simulator's.

use std::fmt::Write;

use shared::format::{escape_html as escape, euro};
use shared::service::ServiceType;
use shared::simulate::Simulation;
use shared::themes::ThemeChoice;

use crate::calculator::Outcome;
use crate::color::Color;
use crate::offer::ThemeOffer;
use crate::setup::Setup;
use crate::texts::Texts;

/// The card around everything, in the provider's colour.
fn card(color: Color, inner: &str) -> String {
    format!(
        "<div class=\"card\" style=\"--brand:{};--on-brand:{}\">{inner}</div>",
        color.css(),
        color.text_on()
    )
}

fn service_label(t: &Texts, service: ServiceType) -> &'static str {
    match service {
        ServiceType::Training => t.training,
        ServiceType::Advice => t.advice,
    }
}

/// The neutral message for a provider that cannot be shown.
pub fn unavailable(t: &Texts, color: Color) -> String {
    card(
        color,
        &format!(
            "<p class=\"unavailable\" data-state=\"unavailable\">{}</p>\
             <p><a class=\"home\" href=\"/\" target=\"_blank\" rel=\"noopener\">{}<span class=\"sr\"> {}</span></a></p>",
            t.unavailable, t.unavailable_link, t.new_window
        ),
    )
}

/// The whole calculator: header with what is fixed, the form, an empty result panel and the
/// link to apply.
pub fn calculator(s: &Setup) -> String {
    let t = s.texts;
    let mut fixed = String::new();
    let mut form = radios(
        "size",
        t.size,
        &[
            ("small", t.size_small),
            ("medium", t.size_medium),
            ("large", t.size_large),
        ],
    );
    match s.offer.services.as_slice() {
        [one] => {
            form.push_str(&hidden("service", one.id()));
            push_fixed(&mut fixed, t.service, service_label(t, *one));
        }
        services => {
            let choices: Vec<_> = services
                .iter()
                .map(|v| (v.id(), service_label(t, *v)))
                .collect();
            form.push_str(&radios("service", t.service, &choices));
        }
    }
    form.push_str(&theme_fields(s, &mut fixed));
    match s.price {
        Some(price) => {
            form.push_str(&hidden("cost", &price.to_string()));
            push_fixed(&mut fixed, t.price, &euro(price));
        }
        None => form.push_str(&text_field("cost", t.cost, t.cost_hint, "decimal", "text")),
    }

    let mut html = format!("<header class=\"head\"><h1>{}</h1>", t.heading);
    if let Some(p) = &s.provider {
        let _ = write!(
            html,
            "<p class=\"provider\">{} <b data-provider-name>{}</b> <span class=\"number\">({})</span></p>",
            t.offered_by,
            escape(&p.name),
            p.number
        );
    }
    if !fixed.is_empty() {
        let _ = write!(html, "<dl class=\"fixed\">{fixed}</dl>");
    }
    let apply = match &s.provider {
        Some(p) => format!("/aanvraag?provider={}", p.number),
        None => "/aanvraag".to_string(),
    };
    let _ = write!(
        html,
        "</header><form id=\"calc\" novalidate>{form}<details id=\"more\"><summary>{}</summary>{}{}</details></form>\
         <section class=\"result\" aria-labelledby=\"result-title\" aria-live=\"polite\">\
         <h2 id=\"result-title\">{}</h2><div id=\"result\"></div></section>\
         <p class=\"cta\"><a class=\"apply\" href=\"{apply}\" target=\"_blank\" rel=\"noopener\">{}\
         <span class=\"sr\"> {}</span></a></p><p class=\"foot\">{}</p>",
        t.more,
        text_field("used_this_year", t.used, t.optional, "decimal", "text"),
        text_field("date", t.date, t.optional, "none", "date"),
        t.result_title,
        t.apply,
        t.new_window,
        t.footer
    );
    card(s.color, &html)
}

/// Theme and sub-theme: a select where there is a choice, a hidden field where it is fixed.
fn theme_fields(s: &Setup, fixed: &mut String) -> String {
    let t = s.texts;
    let themes = &s.offer.themes;
    let Some(first) = s.offer.default_theme() else {
        return String::new();
    };
    let mut html = String::new();
    if let [only] = themes.as_slice() {
        html.push_str(&hidden("theme", only.theme.id));
        if only.is_fixed() {
            let subtheme = only.default_subtheme();
            if let Some(sub) = subtheme {
                html.push_str(&hidden("subtheme", sub.id));
            }
            let choice = ThemeChoice {
                theme: only.theme,
                subtheme,
            };
            push_fixed(fixed, t.theme, &choice.label());
            return html;
        }
        push_fixed(fixed, t.theme, only.theme.label);
    } else {
        let _ = write!(
            html,
            "<label for=\"theme\">{}</label><select id=\"theme\" name=\"theme\">",
            t.theme
        );
        for offer in themes {
            let selected = if offer.theme.id == first.theme.id {
                " selected"
            } else {
                ""
            };
            let _ = write!(
                html,
                "<option value=\"{}\"{selected}>{}</option>",
                offer.theme.id, offer.theme.label
            );
        }
        html.push_str("</select>");
    }
    let _ = write!(
        html,
        "<div id=\"subtheme-field\">{}</div>",
        subtheme_field(t, first)
    );
    html
}

/// The sub-theme select for one theme; nothing for a theme without sub-themes.
pub fn subtheme_field(t: &Texts, offer: &ThemeOffer) -> String {
    if offer.subthemes.is_empty() {
        return String::new();
    }
    let mut html = format!(
        "<label for=\"subtheme\">{}</label><select id=\"subtheme\" name=\"subtheme\">",
        t.subtheme
    );
    if offer.whole {
        let _ = write!(html, "<option value=\"\">{}</option>", t.subtheme_none);
    }
    for sub in &offer.subthemes {
        let _ = write!(html, "<option value=\"{}\">{}</option>", sub.id, sub.label);
    }
    html.push_str("</select>");
    html
}

fn push_fixed(fixed: &mut String, label: &str, value: &str) {
    let _ = write!(
        fixed,
        "<div><dt>{label}</dt><dd>{}</dd></div>",
        escape(value)
    );
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
        escape(value)
    )
}

fn radios(name: &str, legend: &str, choices: &[(&str, &str)]) -> String {
    let mut html = format!("<fieldset class=\"choice\"><legend>{legend}</legend>");
    for (i, (value, label)) in choices.iter().enumerate() {
        let checked = if i == 0 { " checked" } else { "" };
        let _ = write!(
            html,
            "<label class=\"radio\" for=\"{name}-{value}\"><input type=\"radio\" id=\"{name}-{value}\" \
             name=\"{name}\" value=\"{value}\"{checked}>{label}</label>"
        );
    }
    html.push_str("</fieldset>");
    html
}

fn text_field(id: &str, label: &str, hint: &str, mode: &str, kind: &str) -> String {
    format!(
        "<label for=\"{id}\">{label}</label><input id=\"{id}\" name=\"{id}\" type=\"{kind}\" \
         inputmode=\"{mode}\" autocomplete=\"off\" aria-describedby=\"{id}-hint {id}-error\" \
         aria-invalid=\"false\"><span class=\"hint\" id=\"{id}-hint\">{hint}</span>\
         <span class=\"field-error\" id=\"{id}-error\" role=\"alert\"></span>"
    )
}

/// The result panel's content.
pub fn result(t: &Texts, outcome: &Outcome, service: ServiceType) -> String {
    match outcome {
        Outcome::Empty | Outcome::Invalid(_) => {
            format!("<p class=\"result-empty\">{}</p>", t.result_empty)
        }
        Outcome::Computed(sim) => computed(t, sim, service),
    }
}

/// "Hoe berekend?": every step with its legal source, folded until asked for.
fn explanation(t: &Texts, sim: &Simulation) -> String {
    let mut html = format!(
        "<details class=\"explanation\"><summary>{}</summary><ol>",
        t.how_computed
    );
    for step in &sim.explanation {
        let _ = write!(
            html,
            "<li data-code=\"{}\">{}<small class=\"source\">{}: {}</small></li>",
            step.code.id(),
            escape(&step.message),
            t.source,
            escape(&step.source)
        );
    }
    html + "</ol></details>"
}

fn computed(t: &Texts, sim: &Simulation, service: ServiceType) -> String {
    let mut notes = String::from("<ul class=\"notes\">");
    for n in &sim.notes {
        let _ = write!(
            notes,
            "<li data-code=\"{}\">{}</li>",
            n.code,
            escape(&n.message)
        );
    }
    notes.push_str("</ul>");
    notes.push_str(&explanation(t, sim));
    let (Some(rate), Some(a)) = (sim.rate.filter(|_| sim.eligible), sim.amounts) else {
        let mut html = format!(
            "<p class=\"not-eligible\">{}</p><ul class=\"reasons\">",
            t.not_eligible
        );
        for r in &sim.reasons {
            let _ = write!(
                html,
                "<li data-code=\"{}\">{}</li>",
                r.code,
                escape(&r.message)
            );
        }
        return html + "</ul>" + &notes;
    };
    // A sentence may wrap, an amount may not: no break after the euro sign.
    let amount = |m| euro(m).replace(' ', "\u{a0}");
    let headline = if a.capped {
        (t.headline_capped)(&amount(a.subsidy))
    } else {
        (t.headline)(service, &amount(a.cost), &amount(a.own_contribution))
    };
    let figure = |class: &str, label: &str, field: &str, value: String| {
        format!(
            "<div class=\"{class}\"><dt>{label}</dt><dd data-field=\"{field}\">{value}</dd></div>"
        )
    };
    let percent = a.subsidy_share_percent();
    let (own, subsidy) = (euro(a.own_contribution), euro(a.subsidy));
    format!(
        "<p class=\"headline\">{}</p><dl class=\"figures\" data-regime=\"{}\">{}{}{}{}{}</dl>\
         <figure class=\"split\" aria-label=\"{}\"><div class=\"split-bar\" aria-hidden=\"true\">\
         <div class=\"split-own\" style=\"width:calc(100% - {percent}%)\"></div>\
         <div class=\"split-subsidy\" style=\"width:{percent}%\"></div></div>\
         <figcaption class=\"split-legend\"><span><i class=\"dot dot-own\"></i>{}: <b>{own}</b></span>\
         <span><i class=\"dot dot-subsidy\"></i>{}: <b>{subsidy}</b></span></figcaption></figure>{notes}",
        escape(&headline),
        sim.regime,
        figure("", t.rate, "rate", format!("{} %", rate.as_percent())),
        figure("", t.project_amount, "project_amount", euro(a.project_amount)),
        figure("own", t.own_contribution, "own_contribution", own.clone()),
        figure("subsidy", t.subsidy, "subsidy", subsidy.clone()),
        figure("", t.remaining_after, "remaining_after", euro(a.remaining_after)),
        t.chart_label,
        t.own_contribution,
        t.subsidy,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attributes::Attributes;
    use crate::calculator::Entry;
    use crate::setup::{resolve, Widget};
    use chrono::NaiveDate;
    use shared::api::public::{Provider, RatingSummary};
    use shared::ids::provider_number::ProviderNumber;
    use shared::service::ServiceType;
    use shared::service_eligibility::{ProviderRegistration, RegisteredTheme};

    fn setup(query: &str, provider: Option<Provider>) -> Setup {
        match resolve(&Attributes::from_query(query), provider) {
            Widget::Calculator(s) => s,
            Widget::Unavailable { .. } => panic!("expected the calculator"),
        }
    }

    fn provider(name: &str) -> Provider {
        let theme = |subtheme: &str| RegisteredTheme {
            theme: "digitalisering".into(),
            subtheme: Some(subtheme.into()),
        };
        Provider {
            number: ProviderNumber::parse("DV.O123456").unwrap(),
            name: name.into(),
            address: "Brussel".into(),
            email: "info@example.be".into(),
            registration: ProviderRegistration {
                services: vec![ServiceType::Training],
                themes: vec![theme("software"), theme("onlinetoepassingen")],
            },
            rating: RatingSummary::default(),
        }
    }

    #[test]
    fn text_from_outside_is_escaped() {
        assert_eq!(
            escape("<b onclick='x'>\"A&B\"</b>"),
            "&lt;b onclick=&#39;x&#39;&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
        );
        let html = calculator(&setup(
            "?provider=DV.O123456",
            Some(provider("<img src=x onerror=alert(1)>")),
        ));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!html.contains("<img"));
    }

    #[test]
    fn the_provider_is_named_and_the_application_link_carries_its_number() {
        let html = calculator(&setup(
            "?provider=dv.o123456",
            Some(provider("Opleidingen NV")),
        ));
        assert!(html.contains("<b data-provider-name>Opleidingen NV</b>"));
        assert!(html.contains("href=\"/aanvraag?provider=DV.O123456\""));
        // Training only: no service choice, one theme: no theme select, two sub-themes.
        assert!(!html.contains("name=\"service\" value=\"advice\""));
        assert!(html.contains("<input type=\"hidden\" name=\"theme\" value=\"digitalisering\">"));
        assert!(html.contains(
            "<option value=\"software\">Software</option><option value=\"onlinetoepassingen\">"
        ));
        assert!(!html.contains(t_none()));
    }

    fn t_none() -> &'static str {
        crate::texts::for_lang("nl").subtheme_none
    }

    #[test]
    fn the_general_calculator_offers_every_theme_and_both_services() {
        let html = calculator(&setup("", None));
        assert_eq!(
            html.matches("<option value=\"").count() - html.matches("<option value=\"\"").count(),
            8 + 5
        );
        assert!(html.contains("value=\"advice\""));
        assert!(html.contains("href=\"/aanvraag\""));
        assert!(html.contains(t_none()));
        assert!(html.contains("--brand:#1d3b6f;--on-brand:#ffffff"));
    }

    #[test]
    fn fixed_choices_are_shown_as_text_and_sent_as_hidden_fields() {
        let html = calculator(&setup(
            "?price=1250&service=training&theme=digitalisering&subtheme=software&color=%23ffcc00",
            None,
        ));
        assert!(html.contains("<input type=\"hidden\" name=\"cost\" value=\"1250.00\">"));
        assert!(html.contains("<dd>€ 1.250,00</dd>"));
        assert!(html.contains("<dd>Digitalisering - Software</dd>"));
        assert!(html.contains("<dd>Opleiding</dd>"));
        assert!(!html.contains("<select"));
        assert!(!html.contains("id=\"cost\""));
        assert!(html.contains("--brand:#ffcc00;--on-brand:#000000"));
    }

    #[test]
    fn the_result_shows_the_api_figures_and_the_headline() {
        let entry = Entry {
            size: "small".into(),
            service: "training".into(),
            theme: "digitalisering".into(),
            subtheme: "software".into(),
            cost: "1250".into(),
            ..Entry::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let t = crate::texts::for_lang("nl");
        let html = result(t, &entry.evaluate(today), ServiceType::Training);
        assert!(html.contains(
            "Deze opleiding kost €\u{a0}1.250,00 exclusief btw. Met de kmo-portefeuille betaal je €\u{a0}875,00."
        ));
        assert!(html.contains("<dd data-field=\"subsidy\">€ 375,00</dd>"));
        assert!(html.contains("<dd data-field=\"rate\">30 %</dd>"));
        assert!(html.contains("data-code=\"taxable\""));
    }

    #[test]
    fn a_refusal_lists_its_reasons() {
        let entry = Entry {
            size: "large".into(),
            service: "training".into(),
            theme: "innovatie".into(),
            cost: "50".into(),
            ..Entry::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let html = result(
            crate::texts::for_lang("nl"),
            &entry.evaluate(today),
            ServiceType::Training,
        );
        assert!(html.contains("<li data-code=\"enterprise_large\">"));
        assert!(html.contains("<li data-code=\"cost_below_minimum\">"));
        assert!(!html.contains("data-field"));
    }

    #[test]
    fn the_neutral_message_has_no_error_in_it() {
        let html = unavailable(crate::texts::for_lang("nl"), Color::DEFAULT);
        assert!(html.contains("data-state=\"unavailable\""));
        assert!(!html.to_lowercase().contains("fout") && !html.contains("404"));
    }
}
