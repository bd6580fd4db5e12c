//! `kmo-kbo <extract-dir> <out-dir> [--chunk-rows N]`: turns an unzipped KBO Open Data extract
//! (full or update) into files of SQL for D1, `<out-dir>/0001.sql`, `0002.sql`, ..., to be
//! applied in order. scripts/kbo-import.sh runs it and applies them; README.md, "KBO data
//! (registration)".

mod chunks;
mod error;
mod extract;
mod import;
mod sql;
mod tables;
#[cfg(test)]
mod testing;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use error::{io, Error};

/// Data rows per chunk: a few MB of SQL, which `wrangler d1 execute --file` applies in seconds.
const DEFAULT_CHUNK_ROWS: usize = 50_000;

fn main() -> ExitCode {
    match run(std::env::args_os().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kmo-kbo: {error}");
            match error {
                Error::Usage(_) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Args {
    extract: PathBuf,
    out: PathBuf,
    chunk_rows: usize,
}

fn parse_args(args: Vec<OsString>) -> Result<Args, Error> {
    let mut paths = Vec::new();
    let mut chunk_rows = DEFAULT_CHUNK_ROWS;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--chunk-rows" {
            let value = args.next().unwrap_or_default();
            chunk_rows = value
                .to_str()
                .and_then(|v| v.parse().ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| Error::Usage(format!("--chunk-rows {value:?}: not a number > 0")))?;
        } else if arg.to_string_lossy().starts_with("--") {
            return Err(Error::Usage(format!("unknown option {arg:?}")));
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    let [extract, out]: [PathBuf; 2] = paths
        .try_into()
        .map_err(|_| Error::Usage("an extract folder and an output folder are needed".into()))?;
    Ok(Args {
        extract,
        out,
        chunk_rows,
    })
}

fn run(args: Vec<OsString>) -> Result<(), Error> {
    let args = parse_args(args)?;
    std::fs::create_dir_all(&args.out).map_err(io(&args.out))?;
    remove_chunks(&args.out)?;
    let report = match import::convert(&args.extract, &args.out, args.chunk_rows) {
        Ok(report) => report,
        Err(error) => {
            // Some chunks of a broken extract must not be taken for all of it.
            if let Err(cleanup) = remove_chunks(&args.out) {
                eprintln!("kmo-kbo: {cleanup}");
            }
            return Err(error);
        }
    };
    for chunk in &report.chunks {
        println!("wrote {} ({} rows)", chunk.path.display(), chunk.rows);
    }
    for file in &report.files {
        println!(
            "{}: {} rows kept, {} skipped",
            file.file, file.kept, file.skipped
        );
    }
    // scripts/kbo-import.sh reads the extract's number from this line.
    println!(
        "KBO extract {} ({}, snapshot {}): {} SQL files",
        report.meta.number,
        report.meta.kind.as_str(),
        report.meta.snapshot_date.format("%Y-%m-%d"),
        report.chunks.len()
    );
    Ok(())
}

/// Removes the `*.sql` files of `dir`: those of an earlier run would be applied with this one's.
fn remove_chunks(dir: &Path) -> Result<(), Error> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.extension().is_some_and(|e| e == "sql") && path.is_file() {
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use testing::TempDir;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn sql_files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_command_line() {
        assert_eq!(
            parse_args(args(&["in", "out"])).unwrap(),
            Args {
                extract: "in".into(),
                out: "out".into(),
                chunk_rows: 50_000
            }
        );
        assert_eq!(
            parse_args(args(&["in", "--chunk-rows", "7", "out"]))
                .unwrap()
                .chunk_rows,
            7
        );
        for bad in [
            &["in"][..],
            &["in", "out", "more"],
            &["in", "out", "--chunk-rows", "0"],
            &["in", "out", "--chunk-rows"],
            &["in", "out", "--rows", "5"],
        ] {
            assert!(
                matches!(parse_args(args(bad)), Err(Error::Usage(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn stale_chunks_are_removed_and_a_broken_extract_leaves_none() {
        let extract = TempDir::new("broken");
        let out = TempDir::new("broken-out");
        let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("../db/kbo/full");
        for entry in std::fs::read_dir(&full).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, extract.path().join(path.file_name().unwrap())).unwrap();
        }
        std::fs::write(out.path().join("0099.sql"), "stale").unwrap();
        std::fs::write(out.path().join("notes.txt"), "kept").unwrap();
        let run_on = |rows: &str| {
            let dirs = [
                extract.path().to_str().unwrap(),
                out.path().to_str().unwrap(),
            ];
            run(args(&[dirs[0], dirs[1], "--chunk-rows", rows]))
        };
        run_on("10").unwrap();
        let written = sql_files(out.path());
        let numbered: Vec<String> = (1..=written.len()).map(|i| format!("{i:04}.sql")).collect();
        assert_eq!(written, numbered, "0099.sql is gone");
        assert!(written.len() > 10, "{written:?}");
        let last = std::fs::read_to_string(out.path().join(written.last().unwrap())).unwrap();
        assert!(last.contains("INSERT OR REPLACE INTO kbo_extracts "));

        // File names in another case are found; a date broken in the second file, after the
        // first chunk was written: that chunk is removed again.
        let address = std::fs::read_to_string(full.join("address.csv")).unwrap();
        std::fs::write(extract.path().join("Address.CSV"), &address).unwrap();
        std::fs::remove_file(extract.path().join("address.csv")).unwrap();
        let establishment = std::fs::read_to_string(full.join("establishment.csv")).unwrap();
        std::fs::write(
            extract.path().join("establishment.csv"),
            establishment.replace(
                "\"2.000.100.007\",11-11-2011",
                "\"2.000.100.007\",11/11/2011",
            ),
        )
        .unwrap();
        let err = run_on("10").unwrap_err();
        assert_eq!(
            err.to_string(),
            "establishment.csv, line 8, field StartDate: \"11/11/2011\" is not a date dd-mm-yyyy"
        );
        assert!(sql_files(out.path()).is_empty());
        assert!(out.path().join("notes.txt").exists());
    }
}
