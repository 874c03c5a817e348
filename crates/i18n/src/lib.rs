//! # plenary-i18n: Plenary's three languages
//!
//! Everything a person reads goes through here: messages from Fluent files
//! (`locales/{en,uk,ru}/*.ftl`), state names from CLDR (with a small table of former states,
//! which CLDR does not name), and dates and numbers formatted by ICU4X for the language.
//!
//! It is its own crate, not part of the server, because the CLI speaks the same languages
//! (`plenary plot --lang uk`, `plenary coverage --lang ru`) without any HTTP.
//!
//! ```
//! use plenary_i18n::{Lang, format_date, format_number};
//! let d = chrono::NaiveDate::from_ymd_opt(2025, 2, 24).unwrap();
//! assert_eq!(format_date(Lang::Uk, d), "24 лютого 2025\u{202f}р.");
//! assert_eq!(format_number(Lang::En, 870109), "870,109");
//! ```

pub mod coverage;
mod names;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

pub use names::state_name;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks would end up inside SVG text and HTML attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Uk,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Uk, Lang::En, Lang::Ru];

    /// The BCP 47 tag, also the name of the Fluent folder.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Uk => "uk",
            Lang::Ru => "ru",
        }
    }

    /// The label of the language switcher ("UA EN RU": Ukrainians write UA, not UK).
    pub fn switcher_label(self) -> &'static str {
        match self {
            Lang::En => "EN",
            Lang::Uk => "UA",
            Lang::Ru => "RU",
        }
    }

    /// Parses a tag or a switcher label: "en", "en-GB", "uk", "ua", "uk-UA", "ru", "ru-RU".
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "uk" | "ua" => Some(Lang::Uk),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// The best language for an HTTP `Accept-Language` header (RFC 9110 §12.5.4), English if
    /// none of ours is acceptable.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (i, part) in accept_language.split(',').enumerate() {
            let mut it = part.split(';');
            let Some(lang) = it.next().and_then(Lang::parse) else { continue };
            let q = it
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            // Highest q wins; among equals, the first listed.
            if best.is_none_or(|(bq, bi, _)| q > bq || (q == bq && i < bi)) {
                best = Some((q, i, lang));
            }
        }
        best.map(|(_, _, l)| l).unwrap_or(Lang::En)
    }

    fn langid(self) -> LanguageIdentifier {
        self.tag().parse().expect("static tags are valid")
    }

    fn icu_locale(self) -> icu_locale::Locale {
        match self {
            // The UN writes "24 February 2025": British order, not American.
            Lang::En => icu_locale::locale!("en-GB"),
            Lang::Uk => icu_locale::locale!("uk"),
            Lang::Ru => icu_locale::locale!("ru"),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// An argument of a Fluent message.
pub enum Arg<'a> {
    Str(Cow<'a, str>),
    Num(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(Cow::Borrowed(s))
    }
}
impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Str(Cow::Owned(s))
    }
}
impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Num(n as f64)
    }
}
impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Num(n as f64)
    }
}
impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(n as f64)
    }
}
impl From<f64> for Arg<'_> {
    fn from(n: f64) -> Self {
        Arg::Num(n)
    }
}

/// The message `key` in `lang`. A key missing in Ukrainian or Russian falls back to English
/// (the bundle test makes sure none is missing); an unknown key comes back as the key itself,
/// so it shows on the page instead of vanishing.
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.try_lookup(&lang.langid(), key).unwrap_or_else(|| key.to_string())
}

/// The message `key` in `lang` with arguments (numbers select Ukrainian and Russian plural
/// forms through Fluent's plural rules).
pub fn t_args<'a>(lang: Lang, key: &str, args: impl IntoIterator<Item = (&'a str, Arg<'a>)>) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                Arg::Str(s) => FluentValue::from(s.into_owned()),
                Arg::Num(n) => FluentValue::from(n),
            };
            (Cow::Owned(k.to_string()), v)
        })
        .collect();
    LOCALES
        .try_lookup_with_args(&lang.langid(), key, &map)
        .unwrap_or_else(|| key.to_string())
}

/// [`t_args`] with string arguments only: the form `plenary_analysis::chart::Labels` asks
/// for (`Labels::new(move |key, args| t_strs(lang, key, args))`), which keeps the analysis
/// crate free of Fluent's types.
pub fn t_strs(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    t_args(lang, key, args.iter().map(|(k, v)| (*k, Arg::from(*v))))
}

/// Whether `lang` has its own translation of `key` (no fallback).
pub fn has_key(lang: Lang, key: &str) -> bool {
    // fluent-templates falls back to English silently; compare against the raw bundle files.
    names::ftl_keys(lang).contains(key)
}

/// Every message key of the English bundle, the reference for the others.
pub fn keys(lang: Lang) -> std::collections::BTreeSet<String> {
    names::ftl_keys(lang).iter().cloned().collect()
}

/// A date as the language writes it in running text: "24 February 2025", "24 лютого 2025 р.",
/// "24 февраля 2025 г." (CLDR's forms, with a narrow no-break space before "р."/"г.").
pub fn format_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    use icu_datetime::{DateTimeFormatter, fieldsets};
    let Ok(d) = icu_calendar::Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8) else {
        return date.to_string();
    };
    match DateTimeFormatter::try_new(lang.icu_locale().into(), fieldsets::YMD::long()) {
        Ok(f) => f.format(&d).to_string(),
        Err(_) => date.to_string(),
    }
}

/// An integer with the language's digit grouping ("870,109", "870 109").
pub fn format_number(lang: Lang, n: i64) -> String {
    use icu_decimal::DecimalFormatter;
    match DecimalFormatter::try_new(lang.icu_locale().into(), Default::default()) {
        Ok(f) => f.format(&fixed_decimal::Decimal::from(n)).to_string(),
        Err(_) => n.to_string(),
    }
}

/// A share as a percentage with one decimal ("73.4%", "73,4 %").
pub fn format_percent(lang: Lang, share: f64) -> String {
    let v = (share * 1000.0).round() / 10.0;
    match lang {
        Lang::En => format!("{v:.1}%"),
        // Ukrainian and Russian use a decimal comma and a (non-breaking) space before %.
        Lang::Uk | Lang::Ru => format!("{}\u{a0}%", format!("{v:.1}").replace('.', ",")),
    }
}
