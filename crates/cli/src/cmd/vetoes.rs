//! `plenary vetoes [STATE] [--from] [--to] [--json]`: the Security Council's vetoed drafts and
//! amendments in the record, with who vetoed each (Charter Art. 27(3)); "Which vetoes has Russia
//! cast since 2022?" is `plenary vetoes RUS --from 2022`.

use std::process::ExitCode;

use plenary_record::query::Filter;
use plenary_rules::Date;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// Only the vetoes of this permanent member (ISO3 or name; RUS includes the USSR's).
    pub state: Option<String>,
    /// First day: YYYY (1 January) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = super::agree::parse_from)]
    pub from: Option<Date>,
    /// Last day: YYYY (31 December) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = super::agree::parse_to)]
    pub to: Option<Date>,
    /// Print JSON: one object per veto (decision_id, date, symbol, meeting, kind, title,
    /// vetoed_by, yes, no, abstain; no and abstain null where the record lacks them).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let by = match args.state.as_deref().map(|s| super::agree::state_arg("vetoes", s)).transpose() {
        Ok(b) => b,
        Err(code) => return code,
    };
    let registry = plenary_rules::states::Registry::bundled();
    if let Some(code) = by
        && !registry.is_sc_permanent(code, chrono::Utc::now().date_naive())
    {
        eprintln!("plenary vetoes: {} is not a permanent member of the Security Council; only CHN, FRA, GBR, RUS and USA can veto (Charter Art. 23(1), 27(3))", registry.name(code));
        return ExitCode::from(2);
    }
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("vetoes", &e),
        };
        let filter = Filter { from: args.from, to: args.to, ..Default::default() };
        let vetoes = match store.vetoes(&filter, by, registry).await {
            Ok(v) => v,
            Err(e) => return db::fail("vetoes", &e),
        };
        if args.json {
            println!("{}", serde_json::to_string_pretty(&vetoes).unwrap_or_default());
            return ExitCode::SUCCESS;
        }
        for v in &vetoes {
            println!(
                "{}  {:<14} {:<9} {:>2}-{}-{}  {}  {}",
                v.date,
                v.symbol.as_deref().unwrap_or("-"),
                v.vetoed_by.join(","),
                v.yes,
                // A count the record does not have is shown as "?", not as 0.
                v.no.map_or("?".to_string(), |n| n.to_string()),
                v.abstain.map_or("?".to_string(), |n| n.to_string()),
                v.kind,
                v.title.as_deref().unwrap_or("")
            );
        }
        println!("\n{} vetoed {}", vetoes.len(), if vetoes.len() == 1 { "decision" } else { "decisions" });
        eprintln!(
            "note: the record holds the vetoes its sources hold: the SC archive has adopted resolutions only, so vetoes come from the verified fixtures (2014-2025) and from meetings run with `plenary serve`"
        );
        ExitCode::SUCCESS
    })
}
