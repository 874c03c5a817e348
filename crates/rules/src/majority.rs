//! What a proposal needs to pass: the kinds of question and the majorities the Charter, the
//! rules of procedure and a custom body's statutes require.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The kind of question put to the vote, as the input names it.
///
/// The General Assembly distinguishes important questions (two-thirds, Art. 18(2)) from other
/// questions (simple majority, Art. 18(3)); the Security Council distinguishes procedural
/// matters (Art. 27(2)) from all other matters (Art. 27(3), the veto).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// A majority of the members present and voting (GA Art. 18(3), rule 85).
    Simple,
    /// Two-thirds of the members present and voting (GA Art. 18(2), rules 83-84).
    TwoThirds,
    /// A procedural matter: SC Art. 27(2), no veto. In the GA, procedural motions are decided
    /// by a simple majority (Art. 18(3), rule 85).
    Procedural,
    /// Any other matter in the SC: Art. 27(3), the concurring votes of the permanent members.
    Substantive,
}

impl QuestionKind {
    /// The spelling used in input files.
    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Simple => "simple",
            QuestionKind::TwoThirds => "two_thirds",
            QuestionKind::Procedural => "procedural",
            QuestionKind::Substantive => "substantive",
        }
    }

    /// Parses the input spelling; `None` for anything else.
    pub fn from_code(s: &str) -> Option<QuestionKind> {
        match s {
            "simple" => Some(QuestionKind::Simple),
            "two_thirds" => Some(QuestionKind::TwoThirds),
            "procedural" => Some(QuestionKind::Procedural),
            "substantive" => Some(QuestionKind::Substantive),
            _ => None,
        }
    }

    /// Every kind, for error messages that list what is expected.
    pub const ALL: [QuestionKind; 4] = [
        QuestionKind::Simple,
        QuestionKind::TwoThirds,
        QuestionKind::Procedural,
        QuestionKind::Substantive,
    ];
}

impl fmt::Display for QuestionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Whose votes the threshold is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Members casting an affirmative or negative vote (GA rule 86: abstainers are considered
    /// as not voting); with `abstentions_count`, abstainers are counted too.
    PresentAndVoting,
    /// Every member present, whether voting or not.
    Present,
    /// Every member of the body, present or not.
    AllMembers,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::PresentAndVoting => "present_and_voting",
            Basis::Present => "present",
            Basis::AllMembers => "all_members",
        }
    }
}

/// A threshold: a fraction of the basis that the affirmative votes must exceed (`more than
/// 1/2`) or reach (`at least 2/3`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Threshold {
    pub numerator: u64,
    pub denominator: u64,
    /// `true`: more than the fraction; `false`: at least the fraction.
    pub strict: bool,
}

impl Threshold {
    /// More than half: a simple majority.
    pub const MORE_THAN_HALF: Threshold = Threshold {
        numerator: 1,
        denominator: 2,
        strict: true,
    };
    /// At least two-thirds.
    pub const TWO_THIRDS: Threshold = Threshold {
        numerator: 2,
        denominator: 3,
        strict: false,
    };

    /// The smallest number of affirmative votes that meets the threshold on a basis of `n`.
    /// A majority is never made of no votes at all, so the answer is at least 1.
    pub fn required(self, n: u64) -> u64 {
        // In u128: a custom body's weights may be large.
        let product = n as u128 * self.numerator as u128;
        let d = self.denominator as u128;
        let r = if self.strict {
            product / d + 1
        } else {
            product.div_ceil(d)
        };
        u64::try_from(r).unwrap_or(u64::MAX).max(1)
    }

    /// Parses `more than 1/2`, `at least 2/3`, `at least 3/5` (also `>1/2`, `>=2/3`).
    pub fn parse(s: &str) -> Option<Threshold> {
        let s = s.trim();
        let (strict, rest) = if let Some(r) = s.strip_prefix("more than") {
            (true, r)
        } else if let Some(r) = s.strip_prefix("at least") {
            (false, r)
        } else if let Some(r) = s.strip_prefix(">=") {
            (false, r)
        } else if let Some(r) = s.strip_prefix('>') {
            (true, r)
        } else {
            return None;
        };
        let (n, d) = rest.trim().split_once('/')?;
        let numerator: u64 = n.trim().parse().ok()?;
        let denominator: u64 = d.trim().parse().ok()?;
        if denominator == 0 || numerator > denominator || (numerator == denominator && strict) {
            return None;
        }
        Some(Threshold {
            numerator,
            denominator,
            strict,
        })
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = if self.strict { "more than" } else { "at least" };
        write!(f, "{word} {}/{}", self.numerator, self.denominator)
    }
}

/// The majority a decision requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Majority {
    /// GA Art. 18(3), rule 85: a majority of the members present and voting, that is more
    /// yes than no votes (rule 86: abstentions do not count).
    SimplePresentAndVoting,
    /// GA Art. 18(2), rules 83-84: two-thirds of the members present and voting, that is at
    /// least twice as many yes as no votes.
    TwoThirdsPresentAndVoting,
    /// SC Art. 27(2)-(3): a fixed number of affirmative votes, nine since 1 January 1966 and
    /// seven before (1963 amendment, GA res. 1991 A (XVIII)), whatever the others did.
    AffirmativeVotes { required: u64 },
    /// A custom body's rule: a threshold on a basis, optionally counting abstentions.
    Custom {
        basis: Basis,
        threshold: Threshold,
        abstentions_count: bool,
    },
}

impl Majority {
    /// Words for the summary: "two-thirds of the members present and voting".
    pub fn describe(&self) -> String {
        match self {
            Majority::SimplePresentAndVoting => {
                "a majority of the members present and voting".into()
            }
            Majority::TwoThirdsPresentAndVoting => {
                "two-thirds of the members present and voting".into()
            }
            Majority::AffirmativeVotes { required } => format!("{required} affirmative votes"),
            Majority::Custom {
                basis,
                threshold,
                abstentions_count,
            } => {
                let b = match basis {
                    Basis::PresentAndVoting if *abstentions_count => {
                        "the members present and voting, abstentions counted"
                    }
                    Basis::PresentAndVoting => "the members present and voting",
                    Basis::Present => "the members present",
                    Basis::AllMembers => "all the members",
                };
                format!("{threshold} of {b}")
            }
        }
    }
}
