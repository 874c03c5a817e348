//! `plenary init`: create the record and load the bundled public record into it.
//!
//! The first `init` (or the first verb that opens the record) loads the bundle with a
//! progress bar; later starts find the bundle's version in the database and do nothing.

use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use plenary_record::{Store, StoreError};

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// Print the import reports as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Loads the bundle unless this database already has its current version.
pub async fn ensure_bundle(store: &Store, verbose: bool) -> Result<Vec<plenary_record::ImportReport>, StoreError> {
    if store.bundle_loaded().await? {
        if verbose {
            eprintln!("the bundled record is already loaded in {}", store.url());
        }
        return Ok(Vec::new());
    }
    eprintln!("loading the bundled record into {} (once)...", store.url());
    let bar = ProgressBar::new(plenary_record::bundle::PARTS.len() as u64);
    bar.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()));
    let registry = plenary_rules::states::Registry::bundled();
    let reports = store
        .load_bundle(registry, &mut |done, _total, label| {
            bar.set_position(done as u64);
            bar.set_message(label.to_string());
        })
        .await;
    bar.finish_and_clear();
    reports
}

pub fn run(args: Args) -> ExitCode {
    db::runtime().block_on(async move {
        let store = match Store::open(&args.db.url()).await {
            Ok(s) => s,
            Err(e) => return db::fail("init", &e),
        };
        let reports = match ensure_bundle(&store, true).await {
            Ok(r) => r,
            Err(e) => return db::fail("init", &e),
        };
        store.close().await;
        if args.json {
            println!("{}", serde_json::to_string_pretty(&reports).unwrap_or_default());
        } else {
            for r in &reports {
                println!(
                    "{:<11} {} new decisions, {} merged, {} votes, {} findings{}",
                    r.source,
                    r.decisions_new,
                    r.decisions_merged,
                    r.votes,
                    r.findings,
                    if r.unchanged { " (already loaded)" } else { "" }
                );
            }
        }
        ExitCode::SUCCESS
    })
}
