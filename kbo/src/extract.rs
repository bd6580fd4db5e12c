//! Reading an unzipped KBO Open Data extract ("Cookbook KBO Open data", 1.5): its files found
//! by name whatever their case, meta.csv, and the rows of each CSV file with the columns asked
//! for, found by header name.
//!
//! The files are RFC 4180 CSV: comma-separated, text between double quotes with a quote inside
//! doubled, dates unquoted, an empty value either unquoted (`,,`) or quoted (`""`). A quoted
//! street name may hold a line break, so the files are parsed, never split on lines. Some KBO
//! files are said to start with a UTF-8 byte order mark (the parser skips it), and the line
//! ends may be CRLF (see [`CsvFile::new`]).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use csv::{ErrorKind, ReaderBuilder, StringRecord, Terminator};

use crate::error::{io, Error};

/// meta.csv `ExtractType`: the whole data set, or the changes since the previous extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractType {
    Full,
    Update,
}

impl ExtractType {
    /// As kbo_extracts.type stores it.
    pub fn as_str(self) -> &'static str {
        match self {
            ExtractType::Full => "full",
            ExtractType::Update => "update",
        }
    }
}

/// What meta.csv says about the extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub kind: ExtractType,
    /// `ExtractNumber`: extracts are numbered in the order they are published, full and update
    /// alike, so it orders them.
    pub number: u32,
    pub snapshot_date: NaiveDate,
}

/// An extract: its folder and what its meta.csv says.
#[derive(Debug)]
pub struct Extract {
    folder: Folder,
    pub meta: Meta,
}

impl Extract {
    pub fn open(dir: &Path) -> Result<Extract, Error> {
        let folder = Folder::list(dir)?;
        let meta = Meta::read(folder.csv("meta.csv", META_COLUMNS)?)?;
        Ok(Extract { folder, meta })
    }

    /// The file `name` (lower case), read for the given columns.
    pub fn csv(
        &self,
        name: &str,
        columns: &'static [&'static str],
    ) -> Result<CsvFile<File>, Error> {
        self.folder.csv(name, columns)
    }
}

/// The files of the extract's folder by lower-case name: the zip has `branch.csv`, but the
/// cookbook writes "Branch.CSV" and others "contact_insert.Csv".
#[derive(Debug)]
struct Folder {
    dir: PathBuf,
    files: BTreeMap<String, PathBuf>,
}

impl Folder {
    fn list(dir: &Path) -> Result<Folder, Error> {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let path = entry.map_err(io(dir))?.path();
            // A name that is not UTF-8 is no KBO file.
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let name = name.to_lowercase();
            if path.is_file() && files.insert(name.clone(), path).is_some() {
                return Err(Error::AmbiguousFile {
                    dir: dir.to_path_buf(),
                    name,
                });
            }
        }
        Ok(Folder {
            dir: dir.to_path_buf(),
            files,
        })
    }

    fn csv(&self, name: &str, columns: &'static [&'static str]) -> Result<CsvFile<File>, Error> {
        let path = self.files.get(name).ok_or_else(|| Error::MissingFile {
            dir: self.dir.clone(),
            name: name.to_string(),
        })?;
        let file = File::open(path).map_err(io(path))?;
        let shown = path
            .file_name()
            .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned());
        CsvFile::new(&shown, file, columns)
    }
}

const META_COLUMNS: &[&str] = &["Variable", "Value"];

impl Meta {
    fn read<R: Read>(mut file: CsvFile<R>) -> Result<Meta, Error> {
        let (mut kind, mut number, mut snapshot_date) = (None, None, None);
        while let Some(row) = file.next_row()? {
            let variable = row.get("Variable").trim();
            let value = row.get("Value").trim();
            let bad = || Error::BadMeta {
                line: row.line(),
                variable: variable.to_string(),
                value: value.to_string(),
            };
            match variable {
                "ExtractType" => {
                    kind = Some(match value.to_ascii_lowercase().as_str() {
                        "full" => ExtractType::Full,
                        "update" => ExtractType::Update,
                        _ => return Err(bad()),
                    })
                }
                "ExtractNumber" => number = Some(value.parse::<u32>().map_err(|_| bad())?),
                "SnapshotDate" => {
                    snapshot_date =
                        Some(
                            shared::kbo::parse_date(value).ok_or_else(|| Error::BadDate {
                                file: row.file.to_string(),
                                line: row.line(),
                                field: variable.to_string(),
                                value: value.to_string(),
                            })?,
                        )
                }
                _ => {}
            }
        }
        let missing = |variable: &str| Error::MissingMeta {
            variable: variable.to_string(),
        };
        Ok(Meta {
            kind: kind.ok_or_else(|| missing("ExtractType"))?,
            number: number.ok_or_else(|| missing("ExtractNumber"))?,
            snapshot_date: snapshot_date.ok_or_else(|| missing("SnapshotDate"))?,
        })
    }
}

/// One CSV file of the extract, read row by row (the activity file of a full extract holds
/// some 36 million rows: nothing is kept in memory).
pub struct CsvFile<R> {
    name: String,
    reader: csv::Reader<R>,
    columns: &'static [&'static str],
    /// Where each of `columns` is in a record.
    index: Vec<usize>,
    headers: Vec<String>,
    record: StringRecord,
}

impl<R: Read> CsvFile<R> {
    /// Reads the header line of `input` and finds `columns` in it (ignoring case). Other
    /// columns may come and go between versions of the format (enterprise.csv gained
    /// JuridicalFormCAC): only the ones read must be there.
    pub fn new(name: &str, input: R, columns: &'static [&'static str]) -> Result<Self, Error> {
        // RFC 4180: comma, double quote, a doubled quote inside a quoted field, the first
        // record a header, every record as long as the header. Records end at \n only: with
        // \r\n as a line end the parser counts lines one short (rust-csv issue #395), and the
        // errors must name the right line. The \r it leaves at the end of a record's last
        // field is taken off in `Row::get`.
        let mut reader = ReaderBuilder::new()
            .terminator(Terminator::Any(b'\n'))
            .from_reader(input);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(name, e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let index = columns
            .iter()
            .map(|column| {
                headers
                    .iter()
                    .position(|h| h.eq_ignore_ascii_case(column))
                    .ok_or_else(|| Error::MissingColumn {
                        file: name.to_string(),
                        column: column.to_string(),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(CsvFile {
            name: name.to_string(),
            reader,
            columns,
            index,
            headers,
            record: StringRecord::new(),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The next record, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<Row<'_>>, Error> {
        let more = self
            .reader
            .read_record(&mut self.record)
            .map_err(|e| csv_error(&self.name, e))?;
        if !more {
            return Ok(None);
        }
        let line = self.record.position().map_or(0, |p| p.line());
        // SQL text cannot carry a NUL, and no KBO value has one: the file is damaged.
        if let Some(i) = self.record.iter().position(|f| f.contains('\0')) {
            return Err(Error::Nul {
                file: self.name.clone(),
                line,
                field: self.headers.get(i).cloned().unwrap_or_default(),
            });
        }
        Ok(Some(Row {
            file: &self.name,
            line,
            record: &self.record,
            columns: self.columns,
            index: &self.index,
        }))
    }
}

fn csv_error(file: &str, error: csv::Error) -> Error {
    let line = error.position().map_or(0, |p| p.line());
    let message = match error.kind() {
        ErrorKind::Utf8 { err, .. } => format!("field {} is not UTF-8", err.field() + 1),
        ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => error.to_string(),
    };
    Error::Csv {
        file: file.to_string(),
        line,
        message,
    }
}

/// One record, its fields found by column name.
pub struct Row<'a> {
    file: &'a str,
    line: u64,
    record: &'a StringRecord,
    columns: &'static [&'static str],
    index: &'a [usize],
}

impl Row<'_> {
    /// The line the record starts on (the header is line 1).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The field of `column`, as written.
    ///
    /// # Panics
    /// When `column` is not one the file was opened for: a mistake in this program.
    pub fn get(&self, column: &str) -> &str {
        let i = self
            .columns
            .iter()
            .position(|c| *c == column)
            .unwrap_or_else(|| panic!("{column} is not among the columns read"));
        let at = self.index[i];
        // The parser makes every record as long as the header.
        let field = self.record.get(at).unwrap_or_default();
        if at + 1 == self.record.len() {
            field.strip_suffix('\r').unwrap_or(field)
        } else {
            field
        }
    }

    /// An enterprise or establishment unit number as its ten digits.
    pub fn number(&self, column: &str) -> Result<String, Error> {
        let value = self.get(column);
        shared::kbo::entity_digits(value).ok_or_else(|| Error::BadNumber {
            file: self.file.to_string(),
            line: self.line,
            field: column.to_string(),
            value: value.to_string(),
        })
    }

    /// A date `dd-mm-yyyy`, written ISO (`yyyy-mm-dd`) as D1 stores it.
    pub fn date(&self, column: &str) -> Result<String, Error> {
        let value = self.get(column);
        shared::kbo::parse_date(value)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .ok_or_else(|| Error::BadDate {
                file: self.file.to_string(),
                line: self.line,
                field: column.to_string(),
                value: value.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[&str] = &["EntityNumber", "StreetNL", "Box"];

    /// Every record of `text`, as the three columns above, with its line.
    fn rows(text: &[u8]) -> Result<Vec<(u64, [String; 3])>, Error> {
        let mut file = CsvFile::new("address.csv", text, COLUMNS)?;
        let mut out = Vec::new();
        while let Some(row) = file.next_row()? {
            let field = |c| row.get(c).to_string();
            out.push((
                row.line(),
                [field("EntityNumber"), field("StreetNL"), field("Box")],
            ));
        }
        Ok(out)
    }

    fn strings(values: [&str; 3]) -> [String; 3] {
        values.map(String::from)
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_ends_are_taken_in_stride() {
        let text = b"\xef\xbb\xbf\"EntityNumber\",\"StreetNL\",\"Box\"\r\n\
                     \"0403.227.515\",\"Meir\",\"\"\r\n\
                     \"2.000.100.001\",\"Lange\r\nstraat\",\"b\"\r\n\
                     \"2.000.100.002\",Meir,\r\n";
        assert_eq!(
            rows(text).unwrap(),
            vec![
                (2, strings(["0403.227.515", "Meir", ""])),
                (3, strings(["2.000.100.001", "Lange\r\nstraat", "b"])),
                (5, strings(["2.000.100.002", "Meir", ""])),
            ]
        );
        let err = rows(b"EntityNumber,StreetNL,Box\r\n1,2,3\r\n1,2\r\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "address.csv, line 3: 2 fields where the header has 3"
        );
    }

    #[test]
    fn quoted_fields_keep_commas_doubled_quotes_and_line_breaks() {
        let text = "\"EntityNumber\",\"StreetNL\",\"Box\"\n\
                    \"1\",\"Rue, de la Paix\",\"2\"\n\
                    \"2\",\"Het \"\"Hof\"\"\",\"\"\n\
                    \"3\",\"Lange\nstraat\",\"a\"\n\
                    \"4\",Meir,\n";
        assert_eq!(
            rows(text.as_bytes()).unwrap(),
            vec![
                (2, strings(["1", "Rue, de la Paix", "2"])),
                (3, strings(["2", "Het \"Hof\"", ""])),
                (4, strings(["3", "Lange\nstraat", "a"])),
                // The record after the line break starts one line further.
                (6, strings(["4", "Meir", ""])),
            ]
        );
    }

    #[test]
    fn an_unquoted_empty_field_and_a_quoted_empty_string_are_both_empty() {
        let text = b"EntityNumber,StreetNL,Box\n1,,\"\"\n";
        assert_eq!(rows(text).unwrap(), vec![(2, strings(["1", "", ""]))]);
    }

    #[test]
    fn columns_are_found_by_header_name_in_any_order_and_case() {
        let text = b"\"box\",\"Extra\",\"StreetNL\",\"ENTITYNUMBER\"\n\"b\",\"x\",\"s\",\"e\"\n";
        assert_eq!(rows(text).unwrap(), vec![(2, strings(["e", "s", "b"]))]);
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = rows(b"\"EntityNumber\",\"Box\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "address.csv: the header has no column StreetNL"
        );
    }

    #[test]
    fn a_record_of_the_wrong_length_is_refused_with_its_line() {
        let err = rows(b"EntityNumber,StreetNL,Box\n1,2,3\n1,2\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "address.csv, line 3: 2 fields where the header has 3"
        );
    }

    #[test]
    fn a_nul_character_is_refused_with_file_line_and_field() {
        let err = rows(b"EntityNumber,StreetNL,Box\n1,Me\0ir,\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "address.csv, line 2, field StreetNL: contains a NUL character"
        );
    }

    #[test]
    fn numbers_and_dates_are_checked_and_named_when_malformed() {
        let text = b"\"EntityNumber\",\"StreetNL\",\"Box\"\n\"0403.227.515\",\"x\",\"\"\n\"403227515\",\"31-02-2020\",\"\"\n";
        let mut file = CsvFile::new("address.csv", &text[..], COLUMNS).unwrap();
        let row = file.next_row().unwrap().unwrap();
        assert_eq!(row.number("EntityNumber").unwrap(), "0403227515");
        let row = file.next_row().unwrap().unwrap();
        assert_eq!(
            row.number("EntityNumber").unwrap_err().to_string(),
            "address.csv, line 3, field EntityNumber: \"403227515\" is not a KBO number \
             (0403.227.515 or 2.123.456.789)"
        );
        assert_eq!(
            row.date("StreetNL").unwrap_err().to_string(),
            "address.csv, line 3, field StreetNL: \"31-02-2020\" is not a date dd-mm-yyyy"
        );
    }

    #[test]
    fn dates_are_written_iso() {
        let text = b"EntityNumber,StreetNL,Box\n1,01-07-1985,\n";
        let mut file = CsvFile::new("x.csv", &text[..], COLUMNS).unwrap();
        assert_eq!(
            file.next_row().unwrap().unwrap().date("StreetNL").unwrap(),
            "1985-07-01"
        );
    }

    #[test]
    fn meta_csv_says_which_extract_it_is() {
        let text = b"\"Variable\",\"Value\"\r\n\"SnapshotDate\",\"28-11-2026\"\r\n\
                     \"ExtractType\",\"update\"\r\n\"ExtractNumber\",\"171\"\r\n";
        let meta = Meta::read(CsvFile::new("meta.csv", &text[..], META_COLUMNS).unwrap()).unwrap();
        assert_eq!(
            meta,
            Meta {
                kind: ExtractType::Update,
                number: 171,
                snapshot_date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            }
        );
        let text = b"Variable,Value\nExtractType,full\nExtractNumber,17a\n";
        let err = Meta::read(CsvFile::new("meta.csv", &text[..], META_COLUMNS).unwrap());
        assert_eq!(
            err.unwrap_err().to_string(),
            "meta.csv, line 3, field ExtractNumber: \"17a\" is not understood"
        );
        let text = b"Variable,Value\nExtractType,full\nExtractNumber,170\n";
        let err = Meta::read(CsvFile::new("meta.csv", &text[..], META_COLUMNS).unwrap());
        assert_eq!(
            err.unwrap_err().to_string(),
            "meta.csv: no variable SnapshotDate"
        );
    }
}
