//! JSON text read into a type: what the Worker stored in D1, and what the identity provider
//! answers.
//!
//! On the Worker the runtime parses the text (`JSON.parse`) and serde-wasm-bindgen reads the
//! value into its type, as the `worker` crate reads D1's rows: one reader for every type keeps
//! the wasm small (serde_json's reader, instantiated per type, costs several times more).
//! Natively (unit tests) serde_json reads the text; the types' `Deserialize` is the same.
//!
//! Request bodies are not read here: they go to `shared`'s parsers as a `serde_json::Value`
//! (`http::read_json`), which name every wrong field.

use serde::de::DeserializeOwned;

/// `text` as a `T`, or why not.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    let read = js_sys::JSON::parse(text)
        .map_err(|_| "not JSON".to_string())
        .and_then(|v| serde_wasm_bindgen::from_value(v).map_err(|e| e.to_string()));
    #[cfg(not(target_arch = "wasm32"))]
    let read = serde_json::from_str(text).map_err(|e| e.to_string());
    read
}
