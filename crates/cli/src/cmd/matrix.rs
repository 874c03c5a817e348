//! `plenary matrix [--from] [--to] [--measure M] [--issue CODE] [--by whole|year|session]
//! [--csv|--json] [--out FILE]`: the agreement of every pair of states, period by period, from
//! the record (General Assembly recorded votes, unanimous votes left out).
//!
//! CSV (the default) is the long format `period,a,b,value,votes`: one row per pair and period
//! with at least one vote in common; symmetric measures give each pair once (a before b by
//! code), the State Department's measure both orders (it is seen from `a`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use plenary_analysis::agree::{matrix_long, write_matrix_csv};
use plenary_analysis::matrix::{By, Continuity, Filter, VoteMatrix};
use plenary_rules::Date;

use super::agree::{analysis_calls, ga_roll_calls, issue_arg, measure_arg, output, parse_from, parse_to};
use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// First day: YYYY (1 January) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_from)]
    pub from: Option<Date>,
    /// Last day: YYYY (31 December) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_to)]
    pub to: Option<Date>,
    /// identical, lijphart, s-score or state-dept.
    #[arg(long, default_value = "identical")]
    pub measure: String,
    /// Only votes on this issue (me, nu, di, hr, co, ec).
    #[arg(long)]
    pub issue: Option<String>,
    /// Periods: one matrix over the whole range (period 0), or every year or session of the
    /// range in one run (period = the year or the session number).
    #[arg(long, default_value = "whole", value_parser = ["whole", "year", "session"])]
    pub by: String,
    /// Long CSV `period,a,b,value,votes` (the default).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON: `[{"period": 1990, "a": "USA", "b": "GBR", "value": 0.8, "votes": 70}, ...]`.
    #[arg(long)]
    pub json: bool,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn by_arg(s: &str) -> By {
    match s {
        "year" => By::Year,
        "session" => By::Session,
        _ => By::Whole,
    }
}

pub fn run(args: Args) -> ExitCode {
    match run_inner(args) {
        Ok(c) | Err(c) => c,
    }
}

fn run_inner(args: Args) -> Result<ExitCode, ExitCode> {
    let measure = measure_arg("matrix", &args.measure)?;
    let issue = issue_arg("matrix", args.issue.as_deref())?;
    let calls = db::runtime().block_on(ga_roll_calls("matrix", &args.db, args.from, args.to))?;
    let calls = analysis_calls(&calls);
    let f = Filter { issue, ..Default::default() };
    let m = VoteMatrix::build(&calls, &f, by_arg(&args.by), &Continuity::default());
    if m.is_empty() {
        eprintln!("plenary matrix: no contested recorded vote in the selection (unanimous votes are left out; check --issue and the range)");
        return Err(ExitCode::from(2));
    }
    let cells = matrix_long(&m, measure);
    let mut w = output("matrix", args.out.as_deref())?;
    let written = if args.json {
        serde_json::to_writer(&mut w, &cells).map_err(std::io::Error::other).and_then(|_| writeln!(w))
    } else {
        write_matrix_csv(&cells, &mut w)
    };
    if let Err(e) = written.and_then(|_| w.flush()) {
        eprintln!("plenary matrix: writing {}: {e}", args.out.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "stdout".into()));
        return Err(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
