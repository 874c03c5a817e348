//! The country page's ideal point over time (issue 6 §1), fitted in the background
//! (`plenary_server::fits`): before the fit the page says the estimates are being computed
//! instead of failing or waiting; once fitted it shows the CLI's chart; after the record
//! changes it keeps the chart and says new estimates are on the way. On a small real record:
//! DGACM's file of the eleventh emergency special session (data/record/dgacm/ES-11.json.gz).

mod common;
mod pages_fixture;

use common::TestDb;
use pages_fixture::{import_es11, import_fixtures};
use plenary_server::fits::Estimates;
use plenary_rules::StateCode;

/// The ideal-point section of a country page (from its heading to the end of its section).
fn section(html: &str) -> &str {
    let start = html.find("id=\"idealpoints\"").unwrap_or_else(|| panic!("no ideal-point section in:\n{html}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").expect("the section ends")]
}

async fn country(base: &str, path: &str) -> String {
    let r = reqwest::get(format!("{base}{path}")).await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

on_both_databases!(the_country_page_shows_the_ideal_point_once_fitted_and_says_so_before);

async fn the_country_page_shows_the_ideal_point_once_fitted_and_says_so_before(db: TestDb) {
    let h = db.start().await;
    let fits = h.server.state.fits.clone();
    // The fit at start-up, on an empty record: nothing to scale.
    let s = fits.settled().await;
    assert!(matches!(s.latest.as_deref().map(|f| &f.estimates), Some(Estimates::TooLittle)), "{s:?}");
    let page = country(&h.base, "/country/UKR?lang=en").await;
    assert!(section(&page).contains("no contested recorded vote"), "{}", section(&page));

    import_es11(&db).await;
    // The record changed: the first page after it starts the fit and says so, in each language,
    // rather than waiting for it (the fit of ES-11 takes well under a second, so only the first
    // request is sure to come before its end).
    let page = country(&h.base, "/country/UKR?lang=en").await;
    let sec = section(&page);
    assert!(sec.contains("are being computed"), "{sec}");
    assert!(!sec.contains("<svg"), "no chart before the fit: {sec}");
    assert!(page.contains("id=\"h-votes\""), "the rest of the page is there meanwhile");

    let s = fits.settled().await;
    let Some(Estimates::Fitted { points, .. }) = s.latest.as_deref().map(|f| &f.estimates) else { panic!("ES-11 fits: {s:?}") };
    // The scale is oriented with the United States positive; on the votes of ES-11 Ukraine
    // stands with it and the Russian Federation at the other end.
    let at = |c: &str, y: i32| points.iter().find(|p| p.state == StateCode::parse(c).unwrap() && p.year == y).map(|p| p.position);
    let (ukr, rus, usa) = (at("UKR", 2022).expect("UKR 2022"), at("RUS", 2022).expect("RUS 2022"), at("USA", 2022).expect("USA 2022"));
    assert!(usa > 0.0 && ukr > 0.0 && rus < 0.0, "USA {usa}, UKR {ukr}, RUS {rus}");

    for (lang, name) in [("en", "Ukraine"), ("uk", "Україна"), ("ru", "Украина")] {
        let page = country(&h.base, &format!("/country/UKR?lang={lang}")).await;
        let sec = section(&page);
        assert!(sec.contains("<figure class=\"chart\"><svg"), "{lang}: the chart is shown: {sec}");
        assert!(!sec.contains("role=\"status\""), "{lang}: no notice once current: {sec}");
        assert!(sec.contains(name), "{lang}: the legend names the state: {sec}");
        // One line and one interval band: the state alone.
        assert_eq!(sec.matches("<polygon").count(), 1, "{lang}: one interval band");
    }
    // The Security Council's record has no ideal points: no section.
    let page = country(&h.base, "/country/UKR?lang=en&body=SC").await;
    assert!(!page.contains("id=\"idealpoints\""), "no ideal points for the Security Council's votes");

    // The record changes again: the chart stays, with a note that new estimates are coming.
    import_fixtures(&db).await;
    let page = country(&h.base, "/country/UKR?lang=uk").await;
    let sec = section(&page);
    assert!(sec.contains("<svg") && sec.contains("нові вже обчислюються"), "{sec}");
    let s = fits.settled().await;
    assert!(s.running.is_none() && matches!(s.latest.as_deref().map(|f| &f.estimates), Some(Estimates::Fitted { .. })), "{s:?}");
    let page = country(&h.base, "/country/UKR?lang=uk").await;
    assert!(!section(&page).contains("role=\"status\""), "current again: {}", section(&page));
}
