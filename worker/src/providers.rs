//! The provider directory in D1, with a short-lived KV cache of single lookups (staleness of a
//! few minutes is harmless for a public directory; updates delete the cached entry).

use crate::db::Db;
use serde::Deserialize;
pub use shared::api::public::{Provider, RatingSummary};
use shared::ids::provider_number::ProviderNumber;
use shared::service::ServiceType;
use shared::service_eligibility::{ProviderRegistration, RegisteredTheme};
use wasm_bindgen::JsValue;
use worker::{Env, Result};

use crate::db;

/// Seconds a cached provider lookup may be served from KV.
const CACHE_TTL_SECONDS: u64 = 300;

#[derive(Deserialize)]
struct ProviderRow {
    number: ProviderNumber,
    name: String,
    address: String,
    email: String,
    #[serde(deserialize_with = "db::flag")]
    suspended: bool,
}

#[derive(Deserialize)]
struct ServiceRow {
    service: ServiceType,
}

#[derive(Deserialize)]
struct ThemeRow {
    theme: String,
    /// Empty for the whole theme.
    subtheme: String,
}

#[derive(Deserialize)]
struct RatingRow {
    n: u32,
    total: Option<u32>,
}

fn cache_key(number: &ProviderNumber) -> String {
    format!("provider:v1:{number}")
}

/// The active provider with this number, or `None` when unknown or suspended.
pub async fn find(env: &Env, number: &ProviderNumber) -> Result<Option<Provider>> {
    let kv = env.kv("CACHE")?;
    if let Ok(Some(hit)) = kv.get(&cache_key(number)).json::<Provider>().await {
        return Ok(Some(hit));
    }
    let found = load(&crate::db::db(env)?, number).await?;
    if let Some(p) = &found {
        // A failed cache write only costs the next request a D1 read.
        if let Ok(put) = kv.put(&cache_key(number), p) {
            let _ = put.expiration_ttl(CACHE_TTL_SECONDS).execute().await;
        }
    }
    Ok(found)
}

/// Forgets the cached entry after a change to the provider.
pub async fn invalidate(env: &Env, number: &ProviderNumber) -> Result<()> {
    env.kv("CACHE")?.delete(&cache_key(number)).await?;
    Ok(())
}

/// Reads one active provider with its registration and rating summary in one D1 round trip.
pub async fn load(db: &Db, number: &ProviderNumber) -> Result<Option<Provider>> {
    Ok(load_any(db, number)
        .await?
        .filter(|(_, suspended)| !suspended)
        .map(|(p, _)| p))
}

/// Reads one provider, suspended or not (for the operator), and whether it is suspended.
pub async fn load_any(db: &Db, number: &ProviderNumber) -> Result<Option<(Provider, bool)>> {
    let n = JsValue::from_str(&number.to_string());
    let statements = vec![
        db.prepare(
            "SELECT number, name, address, email, suspended FROM providers WHERE number = ?1",
        )
        .bind(std::slice::from_ref(&n))?,
        db.prepare(
            "SELECT service FROM provider_services WHERE provider_number = ?1 ORDER BY service",
        )
        .bind(std::slice::from_ref(&n))?,
        db.prepare(
            "SELECT theme, subtheme FROM provider_themes WHERE provider_number = ?1 \
             ORDER BY theme, subtheme",
        )
        .bind(std::slice::from_ref(&n))?,
        db.prepare(
            "SELECT COUNT(*) AS n, SUM(stars) AS total FROM ratings WHERE provider_number = ?1",
        )
        .bind(&[n])?,
    ];
    let results = db.batch(statements).await?;
    let [provider, services, themes, ratings] = results.as_slice() else {
        return Err(worker::Error::RustError("D1 batch answered short".into()));
    };
    let Some(row) = provider.results::<ProviderRow>()?.into_iter().next() else {
        return Ok(None);
    };
    let suspended = row.suspended;
    let services = services
        .results::<ServiceRow>()?
        .into_iter()
        .map(|s| s.service)
        .collect();
    let themes = themes
        .results::<ThemeRow>()?
        .into_iter()
        .map(|t| RegisteredTheme {
            theme: t.theme,
            subtheme: (!t.subtheme.is_empty()).then_some(t.subtheme),
        })
        .collect();
    let rating = ratings
        .results::<RatingRow>()?
        .into_iter()
        .next()
        .map(|r| summary(r.n, r.total.unwrap_or(0)))
        .unwrap_or(RatingSummary {
            count: 0,
            average: None,
        });
    let provider = Provider {
        number: row.number,
        name: row.name,
        address: row.address,
        email: row.email,
        registration: ProviderRegistration { services, themes },
        rating,
    };
    Ok(Some((provider, suspended)))
}

/// Average to one decimal, computed in tenths with integers (no floating point).
pub fn summary(count: u32, total_stars: u32) -> RatingSummary {
    let average = (count > 0).then(|| {
        let tenths = (total_stars * 10 + count / 2) / count;
        format!("{}.{}", tenths / 10, tenths % 10)
    });
    RatingSummary { count, average }
}

#[derive(Deserialize)]
struct NumberRow {
    number: ProviderNumber,
}

/// Search by number or (part of the) name, optionally only providers registered for a service
/// type and covering a theme (003 step 3). At most 25 results.
pub async fn search(
    db: &Db,
    query: &str,
    service: Option<ServiceType>,
    choice: Option<&shared::themes::ThemeChoice>,
) -> Result<Vec<Provider>> {
    let q = query.trim();
    // A substring test, not LIKE: whatever the person types (wildcards, accents, emoji, any
    // length the route allows) is matched literally, and D1's 50-byte LIKE-pattern limit never
    // applies. Case is folded the same way on both sides (SQLite's lower()).
    let rows: Vec<NumberRow> = db::all(
        db,
        "SELECT number FROM providers WHERE suspended = 0 AND \
         (upper(number) = upper(?1) OR instr(lower(name), lower(?1)) > 0) ORDER BY name LIMIT 100",
        &[JsValue::from_str(q)],
    )
    .await?;
    let mut found = Vec::new();
    for row in rows {
        if let Some(p) = load(db, &row.number).await? {
            let fits = service.is_none_or(|s| p.registration.offers(s))
                && choice.is_none_or(|c| p.registration.covers(c));
            if fits {
                found.push(p);
            }
        }
        if found.len() == 25 {
            break;
        }
    }
    Ok(found)
}

/// The provider number of the path (`/providers/{number}`), written as it is shown
/// (`DV.O123456`: openapi.json's pattern), or the 400 to answer.
pub fn path_number(
    ctx: &worker::RouteContext<()>,
) -> std::result::Result<ProviderNumber, Result<worker::Response>> {
    let raw = ctx.param("number").map(String::as_str).unwrap_or_default();
    let refuse = |e: shared::ids::ProviderNumberError| {
        crate::http::bad_request(&[shared::error::FieldError::new(
            "number",
            e.code(),
            e.message(),
        )])
    };
    match ProviderNumber::parse(raw) {
        Ok(n) if n.to_string() == raw => Ok(n),
        Ok(_) => Err(refuse(shared::ids::ProviderNumberError::Format)),
        Err(e) => Err(refuse(e)),
    }
}
