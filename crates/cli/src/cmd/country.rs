//! `plenary country ISO3-or-name [--from DATE] [--to DATE] [--json|--csv]`: a state's votes.
//!
//! A membership that changed its code keeps its record: "Russian Federation" also lists the
//! USSR's votes (the UN treats the two as one membership, letter of 24 December 1991).

use std::process::ExitCode;

use plenary_record::query::Filter;
use plenary_rules::{Date, StateCode};

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// ISO3 code or a name in any source's spelling.
    #[arg(required = true, num_args = 1..)]
    pub state: Vec<String>,
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = super::agree::parse_from)]
    pub from: Option<Date>,
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = super::agree::parse_to)]
    pub to: Option<Date>,
    /// GA or SC.
    #[arg(long)]
    pub body: Option<String>,
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    #[arg(long)]
    pub csv: bool,
}

/// The state a command-line argument names: a code the registry knows (UKR, SUN) or a name in
/// any source's spelling, read as of today.
pub fn state_of(input: &str) -> Option<StateCode> {
    let registry = plenary_rules::states::Registry::bundled();
    let today = chrono::Utc::now().date_naive();
    StateCode::parse(input).filter(|c| registry.get(*c).is_some()).or_else(|| registry.resolve(input, today))
}

/// Every code of the membership `input` names (the seat and its predecessors).
pub fn codes_of(input: &str) -> Option<Vec<StateCode>> {
    let registry = plenary_rules::states::Registry::bundled();
    let code = state_of(input)?;
    let seat = registry.seat(code);
    let mut codes: Vec<StateCode> = registry.all().filter(|s| registry.seat(s.code) == seat).map(|s| s.code).collect();
    if !codes.contains(&code) {
        codes.push(code);
    }
    Some(codes)
}

pub fn run(args: Args) -> ExitCode {
    let input = args.state.join(" ");
    let Some(codes) = codes_of(&input) else {
        eprintln!("plenary country: {input:?} is not a state the record knows; expected an ISO3 code (UKR) or a name (Ukraine)");
        return ExitCode::from(2);
    };
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("country", &e),
        };
        let filter = Filter { body: args.body.clone(), from: args.from, to: args.to, ..Default::default() };
        let rows = match store.votes_of(&codes, &filter).await {
            Ok(r) => r,
            Err(e) => return db::fail("country", &e),
        };
        if args.json {
            println!("{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
        } else if args.csv {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            let _ = w.write_record(["decision_id", "body", "date", "session", "symbol", "kind", "state", "vote", "title"]);
            for r in &rows {
                let _ = w.write_record([
                    r.decision_id.to_string(),
                    r.body.clone(),
                    r.date.clone(),
                    r.session.clone().unwrap_or_default(),
                    r.symbol.clone().unwrap_or_default(),
                    r.kind.clone(),
                    r.state.clone(),
                    r.vote.clone(),
                    r.title.clone().unwrap_or_default(),
                ]);
            }
            let _ = w.flush();
        } else {
            let (mut y, mut n, mut a) = (0, 0, 0);
            for r in &rows {
                match r.vote.as_str() {
                    "Y" => y += 1,
                    "N" => n += 1,
                    "A" => a += 1,
                    _ => {}
                }
                println!("{}  {}  {:<24} {}  {}", r.date, r.body, r.symbol.as_deref().unwrap_or("-"), r.vote, r.title.as_deref().unwrap_or(""));
            }
            let names: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
            println!("\n{} votes of {} ({}): {y} yes, {n} no, {a} abstain", rows.len(), input, names.join("/"));
        }
        ExitCode::SUCCESS
    })
}
