//! `plenary idealpoints [--from] [--to] [--states ...] [--json|--csv]`: where each state stands,
//! year by year, on the main dimension of General Assembly voting (dynamic ordinal ideal
//! points in the manner of Bailey, Strezhnev and Voeten 2017; see `plenary_analysis::idealpoints`),
//! fitted on the record's recorded votes.
//!
//! Bridging: resolutions voted again identically in later years share their vote parameters.
//! The pairs come from Bailey, Strezhnev and Voeten's `identical_resolutions_matches.csv`
//! (data/analysis/idealpoints/, compiled into the binary), keyed by Voeten's roll-call ids,
//! which the record keeps on every decision imported from unvotes or Voeten's release
//! (`decisions.rcid`); pairs whose roll calls are not both in the selection are skipped.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use chrono::Datelike;
use plenary_analysis::idealpoints::{IdealPoint, IdealPointOptions, fit, write_csv};
use plenary_rules::{Date, StateCode};

use super::agree::{analysis_calls, ga_roll_calls, output, parse_from, parse_to};
use super::country::state_of as state;
use super::db::{self, DbArgs};

// The matches file and its parser live in plenary-analysis (shared with the server's country
// pages); the tests below check them as this verb reads them.
#[cfg(test)]
use plenary_analysis::idealpoints::{IDENTICAL_RESOLUTIONS as MATCHES, IDENTICAL_RESOLUTIONS_FILE as MATCHES_FILE, bridges_rcids};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// First year (YYYY) or day (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_from)]
    pub from: Option<Date>,
    /// Last year (YYYY) or day (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_to)]
    pub to: Option<Date>,
    /// Only print these states (ISO3 codes or names, comma-separated or repeated); the model
    /// is always fitted on every state.
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    pub states: Vec<String>,
    /// Fit without the bridging pairs.
    #[arg(long)]
    pub no_bridging: bool,
    /// Seed of the start vector (same data and seed, same estimates).
    #[arg(long, default_value_t = IdealPointOptions::default().seed)]
    pub seed: u64,
    /// CSV `state,year,position,lower,upper` (state as ISO3; 95% interval).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// JSON: `[{"state": "USA", "year": 1990, "position": 1.9, "lower": 1.7, "upper": 2.1, "votes": 80}, ...]`.
    #[arg(long)]
    pub json: bool,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

/// The bridging pairs in the analysis's ids (the record's decision ids), for the decisions of
/// `calls` that carry a Voeten rcid.
pub fn bridges_for(calls: &[plenary_record::query::RollCall]) -> Result<Vec<(u32, u32)>, String> {
    let by_rcid: HashMap<i64, u32> = calls.iter().filter_map(|c| Some((c.rcid?, u32::try_from(c.id).ok()?))).collect();
    plenary_analysis::idealpoints::bundled_bridges(&by_rcid)
}

/// Fits the model on the General Assembly's recorded votes from `from` to `to` (shared with
/// `plot idealpoints`).
pub fn compute(dbargs: &DbArgs, from: Option<Date>, to: Option<Date>, bridging: bool, seed: u64, verb: &str) -> Result<Vec<IdealPoint>, ExitCode> {
    let record = db::runtime().block_on(ga_roll_calls(verb, dbargs, from, to))?;
    let bridges = if bridging {
        bridges_for(&record).map_err(|e| {
            eprintln!("plenary {verb}: {e}");
            ExitCode::from(1)
        })?
    } else {
        Vec::new()
    };
    let calls = analysis_calls(&record);
    drop(record);
    let years = (from.map(|d| d.year()).unwrap_or(i32::MIN), to.map(|d| d.year()).unwrap_or(i32::MAX));
    let opts = IdealPointOptions { years: Some(years), bridges, seed, ..IdealPointOptions::default() };
    let fit = fit(&calls, &opts).map_err(|e| {
        eprintln!("plenary {verb}: {e}");
        ExitCode::from(2)
    })?;
    if !fit.converged {
        warn_not_converged(verb, fit.iterations);
    }
    Ok(fit.points)
}

fn warn_not_converged(verb: &str, iterations: usize) {
    eprintln!("plenary {verb}: warning: the fit stopped after {iterations} iterations before meeting its tolerance; estimates are usable but not fully converged");
}

/// The codes `--states` names, as the model counts them (the USSR as the Russian Federation;
/// the Republic of China apart from the People's Republic, as in the published estimates).
pub fn states_arg(verb: &str, names: &[String]) -> Result<Vec<StateCode>, ExitCode> {
    let cont = IdealPointOptions::default().continuity;
    names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .map(|n| {
            state(n).map(|c| cont.apply(c)).ok_or_else(|| {
                eprintln!("plenary {verb}: --states {n:?} is not a state the record knows; expected ISO3 codes (UKR, former states SUN, YUG, CSK, DDR) or names, comma-separated");
                ExitCode::from(2)
            })
        })
        .collect()
}

pub fn run(args: Args) -> ExitCode {
    match run_inner(args) {
        Ok(c) | Err(c) => c,
    }
}

fn run_inner(args: Args) -> Result<ExitCode, ExitCode> {
    let states = states_arg("idealpoints", &args.states)?;
    let points = compute(&args.db, args.from, args.to, !args.no_bridging, args.seed, "idealpoints")?;
    let shown: Vec<IdealPoint> = if states.is_empty() { points } else { points.into_iter().filter(|p| states.contains(&p.state)).collect() };
    if let Some(missing) = states.iter().find(|s| !shown.iter().any(|p| p.state == **s)) {
        eprintln!("plenary idealpoints: {missing} cast no usable vote in the selection");
        return Err(ExitCode::from(2));
    }
    let mut w = output("idealpoints", args.out.as_deref())?;
    let written = if args.json {
        serde_json::to_writer(&mut w, &shown).map_err(std::io::Error::other).and_then(|_| writeln!(w))
    } else if args.csv {
        write_csv(&shown, &mut w)
    } else {
        let registry = plenary_rules::states::Registry::bundled();
        (|| -> std::io::Result<()> {
            writeln!(w, "Ideal points (United States positive), 95% intervals; General Assembly recorded votes, unanimous votes and absences left out")?;
            writeln!(w, "{:<5} {:<32} {:>4} {:>8}  {:>17}  {:>5}", "code", "state", "year", "position", "interval", "votes")?;
            for p in &shown {
                let name = registry.get(p.state).map(|s| s.name_en.clone()).unwrap_or_default();
                writeln!(w, "{:<5} {:<32} {:>4} {:>8.3}  [{:>7.3}, {:>7.3}]  {:>5}", p.state.as_str(), name, p.year, p.position, p.lower, p.upper, p.votes)?;
            }
            Ok(())
        })()
    };
    if let Err(e) = written.and_then(|_| w.flush()) {
        eprintln!("plenary idealpoints: writing: {e}");
        return Err(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_matches_file_parses_into_rcid_pairs() {
        let pairs = bridges_rcids(MATCHES, MATCHES_FILE).unwrap();
        assert!(pairs.len() > 500, "{}", pairs.len());
        assert_eq!(pairs[0], (299, 331));
    }

    #[test]
    fn a_bad_rcid_names_the_file_line_and_field() {
        let e = bridges_rcids("v1,rcid1,rcid2\n1,299,331\n2,x,3\n", "m.csv").unwrap_err();
        assert!(e.contains("m.csv: line 3: field rcid1"), "{e}");
        assert!(bridges_rcids("a,b\n1,2\n", "m.csv").unwrap_err().contains("no column \"rcid1\""));
    }
}
