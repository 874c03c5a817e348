//! Every state spelling or code used by Plenary's public sources resolves, at the date of its
//! row, to a state that was a member of the body on that date. Where a source records a vote
//! for a state that was not a member (a date approximation, a vote recorded after a state left)
//! that is a data fact: it is listed in `data/states/source_findings.csv`, and the tests fail
//! on any fact not listed there (and on listed facts that no longer occur).
//!
//! `every_row_of_every_source_resolves_to_a_member` reads the full sources from the project's
//! shared data (`$PLENARY_SHARED_DATA`, else `../shared/data` beside the repository).
//! `every_extracted_spelling_resolves_at_its_first_and_last_date` reads the compact extract
//! `data/states/source_spellings.csv` that ships with the repository, so it always runs.
//! `PLENARY_BLESS=1` rewrites the findings file from the full run.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use plenary_rules::states::{Date, Registry, StateCode};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("PLENARY_SHARED_DATA").map(PathBuf::from).unwrap_or_else(|| repo().join("../shared/data"));
    p.join("membership/un_member_states.csv").exists().then_some(p)
}

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s:?}"))
}

/// (source, spelling or code, resolved code, finding) -> (first date, last date, rows)
type Findings = BTreeMap<(String, String, String, String), (Date, Date, u64)>;

struct Check<'r> {
    reg: &'r Registry,
    findings: Findings,
    rows: BTreeMap<String, u64>,
}

impl<'r> Check<'r> {
    fn new() -> Self {
        Check { reg: Registry::bundled(), findings: BTreeMap::new(), rows: BTreeMap::new() }
    }

    fn fact(&mut self, source: &str, spelling: &str, resolved: &str, finding: &str, date: Date) {
        let e = self
            .findings
            .entry((source.into(), spelling.into(), resolved.into(), finding.into()))
            .or_insert((date, date, 0));
        e.0 = e.0.min(date);
        e.1 = e.1.max(date);
        e.2 += 1;
    }

    /// `code` resolved from `spelling` in `source`; the row says it sat in `body` on `date`.
    fn member(&mut self, source: &str, body: &str, spelling: &str, code: Option<StateCode>, date: Date) {
        *self.rows.entry(source.into()).or_default() += 1;
        let Some(code) = code else {
            self.fact(source, spelling, "", "unresolved", date);
            return;
        };
        let ok = match body {
            "SC" => self.reg.is_sc_member(code, date),
            _ => self.reg.is_ga_member(code, date),
        };
        if !ok {
            let finding = if body == "SC" { "not an SC member on the date" } else { "not a GA member on the date" };
            self.fact(source, spelling, code.as_str(), finding, date);
        }
    }
}

fn gz(path: &Path) -> String {
    let mut s = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_string(&mut s).unwrap();
    s
}

fn csv_rows(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().clone();
    (h, r.records().map(Result::unwrap).collect())
}

fn col(h: &csv::StringRecord, name: &str) -> usize {
    h.iter().position(|x| x == name).unwrap_or_else(|| panic!("no column {name}"))
}

/// "2 March 2022", "2\u{a0}March 2022" or "2019-10-10 00:00:00".
fn dgacm_date(s: &str) -> Date {
    let s = s.replace('\u{a0}', " ");
    let s = s.trim();
    if let Ok(x) = Date::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
        return x;
    }
    Date::parse_from_str(s, "%d %B %Y").unwrap_or_else(|_| panic!("unreadable adoption_date {s:?}"))
}

/// The DGACM files are sequences of JSON objects and arrays, not one document.
fn json_sequence(text: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let mut it = serde_json::Deserializer::from_str(rest).into_iter::<serde_json::Value>();
        match it.next() {
            Some(Ok(serde_json::Value::Array(a))) => out.extend(a),
            Some(Ok(v)) => out.push(v),
            other => panic!("bad JSON sequence: {other:?}"),
        }
        rest = &rest[it.byte_offset()..];
    }
}

fn full_run(data: &Path) -> Check<'static> {
    let mut ck = Check::new();
    let reg = ck.reg;

    // unvotes: country and ISO2 country_code must agree, at the roll call's date.
    let (h, rcs) = csv_rows(&gz(&data.join("unvotes/un_roll_calls.csv.gz")));
    let rc: BTreeMap<String, Date> = rcs.iter().map(|r| (r[col(&h, "rcid")].to_string(), d(&r[col(&h, "date")]))).collect();
    let (h, votes) = csv_rows(&gz(&data.join("unvotes/un_votes.csv.gz")));
    let (ci, ni, ki) = (col(&h, "rcid"), col(&h, "country"), col(&h, "country_code"));
    let mut cache: BTreeMap<(String, Date), Option<StateCode>> = BTreeMap::new();
    for r in &votes {
        let date = rc[&r[ci]];
        let by_name = *cache.entry((r[ni].to_string(), date)).or_insert_with(|| reg.resolve(&r[ni], date));
        if !r[ki].is_empty() {
            let by_code = reg.resolve_iso2(&r[ki], date);
            if by_code != by_name {
                ck.fact("unvotes", &format!("{} / {}", &r[ni], &r[ki]), &format!("{by_name:?} vs {by_code:?}"), "name and code disagree", date);
            }
        }
        ck.member("unvotes", "GA", &r[ni], by_name, date);
    }

    // Voeten: COW codes. Vote 9 is "not a member"; any other vote (yes, no, abstain, absent)
    // says the state was a member that day. (Voeten's `member` column is per session.)
    let (h, rcs) = csv_rows(&gz(&data.join("voeten/rollcalls_1946_2015.csv.gz")));
    let rc: BTreeMap<String, Date> = rcs.iter().map(|r| (r[col(&h, "rcid")].to_string(), d(&r[col(&h, "date")]))).collect();
    let (h, votes) = csv_rows(&gz(&data.join("voeten/votes_1946_2015.csv.gz")));
    let (ci, cc, vi) = (col(&h, "rcid"), col(&h, "ccode"), col(&h, "vote"));
    for r in &votes {
        let Some(&date) = rc.get(&r[ci]) else { continue };
        let ccode: u16 = r[cc].parse().unwrap();
        let code = reg.resolve_cow(ccode, date);
        let label = format!("COW {ccode}");
        if &r[vi] != "9" {
            ck.member("voeten", "GA", &label, code, date);
        } else if let Some(code) = code.filter(|c| reg.is_ga_member(*c, date)) {
            ck.fact("voeten", &label, code.as_str(), "marked not a member by Voeten but a GA member", date);
        }
    }

    // DGACM: upper-case names in the vote lists of each resolution.
    let mut files: Vec<_> = std::fs::read_dir(data.join("dgacm/data_extract")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        for o in json_sequence(&std::fs::read_to_string(f).unwrap()) {
            let date = dgacm_date(o["adoption_date"].as_str().unwrap());
            for k in ["MS_in_favour", "MS_against", "MS_abstaining"] {
                for name in o[k].as_array().into_iter().flatten() {
                    let name = name.as_str().unwrap();
                    ck.member("dgacm", "GA", name, reg.resolve(name, date), date);
                }
            }
        }
    }

    // SC resolutions: every member named in a record's votes sat on the Council that day.
    let sc: serde_json::Value = serde_json::from_str(&gz(&data.join("sc/sc_resolutions_1946_2026.json.gz"))).unwrap();
    for o in sc.as_array().unwrap() {
        let date = d(o["date"].as_str().unwrap());
        for name in o["votes"].as_object().into_iter().flat_map(|m| m.keys()) {
            ck.member("sc_archive", "SC", name, reg.resolve(name, date), date);
        }
    }

    // Fixtures: English names.
    let fx: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(data.join("fixtures/real_votes_public.json")).unwrap()).unwrap();
    for o in fx.as_array().unwrap() {
        let date = d(o["date"].as_str().unwrap());
        let body = o["body"].as_str().unwrap();
        let lists = o["votes"].as_object().into_iter().flat_map(|m| m.values());
        for name in lists.chain(std::iter::once(&o["vetoed_by"])).flat_map(|v| v.as_array().into_iter().flatten()) {
            let name = name.as_str().unwrap();
            ck.member("fixtures", body, name, reg.resolve(name, date), date);
        }
    }
    let (h, rows) = csv_rows(&std::fs::read_to_string(data.join("fixtures/votes_2025_02_24_partial.csv")).unwrap());
    for r in &rows {
        let (name, date) = (&r[col(&h, "country_name_as_in_source")], d(&r[col(&h, "date")]));
        ck.member("fixtures", &r[col(&h, "body")], name, reg.resolve(name, date), date);
    }
    ck
}

const FINDINGS: &str = "data/states/source_findings.csv";
const FINDINGS_HEADER: &str = "source,spelling,resolved,finding,first_date,last_date,rows";

fn read_findings() -> Findings {
    let text = std::fs::read_to_string(repo().join(FINDINGS)).unwrap_or_default();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(Result::unwrap)
        .map(|x| ((x[0].into(), x[1].into(), x[2].into(), x[3].into()), (d(&x[4]), d(&x[5]), x[6].parse().unwrap())))
        .collect()
}

fn write_findings(f: &Findings) {
    let mut w = csv::WriterBuilder::new().from_path(repo().join(FINDINGS)).unwrap();
    w.write_record(FINDINGS_HEADER.split(',')).unwrap();
    for ((s, sp, r, fi), (a, b, n)) in f {
        w.write_record([s, sp, r, fi, &a.to_string(), &b.to_string(), &n.to_string()]).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn every_row_of_every_source_resolves_to_a_member() {
    let Some(data) = shared() else {
        eprintln!("shared data not found (set PLENARY_SHARED_DATA): the full-source check is skipped; the extract check still runs");
        return;
    };
    let ck = full_run(&data);
    // unvotes has 870,109 rows (shared/data/README.md); the others are lower bounds.
    eprintln!("rows checked per source: {:?}", ck.rows);
    for ((s, sp, r, fi), (a, b, n)) in &ck.findings {
        eprintln!("finding: {s} {sp:?} -> {r} {fi}: {a}..{b} ({n} rows)");
    }
    for (source, n) in [("unvotes", 870_109), ("voeten", 700_000), ("dgacm", 130_000), ("sc_archive", 41_000), ("fixtures", 800)] {
        assert!(ck.rows.get(source).copied().unwrap_or(0) >= n, "{source}: only {:?} rows read", ck.rows.get(source));
    }
    let disagree: Vec<_> = ck.findings.keys().filter(|k| k.3 == "name and code disagree").collect();
    assert!(disagree.is_empty(), "names and codes that resolve differently: {disagree:?}");
    if std::env::var_os("PLENARY_BLESS").is_some() {
        write_findings(&ck.findings);
        return;
    }
    let known = read_findings();
    let new: Vec<_> = ck.findings.iter().filter(|(k, v)| known.get(*k) != Some(*v)).collect();
    let gone: Vec<_> = known.keys().filter(|k| !ck.findings.contains_key(*k)).collect();
    assert!(new.is_empty() && gone.is_empty(), "findings differ from {FINDINGS} (PLENARY_BLESS=1 rewrites it after review):\nnew or changed: {new:#?}\nno longer found: {gone:#?}");
}

#[test]
fn every_extracted_spelling_resolves_at_its_first_and_last_date() {
    let reg = Registry::bundled();
    let known = read_findings();
    assert!(!known.is_empty(), "{FINDINGS} is missing");
    let (h, rows) = csv_rows(&std::fs::read_to_string(repo().join("data/states/source_spellings.csv")).unwrap());
    let (si, bi, spi, ci, fi, li) = (col(&h, "source"), col(&h, "body"), col(&h, "spelling"), col(&h, "code_in_source"), col(&h, "first_date"), col(&h, "last_date"));
    let mut unresolved = Vec::new();
    let mut unexplained = Vec::new();
    let mut checked = 0;
    for r in &rows {
        for date in [d(&r[fi]), d(&r[li])] {
            let (label, code) = if &r[si] == "voeten" {
                (format!("COW {}", &r[ci]), reg.resolve_cow(r[ci].parse().unwrap(), date))
            } else {
                (r[spi].to_string(), reg.resolve(&r[spi], date))
            };
            if &r[si] == "unvotes" && !r[ci].is_empty() && reg.resolve_iso2(&r[ci], date) != code {
                unresolved.push(format!("unvotes {} / {} on {date}: name and ISO2 disagree", &r[spi], &r[ci]));
            }
            let Some(code) = code else {
                // A row Voeten marks "not a member" need not name a state of the registry
                // (COW 710 before the PRC held China's seat).
                let listed = known
                    .get(&(r[si].to_string(), label.clone(), String::new(), "unresolved".to_string()))
                    .is_some_and(|(a, b, _)| *a <= date && date <= *b);
                if &r[bi] != "GA-nonmember" && !listed {
                    unresolved.push(format!("{} {label:?} on {date}", &r[si]));
                }
                continue;
            };
            checked += 1;
            let body = &r[bi];
            let (ok, finding) = match body {
                "SC" => (reg.is_sc_member(code, date), "not an SC member on the date"),
                "GA" => (reg.is_ga_member(code, date), "not a GA member on the date"),
                _ => (!reg.is_ga_member(code, date), "marked not a member by Voeten but a GA member"),
            };
            let explained = known
                .get(&(r[si].to_string(), label.clone(), code.to_string(), finding.to_string()))
                .is_some_and(|(a, b, _)| *a <= date && date <= *b);
            if !ok && !explained {
                unexplained.push(format!("{} {label:?} -> {code} on {date}: {finding}", &r[si]));
            }
        }
    }
    assert!(checked > 2000, "only {checked} checks");
    assert!(unresolved.is_empty(), "unresolved: {unresolved:#?}");
    assert!(unexplained.is_empty(), "not members and not listed in {FINDINGS}: {unexplained:#?}");
}

/// The UN Digital Library's voting CSVs (ms_code ISO3, ms_name in UN upper-case spelling), in
/// the test files `crates/record/tests/data/undl/` builds from real votes: the code and the
/// name resolve to the same member of the body on the row's date.
#[test]
fn undl_codes_and_names_agree_and_are_members() {
    let reg = Registry::bundled();
    let dir = repo().join("crates/record/tests/data/undl");
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "csv")).collect(),
        Err(_) => {
            eprintln!("{} not found: skipped", dir.display());
            return;
        }
    };
    files.sort();
    let mut bad = Vec::new();
    let mut rows = 0;
    for f in &files {
        let body = if f.file_name().unwrap().to_string_lossy().starts_with("sc") { "SC" } else { "GA" };
        let (h, recs) = csv_rows(&std::fs::read_to_string(f).unwrap());
        let (ci, ni, di) = (col(&h, "ms_code"), col(&h, "ms_name"), col(&h, "date"));
        for r in &recs {
            let date = d(&r[di]);
            let (by_code, by_name) = (reg.resolve(&r[ci], date), reg.resolve(&r[ni], date));
            let member = by_code.is_some_and(|c| if body == "SC" { reg.is_sc_member(c, date) } else { reg.is_ga_member(c, date) });
            if by_code.is_none() || by_code != by_name || !member {
                bad.push(format!("{}: {} / {} on {date}: {by_code:?} vs {by_name:?}", f.display(), &r[ci], &r[ni]));
            }
            rows += 1;
        }
    }
    assert!(rows > 100, "only {rows} rows in {}", dir.display());
    assert!(bad.is_empty(), "{bad:#?}");
}
