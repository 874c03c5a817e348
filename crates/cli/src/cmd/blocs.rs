//! `plenary blocs [--from] [--to] [--k N] [--by whole|year|session] [--measure M] [--json]`:
//! voting blocs of the General Assembly, from the record.
//!
//! Blocs are cut from an agglomerative clustering with **average linkage** (UPGMA) of the
//! distances 1 - agreement (scaled to the measure's range), and placed on a two-dimensional
//! map by classical multidimensional scaling of the same distances (`plenary_analysis::blocs`).
//! Bloc numbers follow the largest overlap from one period to the next, so bloc 1 in 1990 is
//! the bloc that holds most of 1989's bloc 1.

use std::io::Write;
use std::process::ExitCode;

use plenary_analysis::blocs::{BlocOptions, Blocs, blocs};
use plenary_analysis::matrix::{Continuity, Filter, VoteMatrix};
use plenary_rules::{Date, StateCode};

use super::agree::{analysis_calls, ga_roll_calls, issue_arg, measure_arg, parse_from, parse_to};
use super::db::{self, DbArgs};
use super::matrix::by_arg;

#[derive(clap::Args, Debug)]
#[command(long_about = "Voting blocs: average-linkage (UPGMA) hierarchical clustering of the agreement matrix cut into k blocs, \
and a two-dimensional map of the states by classical multidimensional scaling; bloc labels are kept stable across neighbouring periods.")]
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
    /// Number of blocs to cut the average-linkage tree into.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub k: u32,
    /// Periods: the whole range (period 0), or each year or session.
    #[arg(long, default_value = "whole", value_parser = ["whole", "year", "session"])]
    pub by: String,
    /// identical, lijphart, s-score (state-dept is not symmetric and cannot be clustered).
    #[arg(long, default_value = "identical")]
    pub measure: String,
    /// Only votes on this issue (me, nu, di, hr, co, ec).
    #[arg(long)]
    pub issue: Option<String>,
    /// Keep states that cast at least this share of a period's votes.
    #[arg(long, default_value_t = 0.5)]
    pub min_share: f64,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    match run_inner(args) {
        Ok(c) | Err(c) => c,
    }
}

/// The blocs of every period of the calls (shared with `plot blocs`).
pub fn compute(calls: &[plenary_analysis::RollCall], by: &str, measure: &str, issue: Option<&str>, k: u32, min_share: f64) -> Result<Vec<Blocs>, ExitCode> {
    let measure = measure_arg("blocs", measure)?;
    if !measure.is_symmetric() {
        eprintln!("plenary blocs: --measure {}: blocs need a symmetric measure (identical, lijphart or s-score)", measure.name());
        return Err(ExitCode::from(2));
    }
    if !(0.0..=1.0).contains(&min_share) {
        eprintln!("plenary blocs: --min-share {min_share}: expected a share between 0 and 1");
        return Err(ExitCode::from(2));
    }
    let issue = issue_arg("blocs", issue)?;
    let f = Filter { issue, ..Default::default() };
    let m = VoteMatrix::build(calls, &f, by_arg(by), &Continuity::default());
    let out = blocs(&m, &BlocOptions { measure, k: k as usize, min_share });
    if out.is_empty() {
        eprintln!("plenary blocs: no contested recorded vote in the selection (unanimous votes are left out; check --issue and the range)");
        return Err(ExitCode::from(2));
    }
    Ok(out)
}

fn run_inner(args: Args) -> Result<ExitCode, ExitCode> {
    measure_arg("blocs", &args.measure)?;
    issue_arg("blocs", args.issue.as_deref())?;
    let calls = db::runtime().block_on(ga_roll_calls("blocs", &args.db, args.from, args.to))?;
    let calls = analysis_calls(&calls);
    let out = compute(&calls, &args.by, &args.measure, args.issue.as_deref(), args.k, args.min_share)?;
    if args.json {
        let _ = writeln!(std::io::stdout().lock(), "{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    let registry = plenary_rules::states::Registry::bundled();
    let name = |c: StateCode| registry.get(c).map(|s| s.name_en.clone()).unwrap_or_else(|| c.to_string());
    let whole = super::agree::years_label(&calls);
    for (i, b) in out.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(std::io::stdout().lock());
        }
        let period = if b.period == 0 { whole.clone() } else { format!("{} {}", args.by, b.period) };
        let _ = writeln!(std::io::stdout().lock(), 
            "{period}: {} blocs, average linkage (UPGMA) on {} agreement; the map's two axes show {:.0}% of the distances' variance",
            b.k,
            b.measure,
            b.map_fit * 100.0
        );
        let mut labels: Vec<u32> = b.members.iter().map(|m| m.bloc).collect();
        labels.sort();
        labels.dedup();
        for l in labels {
            let mut members: Vec<String> = b.members.iter().filter(|m| m.bloc == l).map(|m| name(m.state)).collect();
            members.sort();
            let _ = writeln!(std::io::stdout().lock(), "  bloc {l} ({}): {}", members.len(), members.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}
