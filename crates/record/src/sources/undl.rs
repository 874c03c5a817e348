//! The UN Digital Library's voting data, CSV: the General Assembly file (`undl-ga`, record
//! 4060887) and the Security Council file (`undl-sc`, record 4055387).
//!
//! One row per state per resolution. Columns (2025 layout): undl_id, ms_code (ISO3),
//! ms_name, ms_vote (Y, N, A, X = non-voting; GA files before 2025 write "NV"), date,
//! session, resolution, draft, committee_report, meeting, title, agenda_title, subjects,
//! vote_note, total_yes, total_no, total_abstentions, total_non_voting, total_ms, undl_link;
//! the SC file adds permanent_member (True/False), description and agenda. Columns are found
//! by name, in any order; a missing required column is an error naming it.
//!
//! Neither file holds failed drafts or votes on amendments and parts: every decision is an
//! adopted resolution. The SC file writes a resolution adopted without a vote as fifteen
//! "Y" rows; where its vote note says "without a vote", or its published totals are all zero
//! against rows of "Y", the decision is marked [`Adoption::WithoutVote`], no rows are stored
//! (no member voted), and a `without-vote-recorded-as-yes` finding keeps the source's rows as
//! evidence. A unanimous recorded vote and an adoption without a vote with no note look the
//! same in that file: such a decision stays a recorded vote.
//!
//! A state twice under one resolution with the same vote is a `duplicate-rows` finding (one
//! row kept); with different votes it is an error (issue 3, §7).

use std::collections::BTreeMap;

use plenary_rules::{StateCode, Vote};

use super::common::{clean_spaces, gunzip_if_needed, excerpt, ga_session_of, normalise_sc_symbol, parse_count, parse_decision_date, Resolver, StateLookup};
use super::{
    file_version, Adoption, Batch, BodyRef, DecisionKind, ParseError, Provenance, PublishedTally, SourceDecision,
    SourceFinding, SourceVote,
};

/// Which of the two files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// `undl-ga`: the General Assembly's voting data.
    GeneralAssembly,
    /// `undl-sc`: the Security Council's voting data.
    SecurityCouncil,
}

impl Layout {
    /// Format name, as given to `plenary import --format`.
    pub fn format(self) -> &'static str {
        match self {
            Layout::GeneralAssembly => "undl-ga",
            Layout::SecurityCouncil => "undl-sc",
        }
    }
}

/// Columns without which a row means nothing.
const REQUIRED: [&str; 6] = ["undl_id", "ms_code", "ms_name", "ms_vote", "date", "resolution"];

/// Parses a UN Digital Library voting CSV, telling the GA and SC layouts apart by the SC
/// file's `permanent_member` column.
pub fn parse<L: StateLookup + ?Sized>(file_name: &str, bytes: &[u8], registry: &L) -> Result<Batch, ParseError> {
    let plain = gunzip_if_needed(file_name, bytes)?;
    let header = plain.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let header = String::from_utf8_lossy(header).to_ascii_lowercase();
    let layout = if header.split(',').any(|c| c.trim().trim_matches('"') == "permanent_member") {
        Layout::SecurityCouncil
    } else {
        Layout::GeneralAssembly
    };
    parse_layout(file_name, bytes, registry, layout)
}

/// Parses the General Assembly layout (`--format undl-ga`).
pub fn parse_ga<L: StateLookup + ?Sized>(file_name: &str, bytes: &[u8], registry: &L) -> Result<Batch, ParseError> {
    parse_layout(file_name, bytes, registry, Layout::GeneralAssembly)
}

/// Parses the Security Council layout (`--format undl-sc`).
pub fn parse_sc<L: StateLookup + ?Sized>(file_name: &str, bytes: &[u8], registry: &L) -> Result<Batch, ParseError> {
    parse_layout(file_name, bytes, registry, Layout::SecurityCouncil)
}

struct Group {
    decision: SourceDecision,
    /// Every row as the source gives it (kept as evidence if the rows are dropped).
    raw_rows: Vec<(String, String)>,
    note: String,
    total_ms: Option<u32>,
    /// (state, vote, ms_name) already seen, for duplicates.
    seen: BTreeMap<StateCode, (Vote, u64)>,
    duplicates: Vec<String>,
    /// Rows whose `permanent_member` contradicts Art. 23(1).
    wrong_permanent: Vec<String>,
}

/// Parses one file in the given layout.
pub fn parse_layout<L: StateLookup + ?Sized>(
    file_name: &str,
    bytes: &[u8],
    registry: &L,
    layout: Layout,
) -> Result<Batch, ParseError> {
    let version = file_version(bytes);
    let bytes = &*gunzip_if_needed(file_name, bytes)?;
    let format = layout.format();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(bytes);
    let csv_error = |e: csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(1);
        ParseError::Malformed { file: file_name.into(), line, message: format!("malformed CSV: {e}") }
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    let mut columns: BTreeMap<String, usize> = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        columns.insert(h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase(), i);
    }
    let mut required: Vec<&str> = REQUIRED.to_vec();
    if layout == Layout::SecurityCouncil {
        required.push("permanent_member");
    }
    for r in &required {
        if !columns.contains_key(*r) {
            return Err(ParseError::Field {
                file: file_name.into(),
                line: 1,
                field: (*r).into(),
                found: "(no such column)".into(),
                expected: format!("a header naming the columns {}, in any order", required.join(", ")),
            });
        }
    }
    let col = |rec: &csv::StringRecord, name: &str| -> String {
        columns.get(name).and_then(|&i| rec.get(i)).map(clean_spaces).unwrap_or_default()
    };
    let field = |line: u64, field: &str, found: &str, expected: &str| ParseError::Field {
        file: file_name.into(),
        line,
        field: field.into(),
        found: excerpt(found),
        expected: expected.into(),
    };

    let mut resolver = Resolver::new(registry);
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();

    for rec in reader.records() {
        let rec = rec.map_err(csv_error)?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);

        let raw_date = col(&rec, "date");
        let date = parse_decision_date(&raw_date).map_err(|expected| field(line, "date", &raw_date, expected))?;
        let raw_resolution = col(&rec, "resolution");
        let symbol = if raw_resolution.is_empty() {
            None
        } else {
            Some(match layout {
                Layout::SecurityCouncil => normalise_sc_symbol(&raw_resolution)
                    .ok_or_else(|| field(line, "resolution", &raw_resolution, "a symbol such as S/RES/2774 (2025)"))?,
                Layout::GeneralAssembly if raw_resolution.starts_with("A/RES/") => raw_resolution.clone(),
                Layout::GeneralAssembly => {
                    return Err(field(line, "resolution", &raw_resolution, "a symbol such as A/RES/ES-11/1"));
                }
            })
        };
        let undl_id = col(&rec, "undl_id");
        let draft = col(&rec, "draft");
        let key = [undl_id.as_str(), symbol.as_deref().unwrap_or(""), draft.as_str()]
            .into_iter()
            .find(|k| !k.is_empty())
            .map(str::to_string)
            .ok_or_else(|| field(line, "undl_id", "", "a record id, or a resolution or draft symbol"))?;

        let raw_vote = col(&rec, "ms_vote");
        let vote = match raw_vote.to_ascii_uppercase().as_str() {
            "Y" => Vote::Yes,
            "N" => Vote::No,
            "A" => Vote::Abstain,
            "X" | "NV" => Vote::NonVoting,
            _ => return Err(field(line, "ms_vote", &raw_vote, "Y, N, A, X or NV")),
        };
        let code = col(&rec, "ms_code");
        let name = col(&rec, "ms_name");
        if code.is_empty() && name.is_empty() {
            return Err(field(line, "ms_code", "", "an ISO 3166-1 alpha-3 code or a state name in ms_name"));
        }
        let permanent = if layout == Layout::SecurityCouncil {
            match col(&rec, "permanent_member").to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                "" => None,
                other => return Err(field(line, "permanent_member", other, "True or False")),
            }
        } else {
            None
        };

        if !groups.contains_key(&key) {
            let mut published = PublishedTally::default();
            for (column, slot) in [
                ("total_yes", &mut published.yes),
                ("total_no", &mut published.no),
                ("total_abstentions", &mut published.abstain),
                ("total_non_voting", &mut published.non_voting),
            ] {
                let raw = col(&rec, column);
                *slot = parse_count(&raw).map_err(|_| field(line, column, &raw, "a whole number or empty"))?;
            }
            let raw_ms = col(&rec, "total_ms");
            let total_ms = parse_count(&raw_ms).map_err(|_| field(line, "total_ms", &raw_ms, "a whole number or empty"))?;
            let session = Some(col(&rec, "session"))
                .filter(|s| !s.is_empty())
                .or_else(|| symbol.as_deref().and_then(ga_session_of))
                .or_else(|| (layout == Layout::SecurityCouncil).then(|| date.format("%Y").to_string()));
            let description = match layout {
                Layout::GeneralAssembly => [col(&rec, "agenda_title")],
                Layout::SecurityCouncil => [
                    [col(&rec, "description"), col(&rec, "agenda")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" — "),
                ],
            }
            .into_iter()
            .find(|s| !s.is_empty());
            let decision = SourceDecision {
                source_key: key.clone(),
                body: match layout {
                    Layout::GeneralAssembly => BodyRef::GeneralAssembly,
                    Layout::SecurityCouncil => BodyRef::SecurityCouncil,
                },
                date,
                session,
                symbol: symbol.clone(),
                draft: Some(draft.clone()).filter(|s| !s.is_empty()),
                meeting: Some(col(&rec, "meeting")).filter(|s| !s.is_empty()),
                title: Some(col(&rec, "title")).filter(|s| !s.is_empty()),
                description,
                kind: DecisionKind::Resolution,
                amends: None,
                important: None,
                adoption: Adoption::RecordedVote,
                published,
                // The library lists resolutions only; a resolution symbol is given to an
                // adopted text only.
                published_outcome: symbol.as_ref().map(|_| "adopted".to_string()),
                issues: col(&rec, "subjects").split('|').map(clean_spaces).filter(|s| !s.is_empty()).collect(),
                sponsors: Vec::new(),
                vetoed_by: Vec::new(),
                votes: Vec::new(),
                provenance: Provenance { source: format.into(), file: file_name.into(), line, version: version.clone() },
            };
            order.push(key.clone());
            groups.insert(
                key.clone(),
                Group {
                    decision,
                    raw_rows: Vec::new(),
                    note: col(&rec, "vote_note"),
                    total_ms,
                    seen: BTreeMap::new(),
                    duplicates: Vec::new(),
                    wrong_permanent: Vec::new(),
                },
            );
        }
        let group = groups.get_mut(&key).expect("inserted above");
        let d = &group.decision;
        if d.date != date || d.symbol != symbol {
            return Err(field(
                line,
                if d.date != date { "date" } else { "resolution" },
                if d.date != date { &raw_date } else { &raw_resolution },
                &format!(
                    "the same as on line {} for record {key} ({} {})",
                    d.provenance.line,
                    d.date,
                    d.symbol.as_deref().unwrap_or("no resolution")
                ),
            ));
        }
        group.raw_rows.push((if code.is_empty() { name.clone() } else { code.clone() }, raw_vote.clone()));

        let state = if code.is_empty() {
            resolver.resolve(&name, date)
        } else {
            match resolver.try_resolve(&code, date) {
                Some(s) => Some(s),
                None if !name.is_empty() => resolver.resolve(&name, date),
                None => resolver.resolve(&code, date),
            }
        };
        let Some(state) = state else { continue };
        if let Some(flag) = permanent
            && flag != super::sc_archive::PERMANENT.contains(&state.as_str())
        {
            group.wrong_permanent.push(format!("{state} (line {line}): permanent_member={flag}"));
        }
        match group.seen.get(&state) {
            Some((earlier, _)) if *earlier == vote => group.duplicates.push(format!("{state} (line {line})")),
            Some((earlier, earlier_line)) => {
                return Err(field(
                    line,
                    "ms_vote",
                    &raw_vote,
                    &format!("{} as on line {earlier_line}: {state} is listed twice with different votes", earlier.code()),
                ))
            }
            None => {
                group.seen.insert(state, (vote, line));
                group.decision.votes.push(SourceVote {
                    state,
                    vote,
                    as_in_source: if code.is_empty() { name.as_str().into() } else { code.as_str().into() },
                    line,
                });
            }
        }
    }
    resolver.finish(file_name)?;

    let mut batch = Batch::default();
    for key in order {
        let Group { mut decision, raw_rows, note, total_ms, duplicates, wrong_permanent, .. } =
            groups.remove(&key).expect("grouped");
        let prov = decision.provenance.clone();
        let label = decision.symbol.clone().unwrap_or_else(|| key.clone());
        if !wrong_permanent.is_empty() {
            batch.findings.push(SourceFinding {
                source_key: Some(key.clone()),
                kind: "permanent-member-flag-wrong".into(),
                message: format!(
                    "{label}: {} row(s) flag a member as permanent or not against Art. 23(1) (China, France, the \
                     Russian Federation / USSR, the United Kingdom, the United States)",
                    wrong_permanent.len()
                ),
                evidence: serde_json::json!({ "symbol": label, "rows": wrong_permanent }),
                provenance: prov.clone(),
            });
        }
        if !duplicates.is_empty() {
            batch.findings.push(SourceFinding {
                source_key: Some(key.clone()),
                kind: "duplicate-rows".into(),
                message: format!("{label}: {} state(s) listed twice with the same vote; one row kept", duplicates.len()),
                evidence: serde_json::json!({ "symbol": label, "listed_twice": duplicates }),
                provenance: prov.clone(),
            });
        }
        let lower = note.to_ascii_lowercase();
        let note_says_without = lower.contains("without a vote") || lower.contains("without vote");
        let all_yes = !decision.votes.is_empty() && decision.votes.iter().all(|v| v.vote == Vote::Yes);
        let p = decision.published;
        let totals_zero = [p.yes, p.no, p.abstain].iter().all(|t| *t == Some(0));
        if note_says_without && layout == Layout::GeneralAssembly {
            decision.adoption = Adoption::WithoutVote;
        }
        if layout == Layout::SecurityCouncil && all_yes && (note_says_without || totals_zero) {
            decision.adoption = Adoption::WithoutVote;
            decision.votes.clear();
            batch.findings.push(SourceFinding {
                source_key: Some(key.clone()),
                kind: "without-vote-recorded-as-yes".into(),
                message: format!(
                    "{label} was adopted without a vote ({}); the library records every member as \"Y\": no \
                     rows are stored, since no member voted",
                    if note_says_without { format!("vote note: {note:?}") } else { "published totals 0-0-0".into() }
                ),
                evidence: serde_json::json!({
                    "symbol": label,
                    "vote_note": note,
                    "published": { "yes": p.yes, "no": p.no, "abstain": p.abstain, "non_voting": p.non_voting },
                    "total_ms": total_ms,
                    "rows_as_in_source": raw_rows.iter().map(|(s, v)| serde_json::json!([s, v])).collect::<Vec<_>>(),
                }),
                provenance: prov.clone(),
            });
        }
        batch.decisions.push(decision);
    }
    Ok(batch)
}
