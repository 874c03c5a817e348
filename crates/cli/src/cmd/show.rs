//! `plenary show SYMBOL [--json]`: one decision with its tallies, outcome, votes and findings.
//!
//! Symbols as the UN writes them or loosely: "A/RES/ES-11/1", "ES-11/1", "res 2774",
//! "S/RES/2774".

use std::process::ExitCode;

use plenary_record::query::DecisionView;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// The symbol of a resolution or draft.
    #[arg(required = true, num_args = 1..)]
    pub symbol: Vec<String>,
    /// Print JSON: symbol, body, date, title, yes, no, abstain, non_voting, outcome, votes,
    /// counted, sources, findings.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let symbol = args.symbol.join(" ");
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("show", &e),
        };
        let ids = match store.find_symbol(&symbol).await {
            Ok(ids) => ids,
            Err(e) => return db::fail("show", &e),
        };
        if ids.is_empty() {
            eprintln!("plenary show: no decision with the symbol {symbol:?} in the record (try `plenary search WORDS`)");
            return ExitCode::from(2);
        }
        let mut views = Vec::new();
        for id in &ids {
            match store.decision(*id).await {
                Ok(Some(v)) => views.push(v),
                Ok(None) => {}
                Err(e) => return db::fail("show", &e),
            }
        }
        if args.json {
            let out = if views.len() == 1 { serde_json::to_string_pretty(&views[0]) } else { serde_json::to_string_pretty(&views) };
            println!("{}", out.unwrap_or_default());
        } else {
            for (i, v) in views.iter().enumerate() {
                if i > 0 {
                    println!("\n----");
                }
                print_view(v);
            }
        }
        ExitCode::SUCCESS
    })
}

fn print_view(v: &DecisionView) {
    let registry = plenary_rules::states::Registry::bundled();
    println!("{}  ({}, {})", v.symbol.as_deref().or(v.draft.as_deref()).unwrap_or("(no symbol)"), v.body, v.kind);
    if let Some(t) = &v.title {
        println!("{t}");
    }
    println!("Date: {}{}", v.date, v.session.as_deref().map(|s| format!("   Session: {s}")).unwrap_or_default());
    if let Some(m) = &v.meeting {
        println!("Meeting: {m}");
    }
    if let Some(d) = &v.draft {
        println!("Draft: {d}");
    }
    if let Some(a) = &v.amends {
        println!("Amends / part of: {a}");
    }
    println!("Adoption: {}", v.adoption);
    println!("Tally ({}): {} in favour, {} against, {} abstaining, {} not voting", v.tally_from, v.yes, v.no, v.abstain, v.non_voting);
    println!("Counted from the state rows: {} Y, {} N, {} A, {} X, {} absent", v.counted.yes, v.counted.no, v.counted.abstain, v.counted.non_voting, v.counted.absent);
    for s in &v.sources {
        let p = |x: Option<i64>| x.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
        println!(
            "  source {} ({} line {}): published {}-{}-{}{}",
            s.source,
            s.file,
            s.line,
            p(s.yes),
            p(s.no),
            p(s.abstain),
            s.published_outcome.as_deref().map(|o| format!(", labelled {o:?}")).unwrap_or_default()
        );
    }
    match (&v.outcome, &v.outcome_explanation) {
        (Some(o), Some(why)) => println!("Outcome: {o}: {why}"),
        (Some(o), None) => println!("Outcome: {o}"),
        _ => println!("Outcome (as the source labels it): {}", v.published_outcome.as_deref().unwrap_or("not given")),
    }
    if !v.vetoed_by.is_empty() {
        let names: Vec<String> = v.vetoed_by.iter().map(|s| plenary_rules::StateCode::parse(s).map(|c| registry.name(c).to_string()).unwrap_or_else(|| s.clone())).collect();
        println!("Vetoed by: {} (Charter Art. 27(3); declared with a vote by show of hands)", names.join(", "));
    }
    for (label, code) in [("In favour", "Y"), ("Against", "N"), ("Abstaining", "A"), ("Present, not voting", "X"), ("Absent", "-")] {
        let mut states: Vec<String> = v
            .votes
            .iter()
            .filter(|(_, c)| c.as_str() == code)
            .map(|(s, _)| plenary_rules::StateCode::parse(s).map(|c| registry.name(c).to_string()).unwrap_or_else(|| s.clone()))
            .collect();
        states.sort();
        if !states.is_empty() {
            println!("\n{label} ({}):\n  {}", states.len(), states.join(", "));
        }
    }
    if !v.findings.is_empty() {
        println!("\nFindings ({}):", v.findings.len());
        for f in &v.findings {
            println!("  [{}] {} ({}:{})", f.kind, f.message, f.file, f.line);
        }
    }
}
