//! The charts' strings are Fluent messages of `plenary-i18n` (`locales/*/charts.ftl`): every
//! message a chart asks for ([`chart::MESSAGES`], which the chart module's own test holds to
//! what the charts really ask for) must exist in English, Ukrainian and Russian and format
//! with the variables the chart passes; a chart drawn in Ukrainian or Russian shows none of
//! the English strings.

use plenary_analysis::agree::PeriodValue;
use plenary_analysis::chart::{self, Labels};
use plenary_analysis::Measure;
use plenary_i18n::{Lang, has_key, t_strs};

fn labels(lang: Lang) -> Labels {
    Labels::new(move |key, args| t_strs(lang, key, args))
}

#[test]
fn every_chart_message_exists_in_every_language_and_takes_its_variables() {
    for lang in Lang::ALL {
        for (key, vars) in chart::MESSAGES {
            assert!(has_key(lang, key), "{lang}: no message {key} in locales/{lang}/charts.ftl");
            let args: Vec<(&str, &str)> = vars.iter().map(|v| (*v, "VALUE")).collect();
            let s = t_strs(lang, key, &args);
            assert!(!s.is_empty() && s != *key, "{lang}: {key} did not resolve");
            // Fluent writes a variable it was not given as `{$name}`.
            assert!(!s.contains('{'), "{lang}: {key} uses a variable the chart does not pass: {s}");
            assert_eq!(s.matches("VALUE").count(), vars.len(), "{lang}: {key} should show each of {vars:?} once: {s}");
        }
    }
}

#[test]
fn a_chart_in_ukrainian_or_russian_shows_no_english_string() {
    let series = vec![(
        "Російська Федерація".to_string(),
        vec![PeriodValue { period: 2022, value: Some(0.4), votes: 50 }, PeriodValue { period: 2023, value: Some(0.35), votes: 60 }],
    )];
    let english: Vec<String> = chart::MESSAGES
        .iter()
        .filter(|(_, vars)| vars.is_empty())
        .map(|(key, _)| t_strs(Lang::En, key, &[]))
        .filter(|s| s.chars().count() > 1)
        .collect();
    for lang in [Lang::Uk, Lang::Ru] {
        let svg = chart::agree_chart(&series, "США", "Росія", Measure::Identical, false, &labels(lang));
        for s in &english {
            assert!(!svg.contains(&format!(">{s}<")), "{lang}: English {s:?} on the chart");
        }
        assert!(svg.contains(&format!(">{}<", t_strs(lang, "chart-axis-year", &[]))));
        assert!(svg.contains(">0,4<") || svg.contains(">0,35<") || svg.contains(">0,2<"), "decimal comma on the ticks: {svg}");
        assert!(!svg.contains("Agreement"), "{lang}");
    }
}
