//! State names in each language, and the raw key lists of the Fluent bundles.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use icu_experimental::displaynames::{DisplayNamesOptions, multi::RegionDisplayNames};
use plenary_rules::StateCode;
use plenary_rules::states::Registry;

use crate::Lang;

struct Former {
    long: [String; 3],
    short: [String; 3],
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Uk => 1,
        Lang::Ru => 2,
    }
}

fn former() -> &'static HashMap<String, Former> {
    static FORMER: OnceLock<HashMap<String, Former>> = OnceLock::new();
    FORMER.get_or_init(|| {
        let data = include_str!("../data/former_states.csv");
        let mut rdr = csv::Reader::from_reader(data.as_bytes());
        let mut map = HashMap::new();
        for rec in rdr.records() {
            let rec = rec.expect("data/former_states.csv is checked by the tests");
            let f = |i: usize| rec.get(i).unwrap_or_default().to_string();
            map.insert(f(0), Former { long: [f(1), f(3), f(5)], short: [f(2), f(4), f(6)] });
        }
        map
    })
}

fn cldr(lang: Lang) -> Option<&'static RegionDisplayNames> {
    static NAMES: OnceLock<[Option<RegionDisplayNames>; 3]> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            Lang::ALL_IN_INDEX_ORDER.map(|l| {
                RegionDisplayNames::try_new(l.icu_locale().into(), DisplayNamesOptions::default()).ok()
            })
        })[lang_index(lang)]
        .as_ref()
}

impl Lang {
    const ALL_IN_INDEX_ORDER: [Lang; 3] = [Lang::En, Lang::Uk, Lang::Ru];
}

/// The name of a state in `lang`.
///
/// English uses the UN's own short name from the membership list ("Russian Federation",
/// "Türkiye"); Ukrainian and Russian use CLDR's names. Former holders of seats (USSR,
/// Yugoslavia, the Republic of China seat...) come from `data/former_states.csv`. `short`
/// asks for the short form where one exists (charts, maps).
pub fn state_name(code: StateCode, lang: Lang, short: bool) -> String {
    if let Some(f) = former().get(code.as_str()) {
        let forms = if short { &f.short } else { &f.long };
        return forms[lang_index(lang)].clone();
    }
    let state = Registry::bundled().get(code);
    if lang == Lang::En && !short {
        if let Some(s) = state {
            return s.name_en.clone();
        }
    }
    let iso2 = state.and_then(|s| s.iso2.clone());
    if let (Some(iso2), Some(names)) = (iso2, cldr(lang)) {
        if let Ok(region) = iso2.parse::<icu_locale::subtags::Region>() {
            if let Some(n) = names.of(region) {
                return n.to_string();
            }
        }
    }
    state.map(|s| s.name_en.clone()).unwrap_or_else(|| code.to_string())
}

const FTL: [(Lang, &str); 3] = [
    (Lang::En, concat!(include_str!("../locales/en/main.ftl"), "\n", include_str!("../locales/en/coverage.ftl"), "\n", include_str!("../locales/en/web.ftl"), "\n", include_str!("../locales/en/charts.ftl"))),
    (Lang::Uk, concat!(include_str!("../locales/uk/main.ftl"), "\n", include_str!("../locales/uk/coverage.ftl"), "\n", include_str!("../locales/uk/web.ftl"), "\n", include_str!("../locales/uk/charts.ftl"))),
    (Lang::Ru, concat!(include_str!("../locales/ru/main.ftl"), "\n", include_str!("../locales/ru/coverage.ftl"), "\n", include_str!("../locales/ru/web.ftl"), "\n", include_str!("../locales/ru/charts.ftl"))),
];

/// The message identifiers defined in a language's own files (no fallback).
pub(crate) fn ftl_keys(lang: Lang) -> &'static BTreeSet<String> {
    static KEYS: OnceLock<[BTreeSet<String>; 3]> = OnceLock::new();
    &KEYS.get_or_init(|| {
        FTL.map(|(_, src)| {
            src.lines()
                .filter_map(|line| {
                    // A message starts at column 0 with an identifier and " =".
                    let (id, _) = line.split_once('=')?;
                    let id = id.trim_end();
                    let ok = !line.starts_with([' ', '#', '-', '.', '*', '[', '}'])
                        && !id.is_empty()
                        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    ok.then(|| id.to_string())
                })
                .collect()
        })
    })[lang_index(lang)]
}
