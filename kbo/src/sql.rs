//! The SQL text of the chunks, for the tables of db/migrations/0005_kbo.sql. Every value is a
//! string literal (the extract number an integer), so no KBO text is ever read as SQL.

use crate::extract::Meta;
use crate::tables::{DeleteKey, Table};

/// `value` as an SQLite string literal: between single quotes, a quote inside doubled. The
/// reader refuses NUL characters, the one thing a literal cannot hold.
pub fn literal(value: &str) -> String {
    debug_assert!(!value.contains('\0'), "the reader lets no NUL through");
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// The statement every chunk starts with. When a newer extract has been applied it inserts a
/// 0 into kbo_extract_order, whose CHECK (ok = 1) fails, and D1 stops the file there: an older
/// extract never undoes a newer one, even when its chunks are applied by hand.
pub fn guard(extract: u32) -> String {
    format!(
        "INSERT INTO kbo_extract_order (ok) SELECT 0 WHERE EXISTS \
         (SELECT 1 FROM kbo_extracts WHERE number > {extract});"
    )
}

/// The start of a multi-row insert into `table`. INSERT OR REPLACE on the table's primary key
/// makes applying the same extract twice leave the same rows.
pub fn insert_head(table: Table) -> String {
    format!(
        "INSERT OR REPLACE INTO {} ({}, extract) VALUES ",
        table.name(),
        table.columns().join(", ")
    )
}

/// One row of an insert: the values, then the extract that wrote it.
pub fn row(values: &[String], extract: u32) -> String {
    let mut out = String::from("(");
    for value in values {
        out.push_str(&literal(value));
        out.push(',');
    }
    out.push_str(&extract.to_string());
    out.push(')');
    out
}

/// The start of a delete of the rows of the entities listed after it.
pub fn delete_head(table: Table, key: DeleteKey) -> String {
    format!(
        "DELETE FROM {} WHERE {} IN (",
        table.name(),
        key.table_column
    )
}

/// After a full extract (or, for the codes, an update) the rows older extracts wrote and this
/// one did not are gone from the KBO.
pub fn delete_older(table: Table, extract: u32) -> String {
    format!("DELETE FROM {} WHERE extract < {extract};", table.name())
}

/// Records the extract as applied, the last statement of its last chunk.
pub fn record_extract(meta: &Meta) -> String {
    format!(
        "INSERT OR REPLACE INTO kbo_extracts (number, type, snapshot_date) VALUES ({}, {}, {});",
        meta.number,
        literal(meta.kind.as_str()),
        literal(&meta.snapshot_date.format("%Y-%m-%d").to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ExtractType;
    use chrono::NaiveDate;

    #[test]
    fn values_are_quoted_with_quotes_doubled() {
        for (value, sql) in [
            ("", "''"),
            ("Meir", "'Meir'"),
            ("Unité d'établissement", "'Unité d''établissement'"),
            ("''", "''''''"),
            ("a\\b; DROP TABLE x; --", "'a\\b; DROP TABLE x; --'"),
            ("Lange\nstraat", "'Lange\nstraat'"),
        ] {
            assert_eq!(literal(value), sql, "{value}");
        }
    }

    #[test]
    fn an_insert_names_the_columns_and_the_extract() {
        assert_eq!(
            insert_head(Table::Establishments),
            "INSERT OR REPLACE INTO kbo_establishments (number, enterprise_number, start_date, \
             extract) VALUES "
        );
        let values = ["2000100001".to_string(), "O'Neil".to_string()];
        assert_eq!(row(&values, 170), "('2000100001','O''Neil',170)");
    }

    #[test]
    fn the_guard_and_the_closing_statements() {
        assert_eq!(
            guard(171),
            "INSERT INTO kbo_extract_order (ok) SELECT 0 WHERE EXISTS \
             (SELECT 1 FROM kbo_extracts WHERE number > 171);"
        );
        assert_eq!(
            delete_older(Table::Codes, 171),
            "DELETE FROM kbo_codes WHERE extract < 171;"
        );
        let meta = Meta {
            kind: ExtractType::Update,
            number: 171,
            snapshot_date: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        };
        assert_eq!(
            record_extract(&meta),
            "INSERT OR REPLACE INTO kbo_extracts (number, type, snapshot_date) \
             VALUES (171, 'update', '2026-11-29');"
        );
        let key = Table::Activities.delete_key().unwrap();
        assert_eq!(
            delete_head(Table::Activities, key),
            "DELETE FROM kbo_activities WHERE entity IN ("
        );
    }
}
