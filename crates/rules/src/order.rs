//! The order of voting: given what is before a body on one question, which vote comes next,
//! why, and how each result changes what follows.
//!
//! A small deterministic state machine: [`VotingOrder::new`] takes the items (motions,
//! competing proposals in their order of submission, amendments, parts for division);
//! [`VotingOrder::next`] gives the step to put to the vote now, with the rule that puts it
//! there; [`VotingOrder::record`] feeds back its result. The sources:
//!
//! - procedural motions first, in order of precedence: GA rule 77 (suspend the meeting,
//!   adjourn the meeting, adjourn the debate (rule 74), close the debate (rule 75)); SC rule 33
//!   (suspend, adjourn, adjourn to a certain day or hour, refer, postpone);
//! - amendments before the proposal, the one furthest removed in substance first (the chair
//!   ranks them; submission order by default), amendments to an amendment before it (GA rule
//!   90; SC rule 36); an adopted amendment changes the text voted next; if any is adopted the
//!   amended proposal is then voted;
//! - competing proposals in their order of submission; after each vote the body may decide
//!   whether to vote on the next (GA rule 91; SC rule 32);
//! - division: parts voted separately first, then the whole; if every operative part is
//!   rejected, the proposal is rejected as a whole (GA rule 89; SC rule 32);
//! - reconsideration of a decided proposal needs two-thirds (GA rule 81).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::body::BodyKind;
use crate::decide::{Outcome, Subject};
use crate::majority::QuestionKind;
use crate::states::StateCode;

/// A procedural motion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MotionKind {
    /// GA rule 76; SC rule 33(1).
    SuspendMeeting,
    /// GA rule 76; SC rule 33(2).
    AdjournMeeting,
    /// SC rule 33(3): to adjourn the meeting to a certain day or hour.
    AdjournMeetingTo,
    /// SC rule 33(4): to refer any matter to a committee, the Secretary-General or a rapporteur.
    Refer,
    /// SC rule 33(5): to postpone discussion of the question to a certain day or indefinitely.
    Postpone,
    /// GA rule 74: adjournment of the debate (the "no-action motion").
    AdjournDebate,
    /// GA rule 75: closure of the debate.
    CloseDebate,
}

impl MotionKind {
    /// Rank in the order of precedence for this body (lower first); `None` if the body's
    /// rules have no such motion.
    fn precedence(self, body: BodyKind) -> Option<u8> {
        use MotionKind::*;
        match body {
            // GA rule 77.
            BodyKind::GeneralAssembly => match self {
                SuspendMeeting => Some(1),
                AdjournMeeting => Some(2),
                AdjournDebate => Some(3),
                CloseDebate => Some(4),
                _ => None,
            },
            // SC provisional rule 33.
            BodyKind::SecurityCouncil => match self {
                SuspendMeeting => Some(1),
                AdjournMeeting => Some(2),
                AdjournMeetingTo => Some(3),
                Refer => Some(4),
                Postpone => Some(5),
                _ => None,
            },
            BodyKind::Custom => Some(match self {
                SuspendMeeting => 1,
                AdjournMeeting => 2,
                AdjournMeetingTo => 3,
                Refer => 4,
                Postpone => 5,
                AdjournDebate => 6,
                CloseDebate => 7,
            }),
        }
    }

    /// Whether adopting it ends the voting on the question for now. Only closure of the
    /// debate leads to the vote (Sabel, Procedure at International Conferences, ch. 9).
    pub fn ends_voting(self) -> bool {
        !matches!(self, MotionKind::CloseDebate)
    }

    pub fn words(self) -> &'static str {
        match self {
            MotionKind::SuspendMeeting => "to suspend the meeting",
            MotionKind::AdjournMeeting => "to adjourn the meeting",
            MotionKind::AdjournMeetingTo => "to adjourn the meeting to a certain day or hour",
            MotionKind::Refer => "to refer the matter",
            MotionKind::Postpone => "to postpone discussion of the question",
            MotionKind::AdjournDebate => "to adjourn the debate",
            MotionKind::CloseDebate => "to close the debate",
        }
    }
}

/// A part of a proposal voted separately on request (division).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub id: String,
    /// An operative paragraph (rule 89 looks at whether every operative part was rejected).
    pub operative: bool,
}

/// Something before the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Motion {
        id: String,
        kind: MotionKind,
    },
    /// A proposal (draft resolution or decision). Proposals compete in the order given.
    Proposal {
        id: String,
        kind: QuestionKind,
        parts: Vec<Part>,
    },
    /// An amendment to a proposal or to another amendment. `rank`: the chair's ranking by
    /// remoteness in substance (1 = furthest removed, voted first); unranked amendments follow
    /// in submission order. `excludes`: amendments its adoption implies rejecting, which are
    /// then not put to the vote (GA rule 90).
    Amendment {
        id: String,
        to: String,
        rank: Option<u32>,
        excludes: Vec<String>,
    },
}

impl Item {
    pub fn motion(id: &str, kind: MotionKind) -> Item {
        Item::Motion {
            id: id.into(),
            kind,
        }
    }
    pub fn proposal(id: &str, kind: QuestionKind) -> Item {
        Item::Proposal {
            id: id.into(),
            kind,
            parts: vec![],
        }
    }
    pub fn divided(id: &str, kind: QuestionKind, parts: &[(&str, bool)]) -> Item {
        Item::Proposal {
            id: id.into(),
            kind,
            parts: parts
                .iter()
                .map(|(p, op)| Part {
                    id: (*p).into(),
                    operative: *op,
                })
                .collect(),
        }
    }
    pub fn amendment(id: &str, to: &str) -> Item {
        Item::Amendment {
            id: id.into(),
            to: to.into(),
            rank: None,
            excludes: vec![],
        }
    }
    pub fn ranked_amendment(id: &str, to: &str, rank: u32) -> Item {
        Item::Amendment {
            id: id.into(),
            to: to.into(),
            rank: Some(rank),
            excludes: vec![],
        }
    }
    pub fn id(&self) -> &str {
        match self {
            Item::Motion { id, .. } | Item::Proposal { id, .. } | Item::Amendment { id, .. } => id,
        }
    }
}

/// What a step puts to the vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Motion {
        motion: String,
        kind: MotionKind,
    },
    Amendment {
        amendment: String,
        to: String,
    },
    Part {
        proposal: String,
        part: String,
    },
    /// The proposal (as a whole), with the amendments adopted so far and the parts retained.
    Proposal {
        proposal: String,
        amended_by: Vec<String>,
        parts_removed: Vec<String>,
    },
    /// Whether to vote on the next competing proposal (GA rule 91).
    WhetherToVoteOnNext {
        next: String,
    },
    /// Whether to reconsider a decided proposal (GA rule 81).
    Reconsideration {
        of: String,
    },
}

/// One vote to take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// 1 for the first vote taken, then 2, 3...
    pub number: usize,
    pub action: Action,
    /// The kind of question to give [`crate::decide`].
    pub question: QuestionKind,
    pub subject: Subject,
    /// Why this vote comes now, citing the rule.
    pub reason: String,
}

/// What the body decided on a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StepResult {
    Adopted,
    Rejected,
    /// For [`Action::WhetherToVoteOnNext`] only: nobody moved it, the next proposal is voted.
    NotMoved,
}

impl From<&Outcome> for StepResult {
    fn from(o: &Outcome) -> StepResult {
        if o.is_adopted() {
            StepResult::Adopted
        } else {
            StepResult::Rejected
        }
    }
}

/// Where an item ended up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disposition {
    Adopted,
    Rejected,
    /// Every operative part was rejected in a division: rejected as a whole without a vote
    /// (GA rule 89).
    RejectedAsAWhole,
    /// Not adopted owing to the negative vote of a permanent member (Art. 27(3)): recorded
    /// apart, since a veto convenes the General Assembly within ten working days (GA res.
    /// 76/262, applied to vetoed amendments too, GA/12677).
    Vetoed {
        by: Vec<StateCode>,
    },
    /// Not voted, and why.
    NotPutToVote {
        because: String,
    },
}

/// Items that cannot be ordered, or a result that does not fit the step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("two items have the id {0:?}")]
    DuplicateId(String),
    #[error("amendment {amendment:?} amends {to:?}, which is not before the body")]
    UnknownTarget { amendment: String, to: String },
    #[error("amendment {0:?} amends itself, directly or through other amendments")]
    CircularAmendment(String),
    #[error(
        "amendment {amendment:?} excludes {excluded:?}, which is not an amendment before the body"
    )]
    UnknownExcluded { amendment: String, excluded: String },
    #[error("the {body} has no motion {words} in its rules")]
    MotionNotInRules {
        body: &'static str,
        words: &'static str,
    },
    #[error("proposal {proposal:?} has two parts called {part:?}")]
    DuplicatePart { proposal: String, part: String },
    #[error("there is no vote to record: the voting is over")]
    NothingToRecord,
    #[error("{0:?} is a result only for the decision whether to vote on the next proposal")]
    ResultNotApplicable(StepResult),
    #[error("{0:?} is not a decided proposal")]
    NotDecided(String),
    #[error("the Security Council's provisional rules have no reconsideration")]
    NoReconsideration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    Motion(usize),
    Amendment(usize),
    Part(usize, usize),
    Whole(usize),
    WhetherNext(usize),
    Reconsider(usize),
    Revote(usize),
}

/// The state machine.
#[derive(Clone, Debug)]
pub struct VotingOrder {
    body: BodyKind,
    items: Vec<Item>,
    queue: VecDeque<Pending>,
    current: Option<(Pending, Step)>,
    taken: usize,
    history: Vec<(Step, StepResult)>,
    dispositions: BTreeMap<usize, Disposition>,
    /// Adopted amendments by the index of what they amend, in the order adopted.
    adopted: BTreeMap<usize, Vec<usize>>,
    rejected_parts: BTreeMap<usize, BTreeSet<usize>>,
    /// Proposals the body decided not to vote on, and amendments excluded.
    skipped: BTreeMap<usize, String>,
    ended_by: Option<String>,
}

impl VotingOrder {
    /// Orders the items before `body`. Proposals compete in the order given (their order of
    /// submission).
    pub fn new(body: BodyKind, items: Vec<Item>) -> Result<VotingOrder, OrderError> {
        let mut index = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            if index.insert(item.id().to_string(), i).is_some() {
                return Err(OrderError::DuplicateId(item.id().into()));
            }
        }
        let mut motions = vec![];
        let mut proposals = vec![];
        let mut amendments_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Motion { kind, .. } => {
                    let p = kind.precedence(body).ok_or(OrderError::MotionNotInRules {
                        body: body_name(body),
                        words: kind.words(),
                    })?;
                    motions.push((p, i));
                }
                Item::Proposal { id, parts, .. } => {
                    let mut seen = BTreeSet::new();
                    for p in parts {
                        if !seen.insert(&p.id) {
                            return Err(OrderError::DuplicatePart {
                                proposal: id.clone(),
                                part: p.id.clone(),
                            });
                        }
                    }
                    proposals.push(i);
                }
                Item::Amendment {
                    id, to, excludes, ..
                } => {
                    let t = *index.get(to).ok_or_else(|| OrderError::UnknownTarget {
                        amendment: id.clone(),
                        to: to.clone(),
                    })?;
                    if matches!(items[t], Item::Motion { .. }) {
                        return Err(OrderError::UnknownTarget {
                            amendment: id.clone(),
                            to: to.clone(),
                        });
                    }
                    for e in excludes {
                        match index.get(e) {
                            Some(&x) if matches!(items[x], Item::Amendment { .. }) => {}
                            _ => {
                                return Err(OrderError::UnknownExcluded {
                                    amendment: id.clone(),
                                    excluded: e.clone(),
                                });
                            }
                        }
                    }
                    amendments_of.entry(t).or_default().push(i);
                }
            }
        }
        let mut order = VotingOrder {
            body,
            items,
            queue: VecDeque::new(),
            current: None,
            taken: 0,
            history: vec![],
            dispositions: BTreeMap::new(),
            adopted: BTreeMap::new(),
            rejected_parts: BTreeMap::new(),
            skipped: BTreeMap::new(),
            ended_by: None,
        };
        // Every amendment must lead to a proposal.
        for (i, item) in order.items.iter().enumerate() {
            if matches!(item, Item::Amendment { .. }) {
                order
                    .root_of(i)
                    .ok_or_else(|| OrderError::CircularAmendment(item.id().into()))?;
            }
        }
        motions.sort_by_key(|&(p, i)| (p, i));
        order
            .queue
            .extend(motions.into_iter().map(|(_, i)| Pending::Motion(i)));
        for (k, &p) in proposals.iter().enumerate() {
            if k > 0 {
                order.queue.push_back(Pending::WhetherNext(p));
            }
            let mut seq = vec![];
            order.amendments_in_order(p, &amendments_of, &mut seq);
            order.queue.extend(seq.into_iter().map(Pending::Amendment));
            if let Item::Proposal { parts, .. } = &order.items[p] {
                order
                    .queue
                    .extend((0..parts.len()).map(|j| Pending::Part(p, j)));
            }
            order.queue.push_back(Pending::Whole(p));
        }
        Ok(order)
    }

    /// Amendments to `target`, each preceded by its own amendments: ranked ones by rank,
    /// then unranked ones in submission order.
    fn amendments_in_order(
        &self,
        target: usize,
        of: &BTreeMap<usize, Vec<usize>>,
        out: &mut Vec<usize>,
    ) {
        let Some(list) = of.get(&target) else { return };
        let mut list = list.clone();
        list.sort_by_key(|&i| match &self.items[i] {
            Item::Amendment { rank: Some(r), .. } => (0, *r as usize, i),
            _ => (1, 0, i),
        });
        for a in list {
            self.amendments_in_order(a, of, out);
            out.push(a);
        }
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|it| it.id() == id)
    }

    /// The proposal an amendment finally amends; `None` on a cycle.
    fn root_of(&self, mut i: usize) -> Option<usize> {
        for _ in 0..=self.items.len() {
            match &self.items[i] {
                Item::Proposal { .. } => return Some(i),
                Item::Amendment { to, .. } => i = self.index_of(to)?,
                Item::Motion { .. } => return None,
            }
        }
        None
    }

    fn kind_of(&self, proposal: usize) -> QuestionKind {
        match &self.items[proposal] {
            Item::Proposal { kind, .. } => *kind,
            _ => QuestionKind::Simple,
        }
    }

    fn id(&self, i: usize) -> String {
        self.items[i].id().to_string()
    }

    /// The vote to take now, or `None` when voting on the question is over. Calling it again
    /// without [`record`](Self::record) returns the same step. (Not an iterator: it does not
    /// advance by itself.)
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Step> {
        if let Some((_, step)) = &self.current {
            return Some(step.clone());
        }
        while let Some(p) = self.queue.pop_front() {
            if let Some(step) = self.make_step(p) {
                self.current = Some((p, step.clone()));
                return Some(step);
            }
        }
        None
    }

    /// The rest of the plan if every vote went as far as it can without changing it (every
    /// motion rejected, nothing else skipped): a preview for the chair and the screens.
    pub fn plan(&self) -> Vec<Step> {
        let mut preview = self.clone();
        let mut out = vec![];
        while let Some(step) = preview.next() {
            let result = match step.action {
                Action::Motion { .. } => StepResult::Rejected,
                Action::WhetherToVoteOnNext { .. } => StepResult::NotMoved,
                Action::Reconsideration { .. } => StepResult::Rejected,
                _ => StepResult::Adopted,
            };
            out.push(step);
            if preview.record(result).is_err() {
                break;
            }
        }
        out
    }

    /// Builds the step for a pending entry, or settles it without a vote (returns `None`).
    fn make_step(&mut self, p: Pending) -> Option<Step> {
        let ga = self.body != BodyKind::SecurityCouncil;
        let (action, question, subject, reason) = match p {
            Pending::Motion(i) => {
                let Item::Motion { kind, .. } = &self.items[i] else { return None };
                let reason = if ga {
                    "procedural motions are voted on before all other proposals, in the order of precedence of GA rule 77: to suspend the meeting, to adjourn the meeting, to adjourn the debate, to close the debate"
                } else {
                    "procedural motions have precedence over draft resolutions, in the order of SC rule 33: to suspend, to adjourn, to adjourn to a certain day or hour, to refer, to postpone"
                };
                (Action::Motion { motion: self.id(i), kind: *kind }, QuestionKind::Procedural, Subject::Motion, reason.to_string())
            }
            Pending::Amendment(i) => {
                let root = self.root_of(i)?;
                if self.settled(root) {
                    return None;
                }
                if let Some(why) = self.excluded(i) {
                    self.dispositions.insert(i, Disposition::NotPutToVote { because: why });
                    return None;
                }
                let Item::Amendment { to, rank, .. } = &self.items[i] else { return None };
                let to_amendment = matches!(self.items[self.index_of(to)?], Item::Amendment { .. });
                let rule = if ga { "GA rule 90" } else { "SC rule 36" };
                let reason = if to_amendment {
                    format!("an amendment to an amendment is voted on before the amendment it amends ({rule})")
                } else if rank.is_some() {
                    format!("amendments are voted on before the proposal, the one furthest removed in substance first, as ranked by the chair ({rule})")
                } else {
                    format!("amendments are voted on before the proposal; without a ranking by the chair, in their order of submission ({rule})")
                };
                let kind = self.kind_of(root);
                let why_kind = if ga && kind == QuestionKind::TwoThirds { "; on an important question it needs two-thirds (GA rule 84)" } else { "" };
                (
                    Action::Amendment { amendment: self.id(i), to: to.clone() },
                    kind,
                    Subject::Amendment,
                    format!("{reason}{why_kind}"),
                )
            }
            Pending::Part(prop, j) => {
                if self.settled(prop) {
                    return None;
                }
                let Item::Proposal { parts, .. } = &self.items[prop] else { return None };
                let reason = if ga {
                    "parts voted separately on request are voted on first, then the proposal as a whole (GA rule 89)"
                } else {
                    "parts are voted on separately at a member's request, then the draft as a whole (SC rule 32)"
                };
                (
                    Action::Part { proposal: self.id(prop), part: parts[j].id.clone() },
                    self.kind_of(prop),
                    Subject::Proposal,
                    reason.to_string(),
                )
            }
            Pending::Whole(prop) => {
                if self.settled(prop) {
                    return None;
                }
                let Item::Proposal { parts, .. } = &self.items[prop] else { return None };
                let rejected = self.rejected_parts.get(&prop).cloned().unwrap_or_default();
                let operative: Vec<usize> = parts.iter().enumerate().filter(|(_, p)| p.operative).map(|(j, _)| j).collect();
                if !operative.is_empty() && operative.iter().all(|j| rejected.contains(j)) {
                    // GA rule 89: all operative parts rejected, the proposal is rejected as a whole.
                    self.dispositions.insert(prop, Disposition::RejectedAsAWhole);
                    return None;
                }
                let amended_by: Vec<String> = self.adopted.get(&prop).map(|v| v.iter().map(|&a| self.id(a)).collect()).unwrap_or_default();
                let parts_removed: Vec<String> = rejected.iter().map(|&j| parts[j].id.clone()).collect();
                let reason = match (amended_by.is_empty(), ga) {
                    (false, true) => "an amendment having been adopted, the proposal as amended is voted on after the amendments (GA rule 90)",
                    (true, true) => "the proposal is voted on after any amendments and parts (GA rules 89-90)",
                    (false, false) => "the draft as amended is voted on after the amendments (SC rule 36)",
                    (true, false) => "the draft is voted on after any amendments and parts (SC rules 32, 36)",
                };
                (
                    Action::Proposal { proposal: self.id(prop), amended_by, parts_removed },
                    self.kind_of(prop),
                    Subject::DraftResolution,
                    reason.to_string(),
                )
            }
            Pending::WhetherNext(prop) => {
                if self.settled(prop) {
                    return None;
                }
                let reason = if ga {
                    "competing proposals are voted on in their order of submission; after each vote the Assembly may decide whether to vote on the next (GA rule 91)"
                } else {
                    "draft resolutions have precedence in the order of their submission (SC rule 32); the Council may decide whether to vote on the next"
                };
                (Action::WhetherToVoteOnNext { next: self.id(prop) }, QuestionKind::Procedural, Subject::Motion, reason.to_string())
            }
            Pending::Reconsider(prop) => (
                Action::Reconsideration { of: self.id(prop) },
                QuestionKind::TwoThirds,
                Subject::Motion,
                "a motion to reconsider a decided proposal needs two-thirds of the members present and voting (GA rule 81)".to_string(),
            ),
            Pending::Revote(prop) => {
                let amended_by: Vec<String> = self.adopted.get(&prop).map(|v| v.iter().map(|&a| self.id(a)).collect()).unwrap_or_default();
                (
                    Action::Proposal { proposal: self.id(prop), amended_by, parts_removed: vec![] },
                    self.kind_of(prop),
                    Subject::DraftResolution,
                    "reconsideration having been decided, the proposal is voted on again (GA rule 81)".to_string(),
                )
            }
        };
        self.taken += 1;
        Some(Step {
            number: self.taken,
            action,
            question,
            subject,
            reason,
        })
    }

    /// A proposal (or an amendment's proposal) that is out of the running.
    fn settled(&self, prop: usize) -> bool {
        self.skipped.contains_key(&prop)
            || matches!(
                self.dispositions.get(&prop),
                Some(Disposition::NotPutToVote { .. })
            )
    }

    /// Why an amendment is not put to the vote: it, or an amendment it amends, was excluded by
    /// an adopted amendment.
    fn excluded(&self, mut i: usize) -> Option<String> {
        loop {
            if let Some(why) = self.skipped.get(&i) {
                return Some(why.clone());
            }
            match &self.items[i] {
                Item::Amendment { to, .. } => i = self.index_of(to)?,
                _ => return None,
            }
        }
    }

    /// Records the result of the current step.
    pub fn record(&mut self, result: StepResult) -> Result<(), OrderError> {
        if self.current.is_none() {
            self.next();
        }
        let Some((pending, step)) = self.current.take() else {
            return Err(OrderError::NothingToRecord);
        };
        if result == StepResult::NotMoved && !matches!(pending, Pending::WhetherNext(_)) {
            self.current = Some((pending, step));
            return Err(OrderError::ResultNotApplicable(result));
        }
        let adopted = result != StepResult::Rejected;
        let disposition = if adopted {
            Disposition::Adopted
        } else {
            Disposition::Rejected
        };
        match pending {
            Pending::Motion(i) => {
                self.dispositions.insert(i, disposition);
                if let Item::Motion { kind, id } = &self.items[i]
                    && adopted
                    && kind.ends_voting()
                {
                    let because = format!("the motion {} ({id}) was adopted", kind.words());
                    self.end_all(because);
                }
            }
            Pending::Amendment(i) => {
                self.dispositions.insert(i, disposition);
                if adopted && let Item::Amendment { to, excludes, .. } = &self.items[i] {
                    if let Some(t) = self.index_of(to) {
                        self.adopted.entry(t).or_default().push(i);
                    }
                    let why = format!(
                        "the adoption of amendment {} implies its rejection (GA rule 90)",
                        self.items[i].id()
                    );
                    for e in excludes.clone() {
                        if let Some(x) = self.index_of(&e)
                            && !self.dispositions.contains_key(&x)
                        {
                            self.skipped.insert(x, why.clone());
                        }
                    }
                }
            }
            Pending::Part(prop, j) => {
                if !adopted {
                    self.rejected_parts.entry(prop).or_default().insert(j);
                }
            }
            Pending::Whole(prop) | Pending::Revote(prop) => {
                self.dispositions.insert(prop, disposition);
            }
            Pending::WhetherNext(prop) => {
                if !adopted {
                    let because = "the body decided not to vote on it (GA rule 91)".to_string();
                    self.skipped.insert(prop, because.clone());
                    self.dispositions.insert(
                        prop,
                        Disposition::NotPutToVote {
                            because: because.clone(),
                        },
                    );
                    for i in 0..self.items.len() {
                        if matches!(self.items[i], Item::Amendment { .. })
                            && self.root_of(i) == Some(prop)
                        {
                            self.dispositions.insert(
                                i,
                                Disposition::NotPutToVote {
                                    because: because.clone(),
                                },
                            );
                        }
                    }
                }
            }
            Pending::Reconsider(prop) => {
                if adopted {
                    self.queue.push_front(Pending::Revote(prop));
                }
            }
        }
        self.history.push((step, result));
        Ok(())
    }

    /// Records the outcome of the current step as [`crate::decide`] gave it; a veto is kept
    /// as [`Disposition::Vetoed`].
    pub fn record_outcome(&mut self, outcome: &Outcome) -> Result<(), OrderError> {
        self.record(StepResult::from(outcome))?;
        if let Outcome::Vetoed { by } = outcome {
            let id = match self.history.last().map(|(s, _)| &s.action) {
                Some(Action::Amendment { amendment, .. }) => Some(amendment.clone()),
                Some(Action::Proposal { proposal, .. }) => Some(proposal.clone()),
                _ => None,
            };
            if let Some(i) = id.and_then(|id| self.index_of(&id)) {
                self.dispositions
                    .insert(i, Disposition::Vetoed { by: by.clone() });
            }
        }
        Ok(())
    }

    fn end_all(&mut self, because: String) {
        self.ended_by = Some(because.clone());
        self.queue.clear();
        for i in 0..self.items.len() {
            self.dispositions
                .entry(i)
                .or_insert_with(|| Disposition::NotPutToVote {
                    because: because.clone(),
                });
        }
    }

    /// Asks to reconsider a decided proposal: the next vote is on reconsideration, by
    /// two-thirds (GA rule 81); if it is adopted the proposal is voted again.
    pub fn reconsider(&mut self, proposal: &str) -> Result<(), OrderError> {
        if self.body == BodyKind::SecurityCouncil {
            return Err(OrderError::NoReconsideration);
        }
        let p = self
            .index_of(proposal)
            .filter(|&p| matches!(self.items[p], Item::Proposal { .. }))
            .filter(|p| {
                matches!(
                    self.dispositions.get(p),
                    Some(
                        Disposition::Adopted
                            | Disposition::Rejected
                            | Disposition::RejectedAsAWhole
                            | Disposition::Vetoed { .. }
                    )
                )
            })
            .ok_or_else(|| OrderError::NotDecided(proposal.into()))?;
        self.queue.push_front(Pending::Reconsider(p));
        Ok(())
    }

    /// Where an item stands: `None` while it is still to be voted.
    pub fn disposition(&self, id: &str) -> Option<&Disposition> {
        self.index_of(id).and_then(|i| self.dispositions.get(&i))
    }

    /// The votes taken so far and their results.
    pub fn history(&self) -> &[(Step, StepResult)] {
        &self.history
    }

    /// The amendments adopted to a proposal (or amendment), in the order adopted.
    pub fn amended_by(&self, id: &str) -> Vec<String> {
        self.index_of(id)
            .and_then(|i| self.adopted.get(&i))
            .map(|v| v.iter().map(|&a| self.id(a)).collect())
            .unwrap_or_default()
    }

    /// Why voting ended early, if a motion ended it.
    pub fn ended_by(&self) -> Option<&str> {
        self.ended_by.as_deref()
    }
}

fn body_name(b: BodyKind) -> &'static str {
    match b {
        BodyKind::GeneralAssembly => "General Assembly",
        BodyKind::SecurityCouncil => "Security Council",
        BodyKind::Custom => "body",
    }
}
