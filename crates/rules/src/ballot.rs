//! What the body did: the votes of each member, or only the tally, and what the chair declared.

use std::collections::{BTreeMap, BTreeSet};

use crate::states::StateCode;
use crate::vote::Vote;

/// Published totals of a vote, without the list of who voted how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tally {
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    /// Present and not voting (an X in the records). Members not counted at all are absent.
    pub non_voting: u64,
}

impl Tally {
    /// Everyone the tally counts as present.
    pub fn present(&self) -> u64 {
        self.yes
            .saturating_add(self.no)
            .saturating_add(self.abstain)
            .saturating_add(self.non_voting)
    }
}

/// How the votes are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VoteRecord {
    /// Each member's vote; members not listed were absent.
    PerMember(BTreeMap<StateCode, Vote>),
    /// Only the totals.
    Tally(Tally),
    /// The totals, with some members' votes known (a partial list): the list may not
    /// contradict the totals, and a complete list must equal them.
    TallyWithKnownVotes {
        tally: Tally,
        known: BTreeMap<StateCode, Vote>,
    },
}

/// A vote for the same member twice.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code} is given a vote twice")]
pub struct DuplicateVote {
    pub code: StateCode,
}

/// One question's votes and the chair's declarations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ballot {
    pub record: VoteRecord,
    /// With a tally, the permanent members (veto holders) that voted no. Needed only when a
    /// veto could decide: a substantive question with enough affirmative votes and some no.
    pub permanent_against: Option<BTreeSet<StateCode>>,
    /// Members the chair declared obliged to abstain as parties to a dispute (Art. 27(3)).
    /// The engine never disqualifies anyone by itself (S/2014/189; scprocedure.org).
    pub parties_abstaining: BTreeSet<StateCode>,
}

impl Ballot {
    /// Per-member votes; refuses a member given two votes.
    pub fn from_votes(
        votes: impl IntoIterator<Item = (StateCode, Vote)>,
    ) -> Result<Ballot, DuplicateVote> {
        let mut map = BTreeMap::new();
        for (code, vote) in votes {
            if map.insert(code, vote).is_some() {
                return Err(DuplicateVote { code });
            }
        }
        Ok(Ballot::new(VoteRecord::PerMember(map)))
    }

    /// Totals only.
    pub fn from_tally(tally: Tally) -> Ballot {
        Ballot::new(VoteRecord::Tally(tally))
    }

    pub fn new(record: VoteRecord) -> Ballot {
        Ballot {
            record,
            permanent_against: None,
            parties_abstaining: BTreeSet::new(),
        }
    }

    /// Declares which permanent members voted no (for a tally).
    pub fn with_permanent_against(mut self, codes: impl IntoIterator<Item = StateCode>) -> Ballot {
        self.permanent_against = Some(codes.into_iter().collect());
        self
    }

    /// Records the chair's declaration under Art. 27(3).
    pub fn with_parties_abstaining(mut self, codes: impl IntoIterator<Item = StateCode>) -> Ballot {
        self.parties_abstaining = codes.into_iter().collect();
        self
    }
}
