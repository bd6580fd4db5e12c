//! Draws the widget into the frame's `#kmo` and recomputes on every input. The only code that
//! touches the browser; everything it draws comes from [`crate::view`].

use std::cell::RefCell;
use std::rc::Rc;

use shared::service::ServiceType;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Event, FormData, HtmlFormElement};

use crate::calculator::{read_entry, Entry, Outcome, TYPED_FIELDS};
use crate::setup::{Setup, Widget};
use crate::view;

pub fn mount(widget: Widget) -> Result<(), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let root = doc.get_element_by_id("kmo").ok_or("no #kmo")?;
    let (texts, html) = match &widget {
        Widget::Calculator(setup) => (setup.texts, view::calculator(setup)),
        Widget::Unavailable { texts, color } => (*texts, view::unavailable(texts, *color)),
    };
    if let Some(html_element) = doc.document_element() {
        html_element.set_attribute("lang", texts.code)?;
    }
    doc.set_title(texts.title);
    root.set_inner_html(&html);
    let Widget::Calculator(setup) = widget else {
        return Ok(());
    };
    let form: HtmlFormElement = doc.get_element_by_id("calc").ok_or("no form")?.dyn_into()?;
    let theme = setup
        .offer
        .default_theme()
        .map(|t| t.theme.id)
        .unwrap_or_default();
    let live = Rc::new(Live {
        theme: RefCell::new(theme.to_string()),
        doc,
        form: form.clone(),
        setup,
    });
    live.update()?;
    let on_input = Closure::<dyn Fn()>::new(move || {
        // A failed redraw leaves the last result standing; there is nothing better to show.
        let _ = live.update();
    });
    for event in ["input", "change"] {
        form.add_event_listener_with_callback(event, on_input.as_ref().unchecked_ref())?;
    }
    on_input.forget();
    let on_submit = Closure::<dyn Fn(Event)>::new(|e: Event| e.prevent_default());
    form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref())?;
    on_submit.forget();
    Ok(())
}

/// The drawn calculator.
struct Live {
    setup: Setup,
    doc: Document,
    form: HtmlFormElement,
    /// The theme whose sub-themes the sub-theme select lists.
    theme: RefCell<String>,
}

impl Live {
    fn entry(&self) -> Result<Entry, JsValue> {
        let data = FormData::new_with_form(&self.form)?;
        Ok(read_entry(|name| data.get(name).as_string()))
    }

    fn update(&self) -> Result<(), JsValue> {
        let t = self.setup.texts;
        let mut entry = self.entry()?;
        if *self.theme.borrow() != entry.theme {
            if let (Some(field), Some(offer)) = (
                self.doc.get_element_by_id("subtheme-field"),
                self.setup.offer.theme(&entry.theme),
            ) {
                field.set_inner_html(&view::subtheme_field(t, offer));
            }
            self.theme.replace(entry.theme.clone());
            entry = self.entry()?;
        }
        let today = shared::today::belgian_date(js_sys::Date::now() as i64);
        let outcome = entry.evaluate(today);
        if let Some(result) = self.doc.get_element_by_id("result") {
            let service = ServiceType::parse(&entry.service).unwrap_or(ServiceType::Training);
            result.set_inner_html(&view::result(t, &outcome, service));
        }
        let errors = match &outcome {
            Outcome::Invalid(errors) => errors.as_slice(),
            _ => &[],
        };
        for field in TYPED_FIELDS {
            let message = errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str());
            if let Some(span) = self.doc.get_element_by_id(&format!("{field}-error")) {
                span.set_text_content(message);
            }
            if let Some(input) = self.doc.get_element_by_id(field) {
                input.set_attribute(
                    "aria-invalid",
                    if message.is_some() { "true" } else { "false" },
                )?;
            }
            if message.is_some() && field != "cost" {
                if let Some(more) = self.doc.get_element_by_id("more") {
                    more.set_attribute("open", "")?;
                }
            }
        }
        Ok(())
    }
}
