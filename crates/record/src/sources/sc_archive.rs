//! The Security Council's adopted resolutions 1946-2026 with per-member votes
//! (`sc/sc_resolutions_1946_2026.json.gz`: a gzip JSON array compiled by a third party from
//! the UN Digital Library's SC voting data).
//!
//! Each record: `id` ("S/RES/2774(2025)", written here as the UN writes it, "S/RES/2774
//! (2025)"), `date`, `title`, `session` (the year), `votes` (member name in upper case ->
//! "yes" | "no" | "abstain" | "not-voting"), `summary` {yes, no, abstain}, `subjects`
//! ("A|B"), `result` (the compiler's label).
//!
//! Every record is an adopted resolution: the Council gives an S/RES number only to a draft it
//! adopted, and the compilation holds no failed drafts. So the label in `result` is kept
//! verbatim as the published outcome, and where it says otherwise the contradiction becomes a
//! `label-contradicts-votes` finding with the reason the record is known adopted:
//! - `adopted-without-a-vote`: every member "not-voting" and a 0-0-0 summary is how the
//!   source writes a resolution adopted without a vote (by consensus); the decision is marked
//!   [`Adoption::WithoutVote`] and, since no member voted, no rows are stored (the source's
//!   "not-voting" entries are kept in the finding's evidence);
//! - `majority-of-its-era`: Art. 27(3) as in force until 31 August 1965 required seven
//!   affirmative votes of eleven members; 7 or 8 votes adopted a resolution then;
//! - `procedural-despite-permanent-no`: a permanent member voted no and the resolution was
//!   still adopted, which the Council does only when it treats the question as procedural
//!   (Art. 27(2): nine votes, no veto), e.g. 34 (1947) or 2623 (2022) convening an emergency
//!   special session under "Uniting for Peace".
//!
//! Other faults: a `summary` that differs from the member votes is a `tally-mismatch`
//! (S/RES/2812 (2026): summary 13-0-2, fifteen "yes"). "CHINA" is the Republic of China until
//! GA resolution 2758 of 25 October 1971 and the People's Republic after; the registry resolves
//! it by the date.

use std::collections::BTreeMap;

use plenary_rules::{Date, StateCode, Vote};
use serde_json::{Map, Value};

use super::common::{clean_spaces, gunzip_if_needed, excerpt, normalise_sc_symbol, parse_decision_date, Resolver, StateLookup};
use super::{
    file_version, Adoption, Batch, BodyRef, DecisionKind, ParseError, Provenance, PublishedTally, SourceDecision,
    SourceFinding, SourceVote,
};

/// Format name, as given to `plenary import --format`.
pub const FORMAT: &str = "sc-archive";

/// The permanent members named in Art. 23(1), under every code they have held: the Republic of
/// China (TWN) until 25 October 1971 and the People's Republic (CHN) after, the USSR (SUN)
/// until 24 December 1991 and the Russian Federation (RUS) after.
pub(crate) const PERMANENT: [&str; 7] = ["CHN", "TWN", "FRA", "GBR", "USA", "SUN", "RUS"];

/// The day the enlargement of the Council to fifteen members entered into force (Art. 23 and
/// 27 as amended by GA resolution 1991 A (XVIII)).
fn enlargement() -> Date {
    Date::from_ymd_opt(1965, 8, 31).expect("valid date")
}

/// Parses the archive, gzip-compressed (as shipped) or plain JSON.
pub fn parse<L: StateLookup + ?Sized>(file_name: &str, bytes: &[u8], registry: &L) -> Result<Batch, ParseError> {
    let version = file_version(bytes);
    let json = gunzip_if_needed(file_name, bytes)?;
    let root: Value = serde_json::from_slice(&json).map_err(|e| ParseError::Malformed {
        file: file_name.into(),
        line: e.line() as u64,
        message: format!("invalid JSON at column {}: {e}; expected one JSON array of resolutions", e.column()),
    })?;
    let Value::Array(records) = root else {
        return Err(ParseError::Malformed {
            file: file_name.into(),
            line: 1,
            message: format!("expected a JSON array of resolutions, found {}", kind_of(&root)),
        });
    };

    let mut resolver = Resolver::new(registry);
    let mut batch = Batch::default();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();

    for (i, value) in records.iter().enumerate() {
        let index = i as u64 + 1;
        let prov = Provenance { source: FORMAT.into(), file: file_name.into(), line: index, version: version.clone() };
        let ctx = Ctx { file: file_name, index, value };
        let obj = value.as_object().ok_or_else(|| ctx.malformed(&format!("expected an object, found {}", kind_of(value))))?;

        let raw_id = ctx.string(obj, "id")?;
        let symbol = normalise_sc_symbol(&raw_id)
            .ok_or_else(|| ctx.field("id", &raw_id, "a resolution symbol such as \"S/RES/2774(2025)\""))?;
        if let Some(first) = seen.insert(symbol.clone(), index) {
            return Err(ctx.malformed(&format!("{symbol} appears twice (first as record {first})")));
        }
        let raw_date = ctx.string(obj, "date")?;
        let date = parse_decision_date(&raw_date).map_err(|expected| ctx.field("date", &raw_date, expected))?;
        if let Some(body) = ctx.opt_string(obj, "body")?
            && !body.trim().eq_ignore_ascii_case("SC")
        {
            return Err(ctx.field("body", &body, "\"SC\""));
        }
        let title = ctx.opt_string(obj, "title")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty());
        let session = ctx.opt_string(obj, "session")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty());
        let issues: Vec<String> = ctx
            .opt_string(obj, "subjects")?
            .map(|s| s.split('|').map(clean_spaces).filter(|t| !t.is_empty()).collect())
            .unwrap_or_default();
        let label = ctx.opt_string(obj, "result")?.map(|s| clean_spaces(&s)).filter(|s| !s.is_empty());

        // Member votes, in the file's order.
        let votes_obj = match obj.get("votes") {
            Some(Value::Object(m)) => m,
            None => return Err(ctx.field("votes", "(missing)", "an object member name -> yes|no|abstain|not-voting")),
            Some(other) => {
                return Err(ctx.field("votes", &other.to_string(), "an object member name -> yes|no|abstain|not-voting"))
            }
        };
        let mut rows: Vec<SourceVote> = Vec::new();
        let mut by_state: BTreeMap<StateCode, String> = BTreeMap::new();
        let mut counted = Counted::default();
        for (name, v) in votes_obj {
            let code = v.as_str().map(|s| s.trim().to_ascii_lowercase());
            let vote = match code.as_deref() {
                Some("yes") => Vote::Yes,
                Some("no") => Vote::No,
                Some("abstain") => Vote::Abstain,
                Some("not-voting") | Some("not voting") => Vote::NonVoting,
                _ => {
                    return Err(ctx.field(
                        &format!("votes.{}", excerpt(name)),
                        &v.to_string(),
                        "\"yes\", \"no\", \"abstain\" or \"not-voting\"",
                    ))
                }
            };
            counted.add(vote);
            let Some(state) = resolver.resolve(name, date) else { continue };
            if let Some(earlier) = by_state.insert(state, name.clone()) {
                return Err(ctx.field(
                    &format!("votes.{}", excerpt(name)),
                    name,
                    &format!("one entry per member; {name:?} and {earlier:?} are both {state} on {date}"),
                ));
            }
            rows.push(SourceVote { state, vote, as_in_source: name.as_str().into(), line: index });
        }

        let summary = match obj.get("summary") {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) => Some(ctx.summary(m)?),
            Some(other) => return Err(ctx.field("summary", &other.to_string(), "an object {yes, no, abstain}")),
        };
        let published = PublishedTally {
            yes: summary.map(|s| s[0]),
            no: summary.map(|s| s[1]),
            abstain: summary.map(|s| s[2]),
            non_voting: None,
        };

        let members = counted.total();
        let without_a_vote = members > 0 && counted.not_voting == members && summary.is_none_or(|s| s == [0, 0, 0]);
        let adoption = if without_a_vote { Adoption::WithoutVote } else { Adoption::RecordedVote };

        if let Some(s) = summary
            && s != [counted.yes, counted.no, counted.abstain]
        {
            batch.findings.push(SourceFinding {
                source_key: Some(symbol.clone()),
                kind: "tally-mismatch".into(),
                message: format!(
                    "{symbol}: summary {}-{}-{} (yes-no-abstain) but the member votes give {}-{}-{}",
                    s[0], s[1], s[2], counted.yes, counted.no, counted.abstain
                ),
                evidence: serde_json::json!({
                    "symbol": symbol,
                    "summary": { "yes": s[0], "no": s[1], "abstain": s[2] },
                    "counted": counted.json(),
                }),
                provenance: prov.clone(),
            });
        }

        let permanent_no: Vec<String> = rows
            .iter()
            .filter(|r| r.vote == Vote::No && PERMANENT.contains(&r.state.as_str()))
            .map(|r| r.state.to_string())
            .collect();
        if let Some(label) = label.as_deref()
            && !label.eq_ignore_ascii_case("adopted")
        {
            let era_needs = if date <= enlargement() || members == 11 { 7 } else { 9 };
            let reason = if without_a_vote {
                "adopted-without-a-vote"
            } else if !permanent_no.is_empty() {
                "procedural-despite-permanent-no"
            } else if counted.yes >= era_needs {
                "majority-of-its-era"
            } else {
                "unexplained"
            };
            let explanation = match reason {
                "adopted-without-a-vote" => "every member is recorded as not voting with a 0-0-0 summary: the \
                     resolution was adopted without a vote"
                    .to_string(),
                "majority-of-its-era" => format!(
                    "{} affirmative votes of {members} members met Art. 27(3) ({era_needs} votes{}) and no \
                     permanent member voted no",
                    counted.yes,
                    if era_needs == 7 { ", as in force until 31 August 1965" } else { "" }
                ),
                "procedural-despite-permanent-no" => format!(
                    "{} voted no and the resolution was adopted: the Council treated the question as procedural \
                     (Art. 27(2)), where a permanent member's no is not a veto",
                    permanent_no.join(", ")
                ),
                _ => "the votes do not explain the label".to_string(),
            };
            batch.findings.push(SourceFinding {
                source_key: Some(symbol.clone()),
                kind: "label-contradicts-votes".into(),
                message: format!(
                    "{symbol} is labelled {label:?}, but it has a resolution number, which the Council gives only to \
                     an adopted draft; {explanation}"
                ),
                evidence: serde_json::json!({
                    "symbol": symbol,
                    "label": label,
                    "reason": reason,
                    "known_adopted_because": "it has an S/RES number; the compilation holds only adopted resolutions",
                    "counted": counted.json(),
                    "members": members,
                    "affirmative_votes_required": era_needs,
                    "permanent_members_voting_no": permanent_no,
                    "votes_as_in_source": if without_a_vote { Value::Object(votes_obj.clone()) } else { Value::Null },
                }),
                provenance: prov.clone(),
            });
        }

        batch.decisions.push(SourceDecision {
            source_key: symbol.clone(),
            body: BodyRef::SecurityCouncil,
            date,
            session,
            symbol: Some(symbol),
            draft: None,
            meeting: None,
            title,
            description: None,
            kind: DecisionKind::Resolution,
            amends: None,
            important: None,
            adoption,
            published,
            published_outcome: label,
            issues,
            sponsors: Vec::new(),
            vetoed_by: Vec::new(),
            // No member voted on a text adopted without a vote: the source's "not-voting"
            // entries are its way of writing that (kept in the finding's evidence).
            votes: if without_a_vote { Vec::new() } else { rows },
            provenance: prov,
        });
    }

    resolver.finish(file_name)?;
    Ok(batch)
}

#[derive(Default, Clone, Copy)]
struct Counted {
    yes: u32,
    no: u32,
    abstain: u32,
    not_voting: u32,
}

impl Counted {
    fn add(&mut self, v: Vote) {
        match v {
            Vote::Yes => self.yes += 1,
            Vote::No => self.no += 1,
            Vote::Abstain => self.abstain += 1,
            Vote::NonVoting | Vote::Absent => self.not_voting += 1,
        }
    }
    fn total(&self) -> u32 {
        self.yes + self.no + self.abstain + self.not_voting
    }
    fn json(&self) -> Value {
        serde_json::json!({ "yes": self.yes, "no": self.no, "abstain": self.abstain, "not_voting": self.not_voting })
    }
}

struct Ctx<'a> {
    file: &'a str,
    index: u64,
    value: &'a Value,
}

impl Ctx<'_> {
    fn label(&self, field: &str) -> String {
        let id = self.value.get("id").and_then(Value::as_str).map(|s| format!(", {}", excerpt(s))).unwrap_or_default();
        format!("{field} (record {}{id})", self.index)
    }
    fn field(&self, field: &str, found: &str, expected: &str) -> ParseError {
        ParseError::Field {
            file: self.file.into(),
            line: self.index,
            field: self.label(field),
            found: excerpt(found),
            expected: expected.into(),
        }
    }
    fn malformed(&self, message: &str) -> ParseError {
        ParseError::Malformed { file: self.file.into(), line: self.index, message: format!("record {}: {message}", self.index) }
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
    fn summary(&self, m: &Map<String, Value>) -> Result<[u32; 3], ParseError> {
        let mut out = [0u32; 3];
        for (i, key) in ["yes", "no", "abstain"].iter().enumerate() {
            out[i] = match m.get(*key) {
                None | Some(Value::Null) => 0,
                Some(v) => v
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| self.field(&format!("summary.{key}"), &v.to_string(), "a whole number"))?,
            };
        }
        Ok(out)
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
