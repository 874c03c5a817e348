//! The UN's machine-readable General Assembly resolutions (DGACM, repository
//! UNxml/GAresolutions, `data_extract/{74..80,ES-10,ES-11}.json`).
//!
//! A file (plain or gzip-compressed) is a sequence of JSON values, not one document: objects (one resolution each) and
//! arrays of such objects, concatenated. Each resolution gives its symbol, title, adoption date
//! and meeting (`pv`), the originating document (the draft or the committee report), how it was
//! adopted ("By a recorded vote" / "Without a vote"), the published counts (as strings, "N.A."
//! where none), and the states in favour, against and abstaining in upper case.
//!
//! Rows: one per state listed, Y from `MS_in_favour`, N from `MS_against`, A from
//! `MS_abstaining`. Every other Member on that date was absent or present and not voting: the
//! source does not say which, so no row is invented for them; the importer counts them as
//! non-voting (members on the date minus the states listed).
//!
//! Faults of the source that become findings, never corrections:
//! - `duplicate-rows`: a state listed twice with the same vote (A/RES/75/290 A lists its whole
//!   vote twice); one row is kept.
//! - `tally-mismatch`: a published count that differs from the states listed (A/RES/77/293:
//!   59 abstaining published, 58 listed).
//! - `recorded-vote-without-lists`: "By a recorded vote" with counts but no names
//!   (A/RES/75/254 A-C).
//! - `adoption-type-missing`: no adoption type (four budget resolutions of sessions 79-80).
//! - `sponsor-not-a-state`: sponsor entries that name no state (committee chairs, "on behalf
//!   of" groups are kept under the state that spoke), one finding per file.
//!
//! A state listed under two different votes is an error (issue 3, §7: duplicate rows with
//! conflicting votes), not a finding.

use std::collections::{BTreeMap, BTreeSet};

use plenary_rules::{Date, StateCode, Vote};
use serde_json::{Map, Value};

use super::common::{clean_spaces, gunzip_if_needed, excerpt, ga_session_of, line_of, parse_count, parse_decision_date, Resolver, StateLookup};
use super::{
    file_version, Adoption, Batch, BodyRef, DecisionKind, ParseError, Provenance, PublishedTally, SourceDecision,
    SourceFinding, SourceVote,
};

/// Format name, as given to `plenary import --format`.
pub const FORMAT: &str = "dgacm";

/// Parses one DGACM `data_extract` file.
pub fn parse<L: StateLookup + ?Sized>(file_name: &str, bytes: &[u8], registry: &L) -> Result<Batch, ParseError> {
    let version = file_version(bytes);
    let bytes = gunzip_if_needed(file_name, bytes)?;
    let records = split_records(file_name, &bytes)?;
    let mut resolver = Resolver::new(registry);
    let mut batch = Batch::default();
    let mut unresolved_sponsors: BTreeMap<String, u32> = BTreeMap::new();
    let mut repeated: Vec<(String, Vec<usize>, Provenance)> = Vec::new();
    // A symbol that comes again later in the file is a revised copy of the record (the extract
    // appends updated records: later sponsors, corrected lists). The last copy is the source's
    // own latest word and is the one parsed; the earlier copies become a finding.
    let mut last_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut copies: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, rec) in records.iter().enumerate() {
        if let Some(sym) = rec.value.get("symbol").and_then(Value::as_str) {
            let sym = clean_spaces(sym);
            last_of.insert(sym.clone(), i);
            copies.entry(sym).or_default().push(i);
        }
    }

    for (position, rec) in records.iter().enumerate() {
        let prov = Provenance { source: FORMAT.into(), file: file_name.into(), line: rec.line, version: version.clone() };
        let ctx = Ctx { file: file_name, rec };
        let obj = rec.value.as_object().ok_or_else(|| ctx.malformed(&format!(
            "expected a JSON object (one resolution), found {}",
            kind_of(&rec.value)
        )))?;

        let symbol = clean_spaces(&ctx.string(obj, "symbol")?);
        if !symbol.starts_with("A/RES/") {
            return Err(ctx.field("symbol", &symbol, "a General Assembly resolution symbol such as A/RES/ES-11/1"));
        }
        if last_of.get(&symbol) != Some(&position) {
            continue;
        }
        if let Some(all) = copies.get(&symbol).filter(|c| c.len() > 1) {
            let copies_at = all.clone();
            repeated.push((symbol.clone(), copies_at, prov.clone()));
        }
        let raw_date = ctx.string(obj, "adoption_date")?;
        let date = parse_decision_date(&raw_date).map_err(|expected| ctx.field("adoption_date", &raw_date, expected))?;
        let session = ga_session_of(&symbol).or_else(|| session_of_file(file_name));
        for (sym, at, p) in repeated.drain(..) {
            batch.findings.push(repeated_record(&sym, &at, &records, p, &mut resolver, date));
        }

        let adoption_type = clean_spaces(&ctx.opt_string(obj, "adoption_type")?.unwrap_or_default());
        let adoption = match adoption_type.to_ascii_lowercase().as_str() {
            "by a recorded vote" => Adoption::RecordedVote,
            "without a vote" => Adoption::WithoutVote,
            "" => Adoption::Unknown,
            _ => {
                return Err(ctx.field(
                    "adoption_type",
                    &adoption_type,
                    "\"By a recorded vote\", \"Without a vote\" or empty",
                ))
            }
        };

        let mut published = PublishedTally::default();
        for (field, slot) in [
            ("MS_in_favour_count", &mut published.yes),
            ("MS_against_count", &mut published.no),
            ("MS_abstaining_count", &mut published.abstain),
        ] {
            let raw = ctx.opt_string(obj, field)?.unwrap_or_default();
            *slot = parse_count(&raw).map_err(|_| ctx.field(field, &raw, "a whole number or \"N.A.\""))?;
        }

        // Rows, in the order Y, N, A; duplicates of the same vote collapse to one row.
        let mut votes: Vec<SourceVote> = Vec::new();
        let mut by_state: BTreeMap<StateCode, (Vote, String)> = BTreeMap::new();
        let mut duplicates: Vec<String> = Vec::new();
        let mut listed = [0u32; 3];
        for (i, (field, vote)) in
            [("MS_in_favour", Vote::Yes), ("MS_against", Vote::No), ("MS_abstaining", Vote::Abstain)].into_iter().enumerate()
        {
            for name in ctx.string_list(obj, field)? {
                let shown = clean_spaces(&name);
                if shown.is_empty() {
                    return Err(ctx.field(field, &name, "a state name"));
                }
                let Some(state) = resolver.resolve(&name, date) else { continue };
                match by_state.get(&state) {
                    Some((earlier, _)) if *earlier == vote => duplicates.push(shown),
                    Some((earlier, earlier_name)) => {
                        return Err(ctx.field(
                            field,
                            &shown,
                            &format!(
                                "each state under one vote only; {state} is also listed as {} ({earlier_name})",
                                earlier.code()
                            ),
                        ))
                    }
                    None => {
                        by_state.insert(state, (vote, shown.clone()));
                        listed[i] += 1;
                        votes.push(SourceVote { state, vote, as_in_source: name.as_str().into(), line: rec.line });
                    }
                }
            }
        }

        if !duplicates.is_empty() {
            batch.findings.push(SourceFinding {
                source_key: Some(symbol.clone()),
                kind: "duplicate-rows".into(),
                message: format!(
                    "{symbol}: {} state(s) listed twice with the same vote; one row kept for each",
                    duplicates.len()
                ),
                evidence: serde_json::json!({ "symbol": symbol, "listed_twice": duplicates }),
                provenance: prov.clone(),
            });
        }
        let has_lists = listed.iter().any(|&n| n > 0);
        if adoption == Adoption::RecordedVote && !has_lists {
            batch.findings.push(SourceFinding {
                source_key: Some(symbol.clone()),
                kind: "recorded-vote-without-lists".into(),
                message: format!("{symbol}: adopted by a recorded vote but the source lists no state's vote"),
                evidence: serde_json::json!({
                    "symbol": symbol,
                    "published": { "yes": published.yes, "no": published.no, "abstain": published.abstain },
                }),
                provenance: prov.clone(),
            });
        } else if has_lists {
            let published_counts = [published.yes, published.no, published.abstain];
            let differs = published_counts.iter().zip(listed).any(|(p, l)| p.unwrap_or(0) != l);
            if differs {
                batch.findings.push(SourceFinding {
                    source_key: Some(symbol.clone()),
                    kind: "tally-mismatch".into(),
                    message: format!(
                        "{symbol}: published {}-{}-{} (yes-no-abstain), states listed {}-{}-{}",
                        show(published.yes), show(published.no), show(published.abstain), listed[0], listed[1], listed[2]
                    ),
                    evidence: serde_json::json!({
                        "symbol": symbol,
                        "published": { "yes": published.yes, "no": published.no, "abstain": published.abstain },
                        "listed": { "yes": listed[0], "no": listed[1], "abstain": listed[2] },
                    }),
                    provenance: prov.clone(),
                });
            }
        }
        if adoption == Adoption::Unknown {
            batch.findings.push(SourceFinding {
                source_key: Some(symbol.clone()),
                kind: "adoption-type-missing".into(),
                message: format!("{symbol}: the source does not say whether it was adopted by a vote"),
                evidence: serde_json::json!({
                    "symbol": symbol,
                    "adoption_type": adoption_type,
                    "voting_type": obj.get("voting_type"),
                }),
                provenance: prov.clone(),
            });
        }

        // Sponsors: the states named; other entries (committee chairs, rapporteurs) name none.
        let mut sponsors: Vec<StateCode> = Vec::new();
        let mut sponsor_set = BTreeSet::new();
        for field in ["sponsors", "additional_sponsors"] {
            for entry in ctx.string_list(obj, field)? {
                match sponsor_state(&mut resolver, &entry, date) {
                    Some(state) => {
                        if sponsor_set.insert(state) {
                            sponsors.push(state);
                        }
                    }
                    None => *unresolved_sponsors.entry(clean_spaces(&entry)).or_default() += 1,
                }
            }
        }

        let issues = subjects(obj);
        let meeting = ctx.opt_string(obj, "pv")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty());
        let meeting = match meeting {
            Some(m) => Some(m),
            None => ctx.opt_string(obj, "adoption_meeting")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty()),
        };
        let draft = ctx.opt_string(obj, "originating_document")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty());
        let title = ctx.opt_string(obj, "title")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty());
        let agenda = [ctx.opt_string(obj, "agenda_item")?, ctx.opt_string(obj, "agenda_item_name")?]
            .into_iter()
            .flatten()
            .map(|s| clean_spaces(&s))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(": ");

        batch.decisions.push(SourceDecision {
            source_key: symbol.clone(),
            body: BodyRef::GeneralAssembly,
            date,
            session,
            symbol: Some(symbol),
            draft,
            meeting,
            title,
            description: (!agenda.is_empty()).then_some(agenda),
            kind: DecisionKind::Resolution,
            amends: None,
            important: None,
            adoption,
            published,
            // Every record is a resolution: the Assembly gives an A/RES number only to a text
            // it adopted (rules of procedure, rule 71 on the form of resolutions).
            published_outcome: Some("adopted".into()),
            issues,
            sponsors,
            vetoed_by: Vec::new(),
            votes,
            provenance: prov,
        });
    }

    resolver.finish(file_name)?;

    if !unresolved_sponsors.is_empty() {
        let total: u32 = unresolved_sponsors.values().sum();
        batch.findings.push(SourceFinding {
            source_key: None,
            kind: "sponsor-not-a-state".into(),
            message: format!(
                "{file_name}: {total} sponsor entries ({} distinct) name no state (committee chairs, the \
                 President, observers); kept out of the sponsor lists",
                unresolved_sponsors.len()
            ),
            evidence: serde_json::json!({ "entries": unresolved_sponsors }),
            provenance: Provenance { source: FORMAT.into(), file: file_name.into(), line: 1, version },
        });
    }
    Ok(batch)
}

/// The finding for a resolution the file holds more than once: the lines of every copy and,
/// for each earlier copy, the fields that differ from the last (for vote lists, the names
/// added and dropped).
fn repeated_record<L: StateLookup + ?Sized>(
    symbol: &str,
    copies: &[usize],
    records: &[Record],
    provenance: Provenance,
    resolver: &mut Resolver<'_, L>,
    date: Date,
) -> SourceFinding {
    let last = &records[*copies.last().expect("at least two copies")];
    let mut changes = Vec::new();
    // The votes of a copy, as states: a respelt name ("TÜRKÝYE" / "TÜRKİYE") is no change.
    let mut votes_of = |v: &Value| -> BTreeSet<(String, StateCode)> {
        let mut out = BTreeSet::new();
        for field in ["MS_in_favour", "MS_against", "MS_abstaining"] {
            for n in v.get(field).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                if let Some(state) = resolver.try_resolve(n, date) {
                    out.insert((field.to_string(), state));
                }
            }
        }
        out
    };
    let last_votes = votes_of(&last.value);
    let mut votes_changed = false;
    for &i in &copies[..copies.len() - 1] {
        let earlier = &records[i];
        let (Some(a), Some(b)) = (earlier.value.as_object(), last.value.as_object()) else { continue };
        let same_votes = votes_of(&earlier.value) == last_votes;
        votes_changed |= !same_votes;
        let mut fields = serde_json::Map::new();
        let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for k in keys {
            let (va, vb) = (a.get(k), b.get(k));
            if va == vb {
                continue;
            }
            let names = |v: Option<&Value>| -> BTreeSet<String> {
                v.and_then(Value::as_array).map(|l| l.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
            };
            let change = if k.starts_with("MS_") && !k.ends_with("_count") {
                let (na, nb) = (names(va), names(vb));
                serde_json::json!({
                    "added": nb.difference(&na).collect::<Vec<_>>(),
                    "dropped": na.difference(&nb).collect::<Vec<_>>(),
                })
            } else if va.and_then(Value::as_array).is_some() || vb.and_then(Value::as_array).is_some() {
                serde_json::json!({ "earlier_items": va.and_then(Value::as_array).map(Vec::len), "last_items": vb.and_then(Value::as_array).map(Vec::len) })
            } else {
                serde_json::json!({ "earlier": va, "last": vb })
            };
            fields.insert(k.clone(), change);
        }
        changes.push(serde_json::json!({ "line": earlier.line, "same_votes": same_votes, "differs_in": Value::Object(fields) }));
    }
    SourceFinding {
        source_key: Some(symbol.to_string()),
        kind: "record-repeated".into(),
        message: format!(
            "{symbol} appears {} times (lines {}); the last copy is used{}",
            copies.len(),
            copies.iter().map(|&i| records[i].line.to_string()).collect::<Vec<_>>().join(", "),
            if votes_changed { "; the earlier copies give different votes" } else { "; the votes are the same in every copy" }
        ),
        evidence: serde_json::json!({ "symbol": symbol, "used_line": last.line, "earlier_copies": changes }),
        provenance,
    }
}

struct Record {
    value: Value,
    /// 1-based index of the resolution in the file.
    index: usize,
    /// 1-based line where the record (or the array holding it) starts.
    line: u64,
}

/// Splits the file into resolutions: a stream of JSON values, where an array contributes each
/// of its elements.
fn split_records(file_name: &str, bytes: &[u8]) -> Result<Vec<Record>, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::Malformed {
        file: file_name.into(),
        line: line_of(bytes, e.valid_up_to()),
        message: format!("not UTF-8 text (invalid byte at offset {}); expected JSON", e.valid_up_to()),
    })?;
    let mut out = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let mut start = 0usize;
    // Lines counted incrementally: (offset, line) of the last value start.
    let (mut counted_to, mut line) = (0usize, 1u64);
    loop {
        // The next value starts after the whitespace that follows the previous one.
        let next_start = start + text[start..].len() - text[start..].trim_start().len();
        let value = match stream.next() {
            None => break,
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                return Err(ParseError::Malformed {
                    file: file_name.into(),
                    line: e.line() as u64,
                    message: format!(
                        "invalid JSON after {} record(s), at column {}: {e}; expected a sequence of JSON objects \
                         and arrays of objects",
                        out.len(),
                        e.column()
                    ),
                })
            }
        };
        start = stream.byte_offset();
        line += bytes[counted_to..next_start].iter().filter(|&&b| b == b'\n').count() as u64;
        counted_to = next_start;
        match value {
            Value::Array(items) => {
                for item in items {
                    out.push(Record { index: out.len() + 1, value: item, line });
                }
            }
            other => out.push(Record { index: out.len() + 1, value: other, line }),
        }
    }
    Ok(out)
}

struct Ctx<'a> {
    file: &'a str,
    rec: &'a Record,
}

impl Ctx<'_> {
    fn label(&self, field: &str) -> String {
        let symbol = self.rec.value.get("symbol").and_then(Value::as_str).map(|s| format!(", {}", excerpt(s))).unwrap_or_default();
        format!("{field} (record {}{symbol})", self.rec.index)
    }
    fn field(&self, field: &str, found: &str, expected: &str) -> ParseError {
        ParseError::Field {
            file: self.file.into(),
            line: self.rec.line,
            field: self.label(field),
            found: excerpt(found),
            expected: expected.into(),
        }
    }
    fn malformed(&self, message: &str) -> ParseError {
        ParseError::Malformed {
            file: self.file.into(),
            line: self.rec.line,
            message: format!("record {}: {message}", self.rec.index),
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
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(self.field(field, &other.to_string(), "a string")),
        }
    }
    /// A list of names; a missing or null field is an empty list.
    fn string_list(&self, obj: &Map<String, Value>, field: &str) -> Result<Vec<String>, ParseError> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(self.field(field, &other.to_string(), "a list of strings")),
                })
                .collect(),
            Some(other) => Err(self.field(field, &other.to_string(), "a list of strings")),
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn show(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| "N.A.".into())
}

/// The session from the file name ("74.json" -> "74", "ES-11.json" -> "ES-11").
fn session_of_file(file_name: &str) -> Option<String> {
    let base = std::path::Path::new(file_name).file_stem()?.to_str()?;
    (!base.is_empty()).then(|| base.to_string())
}

/// The state a sponsor entry names: the entry itself ("UNITED KINGDOM "), without a leading
/// "THE " ("THE PHILIPPINES"), or the state before "(on behalf of ...)" / ", on behalf of"
/// (the state that submitted the text for a group sponsors it).
fn sponsor_state<L: StateLookup + ?Sized>(resolver: &mut Resolver<'_, L>, entry: &str, date: Date) -> Option<StateCode> {
    let plain = clean_spaces(entry);
    if plain.is_empty() {
        return None;
    }
    if let Some(s) = resolver.try_resolve(&plain, date) {
        return Some(s);
    }
    // ASCII upper case keeps byte offsets, so an index in `upper` is one in `plain`.
    let upper = plain.to_ascii_uppercase();
    let head = ["(ON BEHALF OF", ", ON BEHALF OF", "(IN ITS CAPACITY"]
        .iter()
        .filter_map(|marker| upper.find(marker))
        .min()
        .map(|i| plain[..i].trim().to_string());
    let mut candidates = Vec::new();
    if let Some(h) = head {
        candidates.push(h);
    }
    candidates.push(plain.clone());
    for c in candidates {
        if let Some(s) = resolver.try_resolve(&c, date) {
            return Some(s);
        }
        let without_the = c.strip_prefix("THE ").or_else(|| c.strip_prefix("The ")).or_else(|| c.strip_prefix("the "));
        if let Some(rest) = without_the
            && let Some(s) = resolver.try_resolve(rest, date)
        {
            return Some(s);
        }
    }
    None
}

/// The subject terms: DGACM gives `[term, thesaurus]` pairs (UNBIS Thesaurus); plain strings
/// are accepted too.
fn subjects(obj: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Value::Array(items)) = obj.get("subjects") {
        for item in items {
            let term = match item {
                Value::String(s) => Some(s.as_str()),
                Value::Array(pair) => pair.first().and_then(Value::as_str),
                _ => None,
            };
            if let Some(t) = term.map(clean_spaces).filter(|t| !t.is_empty())
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
    }
    out
}
