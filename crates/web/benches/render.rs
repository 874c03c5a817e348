//! Server render time and page weight of each main page (issue 6 §4: at most 20 ms at the
//! median, at most 200 KB of HTML, CSS, JavaScript and map together), with a peer measured in
//! the same run: serde_json serialising the same data the page is rendered from (the record's
//! decision views, the analysis tables), which is what a JSON API would spend instead.
//!
//! cargo bench -p plenary-web --bench render
//!
//! The record: `PLENARY_BENCH_DATABASE` (a loaded record, e.g. ~/.local/share/plenary/
//! plenary.sqlite after `plenary init`), or a temporary one loaded here from the bundle
//! (about a minute in release). "Render" is the `render_*` call on a built view model (what
//! the server does per request once it has the data); "build" is reading the record and
//! computing the view model, shown apart for the pages where it is not trivial (the analysis).
//! Page weight: the HTML as served; CSS, the board's script and the SVG maps are inline, so
//! the HTML's length is the whole page (no other request is made).

use std::collections::BTreeMap;
use std::time::Instant;

use plenary_i18n::Lang;
use plenary_i18n::coverage::{self, CoveredBody, CoveredOutcome};
use plenary_record::Store;
use plenary_rules::StateCode;
use plenary_web::analysis::{AnalysisQuery, build_analysis, render_analysis, to_analysis};
use plenary_web::document::{load_document, render_document};
use plenary_web::*;

const RUNS: usize = 41;
const BUDGET_MS: f64 = 20.0;
const BUDGET_KB: f64 = 200.0;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median milliseconds of `f` over [`RUNS`] runs, after one warm-up.
fn time<T>(mut f: impl FnMut() -> T) -> f64 {
    std::hint::black_box(f());
    median(
        (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}

async fn open_record() -> (Store, Option<std::path::PathBuf>) {
    if let Ok(url) = std::env::var("PLENARY_BENCH_DATABASE") {
        return (Store::open(&url).await.expect("PLENARY_BENCH_DATABASE opens"), None);
    }
    let dir = std::env::temp_dir().join(format!("plenary-bench-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("record.sqlite");
    let store = Store::open(&path.display().to_string()).await.expect("a temporary record");
    eprintln!("loading the bundled record into {} (set PLENARY_BENCH_DATABASE to reuse one)...", path.display());
    store.load_bundle(plenary_rules::states::Registry::bundled(), &mut |_, _, _| {}).await.expect("the bundle loads");
    (store, Some(dir))
}

/// The decision page's view model from the record, as a router builds it: every Member on the
/// date gets a light; the states the source lists, their vote.
fn decision_view(d: &plenary_record::query::DecisionView) -> DecisionView {
    let reg = plenary_rules::states::Registry::bundled();
    let date = chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d").expect("a date");
    let mut votes: BTreeMap<StateCode, Light> = reg.ga_members(date).into_iter().map(|c| (c, Light::NonVoting)).collect();
    for (s, v) in &d.votes {
        if let (Some(c), Some(v)) = (StateCode::parse(s), plenary_rules::Vote::from_code(v)) {
            votes.insert(c, Light::from(v));
        }
    }
    let (covered, _) = plenary_web::document::covered_of(d);
    DecisionView {
        path: format!("/decisions/{}", d.symbol.clone().unwrap_or_default()),
        body: CoveredBody::GeneralAssembly,
        symbol: d.symbol.clone().unwrap_or_default(),
        resolution: covered.resolution.clone(),
        draft: d.draft.clone(),
        meeting: d.meeting.clone(),
        title: d.title.clone(),
        date,
        published: PublishedCounts {
            yes: Some(d.yes),
            no: Some(d.no),
            abstain: Some(d.abstain),
            non_voting: None,
        },
        votes,
        rule: Rule::TwoThirdsPresentAndVoting,
        outcome: covered.outcome.clone(),
        findings: d.findings.iter().map(|f| FindingView { kind: f.kind.clone(), message: f.message.clone() }).collect(),
        provenance: d.sources.first().map(|s| ProvenanceView { format: s.source.clone(), file: s.file.clone(), line: s.line as u64, version: s.version.clone() }),
        amendments: vec![],
        document_href: None,
        amendment_links: vec![],
    }
}

struct Row {
    page: &'static str,
    lang: Lang,
    render_ms: f64,
    bytes: usize,
    peer_ms: Option<f64>,
    build_ms: Option<f64>,
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let (store, tmp) = rt.block_on(open_record());
    let href = |id: i64, s: Option<&str>| s.map(|s| format!("/decisions/{s}")).unwrap_or_else(|| format!("/decisions/id/{id}"));
    let es11_1 = rt.block_on(async {
        let id = store.find_symbol("A/RES/ES-11/1").await.expect("query")[0];
        store.decision(id).await.expect("query").expect("ES-11/1 in the record")
    });
    let doc = rt.block_on(load_document(&store, "A/RES/ES-11/1", "/documents/A/RES/ES-11/1", &href)).expect("query").expect("document");
    let doc_sc = rt.block_on(load_document(&store, "S/RES/2774", "/documents/S/RES/2774", &href)).expect("query").expect("document");
    let sc_records: Vec<plenary_record::query::DecisionView> = rt.block_on(async {
        let mut out = Vec::new();
        for id in store.find_symbol("S/RES/2774").await.expect("query") {
            out.push(store.decision(id).await.expect("query").expect("decision"));
        }
        out
    });
    let record_calls = rt.block_on(store.roll_calls(&plenary_record::query::Filter { body: Some("GA".into()), ..Default::default() })).expect("roll calls");
    let calls: Vec<_> = record_calls.iter().filter_map(to_analysis).collect();
    let dv = decision_view(&es11_1);
    let lights = dv.votes.clone();
    let board = BoardView {
        path: "/meetings/es-11-5/board".into(),
        meeting_id: "es-11-5".into(),
        body: CoveredBody::GeneralAssembly,
        question: "A/ES-11/L.1".into(),
        question_id: Some(1),
        lights: lights.clone(),
        open: false,
        result: Some(BoardResult { outcome: CoveredOutcome::Adopted, announcement: coverage::sentence(Lang::En, &dv.covered()) }),
    };
    let home = HomeView {
        path: "/".into(),
        recent: rt
            .block_on(store.search(&[], &plenary_record::query::Filter { body: Some("GA".into()), ..Default::default() }, 20))
            .expect("search")
            .into_iter()
            .map(|h| DecisionLink {
                href: format!("/decisions/{}", h.symbol.clone().unwrap_or_default()),
                symbol: h.symbol.unwrap_or_default(),
                title: h.title,
                date: chrono::NaiveDate::parse_from_str(&h.date, "%Y-%m-%d").expect("a date"),
                outcome: CoveredOutcome::Adopted,
            })
            .collect(),
        meetings: vec![],
        query: String::new(),
    };
    let ukr = StateCode::parse("UKR").expect("code");
    let ukr_votes = rt.block_on(store.votes_of(&[ukr], &plenary_record::query::Filter { body: Some("GA".into()), ..Default::default() })).expect("votes");
    let country = CountryView {
        path: "/states/UKR".into(),
        state: ukr,
        rows: ukr_votes
            .iter()
            .rev()
            .take(300)
            .map(|r| CountryVoteRow {
                href: format!("/decisions/{}", r.symbol.clone().unwrap_or_default()),
                symbol: r.symbol.clone().unwrap_or_default(),
                date: chrono::NaiveDate::parse_from_str(&r.date, "%Y-%m-%d").expect("a date"),
                title: r.title.clone(),
                light: plenary_rules::Vote::from_code(&r.vote).map(Light::from).unwrap_or(Light::Absent),
            })
            .collect(),
        charts: vec![],
        idealpoints: CountryIdealPoints::Computing,
    };

    let mut rows = Vec::new();
    let peer_decision = time(|| serde_json::to_string(&es11_1).expect("json"));
    let peer_sc = time(|| serde_json::to_string(&sc_records).expect("json"));
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        let html = render_decision(lang, &dv).expect("render");
        rows.push(Row { page: "decision A/RES/ES-11/1", lang, render_ms: time(|| render_decision(lang, &dv)), bytes: html.len(), peer_ms: Some(peer_decision), build_ms: None });
        let html = render_document(lang, &doc).expect("render");
        rows.push(Row { page: "document A/RES/ES-11/1 (text)", lang, render_ms: time(|| render_document(lang, &doc)), bytes: html.len(), peer_ms: Some(peer_decision), build_ms: None });
        let html = render_document(lang, &doc_sc).expect("render");
        rows.push(Row { page: "document S/RES/2774 (amendments)", lang, render_ms: time(|| render_document(lang, &doc_sc)), bytes: html.len(), peer_ms: Some(peer_sc), build_ms: None });
        let q = AnalysisQuery::default();
        let q = AnalysisQuery { to: calls.iter().map(|c| c.year).max(), ..q };
        let build = time(|| build_analysis(lang, "/analysis", &calls, &q));
        let av = build_analysis(lang, "/analysis", &calls, &q);
        let html = render_analysis(lang, &av).expect("render");
        // Peer: the same analysis's data as JSON (the period's agreement table and blocs).
        let (lo, hi) = (av.from, av.to);
        let m = plenary_analysis::VoteMatrix::build(&calls, &plenary_analysis::Filter { years: Some((lo, hi)), ..Default::default() }, plenary_analysis::By::Whole, &plenary_analysis::Continuity::seats());
        let table = plenary_analysis::agree::agreement_table(&m, &m.periods()[0], plenary_analysis::Measure::Identical, 0.5);
        let blocs = plenary_analysis::blocs::blocs(&m, &Default::default());
        let peer = time(|| serde_json::to_string(&(&table, &blocs)).expect("json"));
        rows.push(Row { page: "analysis (default: last 5 years)", lang, render_ms: time(|| render_analysis(lang, &av)), bytes: html.len(), peer_ms: Some(peer), build_ms: Some(build) });
        let html = render_board(lang, &board).expect("render");
        rows.push(Row { page: "board (193 lights)", lang, render_ms: time(|| render_board(lang, &board)), bytes: html.len(), peer_ms: None, build_ms: None });
        let html = render_home(lang, &home).expect("render");
        rows.push(Row { page: "home (20 decisions)", lang, render_ms: time(|| render_home(lang, &home)), bytes: html.len(), peer_ms: None, build_ms: None });
        let html = render_country(lang, &country).expect("render");
        rows.push(Row { page: "country UKR (300 votes)", lang, render_ms: time(|| render_country(lang, &country)), bytes: html.len(), peer_ms: None, build_ms: None });
    }
    println!("{:<36} {:>4} {:>11} {:>10} {:>12} {:>14} {:>12}", "page", "lang", "render ms", "KB", "json peer ms", "render/peer", "build ms");
    let mut over = Vec::new();
    for r in &rows {
        let kb = r.bytes as f64 / 1024.0;
        println!(
            "{:<36} {:>4} {:>11.3} {:>10.1} {:>12} {:>14} {:>12}",
            r.page,
            r.lang.tag(),
            r.render_ms,
            kb,
            r.peer_ms.map(|p| format!("{p:.3}")).unwrap_or_else(|| "-".into()),
            r.peer_ms.map(|p| format!("{:.1}x", r.render_ms / p)).unwrap_or_else(|| "-".into()),
            r.build_ms.map(|b| format!("{b:.1}")).unwrap_or_else(|| "-".into()),
        );
        if r.render_ms > BUDGET_MS || kb > BUDGET_KB {
            over.push(format!("{} ({})", r.page, r.lang));
        }
    }
    println!("median of {RUNS} runs each; budget {BUDGET_MS} ms render, {BUDGET_KB} KB page");
    if over.is_empty() {
        println!("every page within budget");
    } else {
        println!("OVER BUDGET: {}", over.join(", "));
    }
    rt.block_on(store.close());
    if let Some(dir) = tmp {
        let _ = std::fs::remove_dir_all(dir);
    }
    if !over.is_empty() {
        std::process::exit(1);
    }
}
