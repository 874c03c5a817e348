//! `plenary search WORDS [--from] [--to] [--issue CODE] [--json]`: decisions by title or
//! description (every word must occur, case-insensitive).

use std::process::ExitCode;

use plenary_record::query::Filter;
use plenary_rules::Date;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    #[arg(required = true, num_args = 1..)]
    pub words: Vec<String>,
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = super::agree::parse_from)]
    pub from: Option<Date>,
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = super::agree::parse_to)]
    pub to: Option<Date>,
    /// Issue code: me (Middle East), nu (nuclear), di (disarmament), hr (human rights),
    /// co (colonialism), ec (economic development).
    #[arg(long)]
    pub issue: Option<String>,
    /// GA or SC.
    #[arg(long)]
    pub body: Option<String>,
    #[arg(long, default_value_t = 200)]
    pub limit: i64,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("search", &e),
        };
        let filter = Filter { body: args.body.clone(), from: args.from, to: args.to, issue: args.issue.clone(), ..Default::default() };
        let hits = match store.search(&args.words, &filter, args.limit.max(1)).await {
            Ok(h) => h,
            Err(e) => return db::fail("search", &e),
        };
        if args.json {
            println!("{}", serde_json::to_string_pretty(&hits).unwrap_or_default());
        } else {
            for h in &hits {
                println!("{}  {}  {:<26} {:<10} {}", h.date, h.body, h.symbol.as_deref().unwrap_or("-"), h.kind, h.title.as_deref().unwrap_or(""));
            }
            println!("\n{} decisions{}", hits.len(), if hits.len() as i64 == args.limit { " (limit reached; --limit N for more)" } else { "" });
        }
        ExitCode::SUCCESS
    })
}
