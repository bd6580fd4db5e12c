//! Enterprises and their annual budgets in D1.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use shared::enterprise::EnterpriseFacts;
use shared::money::Money;
use shared::regime::Regime;
use shared::size::{size_for_year, EnterpriseSize};
use worker::{D1Database, Result};

use crate::db::{self, int, text};

#[derive(Debug, Clone, Deserialize)]
pub struct EnterpriseRow {
    pub number: String,
    pub name: String,
    pub email: String,
    pub refund_iban: String,
    pub facts: String,
}

impl EnterpriseRow {
    pub fn facts(&self) -> Result<EnterpriseFacts> {
        serde_json::from_str(&self.facts)
            .map_err(|e| worker::Error::RustError(format!("enterprise {} facts: {e}", self.number)))
    }
}

pub async fn find(d1: &D1Database, number: &str) -> Result<Option<EnterpriseRow>> {
    db::first(
        d1,
        "SELECT number, name, email, refund_iban, facts FROM enterprises WHERE number = ?1",
        &[text(number)],
    )
    .await
}

#[derive(Deserialize)]
struct YearRow {
    size: String,
    ceiling_cents: i64,
    reserved_cents: i64,
}

/// An enterprise's budget for a calendar year and the size it applies under.
#[derive(Debug, Clone, Copy)]
pub struct Year {
    pub year: i32,
    /// Fixed by the year's first application (003), else the proposed size.
    pub size: EnterpriseSize,
    pub size_fixed: bool,
    pub ceiling: Money,
    pub reserved: Money,
    pub remaining: Money,
}

pub async fn year(
    d1: &D1Database,
    number: &str,
    facts: &EnterpriseFacts,
    on: NaiveDate,
) -> Result<Year> {
    let row: Option<YearRow> = db::first(
        d1,
        "SELECT size, ceiling_cents, reserved_cents FROM enterprise_years \
         WHERE enterprise_number = ?1 AND year = ?2",
        &[text(number), int(i64::from(on.year()))],
    )
    .await?;
    let regime_ceiling = Regime::on(on)
        .map(|r| r.annual_ceiling)
        .unwrap_or(Money::ZERO);
    let fixed = row.as_ref().and_then(|r| EnterpriseSize::parse(&r.size));
    let cents = |c: i64| Money::from_cents(c).unwrap_or(Money::ZERO);
    let ceiling = row
        .as_ref()
        .map_or(regime_ceiling, |r| cents(r.ceiling_cents));
    let reserved = row
        .as_ref()
        .map_or(Money::ZERO, |r| cents(r.reserved_cents));
    Ok(Year {
        year: on.year(),
        size: size_for_year(fixed, facts.size),
        size_fixed: fixed.is_some(),
        ceiling,
        reserved,
        remaining: ceiling.saturating_sub(reserved),
    })
}
