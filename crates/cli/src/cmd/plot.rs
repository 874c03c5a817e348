//! `plenary plot agree|partners|matrix|blocs|idealpoints [STATES...] --out FILE.svg
//! [--lang en|uk|ru]`: the analyses as SVG charts (`plenary_analysis::chart`) with titles,
//! axes, legends and state names in English, Ukrainian or Russian (the strings are Fluent
//! messages of `plenary-i18n`, `locales/*/charts.ftl`; the names come from CLDR through it).
//!
//! - `plot agree A B [C...]`: A's agreement with B (and C...) by year or session;
//! - `plot partners X`: X's closest and farthest partners over the range;
//! - `plot matrix [STATES...]`: the agreement of every pair over the range as a heat map
//!   (of the states given, or of every state that cast half the votes), states ordered along
//!   the first axis of the blocs' map so that blocs show as squares;
//! - `plot blocs`: the blocs' map over the range;
//! - `plot idealpoints [STATES...]`: ideal points by year with their 95% intervals (default
//!   states: USA RUS CHN IND BRA).

use std::path::PathBuf;
use std::process::ExitCode;

use plenary_analysis::agree::{AgreementTable, agreement_table, pair_over_time};
use plenary_analysis::chart::{self, Labels};
use plenary_analysis::matrix::{By, Continuity, Filter, VoteMatrix};
use plenary_i18n::Lang;
use plenary_rules::{Date, StateCode};

use super::agree::{analysis_calls, analysis_fail, ga_roll_calls, issue_arg, measure_arg, parse_from, parse_to, state_arg, years_label};
use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// The chart.
    #[arg(value_parser = ["agree", "partners", "matrix", "blocs", "idealpoints"])]
    pub chart: String,
    /// States (ISO3 codes or names): two or more for agree (the first against each of the
    /// others), one for partners, none or two or more for matrix, any for idealpoints.
    pub states: Vec<String>,
    /// The SVG file to write.
    #[arg(long, value_name = "FILE.svg")]
    pub out: PathBuf,
    /// en, uk or ru.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// First day: YYYY (1 January) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_from)]
    pub from: Option<Date>,
    /// Last day: YYYY (31 December) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_to)]
    pub to: Option<Date>,
    /// identical, lijphart, s-score or state-dept (agree, partners, matrix; blocs need a
    /// symmetric one).
    #[arg(long, default_value = "identical")]
    pub measure: String,
    /// Only votes on this issue (me, nu, di, hr, co, ec).
    #[arg(long)]
    pub issue: Option<String>,
    /// agree: periods by year or session.
    #[arg(long, default_value = "year", value_parser = ["year", "session"])]
    pub by: String,
    /// partners: how many closest and farthest.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// blocs, matrix: number of blocs (average linkage).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub k: u32,
}

pub fn run(args: Args) -> ExitCode {
    match run_inner(args) {
        Ok(c) | Err(c) => c,
    }
}

fn need(count_ok: bool, msg: &str) -> Result<(), ExitCode> {
    if count_ok {
        Ok(())
    } else {
        eprintln!("plenary plot: {msg}");
        Err(ExitCode::from(2))
    }
}

fn run_inner(args: Args) -> Result<ExitCode, ExitCode> {
    let Some(lang) = Lang::parse(&args.lang) else {
        eprintln!("plenary plot: --lang {:?}: expected en, uk or ru", args.lang);
        return Err(ExitCode::from(2));
    };
    // The charts' strings are the Fluent messages of `plenary-i18n` (locales/*/charts.ftl).
    let labels = Labels::new(move |key, args| plenary_i18n::t_strs(lang, key, args));
    let (from, to) = (args.from, args.to);
    let name = move |c: StateCode| seat_name(c, lang, from, to);
    let measure = measure_arg("plot", &args.measure)?;
    let issue = issue_arg("plot", args.issue.as_deref())?;
    let svg = match args.chart.as_str() {
        "agree" => {
            need(args.states.len() >= 2, "plot agree needs two or more states: A B [C...] (A against each of the others)")?;
            let codes = args.states.iter().map(|s| state_arg("plot", s)).collect::<Result<Vec<_>, _>>()?;
            let calls = analysis_calls(&db::runtime().block_on(ga_roll_calls("plot", &args.db, args.from, args.to))?);
            let by = if args.by == "session" { By::Session } else { By::Year };
            let m = VoteMatrix::build(&calls, &Filter { issue, ..Default::default() }, by, &Continuity::default());
            let mut series = Vec::new();
            for b in &codes[1..] {
                let s = pair_over_time(&m, codes[0], *b, measure).map_err(|e| analysis_fail("plot", &e))?;
                series.push((name(*b), s));
            }
            let b = if codes.len() == 2 { name(codes[1]) } else { String::new() };
            chart::agree_chart(&series, &name(codes[0]), &b, measure, by == By::Session, &labels)
        }
        "partners" => {
            need(args.states.len() == 1, "plot partners needs one state")?;
            let x = state_arg("plot", &args.states[0])?;
            let calls = analysis_calls(&db::runtime().block_on(ga_roll_calls("plot", &args.db, args.from, args.to))?);
            let p = super::partners::compute(&calls, x, &args.measure, args.issue.as_deref(), args.top, 10)?;
            chart::partners_chart(&p, &name, measure, &labels)
        }
        "matrix" | "blocs" => {
            need(
                args.states.is_empty() || (args.chart == "matrix" && args.states.len() >= 2),
                "plot blocs takes no states (it maps every state that cast half the votes of the range); plot matrix takes none (every such state) or two or more",
            )?;
            let only = args.states.iter().map(|s| state_arg("plot", s)).collect::<Result<Vec<_>, _>>()?;
            let calls = analysis_calls(&db::runtime().block_on(ga_roll_calls("plot", &args.db, args.from, args.to))?);
            let period = years_label(&calls);
            let bloc_measure = if measure.is_symmetric() { args.measure.as_str() } else { "identical" };
            let blocs = super::blocs::compute(&calls, "whole", bloc_measure, args.issue.as_deref(), args.k, 0.5)?;
            let b = &blocs[0];
            if args.chart == "blocs" {
                chart::blocs_chart(b, &period, &name, &labels)
            } else {
                let m = VoteMatrix::build(&calls, &Filter { issue, ..Default::default() }, By::Whole, &Continuity::default());
                let Some(p) = m.periods().first() else {
                    eprintln!("plenary plot: no contested recorded vote in the selection");
                    return Err(ExitCode::from(2));
                };
                let t = agreement_table(&m, p, measure, 0.5);
                // Order along the map's first axis, so that blocs show as blocks on the diagonal.
                let mut order: Vec<(f64, StateCode)> = b.members.iter().map(|m| (m.x, m.state)).collect();
                order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                let order: Vec<StateCode> = order.iter().map(|o| o.1).filter(|s| only.is_empty() || only.contains(s)).collect();
                if let Some(missing) = only.iter().find(|s| !t.states.contains(s)) {
                    eprintln!("plenary plot: {missing} cast fewer than half the contested votes of the range; the matrix leaves it out");
                    return Err(ExitCode::from(2));
                }
                let t = if only.is_empty() { reorder(&t, &order) } else { restrict(&t, &order) };
                chart::matrix_chart(&t, &period, measure, &labels)
            }
        }
        _ => {
            let names = if args.states.is_empty() { ["USA", "RUS", "CHN", "IND", "BRA"].iter().map(|s| s.to_string()).collect() } else { args.states.clone() };
            let states = super::idealpoints::states_arg("plot", &names)?;
            let points = super::idealpoints::compute(&args.db, args.from, args.to, true, plenary_analysis::idealpoints::IdealPointOptions::default().seed, "plot")?;
            chart::idealpoints_chart(&points, &states, &name, &labels)
        }
    };
    std::fs::write(&args.out, svg).map_err(|e| {
        eprintln!("plenary plot: cannot write {}: {e}", args.out.display());
        ExitCode::from(1)
    })?;
    eprintln!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// A state's name on a chart of the range `from`..`to`. The analysis counts the USSR's votes
/// as the Russian Federation's (one membership: [`plenary_analysis::matrix::Continuity`]), so
/// the Russian Federation's series is named the USSR on a chart that ends before 24 December
/// 1991 and "Russian Federation / USSR" on one that spans that day.
fn seat_name(c: StateCode, lang: Lang, from: Option<Date>, to: Option<Date>) -> String {
    let name = |s: StateCode| plenary_i18n::state_name(s, lang, true);
    let (Some(rus), Some(sun)) = (StateCode::parse("RUS"), StateCode::parse("SUN")) else { return name(c) };
    if c != rus {
        return name(c);
    }
    let change = Date::from_ymd_opt(1991, 12, 24).expect("constant date");
    match (from.is_some_and(|d| d >= change), to.is_some_and(|d| d < change)) {
        (true, _) => name(rus),
        (_, true) => name(sun),
        _ => format!("{} / {}", name(rus), name(sun)),
    }
}

/// The table with its states in `order` (states of the table not in `order` go last, in their
/// own order).
fn reorder(t: &AgreementTable, order: &[StateCode]) -> AgreementTable {
    let mut idx: Vec<usize> = order.iter().filter_map(|s| t.states.iter().position(|x| x == s)).collect();
    for i in 0..t.states.len() {
        if !idx.contains(&i) {
            idx.push(i);
        }
    }
    AgreementTable {
        period: t.period,
        states: idx.iter().map(|&i| t.states[i]).collect(),
        values: idx.iter().map(|&i| idx.iter().map(|&j| t.values[i][j]).collect()).collect(),
        votes: idx.iter().map(|&i| idx.iter().map(|&j| t.votes[i][j]).collect()).collect(),
    }
}

/// The table over `keep` only, in that order.
fn restrict(t: &AgreementTable, keep: &[StateCode]) -> AgreementTable {
    let idx: Vec<usize> = keep.iter().filter_map(|s| t.states.iter().position(|x| x == s)).collect();
    AgreementTable {
        period: t.period,
        states: idx.iter().map(|&i| t.states[i]).collect(),
        values: idx.iter().map(|&i| idx.iter().map(|&j| t.values[i][j]).collect()).collect(),
        votes: idx.iter().map(|&i| idx.iter().map(|&j| t.votes[i][j]).collect()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_russian_federations_series_is_named_the_ussr_before_24_december_1991() {
        let c = |s: &str| StateCode::parse(s).unwrap();
        let d = |s: &str| Some(s.parse::<Date>().unwrap());
        assert_eq!(seat_name(c("RUS"), Lang::En, d("1985-01-01"), d("1989-12-31")), plenary_i18n::state_name(c("SUN"), Lang::En, true));
        assert_eq!(seat_name(c("RUS"), Lang::Ru, d("2022-01-01"), None), plenary_i18n::state_name(c("RUS"), Lang::Ru, true));
        assert!(seat_name(c("RUS"), Lang::Uk, None, None).contains(" / "));
        assert_eq!(seat_name(c("UKR"), Lang::En, d("1985-01-01"), d("1989-12-31")), plenary_i18n::state_name(c("UKR"), Lang::En, true));
    }

    #[test]
    fn reordering_a_table_moves_rows_and_columns_together() {
        let c = |s: &str| StateCode::parse(s).unwrap();
        let t = AgreementTable {
            period: 0,
            states: vec![c("AAA"), c("BBB"), c("CCC")],
            values: vec![vec![Some(1.0), Some(0.2), None], vec![Some(0.2), Some(1.0), Some(0.7)], vec![None, Some(0.7), Some(1.0)]],
            votes: vec![vec![5, 4, 0], vec![4, 6, 3], vec![0, 3, 3]],
        };
        let r = reorder(&t, &[c("CCC"), c("AAA")]);
        assert_eq!(r.states, vec![c("CCC"), c("AAA"), c("BBB")]);
        assert_eq!(r.values[0], vec![Some(1.0), None, Some(0.7)]);
        assert_eq!(r.votes[2], vec![3, 4, 6]);
    }
}
