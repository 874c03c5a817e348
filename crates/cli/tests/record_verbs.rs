//! `plenary check`, `plenary export` and `plenary import --format plenary` through the binary,
//! on a fresh database (the bundled record loads on first use).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_plenary");

fn plenary(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN).arg("--database").arg(db).args(args).env("PLENARY_HOME", db.parent().expect("dir")).output().expect("plenary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// One fresh database with the bundle loaded, shared by the cases of this file.
fn record() -> &'static PathBuf {
    static DB: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        let db = dir.join("record.sqlite");
        let out = plenary(&db, &["init"]);
        assert!(out.status.success(), "init: {}", text(&out.stderr));
        db
    })
}

/// The cases share one loaded record (the test runner gives each test its own process, and
/// loading the bundle takes most of the time), so they run in one test.
#[test]
fn check_export_and_import_on_a_fresh_record() {
    check_counts_the_findings_by_source_and_kind_and_explains_each_kind();
    an_exported_body_restores_into_an_empty_database_and_a_broken_line_is_refused();
    the_parquet_export_has_as_many_rows_as_the_csv_export();
    the_vetoes_of_a_permanent_member_are_listed_with_who_cast_them();
    let _ = std::fs::remove_dir_all(record().parent().expect("dir"));
}

fn check_counts_the_findings_by_source_and_kind_and_explains_each_kind() {
    let out = plenary(record(), &["check", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let r: Value = serde_json::from_slice(&out.stdout).expect("json");
    let counts = r["counts"].as_array().expect("counts");
    let total: i64 = counts.iter().map(|c| c["count"].as_i64().expect("count")).sum();
    assert_eq!(r["total"].as_i64(), Some(total));
    assert_eq!(r["findings"].as_array().map(Vec::len), Some(total as usize), "--json carries every finding");
    // The SC archive's wrong result labels: 121 records (data/record/README.md).
    let labels = counts.iter().find(|c| c["source"] == "sc-archive" && c["kind"] == "label-contradicts-votes").expect("label faults");
    assert_eq!(labels["count"], 121);
    for k in r["kinds"].as_array().expect("kinds") {
        assert!(k["meaning"].is_string() && k["advice"].is_string(), "{} is explained", k["kind"]);
        let sources: Vec<&str> = counts.iter().filter(|c| c["kind"] == k["kind"]).map(|c| c["source"].as_str().expect("source")).collect();
        for s in sources {
            assert!(k["why"][s].is_string(), "{}: why in {s}", k["kind"]);
        }
    }

    let out = plenary(record(), &["check"]);
    let shown = text(&out.stdout);
    assert!(shown.starts_with(&format!("{total} findings")), "{shown}");
    assert!(shown.contains("sc-archive") && shown.contains("Why, in sc-archive:") && shown.contains("What to do:"));
    assert!(!shown.contains("findings listed"), "the summary alone lists no finding");

    let out = plenary(record(), &["check", "--kind", "tally-mismatch", "--source", "sc-archive"]);
    let shown = text(&out.stdout);
    assert!(shown.contains("2 findings listed:") && shown.contains("S/RES/2812 (2026)") && shown.contains("evidence: {"), "{shown}");

    let out = plenary(record(), &["check", "--kind", "no-such-kind"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected one of") && text(&out.stderr).contains("tally-mismatch"));
}

fn an_exported_body_restores_into_an_empty_database_and_a_broken_line_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sc.ndjson");
    let out = plenary(record(), &["export", "-f", "ndjson", "--body", "SC", file.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy = dir.path().join("copy.sqlite");
    let out = plenary(&copy, &["import", "--no-bundle", "--json", "-f", "plenary", file.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let decisions = count_lines(&file, "\"body\":\"SC\"");
    assert!(decisions >= 2815, "the archive's 2,815 resolutions and the fixtures' drafts: {decisions}");
    assert_eq!(report["decisions_new"], decisions as i64, "{report}");
    assert!(report["votes"].as_i64().expect("votes") > 2815 * 10);
    let out = plenary(&copy, &["import", "--no-bundle", "--json", "-f", "plenary", file.to_str().expect("path")]);
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).expect("json")["unchanged"], true);

    // A vote code broken on a decision line: file, line and field, exit status 2.
    let mut lines: Vec<String> = std::fs::read_to_string(&file).expect("read").lines().map(str::to_string).collect();
    let at = lines.iter().enumerate().filter(|(_, l)| l.contains("\"vote\":\"Y\"")).nth(3).map(|(i, _)| i).expect("a decision");
    lines[at] = lines[at].replacen("\"vote\":\"Y\"", "\"vote\":\"yes\"", 1);
    let bad = dir.path().join("bad.ndjson");
    std::fs::write(&bad, lines.join("\n")).expect("write");
    let out = plenary(&dir.path().join("other.sqlite"), &["import", "--no-bundle", "-f", "plenary", bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("bad.ndjson:{}: field `sources[0].votes[", at + 1)) && err.contains("expected Y, N, A, X"), "{err}");
}

fn count_lines(file: &Path, needle: &str) -> usize {
    std::fs::read_to_string(file).expect("read").lines().filter(|l| l.contains("\"record\":\"decision\"") && l.contains(needle)).count()
}

fn the_parquet_export_has_as_many_rows_as_the_csv_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("v.csv");
    let pq = dir.path().join("v.parquet");
    let a = plenary(record(), &["export", "-f", "csv", "--body", "SC", "--from", "2000-01-01", csv.to_str().expect("path")]);
    let b = plenary(record(), &["export", "-f", "parquet", "--body", "SC", "--from", "2000-01-01", pq.to_str().expect("path")]);
    assert!(a.status.success() && b.status.success(), "{} {}", text(&a.stderr), text(&b.stderr));
    let rows = std::fs::read_to_string(&csv).expect("csv").lines().count() - 1;
    assert!(rows > 10_000, "{rows}");
    assert_eq!(text(&b.stderr).trim(), format!("{rows} rows written to {}", pq.display()));
    let bytes = std::fs::read(&pq).expect("parquet");
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "a Parquet file");
}

/// "Which vetoes has Russia cast since 2022?" (USERS.md): the Council's decisions not adopted
/// owing to a permanent member's negative vote (Art. 27(3)), as the verified fixtures record
/// them; a draft that failed for want of votes (S/2014/916, 8-2-5) is not a veto, and a
/// resolution adopted over a permanent member's no (2623 (2022), procedural) is not one either.
fn the_vetoes_of_a_permanent_member_are_listed_with_who_cast_them() {
    let out = plenary(record(), &["vetoes", "RUS", "--from", "2022", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = v.as_array().expect("array");
    let symbols: Vec<&str> = rows.iter().filter_map(|r| r["symbol"].as_str()).collect();
    assert!(symbols.contains(&"S/2022/155") && symbols.contains(&"S/2022/431"), "{symbols:?}");
    assert!(!symbols.iter().any(|s| s.starts_with("S/RES/2623")), "2623 (2022) was adopted: {symbols:?}");
    let dprk = rows.iter().find(|r| r["symbol"] == "S/2022/431").expect("S/2022/431");
    assert_eq!(dprk["vetoed_by"], serde_json::json!(["CHN", "RUS"]));
    assert!(rows.iter().all(|r| r["date"].as_str().is_some_and(|d| d >= "2022-01-01")));
    let amendment = rows.iter().find(|r| r["kind"] == "amendment").expect("the European amendment of 24 February 2025");
    assert_eq!((amendment["date"].as_str(), amendment["vetoed_by"].clone()), (Some("2025-02-24"), serde_json::json!(["RUS"])));

    let all = plenary(record(), &["vetoes", "--json"]);
    let all: Value = serde_json::from_slice(&all.stdout).expect("json");
    assert!(!all.as_array().expect("array").iter().any(|r| r["symbol"] == "S/2014/916"), "failed for want of votes, not vetoed");

    let out = plenary(record(), &["vetoes", "UKR"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a permanent member"), "{}", text(&out.stderr));
}

/// `import --no-bundle` marks the record in the import's own transaction: a later verb reads
/// the chosen files as they are (the bundle is not poured in), a re-import keeps the mark,
/// and a failed import leaves neither the rows nor the mark.
#[test]
fn an_import_without_the_bundle_is_marked_with_it_and_a_failed_one_is_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("chosen.sqlite");
    let subset = Path::new(env!("CARGO_MANIFEST_DIR")).join("../record/tests/data/unvotes");
    let files: Vec<String> = ["un_roll_calls.csv", "un_roll_call_issues.csv", "un_votes.csv"].iter().map(|f| subset.join(f).display().to_string()).collect();
    let args = |json: bool| {
        let mut a = vec!["import", "--no-bundle", "-f", "unvotes"];
        if json {
            a.push("--json");
        }
        a.extend(files.iter().map(String::as_str));
        a
    };
    let out = plenary(&db, &args(true));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["decisions_new"], 12, "{report}");
    let out = plenary(&db, &args(true));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).expect("json")["unchanged"], true);
    // `check` opens the record as every verb does: the bundle would load here if it were not marked.
    let out = plenary(&db, &["check", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(stored(&db), (Some("1".to_string()), 12), "the mark, and the chosen record without the bundle");

    // A broken votes file: exit status 2, and the new record holds no rows and no mark.
    let broken = dir.path().join("un_votes.csv");
    let votes = std::fs::read_to_string(&files[2]).expect("votes");
    std::fs::write(&broken, votes.replacen(",yes", ",maybe", 1)).expect("write");
    let other = dir.path().join("other.sqlite");
    let out = plenary(&other, &["import", "--no-bundle", "-f", "unvotes", &files[0], &files[1], broken.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(stored(&other), (None, 0));
}

/// The `bundle_declined` mark and the number of decisions of the record at `db`.
fn stored(db: &Path) -> (Option<String>, i64) {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(async {
        let store = plenary_record::Store::open(&db.display().to_string()).await.expect("open");
        let mark = store.meta("bundle_declined").await.expect("meta");
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM decisions").fetch_one(store.pool()).await.expect("count");
        store.close().await;
        (mark, n)
    })
}
