//! Writing a parsed [`Batch`] into the store: one transaction per import.
//!
//! Rules the importer keeps (issue 3, "Importers"):
//! - one import is one transaction: on any error nothing of it remains;
//! - a file version (`source`, SHA-256) is imported once: importing it again changes nothing;
//! - a decision is keyed by (`source`, `source_key`): a later version of a file adds only
//!   decisions the record does not have from that source, and never overwrites one;
//! - a resolution already in the record from another source (session 74 is in unvotes and in
//!   the DGACM extract) is merged by symbol: one decision, each source's rows kept with their
//!   provenance, disagreements stored as findings;
//! - source values are never corrected: each doubt is a row of `findings` with its evidence.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use plenary_rules::Vote;
use serde_json::json;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};

use crate::fidelity::{self, Membership, StateMap};
use crate::sources::{Batch, SourceDecision};
use crate::store::{Backend, Store, StoreError};
use crate::symbol::symbol_key;

/// One file of an import, with its version (hex SHA-256 of its bytes).
#[derive(Clone, Debug)]
pub struct ImportedFile {
    pub name: String,
    pub sha256: String,
}

/// What an import did.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ImportReport {
    pub source: String,
    pub files: Vec<String>,
    pub version: String,
    /// True when this exact version was already imported: nothing was written.
    pub unchanged: bool,
    pub decisions_new: u64,
    pub decisions_merged: u64,
    pub decisions_already_present: u64,
    pub votes: u64,
    pub findings: u64,
}

/// A finding about to be stored.
pub(crate) struct NewFinding {
    pub decision: Option<i64>,
    pub kind: String,
    pub message: String,
    pub evidence: serde_json::Value,
    pub file: String,
    pub line: u64,
    pub version: String,
}

/// Rows per multi-row INSERT: SQLite allows 32,766 bound parameters per statement,
/// PostgreSQL 65,535; the widest table here binds 18 per row.
const MAX_PARAMS: usize = 30_000;

type Q<'q> = Query<'q, Any, AnyArguments>;

/// Inserts `rows` into `table` with multi-row INSERTs.
async fn insert_many<R>(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    table: &str,
    cols: &[&str],
    suffix: &str,
    rows: &[R],
    bind: impl for<'q> Fn(Q<'q>, &R) -> Q<'q>,
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let per = (MAX_PARAMS / cols.len()).max(1);
    // SQLite: anonymous `?` placeholders. sqlx binds `$N` by asking SQLite each parameter's
    // name, which is a linear search, so 30,000 `$N` in one statement cost 30,000^2/2 steps.
    let sqlite = backend == Backend::Sqlite;
    let mut sql_cache: HashMap<usize, String> = HashMap::new();
    for chunk in rows.chunks(per) {
        let sql = sql_cache.entry(chunk.len()).or_insert_with(|| {
            let mut s = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
            let mut n = 1;
            for i in 0..chunk.len() {
                if i > 0 {
                    s.push(',');
                }
                s.push('(');
                for c in 0..cols.len() {
                    if c > 0 {
                        s.push(',');
                    }
                    if sqlite {
                        s.push('?');
                    } else {
                        s.push('$');
                        s.push_str(&n.to_string());
                    }
                    n += 1;
                }
                s.push(')');
            }
            s.push_str(suffix);
            s
        });
        let mut q: Q<'_> = sqlx::query(AssertSqlSafe(sql.clone()));
        for r in chunk {
            q = bind(q, r);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

struct NewDecision<'a> {
    id: i64,
    d: &'a SourceDecision,
    symbol_key: Option<String>,
}

/// One row of `votes` about to be written. `Copy` and allocation-free: an unvotes import
/// holds 870,109 of them.
#[derive(Clone, Copy)]
struct VoteRow {
    decision: i64,
    state: plenary_rules::StateCode,
    vote: Vote,
    line: i64,
}

/// Rows of `votes` per INSERT statement. All of unvotes (870,109 rows, about 20 MB of JSON)
/// fits in one, so the statement runs on the database while the importer checks fidelity
/// (see [`Store::import_batch`]); larger batches are cut so that the JSON text stays bounded.
const VOTES_PER_STATEMENT: usize = 1_000_000;

/// The rows as one JSON array of `[decision_id, state, vote, line]` arrays. State and vote
/// codes are upper-case ASCII letters (and `-`) by construction; anything else is escaped by
/// serde_json all the same, so the text is always valid JSON.
fn votes_json(rows: &[VoteRow]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(rows.len() * 24 + 2);
    s.push('[');
    for (i, v) in rows.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "[{},", v.decision);
        push_json_str(&mut s, v.state.as_str());
        s.push(',');
        push_json_str(&mut s, v.vote.code());
        let _ = write!(s, ",{}]", v.line);
    }
    s.push(']');
    s
}

fn push_json_str(s: &mut String, v: &str) {
    if v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        s.push('"');
        s.push_str(v);
        s.push('"');
    } else {
        s.push_str(&serde_json::Value::from(v).to_string());
    }
}

/// The bits of one packed vote row (see [`packed_votes_json`]), from the lowest: the vote (3),
/// the state's three letters (5 each), the source line (24), the decision id (21). 63 bits in
/// all, so every packed row is a positive 64-bit integer, which is what SQLite's JSON reader
/// turns a JSON integer into.
const PACK_LINE_BITS: u32 = 24;
const PACK_DECISION_BITS: u32 = 21;

/// The index of each vote in the string `'YNAX-'` of [`PACKED_VOTES_INSERT_SQLITE`].
fn vote_index(v: Vote) -> i64 {
    match v {
        Vote::Yes => 0,
        Vote::No => 1,
        Vote::Abstain => 2,
        Vote::NonVoting => 3,
        Vote::Absent => 4,
    }
}

/// One row as one integer, or `None` when a value does not fit (a state code that is not three
/// letters A-Z, a line past 2^24, a decision id past 2^21): such batches take [`votes_json`].
fn pack_vote(v: &VoteRow) -> Option<i64> {
    let letter = |b: u8| b.is_ascii_uppercase().then(|| (b - b'A' + 1) as i64);
    let [a, b, c] = v.state.0;
    let state = (letter(a)? << 10) | (letter(b)? << 5) | letter(c)?;
    if !(0..1 << PACK_LINE_BITS).contains(&v.line) || !(0..1 << PACK_DECISION_BITS).contains(&v.decision) {
        return None;
    }
    Some((v.decision << (PACK_LINE_BITS + 18)) | (v.line << 18) | (state << 3) | vote_index(v.vote))
}

/// The rows as one JSON array of integers, one per row ([`pack_vote`]), or `None` when a row
/// does not fit. Measured on all of unvotes (sqlite3 shell, the same 870,109 rows): SQLite
/// spends 0.63 s of CPU inserting from packed integers against 1.1 s from `[id, "USA", "Y",
/// line]` arrays, because reading `value` of an integer element costs nothing while each
/// `->>` of an array re-enters the JSON reader; the text is also a third shorter.
fn packed_votes_json(rows: &[VoteRow]) -> Option<String> {
    use std::fmt::Write;
    let mut s = String::with_capacity(rows.len() * 17 + 2);
    s.push('[');
    for (i, v) in rows.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{}", pack_vote(v)?);
    }
    s.push(']');
    Some(s)
}

/// Inserts the rows of [`packed_votes_json`] (`$1` import id, `$2` the JSON) on SQLite: the
/// inverse of [`pack_vote`] in SQL. `char(64 + n)` gives back the letter numbered n (A = 1).
const PACKED_VOTES_INSERT_SQLITE: &str = "INSERT INTO votes (decision_id, import_id, state, vote, line) \
     SELECT value >> 42, $1, char(64 + ((value >> 13) & 31), 64 + ((value >> 8) & 31), 64 + ((value >> 3) & 31)), \
     substr('YNAX-', (value & 7) + 1, 1), (value >> 18) & 16777215 FROM json_each($2)";

/// The statement that inserts the rows of [`votes_json`] (`$1` import id, `$2` the JSON).
/// The per-row work (unpacking, B-tree insert) happens inside the database instead of in
/// sqlx's per-parameter encoding: with multi-row VALUES, binding 4.35 million parameters
/// through the Any driver took most of the 1.3 s the votes cost (perf, issue 3 section 6).
/// SQLite (3.45 or later, the bundled one is 3.51): `jsonb_each` yields each row as a JSONB
/// blob, which `->>` reads without parsing text again. PostgreSQL: `json_array_elements`.
fn votes_insert_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "INSERT INTO votes (decision_id, import_id, state, vote, line) \
             SELECT value ->> 0, $1, value ->> 1, value ->> 2, value ->> 3 FROM jsonb_each($2)"
        }
        Backend::Postgres => {
            "INSERT INTO votes (decision_id, import_id, state, vote, line) \
             SELECT (e ->> 0)::bigint, $1, e ->> 1, e ->> 2, (e ->> 3)::bigint FROM json_array_elements($2::json) AS e"
        }
    }
}


impl Store {
    /// Writes one parsed batch (one or more files of one source) in one transaction.
    pub async fn import_batch(
        &self,
        source: &str,
        files: &[ImportedFile],
        batch: &Batch,
        members: &dyn Membership,
    ) -> Result<ImportReport, StoreError> {
        let version = if files.len() == 1 {
            files[0].sha256.clone()
        } else {
            crate::sources::file_version(files.iter().map(|f| f.sha256.as_str()).collect::<Vec<_>>().join("+").as_bytes())
        };
        let file_names = files.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        let mut report = ImportReport { source: source.to_string(), files: file_names.clone(), version: version.clone(), ..Default::default() };

        let timing = std::env::var_os("PLENARY_TIMING").is_some();
        let t0 = std::time::Instant::now();
        // The phases of an import, for finding where its time goes (issue 3, section 6):
        // `PLENARY_TIMING=1` prints them, `RUST_LOG=plenary_record::import=debug` logs them.
        let lap = |what: &str| {
            let at = t0.elapsed().as_secs_f64();
            tracing::debug!(source, phase = what, at_s = at, "import phase done");
            if timing {
                eprintln!("import {source}: {what} at {at:.3} s");
            }
        };
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            // Importers are serialised: ids are allocated from MAX(id) inside the transaction.
            sqlx::query("LOCK TABLE imports IN EXCLUSIVE MODE").execute(&mut *tx).await?;
        }
        let seen: Option<(i64,)> = sqlx::query_as("SELECT id FROM imports WHERE source = $1 AND sha256 = $2")
            .bind(source)
            .bind(&version)
            .fetch_optional(&mut *tx)
            .await?;
        if seen.is_some() {
            tx.rollback().await?;
            report.unchanged = true;
            return Ok(report);
        }
        // The first write takes SQLite's write lock, so the MAX(id) reads below are stable.
        let import_id: i64 = sqlx::query_scalar(
            "INSERT INTO imports (id, source, file, sha256, imported_at, decisions, votes) \
             SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, 0, 0 FROM imports RETURNING id",
        )
        .bind(source)
        .bind(file_names.join(" "))
        .bind(&version)
        .bind(Utc::now().to_rfc3339())
        .fetch_one(&mut *tx)
        .await?;
        let mut next_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM decisions").fetch_one(&mut *tx).await?;
        let mut next_finding: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM findings").fetch_one(&mut *tx).await?;

        // What the record already has from this source, and the resolutions other sources gave.
        let mut present: HashSet<String> = HashSet::new();
        for row in sqlx::query("SELECT source_key FROM decision_sources WHERE source = $1").bind(source).fetch_all(&mut *tx).await? {
            present.insert(row.try_get::<String, _>(0)?);
        }
        let mut by_symbol: HashMap<String, Vec<(i64, String, i64)>> = HashMap::new();
        for row in sqlx::query("SELECT symbol_key, id, body, import_id FROM decisions WHERE symbol_key IS NOT NULL AND kind = 'resolution'")
            .fetch_all(&mut *tx)
            .await?
        {
            by_symbol.entry(row.try_get(0)?).or_default().push((row.try_get(1)?, row.try_get(2)?, row.try_get(3)?));
        }
        // unvotes and Voeten's release share roll-call ids: the same roll call is one decision.
        let mut by_rcid: HashMap<i64, (i64, i64)> = HashMap::new();
        if matches!(source, "unvotes" | "voeten") {
            for row in sqlx::query("SELECT rcid, id, import_id FROM decisions WHERE rcid IS NOT NULL").fetch_all(&mut *tx).await? {
                by_rcid.insert(row.try_get(0)?, (row.try_get(1)?, row.try_get(2)?));
            }
        }
        // A symbol that occurs more than once in this batch (parts, amendments) is not merged.
        let mut batch_symbols: HashMap<String, usize> = HashMap::new();
        for d in &batch.decisions {
            if let Some(k) = d.symbol.as_deref().map(symbol_key) {
                *batch_symbols.entry(k).or_default() += 1;
            }
        }

        let mut new: Vec<NewDecision> = Vec::new();
        let mut merged: Vec<(i64, i64, &SourceDecision)> = Vec::new(); // (decision, its import, source decision)
        let mut key_to_decision: HashMap<&str, i64> = HashMap::new();
        let mut in_batch: HashSet<&str> = HashSet::new();
        for d in &batch.decisions {
            if !in_batch.insert(d.source_key.as_str()) {
                return Err(StoreError::Invalid(format!(
                    "{}:{}: the key {:?} occurs twice in this {source} import; each decision must have one key",
                    d.provenance.file, d.provenance.line, d.source_key
                )));
            }
            if present.contains(&d.source_key) {
                report.decisions_already_present += 1;
                continue;
            }
            let sk = d.symbol.as_deref().map(symbol_key);
            if let Some(&(existing, its_import)) = rcid_of(source, d).and_then(|r| by_rcid.get(&r)) {
                merged.push((existing, its_import, d));
                key_to_decision.insert(&d.source_key, existing);
                continue;
            }
            if let (Some(k), crate::sources::DecisionKind::Resolution) = (&sk, d.kind) {
                if batch_symbols.get(k) == Some(&1) {
                    if let Some(existing) = by_symbol.get(k) {
                        if existing.len() == 1 && existing[0].1 == d.body.code() {
                            merged.push((existing[0].0, existing[0].2, d));
                            key_to_decision.insert(&d.source_key, existing[0].0);
                            continue;
                        }
                    }
                }
            }
            next_id += 1;
            key_to_decision.insert(&d.source_key, next_id);
            new.push(NewDecision { id: next_id, d, symbol_key: sk });
        }
        report.decisions_new = new.len() as u64;
        report.decisions_merged = merged.len() as u64;

        // The vote rows (first row of a state kept, repeats become findings), per decision in
        // the order of `all`, so that findings keep the order they always had.
        let all: Vec<(i64, &SourceDecision)> = new.iter().map(|n| (n.id, n.d)).chain(merged.iter().map(|m| (m.0, m.2))).collect();
        let mut dup_findings: Vec<Vec<NewFinding>> = Vec::with_capacity(all.len());
        let mut votes: Vec<VoteRow> = Vec::with_capacity(all.iter().map(|(_, d)| d.votes.len()).sum());
        let mut aliases: HashMap<&str, String> = HashMap::new();
        let mut states: StateMap<(Vote, u64)> = StateMap::default();
        for &(id, d) in &all {
            states.clear();
            let from = votes.len();
            let mut dups = Vec::new();
            for v in &d.votes {
                aliases.entry(&*v.as_in_source).or_insert_with(|| v.state.to_string());
                match states.get(&v.state) {
                    None => {
                        states.insert(v.state, (v.vote, v.line));
                        votes.push(VoteRow { decision: id, state: v.state, vote: v.vote, line: v.line as i64 });
                    }
                    Some(&(first, first_line)) => dups.push(NewFinding {
                        decision: Some(id),
                        kind: if first == v.vote { "duplicate-row" } else { "conflicting-duplicate-rows" }.into(),
                        message: format!(
                            "{} appears twice ({} on line {first_line}, {} on line {}); the first row is kept",
                            v.state, first.code(), v.vote.code(), v.line
                        ),
                        evidence: json!({"state": v.state.as_str(), "first": {"vote": first.code(), "line": first_line}, "again": {"vote": v.vote.code(), "line": v.line}}),
                        file: d.provenance.file.clone(),
                        line: v.line,
                        version: d.provenance.version.clone(),
                    }),
                }
            }
            // In key order, so that the primary key's B-tree is filled by appending: each
            // decision's rows here (about 150), all of them below only if the decisions are not
            // already in order (a merge puts rows into decisions the record already had).
            votes[from..].sort_unstable_by_key(|v| v.state);
            dup_findings.push(dups);
        }
        if !votes.is_sorted_by_key(|v| v.decision) {
            votes.sort_by_key(|v| v.decision);
        }
        lap("vote rows built");

        // The checks that need no database: each decision against its published totals and
        // the membership, and its outcome re-derived by the rules engine. They run on this
        // thread while the database inserts the votes (the first statement is sent by one
        // poll, then awaited after the checks), which hides most of their cost.
        let check = || {
            let mut cache = fidelity::MemberCache::default();
            let per_decision: Vec<Vec<NewFinding>> = all.iter().map(|&(id, d)| fidelity::check_decision(id, d, members, &mut cache)).collect();
            let mut bodies = fidelity::Bodies::default();
            let derived: HashMap<i64, (String, String)> = all.iter().filter_map(|&(id, d)| fidelity::derive_outcome(d, members, &mut bodies).map(|o| (id, o))).collect();
            let outcome_findings: Vec<NewFinding> = all.iter().filter_map(|&(id, d)| fidelity::check_outcome(id, d, derived.get(&id))).collect();
            (per_decision, derived, outcome_findings)
        };
        let mut checked = None;
        for chunk in votes.chunks(VOTES_PER_STATEMENT) {
            let packed = if self.backend == Backend::Sqlite { packed_votes_json(chunk) } else { None };
            let (votes_sql, json) = match packed {
                Some(json) => (PACKED_VOTES_INSERT_SQLITE, json),
                None => (votes_insert_sql(self.backend), votes_json(chunk)),
            };
            let mut insert = std::pin::pin!(sqlx::query(votes_sql).bind(import_id).bind(json).execute(&mut *tx));
            if checked.is_none() {
                let first_poll = futures_util::poll!(insert.as_mut());
                checked = Some(check());
                lap("fidelity checked");
                match first_poll {
                    std::task::Poll::Ready(r) => r?,
                    std::task::Poll::Pending => insert.await?,
                };
            } else {
                insert.await?;
            }
        }
        lap("votes written");
        report.votes = votes.len() as u64;
        drop(votes);
        let (per_decision, derived, outcome_findings) = checked.unwrap_or_else(check);
        // A decision's own checks (duplicates first), for new decisions then merged ones, as
        // `all` lists them; the derived outcomes of merged decisions are only compared.
        let mut findings: Vec<NewFinding> = Vec::new();
        for (dups, own) in dup_findings.into_iter().zip(per_decision) {
            findings.extend(dups);
            findings.extend(own);
        }
        // Overlaps: what each other source said about the same resolution.
        for &(id, other_import, d) in &merged {
            let rows = sqlx::query("SELECT state, vote FROM votes WHERE decision_id = $1 AND import_id = $2")
                .bind(id)
                .bind(other_import)
                .fetch_all(&mut *tx)
                .await?;
            let mut theirs: HashMap<String, String> = HashMap::new();
            for r in rows {
                theirs.insert(r.try_get(0)?, r.try_get(1)?);
            }
            let other_source: Option<(String,)> = sqlx::query_as("SELECT source FROM imports WHERE id = $1").bind(other_import).fetch_optional(&mut *tx).await?;
            let other_source = other_source.map(|s| s.0).unwrap_or_default();
            findings.extend(fidelity::check_overlap(id, d, &other_source, &theirs));
        }
        for f in &batch.findings {
            let decision = f.source_key.as_deref().and_then(|k| key_to_decision.get(k).copied());
            // A finding about a decision the record already had from this source was stored then.
            if f.source_key.as_deref().is_some_and(|k| present.contains(k)) {
                continue;
            }
            findings.push(NewFinding {
                decision,
                kind: f.kind.clone(),
                message: f.message.clone(),
                evidence: f.evidence.clone(),
                file: f.provenance.file.clone(),
                line: f.provenance.line,
                version: f.provenance.version.clone(),
            });
        }
        findings.extend(outcome_findings);
        // `derived` is read for new decisions only: a merged decision keeps the outcome stored
        // by its first source; its own derivation was only compared with its label above.
        lap("outcomes derived");
        insert_many(
            &mut tx,
            self.backend,
            "decisions",
            &["id", "body", "date", "session", "symbol", "symbol_key", "draft", "meeting", "title", "description", "kind", "amends", "important", "adoption", "rcid", "outcome", "outcome_explanation", "import_id"],
            "",
            &new,
            |q, n| {
                let d = n.d;
                let (outcome, why) = derived.get(&n.id).cloned().unzip();
                q.bind(n.id)
                    .bind(d.body.code().to_string())
                    .bind(d.date.to_string())
                    .bind(d.session.clone())
                    .bind(d.symbol.clone())
                    .bind(n.symbol_key.clone())
                    .bind(d.draft.clone())
                    .bind(d.meeting.clone())
                    .bind(d.title.clone())
                    .bind(d.description.clone())
                    .bind(d.kind.code())
                    .bind(d.amends.clone())
                    .bind(d.important.map(i64::from))
                    .bind(adoption_code(d.adoption))
                    .bind(rcid_of(source, d))
                    .bind(outcome)
                    .bind(why)
                    .bind(import_id)
            },
        )
        .await?;
        let ds: Vec<(i64, &SourceDecision)> = all.clone();
        insert_many(
            &mut tx,
            self.backend,
            "decision_sources",
            &["source", "source_key", "decision_id", "import_id", "file", "line", "published_yes", "published_no", "published_abstain", "published_non_voting", "published_outcome"],
            "",
            &ds,
            |q, (id, d)| {
                q.bind(source.to_string())
                    .bind(d.source_key.clone())
                    .bind(*id)
                    .bind(import_id)
                    .bind(d.provenance.file.clone())
                    .bind(d.provenance.line as i64)
                    .bind(d.published.yes.map(i64::from))
                    .bind(d.published.no.map(i64::from))
                    .bind(d.published.abstain.map(i64::from))
                    .bind(d.published.non_voting.map(i64::from))
                    .bind(d.published_outcome.clone())
            },
        )
        .await?;
        let mut issues: Vec<(i64, &str)> = Vec::new();
        let mut docs: Vec<(String, &str, &'static str, Option<&str>)> = Vec::new();
        let mut sponsors: Vec<(String, String)> = Vec::new();
        for &(id, d) in &all {
            let mut seen_issue = HashSet::new();
            for i in &d.issues {
                if seen_issue.insert(i.as_str()) {
                    issues.push((id, i.as_str()));
                }
            }
            if let Some(s) = &d.symbol {
                docs.push((s.clone(), d.body.code(), "resolution", d.title.as_deref()));
            }
            if let Some(s) = &d.draft {
                docs.push((s.clone(), d.body.code(), "draft", d.title.as_deref()));
                for sp in &d.sponsors {
                    sponsors.push((s.clone(), sp.to_string()));
                }
            }
        }
        let merged_ids: HashSet<i64> = merged.iter().map(|m| m.0).collect();
        issues.retain(|(id, _)| !merged_ids.contains(id));
        insert_many(&mut tx, self.backend, "decision_issues", &["decision_id", "issue"], " ON CONFLICT DO NOTHING", &issues, |q, (id, i)| q.bind(*id).bind(i.to_string())).await?;
        // Vetoes the source names (a decision merged into another keeps its sources' vetoes).
        let vetoes: Vec<(i64, String)> = all.iter().flat_map(|&(id, d)| d.vetoed_by.iter().map(move |c| (id, c.to_string()))).collect();
        insert_many(&mut tx, self.backend, "decision_vetoes", &["decision_id", "state"], " ON CONFLICT DO NOTHING", &vetoes, |q, (id, c)| q.bind(*id).bind(c.clone())).await?;
        let mut seen_doc = HashSet::new();
        docs.retain(|d| seen_doc.insert(d.0.clone()));
        insert_many(&mut tx, self.backend, "documents", &["symbol", "body", "kind", "title"], " ON CONFLICT DO NOTHING", &docs, |q, d| {
            q.bind(d.0.clone()).bind(d.1.to_string()).bind(d.2).bind(d.3.map(str::to_string))
        })
        .await?;
        let mut seen_sp = HashSet::new();
        sponsors.retain(|s| seen_sp.insert(s.clone()));
        insert_many(&mut tx, self.backend, "sponsors", &["symbol", "state"], " ON CONFLICT DO NOTHING", &sponsors, |q, s| q.bind(s.0.clone()).bind(s.1.clone())).await?;
        let aliases: Vec<(&str, String)> = aliases.into_iter().collect();
        insert_many(&mut tx, self.backend, "state_aliases", &["source", "alias", "code"], " ON CONFLICT DO NOTHING", &aliases, |q, a| {
            q.bind(source.to_string()).bind(a.0.to_string()).bind(a.1.clone())
        })
        .await?;

        lap("decisions written");

        let rows: Vec<(i64, NewFinding)> = findings.into_iter().map(|f| {
            next_finding += 1;
            (next_finding, f)
        }).collect();
        insert_many(
            &mut tx,
            self.backend,
            "findings",
            &["id", "source", "import_id", "decision_id", "kind", "message", "evidence", "file", "line", "version"],
            "",
            &rows,
            |q, (id, f)| {
                q.bind(*id)
                    .bind(source.to_string())
                    .bind(import_id)
                    .bind(f.decision)
                    .bind(f.kind.clone())
                    .bind(f.message.clone())
                    .bind(f.evidence.to_string())
                    .bind(f.file.clone())
                    .bind(f.line as i64)
                    .bind(f.version.clone())
            },
        )
        .await?;
        report.findings = rows.len() as u64;
        sqlx::query("UPDATE imports SET decisions = $1, votes = $2 WHERE id = $3")
            .bind((report.decisions_new + report.decisions_merged) as i64)
            .bind(report.votes as i64)
            .bind(import_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        lap("committed");
        Ok(report)
    }
}

/// Voeten's roll-call id, shared by the unvotes and voeten releases.
fn rcid_of(source: &str, d: &SourceDecision) -> Option<i64> {
    match source {
        "unvotes" | "voeten" => d.source_key.parse().ok(),
        _ => None,
    }
}

/// The code stored in `decisions.adoption`.
pub fn adoption_code(a: crate::sources::Adoption) -> &'static str {
    match a {
        crate::sources::Adoption::RecordedVote => "recorded-vote",
        crate::sources::Adoption::WithoutVote => "without-vote",
        crate::sources::Adoption::Unknown => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plenary_rules::StateCode;

    #[test]
    fn votes_json_gives_each_row_as_decision_state_vote_line() {
        let rows = [
            VoteRow { decision: 7, state: StateCode(*b"USA"), vote: Vote::Yes, line: 12 },
            VoteRow { decision: 8, state: StateCode(*b"RUS"), vote: Vote::Absent, line: 13 },
        ];
        let v: serde_json::Value = serde_json::from_str(&votes_json(&rows)).expect("valid JSON");
        assert_eq!(v, json!([[7, "USA", "Y", 12], [8, "RUS", "-", 13]]));
        assert_eq!(votes_json(&[]), "[]");
        // Anything outside the codes' alphabet is escaped, never pasted in.
        let mut s = String::new();
        push_json_str(&mut s, "a\"b\\");
        assert_eq!(serde_json::from_str::<String>(&s).expect("valid JSON string"), "a\"b\\");
    }

    /// Rows at the edges of the packing: every vote, the letters A and Z, the largest line and
    /// decision id that fit.
    fn edge_rows() -> Vec<VoteRow> {
        let votes = [Vote::Yes, Vote::No, Vote::Abstain, Vote::NonVoting, Vote::Absent];
        let states = [*b"AAA", *b"ZZZ", *b"USA", *b"RUS", *b"AZA"];
        let mut rows = Vec::new();
        for (i, (&vote, &state)) in votes.iter().zip(&states).enumerate() {
            rows.push(VoteRow { decision: i as i64 + 1, state: StateCode(state), vote, line: i as i64 });
        }
        rows.push(VoteRow { decision: (1 << PACK_DECISION_BITS) - 1, state: StateCode(*b"UKR"), vote: Vote::No, line: (1 << PACK_LINE_BITS) - 1 });
        rows
    }

    #[test]
    fn a_row_that_does_not_fit_is_not_packed() {
        let ok = VoteRow { decision: 1, state: StateCode(*b"USA"), vote: Vote::Yes, line: 2 };
        assert!(pack_vote(&ok).is_some());
        for bad in [
            VoteRow { decision: 1 << PACK_DECISION_BITS, ..ok },
            VoteRow { line: 1 << PACK_LINE_BITS, ..ok },
            VoteRow { line: -1, ..ok },
            VoteRow { state: StateCode(*b"US1"), ..ok },
            VoteRow { state: StateCode(*b"usa"), ..ok },
        ] {
            assert_eq!(pack_vote(&bad), None, "{:?} {} {}", bad.state, bad.decision, bad.line);
            assert_eq!(packed_votes_json(&[ok, bad]), None);
        }
        assert!(edge_rows().iter().all(|r| pack_vote(r).is_some_and(|p| p >= 0)));
    }

    /// The packed statement stores exactly what the plain JSON statement stores.
    #[tokio::test]
    async fn packed_rows_are_stored_as_the_plain_rows_are() {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:").await.expect("in-memory SQLite");
        let rows = edge_rows();
        let mut stored = Vec::new();
        for (sql, json) in [(PACKED_VOTES_INSERT_SQLITE, packed_votes_json(&rows).expect("fits")), (votes_insert_sql(Backend::Sqlite), votes_json(&rows))] {
            sqlx::query("CREATE TABLE votes (decision_id INTEGER NOT NULL, import_id INTEGER NOT NULL, state TEXT NOT NULL, vote TEXT NOT NULL, line INTEGER NOT NULL)")
                .execute(&mut conn)
                .await
                .expect("table");
            sqlx::query(sql).bind(3_i64).bind(json).execute(&mut conn).await.expect("insert");
            let got: Vec<(i64, i64, String, String, i64)> = sqlx::query_as("SELECT decision_id, import_id, state, vote, line FROM votes ORDER BY decision_id")
                .fetch_all(&mut conn)
                .await
                .expect("rows");
            sqlx::query("DROP TABLE votes").execute(&mut conn).await.expect("drop");
            stored.push(got);
        }
        let expected: Vec<(i64, i64, String, String, i64)> = rows.iter().map(|r| (r.decision, 3, r.state.to_string(), r.vote.code().to_string(), r.line)).collect();
        assert_eq!(stored[0], expected);
        assert_eq!(stored[1], expected);
    }
}
