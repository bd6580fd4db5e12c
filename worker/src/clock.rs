//! Today, in Belgium. The development build can move the clock (`PUT /api/v1/dev/clock`), so
//! deadlines and the daily job can be tested end to end without waiting 30 days; the production
//! build has no such code and never reads KV for the date.

use chrono::NaiveDate;
use worker::Env;

#[cfg(feature = "dev")]
const KEY: &str = "dev:clock";

pub async fn today(env: &Env) -> NaiveDate {
    #[cfg(feature = "dev")]
    if crate::config::is_development(env) {
        if let Ok(kv) = env.kv("CACHE") {
            if let Ok(Some(day)) = kv.get(KEY).text().await {
                if let Some(d) = shared::form::parse_iso_date(&day) {
                    return d;
                }
            }
        }
    }
    #[cfg(not(feature = "dev"))]
    let _ = env;
    shared::today::belgian_date(worker::Date::now().as_millis() as i64)
}

/// Sets (Some) or clears (None) the development clock.
#[cfg(feature = "dev")]
pub async fn set(env: &Env, day: Option<NaiveDate>) -> worker::Result<()> {
    let kv = env.kv("CACHE")?;
    match day {
        Some(d) => kv.put(KEY, d.to_string())?.execute().await?,
        None => kv.delete(KEY).await?,
    }
    Ok(())
}
