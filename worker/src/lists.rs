//! The queries of the lists, built apart from D1 so that each one is checked against the real
//! schema with SQLite's `EXPLAIN QUERY PLAN` (the tests below): every list reads one page
//! newest first from an index, whatever the data volume, never a whole table.
//!
//! A list filters on its owner (provider, enterprise) and its filters, stays below the page's
//! cursor (`id < ?`) and reads one row more than the page (`shared::api::page`).

use shared::api::page::PageRequest;
use shared::project::Status;
use shared::service::ServiceType;
use wasm_bindgen::JsValue;

use crate::db;

/// A value bound to a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Bind {
    Text(String),
    Int(i64),
}

impl Bind {
    fn js(&self) -> JsValue {
        match self {
            Bind::Text(t) => db::text(t),
            Bind::Int(n) => db::int(*n),
        }
    }
}

/// A list query: its SQL and the values of its `?N`.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub sql: String,
    pub args: Vec<Bind>,
}

impl Query {
    /// `select` (up to `WHERE`) with its first condition, on the owner `?1`.
    fn new(select: &str, owner: &str, condition: &str) -> Query {
        Query {
            sql: format!("{select} WHERE {condition}"),
            args: vec![Bind::Text(owner.to_string())],
        }
    }

    /// `AND condition`, its `?` the next argument.
    fn and(&mut self, condition: &str, value: Bind) {
        self.args.push(value);
        let n = self.args.len();
        self.sql += &format!(" AND {}", condition.replace('?', &format!("?{n}")));
    }

    /// Below the page's cursor, newest first, one row more than the page; `id` the column.
    fn page(mut self, id: &str, page: &PageRequest) -> Query {
        self.and(&format!("{id} < ?"), Bind::Int(page.below()));
        self.args.push(Bind::Int(page.rows_to_read()));
        self.sql += &format!(" ORDER BY {id} DESC LIMIT ?{}", self.args.len());
        self
    }

    pub fn js_args(&self) -> Vec<JsValue> {
        self.args.iter().map(Bind::js).collect()
    }
}

/// The filters of the provider portal's applications.
#[derive(Debug, Clone, Default)]
pub struct ProviderFilters {
    pub status: Option<Status>,
    pub year: Option<i32>,
    /// Part of a dossier number or of the enterprise's name.
    pub q: Option<String>,
}

/// A page of the applications naming `provider`.
pub fn provider_projects(provider: &str, f: &ProviderFilters, page: &PageRequest) -> Query {
    let mut q = Query::new(
        &crate::store::select_sql(),
        provider,
        "provider_number = ?1",
    );
    if let Some(status) = f.status {
        q.and("status = ?", Bind::Text(status.id().into()));
    }
    if let Some(year) = f.year {
        q.and("year = ?", Bind::Int(i64::from(year)));
    }
    if let Some(text) = &f.q {
        // Dossier numbers are upper case ASCII; names are matched without regard to ASCII case.
        q.and(
            "(instr(dossier_number, upper(?)) > 0 OR EXISTS (SELECT 1 FROM enterprises e \
             WHERE e.number = projects.enterprise_number AND instr(lower(e.name), lower(?)) > 0))",
            Bind::Text(text.clone()),
        );
    }
    q.page("id", page)
}

/// The filters of the enterprise's overview (003 "Historiek subsidies").
#[derive(Debug, Clone, Default)]
pub struct EnterpriseFilters {
    /// The calendar years shown (`shared::deadlines::history_years`).
    pub years: (i32, i32),
    pub number: Option<String>,
    pub name: Option<String>,
    pub provider: Option<String>,
    pub service: Option<ServiceType>,
    pub year: Option<i32>,
    pub status: Option<Status>,
}

/// A page of the projects of `enterprise`.
pub fn enterprise_projects(enterprise: &str, f: &EnterpriseFilters, page: &PageRequest) -> Query {
    let mut q = Query::new(
        &crate::store::select_sql(),
        enterprise,
        "enterprise_number = ?1",
    );
    q.and("year >= ?", Bind::Int(i64::from(f.years.0)));
    q.and("year <= ?", Bind::Int(i64::from(f.years.1)));
    // Dossier and provider numbers are upper case ASCII: part of one, in any case, finds it.
    if let Some(n) = &f.number {
        q.and("instr(dossier_number, upper(?)) > 0", Bind::Text(n.clone()));
    }
    if let Some(n) = &f.name {
        q.and("instr(lower(name), lower(?)) > 0", Bind::Text(n.clone()));
    }
    if let Some(p) = &f.provider {
        q.and(
            "instr(provider_number, upper(?)) > 0",
            Bind::Text(p.clone()),
        );
    }
    if let Some(s) = f.service {
        q.and("service = ?", Bind::Text(s.id().into()));
    }
    if let Some(y) = f.year {
        q.and("year = ?", Bind::Int(i64::from(y)));
    }
    if let Some(s) = f.status {
        q.and("status = ?", Bind::Text(s.id().into()));
    }
    q.page("id", page)
}

/// A page of the payments received by `provider`.
pub fn provider_payments(provider: &str, page: &PageRequest) -> Query {
    Query::new(
        crate::routes::projects::PAYMENTS_SQL,
        provider,
        "pay.provider_number = ?1",
    )
    .page("pay.id", page)
}

/// A page of the ratings of `provider`, with who rated (003: the provider sees it).
pub fn provider_ratings(provider: &str, page: &PageRequest) -> Query {
    Query::new(
        "SELECT r.id, r.stars, r.text, r.rater_name, r.company_name, r.created_at, \
         p.dossier_number, p.name AS project_name FROM ratings r JOIN projects p ON p.id = r.project_id",
        provider,
        "r.provider_number = ?1",
    )
    .page("r.id", page)
}

/// A page of the imported bank entries, of one outcome or all.
pub fn bank_entries(outcome: Option<&str>, page: &PageRequest) -> Query {
    operator_list(
        crate::routes::operator::BANK_ENTRIES_SQL,
        "b",
        "outcome",
        outcome,
        page,
    )
}

/// A page of the audit log, about one target or all.
pub fn audit(target: Option<&str>, page: &PageRequest) -> Query {
    operator_list(
        crate::routes::operator::AUDIT_SQL,
        "audit_log",
        "target",
        target,
        page,
    )
}

/// The operator's lists: every row, or those whose `column` is `value`.
fn operator_list(
    select: &str,
    table: &str,
    column: &str,
    value: Option<&str>,
    page: &PageRequest,
) -> Query {
    let q = match value {
        Some(v) => Query::new(select, v, &format!("{table}.{column} = ?1")),
        None => Query {
            sql: format!("{select} WHERE true"),
            args: Vec::new(),
        },
    };
    q.page(&format!("{table}.id"), page)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The schema as the migrations make it, in memory.
    fn schema() -> rusqlite::Connection {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../db/migrations");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let sql = std::fs::read_to_string(&file).unwrap();
            db.execute_batch(&sql)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        }
        db
    }

    /// The query plan's lines.
    fn plan(db: &rusqlite::Connection, q: &Query) -> Vec<String> {
        let args: Vec<rusqlite::types::Value> = q
            .args
            .iter()
            .map(|a| match a {
                Bind::Text(t) => rusqlite::types::Value::Text(t.clone()),
                Bind::Int(n) => rusqlite::types::Value::Integer(*n),
            })
            .collect();
        let mut stmt = db
            .prepare(&format!("EXPLAIN QUERY PLAN {}", q.sql))
            .unwrap_or_else(|e| panic!("{}: {e}", q.sql));
        stmt.query_map(rusqlite::params_from_iter(args), |row| {
            row.get::<_, String>(3)
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }

    /// Every table is read through an index (SEARCH), none scanned whole, and the page needs no
    /// sort of everything the filter matched.
    fn assert_bounded(db: &rusqlite::Connection, q: &Query) {
        let plan = plan(db, q);
        for line in &plan {
            let scan = line.starts_with("SCAN ") && !line.starts_with("SCAN json_each");
            assert!(!scan, "a whole table is read: {line}\n{}\n{plan:#?}", q.sql);
            assert!(
                !line.contains("TEMP B-TREE"),
                "every matching row is sorted: {line}\n{}\n{plan:#?}",
                q.sql
            );
        }
    }

    fn pages() -> [PageRequest; 2] {
        [
            PageRequest::default(),
            PageRequest::parse(Some("100"), Some("c1.3e8")).unwrap(),
        ]
    }

    #[test]
    fn every_provider_list_reads_a_page_through_an_index() {
        let db = schema();
        let filters = [
            ProviderFilters::default(),
            ProviderFilters {
                status: Some(Status::Running),
                ..Default::default()
            },
            ProviderFilters {
                year: Some(2026),
                ..Default::default()
            },
            ProviderFilters {
                status: Some(Status::Closed),
                year: Some(2025),
                q: Some("verhoeven".into()),
            },
        ];
        for page in pages() {
            for f in &filters {
                assert_bounded(&db, &provider_projects("DV.O123456", f, &page));
            }
            assert_bounded(&db, &provider_payments("DV.O123456", &page));
            assert_bounded(&db, &provider_ratings("DV.O123456", &page));
        }
    }

    #[test]
    fn every_operator_list_reads_a_page_through_an_index() {
        let db = schema();
        for page in pages() {
            assert_bounded(&db, &bank_entries(Some("refund_unknown"), &page));
            assert_bounded(&db, &audit(Some("2026KMO000001"), &page));
        }
        // Unfiltered, the page is read backwards along the primary key: no index to name.
        let all = plan(&db, &bank_entries(None, &PageRequest::default()));
        assert!(
            all.iter().all(|l| l.contains("INTEGER PRIMARY KEY")),
            "{all:?}"
        );
    }

    #[test]
    fn the_enterprise_overview_reads_its_own_projects_only() {
        let db = schema();
        let years = (2022, 2026);
        let filters = [
            EnterpriseFilters {
                years,
                ..Default::default()
            },
            EnterpriseFilters {
                years,
                name: Some("volume".into()),
                status: Some(Status::Running),
                ..Default::default()
            },
            EnterpriseFilters {
                years,
                number: Some("2026".into()),
                provider: Some("DV.O".into()),
                service: Some(ServiceType::Training),
                year: Some(2026),
                status: Some(Status::Closed),
                ..Default::default()
            },
        ];
        // An enterprise has a few dozen projects in five years: they are read by its own index
        // and sorted; its page never reads another enterprise's projects.
        for f in &filters {
            let plan = plan(
                &db,
                &enterprise_projects("0403227515", f, &PageRequest::default()),
            );
            assert!(
                plan.iter()
                    .any(|l| l.starts_with("SEARCH projects USING INDEX projects_by_enterprise")),
                "{plan:#?}"
            );
            assert!(plan.iter().all(|l| !l.starts_with("SCAN ")), "{plan:#?}");
        }
    }

    #[test]
    fn a_query_numbers_its_arguments_in_order() {
        let page = PageRequest::parse(Some("10"), Some("c1.ff")).unwrap();
        let f = ProviderFilters {
            status: Some(Status::Running),
            year: Some(2026),
            q: Some("x".into()),
        };
        let q = provider_projects("DV.O123456", &f, &page);
        assert!(q
            .sql
            .contains("status = ?2 AND year = ?3 AND (instr(dossier_number, upper(?4))"));
        assert!(
            q.sql.ends_with("id < ?5 ORDER BY id DESC LIMIT ?6"),
            "{}",
            q.sql
        );
        assert_eq!(
            q.args,
            [
                Bind::Text("DV.O123456".into()),
                Bind::Text("running".into()),
                Bind::Int(2026),
                Bind::Text("x".into()),
                Bind::Int(255),
                Bind::Int(11),
            ]
        );
    }
}
