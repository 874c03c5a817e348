//! States, their codes in every source's spelling, and membership of the UN bodies by date.
//!
//! - [`StateCode`]: an ISO 3166-1 alpha-3 code, or ISO 3166-3 / ad hoc code for a former
//!   holder of a seat (SUN, YUG, CSK, DDR, YMD, SCG, YAR, TAN, ZAN, UAR, TWN).
//! - [`Registry::bundled`]: the registry compiled from `data/membership` and `data/states`
//!   (see the READMEs there for every source). Nothing about membership is typed into code.
//!
//! A *membership* is one row of `un_member_states.csv`. A row tagged
//! `[predecessor-of:XXX]` (SUN, TWN, YAR, TAN, UAR, SCG) is an earlier name or government of
//! the membership XXX: it is not counted as a member of its own, but on its dates it *holds*
//! XXX's seat, so `ga_members(1950-06-27)` lists SUN and TWN, not RUS and CHN.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

pub use chrono::NaiveDate as Date;

/// An alpha-3 state code, upper case ASCII.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct StateCode(pub [u8; 3]);

/// Alphabetical (byte by byte), compared as one integer: the derived order of a byte array
/// calls `memcmp`, and the engine's maps and the importer's sorts compare codes millions of
/// times (870,109 votes of unvotes).
impl Ord for StateCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let key = |c: &StateCode| u32::from_be_bytes([0, c.0[0], c.0[1], c.0[2]]);
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for StateCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl StateCode {
    pub fn as_str(&self) -> &str {
        // Constructed only from upper-case ASCII.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
    /// Parses exactly three ASCII letters (case-insensitive).
    pub fn parse(s: &str) -> Option<StateCode> {
        let b = s.as_bytes();
        if b.len() != 3 || !b.iter().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        Some(StateCode([b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase(), b[2].to_ascii_uppercase()]))
    }
}

impl std::fmt::Display for StateCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl std::fmt::Debug for StateCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.as_str())
    }
}

/// One state or former holder of a seat, as `data/states/states.csv` gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    pub code: StateCode,
    /// The UN short name of the membership row (`un_member_states.csv`).
    pub name_en: String,
    /// ISO 3166-1 alpha-2 (ISO 3166-3's for former states); none for YAR, TAN, ZAN, UAR.
    pub iso2: Option<String>,
    pub iso_numeric: Option<u16>,
    /// Correlates of War code (Voeten's `ccode`).
    pub cow: Option<u16>,
    /// Not a current Member State (a former member or an earlier holder of a seat).
    pub former: bool,
    /// The continuing membership this code belongs to (SUN -> RUS); itself for most states.
    pub seat: StateCode,
    /// The states that followed a former member (CSK -> CZE, SVK).
    pub successors: Vec<StateCode>,
    /// For an earlier holder of a seat: whether its name, used after its tenure, still means
    /// the seat. True for renamings and continuations (a 1990 "Yemen Arab Republic" row is
    /// Yemen's), false where a government lost the seat (a "Taiwan" after 1971-10-25 is not
    /// China: GA res. 2758 (XXVI)). `states.csv` column `name_after_tenure` = seat | self.
    pub name_passes_to_seat: bool,
}

/// A time during which a state with a membership row was not a Member, although the UN keeps
/// its original date (`data/membership/gaps.csv`): Syria inside the United Arab Republic and
/// Indonesia's withdrawal of 1965-66.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub code: StateCode,
    pub from: Date,
    /// Inclusive.
    pub to: Date,
    /// The membership the state was part of meanwhile, if any (UAR for Syria).
    pub within: Option<StateCode>,
    pub reason: String,
    pub source: String,
}

/// A Member without a vote in the General Assembly under Charter Art. 19 (arrears equal to or
/// above the contributions due for the preceding two full years), from `from` to `to`
/// inclusive (open-ended without `to`). Bundled from `data/membership/article19.csv`, or given
/// by the caller with [`Registry::with_article19`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article19Loss {
    pub code: StateCode,
    pub from: Date,
    pub to: Option<Date>,
    pub source: String,
}

/// Bad registry data: the file, line and field, and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}, line {line}, field `{field}`: expected {expected}, found {found:?}")]
pub struct DataError {
    pub file: String,
    pub line: u64,
    pub field: String,
    pub expected: String,
    pub found: String,
}

/// The text of the registry's data files, so that a registry can be built from other copies
/// (tests, a newer release) as well as the bundled one.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    pub un_member_states: &'a str,
    pub sc_members: &'a str,
    pub gaps: &'a str,
    pub article19: &'a str,
    pub states: &'a str,
    pub aliases: &'a str,
}

impl Sources<'static> {
    /// The files in the repository's `data/`, compiled in.
    pub fn bundled() -> Sources<'static> {
        Sources {
            un_member_states: include_str!("../../../data/membership/un_member_states.csv"),
            sc_members: include_str!("../../../data/membership/sc_members.csv"),
            gaps: include_str!("../../../data/membership/gaps.csv"),
            article19: include_str!("../../../data/membership/article19.csv"),
            states: include_str!("../../../data/states/states.csv"),
            aliases: include_str!("../../../data/states/aliases.csv"),
        }
    }
}

/// One membership row of `un_member_states.csv`.
#[derive(Clone, Debug)]
struct Membership {
    admitted: Date,
    /// Inclusive: on this date the row still counts (membership/README.md).
    left: Option<Date>,
    /// `[predecessor-of:XXX]`: an earlier form of membership XXX, not counted on its own.
    predecessor_of: Option<StateCode>,
    successors: Vec<StateCode>,
}

impl Membership {
    fn covers(&self, d: Date) -> bool {
        self.admitted <= d && self.left.is_none_or(|l| d <= l)
    }
}

/// An alias valid from `from` to `to`, both inclusive; open where `None`.
#[derive(Clone, Copy, Debug)]
struct Span {
    from: Option<Date>,
    to: Option<Date>,
    code: StateCode,
}

impl Span {
    fn covers(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

fn pick(spans: &[Span], d: Date) -> Option<StateCode> {
    spans.iter().find(|s| s.covers(d)).map(|s| s.code)
}

/// The state registry: codes, names in every source's spelling, and membership by date.
#[derive(Clone, Debug)]
pub struct Registry {
    states: Vec<State>,
    index: HashMap<StateCode, usize>,
    members: HashMap<StateCode, Membership>,
    /// Seat -> the rows that held it before (RUS -> [SUN]).
    predecessors: HashMap<StateCode, Vec<StateCode>>,
    gaps: Vec<Gap>,
    article19: Vec<Article19Loss>,
    /// Normalised name, ISO 3166 alpha-2 or alpha-3 code -> dated codes.
    names: HashMap<String, Vec<Span>>,
    iso2: HashMap<[u8; 2], Vec<Span>>,
    cow: HashMap<u16, Vec<Span>>,
    /// Security Council seats by calendar year, as `sc_members.csv` lists them.
    sc_years: HashMap<i32, Vec<(StateCode, bool)>>,
}

/// The key a name is looked up by: lower case, accents and punctuation dropped, `&` read as
/// "and", whitespace (non-breaking too) removed. "Côte D'Ivoire", "COTE D'IVOIRE" and
/// "Côte d’Ivoire" all give `cotedivoire`. Must match `norm()` in
/// `data/states/build/build_states.py`.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_into(s, &mut out);
    out
}

/// [`normalise`] into a caller's buffer (cleared first), for lookups without allocating.
pub fn normalise_into(s: &str, out: &mut String) {
    out.clear();
    for ch in s.chars() {
        if ch.is_ascii() {
            push_folded(ch, out);
        } else {
            // Compatibility decomposition of this character alone: accents become combining
            // marks, which are dropped; ligatures and full-width forms become ASCII.
            unicode_normalization::char::decompose_compatible(ch, |p| {
                if !unicode_normalization::char::is_combining_mark(p) {
                    for lc in p.to_lowercase() {
                        push_folded(if lc == 'ı' { 'i' } else { lc }, out);
                    }
                }
            });
        }
    }
}

fn push_folded(ch: char, out: &mut String) {
    if ch == '&' {
        out.push_str("and");
    } else if ch.is_ascii_alphanumeric() {
        out.push(ch.to_ascii_lowercase());
    }
}

struct Csv<'a> {
    file: &'a str,
    headers: csv::StringRecord,
    rows: Vec<(u64, csv::StringRecord)>,
}

impl<'a> Csv<'a> {
    fn read(file: &'a str, text: &str, required: &[&str]) -> Result<Csv<'a>, DataError> {
        let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| err(file, 1, "header", "a CSV header line", &e.to_string()))?
            .clone();
        for r in required {
            if !headers.iter().any(|h| h == *r) {
                return Err(err(file, 1, r, &format!("a column named `{r}`"), &headers.iter().collect::<Vec<_>>().join(",")));
            }
        }
        let mut rows = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                err(file, line, "row", "a well-formed CSV row", &e.to_string())
            })?;
            let line = rec.position().map_or(0, |p| p.line());
            rows.push((line, rec));
        }
        Ok(Csv { file, headers, rows })
    }

    fn get<'r>(&self, rec: &'r csv::StringRecord, field: &str) -> &'r str {
        self.headers.iter().position(|h| h == field).and_then(|i| rec.get(i)).unwrap_or("").trim()
    }

    fn code(&self, line: u64, rec: &csv::StringRecord, field: &str) -> Result<StateCode, DataError> {
        let v = self.get(rec, field);
        StateCode::parse(v).ok_or_else(|| err(self.file, line, field, "a three-letter state code", v))
    }

    fn opt_date(&self, line: u64, rec: &csv::StringRecord, field: &str) -> Result<Option<Date>, DataError> {
        let v = self.get(rec, field);
        if v.is_empty() {
            return Ok(None);
        }
        Date::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| err(self.file, line, field, "a date YYYY-MM-DD or empty", v))
    }

    fn date(&self, line: u64, rec: &csv::StringRecord, field: &str) -> Result<Date, DataError> {
        self.opt_date(line, rec, field)?
            .ok_or_else(|| err(self.file, line, field, "a date YYYY-MM-DD", ""))
    }

    fn opt_u16(&self, line: u64, rec: &csv::StringRecord, field: &str) -> Result<Option<u16>, DataError> {
        let v = self.get(rec, field);
        if v.is_empty() {
            return Ok(None);
        }
        v.parse().map(Some).map_err(|_| err(self.file, line, field, "a number 0-65535 or empty", v))
    }

    fn bool(&self, line: u64, rec: &csv::StringRecord, field: &str) -> Result<bool, DataError> {
        match self.get(rec, field) {
            "true" => Ok(true),
            "false" => Ok(false),
            v => Err(err(self.file, line, field, "true or false", v)),
        }
    }

    fn codes(&self, line: u64, rec: &csv::StringRecord, field: &str) -> Result<Vec<StateCode>, DataError> {
        let v = self.get(rec, field);
        v.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| StateCode::parse(s).ok_or_else(|| err(self.file, line, field, "state codes separated by ';'", v)))
            .collect()
    }
}

fn err(file: &str, line: u64, field: &str, expected: &str, found: &str) -> DataError {
    DataError { file: file.into(), line, field: field.into(), expected: expected.into(), found: found.into() }
}

/// Reads `article19.csv`-shaped text (columns code, from, to, source): members without a vote
/// in the General Assembly under Charter Art. 19.
pub fn parse_article19(file_name: &str, text: &str) -> Result<Vec<Article19Loss>, DataError> {
    let t = Csv::read(file_name, text, &["code", "from", "to", "source"])?;
    let mut out = Vec::new();
    for (line, rec) in &t.rows {
        let from = t.date(*line, rec, "from")?;
        let to = t.opt_date(*line, rec, "to")?;
        if to.is_some_and(|to| to < from) {
            return Err(err(file_name, *line, "to", "a date on or after `from`", t.get(rec, "to")));
        }
        out.push(Article19Loss { code: t.code(*line, rec, "code")?, from, to, source: t.get(rec, "source").to_string() });
    }
    Ok(out)
}

const BODY_GA: &str = "GA";
const BODY_SC: &str = "SC";

impl Registry {
    /// The registry compiled from the repository's `data/` files, parsed once.
    pub fn bundled() -> &'static Registry {
        static REG: OnceLock<Registry> = OnceLock::new();
        REG.get_or_init(|| match Registry::from_sources(Sources::bundled()) {
            Ok(r) => r,
            // The bundled files are checked by this crate's tests; a failure here is a build
            // defect, not bad user input.
            Err(e) => panic!("bundled state registry data is invalid: {e}"),
        })
    }

    /// Builds a registry from the text of its data files, checking every row.
    pub fn from_sources(src: Sources<'_>) -> Result<Registry, DataError> {
        // states.csv
        let t = Csv::read("data/states/states.csv", src.states, &["code", "name_en", "iso2", "iso_numeric", "cow", "former", "seat", "successors", "name_after_tenure"])?;
        let mut states = Vec::new();
        let mut index = HashMap::new();
        for (line, rec) in &t.rows {
            let code = t.code(*line, rec, "code")?;
            let seat = if t.get(rec, "seat").is_empty() { code } else { t.code(*line, rec, "seat")? };
            let iso2 = t.get(rec, "iso2");
            if !(iso2.is_empty() || (iso2.len() == 2 && iso2.bytes().all(|b| b.is_ascii_uppercase()))) {
                return Err(err(t.file, *line, "iso2", "two upper-case letters or empty", iso2));
            }
            if index.insert(code, states.len()).is_some() {
                return Err(err(t.file, *line, "code", "a code not listed before", code.as_str()));
            }
            states.push(State {
                code,
                name_en: t.get(rec, "name_en").to_string(),
                iso2: (!iso2.is_empty()).then(|| iso2.to_string()),
                iso_numeric: t.opt_u16(*line, rec, "iso_numeric")?,
                cow: t.opt_u16(*line, rec, "cow")?,
                former: t.bool(*line, rec, "former")?,
                seat,
                successors: t.codes(*line, rec, "successors")?,
                name_passes_to_seat: match t.get(rec, "name_after_tenure") {
                    "seat" => true,
                    "self" | "" => false,
                    v => return Err(err(t.file, *line, "name_after_tenure", "seat, self or empty", v)),
                },
            });
        }

        // un_member_states.csv
        let t = Csv::read("data/membership/un_member_states.csv", src.un_member_states, &["iso3", "name_en", "admitted", "left", "successor_iso3", "notes"])?;
        let mut members = HashMap::new();
        let mut predecessors: HashMap<StateCode, Vec<StateCode>> = HashMap::new();
        for (line, rec) in &t.rows {
            let code = t.code(*line, rec, "iso3")?;
            if !index.contains_key(&code) {
                return Err(err(t.file, *line, "iso3", "a code listed in data/states/states.csv", code.as_str()));
            }
            let notes = t.get(rec, "notes");
            let predecessor_of = match notes.strip_prefix("[predecessor-of:") {
                Some(rest) => {
                    let c = rest.split(']').next().unwrap_or("");
                    Some(StateCode::parse(c).ok_or_else(|| err(t.file, *line, "notes", "[predecessor-of:XXX] with a state code", notes))?)
                }
                None if notes.starts_with("[current]") || notes.starts_with("[former]") => None,
                None => return Err(err(t.file, *line, "notes", "a tag [current], [former] or [predecessor-of:XXX]", notes)),
            };
            let m = Membership {
                admitted: t.date(*line, rec, "admitted")?,
                left: t.opt_date(*line, rec, "left")?,
                predecessor_of,
                successors: t.codes(*line, rec, "successor_iso3")?,
            };
            if predecessor_of.is_some() && m.left.is_none() {
                return Err(err(t.file, *line, "left", "the date a predecessor's tenure ended", ""));
            }
            if let Some(seat) = predecessor_of {
                predecessors.entry(seat).or_default().push(code);
            }
            if members.insert(code, m).is_some() {
                return Err(err(t.file, *line, "iso3", "a code not listed before", code.as_str()));
            }
        }
        for (seat, preds) in &predecessors {
            if !members.contains_key(seat) {
                return Err(err("data/membership/un_member_states.csv", 0, "notes", "a predecessor-of code that has its own row", seat.as_str()));
            }
            for p in preds {
                let s = &states[index[p]];
                if s.seat != *seat {
                    return Err(err("data/states/states.csv", 0, "seat", &format!("{seat} for {p}, as un_member_states.csv says"), s.seat.as_str()));
                }
            }
        }

        // gaps.csv
        let t = Csv::read("data/membership/gaps.csv", src.gaps, &["code", "from", "to", "within", "reason", "source"])?;
        let mut gaps = Vec::new();
        for (line, rec) in &t.rows {
            let code = t.code(*line, rec, "code")?;
            if !members.contains_key(&code) {
                return Err(err(t.file, *line, "code", "a code with a row in un_member_states.csv", code.as_str()));
            }
            let within = if t.get(rec, "within").is_empty() { None } else { Some(t.code(*line, rec, "within")?) };
            gaps.push(Gap {
                code,
                from: t.date(*line, rec, "from")?,
                to: t.date(*line, rec, "to")?,
                within,
                reason: t.get(rec, "reason").to_string(),
                source: t.get(rec, "source").to_string(),
            });
        }

        let article19 = parse_article19("data/membership/article19.csv", src.article19)?;
        for a in &article19 {
            if !members.contains_key(&a.code) {
                return Err(err("data/membership/article19.csv", 0, "code", "a code with a row in un_member_states.csv", a.code.as_str()));
            }
        }

        // sc_members.csv
        let t = Csv::read("data/membership/sc_members.csv", src.sc_members, &["year", "iso3", "permanent"])?;
        let mut sc_years: HashMap<i32, Vec<(StateCode, bool)>> = HashMap::new();
        for (line, rec) in &t.rows {
            let y = t.get(rec, "year");
            let year: i32 = y.parse().map_err(|_| err(t.file, *line, "year", "a calendar year", y))?;
            let code = t.code(*line, rec, "iso3")?;
            if !members.contains_key(&code) {
                return Err(err(t.file, *line, "iso3", "a code with a row in un_member_states.csv", code.as_str()));
            }
            sc_years.entry(year).or_default().push((code, t.bool(*line, rec, "permanent")?));
        }

        // aliases.csv
        let t = Csv::read("data/states/aliases.csv", src.aliases, &["alias", "kind", "code", "valid_from", "valid_to", "source"])?;
        let mut names: HashMap<String, Vec<Span>> = HashMap::new();
        let mut iso2: HashMap<[u8; 2], Vec<Span>> = HashMap::new();
        let mut cow: HashMap<u16, Vec<Span>> = HashMap::new();
        for (line, rec) in &t.rows {
            let code = t.code(*line, rec, "code")?;
            if !index.contains_key(&code) {
                return Err(err(t.file, *line, "code", "a code listed in data/states/states.csv", code.as_str()));
            }
            let span = Span { from: t.opt_date(*line, rec, "valid_from")?, to: t.opt_date(*line, rec, "valid_to")?, code };
            let alias = t.get(rec, "alias");
            match t.get(rec, "kind") {
                "name" | "iso3" => names.entry(normalise(alias)).or_default().push(span),
                "iso2" => {
                    let b = alias.as_bytes();
                    if b.len() != 2 || !b.iter().all(u8::is_ascii_alphabetic) {
                        return Err(err(t.file, *line, "alias", "two letters for kind iso2", alias));
                    }
                    iso2.entry([b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()]).or_default().push(span);
                    names.entry(normalise(alias)).or_default().push(span);
                }
                "cow" => {
                    let n = alias.parse().map_err(|_| err(t.file, *line, "alias", "a COW number for kind cow", alias))?;
                    cow.entry(n).or_default().push(span);
                }
                k => return Err(err(t.file, *line, "kind", "name, iso2, iso3 or cow", k)),
            }
        }
        for spans in names.values_mut().chain(iso2.values_mut()).chain(cow.values_mut()) {
            spans.sort_by_key(|s| s.from);
        }

        Ok(Registry { states, index, members, predecessors, gaps, article19, names, iso2, cow, sc_years })
    }

    pub fn get(&self, code: StateCode) -> Option<&State> {
        self.index.get(&code).map(|&i| &self.states[i])
    }

    pub fn all(&self) -> impl Iterator<Item = &State> {
        self.states.iter()
    }

    /// The English name of a code, "unknown state" when the registry lacks it (for messages).
    pub fn name(&self, code: StateCode) -> &str {
        self.get(code).map_or("unknown state", |s| s.name_en.as_str())
    }

    /// Any spelling a source uses ("Russian Federation", "RUSSIAN FEDERATION", "USSR", "Côte
    /// D'Ivoire", "COTE D'IVOIRE", "IVORY COAST", ISO2 "CI", ISO3), resolved AT A DATE to the
    /// holder of the seat on that date (e.g. "China" on 1950-06-27 -> TWN, on 2025 -> CHN;
    /// "Russian Federation"/"USSR" in 1950 -> SUN; "Egypt" in 1960 -> UAR; "Yemen" in 1980 ->
    /// YAR). Case-, accent-, punctuation- and whitespace-insensitive (non-breaking spaces too).
    pub fn resolve(&self, name_or_code: &str, date: Date) -> Option<StateCode> {
        thread_local! {
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let code = KEY.with_borrow_mut(|key| {
            normalise_into(name_or_code, key);
            self.names.get(key.as_str()).and_then(|spans| pick(spans, date))
        })?;
        Some(self.holder(code, date))
    }

    /// Correlates of War numeric code (Voeten's ccode) at a date, to the holder of the seat.
    pub fn resolve_cow(&self, ccode: u16, date: Date) -> Option<StateCode> {
        pick(self.cow.get(&ccode)?, date).map(|c| self.holder(c, date))
    }

    /// ISO 3166-1 alpha-2 (and ISO 3166-3's for former states: SU, YU, CS, DD, YD) at a date.
    pub fn resolve_iso2(&self, iso2: &str, date: Date) -> Option<StateCode> {
        let b = iso2.trim().as_bytes();
        if b.len() != 2 {
            return None;
        }
        let key = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
        pick(self.iso2.get(&key)?, date).map(|c| self.holder(c, date))
    }

    /// The code that held `code`'s seat on `date`: a predecessor during its tenure (RUS in
    /// 1950 -> SUN, CHN before 1971-10-25 -> TWN), otherwise the seat itself (SUN in 2000 ->
    /// RUS; but TWN after 1971 stays TWN, see [`State::name_passes_to_seat`]). Former members
    /// that were not continued (CSK, YUG, DDR, YMD, ZAN) stay themselves. Source: the
    /// `[predecessor-of:…]` rows of un_member_states.csv with their inclusive `left`.
    pub fn holder(&self, code: StateCode, date: Date) -> StateCode {
        let seat = self.seat(code);
        if let Some(preds) = self.predecessors.get(&seat) {
            for p in preds {
                if self.members[p].covers(date) {
                    return *p;
                }
            }
        }
        if code != seat {
            // A predecessor outside its tenure: before it, it is only itself; after it, its
            // name means the seat unless a government lost the seat.
            let before = self.members.get(&code).is_some_and(|m| date < m.admitted);
            let passes = self.get(code).is_some_and(|s| s.name_passes_to_seat);
            if before || !passes {
                return code;
            }
        }
        seat
    }

    /// The continuing membership a code belongs to (SUN -> RUS, TWN -> CHN, YAR -> YEM,
    /// TAN -> TZA, UAR -> EGY, SCG -> SRB), for analyses over time; identity for others.
    pub fn seat(&self, code: StateCode) -> StateCode {
        self.get(code).map_or(code, |s| s.seat)
    }

    /// The gap (Syria in the UAR, Indonesia's withdrawal) that covers `code` on `date`.
    pub fn gap(&self, code: StateCode, date: Date) -> Option<&Gap> {
        self.gaps.iter().find(|g| g.code == code && g.from <= date && date <= g.to)
    }

    /// Whether the row of a non-predecessor membership counts on `date` (membership/README.md,
    /// "To count members on date d", with the Indonesian gap dropped as well).
    fn counted(&self, code: StateCode, date: Date) -> bool {
        self.members.get(&code).is_some_and(|m| m.predecessor_of.is_none() && m.covers(date)) && self.gap(code, date).is_none()
    }

    /// Member of the United Nations (and so of the General Assembly, Charter Art. 9) on `date`,
    /// as the holder of a seat: SUN in 1950 is, RUS is not.
    pub fn is_ga_member(&self, code: StateCode, date: Date) -> bool {
        match self.members.get(&code) {
            None => false,
            Some(m) => match m.predecessor_of {
                Some(seat) => m.covers(date) && self.counted(seat, date),
                None => self.counted(code, date) && self.holder(code, date) == code,
            },
        }
    }

    /// The Members on `date`, each as the holder of its seat, sorted by code.
    pub fn ga_members(&self, date: Date) -> Vec<StateCode> {
        let mut out: Vec<StateCode> = self
            .members
            .keys()
            .filter(|c| self.counted(**c, date))
            .map(|c| self.holder(*c, date))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Security Council composition on a date: (code, permanent), 11 seats to 1965, 15 from
    /// 1966 (Charter Art. 23, as amended in 1963, in force 31 Aug 1965; the enlarged Council
    /// first sat on 1 Jan 1966). `sc_members.csv` is by calendar year; each listed code is
    /// mapped to the holder of its seat on the day (CHN -> TWN to 1971-10-25, SUN -> RUS after
    /// 1991-12-24), and a seat whose member ceased to exist during the year passes to its single
    /// successor (Democratic Yemen's 1990 seat to Yemen from 1990-05-23: membership/README.md).
    /// Permanent members first, then by code. Empty outside 1946-2026.
    pub fn sc_members(&self, date: Date) -> Vec<(StateCode, bool)> {
        use chrono::Datelike;
        if date < Date::from_ymd_opt(1946, 1, 17).unwrap_or(date) {
            // The Security Council first met on 17 January 1946.
            return Vec::new();
        }
        let Some(rows) = self.sc_years.get(&date.year()) else { return Vec::new() };
        let mut out: Vec<(StateCode, bool)> = rows.iter().map(|&(c, p)| (self.sc_holder(c, date), p)).collect();
        out.sort_by_key(|&(c, p)| (!p, c));
        out
    }

    fn sc_holder(&self, code: StateCode, date: Date) -> StateCode {
        if let Some(m) = self.members.get(&code)
            && m.predecessor_of.is_none()
            && m.left.is_some_and(|l| l < date)
            && let [single] = m.successors.as_slice()
        {
            return self.holder(*single, date);
        }
        self.holder(code, date)
    }

    pub fn is_sc_member(&self, code: StateCode, date: Date) -> bool {
        self.sc_members(date).iter().any(|&(c, _)| c == code)
    }

    /// A permanent member on `date` (Charter Art. 23(1): China, France, the USSR, the United
    /// Kingdom and the United States, each as the holder of its seat on the day).
    pub fn is_sc_permanent(&self, code: StateCode, date: Date) -> bool {
        self.sc_members(date).iter().any(|&(c, p)| p && c == code)
    }

    /// Without a vote in the General Assembly on `date` under Charter Art. 19 (arrears).
    pub fn article19(&self, code: StateCode, date: Date) -> Option<&Article19Loss> {
        self.article19.iter().find(|a| a.code == code && a.from <= date && a.to.is_none_or(|t| date <= t))
    }

    /// This registry with more Art. 19 losses of vote, e.g. a session's list given by a caller.
    pub fn with_article19(&self, losses: impl IntoIterator<Item = Article19Loss>) -> Registry {
        let mut r = self.clone();
        r.article19.extend(losses);
        r
    }

    /// Why `code` is not a member of body "GA" | "SC" on `date`, in words, naming the holder
    /// of the seat when there is one, e.g. "RUS was not a Member of the United Nations on
    /// 1950-06-27: the seat was held by SUN (Union of Soviet Socialist Republics)". None if it is.
    pub fn why_not_member(&self, code: StateCode, body: &str, date: Date) -> Option<String> {
        match body.trim().to_ascii_uppercase().as_str() {
            BODY_GA => self.why_not_ga(code, date),
            BODY_SC => {
                if self.is_sc_member(code, date) {
                    return None;
                }
                let not_sc = format!("{code} was not a member of the Security Council on {date}");
                if let Some(why) = self.why_not_ga(code, date) {
                    return Some(format!("{not_sc}: {}", why.split_once(": ").map_or(why.as_str(), |(_, w)| w)));
                }
                let holder = self.sc_members(date).into_iter().map(|(c, _)| c).find(|c| self.seat(*c) == self.seat(code));
                if let Some(h) = holder {
                    return Some(format!("{not_sc}: the seat was held by {h} ({})", self.name(h)));
                }
                let members = self.sc_members(date);
                if members.is_empty() {
                    return Some(format!("{not_sc}: the registry has no Security Council composition for that date (1946-01-17 to 2026-12-31)"));
                }
                use chrono::Datelike;
                let list: Vec<&str> = members.iter().map(|(c, _)| c.as_str()).collect();
                Some(format!("{not_sc}: the members in {} were {}", date.year(), list.join(", ")))
            }
            _ => Some(format!("unknown body {body:?}: expected \"GA\" or \"SC\"")),
        }
    }

    fn why_not_ga(&self, code: StateCode, date: Date) -> Option<String> {
        if self.is_ga_member(code, date) {
            return None;
        }
        let head = format!("{code} was not a Member of the United Nations on {date}");
        let Some(m) = self.members.get(&code) else {
            return Some(match self.get(code) {
                Some(s) => format!("{head}: {} has no membership in the registry", s.name_en),
                None => format!("{head}: {code} is not a state code known to the registry"),
            });
        };
        if let Some(g) = self.gap(code, date) {
            let within = g.within.map(|w| format!(" (the seat was held by {w} ({}))", self.name(w))).unwrap_or_default();
            return Some(format!("{head}: {}{within}", g.reason));
        }
        let seat = self.seat(code);
        if m.predecessor_of.is_none() && m.covers(date) {
            let h = self.holder(code, date);
            if h != code {
                return Some(format!("{head}: the seat was held by {h} ({})", self.name(h)));
            }
        }
        if date < m.admitted {
            return Some(format!("{head}: {} was admitted on {}", self.name(code), m.admitted));
        }
        if let Some(left) = m.left.filter(|l| *l < date) {
            if m.predecessor_of.is_some() {
                let h = self.holder(seat, date);
                return Some(format!("{head}: its tenure of the seat ended on {left}; the seat was held by {h} ({})", self.name(h)));
            }
            let succ: Vec<String> = m.successors.iter().map(|s| format!("{s} ({})", self.name(*s))).collect();
            let succ = if succ.is_empty() { String::new() } else { format!(" (followed by {})", succ.join(", ")) };
            return Some(format!("{head}: its membership ended on {left}{succ}"));
        }
        // A predecessor within its tenure whose seat did not count (none in the bundled data).
        let why = m.predecessor_of.and_then(|s| self.gap(s, date)).map_or("its seat did not count on that date", |g| g.reason.as_str());
        Some(format!("{head}: {why}"))
    }

    /// Why `code` has no vote in the General Assembly on `date`: not a Member, or without a
    /// vote under Charter Art. 19. None if it may vote.
    pub fn why_no_ga_vote(&self, code: StateCode, date: Date) -> Option<String> {
        if let Some(why) = self.why_not_ga(code, date) {
            return Some(why);
        }
        self.article19(code, date).map(|a| {
            format!("{code} had no vote in the General Assembly on {date} under Art. 19 of the Charter (arrears){}", if a.source.is_empty() { String::new() } else { format!(" [{}]", a.source) })
        })
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code, self.name_en)
    }
}
