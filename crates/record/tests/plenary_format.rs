//! Plenary's own NDJSON format and the Parquet export (issue 3, "Importers": `plenary`, export
//! then import is lossless; "Queries": `export --format parquet`). Every case runs on a
//! temporary SQLite file and on fresh PostgreSQL databases (when `TEST_PG_URL` is set;
//! `PLENARY_REQUIRE_PG=1` makes its absence a failure).

use std::future::Future;
use std::path::PathBuf;

use plenary_record::query::{ExportRow, Filter};
use plenary_record::{Store, StoreError};
use plenary_rules::states::Registry;
use sqlx::Executor;

fn here(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(dir: &str, names: &[&str]) -> Vec<(String, Vec<u8>)> {
    names.iter().map(|f| (format!("{dir}/{f}"), std::fs::read(here(dir).join(f)).expect("test data"))).collect()
}

fn gunzip(rel: &str) -> (String, Vec<u8>) {
    use std::io::Read;
    let bytes = std::fs::read(here("../..").join(rel)).expect("bundled data");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut out).expect("gzip");
    (rel.trim_end_matches(".gz").to_string(), out)
}

/// A real subset with every kind of row the record holds: unvotes (12 roll calls), Voeten's
/// release of the same roll calls (absent and non-member rows, merged by rcid: decisions with
/// two sources), the DGACM ES-11 file (adoptions without a vote, repeated records), the SC
/// archive (label-contradicts-votes findings) and the verified fixtures (partial lists, failed
/// drafts, amendments).
async fn load_subset(store: &Store) {
    let reg = Registry::bundled();
    store.import_files("unvotes", &read("tests/data/unvotes", &["un_roll_calls.csv", "un_votes.csv", "un_roll_call_issues.csv"]), reg).await.expect("unvotes");
    store.import_files("voeten", &read("tests/data/voeten", &["rollcalls.csv", "votes.csv"]), reg).await.expect("voeten");
    store.import_files("dgacm", &[gunzip("data/record/dgacm/ES-11.json.gz")], reg).await.expect("dgacm");
    let sc = std::fs::read(here("../../data/record/sc/sc_resolutions_1946_2026.json.gz")).expect("sc archive");
    store.import_files("sc-archive", &[("data/record/sc/sc_resolutions_1946_2026.json.gz".into(), sc)], reg).await.expect("sc-archive");
    store
        .import_files("fixtures", &read("../../data/fixtures", &["real_votes_public.json", "totals_2025_02_24.csv", "votes_2025_02_24_partial.csv"]), reg)
        .await
        .expect("fixtures");
}

async fn ndjson(store: &Store, filter: &Filter) -> Vec<u8> {
    let mut out = Vec::new();
    store
        .export_plenary(filter, |l| {
            serde_json::to_writer(&mut out, l).expect("json");
            out.push(b'\n');
            Ok(())
        })
        .await
        .expect("export");
    out
}

async fn rows(store: &Store, filter: &Filter) -> Vec<ExportRow> {
    let mut out = Vec::new();
    store
        .export_each(filter, |r| {
            out.push(r);
            Ok(())
        })
        .await
        .expect("export rows");
    out
}

async fn counts(store: &Store) -> Vec<i64> {
    let mut out = Vec::new();
    for t in ["decisions", "decision_sources", "votes", "findings", "imports", "documents", "sponsors", "state_aliases", "decision_issues"] {
        let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {t}");
        out.push(sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(store.pool()).await.expect("count"));
    }
    out
}

async fn restore(store: &Store, name: &str, bytes: &[u8]) -> Result<plenary_record::ImportReport, StoreError> {
    store.import_files("plenary", &[(name.to_string(), bytes.to_vec())], Registry::bundled()).await
}

/// Runs `case` with `n` fresh stores on SQLite, then on PostgreSQL.
async fn on_both<F, Fut>(name: &str, n: usize, case: F)
where
    F: Fn(Vec<Store>) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().expect("temp dir");
    let mut stores = Vec::new();
    for i in 0..n {
        stores.push(Store::open(&dir.path().join(format!("{i}.sqlite")).display().to_string()).await.expect("open sqlite"));
    }
    case(stores.clone()).await;
    for s in stores {
        s.close().await;
    }

    let Ok(url) = std::env::var("TEST_PG_URL") else {
        if std::env::var("PLENARY_REQUIRE_PG").as_deref() == Ok("1") {
            panic!("{name}: TEST_PG_URL is not set and PLENARY_REQUIRE_PG=1: the PostgreSQL half of this test cannot run");
        }
        eprintln!("!!!!!!!! SKIPPED the PostgreSQL half of {name}: TEST_PG_URL is not set !!!!!!!!");
        return;
    };
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(&url).await.expect("connect to TEST_PG_URL");
    let base = url.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(url.clone());
    let mut stores = Vec::new();
    let mut names = Vec::new();
    for i in 0..n {
        let db = format!("plenary_test_{name}_{i}_{}", std::process::id());
        admin.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {db}"))).await.expect("drop");
        admin.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}"))).await.expect("create database");
        stores.push(Store::open(&format!("{base}/{db}")).await.expect("open postgres"));
        names.push(db);
    }
    case(stores.clone()).await;
    for s in stores {
        s.close().await;
    }
    for db in names {
        admin.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE {db}"))).await.expect("drop database");
    }
}

#[tokio::test]
async fn export_then_import_into_an_empty_database_gives_the_same_record() {
    on_both("roundtrip", 2, |stores| async move {
        let (a, b) = (&stores[0], &stores[1]);
        load_subset(a).await;
        let first = ndjson(a, &Filter::default()).await;
        let report = restore(b, "a.ndjson", &first).await.expect("restore");
        assert!(!report.unchanged);
        assert_eq!(counts(a).await, counts(b).await, "every table has as many rows");
        let again = ndjson(b, &Filter::default()).await;
        assert!(first == again, "the second export differs from the first");
        assert_eq!(rows(a, &Filter::default()).await.len(), rows(b, &Filter::default()).await.len());

        // `show` of a few symbols gives the same JSON (ids, votes, sources, findings).
        for symbol in ["A/RES/ES-11/1", "A/RES/ES-11/7", "S/RES/2774 (2025)", "res 1", "A/ES-11/L.10"] {
            let ia = a.find_symbol(symbol).await.expect("find");
            let ib = b.find_symbol(symbol).await.expect("find");
            assert!(!ia.is_empty(), "{symbol} is in the subset");
            assert_eq!(ia, ib, "{symbol}");
            for id in ia {
                let va = serde_json::to_value(a.decision(id).await.expect("show").expect("decision")).expect("json");
                let vb = serde_json::to_value(b.decision(id).await.expect("show").expect("decision")).expect("json");
                assert_eq!(va, vb, "{symbol}");
            }
        }
        // What round-trips includes the hard parts: decisions with two sources, absent and
        // non-voting rows kept apart, decisions without votes, and findings.
        let text = String::from_utf8(first.clone()).expect("utf-8");
        assert!(text.lines().any(|l| l.contains("\"record\":\"decision\"") && l.matches("\"source_key\"").count() >= 2), "a decision with two sources");
        assert!(text.contains("\"vote\":\"-\"") && text.contains("\"vote\":\"X\""), "absent and non-voting rows");
        assert!(text.contains("\"adoption\":\"without-vote\""));
        let kinds: std::collections::BTreeSet<String> = a.findings().await.expect("findings").into_iter().map(|f| f.kind).collect();
        assert!(kinds.contains("label-contradicts-votes") && kinds.contains("tally-mismatch"), "{kinds:?}");
        // Every kind the importers produced here has its explanation for `plenary check`.
        for k in &kinds {
            assert!(plenary_record::fidelity::FindingKind::from_code(k).is_some(), "no FindingKind for {k:?}");
        }

        // Re-importing changes nothing, into the copy and into the original.
        let before = counts(b).await;
        assert!(restore(b, "a.ndjson", &first).await.expect("again").unchanged);
        assert_eq!(counts(b).await, before);
        let before = counts(a).await;
        assert!(restore(a, "a.ndjson", &first).await.expect("into the original").unchanged);
        assert_eq!(counts(a).await, before);
    })
    .await;
}

#[tokio::test]
async fn a_filtered_export_restores_its_decisions_with_their_findings() {
    on_both("filtered", 2, |stores| async move {
        let (a, b) = (&stores[0], &stores[1]);
        load_subset(a).await;
        let sc = Filter { body: Some("SC".into()), ..Default::default() };
        let part = ndjson(a, &sc).await;
        restore(b, "sc.ndjson", &part).await.expect("restore");
        assert!(part == ndjson(b, &sc).await, "the SC part round-trips");
        let sc_ids: std::collections::HashSet<i64> = a.roll_calls(&sc).await.expect("roll calls").iter().map(|r| r.id).collect();
        let sc_findings = a.findings().await.expect("findings").into_iter().filter(|f| f.decision_id.is_some_and(|d| sc_ids.contains(&d))).count();
        assert_eq!(b.findings().await.expect("findings").len(), sc_findings);
        assert!(sc_findings > 100, "the archive's label faults came along: {sc_findings}");
        // The whole export shares imports with what b now has: refused, b unchanged.
        let before = counts(b).await;
        let err = restore(b, "all.ndjson", &ndjson(a, &Filter::default()).await).await.expect_err("partly present");
        assert!(err.to_string().starts_with("all.ndjson: the record already has"), "{err}");
        assert_eq!(counts(b).await, before);
    })
    .await;
}

#[tokio::test]
async fn a_malformed_line_names_file_line_and_field_and_changes_nothing() {
    on_both("malformed", 2, |stores| async move {
        let (a, b) = (&stores[0], &stores[1]);
        let reg = Registry::bundled();
        a.import_files("voeten", &read("tests/data/voeten", &["rollcalls.csv", "votes.csv"]), reg).await.expect("voeten");
        let good = String::from_utf8(ndjson(a, &Filter::default()).await).expect("utf-8");
        let lines: Vec<&str> = good.lines().collect();
        let at = lines.iter().position(|l| l.contains("\"record\":\"decision\"")).expect("a decision line");
        let n = at + 1;
        let with = |new: String| {
            let mut v: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
            v[at] = new;
            v.join("\n")
        };
        let line = lines[at];
        let cases: Vec<(String, String)> = vec![
            (with(line.replacen("\"vote\":\"Y\"", "\"vote\":\"Q\"", 1)), format!("x.ndjson:{n}: field `sources[0].votes[")),
            (with(line.replacen("\"date\":\"", "\"date\":\"19", 1)), format!("x.ndjson:{n}: field `date`")),
            (with(line.replacen("\"decision_id\":", "\"decision_id\":\"", 1)), format!("x.ndjson:{n}: ")),
            (with(line.replacen("\"import_id\":", "\"import_id\":9", 1)), format!("x.ndjson:{n}: field `import_id`")),
            (with(line.replacen("\"kind\":\"", "\"kind\":\"x", 1)), format!("x.ndjson:{n}: field `kind`")),
            (with(line.replacen("\"body\":", "\"bodies\":", 1)), format!("x.ndjson:{n}: field `")),
            (with(line.replacen("\"line\":", "\"line\":-", 1)), format!("x.ndjson:{n}: field `sources[0].")),
            (with(line[..line.len() / 2].to_string()), format!("x.ndjson:{n}: not a JSON object")),
            (lines[1..].join("\n"), "x.ndjson:1: field `record`".to_string()),
        ];
        for (bytes, expected) in cases {
            let err = restore(b, "x.ndjson", bytes.as_bytes()).await.expect_err("malformed");
            assert!(err.to_string().starts_with(&expected), "expected {expected:?}, got {err}");
            assert!(matches!(err, StoreError::Parse(_)), "bad input is a parse error (exit status 2)");
            assert_eq!(counts(b).await.iter().sum::<i64>(), 0, "the database is unchanged");
        }
    })
    .await;
}

#[tokio::test]
async fn the_parquet_export_has_the_csv_rows_with_their_types() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    on_both("parquet", 1, |stores| async move {
        let a = &stores[0];
        load_subset(a).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("votes.parquet");
        let filter = Filter::default();
        let expected = rows(a, &filter).await;
        // Row groups of 10,000 rows: the subset's ~44,000 rows make five, the last one partial.
        let mut w = plenary_record::formats::ParquetExport::with_row_group(std::fs::File::create(&path).expect("create"), 10_000).expect("writer");
        a.export_each(&filter, |r| w.push(&r)).await.expect("export");
        assert_eq!(w.finish().expect("finish"), expected.len() as u64);

        let reader = SerializedFileReader::new(std::fs::File::open(&path).expect("open")).expect("a parquet file");
        let meta = reader.metadata();
        assert_eq!(meta.file_metadata().num_rows() as usize, expected.len());
        assert_eq!(meta.num_row_groups(), expected.len().div_ceil(10_000));
        let schema = meta.file_metadata().schema_descr();
        let col = |name: &str| schema.columns().iter().find(|c| c.name() == name).unwrap_or_else(|| panic!("column {name}"));
        assert_eq!(col("date").physical_type(), parquet::basic::Type::INT32);
        assert_eq!(col("date").logical_type_ref(), Some(&parquet::basic::LogicalType::Date));
        assert_eq!(col("decision_id").physical_type(), parquet::basic::Type::INT64);
        assert_eq!(col("vote").logical_type_ref(), Some(&parquet::basic::LogicalType::String));
        let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
        assert_eq!(names, ExportRow::HEADER);

        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
        let picks = [0, 1, expected.len() / 3, expected.len() / 2, expected.len() - 1];
        for (i, row) in reader.get_row_iter(None).expect("rows").enumerate() {
            if !picks.contains(&i) {
                continue;
            }
            let row = row.expect("row");
            let e = &expected[i];
            assert_eq!(row.get_long(0).expect("decision_id"), e.decision_id);
            assert_eq!(row.get_string(1).expect("body"), &e.body);
            let days = match row.get_column_iter().nth(2).map(|(_, f)| f) {
                Some(parquet::record::Field::Date(d)) => *d,
                other => panic!("date is a DATE, got {other:?}"),
            };
            let date = epoch + chrono::Duration::days(days as i64);
            assert_eq!(date.to_string(), e.date);
            assert_eq!(row.get_string(3).ok(), e.session.as_ref());
            assert_eq!(row.get_string(4).ok(), e.symbol.as_ref());
            assert_eq!(row.get_string(5).expect("kind"), &e.kind);
            assert_eq!(row.get_bool(6).ok(), e.important.map(|v| v != 0));
            assert_eq!(row.get_long(7).ok(), e.rcid);
            assert_eq!(row.get_string(8).ok(), e.title.as_ref());
            assert_eq!(row.get_string(9).expect("state"), &e.state);
            assert_eq!(row.get_string(10).expect("vote"), &e.vote);
            assert_eq!(row.get_string(11).expect("source"), &e.source);
            assert_eq!(row.get_long(12).expect("source_line"), e.source_line);
        }
    })
    .await;
}
