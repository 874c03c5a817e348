//! The search page's in-memory index gives what `Store::search` and `Store::find_symbol` give,
//! on the real record (the bundle's DGACM resolutions, Security Council archive and verified
//! fixtures), for English, accented, Cyrillic and wildcard words, every filter and several
//! limits; on SQLite, and on PostgreSQL when `TEST_PG_URL` is set.

use plenary_record::Store;
use plenary_record::bundle::PARTS;
use plenary_record::query::{Filter, SearchHit};
use plenary_web::search::{CaseMap, SearchIndex};

fn date(s: &str) -> Option<plenary_rules::Date> {
    Some(plenary_rules::Date::parse_from_str(s, "%Y-%m-%d").unwrap())
}

/// The record these tests search: every bundled part but the 1946-2019 unvotes roll calls
/// (the longest to load; the DGACM file has the Assembly's titles since 1946 as well).
async fn load(store: &Store) {
    for part in PARTS.iter().filter(|p| p.format != "unvotes") {
        store.import_bundle_part(part, plenary_rules::states::Registry::bundled()).await.unwrap();
    }
}

fn key(h: &SearchHit) -> serde_json::Value {
    serde_json::to_value(h).unwrap()
}

/// (words, filter, limit): what a reader or the CLI may ask.
fn cases() -> Vec<(Vec<&'static str>, Filter, i64)> {
    let all = Filter::default();
    let sc = Filter { body: Some("sc".into()), ..Filter::default() };
    let since_2022 = Filter { from: date("2022-01-01"), to: date("2025-12-31"), ..Filter::default() };
    let amendments = Filter { kinds: vec!["amendment".into(), "motion".into()], ..Filter::default() };
    let issue = Filter { issue: Some("HR".into()), ..Filter::default() };
    let ga_2014 = Filter { body: Some("GA".into()), from: date("2014-03-27"), to: date("2014-03-27"), ..Filter::default() };
    vec![
        (vec!["territorial", "integrity"], all.clone(), 500),
        (vec!["TERRITORIAL", "Integrity"], all.clone(), 500),
        (vec!["ukraine"], all.clone(), 500),
        (vec!["ukraine"], all.clone(), 7),
        (vec!["ukraine"], since_2022.clone(), 500),
        (vec!["ukraine"], ga_2014.clone(), 500),
        (vec!["Ukraine"], sc.clone(), 500),
        (vec!["situation"], sc.clone(), 50),
        (vec!["palestine"], all.clone(), -1),
        (vec!["amendment"], amendments.clone(), 500),
        (vec!["human", "rights"], issue.clone(), 500),
        (vec!["Côte"], all.clone(), 500),
        (vec!["CÔTE", "d’ivoire"], all.clone(), 500),
        (vec!["côte"], sc.clone(), 500),
        (vec!["Україна"], all.clone(), 500),
        (vec!["україни", "резолюція"], all.clone(), 500),
        (vec!["Резолюция"], since_2022.clone(), 500),
        (vec!["Ukraine", "Україна"], all.clone(), 500),
        (vec!["es-11/"], all.clone(), 500),
        (vec!["s/res/27"], all.clone(), 500),
        (vec!["a/res/es"], all.clone(), 0),
        (vec!["50%", "_"], all.clone(), 100),
        (vec!["%"], since_2022.clone(), 30),
        (vec!["back\\slash"], all.clone(), 500),
        (vec!["zzzqqq"], all.clone(), 500),
        (vec![], sc.clone(), 40),
        (vec![], all.clone(), 500),
    ]
}

async fn same_answers(store: &Store) {
    let index = SearchIndex::load(store).await.unwrap();
    assert!(index.len() > 4_000, "the record should hold the bundle's decisions, has {}", index.len());
    assert_ne!(index.case_map(), CaseMap::Unknown, "the index should understand this database's LOWER");
    let mut answered = 0;
    let mut found_something = 0;
    for (words, filter, limit) in cases() {
        let words: Vec<String> = words.into_iter().map(str::to_string).collect();
        let pg = store.backend() == plenary_record::Backend::Postgres;
        let expected = match store.search(&words, &filter, limit).await {
            Ok(hits) => hits.iter().map(key).collect::<Vec<_>>(),
            Err(e) => {
                // PostgreSQL refuses a negative LIMIT: the index leaves that answer to it.
                assert!(pg && limit < 0, "{words:?} limit {limit}: {e}");
                assert!(index.search(&words, &filter, limit).is_none(), "the index should leave a refused query to the database");
                continue;
            }
        };
        let Some(got) = index.search(&words, &filter, limit) else {
            // Only where the index says it cannot be sure: a backslash on PostgreSQL.
            assert!(pg && words.iter().any(|w| w.contains('\\')), "the index declined {words:?}");
            continue;
        };
        let got: Vec<serde_json::Value> = got.iter().map(|f| key(f.hit)).collect();
        eprintln!("{:?} {words:?} {filter:?} limit {limit}: {} found", index.case_map(), expected.len());
        assert_eq!(got, expected, "{words:?} {filter:?} limit {limit}: the index and Store::search differ");
        answered += 1;
        if !expected.is_empty() {
            found_something += 1;
        }
    }
    // Not a comparison of empty lists: most of the questions find decisions.
    assert!(answered >= 25 && found_something >= 15, "answered {answered}, found something {found_something}");
    // The outcomes the page shows come from the record.
    let words = vec!["ukraine".to_string()];
    for f in index.search(&words, &Filter::default(), 500).unwrap() {
        let d = store.decision(f.hit.id).await.unwrap().unwrap();
        assert_eq!(f.outcome, d.outcome.as_deref(), "decision {}", f.hit.id);
    }
    for input in ["ES-11/1", "A/RES/ES-11/1", "res 2774", "2774", "A/ES-11/L.1", "a/es-11/l.1", "S/2022/155", "S/RES/2623 (2022)", "territorial integrity", "Україна", ""] {
        let expected = store.find_symbol(input).await.unwrap();
        assert_eq!(index.find_symbol(input), Some(expected), "find_symbol({input:?})");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_index_answers_as_the_record_does_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("plenary-search-index-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("record.sqlite");
    let store = Store::open(&path.display().to_string()).await.unwrap();
    load(&store).await;
    same_answers(&store).await;
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_index_answers_as_the_record_does_on_postgres() {
    let Ok(base) = std::env::var("TEST_PG_URL") else {
        if std::env::var("PLENARY_REQUIRE_PG").as_deref() == Ok("1") {
            panic!("PLENARY_REQUIRE_PG=1 but TEST_PG_URL is not set");
        }
        eprintln!("\n*** SKIPPED on PostgreSQL: TEST_PG_URL is not set (set PLENARY_REQUIRE_PG=1 to fail instead) ***\n");
        return;
    };
    sqlx::any::install_default_drivers();
    let name = format!("plenary_search_{}", std::process::id());
    let admin = sqlx::AnyPool::connect(&base).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).execute(&admin).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&admin).await.unwrap();
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("TEST_PG_URL {base:?} has no database part"),
    };
    let store = Store::open(&url).await.unwrap();
    load(&store).await;
    same_answers(&store).await;
    store.close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).execute(&admin).await.unwrap();
}
