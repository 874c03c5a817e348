use plenary_i18n::coverage::{CoveredBody, CoveredDecision, CoveredKind, CoveredOutcome, paragraph, sentence};
use plenary_i18n::{Lang, format_date, format_number, format_percent, has_key, keys, state_name, t_args};
use plenary_rules::StateCode;

fn code(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}

#[test]
fn every_english_message_is_translated_into_ukrainian_and_russian() {
    let en = keys(Lang::En);
    assert!(en.len() > 30, "the English bundle is the reference and should not be empty");
    for lang in [Lang::Uk, Lang::Ru] {
        let missing: Vec<_> = en.iter().filter(|k| !has_key(lang, k)).collect();
        assert!(missing.is_empty(), "{lang}: missing {missing:?}");
        let extra: Vec<_> = keys(lang).into_iter().filter(|k| !en.contains(k)).collect();
        assert!(extra.is_empty(), "{lang}: keys unknown to English {extra:?}");
    }
}

/// The key sets above are read from the files `names.rs` includes; a file added to a locale
/// folder but not to that list would escape the missing-key test (while fluent-templates loads
/// it), so the folder and the list must hold the same keys, each defined once.
#[test]
fn the_key_check_reads_every_ftl_file_of_each_locale() {
    for lang in Lang::ALL {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang.tag());
        let mut on_disk = std::collections::BTreeSet::new();
        let mut twice = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ftl") {
                for line in std::fs::read_to_string(&path).unwrap().lines() {
                    let Some((id, _)) = line.split_once(" =") else { continue };
                    let is_message = line.starts_with(|c: char| c.is_ascii_alphabetic()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if is_message && !on_disk.insert(id.to_string()) {
                        twice.push(format!("{id} ({})", path.display()));
                    }
                }
            }
        }
        // Two files defining one key: the bundle keeps one of them silently.
        assert!(twice.is_empty(), "{lang}: keys defined twice: {twice:?}");
        let listed = keys(lang);
        let unlisted: Vec<_> = on_disk.difference(&listed).collect();
        assert!(unlisted.is_empty(), "{lang}: keys in {} that the bundle check does not read: {unlisted:?}", dir.display());
        assert_eq!(on_disk, listed, "{lang}");
    }
}

#[test]
fn every_message_formats_without_fluent_errors_in_every_language() {
    for lang in Lang::ALL {
        for key in keys(Lang::En) {
            // Every variable any message uses, so that formatting cannot fail for want of one.
            let vars = [
                "a", "b", "from", "to", "state", "source", "body", "bodykind", "what", "what_cap", "no_list",
                "abstain_list", "vetoers", "symbol", "title", "states", "vote",
                // The document and analysis pages and the partial-count coverage (D2).
                "missing", "kind", "target", "res", "language", "date", "meeting", "votes", "votes_text", "outcome",
                // The search results heading of the served pages (D1).
                "query",
                // The refusal of a bad form field on the analysis and country pages (D3).
                "field", "value",
                // The charts (`plenary_analysis::chart::MESSAGES`).
                "measure", "period",
            ];
            let mut args: Vec<(&str, plenary_i18n::Arg)> = vars.iter().map(|v| (*v, "x".into())).collect();
            args.extend(["count", "yes", "no", "abstain", "pv", "needed", "bloc", "shown"].map(|v| (v, 2i64.into())));
            let s = t_args(lang, &key, args);
            assert_ne!(s, key, "{lang}: {key} did not resolve");
        }
    }
}

#[test]
fn accept_language_picks_the_highest_quality_language_we_speak() {
    assert_eq!(Lang::negotiate("uk-UA,uk;q=0.9,en;q=0.8"), Lang::Uk);
    assert_eq!(Lang::negotiate("de-DE,ru;q=0.7,en;q=0.5"), Lang::Ru);
    assert_eq!(Lang::negotiate("fr"), Lang::En);
    assert_eq!(Lang::negotiate(""), Lang::En);
    assert_eq!(Lang::negotiate("en;q=0.2, ru;q=0"), Lang::En);
    assert_eq!(Lang::parse("UA"), Some(Lang::Uk));
}

#[test]
fn dates_are_written_as_each_language_writes_them() {
    let d = chrono::NaiveDate::from_ymd_opt(2025, 2, 24).unwrap();
    assert_eq!(format_date(Lang::En, d), "24 February 2025");
    // CLDR puts a narrow no-break space before the abbreviation of "year".
    assert_eq!(format_date(Lang::Uk, d), "24 лютого 2025\u{202f}р.");
    assert_eq!(format_date(Lang::Ru, d), "24 февраля 2025\u{202f}г.");
}

#[test]
fn numbers_use_the_language_digit_grouping() {
    assert_eq!(format_number(Lang::En, 870109), "870,109");
    assert_eq!(format_number(Lang::Uk, 870109), "870\u{a0}109");
    assert_eq!(format_percent(Lang::En, 0.7345), "73.5%");
    assert_eq!(format_percent(Lang::Ru, 0.7345), "73,5\u{a0}%");
}

#[test]
fn plurals_follow_ukrainian_and_russian_rules() {
    let n = |lang, count: i64| t_args(lang, "chart-votes-count", [("count", count.into())]);
    assert_eq!(n(Lang::Uk, 1), "1 голосування");
    assert_eq!(n(Lang::Uk, 3), "3 голосування");
    assert_eq!(n(Lang::Uk, 5), "5 голосувань");
    assert_eq!(n(Lang::Ru, 21), "21 голосование");
    assert_eq!(n(Lang::Ru, 24), "24 голосования");
    assert_eq!(n(Lang::Ru, 11), "11 голосований");
    assert_eq!(n(Lang::En, 1), "1 vote");
}

#[test]
fn state_names_come_from_cldr_and_the_former_states_table() {
    assert_eq!(state_name(code("UKR"), Lang::Uk, false), "Україна");
    assert_eq!(state_name(code("RUS"), Lang::Ru, false), "Россия");
    assert_eq!(state_name(code("RUS"), Lang::En, false), "Russian Federation");
    assert_eq!(state_name(code("SUN"), Lang::Uk, true), "СРСР");
    assert_eq!(state_name(code("TWN"), Lang::En, false), "Republic of China");
    assert_eq!(state_name(code("DDR"), Lang::Ru, true), "ГДР");
}

fn es_11_7() -> CoveredDecision {
    // A/RES/ES-11/7, 24 February 2025: 93-18-65; the 18 against as published (GA/12675).
    let against = [
        "BLR", "BFA", "BDI", "CAF", "PRK", "GNQ", "ERI", "HTI", "HUN", "ISR", "MLI", "MHL", "NIC", "NER", "PLW",
        "RUS", "SDN", "USA",
    ];
    CoveredDecision {
        body: CoveredBody::GeneralAssembly,
        kind: CoveredKind::Draft,
        resolution: Some("ES-11/7".into()),
        draft: Some("A/ES-11/L.10".into()),
        title: None,
        outcome: CoveredOutcome::Adopted,
        without_vote: false,
        yes: 93,
        no: 18,
        abstain: 65,
        states_no: against.iter().map(|s| code(s)).collect(),
        states_abstain: vec![],
    }
}

#[test]
fn coverage_of_a_recorded_vote_names_the_minority_in_the_uns_manner() {
    let s = sentence(Lang::En, &es_11_7());
    assert!(
        s.starts_with("The General Assembly adopted resolution ES-11/7 by a recorded vote of 93 in favour to 18 against (Belarus, Burkina Faso,"),
        "{s}"
    );
    assert!(s.ends_with("United States of America), with 65 abstentions."), "{s}");
    let uk = sentence(Lang::Uk, &es_11_7());
    assert!(uk.starts_with("Генеральна Асамблея ухвалила резолюцію ES-11/7"), "{uk}");
    assert!(uk.contains("Угорщина"), "{uk}");
}

#[test]
fn coverage_of_a_veto_names_the_permanent_member() {
    let d = CoveredDecision {
        body: CoveredBody::SecurityCouncil,
        kind: CoveredKind::Draft,
        resolution: None,
        draft: Some("S/2022/155".into()),
        title: None,
        outcome: CoveredOutcome::Vetoed { by: vec![code("RUS")] },
        without_vote: false,
        yes: 11,
        no: 1,
        abstain: 3,
        states_no: vec![code("RUS")],
        states_abstain: vec![code("CHN"), code("IND"), code("ARE")],
    };
    let s = sentence(Lang::En, &d);
    assert!(s.starts_with("Draft resolution S/2022/155 was not adopted, owing to the negative vote of a permanent member of the Council, Russian Federation."), "{s}");
    let ru = paragraph(Lang::Ru, &[], &d);
    assert!(ru.contains("постоянного члена Совета: Россия"), "{ru}");
}
