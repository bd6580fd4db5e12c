//! An extract turned into chunks: which files are read, in which order, for a full extract and
//! for an update (cookbook 1.5.2).
//!
//! - Full: every table's rows, then a last chunk that deletes the rows older extracts wrote
//!   (the full set is the whole truth) and records the extract. It runs only when every data
//!   chunk has: a failed import leaves the older rows, never a half-empty table.
//! - Update: "first process the deletes and only then the inserts": chunks of deletes (every
//!   row of each entity in `<file>_delete.csv`, table by table; the KBO lists an entity in
//!   each affected table's file, so nothing cascades), then chunks of inserts, code.csv (the
//!   whole list again) among them; the last chunk deletes the codes older extracts wrote and
//!   records the extract.

use std::fs::File;
use std::path::Path;

use crate::chunks::{Chunks, Written};
use crate::error::Error;
use crate::extract::{CsvFile, Extract, ExtractType, Meta};
use crate::sql;
use crate::tables::{DeleteKey, Table};

/// How many rows of an input file were kept and left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCount {
    pub file: String,
    pub kept: u64,
    pub skipped: u64,
}

/// What an import wrote.
#[derive(Debug)]
pub struct Report {
    pub meta: Meta,
    pub files: Vec<FileCount>,
    pub chunks: Vec<Written>,
}

/// One step of the import.
enum Step {
    Delete(Table, DeleteKey, CsvFile<File>),
    Insert(Table, CsvFile<File>),
    EndChunk,
}

/// Writes the chunks of the extract in `dir` into `out`, at most `chunk_rows` data rows each.
pub fn convert(dir: &Path, out: &Path, chunk_rows: usize) -> Result<Report, Error> {
    let extract = Extract::open(dir)?;
    let meta = extract.meta.clone();
    // Every file is opened, and its header checked, before the first row is read: a missing
    // file or column of a full extract fails at once, not after an hour.
    let steps = match meta.kind {
        ExtractType::Full => full(&extract)?,
        ExtractType::Update => update(&extract)?,
    };
    let mut chunks = Chunks::new(out, chunk_rows, meta.number);
    let mut files = Vec::new();
    for step in steps {
        match step {
            Step::Delete(table, key, mut file) => {
                let mut count = FileCount::new(file.name());
                while let Some(row) = file.next_row()? {
                    chunks.delete(table, key, &row.number(key.file_columns[0])?)?;
                    count.kept += 1;
                }
                files.push(count);
            }
            Step::Insert(table, mut file) => {
                let mut count = FileCount::new(file.name());
                while let Some(row) = file.next_row()? {
                    match table.keep(&row)? {
                        Some(values) => {
                            chunks.insert(table, &values, meta.number)?;
                            count.kept += 1;
                        }
                        None => count.skipped += 1,
                    }
                }
                files.push(count);
            }
            Step::EndChunk => chunks.end_chunk()?,
        }
    }
    chunks.last_chunk(&closing(&meta))?;
    Ok(Report {
        meta,
        files,
        chunks: chunks.finish()?,
    })
}

fn full(extract: &Extract) -> Result<Vec<Step>, Error> {
    Table::ALL
        .into_iter()
        .map(|table| {
            let file = extract.csv(&format!("{}.csv", table.file()), table.file_columns())?;
            Ok(Step::Insert(table, file))
        })
        .collect()
}

fn update(extract: &Extract) -> Result<Vec<Step>, Error> {
    let mut steps = Vec::new();
    for table in Table::ALL {
        if let Some(key) = table.delete_key() {
            let file = extract.csv(&format!("{}_delete.csv", table.file()), key.file_columns)?;
            steps.push(Step::Delete(table, key, file));
        }
    }
    // No chunk holds both deletes and inserts: every delete has been applied before the
    // first insert is.
    steps.push(Step::EndChunk);
    for table in Table::ALL {
        let name = match table.delete_key() {
            Some(_) => format!("{}_insert.csv", table.file()),
            None => format!("{}.csv", table.file()),
        };
        steps.push(Step::Insert(
            table,
            extract.csv(&name, table.file_columns())?,
        ));
    }
    Ok(steps)
}

/// The statements of the last chunk.
fn closing(meta: &Meta) -> Vec<String> {
    let replaced: &[Table] = match meta.kind {
        ExtractType::Full => &Table::ALL,
        ExtractType::Update => &[Table::Codes],
    };
    let mut statements: Vec<String> = replaced
        .iter()
        .map(|table| sql::delete_older(*table, meta.number))
        .collect();
    statements.push(sql::record_extract(meta));
    statements
}

impl FileCount {
    fn new(file: &str) -> FileCount {
        FileCount {
            file: file.to_string(),
            kept: 0,
            skipped: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempDir;
    use std::path::PathBuf;

    fn sample(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
    }

    fn texts(report: &Report) -> Vec<String> {
        report
            .chunks
            .iter()
            .map(|w| std::fs::read_to_string(&w.path).unwrap())
            .collect()
    }

    fn counts(report: &Report) -> Vec<(&str, u64, u64)> {
        report
            .files
            .iter()
            .map(|f| (f.file.as_str(), f.kept, f.skipped))
            .collect()
    }

    /// The rows inserted into `table` by all the chunks.
    fn inserted(texts: &[String], table: &str) -> usize {
        let head = format!("INSERT OR REPLACE INTO {table} ");
        texts
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| l.starts_with(&head))
            .map(|l| l.matches("),(").count() + 1)
            .sum()
    }

    /// The records of a sample file: its lines but the header (the samples have no line
    /// breaks inside fields).
    fn records(path: &str) -> Vec<String> {
        let text = std::fs::read_to_string(sample(path)).unwrap();
        text.lines().skip(1).map(String::from).collect()
    }

    /// The data rows of a sample file, less `skipped`.
    fn kept_of(path: &str, skipped: u64) -> u64 {
        records(path).len() as u64 - skipped
    }

    // The samples grow with the demo and the tests: the counts are read from them, the rows
    // left out are the cases put there to be left out.
    #[test]
    fn the_full_sample_keeps_what_registration_reads() {
        let out = TempDir::new("full-sample");
        let report = convert(&sample("db/kbo/full"), out.path(), 50_000).unwrap();
        assert_eq!(report.meta.number, 170);
        assert_eq!(report.meta.kind, ExtractType::Full);
        let file = |name: &str, skipped| {
            let kept = kept_of(&format!("db/kbo/full/{name}"), skipped);
            (name.to_string(), kept, skipped)
        };
        let expected = [
            file("enterprise.csv", 0),
            file("establishment.csv", 0),
            // The 004 name of a branch office.
            file("denomination.csv", 1),
            file("address.csv", 0),
            // A secondary activity, a NACE 2003 one, a 7-digit one.
            file("activity.csv", 3),
            // Other categories (18 rows), and the section letter A.
            file("code.csv", 19),
        ];
        let got: Vec<(String, u64, u64)> = counts(&report)
            .into_iter()
            .map(|(f, k, s)| (f.to_string(), k, s))
            .collect();
        assert_eq!(got, expected);
        assert!(expected[0].1 >= 18 && expected[1].1 >= 20, "{expected:?}");

        let texts = texts(&report);
        assert_eq!(texts.len(), 2, "one data chunk, then the last one");
        let all: u64 = expected.iter().map(|e| e.1).sum();
        assert_eq!(report.chunks[0].rows as u64, all);
        for (table, (_, kept, _)) in Table::ALL.iter().zip(&expected) {
            assert_eq!(inserted(&texts, table.name()) as u64, *kept, "{table:?}");
        }
        let data = &texts[0];
        assert!(data.starts_with(&sql::guard(170)));
        assert!(data.contains("('0823456754','AC','000','1','','2016-09-15',170)"));
        assert!(data.contains("('2000100004','0860000119','2004-01-15',170)"));
        assert!(data.contains("('Nace2025','10710','NL','Ambachtelijke vervaardiging"));
        assert!(!data.contains("('TypeOfAddress'") && !data.contains("Unité d''établissement"));
        assert!(!data.contains("15811") && !data.contains("4724001") && !data.contains("47240"));
        assert!(!data.contains("Bijkantoor") && !data.contains("10.710"));
        assert_eq!(
            texts[1],
            format!(
                "{}\n\
                 DELETE FROM kbo_enterprises WHERE extract < 170;\n\
                 DELETE FROM kbo_establishments WHERE extract < 170;\n\
                 DELETE FROM kbo_denominations WHERE extract < 170;\n\
                 DELETE FROM kbo_addresses WHERE extract < 170;\n\
                 DELETE FROM kbo_activities WHERE extract < 170;\n\
                 DELETE FROM kbo_codes WHERE extract < 170;\n\
                 INSERT OR REPLACE INTO kbo_extracts (number, type, snapshot_date) \
                 VALUES (170, 'full', '2026-11-28');\n",
                sql::guard(170)
            )
        );
    }

    #[test]
    fn the_update_sample_deletes_first_then_inserts() {
        let out = TempDir::new("update-sample");
        let report = convert(&sample("tests/kbo/update"), out.path(), 50_000).unwrap();
        assert_eq!(report.meta.number, 171);
        let deletes = Table::ALL[..5]
            .iter()
            .map(|t| format!("{}_delete.csv", t.file()));
        let inserts = Table::ALL[..5]
            .iter()
            .map(|t| format!("{}_insert.csv", t.file()));
        let mut expected: Vec<(String, u64, u64)> = deletes
            .chain(inserts)
            .map(|name| {
                let kept = kept_of(&format!("tests/kbo/update/{name}"), 0);
                (name, kept, 0)
            })
            .collect();
        expected.push((
            "code.csv".into(),
            kept_of("tests/kbo/update/code.csv", 19),
            19,
        ));
        let got: Vec<(String, u64, u64)> = counts(&report)
            .into_iter()
            .map(|(f, k, s)| (f.to_string(), k, s))
            .collect();
        assert_eq!(got, expected);

        let texts = texts(&report);
        assert_eq!(texts.len(), 3, "deletes, inserts, the last chunk");
        // The first chunk: a delete per table of the keys of its delete file, nothing else.
        let mut first = format!("{}\n", sql::guard(171));
        for table in &Table::ALL[..5] {
            let keys: Vec<String> =
                records(&format!("tests/kbo/update/{}_delete.csv", table.file()))
                    .iter()
                    .map(|k| format!("'{}'", k.replace(['"', '.'], "")))
                    .collect();
            if !keys.is_empty() {
                let column = table.delete_key().unwrap().table_column;
                let (name, keys) = (table.name(), keys.join(","));
                first.push_str(&format!("DELETE FROM {name} WHERE {column} IN ({keys});\n"));
            }
        }
        assert_eq!(texts[0], first);
        assert!(texts[0].contains("DELETE FROM kbo_enterprises WHERE number IN ('0889012324')"));

        assert!(texts[1].starts_with(&sql::guard(171)));
        assert!(!texts[1].contains("DELETE"));
        assert!(texts[1].contains("('0801234549','AC','000','2','610','2026-11-26',171)"));
        assert!(texts[1].contains("','BAET','','2018','Antwerpen','Anvers','Mechelsesteenweg',"));
        assert_eq!(inserted(&texts, "kbo_codes") as u64, expected[10].1);
        assert_eq!(
            texts[2],
            format!(
                "{}\nDELETE FROM kbo_codes WHERE extract < 171;\n\
                 INSERT OR REPLACE INTO kbo_extracts (number, type, snapshot_date) \
                 VALUES (171, 'update', '2026-11-29');\n",
                sql::guard(171)
            )
        );
    }

    #[test]
    fn small_chunks_keep_deletes_before_inserts() {
        let out = TempDir::new("update-small");
        let report = convert(&sample("tests/kbo/update"), out.path(), 3).unwrap();
        let rows: Vec<usize> = report.chunks.iter().map(|w| w.rows).collect();
        let keys: u64 = report.files[..5].iter().map(|f| f.kept).sum();
        let kept: u64 = report.files.iter().map(|f| f.kept).sum();
        assert!(keys > 3, "the sample deletes more than a chunk's worth");
        // The keys in chunks of 3 (the last maybe short), the rows, then the last chunk.
        let delete_chunks = keys.div_ceil(3) as usize;
        assert!(
            rows[..delete_chunks - 1].iter().all(|r| *r == 3),
            "{rows:?}"
        );
        assert_eq!(rows.iter().sum::<usize>() as u64, kept);
        assert_eq!(rows.last(), Some(&0));
        let texts = texts(&report);
        let first_insert = texts
            .iter()
            .position(|t| t.contains("INSERT OR REPLACE INTO kbo_"));
        let last_delete = texts.iter().rposition(|t| t.contains(" IN ("));
        assert_eq!(
            (last_delete, first_insert),
            (Some(delete_chunks - 1), Some(delete_chunks))
        );
        assert!(texts.iter().all(|t| t.starts_with(&sql::guard(171))));
    }

    #[test]
    fn a_missing_file_is_named() {
        let dir = TempDir::new("missing-file");
        std::fs::write(
            dir.path().join("META.CSV"),
            "Variable,Value\nExtractType,update\nExtractNumber,9\nSnapshotDate,01-01-2026\n",
        )
        .unwrap();
        let out = TempDir::new("missing-file-out");
        let err = convert(dir.path(), out.path(), 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the extract has no enterprise_delete.csv",
                dir.path().display()
            )
        );
    }
}
