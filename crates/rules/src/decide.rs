//! [`decide`]: whether one question is adopted, why, and what the presiding officer announces.

use std::collections::{BTreeMap, BTreeSet};

use crate::ballot::{Ballot, Tally, VoteRecord};
use crate::body::{ApplicableRule, Body, BodyKind, QuestionNotAvailable};
use crate::majority::{Basis, Majority, QuestionKind};
use crate::states::{Date, StateCode};
use crate::vote::Vote;

/// What is being decided: the kind of question and, for the announcement, what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub kind: QuestionKind,
    pub subject: Subject,
    /// The document symbol, e.g. "A/ES-11/L.10", named in the announcement when known.
    pub symbol: Option<String>,
    /// The number it receives if adopted, e.g. "ES-11/7" or "2774 (2025)".
    pub adopted_as: Option<String>,
}

impl Question {
    /// A draft resolution of the given kind, without symbol.
    pub fn new(kind: QuestionKind) -> Question {
        Question {
            kind,
            subject: Subject::DraftResolution,
            symbol: None,
            adopted_as: None,
        }
    }
    pub fn about(mut self, subject: Subject) -> Question {
        self.subject = subject;
        self
    }
}

/// What is put to the vote, for the wording of the announcement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    DraftResolution,
    DraftDecision,
    Amendment,
    Motion,
    Proposal,
}

impl Subject {
    pub fn noun(self) -> &'static str {
        match self {
            Subject::DraftResolution => "draft resolution",
            Subject::DraftDecision => "draft decision",
            Subject::Amendment => "amendment",
            Subject::Motion => "motion",
            Subject::Proposal => "proposal",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Subject::DraftResolution => "draft_resolution",
            Subject::DraftDecision => "draft_decision",
            Subject::Amendment => "amendment",
            Subject::Motion => "motion",
            Subject::Proposal => "proposal",
        }
    }
    pub fn from_code(s: &str) -> Option<Subject> {
        [
            Subject::DraftResolution,
            Subject::DraftDecision,
            Subject::Amendment,
            Subject::Motion,
            Subject::Proposal,
        ]
        .into_iter()
        .find(|x| x.code() == s)
    }
}

/// The result.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Adopted,
    /// Not adopted: the required majority was not obtained (or no quorum).
    Rejected,
    /// Not adopted although the required votes were obtained: a negative vote of a permanent
    /// member (Art. 27(3)), named in `by`.
    Vetoed {
        by: Vec<StateCode>,
    },
}

impl Outcome {
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::Rejected => "rejected",
            Outcome::Vetoed { .. } => "vetoed",
        }
    }
    pub fn is_adopted(&self) -> bool {
        matches!(self, Outcome::Adopted)
    }
    /// The veto holders whose no blocked adoption (empty unless vetoed).
    pub fn vetoed_by(&self) -> &[StateCode] {
        match self {
            Outcome::Vetoed { by } => by,
            _ => &[],
        }
    }
}

/// Why, as a machine-readable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The required majority (or number of votes) was obtained, and no veto was cast.
    RequiredMajorityObtained,
    /// Fewer affirmative votes than the majority requires (GA Art. 18; custom bodies).
    FailedToObtainRequiredMajority,
    /// Fewer affirmative votes than the Council requires (Art. 27: nine, seven before 1966),
    /// whatever the permanent members did.
    FailedToObtainRequiredNumberOfVotes,
    /// As many yes as no votes: the proposal is rejected (GA rule 95).
    EquallyDivided,
    /// Enough votes, but a permanent member voted no (Art. 27(3)).
    NegativeVoteOfPermanentMember,
    /// Fewer members present than the quorum (GA rule 67; custom bodies).
    QuorumNotPresent,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::RequiredMajorityObtained => "required-majority-obtained",
            Reason::FailedToObtainRequiredMajority => "failed-to-obtain-required-majority",
            Reason::FailedToObtainRequiredNumberOfVotes => {
                "failed-to-obtain-required-number-of-votes"
            }
            Reason::EquallyDivided => "equally-divided",
            Reason::NegativeVoteOfPermanentMember => "negative-vote-of-permanent-member",
            Reason::QuorumNotPresent => "quorum-not-present",
        }
    }
}

/// A decision, with every figure it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    pub non_voting: u64,
    pub absent: u64,
    /// Yes plus no (GA rule 86: abstainers are considered as not voting).
    pub present_and_voting: u64,
    /// Affirmative votes the majority required on these figures.
    pub required: u64,
    pub reason: Reason,
    pub majority: Majority,
    /// The source of the rule applied.
    pub rule: &'static str,
    /// What the presiding officer announces, in the UN's words.
    pub announcement: String,
}

/// Why a question cannot be decided as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecideError {
    #[error("{code} is not a member of the {body}{on}", on = on_date(*date))]
    NotAMember {
        code: StateCode,
        body: String,
        date: Option<Date>,
    },
    #[error(transparent)]
    QuestionNotAvailable(#[from] QuestionNotAvailable),
    #[error("{code} has no vote under Art. 19 (arrears) but is recorded as {vote}", vote = vote_words(*vote))]
    NoVoteUnderArticle19 { code: StateCode, vote: Vote },
    #[error("the tally counts {counted} present ({yes} yes, {no} no, {abstain} abstaining, {non_voting} not voting), more than the {size} members of the {body}", yes = tally.yes, no = tally.no, abstain = tally.abstain, non_voting = tally.non_voting)]
    TallyAboveBodySize {
        tally: Tally,
        counted: u64,
        size: u64,
        body: String,
    },
    #[error("the tally gives {tally} {category} but the list has {listed}")]
    TallyContradictsList {
        category: &'static str,
        tally: u64,
        listed: u64,
    },
    #[error("{code} is in permanent_against but is not a permanent member of the {body}")]
    NotAPermanentMember { code: StateCode, body: String },
    #[error("{code} is in permanent_against but is recorded as {vote}", vote = vote_words(*vote))]
    PermanentAgainstContradictsVotes { code: StateCode, vote: Vote },
    #[error(
        "permanent_against names {named} permanent members but the tally has only {no} no votes"
    )]
    PermanentAgainstExceedsNo { named: u64, no: u64 },
    #[error(
        "the tally has {yes} affirmative votes (enough) and {no} against: give permanent_against (the permanent members that voted no, [] if none) to know whether this is a veto"
    )]
    PermanentAgainstNeeded { yes: u64, no: u64 },
    #[error("{code} was declared obliged to abstain under Art. 27(3) but is recorded as {vote}", vote = vote_words(*vote))]
    PartyVoted { code: StateCode, vote: Vote },
    #[error("parties_abstaining: {reason}")]
    PartiesAbstainingNotApplicable { reason: &'static str },
}

fn on_date(d: Option<Date>) -> String {
    d.map(|d| format!(" on {d}")).unwrap_or_default()
}

fn vote_words(v: Vote) -> &'static str {
    match v {
        Vote::Yes => "voting yes",
        Vote::No => "voting no",
        Vote::Abstain => "abstaining",
        Vote::NonVoting => "present and not voting",
        Vote::Absent => "absent",
    }
}

/// Counted figures, by weight.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    yes: u64,
    no: u64,
    abstain: u64,
    non_voting: u64,
    absent: u64,
}

/// Decides one question.
///
/// Checks the ballot against the body (every voter a member, no vote for a member without a
/// vote under Art. 19, a tally no larger than the body), then applies the body's rule for the
/// kind of question: the quorum, the majority, and for the Security Council's substantive
/// questions the veto (Art. 27(3)): only a permanent member's no on a draft that had the
/// required affirmative votes is a veto.
pub fn decide(body: &Body, question: &Question, ballot: &Ballot) -> Result<Decision, DecideError> {
    let rule = body.rule_for(question.kind)?;
    check_parties(body, question, ballot, &rule)?;
    let (counts, veto_no) = count(body, ballot)?;

    let present = counts.yes + counts.no + counts.abstain + counts.non_voting;
    let present_and_voting = counts.yes + counts.no;
    let (required, met) = majority_required(&rule.majority, &counts, body.size());

    let (outcome, reason, required) =
        if let Some(q) = body.quorum().filter(|q| present < q.required(body.size())) {
            let _ = q;
            (Outcome::Rejected, Reason::QuorumNotPresent, required)
        } else if !met {
            let reason = match rule.majority {
                Majority::AffirmativeVotes { .. } => Reason::FailedToObtainRequiredNumberOfVotes,
                _ if counts.yes == counts.no && equality_is_a_tie(&rule.majority) => {
                    Reason::EquallyDivided
                }
                _ => Reason::FailedToObtainRequiredMajority,
            };
            (Outcome::Rejected, reason, required)
        } else if rule.veto && counts.no > 0 {
            let by = match veto_no {
                Some(by) => by,
                None => {
                    return Err(DecideError::PermanentAgainstNeeded {
                        yes: counts.yes,
                        no: counts.no,
                    });
                }
            };
            if by.is_empty() {
                (Outcome::Adopted, Reason::RequiredMajorityObtained, required)
            } else {
                (
                    Outcome::Vetoed {
                        by: by.into_iter().collect(),
                    },
                    Reason::NegativeVoteOfPermanentMember,
                    required,
                )
            }
        } else {
            (Outcome::Adopted, Reason::RequiredMajorityObtained, required)
        };

    let mut decision = Decision {
        outcome,
        yes: counts.yes,
        no: counts.no,
        abstain: counts.abstain,
        non_voting: counts.non_voting,
        absent: counts.absent,
        present_and_voting,
        required,
        reason,
        majority: rule.majority,
        rule: if reason == Reason::QuorumNotPresent {
            quorum_citation(body.kind())
        } else {
            rule.citation
        },
        announcement: String::new(),
    };
    decision.announcement = crate::announce::announcement(body, question, &decision, present);
    Ok(decision)
}

fn quorum_citation(kind: BodyKind) -> &'static str {
    match kind {
        BodyKind::GeneralAssembly => "GA rule 67",
        _ => "the body's rules (quorum)",
    }
}

/// Whether yes == no is the rule-95 case: majorities that are "more than" a half of those
/// voting, where a tie is neither a majority for nor against.
fn equality_is_a_tie(m: &Majority) -> bool {
    matches!(
        m,
        Majority::SimplePresentAndVoting
            | Majority::TwoThirdsPresentAndVoting
            | Majority::Custom {
                basis: Basis::PresentAndVoting,
                ..
            }
    )
}

/// The affirmative votes required and whether they were obtained.
fn majority_required(m: &Majority, c: &Counts, size: u64) -> (u64, bool) {
    let required = match *m {
        // Art. 18(3), rule 86: more yes than no. Equivalent to "more than half of yes + no".
        Majority::SimplePresentAndVoting => {
            crate::majority::Threshold::MORE_THAN_HALF.required(c.yes + c.no)
        }
        // Art. 18(2): yes >= 2 x no, i.e. at least two-thirds of yes + no.
        Majority::TwoThirdsPresentAndVoting => {
            crate::majority::Threshold::TWO_THIRDS.required(c.yes + c.no)
        }
        Majority::AffirmativeVotes { required } => required,
        Majority::Custom {
            basis,
            threshold,
            abstentions_count,
        } => {
            let n = match basis {
                Basis::PresentAndVoting if abstentions_count => c.yes + c.no + c.abstain,
                Basis::PresentAndVoting => c.yes + c.no,
                Basis::Present => c.yes + c.no + c.abstain + c.non_voting,
                Basis::AllMembers => size,
            };
            threshold.required(n)
        }
    };
    (required, c.yes >= required)
}

fn check_parties(
    body: &Body,
    question: &Question,
    ballot: &Ballot,
    rule: &ApplicableRule,
) -> Result<(), DecideError> {
    if ballot.parties_abstaining.is_empty() {
        return Ok(());
    }
    if body.kind() != BodyKind::SecurityCouncil {
        return Err(DecideError::PartiesAbstainingNotApplicable {
            reason: "only the Security Council's members abstain as parties to a dispute (Art. 27(3))",
        });
    }
    if question.kind == QuestionKind::Procedural || !rule.veto {
        return Err(DecideError::PartiesAbstainingNotApplicable {
            reason: "Art. 27(3) obliges a party to abstain only in decisions under Chapter VI and Art. 52(3), which are not procedural",
        });
    }
    for &code in &ballot.parties_abstaining {
        if body.member(code).is_none() {
            return Err(not_a_member(body, code));
        }
        let vote = match &ballot.record {
            VoteRecord::PerMember(v) => v.get(&code).copied(),
            VoteRecord::TallyWithKnownVotes { known, .. } => known.get(&code).copied(),
            VoteRecord::Tally(_) => None,
        };
        if let Some(v @ (Vote::Yes | Vote::No)) = vote {
            return Err(DecideError::PartyVoted { code, vote: v });
        }
        if ballot
            .permanent_against
            .as_ref()
            .is_some_and(|p| p.contains(&code))
        {
            return Err(DecideError::PartyVoted {
                code,
                vote: Vote::No,
            });
        }
    }
    Ok(())
}

fn not_a_member(body: &Body, code: StateCode) -> DecideError {
    DecideError::NotAMember {
        code,
        body: body.name().to_string(),
        date: body.date(),
    }
}

/// Checks one member's vote and returns its weight.
fn check_vote(body: &Body, code: StateCode, vote: Vote) -> Result<u64, DecideError> {
    let member = body.member(code).ok_or_else(|| not_a_member(body, code))?;
    if body.has_no_vote(code) && matches!(vote, Vote::Yes | Vote::No | Vote::Abstain) {
        return Err(DecideError::NoVoteUnderArticle19 { code, vote });
    }
    Ok(member.weight)
}

fn add(c: &mut Counts, vote: Vote, w: u64) {
    match vote {
        Vote::Yes => c.yes += w,
        Vote::No => c.no += w,
        Vote::Abstain => c.abstain += w,
        Vote::NonVoting => c.non_voting += w,
        Vote::Absent => c.absent += w,
    }
}

/// The counts, and the veto holders that voted no when that is known.
fn count(
    body: &Body,
    ballot: &Ballot,
) -> Result<(Counts, Option<BTreeSet<StateCode>>), DecideError> {
    match &ballot.record {
        VoteRecord::PerMember(votes) => {
            let mut c = Counts::default();
            for (&code, &vote) in votes {
                let w = check_vote(body, code, vote)?;
                add(&mut c, vote, w);
            }
            // Members not listed are absent; members without a vote under Art. 19 who are
            // present are recorded as X by the caller.
            c.absent = body.size() - (c.yes + c.no + c.abstain + c.non_voting);
            let veto_no: BTreeSet<StateCode> = body
                .veto_holders()
                .filter(|code| votes.get(code) == Some(&Vote::No))
                .collect();
            if let Some(declared) = &ballot.permanent_against {
                check_declared_against(body, declared, votes, true)?;
                if let Some(&code) = veto_no.iter().find(|c| !declared.contains(c)) {
                    return Err(DecideError::PermanentAgainstContradictsVotes {
                        code,
                        vote: Vote::No,
                    });
                }
            }
            Ok((c, Some(veto_no)))
        }
        VoteRecord::Tally(t) => {
            let c = tally_counts(body, t)?;
            let veto_no = match &ballot.permanent_against {
                Some(declared) => {
                    check_declared_against(body, declared, &BTreeMap::new(), false)?;
                    Some(declared.clone())
                }
                None => None,
            };
            if let Some(v) = &veto_no {
                check_against_count(v, t)?;
            }
            Ok((c, veto_no))
        }
        VoteRecord::TallyWithKnownVotes { tally, known } => {
            let c = tally_counts(body, tally)?;
            let mut listed = Counts::default();
            for (&code, &vote) in known {
                let w = check_vote(body, code, vote)?;
                add(&mut listed, vote, w);
            }
            for (category, t, l) in [
                ("yes", tally.yes, listed.yes),
                ("no", tally.no, listed.no),
                ("abstain", tally.abstain, listed.abstain),
                ("non_voting", tally.non_voting, listed.non_voting),
            ] {
                if l > t {
                    return Err(DecideError::TallyContradictsList {
                        category,
                        tally: t,
                        listed: l,
                    });
                }
            }
            let complete =
                listed.yes + listed.no + listed.abstain + listed.non_voting + listed.absent
                    == body.size();
            if complete {
                for (category, t, l) in [
                    ("yes", tally.yes, listed.yes),
                    ("no", tally.no, listed.no),
                    ("abstain", tally.abstain, listed.abstain),
                    ("non_voting", tally.non_voting, listed.non_voting),
                ] {
                    if l != t {
                        return Err(DecideError::TallyContradictsList {
                            category,
                            tally: t,
                            listed: l,
                        });
                    }
                }
            }
            let listed_no: BTreeSet<StateCode> = body
                .veto_holders()
                .filter(|code| known.get(code) == Some(&Vote::No))
                .collect();
            let veto_no = match &ballot.permanent_against {
                Some(declared) => {
                    check_declared_against(body, declared, known, false)?;
                    if let Some(&code) = listed_no.iter().find(|c| !declared.contains(c)) {
                        return Err(DecideError::PermanentAgainstContradictsVotes {
                            code,
                            vote: Vote::No,
                        });
                    }
                    Some(declared.clone())
                }
                // Known only if every veto holder's vote is in the list.
                None if body.veto_holders().all(|code| known.contains_key(&code)) => {
                    Some(listed_no)
                }
                None => None,
            };
            if let Some(v) = &veto_no {
                check_against_count(v, tally)?;
            }
            Ok((c, veto_no))
        }
    }
}

fn check_against_count(v: &BTreeSet<StateCode>, t: &Tally) -> Result<(), DecideError> {
    if v.len() as u64 > t.no {
        return Err(DecideError::PermanentAgainstExceedsNo {
            named: v.len() as u64,
            no: t.no,
        });
    }
    Ok(())
}

fn check_declared_against(
    body: &Body,
    declared: &BTreeSet<StateCode>,
    votes: &BTreeMap<StateCode, Vote>,
    complete: bool,
) -> Result<(), DecideError> {
    for &code in declared {
        match body.member(code) {
            None => return Err(not_a_member(body, code)),
            Some(m) if !m.veto => {
                return Err(DecideError::NotAPermanentMember {
                    code,
                    body: body.name().to_string(),
                });
            }
            _ => {}
        }
        match votes.get(&code) {
            Some(Vote::No) => {}
            Some(&v) => {
                return Err(DecideError::PermanentAgainstContradictsVotes { code, vote: v });
            }
            None if complete => {
                return Err(DecideError::PermanentAgainstContradictsVotes {
                    code,
                    vote: Vote::Absent,
                });
            }
            None => {}
        }
    }
    Ok(())
}

fn tally_counts(body: &Body, t: &Tally) -> Result<Counts, DecideError> {
    let size = body.size();
    let present = t.present();
    if present > size {
        return Err(DecideError::TallyAboveBodySize {
            tally: *t,
            counted: present,
            size,
            body: body.name().to_string(),
        });
    }
    Ok(Counts {
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
        non_voting: t.non_voting,
        absent: size - present,
    })
}
