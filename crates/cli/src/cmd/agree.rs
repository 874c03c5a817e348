//! `plenary agree A B [--from] [--to] [--by year|session] [--measure M] [--json|--csv]`: how
//! often two states voted alike, period by period, from the record (General Assembly).

use std::io::Write;
use std::process::ExitCode;

use plenary_analysis::input::{Issue, RollCall};
use plenary_analysis::matrix::{By, Continuity, Filter, VoteMatrix};
use plenary_analysis::measures::Measure;
use plenary_rules::Date;

use super::country::state_of as state;

use super::db::{self, DbArgs};

// ---------------------------------------------------------------------------------------------
// What the analysis verbs (agree, partners, matrix, blocs, idealpoints, plot) share: reading
// their arguments the same way, and reading the record (`Store::roll_calls`), the analysis's
// only source.

/// `--from`: a year (`1990`, read as 1 January) or a date (`1990-09-18`).
pub fn parse_from(s: &str) -> Result<Date, String> {
    parse_bound(s, true)
}

/// `--to`: a year (`2019`, read as 31 December) or a date.
pub fn parse_to(s: &str) -> Result<Date, String> {
    parse_bound(s, false)
}

fn parse_bound(s: &str, start: bool) -> Result<Date, String> {
    plenary_record::query::period_bound(s, !start).ok_or_else(|| format!("{s:?}: expected a year (YYYY) or a date (YYYY-MM-DD)"))
}

/// The measure a `--measure` names, or exit 2.
pub fn measure_arg(verb: &str, s: &str) -> Result<Measure, ExitCode> {
    Measure::parse(s).ok_or_else(|| {
        eprintln!("plenary {verb}: --measure {s:?}: expected identical, lijphart, s-score or state-dept (state-dept-2016, -2017, -2021 to force an era)");
        ExitCode::from(2)
    })
}

/// The issue an `--issue` names, or exit 2.
pub fn issue_arg(verb: &str, s: Option<&str>) -> Result<Option<Issue>, ExitCode> {
    match s {
        None => Ok(None),
        Some(i) => Issue::from_code(i).map(Some).ok_or_else(|| {
            eprintln!("plenary {verb}: --issue {i:?}: expected one of me, nu, di, hr, co, ec");
            ExitCode::from(2)
        }),
    }
}

/// The state an argument names (ISO3, ISO 3166-3 for former states, or a name), as the
/// analysis counts it: a predecessor whose seat continues (SUN) is read as the seat's current
/// holder (RUS), since the matrix follows seats ([`Continuity::seats`]). Exit 2 if unknown.
pub fn state_arg(verb: &str, s: &str) -> Result<plenary_rules::StateCode, ExitCode> {
    state(s).map(|c| Continuity::default().apply(c)).ok_or_else(|| {
        eprintln!("plenary {verb}: {s:?} is not a state the record knows; expected an ISO3 code (UKR, former states SUN, YUG, CSK, DDR) or a name (Ukraine)");
        ExitCode::from(2)
    })
}

/// The General Assembly's recorded votes between `from` and `to` as the record holds them.
/// Exit 2 when the range is reversed or holds no recorded vote; exit 1 or 2 on a database
/// error (see [`db::fail`]).
pub async fn ga_roll_calls(verb: &str, dbargs: &DbArgs, from: Option<Date>, to: Option<Date>) -> Result<Vec<plenary_record::query::RollCall>, ExitCode> {
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        eprintln!("plenary {verb}: --from {f} is after --to {t}: the range is empty");
        return Err(ExitCode::from(2));
    }
    let store = db::open(dbargs).await.map_err(|e| db::fail(verb, &e))?;
    let filter = plenary_record::query::Filter { body: Some("GA".into()), from, to, ..Default::default() };
    let calls = store.roll_calls(&filter).await.map_err(|e| db::fail(verb, &e))?;
    store.close().await;
    if calls.iter().all(|c| c.votes.is_empty()) {
        let show = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        eprintln!("plenary {verb}: the record holds no General Assembly recorded vote from {} to {}", show(from), show(to));
        return Err(ExitCode::from(2));
    }
    Ok(calls)
}

/// The record's roll calls converted with [`to_analysis`].
pub fn analysis_calls(calls: &[plenary_record::query::RollCall]) -> Vec<RollCall> {
    calls.iter().filter_map(to_analysis).collect()
}

/// Exit 2 with the analysis's own message (a state with no vote in the selection...).
pub fn analysis_fail(verb: &str, e: &plenary_analysis::AnalysisError) -> ExitCode {
    eprintln!("plenary {verb}: {e}");
    ExitCode::from(2)
}

/// Where a verb writes: `--out FILE` or stdout, buffered.
pub fn output(verb: &str, out: Option<&std::path::Path>) -> Result<Box<dyn std::io::Write>, ExitCode> {
    match out {
        None => Ok(Box::new(std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()))),
        Some(p) => std::fs::File::create(p).map(|f| Box::new(std::io::BufWriter::with_capacity(1 << 16, f)) as Box<dyn std::io::Write>).map_err(|e| {
            eprintln!("plenary {verb}: cannot write {}: {e}", p.display());
            ExitCode::from(1)
        }),
    }
}

/// The years the calls span, for titles: "1990" or "1990-2019".
pub fn years_label(calls: &[RollCall]) -> String {
    let lo = calls.iter().map(|c| c.year).min().unwrap_or(0);
    let hi = calls.iter().map(|c| c.year).max().unwrap_or(0);
    if lo == hi { lo.to_string() } else { format!("{lo}\u{2013}{hi}") }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// First state: ISO3 code (former states by ISO 3166-3, e.g. SUN) or name.
    pub a: String,
    /// Second state.
    pub b: String,
    /// First day: YYYY (1 January) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_from)]
    pub from: Option<Date>,
    /// Last day: YYYY (31 December) or YYYY-MM-DD.
    #[arg(long, value_name = "YYYY[-MM-DD]", value_parser = parse_to)]
    pub to: Option<Date>,
    /// Periods: year or session.
    #[arg(long, default_value = "year", value_parser = ["year", "session"])]
    pub by: String,
    /// identical, lijphart, s-score or state-dept.
    #[arg(long, default_value = "identical")]
    pub measure: String,
    /// Only votes on this issue (me, nu, di, hr, co, ec).
    #[arg(long)]
    pub issue: Option<String>,
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    #[arg(long)]
    pub csv: bool,
}

/// The record's roll calls in the analysis's terms.
///
/// Sessions: the record's session number where it is one; for emergency and special sessions
/// ("ES-11") the regular session running on that date (the n-th regular session opens in
/// September of 1945 + n).
pub fn to_analysis(rc: &plenary_record::query::RollCall) -> Option<RollCall> {
    RollCall::from_record(rc.id, rc.date, rc.session.as_deref(), &rc.kind, &rc.issues, rc.important, rc.votes.clone())
}

pub fn run(args: Args) -> ExitCode {
    match run_inner(args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(args: Args) -> Result<ExitCode, ExitCode> {
    let a = state_arg("agree", &args.a)?;
    let b = state_arg("agree", &args.b)?;
    let measure = measure_arg("agree", &args.measure)?;
    let issue = issue_arg("agree", args.issue.as_deref())?;
    let calls = db::runtime().block_on(ga_roll_calls("agree", &args.db, args.from, args.to))?;
    let calls = analysis_calls(&calls);
    let by = if args.by == "session" { By::Session } else { By::Year };
    let f = Filter { issue, ..Default::default() };
    let m = VoteMatrix::build(&calls, &f, by, &Continuity::default());
    let series = plenary_analysis::agree::pair_over_time(&m, a, b, measure).map_err(|e| analysis_fail("agree", &e))?;
    if args.json {
        let _ = writeln!(std::io::stdout().lock(), "{}", serde_json::to_string(&series).unwrap_or_default());
    } else {
        let mut w = csv::Writer::from_writer(std::io::stdout());
        if !args.csv {
            let _ = writeln!(std::io::stdout().lock(), "{a} and {b}, {} by {}, General Assembly recorded votes (unanimous votes left out)", args.measure, args.by);
        }
        let _ = w.write_record(["period", "value", "votes"]);
        for p in &series {
            let v = p.value.map(|v| format!("{v:.4}")).unwrap_or_default();
            let _ = w.write_record([p.period.to_string(), v, p.votes.to_string()]);
        }
        let _ = w.flush();
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plenary_analysis::input::Kind;

    fn record_call(session: Option<&str>, date: &str, kind: &str) -> plenary_record::query::RollCall {
        plenary_record::query::RollCall {
            id: 7,
            body: "GA".into(),
            date: date.parse().unwrap(),
            session: session.map(String::from),
            symbol: None,
            kind: kind.into(),
            issues: vec!["hr".into(), "unknown".into()],
            important: None,
            rcid: None,
            votes: vec![],
        }
    }

    #[test]
    fn an_emergency_session_vote_counts_in_the_regular_session_running_on_its_date() {
        // ES-11/1, 2 March 2022: the 76th regular session (opened September 2021).
        let rc = to_analysis(&record_call(Some("ES-11"), "2022-03-02", "resolution")).unwrap();
        assert_eq!((rc.session, rc.year, rc.kind), (76, 2022, Kind::FinalPassage));
        // 24 October 2022 falls in the 77th.
        assert_eq!(to_analysis(&record_call(Some("ES-11"), "2022-10-24", "motion")).unwrap().session, 77);
        assert_eq!(to_analysis(&record_call(Some("74"), "2020-03-02", "amendment")).unwrap().session, 74);
    }

    #[test]
    fn a_year_bound_covers_the_whole_year_and_bad_bounds_say_the_form() {
        assert_eq!(parse_from("1990").unwrap().to_string(), "1990-01-01");
        assert_eq!(parse_to("2019").unwrap().to_string(), "2019-12-31");
        assert_eq!(parse_to("2019-06-30").unwrap().to_string(), "2019-06-30");
        assert!(parse_from("19x0").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_to("2019-02-30").is_err());
    }

    #[test]
    fn a_former_state_is_read_as_the_seat_the_matrix_counts_it_in() {
        assert_eq!(state_arg("agree", "SUN").unwrap().as_str(), "RUS");
        assert_eq!(state_arg("agree", "Ukraine").unwrap().as_str(), "UKR");
        assert!(state_arg("agree", "Atlantis").is_err());
    }

    #[test]
    fn issue_codes_the_analysis_knows_are_kept_and_others_ignored() {
        let rc = to_analysis(&record_call(Some("74"), "2020-03-02", "part")).unwrap();
        assert!(rc.issues.contains(Issue::from_code("hr").unwrap()));
        assert_eq!(rc.issues.iter().count(), 1);
        assert_eq!(rc.kind, Kind::Part);
    }
}
