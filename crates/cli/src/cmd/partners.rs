//! `plenary partners X [--from] [--to] [--top N] [--measure M] [--issue CODE] [--json]`: the
//! states that voted most and least like X in the General Assembly over a range, from the
//! record; `--on SYMBOL`: who voted with X on one decision.

use std::io::Write;
use std::process::ExitCode;

use plenary_analysis::agree::{Partners, VotedWith, partners, voted_with};
use plenary_analysis::matrix::{By, Continuity, Filter, VoteMatrix};
use plenary_rules::{Date, StateCode};

use super::agree::{analysis_calls, analysis_fail, ga_roll_calls, issue_arg, measure_arg, parse_from, parse_to, state_arg, to_analysis};
use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// The state: ISO3 code (former states by ISO 3166-3, e.g. SUN) or name.
    #[arg(required = true, num_args = 1..)]
    pub state: Vec<String>,
    /// First day: YYYY (1 January) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_from)]
    pub from: Option<Date>,
    /// Last day: YYYY (31 December) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_to)]
    pub to: Option<Date>,
    /// How many closest and how many farthest partners.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// identical, lijphart, s-score or state-dept.
    #[arg(long, default_value = "identical")]
    pub measure: String,
    /// Only votes on this issue (me, nu, di, hr, co, ec).
    #[arg(long)]
    pub issue: Option<String>,
    /// Leave out partners with fewer votes in common than this (a state seen on two votes
    /// would otherwise top the list).
    #[arg(long, default_value_t = 10)]
    pub min_votes: u32,
    /// Instead: who voted with the state on this decision (a General Assembly symbol, e.g.
    /// A/RES/ES-11/1, ES-11/1).
    #[arg(long, value_name = "SYMBOL")]
    pub on: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    match run_inner(args) {
        Ok(c) | Err(c) => c,
    }
}

/// The closest and farthest partners of `x` over the calls (the library's computation, shared
/// with `plot partners`).
pub fn compute(calls: &[plenary_analysis::RollCall], x: StateCode, args_measure: &str, issue: Option<&str>, top: usize, min_votes: u32) -> Result<Partners, ExitCode> {
    let measure = measure_arg("partners", args_measure)?;
    let issue = issue_arg("partners", issue)?;
    let f = Filter { issue, ..Default::default() };
    let m = VoteMatrix::build(calls, &f, By::Whole, &Continuity::default());
    partners(&m, x, measure, top, min_votes).map_err(|e| analysis_fail("partners", &e))
}

fn run_inner(args: Args) -> Result<ExitCode, ExitCode> {
    let x = state_arg("partners", &args.state.join(" "))?;
    if let Some(symbol) = &args.on {
        return voted_with_on(&args, x, symbol);
    }
    measure_arg("partners", &args.measure)?;
    issue_arg("partners", args.issue.as_deref())?;
    let calls = db::runtime().block_on(ga_roll_calls("partners", &args.db, args.from, args.to))?;
    let calls = analysis_calls(&calls);
    let p = compute(&calls, x, &args.measure, args.issue.as_deref(), args.top, args.min_votes)?;
    if args.json {
        let _ = writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&p).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    let registry = plenary_rules::states::Registry::bundled();
    let name = |c: StateCode| registry.get(c).map(|s| s.name_en.clone()).unwrap_or_else(|| c.to_string());
    let years = super::agree::years_label(&calls);
    let _ = writeln!(std::io::stdout().lock(), 
        "Partners of {} ({x}) in the General Assembly, {years}, {} (unanimous votes left out; at least {} votes in common)",
        name(x),
        p.measure,
        args.min_votes
    );
    for (label, list) in [("Closest", &p.closest), ("Farthest", &p.farthest)] {
        let _ = writeln!(std::io::stdout().lock(), "\n{label}:");
        for (i, pv) in list.iter().enumerate() {
            let _ = writeln!(std::io::stdout().lock(), "  {:>2}. {:<40} {}  {:.4}  ({} votes)", i + 1, name(pv.state), pv.state, pv.value, pv.votes);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--on SYMBOL`: the decision's votes, read from the record by its symbol as `plenary show`
/// finds it, split into those who voted as X did, those who voted the other way, and the rest.
fn voted_with_on(args: &Args, x: StateCode, symbol: &str) -> Result<ExitCode, ExitCode> {
    let (view, call) = db::runtime().block_on(async {
        let store = db::open(&args.db).await.map_err(|e| db::fail("partners", &e))?;
        let ids = store.find_symbol(symbol).await.map_err(|e| db::fail("partners", &e))?;
        let mut found = None;
        for id in ids {
            let Some(v) = store.decision(id).await.map_err(|e| db::fail("partners", &e))? else { continue };
            if v.body != "GA" {
                continue;
            }
            let date = v.date.parse::<Date>().map_err(|_| {
                eprintln!("plenary partners: decision {id} has a malformed date {:?} in the record", v.date);
                ExitCode::from(1)
            })?;
            let filter = plenary_record::query::Filter { body: Some("GA".into()), from: Some(date), to: Some(date), ..Default::default() };
            let calls = store.roll_calls(&filter).await.map_err(|e| db::fail("partners", &e))?;
            if let Some(rc) = calls.into_iter().find(|c| c.id == id && !c.votes.is_empty()) {
                found = Some((v, rc));
                break;
            }
        }
        store.close().await;
        found.ok_or_else(|| {
            eprintln!("plenary partners: no General Assembly recorded vote with the symbol {symbol:?} in the record (try `plenary search WORDS`)");
            ExitCode::from(2)
        })
    })?;
    let Some(rc) = to_analysis(&call) else {
        eprintln!("plenary partners: decision {} cannot be read by the analysis (its id is out of range)", call.id);
        return Err(ExitCode::from(1));
    };
    // One roll call, unanimous or not: every vote counts here.
    let f = Filter { drop_unanimous: false, ..Default::default() };
    let m = VoteMatrix::build(std::slice::from_ref(&rc), &f, By::Whole, &Continuity::default());
    let w: VotedWith = voted_with(&m, x, rc.id).map_err(|e| analysis_fail("partners", &e))?;
    let shown = view.symbol.clone().or(view.draft.clone()).unwrap_or_else(|| symbol.to_string());
    if args.json {
        let out = serde_json::json!({
            "symbol": shown,
            "date": view.date,
            "title": view.title,
            "state": w.state.as_str(),
            "vote": w.vote,
            "with": w.with.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            "against": w.against.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            "other": w.other.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        });
        let _ = writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    let registry = plenary_rules::states::Registry::bundled();
    let names = |v: &[StateCode]| -> String {
        let mut n: Vec<String> = v.iter().map(|c| registry.get(*c).map(|s| s.name_en.clone()).unwrap_or_else(|| c.to_string())).collect();
        n.sort();
        n.join(", ")
    };
    let xname = registry.get(x).map(|s| s.name_en.clone()).unwrap_or_else(|| x.to_string());
    let vote = match w.vote {
        plenary_rules::Vote::Yes => "yes",
        plenary_rules::Vote::No => "no",
        plenary_rules::Vote::Abstain => "abstain",
        _ => "did not vote",
    };
    let _ = writeln!(std::io::stdout().lock(), "{shown} ({}): {xname} voted {vote}", view.date);
    if let Some(t) = &view.title {
        let _ = writeln!(std::io::stdout().lock(), "{t}");
    }
    let _ = writeln!(std::io::stdout().lock(), "\nVoted as {xname} did ({}):\n  {}", w.with.len(), names(&w.with));
    let _ = writeln!(std::io::stdout().lock(), "\nVoted the other way ({}):\n  {}", w.against.len(), names(&w.against));
    if !w.other.is_empty() {
        let _ = writeln!(std::io::stdout().lock(), "\nCast another vote ({}):\n  {}", w.other.len(), names(&w.other));
    }
    Ok(ExitCode::SUCCESS)
}
