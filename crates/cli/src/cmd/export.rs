//! `plenary export --format csv|ndjson [--from] [--to] [--body] OUT`: one row per state per
//! decision, for pandas, R, polars and DuckDB. `OUT` may be `-` for standard output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use plenary_record::StoreError;
use plenary_record::query::Filter;
use plenary_rules::Date;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// csv or ndjson (one JSON object per line).
    #[arg(long, short, value_parser = ["csv", "ndjson"])]
    pub format: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<Date>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<Date>,
    /// GA or SC.
    #[arg(long)]
    pub body: Option<String>,
    /// The output file, or `-` for standard output.
    pub out: PathBuf,
}

fn io_err(path: &str, e: std::io::Error) -> StoreError {
    StoreError::Io { path: path.to_string(), source: e }
}

pub fn run(args: Args) -> ExitCode {
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("export", &e),
        };
        let path = args.out.display().to_string();
        let sink: Box<dyn Write> = if path == "-" {
            Box::new(std::io::stdout().lock())
        } else {
            match std::fs::File::create(&args.out) {
                Ok(f) => Box::new(f),
                Err(e) => return db::fail("export", &io_err(&path, e)),
            }
        };
        let mut out = std::io::BufWriter::with_capacity(1 << 20, sink);
        let filter = Filter { body: args.body.clone(), from: args.from, to: args.to, ..Default::default() };
        let result = if args.format == "csv" {
            let mut w = csv::Writer::from_writer(&mut out);
            // The header comes from ExportRow's field names (csv's serde support).
            let r = store.export_each(&filter, |r| w.serialize(&r).map_err(|e| StoreError::Invalid(format!("{path}: {e}")))).await;
            let _ = w.flush();
            r
        } else {
            store
                .export_each(&filter, |r| {
                    serde_json::to_writer(&mut out, &r).map_err(|e| StoreError::Invalid(format!("{path}: {e}")))?;
                    out.write_all(b"\n").map_err(|e| io_err(&path, e))
                })
                .await
        };
        let n = match result {
            Ok(n) => n,
            Err(e) => return db::fail("export", &e),
        };
        if let Err(e) = out.flush() {
            return db::fail("export", &io_err(&path, e));
        }
        if path != "-" {
            eprintln!("{n} rows written to {path}");
        }
        ExitCode::SUCCESS
    })
}
