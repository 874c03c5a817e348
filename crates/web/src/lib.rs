//! # plenary-web: Plenary's pages as pure functions
//!
//! View models in, HTML and SVG out: the server's handlers build a view model from the record
//! or the live meeting and call a `render_*` function. No HTTP and no database here, so every
//! page can be rendered and checked in a unit test, and the CLI can write the same map.
//!
//! - [`geo`]: Natural Earth boundaries, decoded, projected (Equal Earth) and simplified once.
//! - [`map`]: the vote map, coloured and patterned by vote.
//! - [`pages`]: the askama templates and their view models.
//! - [`document`]: the document page (text, tracked changes, sponsors, votes) and the meeting
//!   coverage read from the record.
//! - [`analysis`]: the analysis page (agreement heat map and blocs map, period/issue filters).
//! - [`search`]: the search page's in-memory index (the same answers as `Store::search`).

pub mod analysis;
pub mod document;
pub mod geo;
mod html;
pub mod map;
pub mod pages;
pub mod search;

pub use html::esc;
pub use map::vote_map;
pub use pages::*;

use plenary_rules::Vote;

/// A state's light on the board and its fill on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Light {
    Yes,
    No,
    Abstain,
    /// Present and not voting (rule 88 of the GA's rules of procedure counts only yes and no
    /// as "present and voting"; abstainers and non-voters are not).
    NonVoting,
    Absent,
    /// Not a Member of the body on the date (or no seat on the Security Council).
    NotMember,
}

impl Light {
    /// The message key of its short label ("Yes", "Not voting"...).
    pub fn key(self) -> &'static str {
        match self {
            Light::Yes => "vote-yes",
            Light::No => "vote-no",
            Light::Abstain => "vote-abstain",
            Light::NonVoting => "vote-non-voting",
            Light::Absent => "vote-absent",
            Light::NotMember => "web-not-member",
        }
    }

    /// The CSS class of its fill: one letter, because the map repeats it 240 times.
    pub fn class(self) -> &'static str {
        match self {
            Light::Yes => "y",
            Light::No => "n",
            Light::Abstain => "a",
            Light::NonVoting => "x",
            Light::Absent => "m",
            Light::NotMember => "o",
        }
    }

    /// The letter of the live stream's events (`Y N A X`, as the UN Digital Library writes
    /// votes), also shown inside the light so that colour is not the only cue.
    pub fn letter(self) -> &'static str {
        match self {
            Light::Yes => "Y",
            Light::No => "N",
            Light::Abstain => "A",
            Light::NonVoting => "X",
            Light::Absent => "–",
            Light::NotMember => "",
        }
    }

    /// A symbol for the board: ✓ ✗ ○ and a dash, readable from the back of a hall.
    pub fn symbol(self) -> &'static str {
        match self {
            Light::Yes => "✓",
            Light::No => "✗",
            Light::Abstain => "○",
            Light::NonVoting => "–",
            Light::Absent => "·",
            Light::NotMember => "",
        }
    }
}

impl From<Vote> for Light {
    fn from(v: Vote) -> Self {
        match v {
            Vote::Yes => Light::Yes,
            Vote::No => Light::No,
            Vote::Abstain => Light::Abstain,
            Vote::NonVoting => Light::NonVoting,
            Vote::Absent => Light::Absent,
        }
    }
}
