//! The search page's index: the decisions' searchable text held in memory, so that the page
//! answers in well under its 20 ms budget (issue 6 §4) without changing what it finds.
//!
//! `Store::search` (the CLI's `plenary search`) matches with `LOWER(...) LIKE '%word%'` over
//! every decision's title, description and symbol: on the bundled record that is a scan of
//! every decision for each request (28-36 ms median, bench/pages.sh). The page's symbol lookup
//! (`Store::find_symbol`) scans the decisions' drafts the same way. This index answers both from
//! memory by the same rules:
//!
//! - **search**: every word, with `%` and `_` removed and lowercased as Rust lowercases it (as
//!   `Store::search` binds it), is a substring of the title, the description or the symbol
//!   lowercased *as the database's `LOWER` does*; the same filters (body, dates, issue, kinds),
//!   the same order (date, then id) and the same limit.
//! - **symbol lookup**: the first of `symbol::candidate_keys` that equals a decision's
//!   `symbol_key`, else its draft without spaces upper-cased as the database's `UPPER` does.
//!
//! The database's case mapping is not Rust's: SQLite's `LOWER`/`UPPER` change ASCII letters
//! only (sqlite.org/lang_corefunc.html#lower) and its `LIKE` ignores the case of ASCII letters
//! only (sqlite.org/lang_expr.html#like); PostgreSQL's map each character by the database's
//! locale (`towlower`/`towupper` under libc, every letter under C.UTF-8) or ASCII only under the
//! C locale, and its `LIKE` is case-sensitive with `\` as escape character (PostgreSQL 15
//! manual, §9.7.1). [`SearchIndex::load`] asks the database how it lowers a probe string and
//! keeps that [`CaseMap`]; where the index cannot reproduce the database exactly (an unknown
//! case mapping, a backslash in a word or a negative limit on PostgreSQL, a non-ASCII draft whose upper case would
//! be a guess) it answers `None` and the caller asks the database, so the answer is the same
//! either way. `tests/search_index.rs` compares the two on the real record.

use std::collections::HashMap;

use plenary_record::query::{Filter, SearchHit};
use plenary_record::symbol::candidate_keys;
use plenary_record::{Backend, Store, StoreError};
use sqlx::Row;

/// How the database maps case, as [`SearchIndex::load`] found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseMap {
    /// ASCII letters only (SQLite; PostgreSQL under the C locale).
    Ascii,
    /// Each character to its single-character lower case (PostgreSQL under libc's UTF-8
    /// locales: `towlower`, so "İ" becomes "i" and a final "Σ" "σ").
    Simple,
    /// Neither: the index answers nothing, the database answers everything.
    Unknown,
}

/// The probe: Latin with an accent, Greek with a final sigma, Cyrillic, and the dotted capital
/// I, whose full lower case is two characters.
const PROBE: &str = "AÀΣΑΣЖİ";

impl CaseMap {
    fn of(backend: Backend, lowered: &str) -> CaseMap {
        let ascii = PROBE.to_ascii_lowercase();
        let simple: String = PROBE.chars().map(simple_lower).collect();
        match backend {
            // SQLite's LIKE ignores ASCII case only: exact with ASCII LOWER, not otherwise (an
            // ICU build changes both LOWER and LIKE).
            Backend::Sqlite if lowered == ascii => CaseMap::Ascii,
            Backend::Postgres if lowered == ascii => CaseMap::Ascii,
            Backend::Postgres if lowered == simple => CaseMap::Simple,
            _ => CaseMap::Unknown,
        }
    }

    fn lower(self, s: &str) -> String {
        match self {
            CaseMap::Ascii | CaseMap::Unknown => s.to_ascii_lowercase(),
            CaseMap::Simple => s.chars().map(simple_lower).collect(),
        }
    }
}

/// A character's lower case when it is one character, else its first ("İ": "i" and a
/// combining dot; `towlower` gives "i").
fn simple_lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// One decision as the index holds it.
#[derive(Clone, Debug)]
struct Entry {
    hit: SearchHit,
    outcome: Option<String>,
    symbol_key: Option<String>,
    /// The draft without spaces, upper-cased (ASCII) as `find_symbol` compares it.
    draft_key: Option<String>,
    issues: Vec<String>,
    /// Title, description and symbol, lowered as the database lowers them ("" for none).
    text: [String; 3],
}

/// A decision found, with its outcome as recorded ("adopted", "rejected", "vetoed"...).
#[derive(Clone, Copy, Debug)]
pub struct Found<'a> {
    pub hit: &'a SearchHit,
    pub outcome: Option<&'a str>,
}

/// Every decision's searchable text, in the record's order (date, then id).
#[derive(Debug)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    case: CaseMap,
    backend: Backend,
    /// Whether every draft is ASCII, so that its upper case is the database's whatever the
    /// locale (otherwise the symbol lookup is left to the database).
    ascii_drafts: bool,
}

impl SearchIndex {
    /// Reads every decision of the record (one query for the decisions, one for their issues)
    /// and asks the database how it lowers case.
    pub async fn load(store: &Store) -> Result<SearchIndex, StoreError> {
        let backend = store.backend();
        let lowered: String = sqlx::query("SELECT LOWER($1)").bind(PROBE).fetch_one(store.pool()).await?.try_get(0)?;
        let case = CaseMap::of(backend, &lowered);
        let mut issues: HashMap<i64, Vec<String>> = HashMap::new();
        for r in sqlx::query("SELECT decision_id, issue FROM decision_issues").fetch_all(store.pool()).await? {
            issues.entry(r.try_get(0)?).or_default().push(r.try_get(1)?);
        }
        let rows = sqlx::query("SELECT id, body, date, symbol, kind, title, description, outcome, symbol_key, draft FROM decisions ORDER BY date, id")
            .fetch_all(store.pool())
            .await?;
        let mut entries = Vec::with_capacity(rows.len());
        let mut ascii_drafts = true;
        for r in rows {
            let hit = SearchHit::from_row(&r)?;
            let draft: Option<String> = r.try_get(9)?;
            ascii_drafts &= draft.as_deref().is_none_or(|d| d.is_ascii());
            let low = |s: &Option<String>| s.as_deref().map(|s| case.lower(s)).unwrap_or_default();
            entries.push(Entry {
                text: [low(&hit.title), low(&hit.description), low(&hit.symbol)],
                issues: issues.remove(&hit.id).unwrap_or_default(),
                outcome: r.try_get(7)?,
                symbol_key: r.try_get(8)?,
                draft_key: draft.map(|d| d.replace(' ', "").to_ascii_uppercase()),
                hit,
            });
        }
        Ok(SearchIndex { entries, case, backend, ascii_drafts })
    }

    /// How many decisions the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The database's case mapping, as found.
    pub fn case_map(&self) -> CaseMap {
        self.case
    }

    /// What `Store::search(words, filter, limit)` returns, in its order; `None` where the
    /// index cannot be sure of giving the same answer (see the module's documentation).
    pub fn search(&self, words: &[String], filter: &Filter, limit: i64) -> Option<Vec<Found<'_>>> {
        if self.case == CaseMap::Unknown {
            return None;
        }
        // As `Store::search` binds them.
        let patterns: Vec<String> = words.iter().map(|w| w.to_lowercase().replace(['%', '_'], "")).collect();
        if self.backend == Backend::Postgres && patterns.iter().any(|p| p.contains('\\')) {
            return None; // PostgreSQL's LIKE escape character
        }
        let body = filter.body.as_ref().map(|b| b.to_uppercase());
        let from = filter.from.map(|d| d.to_string());
        let to = filter.to.map(|d| d.to_string());
        let issue = filter.issue.as_ref().map(|i| i.to_lowercase());
        // SQLite reads a negative LIMIT as none (sqlite.org/lang_select.html#limitoffset);
        // PostgreSQL refuses it ("LIMIT must not be negative"), which the database says best.
        if limit < 0 && self.backend == Backend::Postgres {
            return None;
        }
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let mut out = Vec::new();
        for e in &self.entries {
            if out.len() >= limit {
                break;
            }
            let h = &e.hit;
            let matches = body.as_ref().is_none_or(|b| h.body == *b)
                && from.as_ref().is_none_or(|f| h.date.as_str() >= f.as_str())
                && to.as_ref().is_none_or(|t| h.date.as_str() <= t.as_str())
                && issue.as_ref().is_none_or(|i| e.issues.contains(i))
                && (filter.kinds.is_empty() || filter.kinds.contains(&h.kind))
                && patterns.iter().all(|p| e.text.iter().any(|t| t.contains(p.as_str())));
            if matches {
                out.push(Found { hit: h, outcome: e.outcome.as_deref() });
            }
        }
        Some(out)
    }

    /// What `Store::find_symbol(input)` returns (ids in date order); `None` where the index
    /// cannot be sure of giving the same answer.
    pub fn find_symbol(&self, input: &str) -> Option<Vec<i64>> {
        if !self.ascii_drafts || self.case == CaseMap::Unknown {
            return None;
        }
        for key in candidate_keys(input) {
            let ids: Vec<i64> = self.entries.iter().filter(|e| e.symbol_key.as_deref() == Some(key.as_str())).map(|e| e.hit.id).collect();
            if !ids.is_empty() {
                return Some(ids);
            }
            // An ASCII draft upper-cased is the same under every case mapping; a key with other
            // characters cannot equal it.
            let ids: Vec<i64> = self.entries.iter().filter(|e| e.draft_key.as_deref() == Some(key.as_str())).map(|e| e.hit.id).collect();
            if !ids.is_empty() {
                return Some(ids);
            }
        }
        Some(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_map_is_read_from_how_the_database_lowers_the_probe() {
        // SQLite's LOWER: ASCII letters only.
        assert_eq!(CaseMap::of(Backend::Sqlite, "aÀΣΑΣЖİ"), CaseMap::Ascii);
        // PostgreSQL under C.UTF-8 or a libc UTF-8 locale: every letter, one character each.
        assert_eq!(CaseMap::of(Backend::Postgres, "aàσασжi"), CaseMap::Simple);
        assert_eq!(CaseMap::of(Backend::Postgres, "aÀΣΑΣЖİ"), CaseMap::Ascii);
        // ICU's full mapping (final sigma, dotted i) or an ICU build of SQLite: not reproduced.
        assert_eq!(CaseMap::of(Backend::Postgres, "aàσας\u{0436}i\u{307}"), CaseMap::Unknown);
        assert_eq!(CaseMap::of(Backend::Sqlite, "aàσασжi"), CaseMap::Unknown);
    }

    #[test]
    fn each_case_map_lowers_as_its_database_does() {
        assert_eq!(CaseMap::Ascii.lower("Territorial INTEGRITY of УКРАЇНА, CÔTE"), "territorial integrity of УКРАЇНА, cÔte");
        assert_eq!(CaseMap::Simple.lower("Territorial INTEGRITY of УКРАЇНА, CÔTE, İ, ΣΑΣ"), "territorial integrity of україна, côte, i, σασ");
    }
}
