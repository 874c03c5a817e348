//! `plenary check [--json] [--all] [--kind K] [--source S]`: the findings, where the sources
//! disagree with their own rows, with the rules, or with each other. First a table of counts
//! by source and kind, then what each kind means, why it happens in that source and what a
//! researcher should do (the texts are `plenary_record::fidelity::FindingKind`'s, shared with
//! the web pages), then, with `--all` or a filter, the findings with their evidence.

use std::collections::BTreeMap;
use std::process::ExitCode;

use plenary_record::fidelity::FindingKind;
use plenary_record::query::FindingView;
use serde::Serialize;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// Print the counts, the explanations and the findings as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// List every finding with its evidence, after the summary.
    #[arg(long)]
    pub all: bool,
    /// Only findings of this kind (e.g. tally-mismatch, label-contradicts-votes).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only findings from this source (e.g. sc-archive, unvotes, dgacm, fixtures).
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
}

#[derive(Serialize)]
struct Count {
    source: String,
    kind: String,
    count: i64,
}

#[derive(Serialize)]
struct KindText {
    kind: String,
    meaning: Option<&'static str>,
    /// Why it happens, per source that has findings of this kind.
    why: BTreeMap<String, &'static str>,
    advice: Option<&'static str>,
    count: i64,
}

#[derive(Serialize)]
struct Report {
    total: i64,
    counts: Vec<Count>,
    kinds: Vec<KindText>,
    findings: Vec<FindingView>,
}

fn explain(counts: &[Count]) -> Vec<KindText> {
    let mut by_kind: BTreeMap<&str, KindText> = BTreeMap::new();
    for c in counts {
        let k = FindingKind::from_code(&c.kind);
        let entry = by_kind.entry(&c.kind).or_insert_with(|| KindText {
            kind: c.kind.clone(),
            meaning: k.map(FindingKind::meaning),
            why: BTreeMap::new(),
            advice: k.map(FindingKind::advice),
            count: 0,
        });
        entry.count += c.count;
        if let Some(k) = k {
            entry.why.insert(c.source.clone(), k.why(&c.source));
        }
    }
    let mut out: Vec<KindText> = by_kind.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.kind.cmp(&b.kind)));
    out
}

/// Prints `text` wrapped at 96 columns, each line indented by `indent`.
fn wrapped(indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > 96 {
            println!("{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        println!("{indent}{line}");
    }
}

pub fn run(args: Args) -> ExitCode {
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("check", &e),
        };
        let counts = match store.finding_counts().await {
            Ok(c) => c,
            Err(e) => return db::fail("check", &e),
        };
        for (flag, value, known) in [
            ("--kind", &args.kind, counts.iter().map(|c| c.1.as_str()).chain(FindingKind::ALL.iter().map(|k| k.code())).collect::<Vec<_>>()),
            ("--source", &args.source, counts.iter().map(|c| c.0.as_str()).chain(plenary_record::formats::FORMATS.iter().copied()).collect()),
        ] {
            if let Some(v) = value
                && !known.contains(&v.as_str())
            {
                let mut known = known;
                known.sort();
                known.dedup();
                eprintln!("plenary check: {flag} {v:?} is not known; expected one of {}", known.join(", "));
                return ExitCode::from(2);
            }
        }
        let counts: Vec<Count> = counts
            .into_iter()
            .filter(|(s, k, _)| args.kind.as_ref().is_none_or(|x| x == k) && args.source.as_ref().is_none_or(|x| x == s))
            .map(|(source, kind, count)| Count { source, kind, count })
            .collect();
        let list = args.json || args.all || args.kind.is_some() || args.source.is_some();
        let mut findings = Vec::new();
        if list {
            findings = match store.findings().await {
                Ok(f) => f,
                Err(e) => return db::fail("check", &e),
            };
            findings.retain(|f| args.kind.as_ref().is_none_or(|k| &f.kind == k) && args.source.as_ref().is_none_or(|s| &f.source == s));
        }
        let total: i64 = counts.iter().map(|c| c.count).sum();
        let kinds = explain(&counts);
        if args.json {
            let report = Report { total, counts, kinds, findings };
            println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            return ExitCode::SUCCESS;
        }

        println!("{total} findings: where a source disagrees with its own rows, with the Charter's rules or with another source.");
        println!("Source values are kept as published; `plenary show SYMBOL` shows a decision with its findings.\n");
        let sources: Vec<&str> = {
            let mut s: Vec<&str> = counts.iter().map(|c| c.source.as_str()).collect();
            s.sort();
            s.dedup();
            s
        };
        print!("{:<30}", "kind");
        for s in &sources {
            print!(" {s:>11}");
        }
        println!(" {:>7}", "total");
        for k in &kinds {
            print!("{:<30}", k.kind);
            for s in &sources {
                match counts.iter().find(|c| c.kind == k.kind && c.source == *s) {
                    Some(c) => print!(" {:>11}", c.count),
                    None => print!(" {:>11}", "."),
                }
            }
            println!(" {:>7}", k.count);
        }
        println!();
        for k in &kinds {
            println!("{} ({})", k.kind, k.count);
            match k.meaning {
                Some(m) => wrapped("  ", m),
                None => wrapped("  ", "No explanation is recorded for this kind (FindingKind in crates/record/src/fidelity.rs)."),
            }
            for (source, why) in &k.why {
                wrapped("  ", &format!("Why, in {source}: {why}"));
            }
            if let Some(a) = k.advice {
                wrapped("  ", &format!("What to do: {a}"));
            }
            println!();
        }
        if list {
            println!("{} findings listed:", findings.len());
            for f in &findings {
                println!("{} [{}] {}: {}", f.source, f.kind, f.symbol.as_deref().unwrap_or("-"), f.message);
                println!("    at {}:{} (version {})", f.file, f.line, f.version.get(..12).unwrap_or(&f.version));
                println!("    evidence: {}", f.evidence);
            }
        } else {
            println!("`plenary check --all` lists every finding with its evidence; --kind KIND or --source SOURCE lists some.");
        }
        ExitCode::SUCCESS
    })
}
