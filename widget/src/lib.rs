//! The subsidy calculator providers embed on their own pages (issue 6).
//!
//! A provider's page loads `/embed/loader.js`, which frames `/embed/frame` of the product with
//! the snippet's attributes; the frame boots this crate. The frame is a document of its own,
//! so the host page's styles and scripts cannot reach it, nor it theirs.
//!
//! - [`attributes`]: the snippet's attributes, each valid or dropped (defaults, never an error);
//! - [`offer`], [`setup`]: what may be chosen, from the provider's registration;
//! - [`calculator`]: the form → the `POST /api/v1/simulate` body → `shared::simulate`, the same
//!   code path as the API;
//! - [`view`]: HTML text; [`texts`]: every text per language; [`color`]: the provider's colour;
//! - `dom` (wasm only): draws the view and recomputes on every input.

pub mod attributes;
pub mod calculator;
pub mod color;
pub mod offer;
pub mod setup;
pub mod texts;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod dom;

#[cfg(target_arch = "wasm32")]
mod exports {
    use js_sys::{Array, Reflect};
    use wasm_bindgen::prelude::*;

    use crate::attributes::Attributes;
    use crate::setup::{self, Provider};

    /// The provider number to look up for the frame's query string, if any.
    #[wasm_bindgen]
    pub fn provider_to_load(query: &str) -> Option<String> {
        setup::provider_to_load(&Attributes::from_query(query)).map(|n| n.to_string())
    }

    /// Draws the calculator into `#kmo`. `provider` is the parsed body of a 200 provider
    /// lookup, or `undefined`. The browser parses the JSON: a JSON parser in the wasm would
    /// cost more than this whole file.
    #[wasm_bindgen]
    pub fn start(query: &str, provider: JsValue) -> Result<(), JsValue> {
        let attributes = Attributes::from_query(query);
        crate::dom::mount(setup::resolve(&attributes, read_provider(&provider)))
    }

    fn field(object: &JsValue, name: &str) -> JsValue {
        Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    fn list(object: &JsValue, name: &str) -> Vec<JsValue> {
        let value = field(object, name);
        if Array::is_array(&value) {
            Array::from(&value).iter().collect()
        } else {
            Vec::new()
        }
    }

    /// `{ name, registration: { services: [..], themes: [{ theme, subtheme? }] } }`.
    fn read_provider(json: &JsValue) -> Option<Provider> {
        let name = field(json, "name").as_string()?;
        let registration = field(json, "registration");
        let services: Vec<String> = list(&registration, "services")
            .iter()
            .filter_map(JsValue::as_string)
            .collect();
        let themes = list(&registration, "themes")
            .iter()
            .filter_map(|t| {
                Some((
                    field(t, "theme").as_string()?,
                    field(t, "subtheme").as_string(),
                ))
            })
            .collect();
        Some(Provider::new(name, &services, themes))
    }
}
