//! Why an extract cannot be turned into SQL. Every message names the file, and for a row its
//! line and field, so that whoever runs the import can look at the very place in the extract.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The command line is not `kmo-kbo <extract-dir> <out-dir> [--chunk-rows N]`.
    Usage(String),
    /// Reading the extract or writing a chunk failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file the extract must have is not in its folder.
    MissingFile { dir: PathBuf, name: String },
    /// Two files whose names differ only in case: which one is meant cannot be told.
    AmbiguousFile { dir: PathBuf, name: String },
    /// The header line lacks a column the import reads.
    MissingColumn { file: String, column: String },
    /// The CSV parser refused a record (invalid UTF-8, a wrong number of fields, ...).
    Csv {
        file: String,
        line: u64,
        message: String,
    },
    /// A field holds a NUL character, which no SQL string literal may carry.
    Nul {
        file: String,
        line: u64,
        field: String,
    },
    /// An enterprise or establishment unit number not written `0403.227.515` / `2.123.456.789`.
    BadNumber {
        file: String,
        line: u64,
        field: String,
        value: String,
    },
    /// A date not written `dd-mm-yyyy`.
    BadDate {
        file: String,
        line: u64,
        field: String,
        value: String,
    },
    /// meta.csv lacks a variable the import needs.
    MissingMeta { variable: String },
    /// meta.csv has a value the import does not understand.
    BadMeta {
        line: u64,
        variable: String,
        value: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(problem) => write!(
                f,
                "{problem}\nusage: kmo-kbo <extract-dir> <out-dir> [--chunk-rows N]"
            ),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::MissingFile { dir, name } => {
                write!(f, "{}: the extract has no {name}", dir.display())
            }
            Error::AmbiguousFile { dir, name } => write!(
                f,
                "{}: more than one file is named {name} (ignoring case)",
                dir.display()
            ),
            Error::MissingColumn { file, column } => {
                write!(f, "{file}: the header has no column {column}")
            }
            Error::Csv {
                file,
                line,
                message,
            } => write!(f, "{file}, line {line}: {message}"),
            Error::Nul { file, line, field } => {
                write!(
                    f,
                    "{file}, line {line}, field {field}: contains a NUL character"
                )
            }
            Error::BadNumber {
                file,
                line,
                field,
                value,
            } => write!(
                f,
                "{file}, line {line}, field {field}: {value:?} is not a KBO number \
                 (0403.227.515 or 2.123.456.789)"
            ),
            Error::BadDate {
                file,
                line,
                field,
                value,
            } => write!(
                f,
                "{file}, line {line}, field {field}: {value:?} is not a date dd-mm-yyyy"
            ),
            Error::MissingMeta { variable } => write!(f, "meta.csv: no variable {variable}"),
            Error::BadMeta {
                line,
                variable,
                value,
            } => write!(
                f,
                "meta.csv, line {line}, field {variable}: {value:?} is not understood"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Attaches the path to an I/O error.
pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}
