//! Reading the record: roll calls for analysis, one decision for `show`, a state's votes,
//! search and export.

use std::collections::HashMap;

use plenary_rules::{Date, StateCode, Vote};
use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};

use crate::fidelity::Counted;
use crate::store::{Backend, Store, StoreError};
use crate::symbol::candidate_keys;

/// Which decisions to read. Empty fields match everything.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// "GA", "SC" or a custom body's id.
    pub body: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// An issue code (unvotes: me, nu, di, hr, co, ec).
    pub issue: Option<String>,
    /// Decision kinds ("resolution", "amendment", "part", "motion", "other").
    pub kinds: Vec<String>,
}

/// One end of a `Filter`'s period as a person writes it: a year ("2022": from its 1 January, or
/// with `end_of_year` to its 31 December) or a date "YYYY-MM-DD". `None` for anything else; the
/// CLI and the pages say what was expected.
pub fn period_bound(s: &str, end_of_year: bool) -> Option<Date> {
    let t = s.trim();
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = t.parse().ok()?;
        return if end_of_year { Date::from_ymd_opt(y, 12, 31) } else { Date::from_ymd_opt(y, 1, 1) };
    }
    Date::parse_from_str(t, "%Y-%m-%d").ok()
}

/// One decision with its votes, as analysis reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct RollCall {
    pub id: i64,
    pub body: String,
    pub date: Date,
    pub session: Option<String>,
    pub symbol: Option<String>,
    pub kind: String,
    pub issues: Vec<String>,
    /// Voeten's "important vote" flag (Art. 18(2) questions as his data marks them).
    pub important: Option<bool>,
    /// Voeten's roll-call id, for decisions from unvotes or his release.
    pub rcid: Option<i64>,
    /// The votes of the decision's first source (one per state), sorted by state.
    pub votes: Vec<(StateCode, Vote)>,
}

/// Binds a filter's values after `$first`; returns the WHERE clause (on alias `d`).
pub(crate) fn where_clause(f: &Filter, first: usize) -> (String, Vec<String>) {
    let mut conds = Vec::new();
    let mut vals = Vec::new();
    let mut n = first;
    let mut push = |cond: &str, v: String, conds: &mut Vec<String>| {
        conds.push(cond.replace("?", &format!("${n}")));
        vals.push(v);
        n += 1;
    };
    if let Some(b) = &f.body {
        push("d.body = ?", b.to_uppercase(), &mut conds);
    }
    if let Some(d) = f.from {
        push("d.date >= ?", d.to_string(), &mut conds);
    }
    if let Some(d) = f.to {
        push("d.date <= ?", d.to_string(), &mut conds);
    }
    if let Some(i) = &f.issue {
        push("EXISTS (SELECT 1 FROM decision_issues i WHERE i.decision_id = d.id AND i.issue = ?)", i.to_lowercase(), &mut conds);
    }
    if !f.kinds.is_empty() {
        let mut ors = Vec::new();
        for k in &f.kinds {
            let mut c = Vec::new();
            push("d.kind = ?", k.clone(), &mut c);
            ors.push(c.remove(0));
        }
        conds.push(format!("({})", ors.join(" OR ")));
    }
    if conds.is_empty() {
        (String::new(), vals)
    } else {
        (format!(" WHERE {}", conds.join(" AND ")), vals)
    }
}

fn parse_date(s: &str) -> Result<Date, StoreError> {
    Date::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Invalid(format!("a date in the database is not YYYY-MM-DD: {s:?}")))
}

impl Store {
    /// Every decision that matches `filter`, in date order, with its votes.
    ///
    /// Fast: the votes of a decision come back as one concatenated string per decision
    /// ("USAYCANN..."), so the whole Assembly record is ~6,000 rows, not 870,000.
    pub async fn roll_calls(&self, filter: &Filter) -> Result<Vec<RollCall>, StoreError> {
        let (w, vals) = where_clause(filter, 1);
        // The one dialect difference: SQLite's group_concat is PostgreSQL's string_agg.
        let agg = match self.backend {
            Backend::Sqlite => "group_concat(v.state || v.vote, '')",
            Backend::Postgres => "string_agg(v.state || v.vote, '' ORDER BY v.state)",
        };
        let sql = format!(
            "SELECT d.id, d.body, d.date, d.session, d.symbol, d.kind, d.important, d.rcid, \
             (SELECT {agg} FROM votes v WHERE v.decision_id = d.id AND v.import_id = d.import_id), \
             (SELECT {} FROM decision_issues i WHERE i.decision_id = d.id) \
             FROM decisions d{w} ORDER BY d.date, d.id",
            match self.backend {
                Backend::Sqlite => "group_concat(i.issue, ',')",
                Backend::Postgres => "string_agg(i.issue, ',' ORDER BY i.issue)",
            }
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for v in vals {
            q = q.bind(v);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let packed: Option<String> = r.try_get(8)?;
            let mut votes = Vec::new();
            if let Some(p) = packed {
                for chunk in p.as_bytes().chunks(4) {
                    if chunk.len() != 4 {
                        return Err(StoreError::Invalid("a vote row in the database is malformed".into()));
                    }
                    let state = StateCode::parse(std::str::from_utf8(&chunk[..3]).unwrap_or("")).ok_or_else(|| StoreError::Invalid("a state code in the database is malformed".into()))?;
                    let vote = Vote::from_code(std::str::from_utf8(&chunk[3..]).unwrap_or("")).ok_or_else(|| StoreError::Invalid("a vote code in the database is malformed".into()))?;
                    votes.push((state, vote));
                }
            }
            votes.sort();
            let issues: Option<String> = r.try_get(9)?;
            let mut issues: Vec<String> = issues.map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_default();
            issues.sort();
            out.push(RollCall {
                id: r.try_get(0)?,
                body: r.try_get(1)?,
                date: parse_date(&r.try_get::<String, _>(2)?)?,
                session: r.try_get(3)?,
                symbol: r.try_get(4)?,
                kind: r.try_get(5)?,
                important: r.try_get::<Option<i64>, _>(6)?.map(|v| v != 0),
                rcid: r.try_get(7)?,
                issues,
                votes,
            });
        }
        Ok(out)
    }
}

/// What one source published about a decision.
#[derive(Clone, Debug, Serialize)]
pub struct SourceView {
    pub source: String,
    pub source_key: String,
    pub file: String,
    pub line: i64,
    pub version: String,
    pub yes: Option<i64>,
    pub no: Option<i64>,
    pub abstain: Option<i64>,
    pub non_voting: Option<i64>,
    pub published_outcome: Option<String>,
    pub counted: Counted,
}

/// A finding as stored.
#[derive(Clone, Debug, Serialize)]
pub struct FindingView {
    pub id: i64,
    pub source: String,
    pub decision_id: Option<i64>,
    pub symbol: Option<String>,
    pub kind: String,
    pub message: String,
    pub evidence: serde_json::Value,
    pub file: String,
    pub line: i64,
    pub version: String,
}

/// Everything `plenary show` prints about one decision.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionView {
    pub id: i64,
    pub symbol: Option<String>,
    pub body: String,
    pub date: String,
    pub session: Option<String>,
    pub meeting: Option<String>,
    pub draft: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub kind: String,
    pub amends: Option<String>,
    pub adoption: String,
    /// Published tallies where the first source has them, otherwise the counts.
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub non_voting: u32,
    /// Where `yes`..`non_voting` come from: "published" or "counted".
    pub tally_from: String,
    /// The outcome the rules engine derives from the rows (None where it could not decide).
    pub outcome: Option<String>,
    pub outcome_explanation: Option<String>,
    /// The first source's label, verbatim.
    pub published_outcome: Option<String>,
    pub votes: std::collections::BTreeMap<String, String>,
    pub counted: Counted,
    pub sources: Vec<SourceView>,
    pub findings: Vec<FindingView>,
    /// The permanent members who vetoed it, as `decision_vetoes` keeps them (votes by show of
    /// hands, which have no rows to show a veto); empty otherwise: a recorded vote's veto is
    /// in its rows and its outcome.
    pub vetoed_by: Vec<String>,
}

impl Store {
    /// The decisions a loosely written symbol stands for ("A/RES/ES-11/1", "ES-11/1",
    /// "res 2774", "S/RES/2774"): the first candidate form that matches, in date order.
    pub async fn find_symbol(&self, input: &str) -> Result<Vec<i64>, StoreError> {
        for key in candidate_keys(input) {
            let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM decisions WHERE symbol_key = $1 ORDER BY date, id").bind(&key).fetch_all(&self.pool).await?;
            if !ids.is_empty() {
                return Ok(ids.into_iter().map(|r| r.0).collect());
            }
            // Drafts: "A/ES-11/L.1".
            let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM decisions WHERE UPPER(REPLACE(draft, ' ', '')) = $1 ORDER BY date, id").bind(&key).fetch_all(&self.pool).await?;
            if !ids.is_empty() {
                return Ok(ids.into_iter().map(|r| r.0).collect());
            }
        }
        Ok(Vec::new())
    }

    /// One decision with its sources, votes and findings.
    pub async fn decision(&self, id: i64) -> Result<Option<DecisionView>, StoreError> {
        let Some(r) = sqlx::query(
            "SELECT id, symbol, body, date, session, meeting, draft, title, description, kind, amends, adoption, outcome, outcome_explanation, import_id FROM decisions WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let import_id: i64 = r.try_get(14)?;
        let vrows = sqlx::query("SELECT state, vote, import_id FROM votes WHERE decision_id = $1 ORDER BY state").bind(id).fetch_all(&self.pool).await?;
        let mut by_import: HashMap<i64, Vec<Vote>> = HashMap::new();
        let mut votes = std::collections::BTreeMap::new();
        for v in &vrows {
            let state: String = v.try_get(0)?;
            let code: String = v.try_get(1)?;
            let imp: i64 = v.try_get(2)?;
            let vote = Vote::from_code(&code).ok_or_else(|| StoreError::Invalid(format!("vote code {code:?} in the database")))?;
            by_import.entry(imp).or_default().push(vote);
            if imp == import_id {
                votes.insert(state, code);
            }
        }
        let srows = sqlx::query(
            "SELECT s.source, s.source_key, s.file, s.line, i.sha256, s.published_yes, s.published_no, s.published_abstain, s.published_non_voting, s.published_outcome, s.import_id \
             FROM decision_sources s JOIN imports i ON i.id = s.import_id WHERE s.decision_id = $1 ORDER BY s.import_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut sources = Vec::new();
        for s in srows {
            let imp: i64 = s.try_get(10)?;
            sources.push(SourceView {
                source: s.try_get(0)?,
                source_key: s.try_get(1)?,
                file: s.try_get(2)?,
                line: s.try_get(3)?,
                version: s.try_get(4)?,
                yes: s.try_get(5)?,
                no: s.try_get(6)?,
                abstain: s.try_get(7)?,
                non_voting: s.try_get(8)?,
                published_outcome: s.try_get(9)?,
                counted: Counted::of(by_import.get(&imp).map(|v| v.as_slice()).unwrap_or(&[])),
            });
        }
        let counted = Counted::of(by_import.get(&import_id).map(|v| v.as_slice()).unwrap_or(&[]));
        let first = sources.first();
        let published = first.filter(|s| s.yes.is_some() || s.no.is_some() || s.abstain.is_some());
        let (yes, no, abstain, non_voting, tally_from) = match published {
            Some(s) => (
                s.yes.unwrap_or(0) as u32,
                s.no.unwrap_or(0) as u32,
                s.abstain.unwrap_or(0) as u32,
                s.non_voting.map(|n| n as u32).unwrap_or(counted.non_voting),
                "published",
            ),
            None => (counted.yes, counted.no, counted.abstain, counted.non_voting, "counted"),
        };
        let symbol: Option<String> = r.try_get(1)?;
        let findings = self.findings_where("f.decision_id = $1", Some(id)).await?;
        let vetoed_by: Vec<(String,)> = sqlx::query_as("SELECT state FROM decision_vetoes WHERE decision_id = $1 ORDER BY state").bind(id).fetch_all(&self.pool).await?;
        let vetoed_by = vetoed_by.into_iter().map(|r| r.0).collect();
        Ok(Some(DecisionView {
            id,
            symbol,
            body: r.try_get(2)?,
            date: r.try_get(3)?,
            session: r.try_get(4)?,
            meeting: r.try_get(5)?,
            draft: r.try_get(6)?,
            title: r.try_get(7)?,
            description: r.try_get(8)?,
            kind: r.try_get(9)?,
            amends: r.try_get(10)?,
            adoption: r.try_get(11)?,
            yes,
            no,
            abstain,
            non_voting,
            tally_from: tally_from.into(),
            outcome: r.try_get(12)?,
            outcome_explanation: r.try_get(13)?,
            published_outcome: first.and_then(|s| s.published_outcome.clone()),
            votes,
            counted,
            sources,
            findings,
            vetoed_by,
        }))
    }

    async fn findings_where(&self, cond: &str, id: Option<i64>) -> Result<Vec<FindingView>, StoreError> {
        let sql = format!(
            "SELECT f.id, f.source, f.decision_id, d.symbol, f.kind, f.message, f.evidence, f.file, f.line, f.version \
             FROM findings f LEFT JOIN decisions d ON d.id = f.decision_id WHERE {cond} ORDER BY f.id"
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        if let Some(id) = id {
            q = q.bind(id);
        }
        let mut out = Vec::new();
        for r in q.fetch_all(&self.pool).await? {
            let ev: String = r.try_get(6)?;
            out.push(FindingView {
                id: r.try_get(0)?,
                source: r.try_get(1)?,
                decision_id: r.try_get(2)?,
                symbol: r.try_get(3)?,
                kind: r.try_get(4)?,
                message: r.try_get(5)?,
                evidence: serde_json::from_str(&ev).unwrap_or(serde_json::Value::String(ev)),
                file: r.try_get(7)?,
                line: r.try_get(8)?,
                version: r.try_get(9)?,
            });
        }
        Ok(out)
    }

    /// Every finding, oldest first.
    pub async fn findings(&self) -> Result<Vec<FindingView>, StoreError> {
        self.findings_where("1 = 1", None).await
    }

    /// Number of findings per (source, kind).
    pub async fn finding_counts(&self) -> Result<Vec<(String, String, i64)>, StoreError> {
        let rows = sqlx::query("SELECT source, kind, CAST(COUNT(*) AS BIGINT) FROM findings GROUP BY source, kind ORDER BY source, kind").fetch_all(&self.pool).await?;
        rows.into_iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).collect()
    }
}

/// One state's vote on one decision (`plenary country`, `plenary export`).
#[derive(Clone, Debug, Serialize)]
pub struct VoteRow {
    pub decision_id: i64,
    pub body: String,
    pub date: String,
    pub session: Option<String>,
    pub symbol: Option<String>,
    pub kind: String,
    pub title: Option<String>,
    pub state: String,
    pub vote: String,
}

/// A decision found by `plenary search`.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    pub id: i64,
    pub body: String,
    pub date: String,
    pub symbol: Option<String>,
    pub kind: String,
    pub title: Option<String>,
    pub description: Option<String>,
}

impl SearchHit {
    /// A hit from a row whose first seven columns are `d.id, d.body, d.date, d.symbol, d.kind,
    /// d.title, d.description` (the search's query, and the web's search index that must find
    /// the same).
    pub fn from_row(r: &sqlx::any::AnyRow) -> Result<SearchHit, sqlx::Error> {
        Ok(SearchHit {
            id: r.try_get(0)?,
            body: r.try_get(1)?,
            date: r.try_get(2)?,
            symbol: r.try_get(3)?,
            kind: r.try_get(4)?,
            title: r.try_get(5)?,
            description: r.try_get(6)?,
        })
    }
}

impl Store {
    /// The votes of `states` (one membership may have several codes over time: SUN and RUS)
    /// within `filter`, in date order.
    pub async fn votes_of(&self, states: &[StateCode], filter: &Filter) -> Result<Vec<VoteRow>, StoreError> {
        let (w, vals) = where_clause(filter, states.len() + 1);
        let list = (1..=states.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(",");
        let w = if w.is_empty() { " WHERE 1 = 1".to_string() } else { w };
        // There is no index on `votes (state, ...)` (migration 0002): the decisions are walked
        // (a few thousand rows, by `decisions_date` when filtered) and each one's row is looked
        // up by the full primary key (decision_id, import_id, state). SQLite's planner would
        // rather scan all of `votes`; its CROSS JOIN keeps `decisions` as the outer loop
        // (sqlite.org/optoverview.html, "Manual Control Of Query Plans Using CROSS JOIN").
        // PostgreSQL has no CROSS JOIN ... ON and plans the join itself.
        let join = match self.backend {
            Backend::Sqlite => "CROSS JOIN",
            Backend::Postgres => "JOIN",
        };
        let sql = format!(
            "SELECT d.id, d.body, d.date, d.session, d.symbol, d.kind, d.title, v.state, v.vote FROM decisions d \
             {join} votes v ON v.decision_id = d.id AND v.import_id = d.import_id{w} AND v.state IN ({list}) ORDER BY d.date, d.id"
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for s in states {
            q = q.bind(s.to_string());
        }
        for v in vals {
            q = q.bind(v);
        }
        let mut out = Vec::new();
        for r in q.fetch_all(&self.pool).await? {
            out.push(VoteRow {
                decision_id: r.try_get(0)?,
                body: r.try_get(1)?,
                date: r.try_get(2)?,
                session: r.try_get(3)?,
                symbol: r.try_get(4)?,
                kind: r.try_get(5)?,
                title: r.try_get(6)?,
                state: r.try_get(7)?,
                vote: r.try_get(8)?,
            });
        }
        Ok(out)
    }

    /// Decisions whose title, description or symbol contains every word (case-insensitive).
    pub async fn search(&self, words: &[String], filter: &Filter, limit: i64) -> Result<Vec<SearchHit>, StoreError> {
        let (w, vals) = where_clause(filter, words.len() + 1);
        let mut conds: Vec<String> = (1..=words.len())
            .map(|i| format!("(LOWER(COALESCE(d.title, '')) LIKE ${i} OR LOWER(COALESCE(d.description, '')) LIKE ${i} OR LOWER(COALESCE(d.symbol, '')) LIKE ${i})"))
            .collect();
        if conds.is_empty() {
            conds.push("1 = 1".into());
        }
        let w = if w.is_empty() { " WHERE 1 = 1".to_string() } else { w };
        let sql = format!(
            "SELECT d.id, d.body, d.date, d.symbol, d.kind, d.title, d.description FROM decisions d{w} AND {} ORDER BY d.date, d.id LIMIT {limit}",
            conds.join(" AND ")
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for word in words {
            let escaped = word.to_lowercase().replace('%', "").replace('_', "");
            q = q.bind(format!("%{escaped}%"));
        }
        for v in vals {
            q = q.bind(v);
        }
        let mut out = Vec::new();
        for r in q.fetch_all(&self.pool).await? {
            out.push(SearchHit::from_row(&r)?);
        }
        Ok(out)
    }
}

/// One row of `plenary export`: one state's vote on one decision, with the decision's fields
/// repeated so that each row stands alone (pandas, R, polars, DuckDB).
#[derive(Clone, Debug, Serialize)]
pub struct ExportRow {
    pub decision_id: i64,
    pub body: String,
    pub date: String,
    pub session: Option<String>,
    pub symbol: Option<String>,
    pub kind: String,
    pub important: Option<i64>,
    pub rcid: Option<i64>,
    pub title: Option<String>,
    pub state: String,
    pub vote: String,
    pub source: String,
    pub source_line: i64,
}

impl ExportRow {
    pub const HEADER: [&'static str; 13] =
        ["decision_id", "body", "date", "session", "symbol", "kind", "important", "rcid", "title", "state", "vote", "source", "source_line"];
}

impl Store {
    /// Streams every vote row of the decisions in `filter` (the first source's rows), in
    /// date order, to `each`, without holding the record in memory.
    pub async fn export_each(&self, filter: &Filter, mut each: impl FnMut(ExportRow) -> Result<(), StoreError>) -> Result<u64, StoreError> {
        use futures_util::TryStreamExt;
        let (w, vals) = where_clause(filter, 1);
        let sql = format!(
            "SELECT d.id, d.body, d.date, d.session, d.symbol, d.kind, d.important, d.rcid, d.title, v.state, v.vote, i.source, v.line \
             FROM decisions d JOIN votes v ON v.decision_id = d.id AND v.import_id = d.import_id JOIN imports i ON i.id = v.import_id{w} \
             ORDER BY d.date, d.id, v.state"
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for v in vals {
            q = q.bind(v);
        }
        let mut rows = q.fetch(&self.pool);
        let mut n = 0;
        while let Some(r) = rows.try_next().await? {
            each(ExportRow {
                decision_id: r.try_get(0)?,
                body: r.try_get(1)?,
                date: r.try_get(2)?,
                session: r.try_get(3)?,
                symbol: r.try_get(4)?,
                kind: r.try_get(5)?,
                important: r.try_get(6)?,
                rcid: r.try_get(7)?,
                title: r.try_get(8)?,
                state: r.try_get(9)?,
                vote: r.try_get(10)?,
                source: r.try_get(11)?,
                source_line: r.try_get(12)?,
            })?;
            n += 1;
        }
        Ok(n)
    }
}

/// Whether a filter selects everything (then the export carries every import, alias and
/// document, and the findings that belong to no decision).
fn is_everything(f: &Filter) -> bool {
    f.body.is_none() && f.from.is_none() && f.to.is_none() && f.issue.is_none() && f.kinds.is_empty()
}

impl Store {
    /// Plenary's own NDJSON export, line by line (the layout is documented in
    /// [`crate::sources::plenary`]): every table of the record that an import writes, so that
    /// [`Store::restore_plenary`] into an empty database gives back the same record.
    ///
    /// Deterministic: integers order the lines and strings are sorted here, not by the
    /// database's collation, so that SQLite and PostgreSQL give the same bytes. Votes are
    /// streamed (one decision's rows in memory at a time); decisions, their sources and the
    /// findings are read whole (tens of thousands of rows for the bundled record).
    pub async fn export_plenary(&self, filter: &Filter, mut each: impl FnMut(&crate::sources::plenary::Line) -> Result<(), StoreError>) -> Result<u64, StoreError> {
        use crate::sources::plenary::*;
        use futures_util::TryStreamExt;
        use std::collections::{BTreeMap, BTreeSet, HashSet};
        let everything = is_everything(filter);
        let (w, vals) = where_clause(filter, 1);
        let bind_all = |sql: String| {
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for v in &vals {
                q = q.bind(v.clone());
            }
            q
        };
        // Decisions, with their issues and sources.
        let mut decisions: Vec<DecisionLine> = Vec::new();
        for r in bind_all(format!(
            "SELECT d.id, d.body, d.date, d.session, d.symbol, d.draft, d.meeting, d.title, d.description, d.kind, d.amends, d.important, d.adoption, d.rcid, d.outcome, d.outcome_explanation, d.import_id FROM decisions d{w} ORDER BY d.id"
        ))
        .fetch_all(&self.pool)
        .await?
        {
            decisions.push(DecisionLine {
                decision_id: r.try_get(0)?,
                body: r.try_get(1)?,
                date: r.try_get(2)?,
                session: r.try_get(3)?,
                symbol: r.try_get(4)?,
                draft: r.try_get(5)?,
                meeting: r.try_get(6)?,
                title: r.try_get(7)?,
                description: r.try_get(8)?,
                kind: r.try_get(9)?,
                amends: r.try_get(10)?,
                important: r.try_get::<Option<i64>, _>(11)?.map(|v| v != 0),
                adoption: r.try_get(12)?,
                rcid: r.try_get(13)?,
                outcome: r.try_get(14)?,
                outcome_explanation: r.try_get(15)?,
                import_id: r.try_get(16)?,
                issues: Vec::new(),
                vetoed_by: Vec::new(),
                sources: Vec::new(),
            });
        }
        let index: HashMap<i64, usize> = decisions.iter().enumerate().map(|(i, d)| (d.decision_id, i)).collect();
        for r in bind_all(format!("SELECT i.decision_id, i.issue FROM decision_issues i JOIN decisions d ON d.id = i.decision_id{w}")).fetch_all(&self.pool).await? {
            if let Some(&k) = index.get(&r.try_get::<i64, _>(0)?) {
                decisions[k].issues.push(r.try_get(1)?);
            }
        }
        for r in bind_all(format!("SELECT v.decision_id, v.state FROM decision_vetoes v JOIN decisions d ON d.id = v.decision_id{w}")).fetch_all(&self.pool).await? {
            if let Some(&k) = index.get(&r.try_get::<i64, _>(0)?) {
                decisions[k].vetoed_by.push(r.try_get(1)?);
            }
        }
        for r in bind_all(format!(
            "SELECT s.decision_id, s.source, s.source_key, s.import_id, s.file, s.line, i.sha256, s.published_yes, s.published_no, s.published_abstain, s.published_non_voting, s.published_outcome \
             FROM decision_sources s JOIN imports i ON i.id = s.import_id JOIN decisions d ON d.id = s.decision_id{w}"
        ))
        .fetch_all(&self.pool)
        .await?
        {
            if let Some(&k) = index.get(&r.try_get::<i64, _>(0)?) {
                decisions[k].sources.push(SourceLine {
                    source: r.try_get(1)?,
                    source_key: r.try_get(2)?,
                    import_id: r.try_get(3)?,
                    file: r.try_get(4)?,
                    line: r.try_get(5)?,
                    version: r.try_get(6)?,
                    published_yes: r.try_get(7)?,
                    published_no: r.try_get(8)?,
                    published_abstain: r.try_get(9)?,
                    published_non_voting: r.try_get(10)?,
                    published_outcome: r.try_get(11)?,
                    votes: Vec::new(),
                });
            }
        }
        for d in &mut decisions {
            d.issues.sort();
            d.vetoed_by.sort();
            // The first source first (the one whose rows are the decision's votes), then in
            // import order: the order the importer met them.
            let first = d.import_id;
            d.sources.sort_by(|a, b| (a.import_id != first, a.import_id, &a.source, &a.source_key).cmp(&(b.import_id != first, b.import_id, &b.source, &b.source_key)));
        }

        // The imports, aliases and documents these decisions need.
        let mut import_ids: BTreeSet<i64> = BTreeSet::new();
        for d in &decisions {
            import_ids.insert(d.import_id);
            import_ids.extend(d.sources.iter().map(|s| s.import_id));
        }
        let decision_ids: HashSet<i64> = index.keys().copied().collect();
        let mut findings: Vec<FindingLine> = Vec::new();
        for r in sqlx::query("SELECT id, source, import_id, decision_id, kind, message, evidence, file, line, version FROM findings ORDER BY id").fetch_all(&self.pool).await? {
            let decision_id: Option<i64> = r.try_get(3)?;
            let keep = match decision_id {
                Some(d) => decision_ids.contains(&d),
                None => everything,
            };
            if !keep {
                continue;
            }
            let ev: String = r.try_get(6)?;
            let evidence = serde_json::from_str(&ev).map_err(|e| StoreError::Invalid(format!("finding {}: its evidence is not JSON ({e})", r.try_get::<i64, _>(0).unwrap_or(0))))?;
            let import_id: i64 = r.try_get(2)?;
            import_ids.insert(import_id);
            findings.push(FindingLine {
                finding_id: r.try_get(0)?,
                source: r.try_get(1)?,
                import_id,
                decision_id,
                kind: r.try_get(4)?,
                message: r.try_get(5)?,
                evidence,
                file: r.try_get(7)?,
                line: r.try_get(8)?,
                version: r.try_get(9)?,
            });
        }
        let mut imports = Vec::new();
        for r in sqlx::query("SELECT id, source, file, sha256, imported_at, decisions, votes FROM imports ORDER BY id").fetch_all(&self.pool).await? {
            let id: i64 = r.try_get(0)?;
            if everything || import_ids.contains(&id) {
                imports.push(ImportLine { import_id: id, source: r.try_get(1)?, file: r.try_get(2)?, sha256: r.try_get(3)?, imported_at: r.try_get(4)?, decisions: r.try_get(5)?, votes: r.try_get(6)? });
            }
        }
        let sources: HashSet<&str> = imports.iter().map(|i| i.source.as_str()).collect();
        let mut aliases = Vec::new();
        for r in sqlx::query("SELECT source, alias, code FROM state_aliases").fetch_all(&self.pool).await? {
            let a = AliasLine { source: r.try_get(0)?, alias: r.try_get(1)?, code: r.try_get(2)? };
            if everything || sources.contains(a.source.as_str()) {
                aliases.push(a);
            }
        }
        aliases.sort_by(|a, b| (&a.source, &a.alias).cmp(&(&b.source, &b.alias)));
        let symbols: HashSet<&str> = decisions.iter().flat_map(|d| [d.symbol.as_deref(), d.draft.as_deref()]).flatten().collect();
        let mut documents: BTreeMap<String, DocumentLine> = BTreeMap::new();
        for r in sqlx::query("SELECT symbol, body, kind, title FROM documents").fetch_all(&self.pool).await? {
            let symbol: String = r.try_get(0)?;
            if everything || symbols.contains(symbol.as_str()) {
                documents.insert(symbol.clone(), DocumentLine { symbol, body: r.try_get(1)?, kind: r.try_get(2)?, title: r.try_get(3)?, sponsors: Vec::new() });
            }
        }
        for r in sqlx::query("SELECT symbol, state FROM sponsors").fetch_all(&self.pool).await? {
            if let Some(d) = documents.get_mut(&r.try_get::<String, _>(0)?) {
                d.sponsors.push(r.try_get(1)?);
            }
        }

        let mut meta = Vec::new();
        if everything {
            for r in sqlx::query("SELECT key, value FROM meta").fetch_all(&self.pool).await? {
                meta.push(MetaLine { key: r.try_get(0)?, value: r.try_get(1)? });
            }
            meta.sort_by(|a, b| a.key.cmp(&b.key));
        }
        let mut n = 0u64;
        let mut emit = |l: &Line| -> Result<(), StoreError> {
            n += 1;
            each(l)
        };
        emit(&Line::Header(Header { format: FORMAT.into(), format_version: FORMAT_VERSION }))?;
        for l in meta {
            emit(&Line::Meta(l))?;
        }
        for l in imports {
            emit(&Line::Import(l))?;
        }
        for l in aliases {
            emit(&Line::Alias(l))?;
        }
        for (_, mut l) in documents {
            l.sponsors.sort();
            emit(&Line::Document(l))?;
        }
        // Votes in decision order, merged with the decisions as they stream in.
        let mut rows = bind_all(format!(
            "SELECT v.decision_id, v.import_id, v.state, v.vote, v.line FROM votes v JOIN decisions d ON d.id = v.decision_id{w} ORDER BY v.decision_id"
        ))
        .fetch(&self.pool);
        let mut pending: Option<(i64, i64, VoteLine)> = None;
        for mut d in decisions {
            let mut mine: Vec<(i64, VoteLine)> = Vec::new();
            loop {
                if pending.is_none() {
                    if let Some(r) = rows.try_next().await? {
                        pending = Some((r.try_get(0)?, r.try_get(1)?, VoteLine { state: r.try_get(2)?, vote: r.try_get(3)?, line: r.try_get(4)? }));
                    }
                }
                match &pending {
                    Some((id, _, _)) if *id == d.decision_id => {
                        let (_, imp, v) = pending.take().unwrap_or_else(|| unreachable!());
                        mine.push((imp, v));
                    }
                    Some((id, _, _)) if *id < d.decision_id => {
                        return Err(StoreError::Invalid(format!("votes of decision {id} came out of order in the export")));
                    }
                    _ => break,
                }
            }
            mine.sort_by(|a, b| (a.0, &a.1.state).cmp(&(b.0, &b.1.state)));
            for (imp, v) in mine {
                match d.sources.iter_mut().find(|s| s.import_id == imp) {
                    Some(s) => s.votes.push(v),
                    None => {
                        return Err(StoreError::Invalid(format!(
                            "decision {} has vote rows from import {imp} but no source row from it; the record is inconsistent",
                            d.decision_id
                        )));
                    }
                }
            }
            emit(&Line::Decision(d))?;
        }
        drop(rows);
        for l in findings {
            emit(&Line::Finding(l))?;
        }
        Ok(n)
    }
}
