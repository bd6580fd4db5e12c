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

pub fn db(env: &Env) -> Result<D1Database> {
    env.d1("DB")
}

pub fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}

/// Integers bound to D1 travel as JS numbers; cents stay far below 2^53.
pub fn int(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

pub fn stmt(db: &D1Database, sql: &str, args: &[JsValue]) -> Result<D1PreparedStatement> {
    db.prepare(sql).bind(args)
}

/// The first row of a query, if any. Read as [`all`] reads rows (the queries that use it find
/// one row at most), so each row type is read by one piece of code.
pub async fn first<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    args: &[JsValue],
) -> Result<Option<T>> {
    Ok(query(db, sql, args)
        .await?
        .results::<T>()?
        .into_iter()
        .next())
}

/// Every row of a query.
pub async fn all<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    args: &[JsValue],
) -> Result<Vec<T>> {
    query(db, sql, args).await?.results::<T>()
}

async fn query(db: &D1Database, sql: &str, args: &[JsValue]) -> Result<D1Result> {
    stmt(db, sql, args)?.all().await
}

/// Whether the query finds a row.
pub async fn exists(db: &D1Database, sql: &str, args: &[JsValue]) -> Result<bool> {
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
