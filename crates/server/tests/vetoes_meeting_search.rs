//! The vetoes page, a meeting's page with its coverage, and the search page's index, as
//! `plenary serve` serves them from a record loaded with the bundle's Security Council archive
//! and verified fixtures (`Store::import_bundle_part`), on SQLite and PostgreSQL.

mod common;

use common::TestDb;

/// Loads the bundle's SC archive and fixtures parts into the test database.
async fn load_council(db: &TestDb) {
    let store = plenary_record::Store::open(&db.url).await.expect("the record opens");
    for format in ["sc-archive", "fixtures"] {
        let part = plenary_record::bundle::PARTS.iter().find(|p| p.format == format).unwrap_or_else(|| panic!("the bundle has its {format} part"));
        store.import_bundle_part(part, plenary_rules::states::Registry::bundled()).await.unwrap_or_else(|e| panic!("{format}: {e}"));
    }
    store.close().await;
}

async fn page(h: &common::Harness, path: &str) -> (u16, String) {
    let r = h.client.get(format!("{}{path}", h.base)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The rows of the page's `<tbody>`.
fn rows(html: &str) -> Vec<&str> {
    let start = html.find("<tbody>").expect("a table");
    let end = start + html[start..].find("</tbody>").unwrap();
    html[start..end].split("<tr>").skip(1).collect()
}

async fn vetoes_of_russia_since_2022(db: TestDb) {
    load_council(&db).await;
    let h = db.start().await;
    let (status, html) = page(&h, "/vetoes?state=RUS&from=2022&lang=en").await;
    assert_eq!(status, 200, "{html}");
    let rows = rows(&html);
    assert!(rows.iter().any(|r| r.contains(">S/2022/155</a>") && r.contains("href=\"/decision/S/2022/155\"")), "S/2022/155 listed and linked");
    assert!(rows.iter().any(|r| r.contains(">S/2022/431</a>") && r.contains("China, Russian Federation")), "S/2022/431 listed with both vetoing states");
    assert!(!html.contains("S/RES/2623"), "an adopted resolution is not a veto");
    assert!(rows.iter().all(|r| r.contains("Russian Federation")), "only vetoes the Russian Federation cast");
    assert!(rows.iter().all(|r| !r.contains(">2014<") && !r.contains("2021</td>")), "none before 2022");
    assert!(html.contains("11 in favour, 1 against, 3 abstaining"), "the tally of S/2022/155");
    assert!(html.contains("the Security Council archive lists adopted resolutions only"));
    // The draft's link leads to its page, and its meeting to the meeting's.
    let (status, d) = page(&h, "/decision/S/2022/155?lang=en").await;
    assert_eq!(status, 200, "{d}");
    assert!(d.contains("S/2022/155"));
    // `to` ends with its year: the European amendment vetoed on 24 February 2025 drops out.
    let (_, to_2024) = page(&h, "/vetoes?state=RUS&from=2022&to=2024&lang=en").await;
    let kept = self::rows(&to_2024);
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(rows.len() > kept.len() && rows.iter().any(|r| r.contains("24 February 2025")), "{rows:?}");
    // In Ukrainian and Russian, with localised names.
    let (_, uk) = page(&h, "/vetoes?state=RUS&from=2022&lang=uk").await;
    assert!(uk.contains("Китай, Росія") && uk.contains("S/2022/155"));
    let (_, ru) = page(&h, "/vetoes?state=RUS&from=2022&lang=ru").await;
    assert!(ru.contains("Китай, Россия") && ru.contains("S/2022/155"));
    // Bad filters: 400, naming the field.
    let (status, bad) = page(&h, "/vetoes?state=UKR&lang=en").await;
    assert_eq!(status, 400, "{bad}");
    assert!(bad.contains("state") && bad.contains("UKR"));
    let (status, bad) = page(&h, "/vetoes?from=22&lang=en").await;
    assert_eq!(status, 400, "{bad}");
    assert!(bad.contains("from"));
    // The home page and the navigation link to it.
    let (_, home) = page(&h, "/?lang=en").await;
    assert!(home.matches("href=\"/vetoes?lang=en\"").count() >= 2, "linked from the navigation and the home page");
}

async fn a_meeting_page_shows_its_coverage(db: TestDb) {
    load_council(&db).await;
    let h = db.start().await;
    // The Council's meeting of 24 February 2025: a European amendment not adopted for want of
    // votes, another vetoed by the Russian Federation, then the United States draft adopted as
    // resolution 2774 (2025).
    let (status, en) = page(&h, "/meeting/S/PV.9866?lang=en").await;
    assert_eq!(status, 200, "{en}");
    assert!(en.contains("Meeting coverage"));
    assert!(en.contains("2774"), "the resolution adopted: {en}");
    assert!(en.contains("Russian Federation"), "the veto named: {en}");
    let (status, uk) = page(&h, "/meeting/S/PV.9866?lang=uk").await;
    assert_eq!(status, 200);
    assert!(uk.contains("Огляд засідання") && uk.contains("2774"));
    let (status, ru) = page(&h, "/meeting/S/PV.9866?lang=ru").await;
    assert_eq!(status, 200);
    assert!(ru.contains("Обзор заседания") && ru.contains("2774"));
    // The vetoes page links the meeting.
    let (_, v) = page(&h, "/vetoes?from=2025&lang=en").await;
    assert!(v.contains("href=\"/meeting/S/PV.9866\""), "{v}");
    // A decision's page links the meeting it was taken at.
    let (status, d) = page(&h, "/decision/S/2022/155?lang=uk").await;
    assert_eq!(status, 200, "{d}");
    assert!(d.contains("href=\"/meeting/S/PV.8979\"") && d.contains("Засідання та його висвітлення"), "{d}");
    let (status, _) = page(&h, "/meeting/S/PV.1?lang=en").await;
    assert_eq!(status, 404);
    let (status, _) = page(&h, "/meeting/S/RES/2774?lang=en").await;
    assert_eq!(status, 404, "a decision's symbol is not a meeting");
}

async fn the_search_page_finds_what_the_record_finds(db: TestDb) {
    load_council(&db).await;
    let store = plenary_record::Store::open(&db.url).await.unwrap();
    let h = db.start().await;
    // "mandate": 1,155 Council decisions, more than any fixed search limit the page once had,
    // so the page must list the newest of all of them, not the newest of the oldest few.
    for q in ["ukraine", "Situation+in+the+Middle+East", "Україна", "zzzqqq", "mandate"] {
        let words: Vec<String> = q.split('+').map(str::to_string).collect();
        let hits = store.search(&words, &Default::default(), i64::MAX).await.unwrap();
        // What the page lists of them: the newest 100, those with a symbol and an outcome.
        let mut expected = Vec::new();
        for hit in hits.iter().rev().take(100) {
            let d = store.decision(hit.id).await.unwrap().unwrap();
            if let Some(s) = &hit.symbol
                && matches!(d.outcome.as_deref(), Some("adopted" | "rejected" | "vetoed"))
            {
                expected.push(s.clone());
            }
        }
        let (status, html) = page(&h, &format!("/search?q={}&lang=en", q.replace("Україна", "%D0%A3%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0"))).await;
        assert_eq!(status, 200, "{html}");
        let listed: Vec<String> = rows(&html)
            .iter()
            .map(|r| {
                let a = r.find("\">").unwrap() + 2;
                r[a..a + r[a..].find("</a>").unwrap()].replace("&#40;", "(").replace("&#41;", ")").replace("&#32;", " ")
            })
            .collect();
        assert_eq!(listed, expected, "{q}: the page and Store::search");
        if q == "ukraine" {
            assert!(!listed.is_empty(), "the record has Council decisions on Ukraine");
        }
        if q == "mandate" {
            assert!(hits.len() > 1000 && listed.len() == 100, "{} found, {} listed", hits.len(), listed.len());
            assert!(listed[0].contains("(2026)"), "the newest first: {}", listed[0]);
        }
    }
    store.close().await;
}

on_both_databases!(vetoes_of_russia_since_2022, a_meeting_page_shows_its_coverage, the_search_page_finds_what_the_record_finds);
