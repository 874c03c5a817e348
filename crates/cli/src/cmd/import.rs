//! `plenary import --format F PATH...`: import public voting data into the record.
//!
//! One import is one transaction: on any error the record is unchanged. Importing a file
//! version again changes nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use plenary_record::formats::FORMATS;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// The source format: unvotes, voeten, dgacm, undl-ga, undl-sc, sc-archive, fixtures, or
    /// plenary (Plenary's own `export --format ndjson`, restored as exported: ids, provenance,
    /// outcomes and findings kept; use --no-bundle and a new --database for an exact copy).
    #[arg(long, short, value_parser = clap::builder::PossibleValuesParser::new(FORMATS))]
    pub format: String,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Do not load the bundled record first (import into an empty record); later verbs on this
    /// record will not load it either (`plenary init` does, when asked).
    #[arg(long)]
    pub no_bundle: bool,
    /// The files (all files of one source that belong together, e.g. the three unvotes files).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let t0 = std::time::Instant::now();
    let timing = std::env::var_os("PLENARY_TIMING").is_some();
    let lap = |what: &str| {
        if timing {
            eprintln!("import: {what} at {:.3} s", t0.elapsed().as_secs_f64());
        }
    };
    db::runtime().block_on(async move {
        lap("runtime started");
        let store = if args.no_bundle { plenary_record::Store::open(&args.db.url()).await } else { db::open(&args.db).await };
        let store = match store {
            Ok(s) => s,
            Err(e) => return db::fail("import", &e),
        };
        lap("store opened");
        let registry = plenary_rules::states::Registry::bundled();
        lap("registry loaded");
        // `--no-bundle`: remember the choice, so that `show`, `check`... on this record do not
        // load the bundle into it later. The mark goes in with the import, in its transaction
        // (a commit of its own cost a WAL sync); a restored full export carries the bundle's
        // stamp instead, so it is marked after, if it did not.
        let restore = args.format == "plenary";
        let mark = if args.no_bundle && !restore {
            match store.bundle_loaded().await {
                Ok(loaded) => !loaded,
                Err(e) => return db::fail("import", &e),
            }
        } else {
            false
        };
        let meta: &[(&str, &str)] = if mark { &[(db::BUNDLE_DECLINED, "1")] } else { &[] };
        let report = match store.import_paths(&args.format, &args.paths, registry, meta).await {
            Ok(r) => r,
            Err(e) => return db::fail("import", &e),
        };
        if args.no_bundle && restore {
            let marked = match store.bundle_loaded().await {
                Ok(true) => Ok(()),
                Ok(false) => store.set_meta(db::BUNDLE_DECLINED, "1").await,
                Err(e) => Err(e),
            };
            if let Err(e) = marked {
                return db::fail("import", &e);
            }
        }
        store.close().await;
        lap("store closed");
        if args.json {
            println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        } else if report.unchanged {
            println!("{}: this version is already in the record; nothing changed", report.files.join(", "));
        } else {
            println!(
                "{}: {} new decisions, {} merged with another source's, {} already present; {} votes; {} findings",
                report.files.join(", "),
                report.decisions_new,
                report.decisions_merged,
                report.decisions_already_present,
                report.votes,
                report.findings
            );
        }
        ExitCode::SUCCESS
    })
}
