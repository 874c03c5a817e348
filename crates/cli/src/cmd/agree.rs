//! `plenary agree A B [--from] [--to] [--by year|session] [--measure M] [--json|--csv]`: how
//! often two states voted alike, period by period, from the record (General Assembly).

use std::process::ExitCode;

use plenary_analysis::input::{Issue, IssueSet, Kind, RollCall};
use plenary_analysis::matrix::{By, Continuity, Filter, VoteMatrix};
use plenary_analysis::measures::Measure;
use plenary_rules::Date;

use super::country::state_of as state;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// First state: ISO3 code (former states by ISO 3166-3, e.g. SUN) or name.
    pub a: String,
    /// Second state.
    pub b: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<Date>,
    #[arg(long, value_name = "YYYY-MM-DD")]
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
    use chrono::Datelike;
    let year = rc.date.year();
    let session = rc
        .session
        .as_deref()
        .and_then(|s| s.trim().parse::<u16>().ok())
        .unwrap_or_else(|| (if rc.date.month() >= 9 { year - 1945 } else { year - 1946 }).max(1) as u16);
    let kind = match rc.kind.as_str() {
        "amendment" => Kind::Amendment,
        "part" => Kind::Part,
        "motion" => Kind::Motion,
        _ => Kind::FinalPassage,
    };
    let mut issues = IssueSet::empty();
    for i in &rc.issues {
        if let Some(issue) = Issue::from_code(i) {
            issues.insert(issue);
        }
    }
    Some(RollCall {
        id: u32::try_from(rc.id).ok()?,
        date: rc.date,
        session,
        year,
        kind,
        issues,
        important: rc.important.unwrap_or(false),
        votes: rc.votes.clone(),
    })
}

pub fn run(args: Args) -> ExitCode {
    let (Some(a), Some(b)) = (state(&args.a), state(&args.b)) else {
        let bad = if state(&args.a).is_none() { &args.a } else { &args.b };
        eprintln!("plenary agree: {bad:?} is not a state the record knows; expected an ISO3 code (UKR) or a name (Ukraine)");
        return ExitCode::from(2);
    };
    let Some(measure) = Measure::parse(&args.measure) else {
        eprintln!("plenary agree: --measure {:?}: expected identical, lijphart, s-score or state-dept", args.measure);
        return ExitCode::from(2);
    };
    let issue = match args.issue.as_deref().map(|i| (i, Issue::from_code(i))) {
        Some((i, None)) => {
            eprintln!("plenary agree: --issue {i:?}: expected one of me, nu, di, hr, co, ec");
            return ExitCode::from(2);
        }
        Some((_, some)) => some,
        None => None,
    };
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("agree", &e),
        };
        let filter = plenary_record::query::Filter {
            body: Some("GA".into()),
            from: args.from,
            to: args.to,
            ..Default::default()
        };
        let calls: Vec<RollCall> = match store.roll_calls(&filter).await {
            Ok(r) => r.iter().filter_map(to_analysis).collect(),
            Err(e) => return db::fail("agree", &e),
        };
        let by = if args.by == "session" { By::Session } else { By::Year };
        let f = Filter { issue, ..Default::default() };
        let m = VoteMatrix::build(&calls, &f, by, &Continuity::default());
        let series = match plenary_analysis::agree::pair_over_time(&m, a, b, measure) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("plenary agree: {e}");
                return ExitCode::from(2);
            }
        };
        if args.json {
            println!("{}", serde_json::to_string(&series).unwrap_or_default());
        } else {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            if !args.csv {
                println!("{a} and {b}, {} by {}, General Assembly recorded votes (unanimous votes left out)", args.measure, args.by);
            }
            let _ = w.write_record(["period", "value", "votes"]);
            for p in &series {
                let v = p.value.map(|v| format!("{v:.4}")).unwrap_or_default();
                let _ = w.write_record([p.period.to_string(), v, p.votes.to_string()]);
            }
            let _ = w.flush();
        }
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn issue_codes_the_analysis_knows_are_kept_and_others_ignored() {
        let rc = to_analysis(&record_call(Some("74"), "2020-03-02", "part")).unwrap();
        assert!(rc.issues.contains(Issue::from_code("hr").unwrap()));
        assert_eq!(rc.issues.iter().count(), 1);
        assert_eq!(rc.kind, Kind::Part);
    }
}
