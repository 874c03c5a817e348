//! Plenary's own NDJSON export (`plenary export --format ndjson`), read back by
//! `plenary import --format plenary`: export then import into an empty database is lossless.
//!
//! # The format (version 1)
//! One JSON object per line; the field `record` says what the line is:
//! - `header`: the first line, `{"record":"header","format":"plenary","format_version":1}`;
//! - `meta`: a setting of the record (the loaded bundle's version), in unfiltered exports;
//! - `import`: one imported file version (source, file, SHA-256, when), the provenance that
//!   decisions, votes and findings point to by `import_id`;
//! - `alias`: a spelling or code a source used for a state (`"RUSSIAN FEDERATION"` -> `RUS`);
//! - `document`: a resolution or draft symbol with its title and (drafts) sponsors;
//! - `decision`: what was put to the vote, with its outcome, issues and `sources`: each source's
//!   view (source key, file, line, the totals and label it published) with that source's own
//!   state rows nested as `votes: [{"state","vote","line"}]` (`vote` is Y, N, A, X for present
//!   and not voting, `-` for absent). `sources[0]` is the decision's first source, whose rows
//!   are the decision's votes;
//! - `finding`: a disagreement between a source and its rows, the rules or another source.
//!
//! pandas reads it with `pd.read_json(path, lines=True)` and `df[df.record == "decision"]`;
//! the votes come out with `explode("sources")` then `json_normalize`. DuckDB:
//! `read_json('x.ndjson', format='newline_delimited')`. The flat one-row-per-vote table is the
//! CSV and Parquet exports.
//!
//! The same structs serialise the export ([`crate::query`]) and parse it back here, so the two
//! directions cannot drift apart. The parser is pure: it checks every field and every reference
//! between lines (an `import_id` that no `import` line defines is an error), and names the file,
//! line and field of the first fault. Writing is [`crate::formats`]' job.

use std::collections::HashSet;

use plenary_rules::{Date, StateCode, Vote};
use serde::{Deserialize, Serialize};

use super::ParseError;

/// The `format` of the header line.
pub const FORMAT: &str = "plenary";
/// The version of the layout described above; bumped when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// The first line of an export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub format_version: u32,
}

/// A setting of the record (a row of `meta`, e.g. `bundle_version`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaLine {
    pub key: String,
    pub value: String,
}

/// One imported file version (a row of `imports`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportLine {
    pub import_id: i64,
    pub source: String,
    pub file: String,
    pub sha256: String,
    pub imported_at: String,
    pub decisions: i64,
    pub votes: i64,
}

/// A source's spelling of a state (a row of `state_aliases`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasLine {
    pub source: String,
    pub alias: String,
    pub code: String,
}

/// A resolution or draft (a row of `documents`) with the sponsors of a draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentLine {
    pub symbol: String,
    pub body: String,
    pub kind: String,
    pub title: Option<String>,
    pub sponsors: Vec<String>,
}

/// One state's row from one source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteLine {
    pub state: String,
    /// Y, N, A, X (present, not voting) or - (absent).
    pub vote: String,
    /// The line of the source file the row came from.
    pub line: i64,
}

/// One source's view of a decision (a row of `decision_sources`) with its state rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLine {
    pub source: String,
    pub source_key: String,
    pub import_id: i64,
    pub file: String,
    pub line: i64,
    /// The SHA-256 of the file, repeated from its `import` line for readers of one line.
    pub version: String,
    pub published_yes: Option<i64>,
    pub published_no: Option<i64>,
    pub published_abstain: Option<i64>,
    pub published_non_voting: Option<i64>,
    pub published_outcome: Option<String>,
    pub votes: Vec<VoteLine>,
}

/// What was put to the vote (a row of `decisions`), with its issues and sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionLine {
    pub decision_id: i64,
    pub body: String,
    pub date: String,
    pub session: Option<String>,
    pub symbol: Option<String>,
    pub draft: Option<String>,
    pub meeting: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub kind: String,
    /// For an amendment or part: the symbol or source key of what it belongs to.
    pub amends: Option<String>,
    pub important: Option<bool>,
    pub adoption: String,
    pub rcid: Option<i64>,
    pub outcome: Option<String>,
    pub outcome_explanation: Option<String>,
    /// The import of the decision's first source.
    pub import_id: i64,
    pub issues: Vec<String>,
    /// The permanent members who vetoed it (Charter Art. 27(3)), where the record keeps them
    /// apart from the votes (`decision_vetoes`: a vote by show of hands has no rows). Left out
    /// of the line when empty, so exports of records without such votes are unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoed_by: Vec<String>,
    pub sources: Vec<SourceLine>,
}

/// A finding (a row of `findings`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingLine {
    pub finding_id: i64,
    pub source: String,
    pub import_id: i64,
    pub decision_id: Option<i64>,
    pub kind: String,
    pub message: String,
    pub evidence: serde_json::Value,
    pub file: String,
    pub line: i64,
    pub version: String,
}

/// One line of the export, tagged by its `record` field.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "record", rename_all = "kebab-case")]
pub enum Line {
    Header(Header),
    Meta(MetaLine),
    Import(ImportLine),
    Alias(AliasLine),
    Document(DocumentLine),
    Decision(DecisionLine),
    Finding(FindingLine),
}

/// A whole export, parsed and checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dump {
    pub meta: Vec<MetaLine>,
    pub imports: Vec<ImportLine>,
    pub aliases: Vec<AliasLine>,
    pub documents: Vec<DocumentLine>,
    pub decisions: Vec<DecisionLine>,
    pub findings: Vec<FindingLine>,
}

impl Dump {
    /// Number of vote rows over all decisions and sources.
    pub fn vote_count(&self) -> usize {
        self.decisions.iter().flat_map(|d| &d.sources).map(|s| s.votes.len()).sum()
    }
}

pub const DECISION_KINDS: &[&str] = &["resolution", "amendment", "part", "motion", "other"];
pub const ADOPTIONS: &[&str] = &["recorded-vote", "show-of-hands", "without-vote", "unknown"];
pub const DOCUMENT_KINDS: &[&str] = &["resolution", "draft"];

struct Ctx<'a> {
    file: &'a str,
    line: u64,
}

impl Ctx<'_> {
    fn field(&self, field: impl Into<String>, found: impl std::fmt::Display, expected: &str) -> ParseError {
        ParseError::Field { file: self.file.into(), line: self.line, field: field.into(), found: found.to_string(), expected: expected.into() }
    }
    fn date(&self, field: &str, s: &str) -> Result<(), ParseError> {
        match Date::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) if (1945..=2100).contains(&chrono::Datelike::year(&d)) => Ok(()),
            _ => Err(self.field(field, s, "a date YYYY-MM-DD between 1945 and 2100")),
        }
    }
    fn state(&self, field: &str, s: &str) -> Result<(), ParseError> {
        match StateCode::parse(s) {
            Some(c) if c.as_str() == s => Ok(()),
            _ => Err(self.field(field, s, "a state code of three upper-case letters (ISO 3166-1 alpha-3 or data/membership's codes)")),
        }
    }
    fn one_of(&self, field: &str, s: &str, allowed: &[&str]) -> Result<(), ParseError> {
        if allowed.contains(&s) { Ok(()) } else { Err(self.field(field, s, &format!("one of {}", allowed.join(", ")))) }
    }
    fn nonempty(&self, field: &str, s: &str) -> Result<(), ParseError> {
        if s.trim().is_empty() { Err(self.field(field, s, "a non-empty string")) } else { Ok(()) }
    }
    fn count(&self, field: &str, n: Option<i64>) -> Result<(), ParseError> {
        match n {
            Some(v) if !(0..=1000).contains(&v) => Err(self.field(field, v, "a count between 0 and 1000, or null")),
            _ => Ok(()),
        }
    }
    fn line_no(&self, field: &str, n: i64) -> Result<(), ParseError> {
        if n < 0 { Err(self.field(field, n, "a line number of 0 or more")) } else { Ok(()) }
    }
}

/// Deserialises one line's object as `T`, naming the field at fault (`sources[0].votes[3].vote`).
fn typed<T: serde::de::DeserializeOwned>(ctx: &Ctx, record: &str, v: serde_json::Value) -> Result<T, ParseError> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let field = if path == "." { format!("{record} line") } else { path };
        ParseError::Malformed { file: ctx.file.into(), line: ctx.line, message: format!("field `{field}`: {inner} (see `plenary export --help` for the {record} line's fields)") }
    })
}

/// Parses and checks a whole export.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Dump, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        ParseError::Malformed { file: file.into(), line, message: "the text is not UTF-8".into() }
    })?;
    let mut dump = Dump::default();
    let mut seen_header = false;
    let mut import_ids: HashSet<i64> = HashSet::new();
    let mut import_sha: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    let mut decision_ids: HashSet<i64> = HashSet::new();
    let mut finding_ids: HashSet<i64> = HashSet::new();
    let mut aliases: HashSet<(String, String)> = HashSet::new();
    let mut documents: HashSet<String> = HashSet::new();
    let mut source_keys: HashSet<(String, String)> = HashSet::new();
    // Findings may name decisions on later lines: their references are checked at the end.
    let mut finding_refs: Vec<(u64, i64)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let ctx = Ctx { file, line: i as u64 + 1 };
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(raw)
            .map_err(|e| ParseError::Malformed { file: file.into(), line: ctx.line, message: format!("not a JSON object: {e}") })?;
        let serde_json::Value::Object(mut obj) = value else {
            return Err(ctx.field("record", raw.chars().take(40).collect::<String>(), "a JSON object with a `record` field"));
        };
        let record = match obj.remove("record") {
            Some(serde_json::Value::String(s)) => s,
            Some(other) => return Err(ctx.field("record", other, "one of header, meta, import, alias, document, decision, finding")),
            None => return Err(ctx.field("record", "(missing)", "one of header, meta, import, alias, document, decision, finding")),
        };
        if !seen_header && record != "header" {
            return Err(ctx.field("record", &record, "header on the first line (is this a `plenary export --format ndjson` file?)"));
        }
        let obj = serde_json::Value::Object(obj);
        match record.as_str() {
            "header" => {
                if seen_header {
                    return Err(ctx.field("record", "header", "one header line, at the top"));
                }
                let h: Header = typed(&ctx, "header", obj)?;
                if h.format != FORMAT {
                    return Err(ctx.field("format", &h.format, "\"plenary\""));
                }
                if h.format_version != FORMAT_VERSION {
                    return Err(ctx.field("format_version", h.format_version, &format!("{FORMAT_VERSION} (this build of plenary reads version {FORMAT_VERSION} only)")));
                }
                seen_header = true;
            }
            "meta" => {
                let l: MetaLine = typed(&ctx, "meta", obj)?;
                ctx.nonempty("key", &l.key)?;
                if dump.meta.iter().any(|m| m.key == l.key) {
                    return Err(ctx.field("key", &l.key, "a key not given on an earlier meta line"));
                }
                dump.meta.push(l);
            }
            "import" => {
                let l: ImportLine = typed(&ctx, "import", obj)?;
                ctx.nonempty("source", &l.source)?;
                if l.sha256.len() != 64 || !l.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(ctx.field("sha256", &l.sha256, "64 hexadecimal digits"));
                }
                if chrono::DateTime::parse_from_rfc3339(&l.imported_at).is_err() {
                    return Err(ctx.field("imported_at", &l.imported_at, "an RFC 3339 timestamp (2026-01-31T12:00:00+00:00)"));
                }
                if !import_ids.insert(l.import_id) {
                    return Err(ctx.field("import_id", l.import_id, "an id not used by an earlier import line"));
                }
                import_sha.insert(l.import_id, l.sha256.clone());
                dump.imports.push(l);
            }
            "alias" => {
                let l: AliasLine = typed(&ctx, "alias", obj)?;
                ctx.nonempty("source", &l.source)?;
                ctx.state("code", &l.code)?;
                if !aliases.insert((l.source.clone(), l.alias.clone())) {
                    return Err(ctx.field("alias", &l.alias, "a (source, alias) pair not given on an earlier line"));
                }
                dump.aliases.push(l);
            }
            "document" => {
                let l: DocumentLine = typed(&ctx, "document", obj)?;
                ctx.nonempty("symbol", &l.symbol)?;
                ctx.nonempty("body", &l.body)?;
                ctx.one_of("kind", &l.kind, DOCUMENT_KINDS)?;
                for (j, s) in l.sponsors.iter().enumerate() {
                    ctx.state(&format!("sponsors[{j}]"), s)?;
                }
                if !documents.insert(l.symbol.clone()) {
                    return Err(ctx.field("symbol", &l.symbol, "a symbol not given on an earlier document line"));
                }
                dump.documents.push(l);
            }
            "decision" => {
                let l: DecisionLine = typed(&ctx, "decision", obj)?;
                check_decision(&ctx, &l, &import_sha, &mut source_keys)?;
                if !decision_ids.insert(l.decision_id) {
                    return Err(ctx.field("decision_id", l.decision_id, "an id not used by an earlier decision line"));
                }
                dump.decisions.push(l);
            }
            "finding" => {
                let l: FindingLine = typed(&ctx, "finding", obj)?;
                ctx.nonempty("kind", &l.kind)?;
                ctx.nonempty("source", &l.source)?;
                ctx.line_no("line", l.line)?;
                if !import_ids.contains(&l.import_id) {
                    return Err(ctx.field("import_id", l.import_id, "the import_id of an import line above"));
                }
                if !finding_ids.insert(l.finding_id) {
                    return Err(ctx.field("finding_id", l.finding_id, "an id not used by an earlier finding line"));
                }
                if let Some(d) = l.decision_id {
                    finding_refs.push((ctx.line, d));
                }
                dump.findings.push(l);
            }
            other => return Err(ctx.field("record", other, "one of header, meta, import, alias, document, decision, finding")),
        }
    }
    if !seen_header {
        return Err(ParseError::Malformed { file: file.into(), line: 1, message: "empty: expected a header line {\"record\":\"header\",\"format\":\"plenary\",\"format_version\":1}".into() });
    }
    for (line, d) in finding_refs {
        if !decision_ids.contains(&d) {
            return Err(Ctx { file, line }.field("decision_id", d, "the decision_id of a decision line of this file, or null"));
        }
    }
    Ok(dump)
}

fn check_decision(
    ctx: &Ctx,
    l: &DecisionLine,
    import_sha: &std::collections::HashMap<i64, String>,
    source_keys: &mut HashSet<(String, String)>,
) -> Result<(), ParseError> {
    ctx.nonempty("body", &l.body)?;
    ctx.date("date", &l.date)?;
    ctx.one_of("kind", &l.kind, DECISION_KINDS)?;
    ctx.one_of("adoption", &l.adoption, ADOPTIONS)?;
    if !import_sha.contains_key(&l.import_id) {
        return Err(ctx.field("import_id", l.import_id, "the import_id of an import line above"));
    }
    if l.sources.is_empty() {
        return Err(ctx.field("sources", "[]", "at least one source (every decision comes from one)"));
    }
    if l.sources[0].import_id != l.import_id {
        return Err(ctx.field("sources[0].import_id", l.sources[0].import_id, &format!("{}, the decision's import_id (sources[0] is its first source)", l.import_id)));
    }
    let mut imports_seen = HashSet::new();
    for (j, s) in l.sources.iter().enumerate() {
        let f = |name: &str| format!("sources[{j}].{name}");
        ctx.nonempty(&f("source"), &s.source)?;
        ctx.line_no(&f("line"), s.line)?;
        match import_sha.get(&s.import_id) {
            None => return Err(ctx.field(f("import_id"), s.import_id, "the import_id of an import line above")),
            Some(sha) if *sha != s.version => return Err(ctx.field(f("version"), &s.version, &format!("{sha}, the sha256 of import {}", s.import_id))),
            Some(_) => {}
        }
        if !imports_seen.insert(s.import_id) {
            return Err(ctx.field(f("import_id"), s.import_id, "one source per import for a decision"));
        }
        if !source_keys.insert((s.source.clone(), s.source_key.clone())) {
            return Err(ctx.field(f("source_key"), &s.source_key, &format!("a key that no other decision has from {}", s.source)));
        }
        ctx.count(&f("published_yes"), s.published_yes)?;
        ctx.count(&f("published_no"), s.published_no)?;
        ctx.count(&f("published_abstain"), s.published_abstain)?;
        ctx.count(&f("published_non_voting"), s.published_non_voting)?;
        let mut states = HashSet::new();
        for (k, v) in s.votes.iter().enumerate() {
            let g = |name: &str| format!("sources[{j}].votes[{k}].{name}");
            ctx.state(&g("state"), &v.state)?;
            if Vote::from_code(&v.vote).is_none_or(|c| c.code() != v.vote) {
                return Err(ctx.field(g("vote"), &v.vote, "Y, N, A, X (present, not voting) or - (absent)"));
            }
            ctx.line_no(&g("line"), v.line)?;
            if !states.insert(v.state.as_str()) {
                return Err(ctx.field(g("state"), &v.state, "each state once per source"));
            }
        }
    }
    Ok(())
}
