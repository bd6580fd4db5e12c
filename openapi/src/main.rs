//! Writes `openapi.json` from the API's types (`shared::api`, JSON Schemas by schemars) and the
//! route table below, which says for every route of `worker/src/router.rs` its request body,
//! answers and parameters. `tests/api/openapi.rs` checks that this table and the router agree
//! and validates real answers against the document.
//!
//! `cargo run -p kmo-openapi` writes the file; `cargo run -p kmo-openapi -- --check` fails when
//! the committed file differs from a fresh generation (the test command runs it).

mod routes;

use std::process::ExitCode;

use schemars::generate::{Contract, SchemaSettings};
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

/// The document's place in the repository.
const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.json");

fn main() -> ExitCode {
    let document = serde_json::to_string_pretty(&document()).expect("JSON") + "\n";
    if std::env::args().any(|a| a == "--check") {
        let committed = std::fs::read_to_string(FILE).unwrap_or_default();
        if committed == document {
            println!("openapi.json is the generated one");
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "openapi.json differs from the one generated from shared::api and openapi/src/routes.rs; \
             run `cargo run -p kmo-openapi` and commit the result"
        );
        return ExitCode::FAILURE;
    }
    std::fs::write(FILE, document).expect("write openapi.json");
    println!("wrote openapi.json");
    ExitCode::SUCCESS
}

/// The whole OpenAPI 3.1 document.
pub fn document() -> Value {
    let mut schemas = Schemas::new();
    let paths = routes::paths(&mut schemas);
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "kmo-portefeuille API",
            "version": "1",
            "summary": "The Flemish SME wallet subsidy (kmo-portefeuille): simulator, applications, wallet, payments, ratings, provider portal.",
            "description": "All answers are JSON. Money is a string with two decimals (\"980.00\"), dates YYYY-MM-DD. Malformed input: 400 with { errors: [{ field, code, message }] } (messages in Dutch, codes stable); bodies over 64 kB: 413; not JSON: 415; refused by a rule: 422 with { reasons: [{ code, message }] }. Changing requests from another origin are refused (403 cross_origin). Generated from the Rust types of shared::api by openapi/ (cargo run -p kmo-openapi); tests/api/openapi.rs checks every route of worker/src/router.rs against this file and validates real answers.",
            "license": { "name": "EUPL-1.2", "identifier": "EUPL-1.2" }
        },
        "servers": [{ "url": "/", "description": "The Worker that also serves the front-end." }],
        "tags": [
            { "name": "public", "description": "No sign-in." },
            { "name": "sessions", "description": "Signing in and out, who is signed in, notifications." },
            { "name": "enterprise", "description": "Signed in as an enterprise (onderneming)." },
            { "name": "provider", "description": "Signed in as a service provider (dienstverlener)." },
            { "name": "operator", "description": "Signed in as the operator (the agency and its financial partner)." },
            { "name": "development", "description": "Development environment only; 404 elsewhere." }
        ],
        "security": [],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "__Host-kmo_session",
                    "description": "Session cookie (__Host- prefix: HttpOnly, Secure, Path=/, SameSite=Strict, 8 hours) set by sign-in. Without it: 401; with another role, or acting for no organisation yet: 403; when the organisation no longer grants access (suspended provider, operator off the allow-list): 403 access_revoked."
                }
            },
            "parameters": routes::parameters(&mut schemas),
            "responses": routes::responses(&mut schemas),
            "schemas": schemas.finish(),
        }
    });
    tidy(&mut doc);
    for name in ["SimulationRequest", "ApplicationRequest", "ProviderTheme"] {
        doc["components"]["schemas"][name]["anyOf"] = theme_pairs();
    }
    // Exactly one of `cost` and `costs` (`shared::costs::cost_or_breakdown`).
    for name in ["SimulationRequest", "ApplicationRequest"] {
        doc["components"]["schemas"][name]["oneOf"] = json!([
            { "required": ["cost"], "not": { "required": ["costs"] } },
            { "required": ["costs"], "not": { "required": ["cost"] } }
        ]);
    }
    doc["components"]["schemas"]["Date"] = json!({
        "type": "string",
        "format": "date",
        "description": "Calendar date (YYYY-MM-DD).",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
        "examples": ["2026-11-22"]
    });
    doc
}

/// A sub-theme belongs to its theme (`shared::themes::ThemeChoice`): one alternative per theme,
/// with the sub-themes it has (or none).
fn theme_pairs() -> Value {
    shared::themes::THEMES
        .iter()
        .map(|t| {
            let mut ids = vec![""];
            ids.extend(t.subthemes.iter().map(|s| s.id));
            json!({
                "properties": {
                    "theme": { "const": t.id },
                    "subtheme": { "anyOf": [{ "enum": ids }, { "type": "null" }] }
                }
            })
        })
        .collect()
}

/// What every schema of the document gets:
/// - an object lists all its fields (`additionalProperties: false`): the Worker writes exactly
///   these types, so an answer with an undocumented field is a bug the tests catch;
/// - a calendar date refers to the one `Date` schema (with its pattern);
/// - descriptions lose rustdoc's link brackets.
fn tidy(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.get("type") == Some(&json!("object"))
                && o.contains_key("properties")
                && !o.contains_key("additionalProperties")
            {
                o.insert("additionalProperties".into(), json!(false));
            }
            if o.get("type") == Some(&json!("object")) && !o.contains_key("required") {
                o.insert("required".into(), json!([]));
            }
            if o.get("format") == Some(&json!("date")) {
                let nullable = o.get("type") == Some(&json!(["string", "null"]));
                o.remove("format");
                o.remove("type");
                let date = json!({ "$ref": "#/components/schemas/Date" });
                if nullable {
                    o.insert("anyOf".into(), json!([date, { "type": "null" }]));
                } else {
                    o.insert("$ref".into(), date["$ref"].clone());
                }
            }
            if let Some(Value::String(d)) = o.get_mut("description") {
                *d = d.replace("[`", "`").replace("`]", "`").replace('\n', " ");
            }
            o.values_mut().for_each(tidy);
        }
        Value::Array(a) => a.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// The component schemas: answers as the Worker serializes them, request bodies as it reads
/// them. A name used by both must describe the same schema.
pub struct Schemas {
    answers: SchemaGenerator,
    requests: SchemaGenerator,
}

impl Schemas {
    fn new() -> Schemas {
        let settings = |contract| {
            SchemaSettings::draft2020_12().with(|s| {
                s.definitions_path = "/components/schemas".into();
                s.meta_schema = None;
                s.contract = contract;
            })
        };
        Schemas {
            answers: settings(Contract::Serialize).into_generator(),
            requests: settings(Contract::Deserialize).into_generator(),
        }
    }

    /// A `$ref` to the schema of an answer type.
    pub fn answer<T: JsonSchema>(&mut self) -> Value {
        self.answers.subschema_for::<T>().to_value()
    }

    /// A `$ref` to the schema of a request type (or a parameter's).
    pub fn request<T: JsonSchema>(&mut self) -> Value {
        self.requests.subschema_for::<T>().to_value()
    }

    fn finish(mut self) -> Value {
        let mut all: Map<String, Value> = self.answers.take_definitions(true);
        for (name, schema) in self.requests.take_definitions(true) {
            match all.get(&name) {
                Some(existing) if *existing != schema => panic!(
                    "schema {name} reads differently from how it is written; give the request type its own name"
                ),
                _ => {
                    all.insert(name, schema);
                }
            }
        }
        let mut sorted: Vec<(String, Value)> = all.into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        Value::Object(sorted.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_resolves() {
        let doc = document();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for (at, _) in text.match_indices("\"#/components/schemas/") {
            let rest = &text[at + 22..];
            let name = &rest[..rest.find('"').unwrap()];
            assert!(
                schemas.contains_key(name),
                "{name} is referenced but not defined"
            );
        }
    }
}
