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

/// A hasher for maps keyed by [`StateCode`] (three bytes) or by a state and a date: SipHash's
/// resistance to chosen keys buys nothing for keys that come out of the registry, and on all
/// of unvotes (870,109 rows, one or two lookups each) it was a visible share of the import.
#[derive(Default)]
pub(crate) struct StateHasher(u64);

impl std::hash::Hasher for StateHasher {
    fn finish(&self) -> u64 {
        // Spread the bits (a multiplicative hash); hashbrown uses the top bits.
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = self.0.rotate_left(32) ^ n as u64;
    }
    fn write_i32(&mut self, n: i32) {
        self.write_u32(n as u32);
    }
}

pub(crate) type StateMap<V> = HashMap<StateCode, V, std::hash::BuildHasherDefault<StateHasher>>;

/// Membership answers for the decisions of one import, kept for the last (body, date) asked:
/// the roll calls of a source mostly come in date order, and one date has many (a day of
/// votes in the Assembly), so each state's membership is looked up in the registry (several
/// hash lookups and a scan of the Art. 19 gaps) once per date instead of once per row.
#[derive(Default)]
pub(crate) struct MemberCache {
    at: Option<(BodyRef, Date)>,
    known: StateMap<Option<bool>>,
}

impl MemberCache {
    fn is_member(&mut self, members: &dyn Membership, body: &BodyRef, state: StateCode, date: Date) -> Option<bool> {
        if self.at.as_ref().is_none_or(|(b, d)| b != body || *d != date) {
            self.at = Some((body.clone(), date));
            self.known.clear();
        }
        *self.known.entry(state).or_insert_with(|| members.is_member(body, state, date))
    }
}

/// The checks that need only the decision and membership: published totals against the
/// counted rows, and votes by states that were not members on that date. `cache` carries the
/// membership answers of the decisions checked before this one.
pub(crate) fn check_decision(id: i64, d: &SourceDecision, members: &dyn Membership, cache: &mut MemberCache) -> Vec<NewFinding> {
    let mut out = Vec::new();
    let mut first: StateMap<Vote> = StateMap::default();
    first.reserve(d.votes.len());
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
        if cache.is_member(members, &d.body, v.state, d.date) == Some(false) {
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

/// The bodies as composed on each date, built once per (body, date): composing the Assembly
/// walks the whole membership registry (Arts. 4 and 19 by date), which for the 6,203 roll
/// calls of unvotes, two kinds of question each, was most of the time fidelity took; the
/// roll calls share about a quarter as many dates.
#[derive(Default)]
pub(crate) struct Bodies {
    by_date: HashMap<(bool, Date), Result<Body, String>>,
}

impl Bodies {
    fn of(&mut self, b: &BodyRef, date: Date) -> Result<&Body, String> {
        let sc = match b {
            BodyRef::GeneralAssembly => false,
            BodyRef::SecurityCouncil => true,
            BodyRef::Custom(_) => return Err("custom bodies are decided live, not re-derived on import".into()),
        };
        self.by_date
            .entry((sc, date))
            .or_insert_with(|| if sc { Body::security_council(date).map_err(|e| e.to_string()) } else { Ok(Body::general_assembly(date)) })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The ballot the rules engine decides: each state's first row, absences left out, sorted by
/// state (a stable sort keeps the first of repeated rows first, and `dedup_by_key` keeps it).
/// Partial lists (the fixtures give 14 of 65 abstentions for ES-11/7) are decided from the
/// published totals; complete lists from the rows. Built once per decision, whatever the
/// number of readings tried.
fn ballot_of(d: &SourceDecision) -> Result<Ballot, String> {
    let mut rows: Vec<(StateCode, Vote)> = d.votes.iter().filter(|v| !matches!(v.vote, Vote::Absent)).map(|v| (v.state, v.vote)).collect();
    rows.sort_by_key(|r| r.0);
    rows.dedup_by_key(|r| r.0);
    let p = &d.published;
    let published_voters = p.yes.unwrap_or(0) + p.no.unwrap_or(0) + p.abstain.unwrap_or(0);
    let partial = (rows.len() as u32) < published_voters;
    if rows.is_empty() || partial {
        let (Some(yes), Some(no)) = (p.yes, p.no) else { return Err("neither state rows nor published totals".into()) };
        Ok(Ballot::from_tally(Tally { yes: yes.into(), no: no.into(), abstain: p.abstain.unwrap_or(0).into(), non_voting: p.non_voting.unwrap_or(0).into() }))
    } else {
        Ballot::from_votes(rows).map_err(|e| e.to_string())
    }
}

fn engine_decide(d: &SourceDecision, ballot: &Ballot, kind: QuestionKind, bodies: &mut Bodies) -> Result<Decision, String> {
    let body = bodies.of(&d.body, d.date)?;
    let q = Question::new(kind);
    decide(body, &q, ballot).map_err(|e| e.to_string())
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
/// `bodies` carries the bodies composed for earlier decisions of the same import.
pub(crate) fn derive_outcome(d: &SourceDecision, _members: &dyn Membership, bodies: &mut Bodies) -> Option<(String, String)> {
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
    let results: Vec<Result<Decision, String>> = match ballot_of(d) {
        Ok(ballot) => kinds.iter().map(|k| engine_decide(d, &ballot, *k, bodies)).collect(),
        // The body's own error first, as when each reading built its ballot after its body.
        Err(e) => vec![Err(bodies.of(&d.body, d.date).err().unwrap_or(e))],
    };
    match results.as_slice() {
        [Ok(a)] => Some((a.outcome.code().into(), explain(a))),
        [Ok(a), Ok(b)] if a.outcome == b.outcome => Some((a.outcome.code().into(), explain(a))),
        [Ok(a), Ok(b)] => match recorded_reading(d, [(a, kinds[0]), (b, kinds[1])]) {
            Some((chosen, kind, evidence)) => Some((
                chosen.outcome.code().into(),
                format!("{} as a {} question: {evidence}. {}", chosen.outcome.code(), kind.code(), explain(chosen)),
            )),
            None => Some((
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
        },
        [Err(e), ..] | [_, Err(e)] => Some(match d.published_outcome.as_deref().and_then(|l| label_code(l).map(|c| (l, c))) {
            // Not re-derived, but not unknown either: the source says what happened (the
            // verified fixtures' amendment of 24 February 2025, known by its 9 votes in favour
            // and Russia's veto).
            Some((label, code)) => (code.into(), format!("as the source records it ({label:?}); the record lacks the votes to re-derive it: {e}")),
            None => ("undetermined".into(), format!("the rules engine cannot decide this record: {e}")),
        }),
        _ => None,
    }
}

/// Where the source does not say which kind of question a Council decision was and the two
/// readings disagree (a permanent member's no on nine or more votes in favour: adopted if
/// procedural, Art. 27(2); vetoed if substantive, Art. 27(3)), the record itself may say which
/// happened:
/// - a Security Council resolution number ("S/RES/2623 (2022)") is given only to a text the
///   Council adopted (recorded practice: resolutions are numbered on adoption; a draft that
///   fails keeps its S/YYYY/NNN symbol), so the reading that adopts is the one the Council
///   took: it treated the question as procedural (e.g. 2623 (2022), convening the emergency
///   special session under resolution 377 A (V));
/// - otherwise the source's own label, where it names one of the two outcomes ("vetoed" for
///   S/2022/155 in the verified fixtures).
///
/// Returns the reading chosen, its kind, and the evidence in words; `None` leaves it open.
fn recorded_reading<'a>(d: &SourceDecision, readings: [(&'a Decision, QuestionKind); 2]) -> Option<(&'a Decision, QuestionKind, String)> {
    if !matches!(d.body, BodyRef::SecurityCouncil) {
        return None;
    }
    if let Some(symbol) = d.symbol.as_deref().filter(|s| s.starts_with("S/RES/")) {
        let (dec, kind) = readings.into_iter().find(|(dec, _)| dec.outcome.is_adopted())?;
        return Some((dec, kind, format!("it carries the resolution number {symbol}, given only on adoption, so the Council treated it as {}", kind.code())));
    }
    let label = d.published_outcome.as_deref()?;
    let code = label_code(label)?;
    let (dec, kind) = readings.into_iter().find(|(dec, _)| dec.outcome.code() == code)?;
    Some((dec, kind, format!("the source records it as {label:?}, the outcome of the {} reading", kind.code())))
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

/// The kinds of finding, with what each means, why it happens in the sources that produce it
/// and what a researcher should do about it: the one place these texts live, for
/// `plenary check` and the web pages. The codes are the `kind` column of `findings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    /// Published totals differ from the counts of the state rows (this module; the DGACM,
    /// SC archive and fixture parsers for their own totals).
    TallyMismatch,
    /// A state is recorded as voting on a date when, by `data/membership`, it was not a member.
    VoteByNonMember,
    /// A state appears twice in one decision with the same vote (the importer keeps one).
    DuplicateRow,
    /// A state appears twice in one decision with different votes (the first row is kept).
    ConflictingDuplicateRows,
    /// A parser's count of states listed twice with the same vote (DGACM, UN Digital Library).
    DuplicateRows,
    /// Two sources give the same resolution with different votes (merged by symbol or rcid).
    OverlapDisagreement,
    /// The SC archive's result label contradicts its own votes and the Charter.
    LabelContradictsVotes,
    /// The rules engine's outcome from the rows differs from the source's label.
    OutcomeMismatch,
    /// A field of a row cannot be read (Voeten's release: broken CSV quoting).
    UnreadableField,
    /// The DGACM record does not say whether the resolution was adopted by a vote.
    AdoptionTypeMissing,
    /// The DGACM file holds the same resolution more than once.
    RecordRepeated,
    /// The DGACM record says "recorded vote" but lists no state.
    RecordedVoteWithoutLists,
    /// A DGACM sponsor entry is not a state.
    SponsorNotAState,
    /// The fixtures list only some states' votes; the totals are complete.
    PartialVoteList,
    /// One fixture decision assembled from several files (a provenance note).
    MergedFromFiles,
    /// Two fixture files give different totals for one decision.
    SourcesDisagree,
    /// The UN Digital Library's SC file flags a member as permanent against Art. 23(1).
    PermanentMemberFlagWrong,
    /// The UN Digital Library's SC file records an adoption without a vote as every member "Y".
    WithoutVoteRecordedAsYes,
}

impl FindingKind {
    pub const ALL: &'static [FindingKind] = &[
        FindingKind::TallyMismatch,
        FindingKind::VoteByNonMember,
        FindingKind::DuplicateRow,
        FindingKind::ConflictingDuplicateRows,
        FindingKind::DuplicateRows,
        FindingKind::OverlapDisagreement,
        FindingKind::LabelContradictsVotes,
        FindingKind::OutcomeMismatch,
        FindingKind::UnreadableField,
        FindingKind::AdoptionTypeMissing,
        FindingKind::RecordRepeated,
        FindingKind::RecordedVoteWithoutLists,
        FindingKind::SponsorNotAState,
        FindingKind::PartialVoteList,
        FindingKind::MergedFromFiles,
        FindingKind::SourcesDisagree,
        FindingKind::PermanentMemberFlagWrong,
        FindingKind::WithoutVoteRecordedAsYes,
    ];

    /// The `kind` stored in `findings`.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::TallyMismatch => "tally-mismatch",
            FindingKind::VoteByNonMember => "vote-by-non-member",
            FindingKind::DuplicateRow => "duplicate-row",
            FindingKind::ConflictingDuplicateRows => "conflicting-duplicate-rows",
            FindingKind::DuplicateRows => "duplicate-rows",
            FindingKind::OverlapDisagreement => "overlap-disagreement",
            FindingKind::LabelContradictsVotes => "label-contradicts-votes",
            FindingKind::OutcomeMismatch => "outcome-mismatch",
            FindingKind::UnreadableField => "unreadable-field",
            FindingKind::AdoptionTypeMissing => "adoption-type-missing",
            FindingKind::RecordRepeated => "record-repeated",
            FindingKind::RecordedVoteWithoutLists => "recorded-vote-without-lists",
            FindingKind::SponsorNotAState => "sponsor-not-a-state",
            FindingKind::PartialVoteList => "partial-vote-list",
            FindingKind::MergedFromFiles => "merged-from-files",
            FindingKind::SourcesDisagree => "sources-disagree",
            FindingKind::PermanentMemberFlagWrong => "permanent-member-flag-wrong",
            FindingKind::WithoutVoteRecordedAsYes => "without-vote-recorded-as-yes",
        }
    }

    pub fn from_code(code: &str) -> Option<FindingKind> {
        FindingKind::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// What the finding says, in one sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            FindingKind::TallyMismatch => "The totals the source published differ from what its own state rows add up to.",
            FindingKind::VoteByNonMember => "A state is recorded as voting on a date when, by the membership data (admissions, successions, Security Council terms), it was not a member of that body.",
            FindingKind::DuplicateRow => "The same state appears twice in one decision with the same vote; one row is kept.",
            FindingKind::ConflictingDuplicateRows => "The same state appears twice in one decision with different votes; the first row is kept and the other is in the evidence.",
            FindingKind::DuplicateRows => "The source lists some states twice in one decision with the same vote; one row is kept for each.",
            FindingKind::OverlapDisagreement => "Two sources give the same resolution and disagree on some states' votes; both sources' rows are kept, the first source's are the decision's votes.",
            FindingKind::LabelContradictsVotes => "The source's outcome label (\"Rejected\", \"Vetoed\") contradicts its own votes and the fact that the text has a resolution number, which only an adopted draft gets.",
            FindingKind::OutcomeMismatch => "The outcome the rules engine derives from the votes (Charter Arts. 18 and 27) differs from the source's label.",
            FindingKind::UnreadableField => "A field of the source row cannot be read; the rest of the row is kept and the field is left empty.",
            FindingKind::AdoptionTypeMissing => "The source does not say whether the resolution was adopted by a recorded vote or without a vote.",
            FindingKind::RecordRepeated => "The source file holds the same resolution more than once; the last copy is imported and the differences of the earlier ones are in the evidence.",
            FindingKind::RecordedVoteWithoutLists => "The source says the resolution was adopted by a recorded vote but lists no state's vote (only totals, or nothing).",
            FindingKind::SponsorNotAState => "Sponsor entries that name no state are kept out of the sponsor lists; they are counted per file in the evidence.",
            FindingKind::PartialVoteList => "The source lists only some states' votes; the published totals are complete and the outcome is decided from them.",
            FindingKind::MergedFromFiles => "One decision was assembled from several files of the same source (totals from one, votes from another): a provenance note, not a fault.",
            FindingKind::SourcesDisagree => "Two files of the same source give different totals for one decision.",
            FindingKind::PermanentMemberFlagWrong => "The source's permanent-member flag contradicts Art. 23(1) (China, France, the Russian Federation / USSR, the United Kingdom, the United States).",
            FindingKind::WithoutVoteRecordedAsYes => "An adoption without a vote is recorded as every member voting yes; no rows are stored, since nobody voted.",
        }
    }

    /// Why it happens in `source` (a format name of `plenary import`).
    pub fn why(self, source: &str) -> &'static str {
        match (self, source) {
            (FindingKind::LabelContradictsVotes, "sc-archive") => "The archive's `result` is its compiler's label from a naive rule, wrong for 121 records (data/record/README.md, /work/shared/data README \"Know its faults\"): adoptions without a vote (every member \"not-voting\", summary 0-0-0) and adoptions of the 11-member era with 7 or 8 votes (Art. 27 before the 1965 amendment required 7) are labelled \"Rejected\"; procedural decisions with a permanent member's no (e.g. S/RES/34 (1947), S/RES/2623 (2022): Art. 27(2), no veto) are labelled \"Vetoed\".",
            (FindingKind::LabelContradictsVotes, _) => "The source's result label was not taken from the official record.",
            (FindingKind::TallyMismatch, "sc-archive") => "One record, S/RES/2812 (2026), has a summary of 13-0-2 while all 15 member votes are \"yes\": a fault of the compilation.",
            (FindingKind::TallyMismatch, "voeten") => "About 0.4% of Voeten's roll calls have country rows that do not add up to the published totals: rows missing or coded absent where the record shows a vote, or a misprinted total.",
            (FindingKind::TallyMismatch, "dgacm") => "The DGACM extract gives both the counts and the lists of names (MS_in_favour, MS_against, MS_abstaining); where a name is missing from a list they differ (A/RES/77/293: 59 abstentions published, 58 names listed). The parser and the importer each report it, so one resolution can have two such findings.",
            (FindingKind::TallyMismatch, "fixtures") => "The fixtures code members that did not vote as absent (\"-\") while the UN publishes them as non-voting (A/RES/ES-11/1: 12, A/RES/68/262: 24), and for A/RES/ES-11/7 and ES-11/8 the per-state lists are partial (see partial-vote-list).",
            (FindingKind::TallyMismatch, _) => "The published totals and the state rows were compiled separately.",
            (FindingKind::VoteByNonMember, "unvotes") | (FindingKind::VoteByNonMember, "voeten") => "In the bundled unvotes every such vote is dated between the 1st and the 7th of the month in which the state was admitted, days before its admission (Israel on 2-7 May 1949, admitted 11 May; Sudan, Morocco and Tunisia on 1-7 November 1956, admitted 12 November; the United Arab Emirates on 3-7 December 1971, admitted 9 December). A state votes only once admitted, so the roll call's date in the data is most likely earlier than the day of the vote, not the vote wrong.",
            (FindingKind::VoteByNonMember, _) => "The source names a state outside its membership period: a date typed wrong, a successor's name for a predecessor, or a membership date that data/membership gives differently.",
            (FindingKind::OverlapDisagreement, _) => "Session 74 is in both unvotes and the DGACM extract (and the fixtures repeat a few resolutions): the compilations were made independently and differ on a few states (late vote changes, states recorded as voting whom the other source lists as absent).",
            (FindingKind::OutcomeMismatch, "sc-archive") => "These are the archive's records labelled \"Rejected\" whose votes adopt them (the adoptions without a vote and of the 11-member era): the same fault as label-contradicts-votes, seen by the rules engine. It also has the records labelled \"Vetoed\" that carry a resolution number (34 (1947), 2623 (2022)...): with a permanent member's no the engine adopts a procedural question and finds a substantive one vetoed; the archive does not say which it was, but a resolution number is given only on adoption, so the Council treated the question as procedural and the label is wrong.",
            (FindingKind::OutcomeMismatch, _) => "Either the source's label is wrong, or the question needed a majority the source does not record (an important question under Art. 18(2), a procedural vote in the Council).",
            (FindingKind::UnreadableField, _) => "Some descriptions in Voeten's release contain unbalanced quotes that spill text into the issue-flag columns.",
            (FindingKind::AdoptionTypeMissing, _) => "The DGACM extract leaves `adoption_type` and `voting_type` empty for some resolutions in several parts (A/RES/79/259 A-C, A/RES/80/84 A-B), whose parts may have been adopted differently.",
            (FindingKind::RecordRepeated, _) => "The DGACM files are sequences of JSON objects and arrays, and some resolutions occur in them more than once. In the bundled files the copies differ in their additional sponsors, SDG tags or the spelling of the lists, not in the votes (the evidence says, per copy, whether the votes are the same).",
            (FindingKind::RecordedVoteWithoutLists, _) => "The DGACM extract gives the adoption type and the totals but no lists for some resolutions in several parts (A/RES/75/254 A-C: 168-2-0).",
            (FindingKind::SponsorNotAState, _) => "The DGACM sponsor lists hold text that is not a state name: \"INTRODUCED IN THE COMMITTEE BY THE REPRESENTATIVE OF ... ON BEHALF OF THE BUREAU\", facilitators (\"AHMED MAGDY (EGYPT) AND ON THE BASIS OF INFORMAL CONSULTATIONS\"), typos (\"NAMBIA\", \"MALTAS\"), names split in two (\"SOLOMON\", \"ISLANDS\"), several states in one entry, and the observer State of Palestine.",
            (FindingKind::DuplicateRows, "dgacm") => "The extract lists the same states twice in one list (A/RES/75/290 A: 137 states).",
            (FindingKind::DuplicateRows, _) | (FindingKind::DuplicateRow, _) | (FindingKind::ConflictingDuplicateRows, _) => "The source lists a state twice in one decision, in the same list or in two.",
            (FindingKind::PartialVoteList, _) => "For ES-11/7 (24 February 2025) the published voting table gives the yes and no lists in full but only 14 of the 65 abstentions.",
            (FindingKind::MergedFromFiles, _) => "The 24 February 2025 votes come from a totals file and a partial per-state file that are combined into one decision.",
            (FindingKind::SourcesDisagree, _) => "The fixture files were compiled from different published tables.",
            (FindingKind::PermanentMemberFlagWrong, _) => "The UN Digital Library's SC file sets `permanent_member` per row; some rows are set wrong.",
            (FindingKind::WithoutVoteRecordedAsYes, _) => "The UN Digital Library's SC file records adoptions without a vote as every member \"Y\" (with a vote note or 0-0-0 totals).",
        }
    }

    /// What a researcher should do about it.
    pub fn advice(self) -> &'static str {
        match self {
            FindingKind::TallyMismatch => "Use the published totals for the outcome (`show` prints both); when analysing per-state votes, check the decision against the official record (the meeting's verbatim record, A/PV or S/PV) before relying on the missing or extra rows.",
            FindingKind::VoteByNonMember => "Check the state's admission or succession date in data/membership against the date of the vote; for analysis by state, decide whether to count the vote under the successor or drop it, and say which.",
            FindingKind::DuplicateRow | FindingKind::DuplicateRows => "Nothing to do for counts (one row is kept); cite the source's list with care.",
            FindingKind::ConflictingDuplicateRows => "Check the state's vote in the official record; the kept row may be the wrong one.",
            FindingKind::OverlapDisagreement => "The decision's votes are the first source's; compare the differing states (in the evidence) with the verbatim record before using either.",
            FindingKind::LabelContradictsVotes => "Ignore the source's label: use `outcome`, which the rules engine derives from the votes (every record with a resolution number was adopted).",
            FindingKind::OutcomeMismatch => "Read the explanation: if the question was important (Art. 18(2)) or procedural (Art. 27(2)), the label may be right and the record lacks the flag; otherwise trust the derived outcome.",
            FindingKind::UnreadableField => "The roll call's votes are unaffected; recover the flag from the description by hand if the issue matters.",
            FindingKind::AdoptionTypeMissing => "Treat the outcome as adopted (it has a resolution number) but do not count it as consensus or as a recorded vote without checking the official record.",
            FindingKind::RecordRepeated => "Nothing to do: the last copy is used; if the evidence says the copies' votes differ, check the official record.",
            FindingKind::RecordedVoteWithoutLists => "Per-state analysis cannot use this resolution; take the votes from the UN Digital Library or the verbatim record if needed.",
            FindingKind::SponsorNotAState => "For sponsorship analysis, read the entries in the evidence: some are misspelt or split state names whose sponsorship is lost from the lists.",
            FindingKind::PartialVoteList => "Use the totals for the outcome; do not treat the states missing from the list as absent.",
            FindingKind::MergedFromFiles => "Nothing to do: a note of where each part came from.",
            FindingKind::SourcesDisagree => "Check the totals against the official record.",
            FindingKind::PermanentMemberFlagWrong => "Ignore the flag: permanent membership comes from the Charter (Art. 23(1)) and data/membership.",
            FindingKind::WithoutVoteRecordedAsYes => "Count the resolution as adopted without a vote, not as unanimous.",
        }
    }
}
