//! Helpers shared by the parsers of the UN's own sources (DGACM, the SC archive, the UN
//! Digital Library, the verified fixtures): dates as the UN spells them, symbols as the UN
//! writes them, and the collection of unknown state names.

use std::collections::{BTreeMap, BTreeSet};

use plenary_rules::{Date, StateCode};

use super::ParseError;

/// What a parser needs from the state registry: one name or code, on one date, to one state.
///
/// Implemented by `plenary_rules::states::Registry`; tests may use a smaller table.
pub trait StateLookup {
    /// The state that `name` (any spelling or code a source uses) denoted on `date`.
    fn lookup(&self, name: &str, date: Date) -> Option<StateCode>;
}

impl StateLookup for plenary_rules::states::Registry {
    fn lookup(&self, name: &str, date: Date) -> Option<StateCode> {
        self.resolve(name, date)
    }
}

/// Resolves state names and remembers every one it could not resolve, so that a parser can
/// report all unknown names at once (issue 3: "an unknown name is an error that lists every
/// unknown name at once").
pub struct Resolver<'a, L: StateLookup + ?Sized> {
    lookup: &'a L,
    cache: BTreeMap<(String, Date), Option<StateCode>>,
    unknown: BTreeSet<String>,
}

impl<'a, L: StateLookup + ?Sized> Resolver<'a, L> {
    pub fn new(lookup: &'a L) -> Self {
        Resolver { lookup, cache: BTreeMap::new(), unknown: BTreeSet::new() }
    }

    /// The state for `name` on `date`, trying the spelling as given, then with typographic
    /// apostrophes, non-breaking spaces and runs of spaces made plain (DGACM writes both
    /// "COTE D'IVOIRE" and "CÔTE D’IVOIRE"). `None` (and the name remembered) if unknown.
    pub fn resolve(&mut self, name: &str, date: Date) -> Option<StateCode> {
        let found = self.try_resolve(name, date);
        if found.is_none() {
            self.unknown.insert(clean_spaces(name));
        }
        found
    }

    /// Like [`Resolver::resolve`] but does not remember a failure (for optional lookups such
    /// as sponsors, where most entries are not state names at all).
    pub fn try_resolve(&mut self, name: &str, date: Date) -> Option<StateCode> {
        let key = (name.to_string(), date);
        if let Some(found) = self.cache.get(&key) {
            return *found;
        }
        let plain = clean_spaces(name);
        let mut found = None;
        for candidate in [name.to_string(), plain.clone(), plain.replace(['\u{2019}', '\u{2018}', '`'], "'")] {
            if candidate.is_empty() {
                continue;
            }
            if let Some(code) = self.lookup.lookup(&candidate, date) {
                found = Some(code);
                break;
            }
        }
        self.cache.insert(key, found);
        found
    }

    /// Fails with every unknown name, sorted, if there was any.
    pub fn finish(self, file: &str) -> Result<(), ParseError> {
        if self.unknown.is_empty() {
            Ok(())
        } else {
            Err(ParseError::UnknownStates { file: file.to_string(), names: self.unknown.into_iter().collect() })
        }
    }
}

/// The bytes, gunzipped if they start with the gzip magic number (the bundled record keeps its
/// sources compressed); plain bytes pass through unchanged.
pub fn gunzip_if_needed<'a>(file: &str, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, ParseError> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len() * 6);
    flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out).map_err(|e| ParseError::Malformed {
        file: file.into(),
        line: 1,
        message: format!("damaged gzip data ({e}); expected gzip-compressed or plain text"),
    })?;
    Ok(std::borrow::Cow::Owned(out))
}

/// Runs a one-file parser over several files and merges the batches; unknown state names of
/// every file are reported together in one [`ParseError::UnknownStates`] (issue 3: every
/// unknown name at once). Any other error is returned as it is, first file first.
pub fn parse_each(
    files: &[(&str, &[u8])],
    parse: impl Fn(&str, &[u8]) -> Result<super::Batch, ParseError>,
) -> Result<super::Batch, ParseError> {
    let mut all = super::Batch::default();
    let mut unknown_files = Vec::new();
    let mut unknown_names = BTreeSet::new();
    for (name, bytes) in files {
        match parse(name, bytes) {
            Ok(b) => {
                all.decisions.extend(b.decisions);
                all.findings.extend(b.findings);
            }
            Err(ParseError::UnknownStates { file, names }) => {
                unknown_files.push(file);
                unknown_names.extend(names);
            }
            Err(other) => return Err(other),
        }
    }
    if unknown_names.is_empty() {
        Ok(all)
    } else {
        Err(ParseError::UnknownStates { file: unknown_files.join(", "), names: unknown_names.into_iter().collect() })
    }
}

/// Trims and collapses every run of whitespace (including U+00A0, which DGACM puts in dates
/// and names) to one ASCII space.
pub fn clean_spaces(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
];

/// A date as the UN's files spell it: "2 March 2022", "2\u{a0}March 2022", "2019-10-10",
/// "2019-10-10 00:00:00", "2019-10-10T00:00:00", "March 2, 2022". `None` if it is none of
/// these or not a real day.
pub fn parse_un_date(s: &str) -> Option<Date> {
    let s = clean_spaces(s);
    if s.is_empty() {
        return None;
    }
    // ISO, with an optional time part that we drop (every source gives the day only).
    let day_part = s.split([' ', 'T']).next().unwrap_or("");
    if day_part.len() == 10 && day_part.as_bytes()[4] == b'-' {
        return Date::parse_from_str(day_part, "%Y-%m-%d").ok();
    }
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    if words.len() != 3 {
        return None;
    }
    let month_of = |w: &str| MONTHS.iter().position(|m| m.eq_ignore_ascii_case(w)).map(|i| i as u32 + 1);
    let (day, month, year) = if let Some(m) = month_of(words[1]) {
        (words[0], m, words[2])
    } else if let Some(m) = month_of(words[0]) {
        (words[1], m, words[2])
    } else {
        return None;
    };
    let day: u32 = day.parse().ok()?;
    let year: i32 = year.parse().ok()?;
    Date::from_ymd_opt(year, month, day)
}

/// The range of dates a UN decision can carry: from the Charter's entry into force (24 October
/// 1945) to one year after today (a later date is a typo, not a record).
pub fn date_in_range(d: Date) -> bool {
    let first = Date::from_ymd_opt(1945, 10, 24).expect("valid date");
    let last = chrono::Utc::now().date_naive() + chrono::Days::new(366);
    d >= first && d <= last
}

/// [`parse_un_date`], then [`date_in_range`]: `Err` with the expected form for a message.
pub fn parse_decision_date(s: &str) -> Result<Date, &'static str> {
    match parse_un_date(s) {
        None => Err("a date such as 2022-03-02 or \"2 March 2022\""),
        Some(d) if !date_in_range(d) => Err("a date from 24 October 1945 (the Charter) to a year from today"),
        Some(d) => Ok(d),
    }
}

/// A Security Council resolution symbol as the UN writes it: "S/RES/2774 (2025)", from
/// "S/RES/2774(2025)", "S/RES/2774 (2025)" or "s/res/2774  (2025)". `None` if the text is not
/// `S/RES/<number> (<year>)`.
pub fn normalise_sc_symbol(s: &str) -> Option<String> {
    let s = clean_spaces(s);
    let rest = s.get(..6).filter(|p| p.eq_ignore_ascii_case("S/RES/")).map(|_| &s[6..])?;
    let open = rest.find('(')?;
    let number = rest[..open].trim();
    let year = rest[open + 1..].strip_suffix(')')?.trim();
    if number.is_empty()
        || !number.bytes().all(|b| b.is_ascii_digit())
        || year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let number: u32 = number.parse().ok()?;
    Some(format!("S/RES/{number} ({year})"))
}

/// The session of a General Assembly resolution symbol: "74" from "A/RES/74/1", "ES-11" from
/// "A/RES/ES-11/1", "S-27" from "A/RES/S-27/2".
pub fn ga_session_of(symbol: &str) -> Option<String> {
    let rest = symbol.trim().strip_prefix("A/RES/")?;
    let session = rest.split('/').next()?.trim();
    if session.is_empty() || rest.split('/').count() < 2 {
        return None;
    }
    Some(session.to_string())
}

/// 1-based line of the byte at `offset`.
pub fn line_of(bytes: &[u8], offset: usize) -> u64 {
    let end = offset.min(bytes.len());
    1 + bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64
}

/// A count as the sources write it: digits, possibly padded; "N.A." or empty = not given.
/// [`NotACount`] for anything else.
pub fn parse_count(s: &str) -> Result<Option<u32>, NotACount> {
    let t = clean_spaces(s);
    if t.is_empty() || t.eq_ignore_ascii_case("N.A.") || t.eq_ignore_ascii_case("NA") || t == "-" {
        return Ok(None);
    }
    t.parse::<u32>().map(Some).map_err(|_| NotACount)
}

/// A count field holds something other than a whole number or "N.A.".
#[derive(Debug, PartialEq, Eq)]
pub struct NotACount;

/// Shortens a value for an error message, so that a corrupt megabyte does not end up in it.
pub fn excerpt(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_spelling_the_dgacm_extract_uses() {
        assert_eq!(parse_un_date("2 March 2022"), Some(d(2022, 3, 2)));
        assert_eq!(parse_un_date("24\u{a0}December 2024"), Some(d(2024, 12, 24)));
        assert_eq!(parse_un_date("2019-10-10 00:00:00"), Some(d(2019, 10, 10)));
        assert_eq!(parse_un_date(" 2019-10-10 "), Some(d(2019, 10, 10)));
        assert_eq!(parse_un_date("March 2, 2022"), Some(d(2022, 3, 2)));
        assert_eq!(parse_un_date("31 February 2022"), None);
        assert_eq!(parse_un_date("2 Marzo 2022"), None);
        assert_eq!(parse_un_date(""), None);
        assert_eq!(parse_un_date("2019-1Ω-10"), None);
    }

    #[test]
    fn sc_symbols_are_written_as_the_un_writes_them() {
        assert_eq!(normalise_sc_symbol("S/RES/2774(2025)").as_deref(), Some("S/RES/2774 (2025)"));
        assert_eq!(normalise_sc_symbol("S/RES/2774 (2025)").as_deref(), Some("S/RES/2774 (2025)"));
        assert_eq!(normalise_sc_symbol("s/res/82  (1950)").as_deref(), Some("S/RES/82 (1950)"));
        assert_eq!(normalise_sc_symbol("S/RES/2774"), None);
        assert_eq!(normalise_sc_symbol("S/RES/(2025)"), None);
        assert_eq!(normalise_sc_symbol("S/RES/27x4(2025)"), None);
        assert_eq!(normalise_sc_symbol("S/RÉS/1(1946)"), None);
    }

    #[test]
    fn ga_sessions_come_from_the_symbol() {
        assert_eq!(ga_session_of("A/RES/74/1").as_deref(), Some("74"));
        assert_eq!(ga_session_of("A/RES/ES-11/1").as_deref(), Some("ES-11"));
        assert_eq!(ga_session_of("A/RES/79/259 A-C").as_deref(), Some("79"));
        assert_eq!(ga_session_of("S/RES/1 (1946)"), None);
    }

    #[test]
    fn counts_not_given_are_none_and_garbage_is_an_error() {
        assert_eq!(parse_count("141"), Ok(Some(141)));
        assert_eq!(parse_count("N.A."), Ok(None));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("1x"), Err(NotACount));
    }
}
