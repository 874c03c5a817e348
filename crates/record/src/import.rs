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
use sqlx::{Any, AssertSqlSafe, Sqlite, SqlitePool, Transaction};

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

/// The transaction of one import. PostgreSQL (and an in-memory SQLite, which only the pool's
/// own connection can see) run on the store's `Any` pool; a SQLite file runs on a connection of
/// its own, typed, because the vote rows are inserted through its raw handle
/// ([`RawVotes`]) and the `Any` connection does not expose one. Both hold the whole
/// import: on any error nothing of it remains.
enum ImportTx {
    Any(Transaction<'static, Any>),
    Sqlite(Transaction<'static, Sqlite>),
}

impl ImportTx {
    /// Commits the import (`commit`) or rolls it back.
    async fn end(self, commit: bool) -> Result<(), sqlx::Error> {
        match (self, commit) {
            (ImportTx::Any(t), true) => t.commit().await,
            (ImportTx::Any(t), false) => t.rollback().await,
            (ImportTx::Sqlite(t), true) => t.commit().await,
            (ImportTx::Sqlite(t), false) => t.rollback().await,
        }
    }
}

/// Runs `$body` with `$c` bound to the transaction's connection, once per backend (the body is
/// type-checked for each, so the same `sqlx::query(...)` serves both).
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            ImportTx::Any(t) => {
                let $c = &mut **t;
                $body
            }
            ImportTx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// One bound value of a row of [`insert_many`]: the tables here hold integers and text.
enum Val {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(Some(v))
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Val {
        Val::Int(v)
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(Some(v))
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(Some(v.to_string()))
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Val {
        Val::Text(v)
    }
}

/// `INSERT [OR FAIL] INTO table (cols) VALUES (...),... suffix` for `n` rows: anonymous `?` placeholders
/// on SQLite (sqlx binds `$N` by asking SQLite each parameter's name, a linear search, so
/// 30,000 `$N` in one statement cost 30,000^2/2 steps), `$N` on PostgreSQL.
fn values_sql(table: &str, cols: &[&str], suffix: &str, n: usize, sqlite: bool) -> String {
    // `OR FAIL` on SQLite: no statement journal (see [`raw_votes_sql`]); any error fails the
    // import's whole transaction anyway. PostgreSQL has no such clause and no such journal.
    let mut s = format!("INSERT {}INTO {table} ({}) VALUES ", if sqlite { "OR FAIL " } else { "" }, cols.join(", "));
    let mut p = 1;
    for i in 0..n {
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
                s.push_str(&p.to_string());
            }
            p += 1;
        }
        s.push(')');
    }
    s.push_str(suffix);
    s
}

/// Rows per statement of [`insert_many`] on the import's own SQLite connection.
const RAW_ROWS_PER_WIDE_STATEMENT: usize = 100;

/// Binds `vals` (one statement's worth) to `stmt` and steps it once.
///
/// # Safety
/// `db` must be the open handle `stmt` was prepared on, used by no other thread.
unsafe fn bind_and_step(db: *mut libsqlite3_sys::sqlite3, stmt: &Statement, vals: &[Val], table: &str) -> Result<(), StoreError> {
    use libsqlite3_sys as ffi;
    // SAFETY (every call in this block): `stmt` is a valid statement of `db` (the caller's
    // contract) with `vals.len()` parameters; text is passed with its byte length and
    // SQLITE_TRANSIENT, so SQLite copies it before the call returns.
    unsafe {
        for (i, v) in vals.iter().enumerate() {
            let at = i as i32 + 1;
            let rc = match v {
                Val::Int(Some(n)) => ffi::sqlite3_bind_int64(stmt.0, at, *n),
                Val::Text(Some(t)) => ffi::sqlite3_bind_text(stmt.0, at, t.as_ptr().cast(), t.len() as i32, ffi::SQLITE_TRANSIENT()),
                Val::Int(None) | Val::Text(None) => ffi::sqlite3_bind_null(stmt.0, at),
            };
            if rc != ffi::SQLITE_OK {
                return Err(sqlite_error(db, rc, format!("binding a row of {table}")));
            }
        }
        let rc = ffi::sqlite3_step(stmt.0);
        if rc != ffi::SQLITE_DONE {
            let err = sqlite_error(db, rc, format!("storing rows of {table}"));
            ffi::sqlite3_reset(stmt.0);
            return Err(err);
        }
        let rc = ffi::sqlite3_reset(stmt.0);
        if rc != ffi::SQLITE_OK {
            return Err(sqlite_error(db, rc, format!("storing rows of {table}")));
        }
    }
    Ok(())
}

/// Inserts `rows` into `table` with multi-row INSERTs; `vals` pushes one row's values, in the
/// order of `cols`. On the import's own SQLite connection the statements are prepared and
/// stepped on its raw handle (as the votes are, [`RawVotes`]): through sqlx, the
/// 6,203 decisions of unvotes and their sources took 0.12-0.2 s, mostly binding and the
/// preparing of statements of 30,000 parameters.
async fn insert_many<R>(
    tx: &mut ImportTx,
    table: &str,
    cols: &[&str],
    suffix: &str,
    rows: &[R],
    vals: impl Fn(&R, &mut Vec<Val>),
) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut buf: Vec<Val> = Vec::new();
    if let ImportTx::Sqlite(t) = tx {
        let mut handle = t.lock_handle().await?;
        let db = handle.as_raw_handle().as_ptr();
        // Declared after `handle`, so dropped (finalized) before it is unlocked.
        let mut statements: HashMap<usize, Statement> = HashMap::new();
        for chunk in rows.chunks(RAW_ROWS_PER_WIDE_STATEMENT) {
            buf.clear();
            for r in chunk {
                vals(r, &mut buf);
            }
            let stmt = match statements.entry(chunk.len()) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                // SAFETY: `db` is this transaction's connection, locked away from sqlx's
                // worker by `handle`, used by this thread only.
                std::collections::hash_map::Entry::Vacant(e) => e.insert(unsafe { Statement::prepare(db, &values_sql(table, cols, suffix, chunk.len(), true)) }?),
            };
            // SAFETY: as above; `stmt` was prepared on `db`.
            unsafe { bind_and_step(db, stmt, &buf, table) }?;
        }
        drop(statements);
        drop(handle);
        return Ok(());
    }
    let per = (MAX_PARAMS / cols.len()).max(1);
    let sqlite = match tx {
        ImportTx::Sqlite(_) => true,
        ImportTx::Any(t) => t.backend_name().eq_ignore_ascii_case("sqlite"),
    };
    let mut sql_cache: HashMap<usize, String> = HashMap::new();
    for chunk in rows.chunks(per) {
        let sql = sql_cache.entry(chunk.len()).or_insert_with(|| values_sql(table, cols, suffix, chunk.len(), sqlite));
        buf.clear();
        for r in chunk {
            vals(r, &mut buf);
        }
        on_tx!(tx, c => {
            let mut q = sqlx::query(AssertSqlSafe(sql.clone()));
            for v in buf.drain(..) {
                q = match v {
                    Val::Int(i) => q.bind(i),
                    Val::Text(t) => q.bind(t),
                };
            }
            q.execute(c).await?;
        });
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

/// Decisions per chunk of rows sent to the thread that inserts them (about 10,000 rows of
/// unvotes): small enough that the inserts start early, large enough that the channel costs
/// nothing.
const DECISIONS_PER_CHUNK: usize = 64;

/// The vote rows of an import's decisions, built decision by decision: each state's first row
/// is kept and a repeat becomes a finding (in the order of the decisions and their rows, so
/// findings keep the order they always had); each source spelling is noted once as an alias.
#[derive(Default)]
struct VoteRows<'a> {
    dup_findings: Vec<Vec<NewFinding>>,
    aliases: HashMap<&'a str, String>,
    /// The spellings already noted, by the address of their shared text: parsers share one
    /// `Arc<str>` per spelling, so one fast lookup per row replaces hashing the text.
    noted: HashSet<usize, std::hash::BuildHasherDefault<fidelity::StateHasher>>,
    states: StateMap<(Vote, u64)>,
    count: u64,
}

impl<'a> VoteRows<'a> {
    fn build(&mut self, decisions: &[(i64, &'a SourceDecision)]) -> Vec<VoteRow> {
        let mut out = Vec::with_capacity(decisions.iter().map(|(_, d)| d.votes.len()).sum());
        for &(id, d) in decisions {
            self.states.clear();
            let from = out.len();
            let mut dups = Vec::new();
            for v in &d.votes {
                if self.noted.insert(std::sync::Arc::as_ptr(&v.as_in_source).cast::<u8>() as usize) {
                    self.aliases.entry(&*v.as_in_source).or_insert_with(|| v.state.to_string());
                }
                match self.states.get(&v.state) {
                    None => {
                        self.states.insert(v.state, (v.vote, v.line));
                        out.push(VoteRow { decision: id, state: v.state, vote: v.vote, line: v.line as i64 });
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
            // In key order, so that the primary key's B-tree is filled by appending.
            out[from..].sort_unstable_by_key(|v| v.state);
            self.dup_findings.push(dups);
        }
        self.count += out.len() as u64;
        out
    }
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

/// The raw SQLite handle of the import's connection, sent to the thread that inserts the votes
/// while this one checks fidelity ([`Store::import_batch`]).
struct RawDb(std::ptr::NonNull<libsqlite3_sys::sqlite3>);

// SAFETY: sqlx opens SQLite connections in multi-thread mode (SQLITE_OPEN_NOMUTEX): a handle
// may be used from any thread, by one thread at a time. The importer holds the connection's
// `LockedSqliteHandle` (which keeps sqlx's worker thread off the handle) for as long as the
// inserting thread runs, and uses the connection in no other way meanwhile.
unsafe impl Send for RawDb {}

/// The SQLite error of the last call on `db`, as a [`StoreError`].
///
/// # Safety
/// `db` must be an open SQLite handle that no other thread is using.
unsafe fn sqlite_error(db: *mut libsqlite3_sys::sqlite3, code: i32, doing: String) -> StoreError {
    // SAFETY: the caller's contract; sqlite3_errmsg returns a NUL-terminated UTF-8 string that
    // stays valid until the next call on `db`, and it is copied at once.
    let message = unsafe { std::ffi::CStr::from_ptr(libsqlite3_sys::sqlite3_errmsg(db)) }.to_string_lossy().into_owned();
    StoreError::Sqlite { doing, code, message }
}

/// Rows per statement of [`RawVotes`]: 4 parameters each, far under SQLite's 32,766.
const RAW_ROWS_PER_STATEMENT: usize = 500;

/// A prepared statement, finalized however its user ends.
struct Statement(*mut libsqlite3_sys::sqlite3_stmt);

impl Statement {
    /// Prepares `sql` on `db`.
    ///
    /// # Safety
    /// `db` must be an open SQLite handle that no other thread is using.
    unsafe fn prepare(db: *mut libsqlite3_sys::sqlite3, sql: &str) -> Result<Statement, StoreError> {
        let mut stmt: *mut libsqlite3_sys::sqlite3_stmt = std::ptr::null_mut();
        // SAFETY: the caller's contract for `db`; `sql` is passed with its exact byte length
        // (it holds no NUL), which SQLite reads and does not keep.
        let rc = unsafe { libsqlite3_sys::sqlite3_prepare_v2(db, sql.as_ptr().cast(), sql.len() as i32, &mut stmt, std::ptr::null_mut()) };
        if rc != libsqlite3_sys::SQLITE_OK || stmt.is_null() {
            // SAFETY: as above.
            return Err(unsafe { sqlite_error(db, rc, "preparing the insert of the votes".into()) });
        }
        Ok(Statement(stmt))
    }
}

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: the statement was prepared by `Statement::prepare` and is finalized only
        // here, once, on the thread that used it.
        unsafe { libsqlite3_sys::sqlite3_finalize(self.0) };
    }
}

/// `INSERT OR FAIL INTO votes ... VALUES (?,import,?,?,?),...` for `rows` rows. The import id is
/// written into the text (an integer formatted by Rust: nothing to escape), which saves a bind
/// per row.
///
/// `OR FAIL`, not the default `OR ABORT`: an aborting multi-row statement must be undone alone,
/// so SQLite copies every page it changes that existed before it into a statement journal (the
/// B-tree's rightmost leaf and its parents, 16 KiB each, for each of the 1,740 statements of
/// unvotes). A failing statement here fails the whole import, whose transaction is rolled back,
/// so the copies bought nothing: without them the votes go in 0.06-0.08 s faster (medians of 8
/// alternating runs). See [`values_sql`] for the other tables.
fn raw_votes_sql(import_id: i64, rows: usize) -> String {
    let mut s = String::with_capacity(60 + rows * 16);
    s.push_str("INSERT OR FAIL INTO votes (decision_id, import_id, state, vote, line) VALUES ");
    for i in 0..rows {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!("(?,{import_id},?,?,?)"));
    }
    s
}

/// Inserts the vote rows with prepared multi-row statements, bound and stepped on the raw
/// handle of the import's SQLite connection, inside its open transaction. Rows come in chunks
/// ([`RawVotes::push`], as the importer builds them); a chunk's last rows that do not fill a
/// statement wait for the next chunk, so every statement but the last is a full one.
///
/// Why raw: every statement through sqlx costs a round trip to its worker thread and an
/// encoding of each argument, and a JSON array unpacked in SQL (the fastest way left on the
/// `Any` driver) cost SQLite more than the B-tree inserts themselves. Why multi-row: one
/// statement per row paid the statement's start and end and a B-tree descent for every row
/// (0.67 s for all of unvotes); within one statement SQLite keeps its cursor on the last leaf
/// and appends rows that come in key order without descending (issue 3, section 6).
struct RawVotes {
    db: *mut libsqlite3_sys::sqlite3,
    import_id: i64,
    full: Statement,
    pending: Vec<VoteRow>,
}

impl RawVotes {
    /// Prepares the full-size statement on `db`.
    ///
    /// # Safety
    /// `db` must be the handle of the connection that holds the import's transaction, locked
    /// away from sqlx's worker (`LockedSqliteHandle`) for as long as the returned value lives,
    /// and used by no other thread meanwhile.
    unsafe fn new(db: RawDb, import_id: i64) -> Result<RawVotes, StoreError> {
        let db = db.0.as_ptr();
        // SAFETY: the caller's contract for `db`.
        let full = unsafe { Statement::prepare(db, &raw_votes_sql(import_id, RAW_ROWS_PER_STATEMENT)) }?;
        Ok(RawVotes { db, import_id, full, pending: Vec::with_capacity(RAW_ROWS_PER_STATEMENT) })
    }

    /// Inserts what fills statements of `rows` (after the rows left from the chunk before).
    fn push(&mut self, mut rows: &[VoteRow]) -> Result<(), StoreError> {
        if !self.pending.is_empty() {
            let take = (RAW_ROWS_PER_STATEMENT - self.pending.len()).min(rows.len());
            self.pending.extend_from_slice(&rows[..take]);
            rows = &rows[take..];
            if self.pending.len() < RAW_ROWS_PER_STATEMENT {
                return Ok(());
            }
            let pending = std::mem::take(&mut self.pending);
            // SAFETY: `full` was prepared on `self.db` under the contract of `new`.
            unsafe { step_votes(self.db, &self.full, &pending) }?;
            self.pending = pending;
            self.pending.clear();
        }
        let mut chunks = rows.chunks_exact(RAW_ROWS_PER_STATEMENT);
        for chunk in &mut chunks {
            // SAFETY: as above.
            unsafe { step_votes(self.db, &self.full, chunk) }?;
        }
        self.pending.extend_from_slice(chunks.remainder());
        Ok(())
    }

    /// Inserts the rows left, with a statement of their number.
    fn finish(self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        // SAFETY: the contract of `new` holds for `self.db` while `self` lives.
        let last = unsafe { Statement::prepare(self.db, &raw_votes_sql(self.import_id, self.pending.len())) }?;
        // SAFETY: `last` was just prepared on `self.db`, for exactly this many rows.
        unsafe { step_votes(self.db, &last, &self.pending) }
    }
}

/// Binds `chunk` (as many rows as `stmt` has) and runs the statement once.
///
/// # Safety
/// `stmt` must be a statement of [`raw_votes_sql`] for `chunk.len()` rows, prepared on `db`,
/// under the contract of [`RawVotes::new`].
unsafe fn step_votes(db: *mut libsqlite3_sys::sqlite3, stmt: &Statement, chunk: &[VoteRow]) -> Result<(), StoreError> {
    use libsqlite3_sys as ffi;
    // SAFETY (every call in this block): `stmt` is a valid prepared statement of `db`, used by
    // this thread only; the text pointers are into `chunk` (state codes) and static strings
    // (vote codes), with their exact lengths, and SQLITE_STATIC is right for them because
    // `chunk` outlives the step that reads them (every parameter is bound again before the
    // next step).
    unsafe {
        let mut rc = ffi::SQLITE_OK;
        for (i, v) in chunk.iter().enumerate() {
            let at = 4 * i as i32;
            let state = v.state.as_str();
            let vote = v.vote.code();
            rc = ffi::sqlite3_bind_int64(stmt.0, at + 1, v.decision);
            if rc == ffi::SQLITE_OK {
                rc = ffi::sqlite3_bind_text(stmt.0, at + 2, state.as_ptr().cast(), state.len() as i32, ffi::SQLITE_STATIC());
            }
            if rc == ffi::SQLITE_OK {
                rc = ffi::sqlite3_bind_text(stmt.0, at + 3, vote.as_ptr().cast(), vote.len() as i32, ffi::SQLITE_STATIC());
            }
            if rc == ffi::SQLITE_OK {
                rc = ffi::sqlite3_bind_int64(stmt.0, at + 4, v.line);
            }
            if rc != ffi::SQLITE_OK {
                return Err(sqlite_error(db, rc, format!("binding the vote of {state} in decision {} (source line {})", v.decision, v.line)));
            }
        }
        if rc == ffi::SQLITE_OK {
            rc = ffi::sqlite3_step(stmt.0);
        }
        if rc != ffi::SQLITE_DONE {
            let err = sqlite_error(db, rc, raw_failure(chunk));
            ffi::sqlite3_reset(stmt.0);
            return Err(err);
        }
        let rc = ffi::sqlite3_reset(stmt.0);
        if rc != ffi::SQLITE_OK {
            return Err(sqlite_error(db, rc, raw_failure(chunk)));
        }
    }
    Ok(())
}

/// All of `rows` through [`RawVotes`] at once.
///
/// # Safety
/// As for [`RawVotes::new`], for the whole call.
#[cfg(test)]
unsafe fn insert_votes_raw(db: RawDb, import_id: i64, rows: &[VoteRow]) -> Result<(), StoreError> {
    // SAFETY: the caller's contract.
    let mut w = unsafe { RawVotes::new(db, import_id) }?;
    w.push(rows)?;
    w.finish()
}

/// What a failed statement of [`RawVotes`] was storing: its rows' decisions, states and
/// source lines, from the first to the last (SQLite does not say which row it refused).
fn raw_failure(chunk: &[VoteRow]) -> String {
    match (chunk.first(), chunk.last()) {
        (Some(a), Some(b)) if chunk.len() > 1 => format!(
            "storing {} votes, from {} in decision {} (source line {}) to {} in decision {} (source line {})",
            chunk.len(),
            a.state,
            a.decision,
            a.line,
            b.state,
            b.decision,
            b.line
        ),
        (Some(a), _) => format!("storing the vote of {} in decision {} (source line {})", a.state, a.decision, a.line),
        _ => "storing no votes".into(),
    }
}

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
        self.import_batch_with_meta(source, files, batch, members, &[]).await
    }

    /// [`Store::import_batch`], also setting `meta` (key, value) in the same transaction (also
    /// when the batch is already in the record): a caller's note about the import (the CLI's
    /// "no bundle wanted" mark) costs no commit of its own, and is there exactly when the
    /// import is.
    pub async fn import_batch_with_meta(
        &self,
        source: &str,
        files: &[ImportedFile],
        batch: &Batch,
        members: &dyn Membership,
        meta: &[(&str, &str)],
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
        // A SQLite file: the import's own connection (see [`ImportTx`]). BEGIN IMMEDIATE takes
        // the write lock at once, so the MAX(id) reads below are stable and the first write
        // cannot fail for a writer that committed in between.
        let own_conn: Option<SqlitePool> = self.import_connection().await?;
        let mut tx = match &own_conn {
            Some(conn) => ImportTx::Sqlite(conn.begin_with("BEGIN IMMEDIATE").await?),
            None => ImportTx::Any(self.pool.begin().await?),
        };
        if self.backend == Backend::Postgres {
            // Importers are serialised: ids are allocated from MAX(id) inside the transaction.
            on_tx!(&mut tx, c => {
                sqlx::query("LOCK TABLE imports IN EXCLUSIVE MODE").execute(c).await?;
            });
        }
        let seen: Option<(i64,)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT id FROM imports WHERE source = $1 AND sha256 = $2")
            .bind(source)
            .bind(&version)
            .fetch_optional(c)
            .await?);
        if seen.is_some() {
            // Nothing of the batch is written; the meta keys are, if there are any.
            set_meta(&mut tx, meta).await?;
            tx.end(!meta.is_empty()).await?;
            if let Some(conn) = own_conn {
                conn.close().await;
            }
            report.unchanged = true;
            return Ok(report);
        }
        // On the pool's SQLite connection (BEGIN DEFERRED) the first write takes the write
        // lock, so the MAX(id) reads below are stable there too.
        let imported_at = Utc::now().to_rfc3339();
        let import_id: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "INSERT INTO imports (id, source, file, sha256, imported_at, decisions, votes) \
             SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, $4, 0, 0 FROM imports RETURNING id",
        )
        .bind(source)
        .bind(file_names.join(" "))
        .bind(&version)
        .bind(&imported_at)
        .fetch_one(c)
        .await?);
        let mut next_id: i64 = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM decisions").fetch_one(c).await?);
        let mut next_finding: i64 = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM findings").fetch_one(c).await?);

        // What the record already has from this source, and the resolutions other sources gave.
        let present: HashSet<String> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT source_key FROM decision_sources WHERE source = $1").bind(source).fetch_all(c).await?)
            .into_iter()
            .collect();
        let mut by_symbol: HashMap<String, Vec<(i64, String, i64)>> = HashMap::new();
        let rows: Vec<(String, i64, String, i64)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT symbol_key, id, body, import_id FROM decisions WHERE symbol_key IS NOT NULL AND kind = 'resolution'")
            .fetch_all(c)
            .await?);
        for (key, id, body, import) in rows {
            by_symbol.entry(key).or_default().push((id, body, import));
        }
        // unvotes and Voeten's release share roll-call ids: the same roll call is one decision.
        let mut by_rcid: HashMap<i64, (i64, i64)> = HashMap::new();
        if matches!(source, "unvotes" | "voeten") {
            let rows: Vec<(i64, i64, i64)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT rcid, id, import_id FROM decisions WHERE rcid IS NOT NULL").fetch_all(c).await?);
            for (rcid, id, import) in rows {
                by_rcid.insert(rcid, (id, import));
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

        let all: Vec<(i64, &SourceDecision)> = new.iter().map(|n| (n.id, n.d)).chain(merged.iter().map(|m| (m.0, m.2))).collect();
        let mut rows = VoteRows::default();

        // The checks that need no database: each decision against its published totals and
        // the membership, and its outcome re-derived by the rules engine. They run on this
        // thread while the database inserts the votes, which hides most of their cost.
        let check = || {
            let mut cache = fidelity::MemberCache::default();
            let per_decision: Vec<Vec<NewFinding>> = all.iter().map(|&(id, d)| fidelity::check_decision(id, d, members, &mut cache)).collect();
            let mut bodies = fidelity::Bodies::default();
            let derived: HashMap<i64, (String, String)> = all.iter().filter_map(|&(id, d)| fidelity::derive_outcome(d, members, &mut bodies).map(|o| (id, o))).collect();
            let outcome_findings: Vec<NewFinding> = all.iter().filter_map(|&(id, d)| fidelity::check_outcome(id, d, derived.get(&id))).collect();
            (per_decision, derived, outcome_findings)
        };
        // New decisions have increasing ids; a merge puts rows into decisions the record
        // already had, whose ids are lower.
        let in_key_order = all.is_sorted_by_key(|&(id, _)| id);
        let checked = match &mut tx {
            ImportTx::Sqlite(t) => {
                // The votes go in on another thread, through the raw handle, chunk by chunk as
                // this thread builds them; then this thread checks. 2 cores: the inserts
                // start at once instead of after all rows are built (issue 3, section 6).
                let mut handle = t.lock_handle().await?;
                let db = RawDb(handle.as_raw_handle());
                let (inserted, c) = std::thread::scope(|s| {
                    let lap = &lap;
                    // Unbounded: this thread must not wait for the writer, it has the checks to run.
                    let (send, receive) = std::sync::mpsc::channel::<Vec<VoteRow>>();
                    let writer = s.spawn(move || {
                        // SAFETY: `db` is the handle of the connection holding this import's
                        // transaction; `handle` keeps sqlx's worker off it until the scope
                        // ends, and the importing thread does not touch the connection
                        // meanwhile.
                        let r = unsafe { RawVotes::new(db, import_id) }.and_then(|mut w| {
                            for chunk in receive {
                                w.push(&chunk)?;
                            }
                            w.finish()
                        });
                        lap("votes inserted (writer thread)");
                        r
                    });
                    if in_key_order {
                        for part in all.chunks(DECISIONS_PER_CHUNK) {
                            // A closed channel means the writer failed: its error is returned.
                            if send.send(rows.build(part)).is_err() {
                                break;
                            }
                        }
                    } else {
                        let mut all_rows = rows.build(&all);
                        all_rows.sort_by_key(|v| v.decision);
                        let _ = send.send(all_rows);
                    }
                    drop(send);
                    lap("vote rows built");
                    let c = check();
                    lap("fidelity checked");
                    (writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), c)
                });
                drop(handle);
                inserted?;
                c
            }
            ImportTx::Any(t) => {
                let mut votes = rows.build(&all);
                if !in_key_order {
                    votes.sort_by_key(|v| v.decision);
                }
                lap("vote rows built");
                let mut checked = None;
                for chunk in votes.chunks(VOTES_PER_STATEMENT) {
                    let json = votes_json(chunk);
                    let mut insert = std::pin::pin!(sqlx::query(votes_insert_sql(self.backend)).bind(import_id).bind(json).execute(&mut **t));
                    if checked.is_none() {
                        // The first statement is sent by one poll, then awaited after the
                        // checks, so that the database inserts while this thread checks.
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
                checked.unwrap_or_else(check)
            }
        };
        lap("votes written");
        report.votes = rows.count;
        let VoteRows { dup_findings, aliases, .. } = rows;
        let (per_decision, derived, outcome_findings) = checked;
        // A decision's own checks (duplicates first), for new decisions then merged ones, as
        // `all` lists them; the derived outcomes of merged decisions are only compared.
        let mut findings: Vec<NewFinding> = Vec::new();
        for (dups, own) in dup_findings.into_iter().zip(per_decision) {
            findings.extend(dups);
            findings.extend(own);
        }
        // Overlaps: what each other source said about the same resolution.
        for &(id, other_import, d) in &merged {
            let rows: Vec<(String, String)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT state, vote FROM votes WHERE decision_id = $1 AND import_id = $2")
                .bind(id)
                .bind(other_import)
                .fetch_all(c)
                .await?);
            let theirs: HashMap<String, String> = rows.into_iter().collect();
            let other_source: Option<(String,)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT source FROM imports WHERE id = $1").bind(other_import).fetch_optional(c).await?);
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
            "decisions",
            &["id", "body", "date", "session", "symbol", "symbol_key", "draft", "meeting", "title", "description", "kind", "amends", "important", "adoption", "rcid", "outcome", "outcome_explanation", "import_id"],
            "",
            &new,
            |n, v| {
                let d = n.d;
                let (outcome, why) = derived.get(&n.id).cloned().unzip();
                v.extend([Val::from(n.id), Val::from(d.body.code().to_string()), Val::from(d.date.to_string()), Val::from(d.session.clone()), Val::from(d.symbol.clone()), Val::from(n.symbol_key.clone()), Val::from(d.draft.clone()), Val::from(d.meeting.clone()), Val::from(d.title.clone()), Val::from(d.description.clone()), Val::from(d.kind.code()), Val::from(d.amends.clone()), Val::from(d.important.map(i64::from)), Val::from(adoption_code(d.adoption)), Val::from(rcid_of(source, d)), Val::from(outcome), Val::from(why), Val::from(import_id)])
            },
        )
        .await?;
        let ds: Vec<(i64, &SourceDecision)> = all.clone();
        insert_many(
            &mut tx,
            "decision_sources",
            &["source", "source_key", "decision_id", "import_id", "file", "line", "published_yes", "published_no", "published_abstain", "published_non_voting", "published_outcome"],
            "",
            &ds,
            |(id, d), v| {
                v.extend([Val::from(source.to_string()), Val::from(d.source_key.clone()), Val::from(*id), Val::from(import_id), Val::from(d.provenance.file.clone()), Val::from(d.provenance.line as i64), Val::from(d.published.yes.map(i64::from)), Val::from(d.published.no.map(i64::from)), Val::from(d.published.abstain.map(i64::from)), Val::from(d.published.non_voting.map(i64::from)), Val::from(d.published_outcome.clone())])
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
        insert_many(&mut tx, "decision_issues", &["decision_id", "issue"], " ON CONFLICT DO NOTHING", &issues, |(id, i), v| v.extend([Val::from(*id), Val::from(i.to_string())])).await?;
        // Vetoes the source names (a decision merged into another keeps its sources' vetoes).
        let vetoes: Vec<(i64, String)> = all.iter().flat_map(|&(id, d)| d.vetoed_by.iter().map(move |c| (id, c.to_string()))).collect();
        insert_many(&mut tx, "decision_vetoes", &["decision_id", "state"], " ON CONFLICT DO NOTHING", &vetoes, |(id, c), v| v.extend([Val::from(*id), Val::from(c.clone())])).await?;
        let mut seen_doc = HashSet::new();
        docs.retain(|d| seen_doc.insert(d.0.clone()));
        insert_many(&mut tx, "documents", &["symbol", "body", "kind", "title"], " ON CONFLICT DO NOTHING", &docs, |d, v| {
            v.extend([Val::from(d.0.clone()), Val::from(d.1.to_string()), Val::from(d.2), Val::from(d.3.map(str::to_string))])
        })
        .await?;
        let mut seen_sp = HashSet::new();
        sponsors.retain(|s| seen_sp.insert(s.clone()));
        insert_many(&mut tx, "sponsors", &["symbol", "state"], " ON CONFLICT DO NOTHING", &sponsors, |s, v| v.extend([Val::from(s.0.clone()), Val::from(s.1.clone())])).await?;
        let aliases: Vec<(&str, String)> = aliases.into_iter().collect();
        insert_many(&mut tx, "state_aliases", &["source", "alias", "code"], " ON CONFLICT DO NOTHING", &aliases, |a, v| {
            v.extend([Val::from(source.to_string()), Val::from(a.0.to_string()), Val::from(a.1.clone())])
        })
        .await?;

        lap("decisions written");

        let rows: Vec<(i64, NewFinding)> = findings.into_iter().map(|f| {
            next_finding += 1;
            (next_finding, f)
        }).collect();
        insert_many(
            &mut tx,
            "findings",
            &["id", "source", "import_id", "decision_id", "kind", "message", "evidence", "file", "line", "version"],
            "",
            &rows,
            |(id, f), v| {
                v.extend([Val::from(*id), Val::from(source.to_string()), Val::from(import_id), Val::from(f.decision), Val::from(f.kind.clone()), Val::from(f.message.clone()), Val::from(f.evidence.to_string()), Val::from(f.file.clone()), Val::from(f.line as i64), Val::from(f.version.clone())])
            },
        )
        .await?;
        report.findings = rows.len() as u64;
        on_tx!(&mut tx, c => sqlx::query("UPDATE imports SET decisions = $1, votes = $2 WHERE id = $3")
            .bind((report.decisions_new + report.decisions_merged) as i64)
            .bind(report.votes as i64)
            .bind(import_id)
            .execute(c)
            .await?
            .rows_affected());
        set_meta(&mut tx, meta).await?;
        tx.end(true).await?;
        lap("committed");
        if let Some(conn) = own_conn {
            conn.close().await;
        }
        lap("connection closed");
        Ok(report)
    }
}

/// Sets each (key, value) of the `meta` table inside the import's transaction.
async fn set_meta(tx: &mut ImportTx, meta: &[(&str, &str)]) -> Result<(), StoreError> {
    for (key, value) in meta {
        on_tx!(tx, c => sqlx::query(crate::store::SET_META_SQL)
            .bind(*key)
            .bind(*value)
            .execute(c)
            .await?
            .rows_affected());
    }
    Ok(())
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

    /// The raw statement stores exactly what the JSON statement stores, inside the open
    /// transaction (a rollback leaves no row), and a failing row is an error naming it.
    #[tokio::test]
    async fn raw_rows_are_stored_as_the_json_rows_are() {
        use sqlx::{Connection, SqliteConnection};
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.expect("in-memory SQLite");
        let mut rows = vec![
            VoteRow { decision: 7, state: StateCode(*b"USA"), vote: Vote::Yes, line: 12 },
            VoteRow { decision: 7, state: StateCode(*b"UKR"), vote: Vote::No, line: 13 },
            VoteRow { decision: 8, state: StateCode(*b"RUS"), vote: Vote::Absent, line: 14 },
            VoteRow { decision: 9, state: StateCode(*b"FRA"), vote: Vote::NonVoting, line: 15 },
            VoteRow { decision: 9, state: StateCode(*b"GBR"), vote: Vote::Abstain, line: i64::from(u32::MAX) + 1 },
        ];
        // Enough more for two full statements and a shorter last one.
        let votes = [Vote::Yes, Vote::No, Vote::Abstain];
        for i in 0..2 * RAW_ROWS_PER_STATEMENT + 17 {
            let state = StateCode([b'A' + (i % 26) as u8, b'A' + (i / 26 % 26) as u8, b'Q']);
            rows.push(VoteRow { decision: 10 + (i / 676) as i64, state, vote: votes[i % 3], line: 100 + i as i64 });
        }
        sqlx::query("CREATE TABLE votes (decision_id INTEGER NOT NULL, import_id INTEGER NOT NULL, state TEXT NOT NULL, vote TEXT NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (decision_id, import_id, state)) WITHOUT ROWID")
            .execute(&mut conn)
            .await
            .expect("table");
        type Stored = Vec<(i64, i64, String, String, i64)>;
        let read = "SELECT decision_id, import_id, state, vote, line FROM votes ORDER BY decision_id, state";
        let expected: Stored = {
            let mut e: Stored = rows.iter().map(|r| (r.decision, 3, r.state.to_string(), r.vote.code().to_string(), r.line)).collect();
            e.sort();
            e
        };

        sqlx::query(votes_insert_sql(Backend::Sqlite)).bind(3_i64).bind(votes_json(&rows)).execute(&mut conn).await.expect("json insert");
        let by_json: Stored = sqlx::query_as(read).fetch_all(&mut conn).await.expect("rows");
        assert_eq!(by_json, expected);
        sqlx::query("DELETE FROM votes").execute(&mut conn).await.expect("delete");

        let mut tx = conn.begin().await.expect("begin");
        {
            let mut handle = tx.lock_handle().await.expect("handle");
            // SAFETY: the handle is locked away from sqlx's worker for the call.
            unsafe { insert_votes_raw(RawDb(handle.as_raw_handle()), 3, &rows) }.expect("raw insert");
        }
        let by_raw: Stored = sqlx::query_as(read).fetch_all(&mut *tx).await.expect("rows");
        assert_eq!(by_raw, expected);
        tx.rollback().await.expect("rollback");
        let after: Stored = sqlx::query_as(read).fetch_all(&mut conn).await.expect("rows");
        assert!(after.is_empty(), "the rows were part of the rolled-back transaction: {after:?}");

        // A row the table refuses (the same key twice) is an error that names it.
        let again = [rows[0], VoteRow { line: 99, ..rows[0] }];
        let mut handle = conn.lock_handle().await.expect("handle");
        // SAFETY: as above.
        let err = unsafe { insert_votes_raw(RawDb(handle.as_raw_handle()), 3, &again) }.expect_err("duplicate key");
        let text = err.to_string();
        assert!(text.contains("USA") && text.contains("decision 7") && text.contains("line 99") && text.contains("UNIQUE"), "{text}");
    }
}
