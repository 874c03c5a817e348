//! # plenary-rules: the decision engine
//!
//! Decides, as the General Assembly and the Security Council do, whether a proposal is
//! adopted, and in what order the proposals before a body are put to the vote.
//!
//! The crate is pure: no IO, no async, no database, no clock. The same inputs always give the
//! same decision. The membership data it needs (who sat in which body on which date) is
//! compiled in from `data/membership/` at the repository root.
//!
//! Every rule names its source (Charter article, rule of procedure or recorded practice) in
//! its doc comment; `data/rules.md` in the repository collects them.

pub mod states;
pub mod vote;

pub use states::{Date, StateCode};
pub use vote::Vote;
