//! `plenary export --format csv|ndjson|parquet [--from] [--to] [--body] OUT`: for pandas, R,
//! polars and DuckDB. CSV and Parquet: one row per state per decision. NDJSON: Plenary's own
//! lossless format (`plenary import --format plenary` reads it back). `OUT` may be `-` for
//! standard output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use plenary_record::StoreError;
use plenary_record::query::Filter;
use plenary_rules::Date;

use super::db::{self, DbArgs};

/// The long help: what each format holds and how to read it.
const AFTER_HELP: &str = "\
Formats:
  csv      one row per state per decision (the decision's first source's rows), columns
           decision_id, body, date, session, symbol, kind, important, rcid, title, state,
           vote (Y yes, N no, A abstain, X present and not voting, - absent), source,
           source_line.  pandas: pd.read_csv(OUT)
  parquet  the same rows and columns, typed: date DATE, decision_id/rcid/source_line INT64,
           important BOOLEAN, the rest UTF8 strings; snappy, row groups of 100,000 rows.
           pandas: pd.read_parquet(OUT); DuckDB: SELECT * FROM 'OUT'
  ndjson   Plenary's own format, lossless: `plenary import --format plenary OUT` into an
           empty database gives the same record back. One JSON object per line; `record`
           says what it is: header (first line), meta (a setting such as the bundle's
           version, unfiltered exports only), import (a source file version: source, file,
           sha256), alias (a source's spelling of a state), document (symbol, title,
           sponsors), decision (symbol, body, date, session, kind, title, amends, outcome,
           issues, and `sources`: each source's key, file, line, version, published totals
           and label, with its own state rows nested as votes [{state, vote, line}]),
           finding (kind, message, evidence, file, line, version).
           pandas: df = pd.read_json(OUT, lines=True); d = df[df.record == 'decision']
           votes: v = d.explode('sources'); pd.json_normalize(v.sources.tolist(), 'votes',
           ['source', 'source_key'])
With --from/--to/--body the ndjson export holds the matching decisions, their findings and
the imports they come from.";

#[derive(clap::Args, Debug)]
#[command(after_long_help = AFTER_HELP)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// csv, parquet (one row per state per decision) or ndjson (lossless; see --help).
    #[arg(long, short, value_parser = ["csv", "ndjson", "parquet"])]
    pub format: String,
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = super::agree::parse_from)]
    pub from: Option<Date>,
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = super::agree::parse_to)]
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
        let filter = Filter { body: args.body.clone(), from: args.from, to: args.to, ..Default::default() };
        if args.format == "parquet" {
            // The Parquet writer needs a `Send` sink; it buffers a row group itself.
            let sink: Box<dyn Write + Send> = if path == "-" {
                Box::new(std::io::stdout())
            } else {
                match std::fs::File::create(&args.out) {
                    Ok(f) => Box::new(std::io::BufWriter::with_capacity(1 << 20, f)),
                    Err(e) => return db::fail("export", &io_err(&path, e)),
                }
            };
            let mut w = match plenary_record::formats::ParquetExport::new(sink) {
                Ok(w) => w,
                Err(e) => return db::fail("export", &e),
            };
            let n = match store.export_each(&filter, |r| w.push(&r)).await.and_then(|_| w.finish()) {
                Ok(n) => n,
                Err(e) => return db::fail("export", &e),
            };
            if path != "-" {
                eprintln!("{n} rows written to {path}");
            }
            return ExitCode::SUCCESS;
        }
        let sink: Box<dyn Write> = if path == "-" {
            Box::new(std::io::stdout().lock())
        } else {
            match std::fs::File::create(&args.out) {
                Ok(f) => Box::new(f),
                Err(e) => return db::fail("export", &io_err(&path, e)),
            }
        };
        let mut out = std::io::BufWriter::with_capacity(1 << 20, sink);
        let result = if args.format == "csv" {
            let mut w = csv::Writer::from_writer(&mut out);
            // The header comes from ExportRow's field names (csv's serde support).
            let r = store.export_each(&filter, |r| w.serialize(&r).map_err(|e| StoreError::Invalid(format!("{path}: {e}")))).await;
            let _ = w.flush();
            r
        } else {
            store
                .export_plenary(&filter, |line| {
                    serde_json::to_writer(&mut out, line).map_err(|e| StoreError::Invalid(format!("{path}: {e}")))?;
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
            eprintln!("{n} {} written to {path}", if args.format == "csv" { "rows" } else { "lines" });
        }
        ExitCode::SUCCESS
    })
}
