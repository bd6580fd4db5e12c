//! `openapi.json` against the code and the running Worker:
//! - every route of `worker/src/router.rs` is described, and nothing else;
//! - the document hangs together (references resolve, path parameters are declared, the main
//!   objects allow no other fields);
//! - a real flow through every endpoint (happy paths and error statuses) answers bodies that
//!   validate against the schema of that path, method and status.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::Days;
use kmo_blackbox::{
    base_url, fetch, follow_identity_provider, get, post_json, request, request_raw, server_today,
    Answer, Session,
};
use serde_json::{json, Value};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The demo enterprise this flow applies for (db/seed.sql), a medium-sized one, so the flow
/// leaves the budget of the small one other tests use alone.
const ENTERPRISE: &str = "0417497106";
/// In the KBO sample (db/kbo/full) without a wallet: this flow registers it.
const UNREGISTERED: &str = "0551234667";
/// A seeded provider registered for training in digitalisering / software.
const PROVIDER: &str = "DV.O123456";
/// A seeded provider that does not cover digitalisering (an application naming it is refused).
const OTHER_PROVIDER: &str = "DV.O222774";
/// The provider this test registers as the operator; it ends suspended (out of the directory).
const TEST_PROVIDER: &str = "DV.O990427";

fn repo_file(name: &str) -> String {
    let path = format!("{}/../{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        serde_json::from_str(&repo_file("openapi.json")).expect("openapi.json is valid JSON")
    })
}

/// `(method, path)` of every route in `worker/src/router.rs`, in OpenAPI form (`{param}`).
fn router_routes() -> BTreeSet<(String, String)> {
    // Commented-out lines are not routes.
    let source: String = repo_file("worker/src/router.rs")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut routes = BTreeSet::new();
    for method in METHODS {
        for call in [format!(".{method}("), format!(".{method}_async(")] {
            for (at, _) in source.match_indices(&call) {
                let rest = source[at + call.len()..].trim_start();
                let Some(literal) = rest.strip_prefix('"') else {
                    continue;
                };
                let Some(end) = literal.find('"') else {
                    continue;
                };
                let path = &literal[..end];
                if path.starts_with('/') {
                    routes.insert((method.to_string(), openapi_path(path)));
                }
            }
        }
    }
    routes
}

/// matchit's `/a/:b/c` (and `*rest`) as OpenAPI's `/a/{b}/c`.
fn openapi_path(path: &str) -> String {
    path.split('/')
        .map(
            |seg| match seg.strip_prefix(':').or_else(|| seg.strip_prefix('*')) {
                Some(name) => format!("{{{name}}}"),
                None => seg.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

fn spec_routes() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for (path, item) in spec()["paths"].as_object().expect("paths") {
        for method in METHODS {
            if item.get(*method).is_some() {
                routes.insert((method.to_string(), path.clone()));
            }
        }
    }
    routes
}

/// Follows a local `$ref` (`#/components/...`) in the spec.
fn resolve(value: &Value) -> &Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.strip_prefix('#').expect("a local $ref");
            resolve(
                spec()
                    .pointer(pointer)
                    .unwrap_or_else(|| panic!("$ref {r} resolves")),
            )
        }
        None => value,
    }
}

/// A validator for `schema` (a part of the spec); its `$ref`s resolve against the spec's
/// components, which are put beside it at the root.
fn validator(schema: &Value) -> jsonschema::Validator {
    let mut root = json!({ "allOf": [schema] });
    root["components"] = spec()["components"].clone();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("schema {schema} compiles: {e}"))
}

/// Why `instance` does not fit `schema` (empty when it does).
fn violations(schema: &Value, instance: &Value) -> Vec<String> {
    validator(schema)
        .iter_errors(instance)
        .map(|e| format!("at '{}': {e}", e.instance_path()))
        .collect()
}

fn component(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

#[test]
fn every_route_of_the_router_is_in_openapi_json_and_nothing_else() {
    let router = router_routes();
    let described = spec_routes();
    assert!(router.len() >= 29, "router.rs parsed: {router:?}");
    let missing: Vec<_> = router.difference(&described).collect();
    let extra: Vec<_> = described.difference(&router).collect();
    assert!(
        missing.is_empty(),
        "routes in worker/src/router.rs missing from openapi.json: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "openapi.json describes routes worker/src/router.rs does not have: {extra:?}"
    );
}

#[test]
fn openapi_json_hangs_together() {
    let spec = spec();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    let scheme = &spec["components"]["securitySchemes"]["session"];
    assert_eq!(
        (&scheme["type"], &scheme["in"], &scheme["name"]),
        (
            &json!("apiKey"),
            &json!("cookie"),
            &json!("__Host-kmo_session")
        )
    );
    // Every $ref points at something.
    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(o) => {
                if let Some(r) = o.get("$ref").and_then(Value::as_str) {
                    out.push(r);
                }
                o.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(spec, &mut all);
    for r in &all {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("local $ref {r}"));
        assert!(spec.pointer(pointer).is_some(), "$ref {r} resolves");
    }
    // Every operation: its path parameters declared, security stated, JSON answers with schemas.
    let mut operation_ids = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        // The API, and the two files for crawlers the Worker also answers.
        assert!(
            path.starts_with("/api/v1/")
                || ["/robots.txt", "/sitemap.xml"].contains(&path.as_str()),
            "{path}"
        );
        for method in METHODS {
            let Some(op) = item.get(*method) else {
                continue;
            };
            let here = format!("{method} {path}");
            assert!(
                operation_ids.insert(op["operationId"].as_str().expect(&here).to_string()),
                "{here}: operationId unique"
            );
            assert!(op["security"].is_array(), "{here}: security stated");
            assert!(op["summary"].is_string(), "{here}: summary");
            let parameters: Vec<&Value> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(resolve)
                .collect();
            for p in &parameters {
                assert!(
                    p["name"].is_string() && p["schema"].is_object(),
                    "{here}: {p}"
                );
                assert!(
                    p["in"] != "path" || p["required"] == true,
                    "{here}: {p} required"
                );
            }
            let declared: BTreeSet<String> = parameters
                .iter()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            let in_path: BTreeSet<String> = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                .map(str::to_string)
                .collect();
            assert_eq!(declared, in_path, "{here}: path parameters");
            let responses = op["responses"].as_object().expect(&here);
            assert!(
                responses
                    .keys()
                    .any(|s| s.starts_with('2') || s.starts_with('3')),
                "{here}: a success answer"
            );
            for (status, response) in responses {
                let response = resolve(response);
                assert!(
                    response["description"].is_string(),
                    "{here} {status}: description"
                );
                if status.starts_with('3') {
                    // A redirect has no body, only where to go.
                    assert!(
                        response.get("content").is_none(),
                        "{here} {status}: no body"
                    );
                    assert!(
                        response["headers"]["Location"].is_object(),
                        "{here} {status}"
                    );
                    continue;
                }
                // Every answer is JSON but the crawler files' successes (text and XML).
                let media = match (path.as_str(), status.as_str()) {
                    ("/robots.txt", "200") => "text/plain",
                    ("/sitemap.xml", "200") => "application/xml",
                    ("/api/v1/projects/{dossier}/calendar.ics", "200") => "text/calendar",
                    ("/api/v1/provider/projects.csv" | "/api/v1/provider/payments.csv", "200") => {
                        "text/csv"
                    }
                    _ => "application/json",
                };
                let schema = &response["content"][media]["schema"];
                assert!(schema.is_object(), "{here} {status}: a {media} schema");
                validator(schema);
            }
            for (media, content) in op["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                assert!(
                    content["schema"].is_object(),
                    "{here}: {media} request schema"
                );
                validator(&content["schema"]);
            }
        }
    }
    // The main objects allow no other fields, so an answer with an undocumented field fails.
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        if schema["type"] == "object" {
            assert_eq!(
                schema["additionalProperties"],
                json!(false),
                "components.schemas.{name}: additionalProperties: false"
            );
            let props = schema["properties"].as_object().expect(name);
            for field in schema["required"].as_array().expect(name) {
                assert!(
                    props.contains_key(field.as_str().unwrap()),
                    "{name}: required {field} is a property"
                );
            }
        }
    }
}

#[test]
fn the_schemas_refuse_undocumented_and_missing_fields() {
    let themes = get("/api/v1/themes");
    assert_eq!(themes.status, 200);
    let schema = component("ThemeList");
    assert_eq!(violations(&schema, &themes.body), Vec::<String>::new());
    let mut extra = themes.body.clone();
    extra["themes"][0]["colour"] = json!("red");
    assert!(!violations(&schema, &extra).is_empty(), "an extra field");
    let mut missing = themes.body.clone();
    missing["themes"][0]
        .as_object_mut()
        .unwrap()
        .remove("label");
    assert!(!violations(&schema, &missing).is_empty(), "a missing field");
    let money = component("Money");
    assert!(violations(&money, &json!("980.00")).is_empty());
    for wrong in [json!("980"), json!(980.0), json!("980.5"), json!("-1.00")] {
        assert!(
            !violations(&money, &wrong).is_empty(),
            "{wrong} is not Money"
        );
    }
    let date = component("Date");
    assert!(violations(&date, &json!("2026-11-22")).is_empty());
    assert!(!violations(&date, &json!("22/11/2026")).is_empty());
}

/// Checks answers against the spec and records what was exercised.
struct Checker {
    seen: BTreeMap<(String, String), BTreeSet<String>>,
    validated: usize,
}

impl Checker {
    fn new() -> Checker {
        Checker {
            seen: BTreeMap::new(),
            validated: 0,
        }
    }

    /// Asserts `a` has `status` and that its body fits the spec's schema for `method` `path`
    /// (the OpenAPI template) and that status; returns it.
    fn expect(&mut self, method: &str, path: &str, status: u16, a: Answer) -> Answer {
        let method = method.to_lowercase();
        let here = format!("{} {path} -> {}", method.to_uppercase(), a.status);
        assert_eq!(a.status, status, "{here}, expected {status}: {}", a.body);
        let op = &spec()["paths"][path][&method];
        assert!(op.is_object(), "{here}: not in openapi.json");
        let Some(response) = op["responses"].get(status.to_string()) else {
            panic!("{here}: status {status} not documented in openapi.json")
        };
        let response = resolve(response);
        if response.get("content").is_none() {
            assert!(
                a.body.is_null(),
                "{here}: documented without a body: {}",
                a.body
            );
        } else {
            self.validate_body(&here, response, &a);
        }
        for header in response["headers"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|h| h.0)
        {
            assert!(a.header(header).is_some(), "{here}: header {header}");
        }
        self.seen
            .entry((method, path.to_string()))
            .or_default()
            .insert(status.to_string());
        a
    }

    /// Validates a JSON answer against the response's schema (an HTML page only by its type).
    fn validate_body(&mut self, here: &str, response: &Value, a: &Answer) {
        let content_type = a.header("content-type").unwrap_or_default().to_string();
        let media = content_type.split(';').next().unwrap_or_default().trim();
        let Some(schema) = response["content"][media]["schema"].as_object() else {
            panic!("{here}: content type '{content_type}' not documented")
        };
        if media == "application/json" {
            let errors = violations(&Value::Object(schema.clone()), &a.body);
            assert!(
                errors.is_empty(),
                "{here}: the answer does not fit openapi.json:\n  {}\nanswer: {}",
                errors.join("\n  "),
                serde_json::to_string_pretty(&a.body).unwrap_or_default()
            );
            self.validated += 1;
        }
    }

    /// Asserts that `body` fits the request schema of `method` `path` (the bodies the flow
    /// sends on its happy paths, so the documented request is the one that works).
    fn request_fits(&self, method: &str, path: &str, body: &Value) {
        let schema = &spec()["paths"][path][method.to_lowercase()]["requestBody"]["content"]
            ["application/json"]["schema"];
        let errors = violations(schema, body);
        assert!(
            errors.is_empty(),
            "{method} {path}: the request {body} does not fit openapi.json: {errors:?}"
        );
    }

    /// Asserts every operation was called; answers how many operations and (operation,
    /// status) pairs were, and the documented statuses the flow did not provoke.
    fn report(&self) -> (usize, usize, Vec<String>) {
        let mut not_called = Vec::new();
        let mut untested = Vec::new();
        let mut statuses = 0;
        for (method, path) in spec_routes() {
            let documented: BTreeSet<String> = spec()["paths"][&path][&method]["responses"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            match self.seen.get(&(method.clone(), path.clone())) {
                None => not_called.push(format!("{method} {path}")),
                Some(seen) => {
                    statuses += seen.len();
                    // 500 (an internal error) is documented everywhere and provoked nowhere.
                    for s in documented.difference(seen).filter(|s| *s != "500") {
                        untested.push(format!("{} {path} {s}", method.to_uppercase()));
                    }
                }
            }
        }
        assert!(
            not_called.is_empty(),
            "operations the flow never called: {not_called:?}"
        );
        (self.seen.len(), statuses, untested)
    }
}

/// A key no other run used.
fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{prefix}-{}-{nanos}", std::process::id())
}

const HUGE: usize = 70 * 1024;
const EVIL: &[(&str, &str)] = &[("origin", "https://evil.example")];
const NOT_FOUND_DOSSIER: &str = "2000KMO999999";

fn application(today: chrono::NaiveDate, provider: &str) -> Value {
    json!({
        "nace": "62.010", "service": "training", "name": "Veilig online",
        "training_kind": "classroom", "theme": "digitalisering", "subtheme": "software",
        "hours": "16", "participants": ["Jan Peeters"],
        "enrolled_on": (today - Days::new(5)).to_string(),
        "starts_on": (today + Days::new(5)).to_string(),
        "contributes_to_business": true, "cost": "980.00", "provider": provider,
        "declaration_accepted": true, "no_related_party": true,
        "participants_are_workers": true, "attendance_at_least_80": true
    })
}

/// A CAMT.053 statement with one booked credit of `amount` on `day`, communication `text`.
fn camt053(entry_ref: &str, day: &str, amount: &str, text: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>\
         <GrpHdr><MsgId>OPENAPI</MsgId></GrpHdr><Stmt><Id>{entry_ref}-S</Id>\
         <Ntry><NtryRef>{entry_ref}</NtryRef><Amt Ccy=\"EUR\">{amount}</Amt>\
         <CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>{day}</Dt></BookgDt>\
         <NtryDtls><TxDtls><RmtInf><Ustrd>{text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\
         </Stmt></BkToCstmrStmt></Document>"
    )
}

#[test]
fn the_real_answers_match_openapi_json() {
    let mut c = Checker::new();
    let huge = " ".repeat(HUGE);
    let json_type = "application/json";

    // ---- Public ------------------------------------------------------------------------------
    c.expect("GET", "/api/v1/health", 200, get("/api/v1/health"));
    c.expect("GET", "/api/v1/themes", 200, get("/api/v1/themes"));
    c.expect("GET", "/api/v1/regimes", 200, get("/api/v1/regimes"));
    c.expect(
        "GET",
        "/api/v1/regimes",
        200,
        get("/api/v1/regimes?on=2026-02-01"),
    );
    c.expect(
        "GET",
        "/api/v1/regimes",
        400,
        get("/api/v1/regimes?on=2022-12-31"),
    );
    let size = "/api/v1/size-assessment";
    let question = json!({
        "own": { "staff_awu": "12.5", "turnover": "1800000.00", "balance_sheet_total": "900000.00" },
        "relations": [ { "share": "30", "control": false, "figures":
            { "staff_awu": "140", "turnover": "20000000", "balance_sheet_total": "9000000" } } ],
        "earlier_years": [ { "own": { "staff_awu": "12", "turnover": "1700000", "balance_sheet_total": "800000" } } ],
        "size_so_far": "small"
    });
    c.request_fits("POST", size, &question);
    let a = c.expect("POST", size, 200, post_json(size, &question));
    assert_eq!(a.body["established_size"], "small");
    c.expect("POST", size, 400, post_json(size, &json!({ "own": {} })));
    c.expect(
        "POST",
        size,
        415,
        request_raw("POST", size, &[], "text/plain", "{}"),
    );
    c.expect(
        "POST",
        size,
        413,
        request_raw("POST", size, &[], json_type, &huge),
    );

    let sim = "/api/v1/simulate";
    let eligible = json!({ "size": "small", "service": "training", "theme": "digitalisering",
        "subtheme": "software", "cost": "980.00", "date": "2026-11-22", "used_this_year": "0.00" });
    c.request_fits("POST", sim, &eligible);
    let a = c.expect("POST", sim, 200, post_json(sim, &eligible));
    assert_eq!(a.body["eligible"], true);
    let capped = json!({ "size": "small", "service": "training", "theme": "innovatie",
        "cost": "10000.00", "used_this_year": "7000.00" });
    c.request_fits("POST", sim, &capped);
    let a = c.expect("POST", sim, 200, post_json(sim, &capped));
    assert_eq!(a.body["capped"], true);
    let split = json!({ "size": "small", "service": "training", "theme": "innovatie",
        "costs": { "fee": "500.00", "catering": { "total": "80.00", "days": 1, "persons": 3,
        "functionally_tied": true }, "exam_fees": "40.00" } });
    c.request_fits("POST", sim, &split);
    let a = c.expect("POST", sim, 200, post_json(sim, &split));
    assert_eq!(a.body["cost"], "575.00");
    let refused = json!({ "size": "large", "service": "training", "theme": "innovatie",
        "cost": "99.99", "used_this_year": "7500.00", "date": "2026-11-22" });
    let a = c.expect("POST", sim, 200, post_json(sim, &refused));
    assert_eq!(a.body["eligible"], false);
    let malformed = json!({ "size": "tiny", "cost": 980 });
    c.expect("POST", sim, 400, post_json(sim, &malformed));
    c.expect(
        "POST",
        sim,
        400,
        request_raw("POST", sim, &[], json_type, "{ nope"),
    );
    c.expect(
        "POST",
        sim,
        413,
        request_raw("POST", sim, &[], json_type, &huge),
    );
    c.expect(
        "POST",
        sim,
        415,
        request_raw("POST", sim, &[], "text/plain", "{}"),
    );

    let search = "/api/v1/providers";
    let a = c.expect("GET", search, 200, get("/api/v1/providers?q=Syntra"));
    assert!(!a.body["providers"].as_array().unwrap().is_empty());
    let filtered =
        "/api/v1/providers?q=DV.0104945&service=advice&theme=digitalisering&subtheme=cybersecurity";
    let a = c.expect("GET", search, 200, get(filtered));
    assert_eq!(a.body["providers"][0]["number"], "DV.0104945");
    c.expect("GET", search, 400, get("/api/v1/providers?q=a"));
    c.expect(
        "GET",
        search,
        400,
        get("/api/v1/providers?q=Syntra&service=cooking"),
    );
    let one = "/api/v1/providers/{number}";
    let a = c.expect(
        "GET",
        one,
        200,
        get(&format!("/api/v1/providers/{PROVIDER}")),
    );
    assert_eq!(a.body["number"], PROVIDER);
    c.expect("GET", one, 404, get("/api/v1/providers/DV.O999998"));
    c.expect("GET", one, 400, get("/api/v1/providers/nobody"));

    // ---- Development: the clock is read, never moved (tests running at once use the real
    // date); a PUT with null keeps it as it is.
    let clock = "/api/v1/dev/clock";
    let a = c.expect("GET", clock, 200, get(clock));
    let today = server_today();
    assert_eq!(a.body["today"], today.to_string());
    let null_date = json!({ "date": null });
    c.request_fits("PUT", clock, &null_date);
    let a = c.expect(
        "PUT",
        clock,
        200,
        request("PUT", clock, &[], Some(&null_date)),
    );
    assert_eq!(a.body["today"], today.to_string());
    let bad_date = json!({ "date": "2026-02-30" });
    c.expect(
        "PUT",
        clock,
        400,
        request("PUT", clock, &[], Some(&bad_date)),
    );
    let unknown = json!({ "when": "now" });
    c.expect(
        "PUT",
        clock,
        400,
        request("PUT", clock, &[], Some(&unknown)),
    );
    c.expect(
        "PUT",
        clock,
        413,
        request_raw("PUT", clock, &[], json_type, &huge),
    );
    c.expect(
        "PUT",
        clock,
        415,
        request_raw("PUT", clock, &[], "text/plain", "{}"),
    );

    // ---- Sessions ----------------------------------------------------------------------------
    let sign_in = "/api/v1/dev/sign-in";
    let body = json!({ "role": "enterprise", "subject": ENTERPRISE, "user_name": "Open API" });
    c.request_fits("POST", sign_in, &body);
    let a = c.expect("POST", sign_in, 200, post_json(sign_in, &body));
    assert_eq!(a.body["subject"], ENTERPRISE);
    let enterprise = Session::from_answer(&a).expect("the session cookie");
    let body = json!({ "role": "provider", "subject": PROVIDER });
    let a = c.expect("POST", sign_in, 200, post_json(sign_in, &body));
    let provider = Session::from_answer(&a).expect("the session cookie");
    let body = json!({ "role": "operator", "subject": "tester" });
    let a = c.expect("POST", sign_in, 200, post_json(sign_in, &body));
    let operator = Session::from_answer(&a).expect("the session cookie");
    let body = json!({ "role": "king", "subject": "x" });
    c.expect("POST", sign_in, 400, post_json(sign_in, &body));
    let body = json!({ "role": "enterprise", "subject": "0000000097" });
    let a = c.expect("POST", sign_in, 400, post_json(sign_in, &body));
    assert_eq!(a.field_errors()[0].1, "unknown_subject");
    c.expect(
        "POST",
        sign_in,
        413,
        request_raw("POST", sign_in, &[], json_type, &huge),
    );
    c.expect(
        "POST",
        sign_in,
        415,
        request_raw("POST", sign_in, &[], "text/plain", "{}"),
    );

    // OpenID Connect (scripts/test.sh runs a real OpenID Provider, tests/idp.mjs): a redirect to
    // the identity provider, back with a session; refusals go back to the sign-in page.
    let options = "/api/v1/auth/options";
    let a = c.expect("GET", options, 200, get(options));
    assert_eq!(a.body, json!({ "government": true, "demo": true }));
    // A client address of this run's own, for the sign-in rate limit (10 a minute).
    let address = format!("2001:db8:1:{:x}::1", std::process::id() & 0xffff);
    let ip = [("cf-connecting-ip", address.as_str())];
    let login = "/api/v1/auth/login";
    let a = c.expect("GET", login, 303, request("GET", login, &ip, None));
    let flow = format!(
        "__Host-kmo_oidc={}",
        a.set_cookie("__Host-kmo_oidc").expect("the flow cookie")
    );
    let to_idp = a.header("location").unwrap_or_default().to_string();
    let back = follow_identity_provider(&to_idp, "eva", &base_url());
    let callback = "/api/v1/auth/callback";
    let a = c.expect(
        "GET",
        callback,
        303,
        fetch("GET", &back, &[("cookie", &flow), ip[0]], None),
    );
    assert_eq!(a.header("location"), Some("/portefeuille"));
    let signed_in = Session::from_answer(&a).expect("the session cookie");
    let me = c.expect("GET", "/api/v1/me", 200, signed_in.get("/api/v1/me"));
    assert_eq!(me.body["subject"], "0403227515");
    signed_in.sign_out();
    let no_flow = format!("{callback}?code=c&state=s");
    let a = c.expect("GET", callback, 303, request("GET", &no_flow, &ip, None));
    assert_eq!(
        a.header("location"),
        Some("/aanmelden?fout=sign_in_expired")
    );
    // An error answer without this browser's flow is not believed.
    let cancelled = format!("{callback}?error=access_denied&state=s");
    let a = c.expect("GET", callback, 303, request("GET", &cancelled, &ip, None));
    assert_eq!(
        a.header("location"),
        Some("/aanmelden?fout=sign_in_expired")
    );

    // Choosing an organisation: the demo session acts for one, so another one is refused.
    let organisation = "/api/v1/session/organisation";
    let mine = json!({ "role": "enterprise", "subject": ENTERPRISE });
    c.request_fits("POST", organisation, &mine);
    let a = c.expect(
        "POST",
        organisation,
        200,
        enterprise.post_json(organisation, &mine),
    );
    assert_eq!(a.body["subject"], ENTERPRISE);
    let other = json!({ "role": "enterprise", "subject": "0403227515" });
    c.expect(
        "POST",
        organisation,
        403,
        enterprise.post_json(organisation, &other),
    );
    c.expect(
        "POST",
        organisation,
        400,
        enterprise.post_json(organisation, &json!({ "role": "x" })),
    );
    c.expect("POST", organisation, 401, post_json(organisation, &mine));

    // Crawlers.
    c.expect("GET", "/robots.txt", 200, get("/robots.txt"));
    c.expect("GET", "/sitemap.xml", 200, get("/sitemap.xml"));

    let me = "/api/v1/me";
    assert_eq!(
        c.expect("GET", me, 200, enterprise.get(me)).body["role"],
        "enterprise"
    );
    c.expect("GET", me, 401, get(me));

    let notifications = "/api/v1/notifications";
    c.expect("GET", notifications, 200, enterprise.get(notifications));
    c.expect("GET", notifications, 401, get(notifications));
    c.expect("GET", notifications, 403, operator.get(notifications));

    // ---- Registration (first time) -----------------------------------------------------------
    let registration = "/api/v1/registration";
    let newcomer = Session::sign_in("enterprise", UNREGISTERED);
    let a = c.expect("GET", registration, 200, newcomer.get(registration));
    assert_eq!(a.body["reasons"], json!([]));
    c.expect("GET", registration, 401, get(registration));
    c.expect("GET", registration, 403, operator.get(registration));
    c.expect("GET", registration, 409, enterprise.get(registration));
    let declared = json!({ "email": "info@newcomer.example", "refund_iban": "BE68539007547034",
        "public_participation": "12.5", "size": "medium", "confirmed": true });
    c.request_fits("POST", registration, &declared);
    c.expect(
        "POST",
        registration,
        400,
        newcomer.post_json(registration, &json!({ "size": "medium" })),
    );
    let too_public = json!({ "email": "info@newcomer.example", "refund_iban": "BE68539007547034",
        "public_participation": "25", "size": "medium", "confirmed": true });
    c.expect(
        "POST",
        registration,
        422,
        newcomer.post_json(registration, &too_public),
    );
    c.expect(
        "POST",
        registration,
        401,
        post_json(registration, &declared),
    );
    let a = c.expect(
        "POST",
        registration,
        201,
        newcomer.post_json(registration, &declared),
    );
    assert_eq!(a.body["must_register"], false);
    c.expect(
        "POST",
        registration,
        409,
        newcomer.post_json(registration, &declared),
    );
    let not_yet = "/api/v1/enterprise";
    assert_eq!(
        newcomer.get(not_yet).status,
        200,
        "registered: the wallet is open"
    );
    let confirm = "/api/v1/email-confirmation";
    let mails = get("/api/v1/dev/outbox").body;
    let token = mails["mails"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["subject_id"] == UNREGISTERED))
        .and_then(|m| m["body"].as_str())
        .and_then(|b| b.split('#').nth(1))
        .and_then(|t| t.get(..64))
        .expect("the confirmation link")
        .to_string();
    let body = json!({ "token": token });
    c.request_fits("POST", confirm, &body);
    c.expect("POST", confirm, 200, post_json(confirm, &body));
    c.expect("POST", confirm, 404, post_json(confirm, &body));
    c.expect(
        "POST",
        confirm,
        400,
        post_json(confirm, &json!({ "token": "x" })),
    );

    // ---- Enterprise: size declaration (200 and 409 in wallet.rs, on an enterprise of its own) --
    let size = "/api/v1/enterprise/size";
    c.expect(
        "POST",
        size,
        400,
        enterprise.post_json(size, &json!({ "size": "huge" })),
    );
    // Figures of a medium enterprise declared as small: refused, nothing changes.
    let medium = json!({ "staff_awu": "60", "turnover": "12000000.00", "balance_sheet_total": "9000000.00" });
    c.expect(
        "POST",
        size,
        422,
        enterprise.post_json(
            size,
            &json!({ "size": "small", "figures": { "own": medium } }),
        ),
    );
    c.expect(
        "POST",
        size,
        401,
        post_json(size, &json!({ "size": "small" })),
    );
    c.expect(
        "POST",
        size,
        403,
        operator.post_json(size, &json!({ "size": "small" })),
    );

    // ---- Enterprise: profile -----------------------------------------------------------------
    let profile = "/api/v1/enterprise";
    let a = c.expect("GET", profile, 200, enterprise.get(profile));
    assert_eq!(a.body["number"], ENTERPRISE);
    c.expect("GET", profile, 401, get(profile));
    c.expect("GET", profile, 403, provider.get(profile));
    // The same values again: a real update that changes nothing other tests look at.
    let same = json!({ "email": a.body["email"], "refund_iban": a.body["refund_iban"] });
    c.request_fits("PATCH", profile, &same);
    let a = c.expect("PATCH", profile, 200, enterprise.patch_json(profile, &same));
    assert_eq!(a.body["email"], same["email"]);
    let wrong = json!({ "email": "nope" });
    c.expect(
        "PATCH",
        profile,
        400,
        enterprise.patch_json(profile, &wrong),
    );
    c.expect(
        "PATCH",
        profile,
        401,
        request("PATCH", profile, &[], Some(&same)),
    );
    c.expect("PATCH", profile, 403, operator.patch_json(profile, &same));
    let cross = enterprise.send("PATCH", profile, Some(&same), EVIL);
    assert_eq!(
        c.expect("PATCH", profile, 403, cross).codes("errors"),
        ["cross_origin"]
    );
    let a = enterprise.send_raw("PATCH", profile, json_type, &huge, &[]);
    c.expect("PATCH", profile, 413, a);
    let a = enterprise.send_raw("PATCH", profile, "text/plain", "{}", &[]);
    c.expect("PATCH", profile, 415, a);

    // ---- Enterprise: applying ----------------------------------------------------------------
    let apply = "/api/v1/applications";
    let form = application(today, PROVIDER);
    c.request_fits("POST", apply, &form);
    let key = unique("openapi-apply");
    let idem = [("Idempotency-Key", key.as_str())];
    let a = c.expect(
        "POST",
        apply,
        201,
        enterprise.send("POST", apply, Some(&form), &idem),
    );
    let dossier = a.body["dossier_number"].as_str().unwrap().to_string();
    let own = a.body["own_contribution"].clone();
    let communication = a.body["deposit"]["communication"].clone();
    assert_eq!(a.body["deposit"]["amount"], own);
    let again = enterprise.send("POST", apply, Some(&form), &idem);
    let again = c.expect("POST", apply, 200, again);
    assert_eq!(again.body["dossier_number"], dossier.as_str());
    let a = c.expect("POST", apply, 201, enterprise.post_json(apply, &form));
    let to_refuse = a.body["dossier_number"].as_str().unwrap().to_string();
    let not_linked = application(today, OTHER_PROVIDER);
    let a = c.expect("POST", apply, 422, enterprise.post_json(apply, &not_linked));
    assert!(!a.codes("reasons").is_empty());
    let malformed = json!({ "nace": "x" });
    c.expect("POST", apply, 400, enterprise.post_json(apply, &malformed));
    let spaces = [("Idempotency-Key", "has spaces")];
    let a = c.expect(
        "POST",
        apply,
        400,
        enterprise.send("POST", apply, Some(&form), &spaces),
    );
    assert_eq!(a.codes("errors"), ["invalid_idempotency_key"]);
    c.expect("POST", apply, 401, post_json(apply, &form));
    c.expect("POST", apply, 403, provider.post_json(apply, &form));
    c.expect(
        "POST",
        apply,
        403,
        enterprise.send("POST", apply, Some(&form), EVIL),
    );
    let a = enterprise.send_raw("POST", apply, json_type, &huge, &[]);
    c.expect("POST", apply, 413, a);
    let a = enterprise.send_raw("POST", apply, "text/plain", "{}", &[]);
    c.expect("POST", apply, 415, a);

    let list = "/api/v1/enterprise/projects";
    let a = c.expect("GET", list, 200, enterprise.get(list));
    let listed = a.body["projects"].as_array().unwrap();
    assert!(listed
        .iter()
        .any(|p| p["dossier_number"] == dossier.as_str()));
    let year = &dossier[..4];
    let query =
        format!("{list}?number={dossier}&status=awaiting_deposit&service=training&year={year}");
    let a = c.expect("GET", list, 200, enterprise.get(&query));
    assert_eq!(a.body["projects"].as_array().unwrap().len(), 1);
    c.expect("GET", list, 401, get(list));
    c.expect("GET", list, 403, operator.get(list));

    let detail = "/api/v1/projects/{dossier}";
    let at = |suffix: &str| format!("/api/v1/projects/{dossier}{suffix}");
    let missing = |suffix: &str| format!("/api/v1/projects/{NOT_FOUND_DOSSIER}{suffix}");
    let a = c.expect("GET", detail, 200, enterprise.get(&at("")));
    assert_eq!(a.body["status"], "awaiting_deposit");
    let lower = format!("/api/v1/projects/{}", dossier.to_lowercase());
    c.expect("GET", detail, 200, enterprise.get(&lower));
    c.expect("GET", detail, 404, enterprise.get(&missing("")));
    c.expect("GET", detail, 401, get(&at("")));
    c.expect("GET", detail, 403, provider.get(&at("")));
    let calendar = "/api/v1/projects/{dossier}/calendar.ics";
    let a = c.expect("GET", calendar, 200, enterprise.get(&at("/calendar.ics")));
    assert!(a.text.starts_with("BEGIN:VCALENDAR\r\n") && a.text.contains(&dossier));
    c.expect(
        "GET",
        calendar,
        404,
        enterprise.get(&missing("/calendar.ics")),
    );
    c.expect("GET", calendar, 401, get(&at("/calendar.ics")));
    c.expect("GET", calendar, 403, provider.get(&at("/calendar.ics")));

    // Before the deposit: no payment, no rating.
    let pay = "/api/v1/projects/{dossier}/payments";
    let order = json!({ "amount": "100.00", "reference": "F2026-001",
        "communication": "Factuur 2026 001" });
    c.request_fits("POST", pay, &order);
    let pay_key = unique("openapi-pay");
    let pay_idem = [("Idempotency-Key", pay_key.as_str())];
    let a = enterprise.send("POST", &at("/payments"), Some(&order), &pay_idem);
    let a = c.expect("POST", pay, 422, a);
    assert_eq!(a.codes("reasons"), ["deposit_not_received"]);
    let rate = "/api/v1/projects/{dossier}/rating";
    let stars = json!({ "stars": 4, "text": "Goed", "publish_name": false, "copy_by_mail": false });
    c.request_fits("POST", rate, &stars);
    let a = c.expect(
        "POST",
        rate,
        422,
        enterprise.post_json(&at("/rating"), &stars),
    );
    assert_eq!(a.codes("reasons"), ["rating_before_payment"]);

    // ---- Operator: the deposit arrives -------------------------------------------------------
    let entries = "/api/v1/operator/bank-entries";
    let deposit = json!({ "entries": [{
        "entry_ref": unique("openapi-bank"), "booked_on": today.to_string(), "amount": own,
        "currency": "EUR", "credit": true, "communication": communication,
        "counterparty_name": "Metaalwerken Claes nv", "counterparty_iban": "BE71096123456769"
    }] });
    c.request_fits("POST", entries, &deposit);
    let a = c.expect("POST", entries, 200, operator.post_json(entries, &deposit));
    assert_eq!(a.body["results"][0]["outcome"], "credited", "{}", a.body);
    assert_eq!(a.body["results"][0]["dossier_number"], dossier.as_str());
    let a = c.expect("POST", entries, 200, operator.post_json(entries, &deposit));
    assert_eq!(a.body["results"][0]["outcome"], "already_imported");
    let wrong = json!({ "entries": [{ "entry_ref": "", "amount": "x" }] });
    c.expect("POST", entries, 400, operator.post_json(entries, &wrong));
    c.expect("POST", entries, 401, post_json(entries, &deposit));
    c.expect(
        "POST",
        entries,
        403,
        enterprise.post_json(entries, &deposit),
    );
    // The JSON bank import takes up to 1 MB (a thousand entries).
    let huge_import = " ".repeat(1024 * 1024 + 1);
    let a = operator.send_raw("POST", entries, json_type, &huge_import, &[]);
    c.expect("POST", entries, 413, a);
    let a = operator.send_raw("POST", entries, "text/plain", "{}", &[]);
    c.expect("POST", entries, 415, a);

    let statements = "/api/v1/operator/bank-statements";
    let xml = camt053(
        &unique("openapi-camt"),
        &today.to_string(),
        "12.34",
        "OpenAPI test",
    );
    let a = operator.send_raw("POST", statements, "application/xml", &xml, &[]);
    let a = c.expect("POST", statements, 200, a);
    assert_eq!(
        a.body["results"][0]["outcome"], "refund_unknown",
        "{}",
        a.body
    );
    let a = operator.send_raw("POST", statements, "application/xml", "<Document>", &[]);
    c.expect("POST", statements, 400, a);
    let a = operator.send_raw("POST", statements, json_type, "{}", &[]);
    c.expect("POST", statements, 415, a);
    c.expect(
        "POST",
        statements,
        401,
        request_raw("POST", statements, &[], "text/xml", &xml),
    );
    let a = provider.send_raw("POST", statements, "application/xml", &xml, &[]);
    c.expect("POST", statements, 403, a);

    // ---- Enterprise: paying, rating ----------------------------------------------------------
    let a = c.expect("GET", detail, 200, enterprise.get(&at("")));
    assert_eq!(a.body["status"], "running", "{}", a.body);
    let a = enterprise.send("POST", &at("/payments"), Some(&order), &pay_idem);
    let a = c.expect("POST", pay, 201, a);
    let payment_id = a.body["payment"]["id"].as_i64().expect("a payment id");
    let a = enterprise.send("POST", &at("/payments"), Some(&order), &pay_idem);
    let a = c.expect("POST", pay, 200, a);
    assert_eq!(a.body["payment"]["id"], payment_id, "a retry pays once");
    let a = c.expect(
        "POST",
        pay,
        400,
        enterprise.post_json(&at("/payments"), &order),
    );
    assert_eq!(a.field_errors()[0].0, "Idempotency-Key");
    let zero = json!({ "amount": "0" });
    let a = enterprise.send("POST", &at("/payments"), Some(&zero), &pay_idem);
    c.expect("POST", pay, 400, a);
    let a = enterprise.send("POST", &missing("/payments"), Some(&order), &pay_idem);
    c.expect("POST", pay, 404, a);
    let a = request("POST", &at("/payments"), &pay_idem, Some(&order));
    c.expect("POST", pay, 401, a);
    let a = operator.send("POST", &at("/payments"), Some(&order), &pay_idem);
    c.expect("POST", pay, 403, a);
    let a = enterprise.send_raw("POST", &at("/payments"), json_type, &huge, &pay_idem);
    c.expect("POST", pay, 413, a);
    let a = enterprise.send_raw("POST", &at("/payments"), "text/plain", "{}", &pay_idem);
    c.expect("POST", pay, 415, a);

    let a = c.expect(
        "POST",
        rate,
        201,
        enterprise.post_json(&at("/rating"), &stars),
    );
    assert_eq!(a.body["rating"]["stars"], 4);
    let a = c.expect(
        "POST",
        rate,
        409,
        enterprise.post_json(&at("/rating"), &stars),
    );
    assert_eq!(a.codes("errors"), ["already_rated"]);
    let too_many = json!({ "stars": 9 });
    c.expect(
        "POST",
        rate,
        400,
        enterprise.post_json(&at("/rating"), &too_many),
    );
    c.expect(
        "POST",
        rate,
        404,
        enterprise.post_json(&missing("/rating"), &stars),
    );
    c.expect("POST", rate, 401, post_json(&at("/rating"), &stars));
    c.expect(
        "POST",
        rate,
        403,
        provider.post_json(&at("/rating"), &stars),
    );
    let a = enterprise.send_raw("POST", &at("/rating"), json_type, &huge, &[]);
    c.expect("POST", rate, 413, a);
    let a = enterprise.send_raw("POST", &at("/rating"), "text/plain", "{}", &[]);
    c.expect("POST", rate, 415, a);

    // ---- Operator: the payment is executed ---------------------------------------------------
    let executed = "/api/v1/operator/payments/{id}/executed";
    let done = format!("/api/v1/operator/payments/{payment_id}/executed");
    let a = c.expect("POST", executed, 200, operator.post_empty(&done));
    assert_eq!(a.body["id"], payment_id);
    let a = c.expect("POST", executed, 409, operator.post_empty(&done));
    assert_eq!(a.codes("errors"), ["already_executed"]);
    let unknown = "/api/v1/operator/payments/999999999/executed";
    c.expect("POST", executed, 404, operator.post_empty(unknown));
    let not_a_number = "/api/v1/operator/payments/abc/executed";
    c.expect("POST", executed, 400, operator.post_empty(not_a_number));
    c.expect("POST", executed, 401, request("POST", &done, &[], None));
    c.expect("POST", executed, 403, provider.post_empty(&done));

    // ---- Enterprise: stopping (the unpaid own contribution is refunded) ----------------------
    let stop = "/api/v1/projects/{dossier}/stop";
    let why = json!({ "reason": "De opleiding gaat niet door." });
    c.request_fits("POST", stop, &why);
    c.expect(
        "POST",
        stop,
        400,
        enterprise.post_json(&at("/stop"), &json!({})),
    );
    c.expect(
        "POST",
        stop,
        404,
        enterprise.post_json(&missing("/stop"), &why),
    );
    c.expect("POST", stop, 401, post_json(&at("/stop"), &why));
    c.expect("POST", stop, 403, provider.post_json(&at("/stop"), &why));
    let a = enterprise.send_raw("POST", &at("/stop"), json_type, &huge, &[]);
    c.expect("POST", stop, 413, a);
    let a = enterprise.send_raw("POST", &at("/stop"), "text/plain", "{}", &[]);
    c.expect("POST", stop, 415, a);
    let a = c.expect("POST", stop, 200, enterprise.post_json(&at("/stop"), &why));
    assert_eq!(a.body["project"]["status"], "stopped");
    assert!(!a.body["movements"].as_array().unwrap().is_empty());
    let a = c.expect("POST", stop, 422, enterprise.post_json(&at("/stop"), &why));
    assert_eq!(a.codes("reasons"), ["project_ended"]);
    let later = unique("openapi-pay");
    let a = enterprise.send(
        "POST",
        &at("/payments"),
        Some(&order),
        &[("Idempotency-Key", &later)],
    );
    assert_eq!(
        c.expect("POST", pay, 422, a).codes("reasons"),
        ["project_ended"]
    );
    // The stopped project in detail (movements, payments) and in the overview.
    let a = c.expect("GET", detail, 200, enterprise.get(&at("")));
    assert!(!a.body["movements"].as_array().unwrap().is_empty());
    c.expect("GET", list, 200, enterprise.get(list));
    c.expect("GET", notifications, 200, enterprise.get(notifications));

    // ---- Provider ----------------------------------------------------------------------------
    let projects = "/api/v1/provider/projects";
    c.expect("GET", projects, 200, provider.get(projects));
    let a = c.expect(
        "GET",
        projects,
        200,
        provider.get(&format!("{projects}?q={to_refuse}")),
    );
    let mine = a.body["projects"].as_array().unwrap();
    assert!(mine
        .iter()
        .any(|p| p["dossier_number"] == to_refuse.as_str() && p["can_refuse"] == true));
    c.expect("GET", projects, 401, get(projects));
    c.expect("GET", projects, 403, enterprise.get(projects));

    let refuse = "/api/v1/provider/projects/{dossier}/refuse";
    let refuse_at = format!("/api/v1/provider/projects/{to_refuse}/refuse");
    let missing_refuse = format!("/api/v1/provider/projects/{NOT_FOUND_DOSSIER}/refuse");
    let why = json!({ "reason": "Deze opleiding staat niet in ons aanbod." });
    c.request_fits("POST", refuse, &why);
    let blank = json!({ "reason": " " });
    c.expect("POST", refuse, 400, provider.post_json(&refuse_at, &blank));
    c.expect(
        "POST",
        refuse,
        404,
        provider.post_json(&missing_refuse, &why),
    );
    c.expect("POST", refuse, 401, post_json(&refuse_at, &why));
    c.expect("POST", refuse, 403, enterprise.post_json(&refuse_at, &why));
    let a = provider.send_raw("POST", &refuse_at, json_type, &huge, &[]);
    c.expect("POST", refuse, 413, a);
    let a = provider.send_raw("POST", &refuse_at, "text/plain", "{}", &[]);
    c.expect("POST", refuse, 415, a);
    let a = c.expect("POST", refuse, 200, provider.post_json(&refuse_at, &why));
    assert_eq!(a.body["status"], "refused");
    let a = c.expect("POST", refuse, 422, provider.post_json(&refuse_at, &why));
    assert_eq!(a.codes("reasons"), ["project_ended"]);

    let payments = "/api/v1/provider/payments";
    c.expect("GET", payments, 200, provider.get(payments));
    let a = c.expect(
        "GET",
        payments,
        200,
        provider.get(&format!("{payments}?limit=100")),
    );
    let received = a.body["payments"].as_array().unwrap();
    assert!(received
        .iter()
        .any(|p| p["id"] == payment_id && p["status"] == "executed"));
    let ratings = "/api/v1/provider/ratings";
    c.expect("GET", ratings, 200, provider.get(ratings));
    let a = c.expect(
        "GET",
        ratings,
        200,
        provider.get(&format!("{ratings}?limit=100")),
    );
    let rated = a.body["ratings"].as_array().unwrap();
    assert!(rated
        .iter()
        .any(|r| r["dossier_number"] == dossier.as_str()));
    // The spreadsheet files of the applications (filtered like the list) and of the payments.
    let projects_csv = "/api/v1/provider/projects.csv";
    let file = provider.get(&format!("{projects_csv}?q={to_refuse}"));
    let a = c.expect("GET", projects_csv, 200, file);
    assert!(
        a.text
            .starts_with("\u{feff}dossiernummer;project;onderneming;"),
        "{}",
        a.text
    );
    assert_eq!(a.text.lines().count(), 2, "{}", a.text);
    assert!(a.text.contains(&to_refuse));
    c.expect(
        "GET",
        projects_csv,
        400,
        provider.get(&format!("{projects_csv}?year=26")),
    );
    let payments_csv = "/api/v1/provider/payments.csv";
    let a = c.expect("GET", payments_csv, 200, provider.get(payments_csv));
    assert!(
        a.text.starts_with("\u{feff}datum;dossiernummer;bedrag;"),
        "{}",
        a.text
    );
    for path in [payments, ratings, projects_csv, payments_csv] {
        c.expect("GET", path, 401, get(path));
        c.expect("GET", path, 403, operator.get(path));
    }
    let a = c.expect("GET", notifications, 200, provider.get(notifications));
    assert!(!a.body["notifications"].as_array().unwrap().is_empty());
    // Paged newest first: the page after the newest mail holds only older ones.
    let newest = a.body["notifications"][0]["id"].as_i64().unwrap();
    let first = c.expect(
        "GET",
        notifications,
        200,
        provider.get(&format!("{notifications}?limit=1")),
    );
    let next = first.body["next_cursor"]
        .as_str()
        .expect("more than one mail");
    let older = format!("{notifications}?limit=1&cursor={next}");
    let a = c.expect("GET", notifications, 200, provider.get(&older));
    assert!(a.body["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["id"].as_i64().unwrap() < newest));
    let bad = format!("{notifications}?cursor=0");
    let a = c.expect("GET", notifications, 400, provider.get(&bad));
    assert_eq!(a.field_errors()[0].0, "cursor");

    // ---- Operator ----------------------------------------------------------------------------
    let put = "/api/v1/operator/providers/{number}";
    let put_at = format!("/api/v1/operator/providers/{TEST_PROVIDER}");
    let mut registration = json!({
        "name": "Conformiteit OpenAPI (test)", "address": "Testlaan 1, 1000 Brussel",
        "email": "openapi@example.be", "services": ["training", "advice"],
        "themes": [{ "theme": "innovatie" }, { "theme": "digitalisering", "subtheme": "software" }],
        "suspended": false
    });
    c.request_fits("PUT", put, &registration);
    let a = c.expect("PUT", put, 200, operator.put_json(&put_at, &registration));
    assert_eq!(a.body["provider"]["number"], TEST_PROVIDER);
    // Suspended at once: the test provider stays out of the public directory.
    registration["suspended"] = json!(true);
    let a = c.expect("PUT", put, 200, operator.put_json(&put_at, &registration));
    assert_eq!(a.body["suspended"], true);
    let empty_name = json!({ "name": "" });
    c.expect("PUT", put, 400, operator.put_json(&put_at, &empty_name));
    let bad_number = "/api/v1/operator/providers/XX.1";
    c.expect(
        "PUT",
        put,
        400,
        operator.put_json(bad_number, &registration),
    );
    c.expect(
        "PUT",
        put,
        401,
        request("PUT", &put_at, &[], Some(&registration)),
    );
    c.expect("PUT", put, 403, enterprise.put_json(&put_at, &registration));
    let a = operator.send_raw("PUT", &put_at, json_type, &huge, &[]);
    c.expect("PUT", put, 413, a);
    let a = operator.send_raw("PUT", &put_at, "text/plain", "{}", &[]);
    c.expect("PUT", put, 415, a);

    let refunds = "/api/v1/operator/refunds";
    let a = c.expect("GET", refunds, 200, operator.get(refunds));
    let due = a.body["refunds"].as_array().unwrap();
    assert!(due.iter().any(|r| r["dossier_number"] == dossier.as_str()));
    let bank = "/api/v1/operator/bank-entries";
    let audit = "/api/v1/operator/audit";
    let parked = "/api/v1/operator/mails";
    for path in [refunds, bank, audit, parked] {
        c.expect("GET", path, 200, operator.get(path));
        c.expect("GET", path, 401, get(path));
        c.expect("GET", path, 403, enterprise.get(path));
    }
    let a = c.expect(
        "GET",
        parked,
        400,
        operator.get(&format!("{parked}?cursor=x")),
    );
    assert_eq!(a.field_errors()[0].0, "cursor");
    let unmatched = format!("{bank}?outcome=refund_unknown");
    let a = c.expect("GET", bank, 200, operator.get(&unmatched));
    assert!(!a.body["entries"].as_array().unwrap().is_empty());
    let about = format!("{audit}?target={dossier}");
    let a = c.expect("GET", audit, 200, operator.get(&about));
    let actions: Vec<&str> = a.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in [
        "application_registered",
        "deposit_received",
        "payment_ordered",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }

    let daily = "/api/v1/operator/run-daily";
    c.expect("POST", daily, 200, operator.post_empty(daily));
    c.expect("POST", daily, 401, request("POST", daily, &[], None));
    c.expect("POST", daily, 403, enterprise.post_empty(daily));

    // ---- Development: the mails of this flow -------------------------------------------------
    let outbox = "/api/v1/dev/outbox";
    let a = c.expect("GET", outbox, 200, get(outbox));
    let mails = a.body["mails"].as_array().unwrap();
    assert!(mails
        .iter()
        .any(|m| m["subject"].as_str().unwrap_or_default().contains(&dossier)));
    let html = request("GET", outbox, &[("accept", "text/html")], None);
    c.expect("GET", outbox, 200, html);
    let first = mails[0]["id"].as_i64().unwrap();
    // The operator sends a parked mail again; this flow's mails were not parked.
    let retry = "/api/v1/operator/mails/{id}/retry";
    let retry_first = format!("/api/v1/operator/mails/{first}/retry");
    c.expect("POST", retry, 409, operator.post_empty(&retry_first));
    let nothing = "/api/v1/operator/mails/999999999/retry";
    c.expect("POST", retry, 404, operator.post_empty(nothing));
    c.expect("POST", retry, 401, request("POST", &retry_first, &[], None));
    c.expect("POST", retry, 403, enterprise.post_empty(&retry_first));
    let requeue = "/api/v1/dev/outbox/{id}/queue";
    c.expect(
        "POST",
        requeue,
        202,
        post_json(&format!("/api/v1/dev/outbox/{first}/queue"), &json!({})),
    );
    c.expect(
        "POST",
        requeue,
        404,
        post_json("/api/v1/dev/outbox/999999999/queue", &json!({})),
    );
    // Volume for the list tests: copies of this flow's project.
    let copies = "/api/v1/dev/projects/{dossier}/copies";
    let copies_of = format!("/api/v1/dev/projects/{dossier}/copies");
    let one = json!({ "count": 1 });
    c.request_fits("POST", copies, &one);
    let a = c.expect("POST", copies, 201, post_json(&copies_of, &one));
    assert_eq!(a.body["count"], 1);
    assert_ne!(a.body["first"], dossier.as_str());
    c.expect(
        "POST",
        copies,
        400,
        post_json(&copies_of, &json!({ "count": 0 })),
    );
    let unknown = "/api/v1/dev/projects/2026KMO999999/copies";
    c.expect("POST", copies, 404, post_json(unknown, &one));

    // ---- Signing out -------------------------------------------------------------------------
    let out = "/api/v1/sign-out";
    for session in [&enterprise, &provider, &operator] {
        let a = c.expect("POST", out, 200, session.sign_out());
        assert_eq!(a.set_cookie("__Host-kmo_session").as_deref(), Some(""));
        c.expect("GET", me, 401, session.get(me));
    }
    c.expect("POST", out, 200, request("POST", out, &[], None));

    let (operations, statuses, untested) = c.report();
    println!(
        "openapi.json: {operations} operations called, {statuses} (operation, status) pairs, \
         {} answers validated",
        c.validated
    );
    println!("documented but not provoked here: {untested:?}");
}
