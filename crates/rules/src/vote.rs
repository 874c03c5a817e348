//! A member's vote on one question, as the records of the UN write it.

use serde::{Deserialize, Serialize};

/// One member's position on one question.
///
/// GA rule 86: "members present and voting" are those casting an affirmative or negative
/// vote; abstainers are considered as not voting. A member present that does not vote at all
/// (for instance without a vote under Art. 19) is [`Vote::NonVoting`]; a member not in the
/// room is [`Vote::Absent`]. The two are kept apart because sources and analyses need both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Vote {
    #[serde(rename = "Y")]
    Yes,
    #[serde(rename = "N")]
    No,
    #[serde(rename = "A")]
    Abstain,
    /// Present, not voting ("X" in the UN Digital Library's data, "NV" in older GA files).
    #[serde(rename = "X")]
    NonVoting,
    /// Not present at the vote.
    #[serde(rename = "-")]
    Absent,
}

impl Vote {
    /// The one-letter code used in Plenary's files and the UN Digital Library: Y, N, A, X;
    /// `-` for absent.
    pub fn code(self) -> &'static str {
        match self {
            Vote::Yes => "Y",
            Vote::No => "N",
            Vote::Abstain => "A",
            Vote::NonVoting => "X",
            Vote::Absent => "-",
        }
    }

    /// Parses Y, N, A, X (also NV) and `-`, case-insensitive.
    pub fn from_code(s: &str) -> Option<Vote> {
        match s.trim().to_ascii_uppercase().as_str() {
            "Y" => Some(Vote::Yes),
            "N" => Some(Vote::No),
            "A" => Some(Vote::Abstain),
            "X" | "NV" => Some(Vote::NonVoting),
            "-" => Some(Vote::Absent),
            _ => None,
        }
    }
}
