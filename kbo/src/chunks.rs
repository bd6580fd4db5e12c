//! Writing the SQL into numbered files `0001.sql`, `0002.sql`, ... of at most N data rows
//! each, one `wrangler d1 execute --file` apiece: a full extract is far too big for one.
//! Every file starts with the order guard, so each can stand on its own, and a failed import
//! can be applied again from the start.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{io, Error};
use crate::sql;
use crate::tables::{DeleteKey, Table};

/// Rows in one INSERT.
const INSERT_ROWS: usize = 100;
/// Keys in one DELETE ... IN (...).
const DELETE_KEYS: usize = 500;
/// D1 refuses a statement over 100 KB. 100 rows stay far below it, except addresses at the
/// longest the KBO allows (some 1,100 characters): a statement is also cut short of this.
const STATEMENT_BYTES: usize = 90_000;

/// A chunk file written, and how many data rows (rows inserted, keys deleted) it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub rows: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Insert(Table),
    Delete(Table, DeleteKey),
}

impl Kind {
    fn head(self) -> String {
        match self {
            Kind::Insert(table) => sql::insert_head(table),
            Kind::Delete(table, key) => sql::delete_head(table, key),
        }
    }

    fn tail(self) -> &'static str {
        match self {
            Kind::Insert(_) => ";",
            Kind::Delete(..) => ");",
        }
    }

    fn max_rows(self) -> usize {
        match self {
            Kind::Insert(_) => INSERT_ROWS,
            Kind::Delete(..) => DELETE_KEYS,
        }
    }
}

/// A statement being filled.
struct Statement {
    kind: Kind,
    text: String,
    rows: usize,
}

/// The chunk file being written.
struct Open {
    path: PathBuf,
    out: BufWriter<File>,
    rows: usize,
}

/// The chunks of one extract, written as the rows come.
pub struct Chunks {
    dir: PathBuf,
    max_rows: usize,
    guard: String,
    open: Option<Open>,
    statement: Option<Statement>,
    written: Vec<Written>,
}

impl Chunks {
    /// Chunks of at most `max_rows` (at least 1) data rows in `dir`, of the extract numbered
    /// `extract`.
    pub fn new(dir: &Path, max_rows: usize, extract: u32) -> Chunks {
        Chunks {
            dir: dir.to_path_buf(),
            max_rows: max_rows.max(1),
            guard: sql::guard(extract),
            open: None,
            statement: None,
            written: Vec::new(),
        }
    }

    /// Adds a row to insert into `table`.
    pub fn insert(&mut self, table: Table, values: &[String], extract: u32) -> Result<(), Error> {
        self.add(Kind::Insert(table), sql::row(values, extract))
    }

    /// Adds an entity whose rows of `table` are to be deleted.
    pub fn delete(&mut self, table: Table, key: DeleteKey, entity: &str) -> Result<(), Error> {
        self.add(Kind::Delete(table, key), sql::literal(entity))
    }

    fn add(&mut self, kind: Kind, item: String) -> Result<(), Error> {
        if self.open.as_ref().is_some_and(|o| o.rows >= self.max_rows) {
            self.end_chunk()?;
        }
        if let Some(s) = &self.statement {
            let full = s.kind != kind
                || s.rows >= kind.max_rows()
                || s.text.len() + item.len() + 2 > STATEMENT_BYTES;
            if full {
                self.write_statement()?;
            }
        }
        let open = match &mut self.open {
            Some(open) => open,
            None => self
                .open
                .insert(open_chunk(&self.dir, self.written.len() + 1, &self.guard)?),
        };
        open.rows += 1;
        let statement = self.statement.get_or_insert_with(|| Statement {
            kind,
            text: kind.head(),
            rows: 0,
        });
        if statement.rows > 0 {
            statement.text.push(',');
        }
        statement.text.push_str(&item);
        statement.rows += 1;
        Ok(())
    }

    fn write_statement(&mut self) -> Result<(), Error> {
        if let (Some(statement), Some(open)) = (self.statement.take(), &mut self.open) {
            let text = format!("{}{}\n", statement.text, statement.kind.tail());
            open.out
                .write_all(text.as_bytes())
                .map_err(io(&open.path))?;
        }
        Ok(())
    }

    /// Closes the chunk being written, if any: the next row starts a new one.
    pub fn end_chunk(&mut self) -> Result<(), Error> {
        self.write_statement()?;
        if let Some(Open { path, out, rows }) = self.open.take() {
            out.into_inner()
                .map_err(|e| e.into_error())
                .and_then(|f| f.sync_all())
                .map_err(io(&path))?;
            self.written.push(Written { path, rows });
        }
        Ok(())
    }

    /// Writes `statements` as a chunk of their own, after every data chunk: they run only when
    /// all of those have.
    pub fn last_chunk(&mut self, statements: &[String]) -> Result<(), Error> {
        self.end_chunk()?;
        let mut open = open_chunk(&self.dir, self.written.len() + 1, &self.guard)?;
        for statement in statements {
            writeln!(open.out, "{statement}").map_err(io(&open.path))?;
        }
        self.open = Some(open);
        self.end_chunk()
    }

    /// The chunks written, in order.
    pub fn finish(mut self) -> Result<Vec<Written>, Error> {
        self.end_chunk()?;
        Ok(self.written)
    }
}

fn open_chunk(dir: &Path, number: usize, guard: &str) -> Result<Open, Error> {
    let path = dir.join(format!("{number:04}.sql"));
    let mut out = BufWriter::new(File::create(&path).map_err(io(&path))?);
    writeln!(out, "{guard}").map_err(io(&path))?;
    Ok(Open { path, out, rows: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TempDir;

    fn read(written: &[Written]) -> Vec<(usize, String)> {
        written
            .iter()
            .map(|w| (w.rows, std::fs::read_to_string(&w.path).unwrap()))
            .collect()
    }

    fn code(i: usize) -> Vec<String> {
        vec![
            "Nace2025".into(),
            format!("{i:05}"),
            "NL".into(),
            "x".into(),
        ]
    }

    #[test]
    fn a_chunk_holds_at_most_n_rows_and_each_starts_with_the_guard() {
        let dir = TempDir::new("chunk-rows");
        let mut chunks = Chunks::new(dir.path(), 3, 170);
        for i in 0..7 {
            chunks.insert(Table::Codes, &code(i), 170).unwrap();
        }
        let written = chunks.finish().unwrap();
        let names: Vec<_> = written
            .iter()
            .map(|w| w.path.file_name().unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["0001.sql", "0002.sql", "0003.sql"]);
        let files = read(&written);
        assert_eq!(files.iter().map(|f| f.0).collect::<Vec<_>>(), [3, 3, 1]);
        for (_, text) in &files {
            assert!(
                text.starts_with(&format!("{}\n", sql::guard(170))),
                "{text}"
            );
            assert_eq!(text.lines().count(), 2, "the guard and one insert: {text}");
        }
        assert!(files[2]
            .1
            .ends_with("VALUES ('Nace2025','00006','NL','x',170);\n"));
    }

    #[test]
    fn an_insert_holds_at_most_100_rows_and_a_delete_500_keys() {
        let dir = TempDir::new("statement-rows");
        let mut chunks = Chunks::new(dir.path(), 10_000, 171);
        let key = Table::Enterprises.delete_key().unwrap();
        for i in 0..1_200 {
            chunks
                .delete(Table::Enterprises, key, &format!("{i:010}"))
                .unwrap();
        }
        for i in 0..250 {
            chunks.insert(Table::Codes, &code(i), 171).unwrap();
        }
        let files = read(&chunks.finish().unwrap());
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, 1_450);
        let statements: Vec<usize> = files[0]
            .1
            .lines()
            .skip(1)
            .map(|l| match l.starts_with("DELETE") {
                true => l.matches('\'').count() / 2,
                false => l.matches(",171)").count(),
            })
            .collect();
        assert_eq!(statements, [500, 500, 200, 100, 100, 50]);
        assert!(files[0]
            .1
            .lines()
            .nth(3)
            .unwrap()
            .ends_with("'0000001199');"));
    }

    #[test]
    fn another_table_starts_another_statement_in_the_same_chunk() {
        let dir = TempDir::new("tables");
        let mut chunks = Chunks::new(dir.path(), 10, 170);
        chunks.insert(Table::Codes, &code(1), 170).unwrap();
        let activity = vec![
            "0403227515".into(),
            "001".into(),
            "2025".into(),
            "10710".into(),
        ];
        chunks.insert(Table::Activities, &activity, 170).unwrap();
        let files = read(&chunks.finish().unwrap());
        let lines: Vec<&str> = files[0].1.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("INSERT OR REPLACE INTO kbo_codes "));
        assert!(lines[2].starts_with("INSERT OR REPLACE INTO kbo_activities "));
    }

    #[test]
    fn a_statement_stays_below_the_d1_size_limit() {
        let dir = TempDir::new("bytes");
        let mut chunks = Chunks::new(dir.path(), 1_000, 170);
        let long = "x".repeat(20_000);
        for _ in 0..10 {
            let values = vec!["Nace2025".into(), "10710".into(), "NL".into(), long.clone()];
            chunks.insert(Table::Codes, &values, 170).unwrap();
        }
        let files = read(&chunks.finish().unwrap());
        let sizes: Vec<usize> = files[0].1.lines().skip(1).map(str::len).collect();
        assert_eq!(sizes.len(), 3, "4 + 4 + 2 rows");
        assert!(sizes.iter().all(|s| *s < 100_000), "{sizes:?}");
    }

    #[test]
    fn the_last_chunk_is_a_file_of_its_own() {
        let dir = TempDir::new("last");
        let mut chunks = Chunks::new(dir.path(), 10, 170);
        chunks.insert(Table::Codes, &code(1), 170).unwrap();
        chunks.last_chunk(&["SELECT 1;".into()]).unwrap();
        let files = read(&chunks.finish().unwrap());
        assert_eq!(files.len(), 2);
        assert_eq!(files[1], (0, format!("{}\nSELECT 1;\n", sql::guard(170))));
    }

    #[test]
    fn no_rows_no_data_chunk() {
        let dir = TempDir::new("empty");
        let mut chunks = Chunks::new(dir.path(), 10, 170);
        chunks.end_chunk().unwrap();
        assert!(chunks.finish().unwrap().is_empty());
    }
}
