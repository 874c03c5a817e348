//! The document and analysis pages, from the real record (the DGACM resolutions, the Security
//! Council archive and the verified votes of 24 February 2025 in `data/`), in the three
//! languages: the text in the reader's language or in English with a notice, tracked changes
//! marked by more than colour, sponsors, votes linked to their decision pages, the coverage
//! summary, the analysis charts and the 200 KB budget.

use std::sync::OnceLock;

use plenary_i18n::Lang;
use plenary_i18n::coverage::CoveredOutcome;
use plenary_record::Store;
use plenary_record::bundle::PARTS;
use plenary_web::analysis::{AnalysisQuery, build_analysis, load_analysis, render_analysis, to_analysis};
use plenary_web::document::{DocumentView, change_from_description, load_coverage, load_document, render_document, texts_of};

const PAGE_BUDGET: usize = 200 * 1024;

/// A record with every bundled part except the 1946-2019 unvotes roll calls (which these
/// pages do not need and which take most of the loading time). Built once for all the test
/// processes of one build of this binary (nextest runs each test in its own process): the
/// first builds it under a temporary name and renames it into place, the others wait for it.
fn record_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        let stamp = std::fs::metadata(&exe).and_then(|m| m.modified()).map(|t| t.duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs()).unwrap_or(0);
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/tmp");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("plenary-web-record-{stamp}.sqlite"));
        let lock = dir.join(format!("plenary-web-record-{stamp}.lock"));
        if !path.exists() {
            if std::fs::OpenOptions::new().write(true).create_new(true).open(&lock).is_ok() {
                let tmp = dir.join(format!("plenary-web-record-{stamp}-{}.sqlite", std::process::id()));
                build_record(&tmp.display().to_string());
                std::fs::rename(&tmp, &path).unwrap();
                // Records of earlier builds of this binary are stale: remove them.
                for e in std::fs::read_dir(&dir).unwrap().flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.starts_with("plenary-web-record-") && !name.contains(&stamp.to_string()) {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            } else {
                let t = std::time::Instant::now();
                while !path.exists() {
                    assert!(t.elapsed().as_secs() < 900, "waited 15 minutes for {} (remove {} if a build was interrupted)", path.display(), lock.display());
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
            }
        }
        path.display().to_string()
    })
}

fn build_record(url: &str) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let store = Store::open(url).await.unwrap();
        for part in PARTS.iter().filter(|p| p.format != "unvotes") {
            store.import_bundle_part(part, plenary_rules::states::Registry::bundled()).await.unwrap();
        }
        store.close().await;
    });
}

fn with_store<T>(f: impl AsyncFnOnce(&Store) -> T) -> T {
    let url = record_url();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let store = Store::open(url).await.unwrap();
        let out = f(&store).await;
        store.close().await;
        out
    })
}

fn href(id: i64, symbol: Option<&str>) -> String {
    match symbol {
        Some(s) => format!("/decisions/{s}"),
        None => format!("/decisions/id/{id}"),
    }
}

fn document(symbol: &str) -> DocumentView {
    let s = symbol.to_string();
    with_store(async move |store: &Store| load_document(store, &s, &format!("/documents/{s}"), &href).await.unwrap())
        .unwrap_or_else(|| panic!("{symbol} in the record"))
}

#[test]
fn the_texts_of_es_11_1_are_read_in_english_and_russian_paragraph_by_paragraph() {
    let texts = texts_of("ES-11/1").unwrap();
    assert_eq!(texts.iter().map(|t| t.lang).collect::<Vec<_>>(), [Lang::En, Lang::Ru]);
    let en = &texts[0];
    assert_eq!(en.symbol, "A/RES/ES-11/1");
    assert_eq!(en.title, "Aggression against Ukraine");
    assert_eq!(en.formula, "The General Assembly,");
    assert_eq!(en.preamble[0].lead.as_deref(), Some("Reaffirming"));
    assert!(en.preamble[0].text.starts_with("the paramount importance of the Charter"));
    assert_eq!(en.operative[0].num.as_deref(), Some("1."));
    assert_eq!(en.operative[0].lead.as_deref(), Some("Reaffirms its commitment"), "the italics as the source sets them");
    assert!(en.operative.iter().any(|p| p.text.contains("immediately, completely and unconditionally withdraw")));
    let ru = &texts[1];
    assert_eq!(ru.title, "Агрессия против Украины");
    assert_eq!(ru.operative.len(), en.operative.len(), "the same paragraphs in both languages");
    assert!(ru.operative[0].lead.as_deref() == Some("вновь подтверждает"));
    // Every shipped text is read, and nothing else claims a text.
    for n in 1..=6 {
        assert_eq!(texts_of(&format!("A/RES/ES-11/{n}")).unwrap().len(), 2, "ES-11/{n}");
    }
    assert!(texts_of("A/RES/ES-11/7").unwrap().is_empty());
}

#[test]
fn an_amendments_quoted_change_is_read_from_its_recorded_description() {
    let c = change_from_description(
        "European amendment (preamble): \"Russia-Ukraine conflict\" -> \"full-scale invasion of Ukraine by the Russian Federation\"",
    )
    .unwrap();
    assert_eq!(c.delete.as_deref(), Some("Russia-Ukraine conflict"));
    assert_eq!(c.insert.as_deref(), Some("full-scale invasion of Ukraine by the Russian Federation"));
    assert!(change_from_description("Russian amendment: add language on \"eliminating/addressing the root causes\" of the conflict").is_none());
}

#[test]
fn es_11_1_document_page_shows_the_text_in_the_readers_language_or_english_with_a_notice() {
    let v = document("A/RES/ES-11/1");
    assert_eq!(v.symbol, "A/ES-11/L.1 and A/ES-11/L.1/Add.1");
    assert_eq!(v.resolution.as_deref(), Some("A/RES/ES-11/1"));
    assert_eq!(v.sponsors.len(), 96, "the DGACM extract lists 96 sponsors of L.1 and Add.1");
    assert_eq!(v.votes.len(), 1);
    let en = render_document(Lang::En, &v).unwrap();
    assert!(en.contains("<div class=\"doc-text\" lang=\"en\">"));
    assert!(en.contains("immediately, completely and unconditionally withdraw"));
    assert!(!en.contains("class=\"notice\""), "English readers get the English text without a notice");
    assert!(en.contains("href=\"/decisions/A/RES/ES-11/1\""), "the vote links to its decision page");
    assert!(en.contains("adopted resolution ES-11/1 by a recorded vote of 141 in favour to 5 against"));
    let ru = render_document(Lang::Ru, &v).unwrap();
    assert!(ru.contains("<div class=\"doc-text\" lang=\"ru\">"), "a Russian reader gets the Russian text");
    assert!(ru.contains("Агрессия против Украины"));
    assert!(!ru.contains("class=\"notice\""));
    let uk = render_document(Lang::Uk, &v).unwrap();
    assert!(uk.contains("<div class=\"doc-text\" lang=\"en\">"), "no Ukrainian text: English");
    assert!(uk.contains("Текст подано англійською мовою: української версії немає"), "and the page says so");
    assert!(uk.contains("Україна"), "sponsors named in Ukrainian");
    for (lang, html) in [(Lang::En, &en), (Lang::Uk, &uk), (Lang::Ru, &ru)] {
        assert!(html.len() < PAGE_BUDGET, "{lang}: {} bytes", html.len());
    }
}

#[test]
fn the_security_council_amendments_of_24_february_2025_show_as_tracked_changes_with_their_fate() {
    // The European amendments to the United States draft that became S/RES/2774 (2025): the
    // "full-scale invasion" amendment failed for want of votes (6-1-8); the sovereignty
    // amendment was vetoed by the Russian Federation (9 in favour, the rest not reported).
    let v = document("S/RES/2774");
    assert_eq!(v.votes.len(), 3, "two amendments, then the draft");
    assert!(v.votes[..2].iter().all(|d| d.is_amendment()));
    assert_eq!(v.votes[0].covered.outcome, CoveredOutcome::Rejected);
    assert!(matches!(&v.votes[1].covered.outcome, CoveredOutcome::Vetoed { by } if by.iter().map(|c| c.as_str()).collect::<Vec<_>>() == ["RUS"]));
    assert!(!v.votes[1].known.no && !v.votes[1].known.abstain, "only the votes in favour are known");
    let en = render_document(Lang::En, &v).unwrap();
    // Marked up as deleted and inserted text, with a visible cue and a hidden label: never
    // colour alone.
    assert!(en.contains("<del><span class=\"cue\" aria-hidden=\"true\">[−]</span><span class=\"vh\">deleted text:</span><span lang=\"en\">Russia-Ukraine conflict</span></del>"), "{en}");
    assert!(en.contains("<ins><span class=\"cue\" aria-hidden=\"true\">[+]</span><span class=\"vh\">inserted text:</span><span lang=\"en\">full-scale invasion of Ukraine by the Russian Federation</span></ins>"));
    assert!(en.contains("(amendment: Not adopted)"));
    assert!(en.contains("The record has no text of this document"), "no text of S/RES/2774 in the data: said, not invented");
    // The vetoed amendment: 9 in favour, the other figures unknown (shown as unpublished, never 0).
    assert!(en.contains("owing to the negative vote of a permanent member of the Council, Russian Federation. It obtained 9 votes in favour; the record does not give the other figures."), "{en}");
    let uk = render_document(Lang::Uk, &v).unwrap();
    assert!(uk.contains("<span class=\"vh\">вилучений текст:</span>"));
    assert!(uk.contains("поправка: Вето") || uk.contains("поправка: Не ухвалено"));
}

#[test]
fn the_general_assembly_page_of_l_11_lists_the_russian_amendment_before_es_11_8() {
    let v = document("A/ES-11/L.11");
    assert_eq!(v.resolution.as_deref(), Some("A/RES/ES-11/8"));
    assert_eq!(v.votes.len(), 2);
    assert!(v.votes[0].is_amendment());
    assert_eq!(v.votes[0].covered.yes, 31);
    assert_eq!(v.votes[0].covered.no, 71);
    assert!(v.votes[0].known.no && !v.votes[0].known.abstain, "abstentions not reported");
    let en = render_document(Lang::En, &v).unwrap();
    assert!(en.contains("The General Assembly adopted resolution ES-11/8 by a recorded vote of 93 in favour to 8 against"), "{en}");
    assert!(en.contains("Before that vote, it decided on one amendment. The General Assembly rejected an amendment to A/ES-11/L.11, which obtained 31 votes in favour to 71 against; the record does not give the number of abstentions."), "{en}");
}

#[test]
fn coverage_of_a_meeting_groups_amendments_under_their_draft() {
    let cov = with_store(async |store: &Store| load_coverage(store, "S/PV.9866").await.unwrap()).unwrap();
    assert_eq!(cov.meeting.as_deref(), Some("S/PV.9866"));
    assert_eq!(cov.items.len(), 1, "one draft with its two amendments");
    assert_eq!(cov.items[0].amendments.len(), 2);
    let en = cov.paragraphs(Lang::En).join("\n");
    assert!(en.starts_with("The Security Council adopted resolution 2774 (2025) by 10 votes in favour to none against, with 5 abstentions"), "{en}");
    assert!(en.contains("Before that vote, it decided on 2 amendments."));
    assert!(cov.heading(Lang::En).starts_with("Security Council, 24 February 2025 (S/PV.9866): 3 decisions"), "{}", cov.heading(Lang::En));
    let ru = cov.paragraphs(Lang::Ru).join("\n");
    assert!(ru.starts_with("Совет Безопасности принял резолюцию 2774 (2025) 10 голосами при 5 воздержавшихся (Великобритания, Греция, Дания, Словения и Франция); голосов «против» не было."), "{ru}");
    assert!(ru.contains("отклонил поправку к проекту (впоследствии — резолюция 2774 (2025)): 6 голосов «за», 1 «против» при 8 воздержавшихся"), "{ru}");
    assert!(ru.contains("Поправка к проекту (впоследствии — резолюция 2774 (2025)) не принята из-за голоса «против» постоянного члена Совета: Россия."), "{ru}");
    assert!(cov.html(Lang::Uk).starts_with("<section class=\"coverage\" lang=\"uk\">"));
    let none = with_store(async |store: &Store| load_coverage(store, "S/PV.1").await.unwrap());
    assert!(none.is_none());
}

#[test]
fn the_analysis_form_reads_its_fields_and_names_a_bad_one() {
    let q = AnalysisQuery::parse("from=2020&to=2024&issue=hr&measure=lijphart&blocs=3&states=usa%2CRUS+CHN&lang=uk").unwrap();
    assert_eq!((q.from, q.to, q.blocs), (Some(2020), Some(2024), 3));
    assert_eq!(q.states.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["USA", "RUS", "CHN"]);
    assert_eq!(q.issue.map(|i| i.code()), Some("hr"));
    let e = AnalysisQuery::parse("from=20x0").unwrap_err();
    assert_eq!(e.field, "from");
    assert!(e.to_string().contains("expected a year from 1946"), "{e}");
    assert_eq!(AnalysisQuery::parse("from=2024&to=2020").unwrap_err().field, "from");
    assert_eq!(AnalysisQuery::parse("issue=xx").unwrap_err().field, "issue");
    assert_eq!(AnalysisQuery::parse("states=USA,??").unwrap_err().field, "states");
    assert_eq!(AnalysisQuery::parse("").unwrap(), AnalysisQuery::default());
}

#[test]
fn the_analysis_page_draws_the_heat_map_and_the_blocs_map_within_the_budget_in_three_languages() {
    let q = AnalysisQuery::default();
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        let v = with_store(async |store: &Store| load_analysis(store, lang, "/analysis", &q).await.unwrap());
        assert!(v.roll_calls > 100, "{lang}: {} roll calls", v.roll_calls);
        assert!(v.states_total >= 180, "{lang}: {} states on the map", v.states_total);
        assert_eq!(v.shown.len(), 30, "{lang}: the default heat map");
        for p5 in ["CHN", "FRA", "GBR", "RUS", "USA"] {
            assert!(v.shown.iter().any(|s| s.as_str() == p5), "{lang}: {p5} always in the default heat map");
        }
        let html = render_analysis(lang, &v).unwrap();
        assert!(html.len() < PAGE_BUDGET, "{lang}: {} bytes", html.len());
        assert_eq!(html.matches("<svg ").count(), 2, "{lang}: the matrix and the blocs map");
        assert!(html.contains("<form class=\"filters\" method=\"get\""));
        // Every state of the map is named in a list, by bloc (not by colour alone).
        let listed = html.split("<section><h3>").skip(1).map(|s| s.matches("<li>").count()).sum::<usize>();
        assert_eq!(listed, v.states_total, "{lang}");
    }
    let uk = with_store(async |store: &Store| load_analysis(store, Lang::Uk, "/analysis", &q).await.unwrap());
    let html = render_analysis(Lang::Uk, &uk).unwrap();
    assert!(html.contains("Блоки голосування"), "the chart's title in Ukrainian");
    assert!(html.contains("Матриця збігу голосів"));
}

#[test]
fn a_chosen_set_of_states_is_drawn_in_the_heat_map_and_a_state_without_votes_is_named() {
    let q = AnalysisQuery::parse("from=2022&to=2024&states=UKR,RUS,USA,CHN,DEU,SUN").unwrap();
    let calls: Vec<_> = with_store(async |store: &Store| {
        store.roll_calls(&plenary_record::query::Filter { body: Some("GA".into()), ..Default::default() }).await.unwrap()
    })
    .iter()
    .filter_map(to_analysis)
    .collect();
    let v = build_analysis(Lang::En, "/analysis", &calls, &q);
    let mut shown: Vec<&str> = v.shown.iter().map(|s| s.as_str()).collect();
    shown.sort();
    assert_eq!(shown, ["CHN", "DEU", "RUS", "UKR", "USA"]);
    assert!(v.error.as_deref().is_some_and(|e| e.contains("SUN")), "{:?}", v.error);
    // An issue with no vote in the years: said, no chart.
    let none = build_analysis(Lang::En, "/analysis", &calls, &AnalysisQuery::parse("from=1950&to=1951").unwrap());
    assert!(none.matrix_svg.is_none() && none.error.is_some());
    assert!(render_analysis(Lang::Ru, &none).unwrap().contains("class=\"error\""));
}

mod common;
use common::{english_words, read_html};


#[test]
fn the_document_and_analysis_pages_close_their_tags_and_leave_no_english_in_ukrainian_and_russian() {
    let docs = [document("A/RES/ES-11/1"), document("S/RES/2774"), document("A/ES-11/L.11")];
    let q = AnalysisQuery::default();
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        let mut pages: Vec<(String, String)> = docs.iter().map(|d| (d.symbol.clone(), render_document(lang, d).unwrap())).collect();
        let v = with_store(async |store: &Store| load_analysis(store, lang, "/analysis", &q).await.unwrap());
        pages.push(("analysis".into(), render_analysis(lang, &v).unwrap()));
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots-web");
        std::fs::create_dir_all(&dir).unwrap();
        for (name, html) in &pages {
            std::fs::write(dir.join(format!("{}-{lang}.html", name.replace(['/', ' '], "_"))), html).unwrap();
            let texts = read_html(html).unwrap_or_else(|e| panic!("{name} in {lang}: {e}"));
            if lang != Lang::En {
                // The charts' source line names the data sets by their own names (Voeten's data,
                // the `unvotes` package), which are not translated.
                let proper = ["Voeten", "unvotes"];
                let left: Vec<&str> = texts
                    .iter()
                    // UN document symbols ("S/Agenda/8979" in the official Russian text) are not words.
                    .filter(|t| {
                        let words: String = t.text.split_whitespace().filter(|w| !w.contains('/')).collect::<Vec<_>>().join(" ");
                        !t.exempt && english_words(&words).iter().any(|w| !proper.contains(&w.as_str()))
                    })
                    .map(|t| t.text.as_str())
                    .collect();
                assert!(left.is_empty(), "{name} in {lang}: English left: {left:?}");
            }
        }
    }
}
