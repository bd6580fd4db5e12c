//! Small helpers around D1: binding values, reading rows, telling constraint failures apart.

use serde::de::DeserializeOwned;
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

pub async fn first<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    args: &[JsValue],
) -> Result<Option<T>> {
    stmt(db, sql, args)?.first::<T>(None).await
}

pub async fn all<T: DeserializeOwned>(
    db: &D1Database,
    sql: &str,
    args: &[JsValue],
) -> Result<Vec<T>> {
    stmt(db, sql, args)?.all().await?.results::<T>()
}

/// Rows changed by a statement of a batch.
pub fn changes(result: &D1Result) -> usize {
    result
        .meta()
        .ok()
        .flatten()
        .and_then(|m| m.changes)
        .unwrap_or(0)
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
