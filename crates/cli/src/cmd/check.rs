//! `plenary check [--json]`: the findings, where the sources disagree with their own rows,
//! with the rules, or with each other.

use std::process::ExitCode;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// Print every finding as JSON.
    #[arg(long)]
    pub json: bool,
    /// List every finding, not only the summary.
    #[arg(long)]
    pub all: bool,
    /// Only findings of this kind (e.g. tally-mismatch).
    #[arg(long)]
    pub kind: Option<String>,
}

/// What each kind of finding means, for the summary.
fn explain(kind: &str) -> &'static str {
    match kind {
        "tally-mismatch" => "the published totals differ from the totals of the state rows",
        "vote-by-non-member" => "a state is recorded as voting on a date when, by the membership data, it was not a member",
        "duplicate-row" => "the same state appears twice with the same vote (kept once)",
        "conflicting-duplicate-rows" => "the same state appears twice with different votes (the first row is kept)",
        "overlap-disagreement" => "two sources give the same resolution with different votes",
        "label-contradicts-votes" => "the source's outcome label contradicts its own votes and the Charter's majorities",
        "outcome-mismatch" => "the outcome re-derived by the rules engine differs from the source's label",
        "unreadable-field" => "a field of the source cannot be read (broken quoting); the rest of the row is kept",
        "adoption-type-missing" => "the source does not say whether the resolution was adopted by a vote or without one",
        "duplicate-rows" => "the source lists a state twice in one decision",
        "record-repeated" => "the source repeats a record (the repetition is not imported twice)",
        "recorded-vote-without-lists" => "the source says \"recorded vote\" but gives no lists of states",
        "sponsor-not-a-state" => "a sponsor entry is not a state (a group or a typo); it is not stored as a sponsor",
        "partial-vote-list" => "the source lists only some states' votes (the totals are complete)",
        "merged-from-files" => "one decision assembled from several fixture files (provenance note)",
        "permanent-member-flag-wrong" => "the source's permanent-member flag contradicts the Charter (Art. 23)",
        "without-vote-recorded-as-yes" => "an adoption without a vote is recorded as every member voting yes",
        _ => "see `plenary check --kind KIND`",
    }
}

pub fn run(args: Args) -> ExitCode {
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("check", &e),
        };
        if args.json || args.all || args.kind.is_some() {
            let mut all = match store.findings().await {
                Ok(f) => f,
                Err(e) => return db::fail("check", &e),
            };
            if let Some(k) = &args.kind {
                all.retain(|f| &f.kind == k);
            }
            if args.json {
                println!("{}", serde_json::to_string_pretty(&all).unwrap_or_default());
            } else {
                for f in &all {
                    println!("{} [{}] {}: {} ({}:{})", f.source, f.kind, f.symbol.as_deref().unwrap_or("-"), f.message, f.file, f.line);
                }
            }
            return ExitCode::SUCCESS;
        }
        let counts = match store.finding_counts().await {
            Ok(c) => c,
            Err(e) => return db::fail("check", &e),
        };
        let total: i64 = counts.iter().map(|c| c.2).sum();
        println!("{total} findings: where a source disagrees with its own rows, with the Charter's rules or with another source.");
        println!("Source values are kept as published; `plenary check --all` lists each, `plenary show SYMBOL` shows them with the decision.\n");
        for (source, kind, n) in &counts {
            println!("{source:<11} {kind:<28} {n:>6}  {}", explain(kind));
        }
        ExitCode::SUCCESS
    })
}
