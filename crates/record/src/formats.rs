//! `plenary import --format F PATH...`: read the files, run the format's parser, write the
//! batch in one transaction.

use plenary_rules::states::Registry;
use plenary_rules::{Date, StateCode};

use crate::fidelity::Membership;
use crate::import::{ImportReport, ImportedFile};
use crate::sources::{self, BodyRef, ParseError};
use crate::store::{Store, StoreError};

/// The formats `plenary import` reads.
pub const FORMATS: &[&str] = &["unvotes", "voeten", "dgacm", "undl-ga", "undl-sc", "sc-archive", "fixtures", "plenary"];

impl Membership for Registry {
    /// Membership as `data/membership` gives it (Charter Art. 4 admissions, Art. 23 seats).
    fn is_member(&self, body: &BodyRef, state: StateCode, date: Date) -> Option<bool> {
        match body {
            BodyRef::GeneralAssembly => Some(self.is_ga_member(state, date)),
            BodyRef::SecurityCouncil => Some(self.is_sc_member(state, date)),
            BodyRef::Custom(_) => None,
        }
    }
    fn member_count(&self, body: &BodyRef, date: Date) -> Option<u32> {
        match body {
            BodyRef::GeneralAssembly => Some(self.ga_members(date).len() as u32),
            BodyRef::SecurityCouncil => Some(self.sc_members(date).len() as u32),
            BodyRef::Custom(_) => None,
        }
    }
}

/// Parses `files` (name, bytes) in `format` into one batch.
pub fn parse(format: &str, files: &[(&str, &[u8])], registry: &Registry) -> Result<sources::Batch, ParseError> {
    let each = |f: &dyn Fn(&str, &[u8]) -> Result<sources::Batch, ParseError>| -> Result<sources::Batch, ParseError> {
        let mut all = sources::Batch::default();
        for (name, bytes) in files {
            let b = f(name, bytes)?;
            all.decisions.extend(b.decisions);
            all.findings.extend(b.findings);
        }
        Ok(all)
    };
    match format {
        "unvotes" => {
            let fs: Vec<sources::unvotes::File> = files.iter().map(|(name, bytes)| sources::unvotes::File { name, bytes }).collect();
            sources::unvotes::parse(&fs, registry)
        }
        "voeten" => {
            let fs: Vec<sources::unvotes::File> = files.iter().map(|(name, bytes)| sources::unvotes::File { name, bytes }).collect();
            sources::voeten::parse(&fs, registry)
        }
        "dgacm" => each(&|n, b| sources::dgacm::parse(n, b, registry)),
        "undl-ga" => each(&|n, b| sources::undl::parse_ga(n, b, registry)),
        "undl-sc" => each(&|n, b| sources::undl::parse_sc(n, b, registry)),
        "sc-archive" => each(&|n, b| sources::sc_archive::parse(n, b, registry)),
        "fixtures" => sources::fixtures::parse_set(files, registry),
        "plenary" => Err(ParseError::Malformed {
            file: "(--format)".into(),
            line: 0,
            message: "a plenary export is restored as it is (Store::restore_plenary), not parsed into a batch".into(),
        }),
        other => Err(ParseError::Malformed { file: "(--format)".into(), line: 0, message: format!("unknown format {other:?}; expected one of {}", FORMATS.join(", ")) }),
    }
}

impl Store {
    /// Reads, parses and imports files of one format in one transaction.
    pub async fn import_files(&self, format: &str, files: &[(String, Vec<u8>)], registry: &Registry) -> Result<ImportReport, StoreError> {
        self.import_files_with_meta(format, files, registry, &[]).await
    }

    /// [`Store::import_files`], setting `meta` (key, value) with the import
    /// ([`Store::import_batch_with_meta`]; a restored export sets it after).
    pub async fn import_files_with_meta(&self, format: &str, files: &[(String, Vec<u8>)], registry: &Registry, meta: &[(&str, &str)]) -> Result<ImportReport, StoreError> {
        if format == "plenary" {
            let report = self.restore_plenary(files).await?;
            for (key, value) in meta {
                self.set_meta(key, value).await?;
            }
            return Ok(report);
        }
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        let t0 = std::time::Instant::now();
        // The files' versions (SHA-256) are computed beside the parse, not after it.
        let (batch, imported) = std::thread::scope(|s| {
            let versions = s.spawn(|| files.iter().map(|(n, b)| ImportedFile { name: n.clone(), sha256: sources::file_version(b) }).collect::<Vec<_>>());
            let batch = parse(format, &refs, registry);
            (batch, versions.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        let batch = batch?;
        let parsed = t0.elapsed().as_secs_f64();
        tracing::debug!(target: "plenary_record::import", format, parse_s = parsed, "files parsed");
        let timing = std::env::var_os("PLENARY_TIMING").is_some();
        if timing {
            eprintln!("parse {format}: {parsed:.3} s");
        }
        let report = self.import_batch_with_meta(format, &imported, &batch, registry, meta).await;
        // Freeing a large batch (all of unvotes: 870,109 rows, 0.01 s) is left to a thread of
        // its own: nothing waits for it (if no thread can be started, it is freed here).
        let _ = std::thread::Builder::new().name("drop-batch".into()).spawn(move || drop(batch));
        if timing {
            eprintln!("import {format}: returned at {:.3} s", t0.elapsed().as_secs_f64());
        }
        report
    }

    /// Like [`Store::import_files_with_meta`], reading the files from disk.
    pub async fn import_paths(&self, format: &str, paths: &[std::path::PathBuf], registry: &Registry, meta: &[(&str, &str)]) -> Result<ImportReport, StoreError> {
        let mut files = Vec::new();
        for p in paths {
            let bytes = std::fs::read(p).map_err(|source| StoreError::Io { path: p.display().to_string(), source })?;
            files.push((p.display().to_string(), bytes));
        }
        self.import_files_with_meta(format, &files, registry, meta).await
    }
}

/// Rows per multi-row INSERT of a restore: under SQLite's 32,766 and PostgreSQL's 65,535
/// bound parameters per statement.
const RESTORE_PARAMS: usize = 30_000;

/// One value of a restored row: the Any driver carries integers and text (and NULLs of each).
enum Val {
    Int(Option<i64>),
    Text(Option<String>),
}

/// Inserts `rows` (each as wide as `cols`) into `table` with multi-row INSERTs.
async fn insert_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: crate::store::Backend,
    table: &str,
    cols: &[&str],
    suffix: &str,
    rows: Vec<Vec<Val>>,
) -> Result<(), StoreError> {
    let per = (RESTORE_PARAMS / cols.len()).max(1);
    for chunk in rows.chunks(per) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            sql.push_str(if i > 0 { ",(" } else { "(" });
            for c in 0..cols.len() {
                n += 1;
                if c > 0 {
                    sql.push(',');
                }
                // SQLite: anonymous placeholders (sqlx resolves `$N` by a linear search per
                // parameter, as import.rs notes).
                if backend == crate::store::Backend::Sqlite { sql.push('?') } else { sql.push_str(&format!("${n}")) }
            }
            sql.push(')');
        }
        sql.push_str(suffix);
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            for v in row {
                q = match v {
                    Val::Int(i) => q.bind(*i),
                    Val::Text(t) => q.bind(t.clone()),
                };
            }
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

fn t(s: &str) -> Val {
    Val::Text(Some(s.to_string()))
}
fn ot(s: &Option<String>) -> Val {
    Val::Text(s.clone())
}
fn i(n: i64) -> Val {
    Val::Int(Some(n))
}

impl Store {
    /// Restores Plenary's own NDJSON exports (`plenary import --format plenary`), all files in
    /// one transaction.
    ///
    /// The rows are written as exported, not re-imported through the parsers: the provenance
    /// (each original source, file, line and version), the outcomes and the findings are the
    /// exported ones, so that export, restore into an empty database and export again give the
    /// same bytes. Ids are kept when the database is empty and shifted past its largest ids
    /// otherwise; decisions are not merged by symbol with those already there (that is what the
    /// importers of the sources do). A file whose every import (source, SHA-256) is already in the record changes
    /// nothing; a file of which only some imports are present is refused, since merging two
    /// records decision by decision is the importers' job, not a restore's.
    pub async fn restore_plenary(&self, files: &[(String, Vec<u8>)]) -> Result<ImportReport, StoreError> {
        use crate::store::Backend;
        use sqlx::Row;
        let mut dumps = Vec::new();
        for (name, bytes) in files {
            dumps.push((name, sources::plenary::parse(name, bytes)?));
        }
        let version = if files.len() == 1 {
            sources::file_version(&files[0].1)
        } else {
            sources::file_version(files.iter().map(|f| sources::file_version(&f.1)).collect::<Vec<_>>().join("+").as_bytes())
        };
        let mut report = ImportReport { source: "plenary".into(), files: files.iter().map(|f| f.0.clone()).collect(), version, ..Default::default() };
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            // As the importer does: ids are allocated from MAX(id) inside the transaction.
            sqlx::query("LOCK TABLE imports IN EXCLUSIVE MODE").execute(&mut *tx).await?;
        }
        let mut all_present = true;
        for (name, dump) in &dumps {
            let mut present = Vec::new();
            for imp in &dump.imports {
                let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM imports WHERE source = $1 AND sha256 = $2")
                    .bind(&imp.source)
                    .bind(&imp.sha256)
                    .fetch_optional(&mut *tx)
                    .await?;
                present.push(found.is_some());
            }
            let n_present = present.iter().filter(|p| **p).count();
            if n_present == dump.imports.len() && !dump.imports.is_empty() {
                report.decisions_already_present += dump.decisions.len() as u64;
                continue;
            }
            if n_present > 0 {
                let example = dump.imports.iter().zip(&present).find(|(_, p)| **p).map(|(imp, _)| format!("{} {} ({})", imp.source, imp.file, imp.sha256)).unwrap_or_default();
                return Err(StoreError::Invalid(format!(
                    "{name}: the record already has {n_present} of the {} imports of this export (e.g. {example}); restore it into an empty database (`plenary --database NEW import --no-bundle --format plenary FILE`) or one that has none of them",
                    dump.imports.len()
                )));
            }
            all_present = false;
            // Decisions keyed by (source, source key) must not exist from another version.
            let mut keys = std::collections::HashSet::new();
            for r in sqlx::query("SELECT source, source_key FROM decision_sources").fetch_all(&mut *tx).await? {
                keys.insert((r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?));
            }
            for d in &dump.decisions {
                for s in &d.sources {
                    if keys.contains(&(s.source.clone(), s.source_key.clone())) {
                        return Err(StoreError::Invalid(format!(
                            "{name}: decision {}: the record already has {} key {:?} from another version of that source; restore into an empty database",
                            d.decision_id, s.source, s.source_key
                        )));
                    }
                }
            }
            let max = |table: &'static str| format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}");
            let imp_off: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(max("imports"))).fetch_one(&mut *tx).await?;
            let dec_off: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(max("decisions"))).fetch_one(&mut *tx).await?;
            let fin_off: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(max("findings"))).fetch_one(&mut *tx).await?;
            write_dump(&mut tx, self.backend, dump, imp_off, dec_off, fin_off).await?;
            report.decisions_new += dump.decisions.len() as u64;
            report.votes += dump.vote_count() as u64;
            report.findings += dump.findings.len() as u64;
        }
        if all_present {
            tx.rollback().await?;
            report.unchanged = true;
            return Ok(report);
        }
        tx.commit().await?;
        Ok(report)
    }
}

async fn write_dump(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: crate::store::Backend,
    dump: &sources::plenary::Dump,
    imp_off: i64,
    dec_off: i64,
    fin_off: i64,
) -> Result<(), StoreError> {
    let meta = dump.meta.iter().map(|m| vec![t(&m.key), t(&m.value)]).collect();
    insert_rows(tx, backend, "meta", &["key", "value"], " ON CONFLICT DO NOTHING", meta).await?;
    let imports = dump
        .imports
        .iter()
        .map(|l| vec![i(l.import_id + imp_off), t(&l.source), t(&l.file), t(&l.sha256), t(&l.imported_at), i(l.decisions), i(l.votes)])
        .collect();
    insert_rows(tx, backend, "imports", &["id", "source", "file", "sha256", "imported_at", "decisions", "votes"], "", imports).await?;
    let aliases = dump.aliases.iter().map(|a| vec![t(&a.source), t(&a.alias), t(&a.code)]).collect();
    insert_rows(tx, backend, "state_aliases", &["source", "alias", "code"], " ON CONFLICT DO NOTHING", aliases).await?;
    let docs = dump.documents.iter().map(|d| vec![t(&d.symbol), t(&d.body), t(&d.kind), ot(&d.title)]).collect();
    insert_rows(tx, backend, "documents", &["symbol", "body", "kind", "title"], " ON CONFLICT DO NOTHING", docs).await?;
    let sponsors = dump.documents.iter().flat_map(|d| d.sponsors.iter().map(|s| vec![t(&d.symbol), t(s)])).collect();
    insert_rows(tx, backend, "sponsors", &["symbol", "state"], " ON CONFLICT DO NOTHING", sponsors).await?;
    let decisions = dump
        .decisions
        .iter()
        .map(|d| {
            vec![
                i(d.decision_id + dec_off),
                t(&d.body),
                t(&d.date),
                ot(&d.session),
                ot(&d.symbol),
                Val::Text(d.symbol.as_deref().map(crate::symbol::symbol_key)),
                ot(&d.draft),
                ot(&d.meeting),
                ot(&d.title),
                ot(&d.description),
                t(&d.kind),
                ot(&d.amends),
                Val::Int(d.important.map(i64::from)),
                t(&d.adoption),
                Val::Int(d.rcid),
                ot(&d.outcome),
                ot(&d.outcome_explanation),
                i(d.import_id + imp_off),
            ]
        })
        .collect();
    insert_rows(
        tx,
        backend,
        "decisions",
        &["id", "body", "date", "session", "symbol", "symbol_key", "draft", "meeting", "title", "description", "kind", "amends", "important", "adoption", "rcid", "outcome", "outcome_explanation", "import_id"],
        "",
        decisions,
    )
    .await?;
    let mut ds = Vec::new();
    let mut issues = Vec::new();
    let mut vetoes = Vec::new();
    for d in &dump.decisions {
        let id = d.decision_id + dec_off;
        for s in &d.sources {
            ds.push(vec![
                t(&s.source),
                t(&s.source_key),
                i(id),
                i(s.import_id + imp_off),
                t(&s.file),
                i(s.line),
                Val::Int(s.published_yes),
                Val::Int(s.published_no),
                Val::Int(s.published_abstain),
                Val::Int(s.published_non_voting),
                ot(&s.published_outcome),
            ]);
        }
        for is in &d.issues {
            issues.push(vec![i(id), t(is)]);
        }
        for v in &d.vetoed_by {
            vetoes.push(vec![i(id), t(v)]);
        }
    }
    insert_rows(
        tx,
        backend,
        "decision_sources",
        &["source", "source_key", "decision_id", "import_id", "file", "line", "published_yes", "published_no", "published_abstain", "published_non_voting", "published_outcome"],
        "",
        ds,
    )
    .await?;
    insert_rows(tx, backend, "decision_issues", &["decision_id", "issue"], " ON CONFLICT DO NOTHING", issues).await?;
    insert_rows(tx, backend, "decision_vetoes", &["decision_id", "state"], " ON CONFLICT DO NOTHING", vetoes).await?;
    // The vote rows (a million for the whole record) are built one statement's worth at a time.
    let vote_cols = ["decision_id", "import_id", "state", "vote", "line"];
    let per = RESTORE_PARAMS / vote_cols.len();
    let mut votes = Vec::with_capacity(per);
    for d in &dump.decisions {
        for s in &d.sources {
            for v in &s.votes {
                votes.push(vec![i(d.decision_id + dec_off), i(s.import_id + imp_off), t(&v.state), t(&v.vote), i(v.line)]);
                if votes.len() == per {
                    insert_rows(tx, backend, "votes", &vote_cols, "", std::mem::replace(&mut votes, Vec::with_capacity(per))).await?;
                }
            }
        }
    }
    insert_rows(tx, backend, "votes", &vote_cols, "", votes).await?;
    let findings = dump
        .findings
        .iter()
        .map(|f| {
            vec![
                i(f.finding_id + fin_off),
                t(&f.source),
                i(f.import_id + imp_off),
                Val::Int(f.decision_id.map(|d| d + dec_off)),
                t(&f.kind),
                t(&f.message),
                t(&f.evidence.to_string()),
                t(&f.file),
                i(f.line),
                t(&f.version),
            ]
        })
        .collect();
    insert_rows(tx, backend, "findings", &["id", "source", "import_id", "decision_id", "kind", "message", "evidence", "file", "line", "version"], "", findings).await?;
    Ok(())
}

/// The Parquet export's schema: the CSV export's columns ([`crate::query::ExportRow`]) with
/// their types. `important` is a BOOLEAN (the CSV writes it 1/0), `date` a DATE.
pub const PARQUET_SCHEMA: &str = "message plenary_votes {
  REQUIRED INT64 decision_id;
  REQUIRED BYTE_ARRAY body (STRING);
  REQUIRED INT32 date (DATE);
  OPTIONAL BYTE_ARRAY session (STRING);
  OPTIONAL BYTE_ARRAY symbol (STRING);
  REQUIRED BYTE_ARRAY kind (STRING);
  OPTIONAL BOOLEAN important;
  OPTIONAL INT64 rcid;
  OPTIONAL BYTE_ARRAY title (STRING);
  REQUIRED BYTE_ARRAY state (STRING);
  REQUIRED BYTE_ARRAY vote (STRING);
  REQUIRED BYTE_ARRAY source (STRING);
  REQUIRED INT64 source_line;
}";

/// Rows per Parquet row group: what is held in memory before it is written out.
pub const PARQUET_ROW_GROUP: usize = 100_000;

/// An optional column: the present values and a definition level per row.
#[derive(Default)]
struct Opt<T> {
    values: Vec<T>,
    defs: Vec<i16>,
}

impl<T> Opt<T> {
    fn push(&mut self, v: Option<T>) {
        match v {
            Some(v) => {
                self.values.push(v);
                self.defs.push(1);
            }
            None => self.defs.push(0),
        }
    }
    fn clear(&mut self) {
        self.values.clear();
        self.defs.clear();
    }
}

/// Writes [`crate::query::ExportRow`]s as Parquet with the low-level column writer (no arrow:
/// its arrays would double the build for a fixed 13-column table), snappy-compressed, in row
/// groups of [`PARQUET_ROW_GROUP`] rows, so the whole record is never in memory. A decision's
/// strings repeat on each of its ~190 rows: they are shared (`ByteArray` is reference
/// counted) rather than copied, and the dictionary encoding stores them once per page.
pub struct ParquetExport<W: std::io::Write + Send> {
    writer: parquet::file::writer::SerializedFileWriter<W>,
    rows: usize,
    group: usize,
    decision_id: Vec<i64>,
    body: Vec<parquet::data_type::ByteArray>,
    date: Vec<i32>,
    session: Opt<parquet::data_type::ByteArray>,
    symbol: Opt<parquet::data_type::ByteArray>,
    kind: Vec<parquet::data_type::ByteArray>,
    important: Opt<bool>,
    rcid: Opt<i64>,
    title: Opt<parquet::data_type::ByteArray>,
    state: Vec<parquet::data_type::ByteArray>,
    vote: Vec<parquet::data_type::ByteArray>,
    source: Vec<parquet::data_type::ByteArray>,
    source_line: Vec<i64>,
    /// The last decision's strings, shared by its rows.
    last: Option<(i64, [Option<parquet::data_type::ByteArray>; 5])>,
    written: u64,
}

fn pq_err(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Invalid(format!("parquet: {e}"))
}

fn bytes(s: &str) -> parquet::data_type::ByteArray {
    parquet::data_type::ByteArray::from(s.as_bytes().to_vec())
}

impl<W: std::io::Write + Send> ParquetExport<W> {
    /// A writer with row groups of [`PARQUET_ROW_GROUP`] rows.
    pub fn new(out: W) -> Result<Self, StoreError> {
        Self::with_row_group(out, PARQUET_ROW_GROUP)
    }

    /// A writer with row groups of `rows` rows (at least 1).
    pub fn with_row_group(out: W, rows: usize) -> Result<Self, StoreError> {
        use parquet::file::properties::WriterProperties;
        let schema = std::sync::Arc::new(parquet::schema::parser::parse_message_type(PARQUET_SCHEMA).map_err(pq_err)?);
        let props = std::sync::Arc::new(WriterProperties::builder().set_compression(parquet::basic::Compression::SNAPPY).build());
        Ok(ParquetExport {
            writer: parquet::file::writer::SerializedFileWriter::new(out, schema, props).map_err(pq_err)?,
            rows: 0,
            group: rows.max(1),
            decision_id: Vec::new(),
            body: Vec::new(),
            date: Vec::new(),
            session: Opt::default(),
            symbol: Opt::default(),
            kind: Vec::new(),
            important: Opt::default(),
            rcid: Opt::default(),
            title: Opt::default(),
            state: Vec::new(),
            vote: Vec::new(),
            source: Vec::new(),
            source_line: Vec::new(),
            last: None,
            written: 0,
        })
    }

    /// Adds one row; writes a row group when a group's rows are buffered.
    pub fn push(&mut self, r: &crate::query::ExportRow) -> Result<(), StoreError> {
        let days = Date::parse_from_str(&r.date, "%Y-%m-%d")
            .map_err(|_| StoreError::Invalid(format!("decision {}: date {:?} in the database is not YYYY-MM-DD", r.decision_id, r.date)))?
            .signed_duration_since(Date::from_ymd_opt(1970, 1, 1).unwrap_or_default())
            .num_days() as i32;
        if self.last.as_ref().is_none_or(|l| l.0 != r.decision_id) {
            self.last = Some((
                r.decision_id,
                [Some(bytes(&r.body)), r.session.as_deref().map(bytes), r.symbol.as_deref().map(bytes), Some(bytes(&r.kind)), r.title.as_deref().map(bytes)],
            ));
        }
        let Some((_, [body, session, symbol, kind, title])) = &self.last else { unreachable!() };
        self.decision_id.push(r.decision_id);
        self.body.push(body.clone().unwrap_or_default());
        self.date.push(days);
        self.session.push(session.clone());
        self.symbol.push(symbol.clone());
        self.kind.push(kind.clone().unwrap_or_default());
        self.important.push(r.important.map(|v| v != 0));
        self.rcid.push(r.rcid);
        self.title.push(title.clone());
        self.state.push(bytes(&r.state));
        self.vote.push(bytes(&r.vote));
        self.source.push(bytes(&r.source));
        self.source_line.push(r.source_line);
        self.rows += 1;
        if self.rows >= self.group {
            self.flush_group()?;
        }
        Ok(())
    }

    fn flush_group(&mut self) -> Result<(), StoreError> {
        use parquet::data_type::{BoolType, ByteArrayType, Int32Type, Int64Type};
        if self.rows == 0 {
            return Ok(());
        }
        let mut rg = self.writer.next_row_group().map_err(pq_err)?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column().map_err(pq_err)? {
            match i {
                0 => col.typed::<Int64Type>().write_batch(&self.decision_id, None, None),
                1 => col.typed::<ByteArrayType>().write_batch(&self.body, None, None),
                2 => col.typed::<Int32Type>().write_batch(&self.date, None, None),
                3 => col.typed::<ByteArrayType>().write_batch(&self.session.values, Some(&self.session.defs), None),
                4 => col.typed::<ByteArrayType>().write_batch(&self.symbol.values, Some(&self.symbol.defs), None),
                5 => col.typed::<ByteArrayType>().write_batch(&self.kind, None, None),
                6 => col.typed::<BoolType>().write_batch(&self.important.values, Some(&self.important.defs), None),
                7 => col.typed::<Int64Type>().write_batch(&self.rcid.values, Some(&self.rcid.defs), None),
                8 => col.typed::<ByteArrayType>().write_batch(&self.title.values, Some(&self.title.defs), None),
                9 => col.typed::<ByteArrayType>().write_batch(&self.state, None, None),
                10 => col.typed::<ByteArrayType>().write_batch(&self.vote, None, None),
                11 => col.typed::<ByteArrayType>().write_batch(&self.source, None, None),
                _ => col.typed::<Int64Type>().write_batch(&self.source_line, None, None),
            }
            .map_err(pq_err)?;
            col.close().map_err(pq_err)?;
            i += 1;
        }
        rg.close().map_err(pq_err)?;
        self.written += self.rows as u64;
        self.rows = 0;
        self.decision_id.clear();
        self.body.clear();
        self.date.clear();
        self.session.clear();
        self.symbol.clear();
        self.kind.clear();
        self.important.clear();
        self.rcid.clear();
        self.title.clear();
        self.state.clear();
        self.vote.clear();
        self.source.clear();
        self.source_line.clear();
        Ok(())
    }

    /// Writes the last row group and the footer; returns the number of rows.
    pub fn finish(mut self) -> Result<u64, StoreError> {
        self.flush_group()?;
        self.writer.close().map_err(pq_err)?;
        Ok(self.written)
    }
}
