//! Fidelity: what a source published against what its rows and the rules engine give.
//!
//! The importer never corrects a source. For each decision it counts the state rows and
//! compares them with the published totals, checks that each voter was a member of the body
//! on that date, re-derives the outcome with the rules engine and compares it with the
//! source's label, and compares sources that give the same resolution. Each disagreement is
//! a finding with its evidence (issue 3, "Fidelity").

use std::collections::HashMap;

use plenary_rules::{Date, StateCode, Vote};
use serde_json::json;

use crate::import::NewFinding;
use crate::sources::{Adoption, BodyRef, SourceDecision};
use plenary_rules::{Ballot, Body, Decision, Question, QuestionKind, Tally, decide};

/// Membership of the bodies by date, as the rules engine's registry knows it.
pub trait Membership: Sync {
    /// Whether `state` was a member of `body` on `date`; `None` when unknown (custom bodies).
    fn is_member(&self, body: &BodyRef, state: StateCode, date: Date) -> Option<bool>;
    /// The number of members of `body` on `date`, when known.
    fn member_count(&self, body: &BodyRef, date: Date) -> Option<u32>;
}

/// A tally counted from the state rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counted {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    pub non_voting: u32,
    pub absent: u32,
}

impl Counted {
    pub fn of<'a>(votes: impl IntoIterator<Item = &'a Vote>) -> Counted {
        let mut c = Counted::default();
        for v in votes {
            match v {
                Vote::Yes => c.yes += 1,
                Vote::No => c.no += 1,
                Vote::Abstain => c.abstain += 1,
                Vote::NonVoting => c.non_voting += 1,
                Vote::Absent => c.absent += 1,
            }
        }
        c
    }
}

fn finding(id: i64, d: &SourceDecision, kind: &str, message: String, evidence: serde_json::Value) -> NewFinding {
    NewFinding {
        decision: Some(id),
        kind: kind.to_string(),
        message,
        evidence,
        file: d.provenance.file.clone(),
        line: d.provenance.line,
        version: d.provenance.version.clone(),
    }
}

/// The checks that need only the decision and membership: published totals against the
/// counted rows, and votes by states that were not members on that date.
pub(crate) fn check_decision(id: i64, d: &SourceDecision, members: &dyn Membership) -> Vec<NewFinding> {
    let mut out = Vec::new();
    let mut first: HashMap<StateCode, Vote> = HashMap::new();
    for v in &d.votes {
        first.entry(v.state).or_insert(v.vote);
    }
    let c = Counted::of(first.values());
    let p = &d.published;
    let pairs = [("yes", p.yes, c.yes), ("no", p.no, c.no), ("abstain", p.abstain, c.abstain), ("non_voting", p.non_voting, c.non_voting)];
    // Sources that list only yes/no/abstain rows (unvotes, DGACM) cannot be compared on
    // non-voting: the rows of members who did not vote are simply missing there.
    let has_non_voting_rows = c.non_voting > 0 || c.absent > 0;
    let differ: Vec<_> = pairs
        .iter()
        .filter(|(name, published, counted)| {
            published.is_some_and(|p| p != *counted) && (*name != "non_voting" || has_non_voting_rows)
        })
        .collect();
    if !d.votes.is_empty() && !differ.is_empty() {
        let what = differ.iter().map(|(n, p, c)| format!("{n} {} published, {c} counted", p.unwrap_or(0))).collect::<Vec<_>>().join("; ");
        out.push(finding(
            id,
            d,
            "tally-mismatch",
            format!("published totals differ from the state rows: {what}"),
            json!({"published": {"yes": p.yes, "no": p.no, "abstain": p.abstain, "non_voting": p.non_voting}, "counted": c}),
        ));
    }
    let mut outsiders: Vec<&str> = Vec::new();
    for v in &d.votes {
        if matches!(v.vote, Vote::Absent) {
            continue;
        }
        if members.is_member(&d.body, v.state, d.date) == Some(false) {
            outsiders.push(&v.as_in_source);
        }
    }
    if !outsiders.is_empty() {
        out.push(finding(
            id,
            d,
            "vote-by-non-member",
            format!("{} recorded as voting on {} but not a member of the {} on that date by the membership data: {}", outsiders.len(), d.date, body_name(&d.body), outsiders.join(", ")),
            json!({"date": d.date.to_string(), "states": outsiders}),
        ));
    }
    out
}

fn body_name(b: &BodyRef) -> &str {
    match b {
        BodyRef::GeneralAssembly => "General Assembly",
        BodyRef::SecurityCouncil => "Security Council",
        BodyRef::Custom(id) => id,
    }
}

/// Compares a resolution given by a second source with the rows the record already has.
pub(crate) fn check_overlap(id: i64, d: &SourceDecision, other_source: &str, theirs: &HashMap<String, String>) -> Vec<NewFinding> {
    let mut differ = Vec::new();
    let mut mine: HashMap<String, &'static str> = HashMap::new();
    for v in &d.votes {
        mine.entry(v.state.to_string()).or_insert(v.vote.code());
    }
    let mut states: Vec<&String> = mine.keys().chain(theirs.keys()).collect();
    states.sort();
    states.dedup();
    for s in states {
        let a = mine.get(s).copied();
        let b = theirs.get(s).map(String::as_str);
        // A source that lists only Y/N/A rows (unvotes, DGACM) has no row for a member that
        // was absent or did not vote: that is silence, not a disagreement.
        let silent = |x: Option<&str>, y: Option<&str>| x.is_none() && matches!(y, Some("X") | Some("-"));
        if a != b && !silent(a, b) && !silent(b, a) {
            differ.push(json!({"state": s, "this_source": a, other_source: b}));
        }
    }
    if differ.is_empty() {
        return Vec::new();
    }
    vec![finding(
        id,
        d,
        "overlap-disagreement",
        format!("{} and {other_source} differ on {} state(s) for {}", d.provenance.source, differ.len(), d.symbol.as_deref().unwrap_or(&d.source_key)),
        json!({"other_source": other_source, "differences": differ}),
    )]
}

/// Maps a source's outcome label to the engine's outcome code, where it is one of them.
fn label_code(label: &str) -> Option<&'static str> {
    let l = label.trim().to_lowercase();
    if l.starts_with("adopted") {
        Some("adopted")
    } else if l.starts_with("rejected") || l.starts_with("not adopted") || l.starts_with("failed") {
        Some("rejected")
    } else if l.starts_with("vetoed") {
        Some("vetoed")
    } else {
        None
    }
}

fn engine_decide(d: &SourceDecision, kind: QuestionKind) -> Result<Decision, String> {
    let body = match d.body {
        BodyRef::GeneralAssembly => Body::general_assembly(d.date),
        BodyRef::SecurityCouncil => Body::security_council(d.date).map_err(|e| e.to_string())?,
        BodyRef::Custom(_) => return Err("custom bodies are decided live, not re-derived on import".into()),
    };
    let rows: Vec<(StateCode, Vote)> = {
        let mut seen = std::collections::BTreeMap::new();
        for v in &d.votes {
            if !matches!(v.vote, Vote::Absent) {
                seen.entry(v.state).or_insert(v.vote);
            }
        }
        seen.into_iter().collect()
    };
    let p = &d.published;
    let published_voters = p.yes.unwrap_or(0) + p.no.unwrap_or(0) + p.abstain.unwrap_or(0);
    // Partial lists (the fixtures give 14 of 65 abstentions for ES-11/7) are decided from the
    // published totals; complete lists from the rows.
    let partial = (rows.len() as u32) < published_voters;
    let ballot = if rows.is_empty() || partial {
        let (Some(yes), Some(no)) = (p.yes, p.no) else { return Err("neither state rows nor published totals".into()) };
        Ballot::from_tally(Tally { yes: yes.into(), no: no.into(), abstain: p.abstain.unwrap_or(0).into(), non_voting: p.non_voting.unwrap_or(0).into() })
    } else {
        Ballot::from_votes(rows).map_err(|e| e.to_string())?
    };
    let q = Question::new(kind);
    decide(&body, &q, &ballot).map_err(|e| e.to_string())
}

fn explain(dec: &Decision) -> String {
    format!("{} in favour, {} against, {} abstaining; {} affirmative votes required ({}). {}", dec.yes, dec.no, dec.abstain, dec.required, dec.rule, dec.announcement)
}

/// The outcome the rules engine derives from the rows (or, without rows, from the published
/// totals), with its explanation. The required majority depends on the kind of question:
/// in the Assembly an important question needs two thirds (Art. 18(2)), others a simple
/// majority (Art. 18(3)); in the Council a procedural question needs nine votes, a
/// substantive one nine including the concurring votes of the permanent members (Art. 27).
/// Where the source does not say which kind the question was, both are tried: if they agree
/// the outcome is certain; if not, the outcome is left open and the explanation says why.
/// Adoptions without a vote are not re-derived (there is nothing to count).
pub(crate) fn derive_outcome(d: &SourceDecision, _members: &dyn Membership) -> Option<(String, String)> {
    if d.adoption == Adoption::WithoutVote {
        return Some(("adopted".into(), "adopted without a vote (by consensus); there are no votes to count".into()));
    }
    let p = &d.published;
    // Nothing to count: no rows and no (or all-zero) published totals, as in the DGACM records
    // of multi-part resolutions whose parts carry the votes.
    if d.votes.is_empty() && p.yes.unwrap_or(0) + p.no.unwrap_or(0) + p.abstain.unwrap_or(0) == 0 {
        return None;
    }
    let kinds: &[QuestionKind] = match (&d.body, d.important) {
        (BodyRef::GeneralAssembly, Some(true)) => &[QuestionKind::TwoThirds],
        (BodyRef::GeneralAssembly, Some(false)) => &[QuestionKind::Simple],
        (BodyRef::GeneralAssembly, None) => &[QuestionKind::Simple, QuestionKind::TwoThirds],
        (BodyRef::SecurityCouncil, _) => &[QuestionKind::Substantive, QuestionKind::Procedural],
        (BodyRef::Custom(_), _) => return None,
    };
    let results: Vec<Result<Decision, String>> = kinds.iter().map(|k| engine_decide(d, *k)).collect();
    match results.as_slice() {
        [Ok(a)] => Some((a.outcome.code().into(), explain(a))),
        [Ok(a), Ok(b)] if a.outcome == b.outcome => Some((a.outcome.code().into(), explain(a))),
        [Ok(a), Ok(b)] => Some((
            "undetermined".into(),
            format!(
                "{} as a {} question, {} as a {} question; the source does not say which it was. {}",
                a.outcome.code(),
                kinds[0].code(),
                b.outcome.code(),
                kinds[1].code(),
                explain(a)
            ),
        )),
        [Err(e), ..] | [_, Err(e)] => Some(("undetermined".into(), format!("the rules engine cannot decide this record: {e}"))),
        _ => None,
    }
}

/// Compares the re-derived outcome with the source's label.
pub(crate) fn check_outcome(id: i64, d: &SourceDecision, derived: Option<&(String, String)>) -> Option<NewFinding> {
    let label = d.published_outcome.as_deref()?;
    let code = label_code(label)?;
    let (outcome, why) = derived?;
    if outcome == "undetermined" || outcome == code {
        return None;
    }
    Some(finding(
        id,
        d,
        "outcome-mismatch",
        format!("the source labels it {label:?}; its own votes give {outcome}: {why}"),
        json!({"published_outcome": label, "derived": outcome, "explanation": why, "important": d.important}),
    ))
}
