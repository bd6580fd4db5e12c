//! One enterprise's public KBO data from D1 (the `kbo_` tables `scripts/kbo-import.sh` fills),
//! read in one round trip of six bounded queries, whatever the number of establishment units.

use crate::db::Db;
use serde::Deserialize;
use shared::kbo::{
    self, ActivityRow, AddressRow, EnterpriseRow, EstablishmentRow, KboRecord, NameRow,
};
use worker::Result;

use crate::db::{self, text};

/// An establishment unit's row: its address columns as one JSON object (read as the shared row).
#[derive(Deserialize)]
struct UnitRow {
    number: String,
    name: Option<String>,
    #[serde(deserialize_with = "db::json")]
    address: AddressRow,
}

#[derive(Deserialize)]
struct Counts {
    establishments: u32,
    flemish: u32,
}

/// The first establishment units in the Flemish Region, by number (`?1` the enterprise).
fn shown_units_sql() -> String {
    format!(
        "SELECT s.number FROM kbo_establishments s \
         JOIN kbo_addresses a ON a.entity = s.number AND a.type = 'BAET' \
         WHERE s.enterprise_number = ?1 AND {} ORDER BY s.number LIMIT {}",
        kbo::flemish_address_sql("a"),
        kbo::SHOWN_ESTABLISHMENTS
    )
}

/// The columns of an address (`kbo_addresses a`), as `AddressRow` reads them.
const ADDRESS_FIELDS: [&str; 8] = [
    "country_nl",
    "zipcode",
    "municipality_nl",
    "municipality_fr",
    "street_nl",
    "street_fr",
    "house_number",
    "box",
];

/// The address columns, or (`as_json`) one JSON object of them for a row that has more.
fn address_sql(as_json: bool) -> String {
    let columns = ADDRESS_FIELDS.map(|f| format!("a.{f}"));
    if !as_json {
        return columns.join(", ");
    }
    let pairs: Vec<String> = ADDRESS_FIELDS
        .iter()
        .zip(&columns)
        .map(|(f, c)| format!("'{f}', {c}"))
        .collect();
    format!("json_object({}) AS address", pairs.join(", "))
}

/// What the KBO data say about enterprise `number` (10 digits); `None` when they do not have it.
pub async fn record(d1: &Db, number: &str) -> Result<Option<KboRecord>> {
    let shown_units = shown_units_sql();
    let address_json = address_sql(true);
    let statements = vec![
        db::stmt(
            d1,
            "SELECT e.number, e.status, e.type, e.juridical_form, e.start_date, \
               (SELECT description FROM kbo_codes WHERE category = 'JuridicalForm' \
                  AND code = e.juridical_form AND language = 'NL') AS juridical_form_label, \
               (SELECT max(snapshot_date) FROM kbo_extracts) AS updated_on \
             FROM kbo_enterprises e WHERE e.number = ?1",
            &[text(number)],
        )?,
        // An entity has a handful of names; the bound only guards against a damaged import.
        db::stmt(
            d1,
            "SELECT language, type, denomination FROM kbo_denominations WHERE entity = ?1 \
             ORDER BY type, language, denomination LIMIT 100",
            &[text(number)],
        )?,
        db::stmt(
            d1,
            &format!(
                "SELECT {} FROM kbo_addresses a WHERE a.entity = ?1 AND a.type = 'REGO'",
                address_sql(false)
            ),
            &[text(number)],
        )?,
        db::stmt(
            d1,
            &format!(
                "SELECT count(*) AS establishments, \
                   coalesce(sum(CASE WHEN {} THEN 1 ELSE 0 END), 0) AS flemish \
                 FROM kbo_establishments s \
                 LEFT JOIN kbo_addresses a ON a.entity = s.number AND a.type = 'BAET' \
                 WHERE s.enterprise_number = ?1",
                kbo::flemish_address_sql("a")
            ),
            &[text(number)],
        )?,
        db::stmt(
            d1,
            &format!(
                "SELECT s.number, \
                   (SELECT denomination FROM kbo_denominations d WHERE d.entity = s.number \
                      ORDER BY d.type, d.language LIMIT 1) AS name, \
                   {address_json} \
                 FROM kbo_establishments s \
                 JOIN kbo_addresses a ON a.entity = s.number AND a.type = 'BAET' \
                 WHERE s.number IN ({shown_units}) ORDER BY s.number"
            ),
            &[text(number)],
        )?,
        // The enterprise's main activities, and those of the units shown (the KBO registers
        // activities at either level).
        db::stmt(
            d1,
            &format!(
                "SELECT a.entity, a.activity_group, a.nace_version, a.nace_code, \
                   (SELECT description FROM kbo_codes c WHERE c.category = 'Nace' || a.nace_version \
                      AND c.code = a.nace_code AND c.language = 'NL') AS label \
                 FROM kbo_activities a \
                 WHERE a.entity = ?1 OR a.entity IN ({shown_units})"
            ),
            &[text(number)],
        )?,
    ];
    let results = d1.batch(statements).await?;
    let rows = |i: usize| {
        results
            .get(i)
            .ok_or_else(|| worker::Error::RustError(format!("KBO batch without result {i}")))
    };
    let Some(enterprise) = rows(0)?.results::<EnterpriseRow>()?.into_iter().next() else {
        return Ok(None);
    };
    let updated_on = enterprise
        .updated_on
        .ok_or_else(|| worker::Error::RustError("KBO data without an extract".into()))?;
    let counts = rows(3)?
        .results::<Counts>()?
        .into_iter()
        .next()
        .ok_or_else(|| worker::Error::RustError("KBO count without a row".into()))?;
    Ok(Some(KboRecord {
        enterprise,
        names: rows(1)?.results::<NameRow>()?,
        registered_office: rows(2)?.results::<AddressRow>()?.into_iter().next(),
        activities: rows(5)?.results::<ActivityRow>()?,
        flemish_establishments: counts.flemish,
        establishments: counts.establishments,
        shown_establishments: rows(4)?
            .results::<UnitRow>()?
            .into_iter()
            .map(|u| EstablishmentRow {
                number: u.number,
                name: u.name,
                address: u.address,
            })
            .collect(),
        updated_on,
    }))
}
