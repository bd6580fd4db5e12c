//! Small helpers around D1: binding values, reading typed rows, telling constraint failures
//! apart.
//!
//! Every query reads into a `#[derive(Deserialize)]` row struct. Columns that D1 cannot hold as
//! the product's types are read through the `deserialize_with` functions here: cents as
//! [`Money`], 0/1 as `bool`, stored JSON as its type. A value that does not read fails the whole
//! read (a `worker::Error`: the request answers 500 and the logs say why); it is never replaced
//! by a default.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize};
use shared::money::Money;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, D1Result, Env, Result};

/// The D1 database, every query through it counted on the request's [`Meter`] when it has one
/// (development builds: the `Server-Timing` header says how many queries a request ran, so a
/// test can hold every route to a number that does not grow with the data).
#[derive(Clone)]
pub struct Db {
    /// Shared by the clones a streamed answer keeps for its later pages.
    d1: std::rc::Rc<D1Database>,
    meter: Option<Meter>,
}

pub fn db(env: &Env) -> Result<Db> {
    Ok(Db {
        d1: std::rc::Rc::new(env.d1("DB")?),
        meter: Meter::of(env),
    })
}

impl Db {
    /// A statement to bind and run through this database (not yet a query).
    pub fn prepare(&self, sql: &str) -> D1PreparedStatement {
        self.d1.prepare(sql)
    }

    /// The statements as one transaction; each counts as a query (as D1 counts them).
    pub async fn batch(&self, statements: Vec<D1PreparedStatement>) -> Result<Vec<D1Result>> {
        let n = statements.len();
        let started = Meter::now();
        let results = self.d1.batch(statements).await;
        self.count(n, started);
        results
    }

    /// Runs one statement that answers no rows to read.
    pub async fn run(&self, statement: D1PreparedStatement) -> Result<D1Result> {
        let started = Meter::now();
        let result = statement.run().await;
        self.count(1, started);
        result
    }

    /// Runs one statement and answers its rows.
    pub async fn rows(&self, statement: D1PreparedStatement) -> Result<D1Result> {
        let started = Meter::now();
        let result = statement.all().await;
        self.count(1, started);
        result
    }

    fn count(&self, queries: usize, started: f64) {
        if let Some(m) = &self.meter {
            m.add(queries, Meter::now() - started);
        }
    }
}

/// What a request asked of D1: how many queries, and how long it waited for them. Kept on a
/// copy of the request's `Env` (a JS object whose prototype is the real one, so every binding
/// reads through), so concurrent requests of one isolate never share one.
#[derive(Clone)]
pub struct Meter(js_sys::Object);

const METER: &str = "__kmo_d1_meter";

impl Meter {
    /// `env` with a fresh meter on it, and the meter.
    #[cfg(feature = "dev")]
    pub fn start(env: Env) -> (Env, Meter) {
        use wasm_bindgen::JsCast;
        let copy: js_sys::Object = js_sys::Object::create(env.unchecked_ref::<js_sys::Object>());
        let meter = Meter(js_sys::Object::new());
        meter.set("queries", 0.0);
        meter.set("ms", 0.0);
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&copy, &JsValue::from_str(METER), &meter.0);
        (copy.unchecked_into(), meter)
    }

    fn of(env: &Env) -> Option<Meter> {
        use wasm_bindgen::JsCast;
        js_sys::Reflect::get(env, &JsValue::from_str(METER))
            .ok()
            .filter(JsValue::is_object)
            .map(|v| Meter(v.unchecked_into()))
    }

    fn now() -> f64 {
        js_sys::Date::now()
    }

    fn get(&self, key: &str) -> f64 {
        js_sys::Reflect::get(&self.0, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    }

    fn set(&self, key: &str, value: f64) {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &JsValue::from_f64(value));
    }

    fn add(&self, queries: usize, ms: f64) {
        self.set("queries", self.get("queries") + queries as f64);
        self.set("ms", self.get("ms") + ms.max(0.0));
    }

    /// The `Server-Timing` value: `d1;dur=3.2;desc="4 queries"`.
    #[cfg(feature = "dev")]
    pub fn server_timing(&self) -> String {
        server_timing(self.get("queries") as u64, self.get("ms"))
    }
}

#[cfg(any(feature = "dev", test))]
fn server_timing(queries: u64, ms: f64) -> String {
    let noun = if queries == 1 { "query" } else { "queries" };
    format!("d1;dur={ms:.1};desc=\"{queries} {noun}\"")
}

pub fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}

/// Integers bound to D1 travel as JS numbers; cents stay far below 2^53.
pub fn int(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

pub fn stmt(db: &Db, sql: &str, args: &[JsValue]) -> Result<D1PreparedStatement> {
    db.prepare(sql).bind(args)
}

/// The first row of a query, if any. Read as [`all`] reads rows (the queries that use it find
/// one row at most), so each row type is read by one piece of code.
pub async fn first<T: DeserializeOwned>(db: &Db, sql: &str, args: &[JsValue]) -> Result<Option<T>> {
    Ok(query(db, sql, args)
        .await?
        .results::<T>()?
        .into_iter()
        .next())
}

/// Every row of a query.
pub async fn all<T: DeserializeOwned>(db: &Db, sql: &str, args: &[JsValue]) -> Result<Vec<T>> {
    query(db, sql, args).await?.results::<T>()
}

async fn query(db: &Db, sql: &str, args: &[JsValue]) -> Result<D1Result> {
    db.rows(stmt(db, sql, args)?).await
}

/// Runs a statement that answers no rows to read.
pub async fn run(db: &Db, sql: &str, args: &[JsValue]) -> Result<D1Result> {
    db.run(stmt(db, sql, args)?).await
}

/// The ids of a page's rows as one bound value, for `IN (SELECT value FROM json_each(?))`: one
/// query for a whole page whatever its size, within D1's limit of bound parameters.
pub fn ids(ids: impl IntoIterator<Item = i64>) -> JsValue {
    let list: Vec<String> = ids.into_iter().map(|i| i.to_string()).collect();
    text(&format!("[{}]", list.join(",")))
}

/// Who an organisation table's numbers name: `name` by `number` of the rows of `table`
/// (`enterprises`, `providers`) whose number is one of `numbers`, in one query for a page.
pub async fn names<'a>(
    db: &Db,
    table: Names,
    numbers: impl IntoIterator<Item = &'a str>,
) -> Result<std::collections::HashMap<String, String>> {
    #[derive(Deserialize)]
    struct Named {
        number: String,
        name: String,
    }
    let numbers = texts(numbers)?;
    let sql = format!(
        "SELECT number, name FROM {} WHERE number IN (SELECT value FROM json_each(?1))",
        table.table()
    );
    let named: Vec<Named> = all(db, &sql, &[numbers]).await?;
    Ok(named.into_iter().map(|n| (n.number, n.name)).collect())
}

/// The tables [`names`] reads.
#[derive(Clone, Copy)]
pub enum Names {
    Enterprises,
    Providers,
}

impl Names {
    fn table(self) -> &'static str {
        match self {
            Names::Enterprises => "enterprises",
            Names::Providers => "providers",
        }
    }
}

/// Texts (enterprise or provider numbers) as one bound JSON array, like [`ids`].
pub fn texts<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<JsValue> {
    let list: Vec<&str> = values.into_iter().collect();
    Ok(text(&to_json(&list)?))
}

/// Whether the query finds a row.
pub async fn exists(db: &Db, sql: &str, args: &[JsValue]) -> Result<bool> {
    Ok(first::<serde::de::IgnoredAny>(db, sql, args)
        .await?
        .is_some())
}

/// A value as the JSON text a column stores; the types stored here always serialize.
pub fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| worker::Error::RustError(format!("to JSON: {e}")))
}

/// `deserialize_with`: a column of whole cents as [`Money`], refused when out of range.
pub fn cents<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Money, D::Error> {
    let cents = i64::deserialize(d)?;
    Money::from_cents(cents).map_err(|e| D::Error::custom(format!("{cents} cents: {}", e.code())))
}

/// `deserialize_with`: a 0/1 column as `bool`; any other value is refused.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    bit(i64::deserialize(d)?)
}

/// `deserialize_with`: a 0/1 column that may be NULL.
pub fn optional_flag<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<bool>, D::Error> {
    Option::<i64>::deserialize(d)?.map(bit).transpose()
}

fn bit<E: serde::de::Error>(n: i64) -> std::result::Result<bool, E> {
    match n {
        0 => Ok(false),
        1 => Ok(true),
        n => Err(E::custom(format!("{n} is not a 0/1 flag"))),
    }
}

/// `deserialize_with`: a column of JSON text as the type it stores.
pub fn json<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    d: D,
) -> std::result::Result<T, D::Error> {
    let text = String::deserialize(d)?;
    crate::json::read(&text).map_err(|e| D::Error::custom(format!("stored JSON: {e}")))
}

/// Rows changed by a statement of a batch; D1 always reports it, so a result without it is an
/// error rather than "nothing changed".
pub fn changes(result: &D1Result) -> Result<usize> {
    result
        .meta()?
        .and_then(|m| m.changes)
        .ok_or_else(|| worker::Error::RustError("D1 result without its changes count".into()))
}

/// Why a batch was rolled back, when a constraint refused it.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A CHECK failed (e.g. the annual ceiling).
    Check,
    /// A UNIQUE key exists already (e.g. a retried idempotency key, an imported bank entry).
    Unique,
    Other,
}

pub fn refusal(error: &worker::Error) -> Refusal {
    let text = error.to_string();
    if text.contains("CHECK constraint failed") {
        Refusal::Check
    } else if text.contains("UNIQUE constraint failed") {
        Refusal::Unique
    } else {
        Refusal::Other
    }
}

/// A row of one `name`.
#[derive(Deserialize)]
pub struct NameRow {
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    struct Row {
        #[serde(deserialize_with = "cents")]
        amount: Money,
        #[serde(deserialize_with = "flag")]
        credit: bool,
        #[serde(deserialize_with = "optional_flag")]
        active: Option<bool>,
        #[serde(deserialize_with = "json")]
        list: Vec<u8>,
    }

    fn read(v: serde_json::Value) -> std::result::Result<Row, serde_json::Error> {
        serde_json::from_value(v)
    }

    #[test]
    fn server_timing_names_the_queries_and_their_time() {
        assert_eq!(server_timing(4, 3.24), r#"d1;dur=3.2;desc="4 queries""#);
        assert_eq!(server_timing(1, 0.0), r#"d1;dur=0.0;desc="1 query""#);
    }

    #[test]
    fn typed_columns_read_or_fail_never_default() {
        let row =
            read(json!({ "amount": 98000, "credit": 1, "active": null, "list": "[1,2]" })).unwrap();
        assert_eq!(row.amount.to_string(), "980.00");
        assert!(row.credit);
        assert_eq!(row.active, None);
        assert_eq!(row.list, vec![1, 2]);
        let good = json!({ "amount": 1, "credit": 0, "active": 0, "list": "[]" });
        assert_eq!(read(good).unwrap().active, Some(false));
        for (column, bad) in [
            ("amount", json!(-1)),
            ("amount", json!(1_000_000_001)),
            ("credit", json!(2)),
            ("active", json!(-1)),
            ("list", json!("not json")),
            ("list", json!("{}")),
        ] {
            let mut v = json!({ "amount": 1, "credit": 0, "active": 0, "list": "[]" });
            v[column] = bad;
            assert!(read(v).is_err(), "{column}");
        }
    }
}
