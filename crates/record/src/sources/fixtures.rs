//! The verified votes of `data/fixtures/`: `real_votes_public.json` (15 GA and SC decisions
//! of 2014-2025, including failed drafts, amendments and vetoes), `totals_2025_02_24.csv` (the
//! published totals of the 24 February 2025 votes) and `votes_2025_02_24_partial.csv` (the
//! per-state votes of those meetings as far as a source lists them).
//!
//! These files carry into the record what the UN's bulk data leaves out: drafts that failed,
//! votes on amendments, vetoes. They are kept as verified: `null` means "no source confirmed
//! it" and stays unknown; outcomes are kept verbatim as the published outcome; the majority
//! the compiler recorded and who vetoed are kept in the description.
//!
//! [`parse`] reads one file. [`parse_set`] reads the three together and joins the CSV files to
//! the JSON decision with the same resolution symbol, which is how the bundled record loads
//! them: one decision per vote, whatever file each part came from.
//!
//! Findings: `partial-vote-list` where a source lists fewer states than it counts (ES-11/7:
//! 14 of 65 abstentions listed; the importer must not count the rest as non-voting),
//! `tally-mismatch` where a complete list disagrees with its counts, `sources-disagree` where
//! two fixture files give different totals for one vote, and `merged-from-files` saying which
//! file each part of a joined decision came from.

use std::collections::{BTreeMap, BTreeSet};

use plenary_rules::{Date, Vote};
use serde_json::{Map, Value};

use super::common::{clean_spaces, gunzip_if_needed, excerpt, ga_session_of, normalise_sc_symbol, parse_count, parse_decision_date, Resolver, StateLookup};
use super::{
    file_version, Adoption, Batch, BodyRef, DecisionKind, ParseError, Provenance, PublishedTally, SourceDecision,
    SourceFinding, SourceVote,
};

/// Format name, as given to `plenary import --format`.
pub const FORMAT: &str = "fixtures";

/// Which of the three fixture layouts a file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `real_votes_public.json`: a JSON array of decisions.
    Decisions,
    /// `totals_2025_02_24.csv`: body,symbol,draft,date,yes,no,abstain,non_voting,members,source.
    Totals,
    /// `votes_2025_02_24_partial.csv`: body,symbol,date,country_name_as_in_source,vote,source.
    Votes,
}

/// Recognises the layout from the content (not the name, which a user may change).
pub fn layout_of(bytes: &[u8]) -> Option<Layout> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('[') {
        return Some(Layout::Decisions);
    }
    let header = text.lines().next()?.to_ascii_lowercase();
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    if cols.contains(&"country_name_as_in_source") {
        Some(Layout::Votes)
    } else if cols.contains(&"members") && cols.contains(&"yes") {
        Some(Layout::Totals)
    } else {
        None
    }
}

/// Parses one fixture file, of any of the three layouts. Decisions from the CSV files are
/// keyed by their resolution symbol; use [`parse_set`] to join them to the JSON decisions.
pub fn parse<L: StateLookup + ?Sized>(file_name: &str, bytes: &[u8], registry: &L) -> Result<Batch, ParseError> {
    let mut resolver = Resolver::new(registry);
    let (mut batch, complete) = parse_one(file_name, bytes, &mut resolver)?;
    resolver.finish(file_name)?;
    add_list_findings(&mut batch, &complete);
    Ok(batch)
}

/// Parses the fixture files together and joins the totals and the vote rows to the decision
/// of `real_votes_public.json` with the same resolution symbol. Unknown state names in any
/// file are reported together.
pub fn parse_set<L: StateLookup + ?Sized>(files: &[(&str, &[u8])], registry: &L) -> Result<Batch, ParseError> {
    let mut resolver = Resolver::new(registry);
    let mut parsed = Vec::new();
    let mut complete = BTreeSet::new();
    for (name, bytes) in files {
        let layout = layout_of(&gunzip_if_needed(name, bytes)?).ok_or_else(|| unknown_layout(name))?;
        let (batch, done) = parse_one(name, bytes, &mut resolver)?;
        complete.extend(done);
        parsed.push((layout, batch));
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    resolver.finish(&names.join(", "))?;

    // The JSON decisions first, then the CSV files in the order given.
    parsed.sort_by_key(|(layout, _)| *layout != Layout::Decisions);
    let mut out = Batch::default();
    for (layout, batch) in parsed {
        out.findings.extend(batch.findings);
        for d in batch.decisions {
            let target = d
                .symbol
                .as_ref()
                .and_then(|s| out.decisions.iter().position(|o| o.symbol.as_deref() == Some(s.as_str())));
            match (layout, target) {
                (_, None) => out.decisions.push(d),
                (Layout::Decisions, Some(_)) => out.decisions.push(d),
                (_, Some(i)) => {
                    let finding = merge_into(&mut out.decisions[i], d)?;
                    out.findings.extend(finding);
                }
            }
        }
    }
    add_list_findings(&mut out, &complete);
    Ok(out)
}

fn unknown_layout(file: &str) -> ParseError {
    ParseError::Malformed {
        file: file.into(),
        line: 1,
        message: "not a fixture file; expected a JSON array of decisions, or a CSV with the header \
                  body,symbol,draft,date,yes,no,abstain,non_voting,members,source or \
                  body,symbol,date,country_name_as_in_source,vote,source"
            .into(),
    }
}

fn parse_one<L: StateLookup + ?Sized>(
    file_name: &str,
    given: &[u8],
    resolver: &mut Resolver<'_, L>,
) -> Result<(Batch, BTreeSet<String>), ParseError> {
    let version = file_version(given);
    let bytes = &*gunzip_if_needed(file_name, given)?;
    let (mut batch, complete) = match layout_of(bytes).ok_or_else(|| unknown_layout(file_name))? {
        Layout::Decisions => parse_decisions(file_name, bytes, resolver),
        Layout::Totals => Ok((parse_totals(file_name, bytes)?, BTreeSet::new())),
        Layout::Votes => Ok((parse_votes(file_name, bytes, resolver)?, BTreeSet::new())),
    }?;
    // The version is that of the file as given (compressed or not).
    for d in &mut batch.decisions {
        d.provenance.version = version.clone();
    }
    for f in &mut batch.findings {
        f.provenance.version = version.clone();
    }
    Ok((batch, complete))
}

/// Joins a decision from a CSV file into the JSON decision with the same symbol: vote rows
/// are added where the JSON has none for that state (a conflicting vote is an error), and
/// totals fill what the JSON leaves unknown (a different value is a `sources-disagree`
/// finding, and the JSON's value stays).
fn merge_into(target: &mut SourceDecision, from: SourceDecision) -> Result<Option<SourceFinding>, ParseError> {
    let mut disagreements = Vec::new();
    for (name, mine, theirs) in [
        ("yes", &mut target.published.yes, from.published.yes),
        ("no", &mut target.published.no, from.published.no),
        ("abstain", &mut target.published.abstain, from.published.abstain),
        ("non_voting", &mut target.published.non_voting, from.published.non_voting),
    ] {
        match (*mine, theirs) {
            (None, Some(t)) => *mine = Some(t),
            (Some(m), Some(t)) if m != t => disagreements.push(serde_json::json!({ "count": name, "kept": m, "other": t })),
            _ => {}
        }
    }
    let mut added = 0usize;
    let (mut first_line, mut last_line) = (u64::MAX, 0u64);
    for v in from.votes {
        match target.votes.iter().find(|t| t.state == v.state) {
            Some(t) if t.vote != v.vote => {
                return Err(ParseError::Field {
                    file: from.provenance.file.clone(),
                    line: v.line,
                    field: "vote".into(),
                    found: format!("{} for {} ({})", v.vote.code(), v.state, v.as_in_source),
                    expected: format!(
                        "the vote {} gives for {} on {}: {}",
                        target.provenance.file,
                        v.state,
                        target.symbol.as_deref().unwrap_or(&target.source_key),
                        t.vote.code()
                    ),
                })
            }
            Some(_) => {}
            None => {
                first_line = first_line.min(v.line);
                last_line = last_line.max(v.line);
                added += 1;
                target.votes.push(v);
            }
        }
    }
    let symbol = target.symbol.clone().unwrap_or_else(|| target.source_key.clone());
    let kind = if disagreements.is_empty() { "merged-from-files" } else { "sources-disagree" };
    let message = if disagreements.is_empty() {
        format!(
            "{symbol}: joined {} with {}{}",
            from.provenance.file,
            target.provenance.file,
            if added > 0 { format!(" ({added} vote rows from lines {first_line}-{last_line})") } else { String::new() }
        )
    } else {
        format!("{symbol}: {} and {} give different totals", target.provenance.file, from.provenance.file)
    };
    Ok(Some(SourceFinding {
        source_key: Some(target.source_key.clone()),
        kind: kind.into(),
        message,
        evidence: serde_json::json!({
            "symbol": symbol,
            "files": [target.provenance.file, from.provenance.file],
            "rows_added": added,
            "rows_lines": if added > 0 { serde_json::json!([first_line, last_line]) } else { Value::Null },
            "disagreements": disagreements,
            "other_source": from.description,
        }),
        provenance: from.provenance,
    }))
}

/// After all rows are in: a list shorter than its published count is partial (never read the
/// missing states as non-voting); a list marked complete that disagrees is a mismatch.
fn add_list_findings(batch: &mut Batch, complete: &BTreeSet<String>) {
    for d in &batch.decisions {
        let mut listed = [0u32; 4];
        for v in &d.votes {
            let i = match v.vote {
                Vote::Yes => 0,
                Vote::No => 1,
                Vote::Abstain => 2,
                Vote::NonVoting | Vote::Absent => 3,
            };
            listed[i] += 1;
        }
        let published = [d.published.yes, d.published.no, d.published.abstain, d.published.non_voting];
        let short: Vec<Value> = ["yes", "no", "abstain", "non_voting"]
            .iter()
            .zip(published.iter().zip(listed))
            .filter_map(|(name, (p, l))| match p {
                Some(p) if *p != l => Some(serde_json::json!({ "count": name, "published": p, "listed": l })),
                _ => None,
            })
            .collect();
        if short.is_empty() {
            continue;
        }
        let complete = complete.contains(&d.source_key);
        let symbol = d.symbol.clone().unwrap_or_else(|| d.source_key.clone());
        let (kind, message) = if complete {
            ("tally-mismatch", format!("{symbol}: the complete per-state list disagrees with the published counts"))
        } else {
            (
                "partial-vote-list",
                format!(
                    "{symbol}: the sources list {} of {} states' votes; the others are unknown, not non-voting",
                    d.votes.len(),
                    published.iter().flatten().sum::<u32>()
                ),
            )
        };
        batch.findings.push(SourceFinding {
            source_key: Some(d.source_key.clone()),
            kind: kind.into(),
            message,
            evidence: serde_json::json!({ "symbol": symbol, "counts": short }),
            provenance: d.provenance.clone(),
        });
    }
}

fn parse_decisions<L: StateLookup + ?Sized>(
    file_name: &str,
    bytes: &[u8],
    resolver: &mut Resolver<'_, L>,
) -> Result<(Batch, BTreeSet<String>), ParseError> {
    let version = file_version(bytes);
    let mut complete_keys = BTreeSet::new();
    let root: Value = serde_json::from_slice(bytes).map_err(|e| ParseError::Malformed {
        file: file_name.into(),
        line: e.line() as u64,
        message: format!("invalid JSON at column {}: {e}; expected a JSON array of decisions", e.column()),
    })?;
    let Value::Array(records) = root else {
        return Err(ParseError::Malformed { file: file_name.into(), line: 1, message: "expected a JSON array of decisions".into() });
    };
    let mut batch = Batch::default();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for (i, value) in records.iter().enumerate() {
        let index = i as u64 + 1;
        let ctx = Ctx { file: file_name, index, value };
        let prov = Provenance { source: FORMAT.into(), file: file_name.into(), line: index, version: version.clone() };
        let obj = value.as_object().ok_or_else(|| ctx.field("(record)", &excerpt(&value.to_string()), "an object"))?;

        let id = clean_spaces(&ctx.string(obj, "id")?);
        if id.is_empty() {
            return Err(ctx.field("id", "", "a non-empty id"));
        }
        if let Some(first) = seen.insert(id.clone(), index) {
            return Err(ctx.field("id", &id, &format!("a unique id (also used by record {first})")));
        }
        let body = match ctx.string(obj, "body")?.trim() {
            "GA" => BodyRef::GeneralAssembly,
            "SC" => BodyRef::SecurityCouncil,
            other => return Err(ctx.field("body", other, "\"GA\" or \"SC\"")),
        };
        let raw_date = ctx.string(obj, "date")?;
        let date = parse_decision_date(&raw_date).map_err(|expected| ctx.field("date", &raw_date, expected))?;
        let symbol = match ctx.opt_string(obj, "resolution")? {
            None => None,
            Some(s) => Some(normalise_symbol(&s, &body).ok_or_else(|| {
                ctx.field("resolution", &s, "a resolution symbol such as A/RES/ES-11/1 or S/RES/2774 (2025)")
            })?),
        };
        let kind = match ctx.string(obj, "kind")?.trim() {
            "resolution" => DecisionKind::Resolution,
            "amendment" => DecisionKind::Amendment,
            "part" => DecisionKind::Part,
            "motion" => DecisionKind::Motion,
            "other" => DecisionKind::Other,
            other => return Err(ctx.field("kind", other, "resolution, amendment, part, motion or other")),
        };
        let amends_text = ctx.opt_string(obj, "amends")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty());
        if kind == DecisionKind::Amendment && amends_text.is_none() {
            return Err(ctx.field("amends", "null", "the draft an amendment amends"));
        }
        let amends = amends_text.as_deref().map(|t| first_symbol(t).unwrap_or_else(|| t.to_string()));

        let mut published = PublishedTally::default();
        for (field, slot) in [
            ("yes", &mut published.yes),
            ("no", &mut published.no),
            ("abstain", &mut published.abstain),
            ("non_voting", &mut published.non_voting),
        ] {
            *slot = match obj.get(field) {
                None | Some(Value::Null) => None,
                Some(v) => Some(
                    v.as_u64()
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or_else(|| ctx.field(field, &v.to_string(), "a whole number or null"))?,
                ),
            };
        }
        let outcome = ctx.opt_string(obj, "outcome")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty());
        let majority = ctx.opt_string(obj, "majority")?.map(|s| clean_spaces(&s));
        let majority_verified = obj.get("majority_verified").and_then(Value::as_bool);
        let important = match (&body, majority.as_deref()) {
            // The compiler's "two_thirds" for an Assembly vote is Art. 18(2)'s important question.
            (BodyRef::GeneralAssembly, Some("two_thirds")) => Some(true),
            (BodyRef::GeneralAssembly, Some("simple")) => Some(false),
            _ => None,
        };

        let mut vetoed_by = Vec::new();
        let mut vetoed_codes = Vec::new();
        for name in ctx.string_list(obj, "vetoed_by")? {
            if let Some(code) = resolver.resolve(&name, date) {
                vetoed_by.push(format!("{code} ({name})"));
                vetoed_codes.push(code);
            }
        }

        let complete = obj.get("votes_complete").and_then(Value::as_bool).unwrap_or(false);
        let mut votes: Vec<SourceVote> = Vec::new();
        let mut any_list = false;
        match obj.get("votes") {
            None | Some(Value::Null) => {}
            Some(Value::Object(lists)) => {
                for (key, vote) in
                    [("yes", Vote::Yes), ("no", Vote::No), ("abstain", Vote::Abstain), ("absent", Vote::Absent), ("non_voting", Vote::NonVoting)]
                {
                    let field = format!("votes.{key}");
                    let names = match lists.get(key) {
                        None | Some(Value::Null) => continue,
                        Some(Value::Array(items)) => items,
                        Some(other) => return Err(ctx.field(&field, &other.to_string(), "a list of state names or null")),
                    };
                    any_list = true;
                    for n in names {
                        let name = n.as_str().ok_or_else(|| ctx.field(&field, &n.to_string(), "a state name"))?;
                        let Some(state) = resolver.resolve(name, date) else { continue };
                        if let Some(earlier) = votes.iter().find(|v| v.state == state) {
                            return Err(ctx.field(
                                &field,
                                name,
                                &format!("each state once; {state} is already listed as {}", earlier.vote.code()),
                            ));
                        }
                        votes.push(SourceVote { state, vote, as_in_source: name.into(), line: index });
                    }
                }
                for key in lists.keys() {
                    if !["yes", "no", "abstain", "absent", "non_voting"].contains(&key.as_str()) {
                        return Err(ctx.field(&format!("votes.{key}"), key, "lists named yes, no, abstain, absent"));
                    }
                }
            }
            Some(other) => return Err(ctx.field("votes", &other.to_string(), "an object of lists, or null")),
        }

        let mut description = Vec::new();
        if let Some(m) = &majority {
            let verified = match majority_verified {
                Some(true) => " (verified)",
                Some(false) => " (not verified)",
                None => "",
            };
            description.push(format!("Majority applied: {m}{verified}."));
        }
        if !vetoed_by.is_empty() {
            description.push(format!("Vetoed by: {}.", vetoed_by.join(", ")));
        }
        if let Some(t) = amends_text.as_ref().filter(|t| amends.as_deref() != Some(t.as_str())) {
            description.push(format!("Amends: {t}."));
        }
        description.push(
            if complete {
                "Per-state lists complete."
            } else if any_list {
                "Per-state lists partial."
            } else {
                "The sources give no per-state list."
            }
            .into(),
        );
        for key in ["votes_provenance", "source_url", "notes"] {
            if let Some(s) = ctx.opt_string(obj, key)?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty()) {
                description.push(format!("{}: {s}", key.replace('_', " ")));
            }
        }

        let session = match (&body, symbol.as_deref()) {
            (BodyRef::GeneralAssembly, Some(s)) => ga_session_of(s),
            (BodyRef::SecurityCouncil, _) => Some(date.format("%Y").to_string()),
            _ => None,
        };
        if complete {
            complete_keys.insert(id.clone());
        }
        batch.decisions.push(SourceDecision {
            source_key: id,
            body,
            date,
            session,
            symbol,
            draft: ctx.opt_string(obj, "draft")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty()),
            meeting: ctx.opt_string(obj, "meeting")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty()),
            title: ctx.opt_string(obj, "title")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty()),
            description: Some(description.join(" ")),
            kind,
            amends,
            important,
            adoption: Adoption::RecordedVote,
            published,
            published_outcome: outcome,
            issues: Vec::new(),
            sponsors: Vec::new(),
            vetoed_by: vetoed_codes,
            votes,
            provenance: prov,
        });
    }
    Ok((batch, complete_keys))
}

/// One CSV file as header -> column index, with every record and its 1-based line.
struct Table {
    columns: BTreeMap<String, usize>,
    rows: Vec<(u64, csv::StringRecord)>,
}

fn read_table(file_name: &str, bytes: &[u8], required: &[&str]) -> Result<Table, ParseError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(bytes);
    let csv_error = |e: csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(1);
        ParseError::Malformed { file: file_name.into(), line, message: format!("malformed CSV: {e}") }
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    let mut columns = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        columns.insert(h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase(), i);
    }
    for r in required {
        if !columns.contains_key(*r) {
            return Err(ParseError::Field {
                file: file_name.into(),
                line: 1,
                field: (*r).into(),
                found: "(no such column)".into(),
                expected: format!("a header with the columns {}", required.join(",")),
            });
        }
    }
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(csv_error)?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        rows.push((line, rec));
    }
    Ok(Table { columns, rows })
}

impl Table {
    fn get<'r>(&self, rec: &'r csv::StringRecord, column: &str) -> &'r str {
        self.columns.get(column).and_then(|&i| rec.get(i)).unwrap_or("").trim()
    }
}

fn parse_body(file: &str, line: u64, raw: &str) -> Result<BodyRef, ParseError> {
    match raw {
        "GA" => Ok(BodyRef::GeneralAssembly),
        "SC" => Ok(BodyRef::SecurityCouncil),
        other => Err(ParseError::Field {
            file: file.into(),
            line,
            field: "body".into(),
            found: excerpt(other),
            expected: "GA or SC".into(),
        }),
    }
}

fn field_error(file: &str, line: u64, field: &str, found: &str, expected: &str) -> ParseError {
    ParseError::Field { file: file.into(), line, field: field.into(), found: excerpt(found), expected: expected.into() }
}

fn csv_decision(file: &str, line: u64, version: &str, body: BodyRef, symbol: String, date: Date) -> SourceDecision {
    let session = match body {
        BodyRef::GeneralAssembly => ga_session_of(&symbol),
        _ => Some(date.format("%Y").to_string()),
    };
    SourceDecision {
        source_key: symbol.clone(),
        body,
        date,
        session,
        symbol: Some(symbol),
        draft: None,
        meeting: None,
        title: None,
        description: None,
        kind: DecisionKind::Resolution,
        amends: None,
        important: None,
        adoption: Adoption::RecordedVote,
        published: PublishedTally::default(),
        published_outcome: None,
        issues: Vec::new(),
        sponsors: Vec::new(),
        vetoed_by: Vec::new(),
        votes: Vec::new(),
        provenance: Provenance { source: FORMAT.into(), file: file.into(), line, version: version.into() },
    }
}

fn parse_totals(file_name: &str, bytes: &[u8]) -> Result<Batch, ParseError> {
    let version = file_version(bytes);
    let required = ["body", "symbol", "draft", "date", "yes", "no", "abstain", "non_voting", "members", "source"];
    let table = read_table(file_name, bytes, &required)?;
    let mut batch = Batch::default();
    for (line, rec) in &table.rows {
        let line = *line;
        let body = parse_body(file_name, line, table.get(rec, "body"))?;
        let raw_symbol = table.get(rec, "symbol");
        let symbol = normalise_symbol(raw_symbol, &body)
            .ok_or_else(|| field_error(file_name, line, "symbol", raw_symbol, "a resolution symbol"))?;
        if batch.decisions.iter().any(|d: &SourceDecision| d.symbol.as_deref() == Some(symbol.as_str())) {
            return Err(field_error(file_name, line, "symbol", raw_symbol, "one row per resolution"));
        }
        let raw_date = table.get(rec, "date");
        let date = parse_decision_date(raw_date).map_err(|expected| field_error(file_name, line, "date", raw_date, expected))?;
        let mut d = csv_decision(file_name, line, &version, body, symbol, date);
        for (col, slot) in [
            ("yes", &mut d.published.yes),
            ("no", &mut d.published.no),
            ("abstain", &mut d.published.abstain),
            ("non_voting", &mut d.published.non_voting),
        ] {
            let raw = table.get(rec, col);
            *slot = parse_count(raw).map_err(|_| field_error(file_name, line, col, raw, "a whole number or empty"))?;
        }
        let raw_members = table.get(rec, "members");
        let members = parse_count(raw_members)
            .map_err(|_| field_error(file_name, line, "members", raw_members, "a whole number or empty"))?;
        d.draft = Some(table.get(rec, "draft").to_string()).filter(|s| !s.is_empty());
        let source = table.get(rec, "source");
        d.description = Some(format!(
            "Totals from {source}{}",
            members.map(|m| format!("; {m} members")).unwrap_or_default()
        ));
        batch.decisions.push(d);
    }
    Ok(batch)
}

fn parse_votes<L: StateLookup + ?Sized>(
    file_name: &str,
    bytes: &[u8],
    resolver: &mut Resolver<'_, L>,
) -> Result<Batch, ParseError> {
    let version = file_version(bytes);
    let required = ["body", "symbol", "date", "country_name_as_in_source", "vote", "source"];
    let table = read_table(file_name, bytes, &required)?;
    let mut batch = Batch::default();
    for (line, rec) in &table.rows {
        let line = *line;
        let body = parse_body(file_name, line, table.get(rec, "body"))?;
        let raw_symbol = table.get(rec, "symbol");
        let symbol = normalise_symbol(raw_symbol, &body)
            .ok_or_else(|| field_error(file_name, line, "symbol", raw_symbol, "a resolution symbol"))?;
        let raw_date = table.get(rec, "date");
        let date = parse_decision_date(raw_date).map_err(|expected| field_error(file_name, line, "date", raw_date, expected))?;
        let raw_vote = table.get(rec, "vote");
        let vote = Vote::from_code(raw_vote)
            .ok_or_else(|| field_error(file_name, line, "vote", raw_vote, "Y, N, A, X (or NV) or -"))?;
        let name = table.get(rec, "country_name_as_in_source");
        if name.is_empty() {
            return Err(field_error(file_name, line, "country_name_as_in_source", name, "a state name"));
        }
        let i = match batch.decisions.iter().position(|d| d.symbol.as_deref() == Some(symbol.as_str())) {
            Some(i) => i,
            None => {
                batch.decisions.push(csv_decision(file_name, line, &version, body.clone(), symbol.clone(), date));
                batch.decisions.len() - 1
            }
        };
        let d = &mut batch.decisions[i];
        if d.date != date || d.body != body {
            return Err(field_error(
                file_name,
                line,
                "date",
                raw_date,
                &format!("the date and body of the earlier rows of {symbol} ({} {})", d.body.code(), d.date),
            ));
        }
        let Some(state) = resolver.resolve(name, date) else { continue };
        match d.votes.iter().find(|v| v.state == state) {
            Some(v) if v.vote != vote => {
                return Err(field_error(
                    file_name,
                    line,
                    "vote",
                    raw_vote,
                    &format!("{} as on line {} ({state} listed twice with different votes)", v.vote.code(), v.line),
                ))
            }
            Some(_) => {
                return Err(field_error(
                    file_name,
                    line,
                    "country_name_as_in_source",
                    name,
                    &format!("each state once per resolution ({state} already on another line)"),
                ))
            }
            None => d.votes.push(SourceVote { state, vote, as_in_source: name.into(), line }),
        }
        let source = table.get(rec, "source");
        if d.description.is_none() && !source.is_empty() {
            d.description = Some(format!("Votes from {source}"));
        }
    }
    Ok(batch)
}

/// A resolution symbol as the UN writes it: "S/RES/2774 (2025)"; GA symbols trimmed.
fn normalise_symbol(s: &str, body: &BodyRef) -> Option<String> {
    let s = clean_spaces(s);
    match body {
        BodyRef::SecurityCouncil => normalise_sc_symbol(&s),
        _ if s.starts_with("A/RES/") && ga_session_of(&s).is_some() => Some(s),
        _ => None,
    }
}

/// The first UN document symbol in a text: "S/RES/2774 (2025)" in "US draft that became
/// S/RES/2774 (2025)", or "A/ES-11/L.11".
fn first_symbol(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| c == ',' || c == ';' || c == '(' || c == ')');
        if w.starts_with("S/RES/") {
            let with_year = match words.get(i + 1) {
                Some(y) if y.starts_with('(') => format!("{w} {y}"),
                _ => w.to_string(),
            };
            return normalise_sc_symbol(&with_year).or(Some(with_year));
        }
        if (w.starts_with("A/") || w.starts_with("S/")) && w.len() > 3 {
            return Some(w.to_string());
        }
    }
    None
}

struct Ctx<'a> {
    file: &'a str,
    index: u64,
    value: &'a Value,
}

impl Ctx<'_> {
    fn field(&self, field: &str, found: &str, expected: &str) -> ParseError {
        let id = self.value.get("id").and_then(Value::as_str).map(|s| format!(", {}", excerpt(s))).unwrap_or_default();
        ParseError::Field {
            file: self.file.into(),
            line: self.index,
            field: format!("{field} (record {}{id})", self.index),
            found: excerpt(found),
            expected: expected.into(),
        }
    }
    fn string(&self, obj: &Map<String, Value>, field: &str) -> Result<String, ParseError> {
        match obj.get(field) {
            Some(Value::String(s)) => Ok(s.clone()),
            None => Err(self.field(field, "(missing)", "a string")),
            Some(other) => Err(self.field(field, &other.to_string(), "a string")),
        }
    }
    fn opt_string(&self, obj: &Map<String, Value>, field: &str) -> Result<Option<String>, ParseError> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(self.field(field, &other.to_string(), "a string or null")),
        }
    }
    fn string_list(&self, obj: &Map<String, Value>, field: &str) -> Result<Vec<String>, ParseError> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string).ok_or_else(|| self.field(field, &v.to_string(), "a list of names")))
                .collect(),
            Some(other) => Err(self.field(field, &other.to_string(), "a list of names")),
        }
    }
}
