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
    use js_sys::{Array, Object};
    use serde_json::{Map, Number, Value};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use crate::attributes::Attributes;
    use crate::setup;

    /// The provider number to look up for the frame's query string, if any.
    #[wasm_bindgen]
    pub fn provider_to_load(query: &str) -> Option<String> {
        setup::provider_to_load(&Attributes::from_query(query)).map(|n| n.to_string())
    }

    /// Draws the calculator into `#kmo`. `provider` is the parsed body of a 200 provider
    /// lookup, or `undefined`; it is read as the API's `Provider`. The browser parses the JSON:
    /// a JSON parser in the wasm would cost more than this whole file.
    #[wasm_bindgen]
    pub fn start(query: &str, provider: JsValue) -> Result<(), JsValue> {
        let attributes = Attributes::from_query(query);
        let provider = (!provider.is_undefined())
            .then(|| setup::read_provider(&tree(&provider)))
            .flatten();
        crate::dom::mount(setup::resolve(&attributes, provider))
    }

    /// The JSON tree of what the browser parsed.
    fn tree(v: &JsValue) -> Value {
        if let Some(s) = v.as_string() {
            Value::String(s)
        } else if let Some(b) = v.as_bool() {
            Value::Bool(b)
        } else if let Some(n) = v.as_f64() {
            number(n)
        } else if Array::is_array(v) {
            Value::Array(Array::from(v).iter().map(|item| tree(&item)).collect())
        } else if v.is_object() {
            // Inserted one by one: collecting would sort, and link a sort.
            let mut fields = Map::new();
            for entry in Object::entries(v.unchecked_ref()).iter() {
                let entry = Array::from(&entry);
                fields.insert(
                    entry.get(0).as_string().unwrap_or_default(),
                    tree(&entry.get(1)),
                );
            }
            Value::Object(fields)
        } else {
            Value::Null
        }
    }

    /// A whole number as JSON reads it (so it fits an integer field), any other as a float.
    fn number(n: f64) -> Value {
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
        if n.fract() == 0.0 && n.abs() <= EXACT {
            if n >= 0.0 {
                Value::from(n as u64)
            } else {
                Value::from(n as i64)
            }
        } else {
            Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    }
}
