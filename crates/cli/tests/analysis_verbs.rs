//! The analysis verbs (`partners`, `matrix`, `blocs`, `idealpoints`, `plot`) run as the
//! binary on a small real record: every General Assembly roll call of 1989-1991 from the
//! bundled unvotes files (data/record/unvotes, rows copied unchanged), imported through
//! `plenary_record`. Numbers are checked against counts made here directly from the unvotes
//! rows, not against the library the binary calls.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_plenary");
const YEARS: std::ops::RangeInclusive<i32> = 1989..=1991;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn gunzip(name: &str) -> Vec<u8> {
    let bytes = std::fs::read(repo().join("data/record/unvotes").join(name)).expect("bundled unvotes file");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut out).expect("gzip");
    out
}

/// Keeps the header and the rows whose `key` column passes `keep`, unchanged.
fn subset(data: &[u8], key: &str, keep: impl Fn(&str) -> bool) -> Vec<u8> {
    let mut r = csv::Reader::from_reader(data);
    let headers = r.headers().unwrap().clone();
    let k = headers.iter().position(|h| h == key).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        if keep(&rec[k]) {
            w.write_record(&rec).unwrap();
        }
    }
    w.into_inner().unwrap()
}

/// The test record and the raw votes it was made from: rcid -> (year, [(iso2, vote)]).
struct Fixture {
    _dir: tempfile::TempDir,
    db: String,
    votes: BTreeMap<i64, (i32, Vec<(String, String)>)>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let calls = gunzip("un_roll_calls.csv.gz");
        let mut rcids = HashMap::new();
        {
            let mut r = csv::Reader::from_reader(calls.as_slice());
            for rec in r.records() {
                let rec = rec.unwrap();
                let year: i32 = rec[3][..4].parse().unwrap();
                if YEARS.contains(&year) {
                    rcids.insert(rec[0].to_string(), year);
                }
            }
        }
        let files = vec![
            ("un_roll_calls.csv".to_string(), subset(&calls, "rcid", |k| rcids.contains_key(k))),
            ("un_roll_call_issues.csv".to_string(), subset(&gunzip("un_roll_call_issues.csv.gz"), "rcid", |k| rcids.contains_key(k))),
            ("un_votes.csv".to_string(), subset(&gunzip("un_votes.csv.gz"), "rcid", |k| rcids.contains_key(k))),
        ];
        let mut votes: BTreeMap<i64, (i32, Vec<(String, String)>)> = BTreeMap::new();
        let mut r = csv::ReaderBuilder::new().from_reader(files[2].1.as_slice());
        for rec in r.records() {
            let rec = rec.unwrap();
            let rcid: i64 = rec[0].parse().unwrap();
            let year = rcids[&rec[0]];
            votes.entry(rcid).or_insert((year, Vec::new())).1.push((rec[2].to_string(), rec[3].to_string()));
        }
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("record.sqlite").display().to_string();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let store = plenary_record::Store::open(&db).await.unwrap();
            store.import_files("unvotes", &files, plenary_rules::states::Registry::bundled()).await.unwrap();
            // Mark the bundle as loaded so that the verbs read this small record as it is
            // instead of loading the whole bundled record into it first.
            store.set_meta(plenary_record::bundle::META_KEY, &plenary_record::bundle::version()).await.unwrap();
            store.close().await;
        });
        Fixture { _dir: dir, db, votes }
    })
}

fn plenary(args: &[&str]) -> Output {
    let f = fixture();
    Command::new(BIN).arg("--database").arg(&f.db).args(args).env("PLENARY_HOME", f._dir.path()).output().expect("run plenary")
}

fn ok(args: &[&str]) -> String {
    let o = plenary(args);
    assert!(o.status.success(), "plenary {args:?}: {}\n{}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn refused(args: &[&str], needle: &str) {
    let o = plenary(args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "plenary {args:?} should exit 2: {err}");
    assert!(err.contains(needle), "plenary {args:?}: {err:?} should say {needle:?}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Identical-vote share and Lijphart index of two unvotes countries (ISO2) in one year,
/// counted from the raw rows: votes both cast (yes/no/abstain) on roll calls that are not
/// unanimous.
fn by_hand(a: &str, b: &str, year: i32) -> (f64, f64, u32) {
    let (mut joint, mut same, mut half) = (0u32, 0u32, 0u32);
    for (y, rows) in fixture().votes.values() {
        if *y != year {
            continue;
        }
        let cast: Vec<&str> = rows.iter().map(|r| r.1.as_str()).filter(|v| ["yes", "no", "abstain"].contains(v)).collect();
        if cast.iter().all(|v| *v == cast[0]) {
            continue;
        }
        let get = |s: &str| rows.iter().find(|r| r.0 == s).map(|r| r.1.as_str()).filter(|v| ["yes", "no", "abstain"].contains(v));
        if let (Some(x), Some(z)) = (get(a), get(b)) {
            joint += 1;
            if x == z {
                same += 1;
            } else if x == "abstain" || z == "abstain" {
                half += 1;
            }
        }
    }
    (same as f64 / joint as f64, (same as f64 + 0.5 * half as f64) / joint as f64, joint)
}

fn matrix_rows(csv_text: &str) -> HashMap<(i32, String, String), (f64, u32)> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            ((rec[0].parse().unwrap(), rec[1].to_string(), rec[2].to_string()), (rec[3].parse().unwrap(), rec[4].parse().unwrap()))
        })
        .collect()
}

#[test]
fn matrix_by_year_gives_every_year_in_long_csv_with_the_hand_counted_values() {
    let out = ok(&["matrix", "--by", "year", "--from", "1989", "--to", "1991", "--measure", "identical", "--csv"]);
    assert_eq!(out.lines().next(), Some("period,a,b,value,votes"));
    let rows = matrix_rows(&out);
    for year in YEARS {
        assert!(rows.keys().any(|k| k.0 == year), "no rows for {year}");
        for (a2, b2, a3, b3) in [("GB", "US", "GBR", "USA"), ("CU", "US", "CUB", "USA"), ("FR", "GB", "FRA", "GBR")] {
            let (ident, _, joint) = by_hand(a2, b2, year);
            let (v, n) = rows[&(year, a3.to_string(), b3.to_string())];
            assert_eq!(n, joint, "{a3}-{b3} {year} votes");
            assert!((v - ident).abs() < 1e-6, "{a3}-{b3} {year}: {v} vs {ident}");
        }
    }
    // Each unordered pair once, a before b.
    assert!(rows.keys().all(|k| k.1 < k.2));
    let lij = matrix_rows(&ok(&["matrix", "--by", "year", "--from", "1990", "--to", "1990", "--measure", "lijphart"]));
    let (_, want, _) = by_hand("CU", "US", 1990);
    assert!((lij[&(1990, "CUB".into(), "USA".into())].0 - want).abs() < 1e-6);
}

#[test]
fn matrix_writes_to_a_file_and_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.csv");
    assert_eq!(ok(&["matrix", "--from", "1990", "--to", "1990", "--out", path.to_str().unwrap()]), "");
    let text = std::fs::read_to_string(&path).unwrap();
    let rows = matrix_rows(&text);
    // --by whole: one period, 0.
    assert!(rows.keys().all(|k| k.0 == 0));
    let json: serde_json::Value = serde_json::from_str(&ok(&["matrix", "--from", "1990", "--to", "1990", "--json"])).unwrap();
    let cells = json.as_array().unwrap();
    assert_eq!(cells.len(), rows.len());
    let c = cells.iter().find(|c| c["a"] == "GBR" && c["b"] == "USA").unwrap();
    assert!((c["value"].as_f64().unwrap() - by_hand("GB", "US", 1990).0).abs() < 1e-6);
}

#[test]
fn partners_ranks_the_closest_and_farthest_by_the_same_values_as_the_matrix() {
    let json: serde_json::Value = serde_json::from_str(&ok(&["partners", "USA", "--from", "1990", "--to", "1990", "--top", "5", "--json"])).unwrap();
    assert_eq!(json["state"], "USA");
    let closest = json["closest"].as_array().unwrap();
    let farthest = json["farthest"].as_array().unwrap();
    assert_eq!((closest.len(), farthest.len()), (5, 5));
    let v = |p: &serde_json::Value| p["value"].as_f64().unwrap();
    assert!(closest.windows(2).all(|w| v(&w[0]) >= v(&w[1])));
    assert!(farthest.windows(2).all(|w| v(&w[0]) <= v(&w[1])));
    assert!(v(&closest[4]) > v(&farthest[4]));
    // Israel and the United Kingdom were the United States' closest partners in 1990.
    let top: Vec<&str> = closest.iter().map(|p| p["state"].as_str().unwrap()).collect();
    assert!(top.contains(&"ISR") && top.contains(&"GBR"), "{top:?}");
    let gbr = closest.iter().find(|p| p["state"] == "GBR").unwrap();
    assert!((v(gbr) - by_hand("GB", "US", 1990).0).abs() < 1e-6);
    // Names work as well as codes, and the text form names the measure.
    let text = ok(&["partners", "United", "States", "--from", "1990", "--to", "1990"]);
    assert!(text.contains("identical") && text.contains("Closest") && text.contains("Israel"), "{text}");
}

#[test]
fn partners_on_a_symbol_splits_the_states_by_their_vote() {
    // The first contested 1990 roll call with a resolution symbol in the record.
    let db = &fixture().db;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let rc = rt.block_on(async {
        let store = plenary_record::Store::open(db).await.unwrap();
        let calls = store.roll_calls(&plenary_record::query::Filter::default()).await.unwrap();
        store.close().await;
        calls
            .into_iter()
            .find(|c| c.symbol.as_deref().is_some_and(|s| s.starts_with("A/RES/45")) && c.votes.iter().any(|v| v.1 == plenary_rules::Vote::No) && c.votes.iter().any(|v| v.1 == plenary_rules::Vote::Yes))
            .unwrap()
    });
    let symbol = rc.symbol.clone().unwrap();
    let usa = plenary_rules::StateCode::parse("USA").unwrap();
    let mine = rc.votes.iter().find(|v| v.0 == usa).unwrap().1;
    let json: serde_json::Value = serde_json::from_str(&ok(&["partners", "USA", "--on", &symbol, "--json"])).unwrap();
    assert_eq!(json["symbol"], symbol.as_str());
    let want_with = rc.votes.iter().filter(|v| v.0 != usa && v.1 == mine).count();
    assert_eq!(json["with"].as_array().unwrap().len(), want_with);
    let opposite = match mine {
        plenary_rules::Vote::Yes => Some(plenary_rules::Vote::No),
        plenary_rules::Vote::No => Some(plenary_rules::Vote::Yes),
        _ => None,
    };
    let want_against = rc.votes.iter().filter(|v| Some(v.1) == opposite).count();
    assert_eq!(json["against"].as_array().unwrap().len(), want_against);
    refused(&["partners", "USA", "--on", "A/RES/99/999"], "no General Assembly recorded vote with the symbol");
}

#[test]
fn blocs_say_their_linkage_and_cut_into_k_blocs() {
    let json: serde_json::Value = serde_json::from_str(&ok(&["blocs", "--from", "1990", "--to", "1990", "--k", "3", "--json"])).unwrap();
    let b = &json.as_array().unwrap()[0];
    assert_eq!(b["linkage"], "average");
    assert_eq!(b["k"], 3);
    let members = b["members"].as_array().unwrap();
    assert!(members.len() > 140, "{}", members.len());
    let mut labels: Vec<u64> = members.iter().map(|m| m["bloc"].as_u64().unwrap()).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(labels.len(), 3);
    // In 1990 average linkage leaves the two outliers, the United States and Israel, each on
    // its own, and everyone else, Cuba as the United Kingdom, in one large bloc.
    let bloc = |s: &str| members.iter().find(|m| m["state"] == s).unwrap()["bloc"].as_u64().unwrap();
    assert_ne!(bloc("USA"), bloc("CUB"));
    assert_ne!(bloc("ISR"), bloc("CUB"));
    assert_ne!(bloc("USA"), bloc("ISR"));
    assert_eq!(bloc("GBR"), bloc("CUB"));
    let text = ok(&["blocs", "--from", "1990", "--to", "1990"]);
    assert!(text.contains("average linkage"), "{text}");
    let by_year: serde_json::Value = serde_json::from_str(&ok(&["blocs", "--by", "year", "--from", "1989", "--to", "1991", "--json"])).unwrap();
    let periods: Vec<i64> = by_year.as_array().unwrap().iter().map(|b| b["period"].as_i64().unwrap()).collect();
    assert_eq!(periods, vec![1989, 1990, 1991]);
    refused(&["blocs", "--measure", "state-dept"], "symmetric");
}

#[test]
fn idealpoints_csv_has_the_published_columns_and_the_united_states_positive() {
    let out = ok(&["idealpoints", "--from", "1989", "--to", "1991", "--csv", "--states", "USA,CUB,SUN"]);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("state,year,position,lower,upper"));
    let rows: Vec<Vec<String>> = lines.map(|l| l.split(',').map(String::from).collect()).collect();
    // The USSR's seat is counted as the Russian Federation's (one membership).
    let states: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(states.into_iter().collect::<Vec<_>>(), vec!["CUB", "RUS", "USA"]);
    for r in &rows {
        let (p, lo, hi): (f64, f64, f64) = (r[2].parse().unwrap(), r[3].parse().unwrap(), r[4].parse().unwrap());
        assert!(lo <= p && p <= hi, "{r:?}");
        if r[0] == "USA" {
            assert!(p > 0.0, "{r:?}");
        }
        if r[0] == "CUB" {
            assert!(p < 0.0, "{r:?}");
        }
    }
    assert_eq!(rows.iter().filter(|r| r[0] == "USA").count(), 3);
    let json: serde_json::Value = serde_json::from_str(&ok(&["idealpoints", "--from", "1990", "--to", "1990", "--json", "--states", "Cuba"])).unwrap();
    assert_eq!(json[0]["state"], "CUB");
    assert_eq!(json[0]["year"], 1990);
}

#[test]
fn plot_writes_each_chart_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str, &str)] = &[
        (&["plot", "agree", "USA", "RUS", "GBR"], "en", "United States: agreement with other states in the General Assembly"),
        (&["plot", "agree", "USA", "CUB"], "uk", "Збіг голосів у Генеральній Асамблеї: Сполучені Штати і Куба"),
        (&["plot", "matrix", "USA", "GBR", "CUB", "IND"], "uk", "0,5"),
        (&["plot", "partners", "UKR"], "uk", "Найближчі"),
        (&["plot", "matrix"], "ru", "Совпадение голосов между государствами, 1989\u{2013}1991"),
        (&["plot", "blocs", "--k", "3"], "uk", "Блоки голосування"),
        (&["plot", "idealpoints", "USA", "CUB"], "ru", "Куба"),
    ];
    for (args, lang, needle) in cases {
        let path = dir.path().join(format!("{}-{}-{lang}.svg", args[1], args.len()));
        let mut a = args.to_vec();
        a.extend(["--from", "1989", "--to", "1991", "--lang", lang, "--out", path.to_str().unwrap()]);
        ok(&a);
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{}", args[1]);
        assert!(svg.contains(needle), "{} {lang}: no {needle:?}", args[1]);
    }
    refused(&["plot", "agree", "USA", "--out", dir.path().join("x.svg").to_str().unwrap()], "two or more states");
    refused(&["plot", "partners", "USA", "--lang", "de", "--out", dir.path().join("x.svg").to_str().unwrap()], "expected en, uk or ru");
}

#[test]
fn bad_input_is_refused_with_exit_2_and_a_message_naming_it() {
    refused(&["partners", "Atlantis"], "\"Atlantis\" is not a state the record knows");
    refused(&["matrix", "--measure", "cosine"], "--measure \"cosine\": expected identical, lijphart, s-score or state-dept");
    refused(&["matrix", "--issue", "xx"], "--issue \"xx\"");
    refused(&["matrix", "--from", "2030", "--to", "2031"], "no General Assembly recorded vote from 2030-01-01 to 2031-12-31");
    refused(&["blocs", "--from", "1991", "--to", "1989"], "is after --to");
    refused(&["idealpoints", "--states", "USA,Narnia"], "\"Narnia\" is not a state");
    refused(&["matrix", "--from", "90"], "expected a year (YYYY) or a date (YYYY-MM-DD)");
    // A state with no vote in the range.
    refused(&["partners", "SSD", "--from", "1990", "--to", "1990"], "cast no vote");
}
