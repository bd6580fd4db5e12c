//! Enterprises and their annual budgets in D1.

use crate::db::Db;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use shared::enterprise::EnterpriseFacts;
use shared::error::Reason;
use shared::ids::EnterpriseNumber;
use shared::kbo::{Declared, KboRecord};
use shared::money::Money;
use shared::regime::Regime;
use shared::size::{size_for_year, EnterpriseSize};
use worker::Result;

use crate::db::{self, int, text};

#[derive(Debug, Clone, Deserialize)]
pub struct EnterpriseRow {
    pub number: EnterpriseNumber,
    pub name: String,
    pub email: String,
    /// Electronic form; empty when unknown.
    pub refund_iban: String,
    /// What it declared; `size` is the proposed size.
    #[serde(deserialize_with = "db::json")]
    pub declared: Declared,
    /// When the e-mail address was confirmed (NULL: not yet).
    pub email_confirmed_at: Option<String>,
}

pub async fn find(d1: &Db, number: &str) -> Result<Option<EnterpriseRow>> {
    db::first(
        d1,
        "SELECT number, name, email, refund_iban, declared, email_confirmed_at \
         FROM enterprises WHERE number = ?1",
        &[text(number)],
    )
    .await
}

/// The facts the rules check for a registered enterprise: its current KBO data with what it
/// declared. An enterprise the KBO data no longer have was stopped (the KBO Open Data carry
/// active enterprises only): that is the reason it cannot apply.
pub async fn facts(
    d1: &Db,
    e: &EnterpriseRow,
) -> Result<(
    std::result::Result<EnterpriseFacts, Reason>,
    Option<KboRecord>,
)> {
    let record = crate::kbo::record(d1, &e.number.digits()).await?;
    let facts = match &record {
        Some(r) => Ok(r.facts(&e.declared)),
        None => Err(shared::kbo::no_longer_active()),
    };
    Ok((facts, record))
}

#[derive(Deserialize)]
struct YearRow {
    size: EnterpriseSize,
    #[serde(deserialize_with = "db::cents")]
    ceiling_cents: Money,
    #[serde(deserialize_with = "db::cents")]
    reserved_cents: Money,
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

impl Year {
    /// The year as the API shows it.
    pub fn budget(&self) -> shared::api::enterprise::Budget {
        shared::api::enterprise::Budget {
            year: self.year,
            ceiling: self.ceiling,
            reserved: self.reserved,
            remaining: self.remaining,
        }
    }
}

pub async fn year(d1: &Db, number: &str, declared: &Declared, on: NaiveDate) -> Result<Year> {
    let row: Option<YearRow> = db::first(
        d1,
        "SELECT size, ceiling_cents, reserved_cents FROM enterprise_years \
         WHERE enterprise_number = ?1 AND year = ?2",
        &[text(number), int(i64::from(on.year()))],
    )
    .await?;
    let regime_ceiling = Regime::on(on)
        .map(|r| r.annual_ceiling)
        .map_err(|_| worker::Error::RustError(format!("no rule set on {on}")))?;
    let fixed = row.as_ref().map(|r| r.size);
    let ceiling = row.as_ref().map_or(regime_ceiling, |r| r.ceiling_cents);
    let reserved = row.as_ref().map_or(Money::ZERO, |r| r.reserved_cents);
    Ok(Year {
        year: on.year(),
        size: size_for_year(fixed, declared.size),
        size_fixed: fixed.is_some(),
        ceiling,
        reserved,
        remaining: ceiling.saturating_sub(reserved),
    })
}

/// The de minimis aid the enterprise received through this product in the three years up to
/// `on` ([`shared::project::Project::de_minimis_aid`]): one query over its projects of those
/// calendar years (`projects (enterprise_number, year)` index), at most a few hundred rows as
/// the annual ceiling bounds them.
pub async fn granted_aid(
    d1: &Db,
    number: &str,
    on: NaiveDate,
) -> Result<Vec<shared::de_minimis::DeMinimisAid>> {
    #[derive(Deserialize)]
    struct StateRow {
        #[serde(deserialize_with = "db::json")]
        state: shared::project::Project,
    }
    let rows: Vec<StateRow> = db::all(
        d1,
        "SELECT state FROM projects WHERE enterprise_number = ?1 AND year >= ?2",
        &[text(number), int(i64::from(on.year() - 3))],
    )
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.state.de_minimis_aid())
        .collect())
}
