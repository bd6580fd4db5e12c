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
    Ok(load_many(db, std::slice::from_ref(number))
        .await?
        .into_iter()
        .next())
}

#[derive(Deserialize)]
struct OwnedServiceRow {
    provider_number: String,
    service: ServiceType,
}

#[derive(Deserialize)]
struct OwnedThemeRow {
    provider_number: String,
    theme: String,
    /// Empty for the whole theme.
    subtheme: String,
}

#[derive(Deserialize)]
struct OwnedRatingRow {
    provider_number: String,
    n: u32,
    total: Option<u32>,
}

/// Reads the providers `numbers` (those that exist, in that order) with their registration and
/// rating summary, and whether each is suspended: one D1 batch of four queries however many.
async fn load_many(db: &Db, numbers: &[ProviderNumber]) -> Result<Vec<(Provider, bool)>> {
    if numbers.is_empty() {
        return Ok(Vec::new());
    }
    let texts: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    let list = db::texts(texts.iter().map(String::as_str))?;
    let of = "IN (SELECT value FROM json_each(?1))";
    let statements = vec![
        db::stmt(
            db,
            &format!(
                "SELECT number, name, address, email, suspended FROM providers WHERE number {of}"
            ),
            std::slice::from_ref(&list),
        )?,
        db::stmt(
            db,
            &format!(
                "SELECT provider_number, service FROM provider_services \
                 WHERE provider_number {of} ORDER BY service"
            ),
            std::slice::from_ref(&list),
        )?,
        db::stmt(
            db,
            &format!(
                "SELECT provider_number, theme, subtheme FROM provider_themes \
                 WHERE provider_number {of} ORDER BY theme, subtheme"
            ),
            std::slice::from_ref(&list),
        )?,
        db::stmt(
            db,
            &format!(
                "SELECT provider_number, COUNT(*) AS n, SUM(stars) AS total FROM ratings \
                 WHERE provider_number {of} GROUP BY provider_number"
            ),
            &[list],
        )?,
    ];
    let results = db.batch(statements).await?;
    let [providers, services, themes, ratings] = results.as_slice() else {
        return Err(worker::Error::RustError("D1 batch answered short".into()));
    };
    let services = services.results::<OwnedServiceRow>()?;
    let themes = themes.results::<OwnedThemeRow>()?;
    let ratings = ratings.results::<OwnedRatingRow>()?;
    let rows = providers.results::<ProviderRow>()?;
    let mut found = Vec::new();
    for number in &texts {
        let Some(row) = rows.iter().find(|r| r.number.to_string() == *number) else {
            continue;
        };
        let registration = ProviderRegistration {
            services: services
                .iter()
                .filter(|s| s.provider_number == *number)
                .map(|s| s.service)
                .collect(),
            themes: themes
                .iter()
                .filter(|t| t.provider_number == *number)
                .map(|t| RegisteredTheme {
                    theme: t.theme.clone(),
                    subtheme: (!t.subtheme.is_empty()).then(|| t.subtheme.clone()),
                })
                .collect(),
        };
        let rating = ratings
            .iter()
            .find(|r| r.provider_number == *number)
            .map_or(
                RatingSummary {
                    count: 0,
                    average: None,
                },
                |r| summary(r.n, r.total.unwrap_or(0)),
            );
        let provider = Provider {
            number: row.number,
            name: row.name.clone(),
            address: row.address.clone(),
            email: row.email.clone(),
            registration,
            rating,
        };
        found.push((provider, row.suspended));
    }
    Ok(found)
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

/// Results of a provider search, at most.
const SEARCH_RESULTS: i64 = 25;

/// Search by number or (part of the) name, optionally only providers registered for a service
/// type and covering a theme (003 step 3). At most 25 results, found with two round trips to D1
/// whatever the directory's size: the matching numbers, then their details in one batch.
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
    let mut sql = String::from(
        "SELECT number FROM providers p WHERE suspended = 0 AND \
         (upper(number) = upper(?1) OR instr(lower(name), lower(?1)) > 0)",
    );
    let mut args = vec![JsValue::from_str(q)];
    // The registration the rules ask for (ProviderRegistration::offers and ::covers), as a
    // filter D1 applies before the limit, so no fitting provider is left out; the rules
    // themselves are applied to what it finds.
    if let Some(s) = service {
        args.push(JsValue::from_str(s.id()));
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM provider_services s WHERE s.provider_number = p.number \
             AND s.service = ?{})",
            args.len()
        );
    }
    if let Some(c) = choice {
        args.push(JsValue::from_str(c.theme.id));
        args.push(
            c.subtheme
                .map_or(JsValue::NULL, |s| JsValue::from_str(s.id)),
        );
        let (theme, subtheme) = (args.len() - 1, args.len());
        // A registration for the whole theme (empty sub-theme) covers any choice in it; one for
        // a sub-theme covers that sub-theme only.
        sql += &format!(
            " AND EXISTS (SELECT 1 FROM provider_themes t WHERE t.provider_number = p.number \
             AND t.theme = ?{theme} AND (t.subtheme = '' OR t.subtheme = ?{subtheme}))"
        );
    }
    args.push(db::int(SEARCH_RESULTS));
    sql += &format!(" ORDER BY name LIMIT ?{}", args.len());
    let rows: Vec<NumberRow> = db::all(db, &sql, &args).await?;
    let numbers: Vec<ProviderNumber> = rows.into_iter().map(|r| r.number).collect();
    Ok(load_many(db, &numbers)
        .await?
        .into_iter()
        .filter(|(p, suspended)| {
            !suspended
                && service.is_none_or(|s| p.registration.offers(s))
                && choice.is_none_or(|c| p.registration.covers(c))
        })
        .map(|(p, _)| p)
        .collect())
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
