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

//! ```
//! use plenary_rules::{decide, Ballot, Body, Question, QuestionKind, StateCode, Tally, Date};
//! let date = Date::from_ymd_opt(2018, 12, 6).unwrap();
//! // 193 Members; the tally of A/73/L.42, an important question (two-thirds).
//! let members = (0..193u32).map(|i| StateCode([b'A' + (i / 26 / 26) as u8, b'A' + (i / 26 % 26) as u8, b'A' + (i % 26) as u8]));
//! let ga = Body::general_assembly_of(date, members).unwrap();
//! let ballot = Ballot::from_tally(Tally { yes: 87, no: 57, abstain: 33, non_voting: 0 });
//! let d = decide(&ga, &Question::new(QuestionKind::TwoThirds), &ballot).unwrap();
//! assert_eq!(d.outcome.code(), "rejected");
//! assert_eq!(d.reason.code(), "failed-to-obtain-required-majority");
//! ```

pub mod announce;
pub mod ballot;
pub mod body;
pub mod decide;
pub mod majority;
pub mod order;
pub mod states;
pub mod veto_debate;
pub mod vote;

pub use ballot::{Ballot, Tally, VoteRecord};
pub use body::{Body, BodyError, BodyKind, Member, Quorum, council_numbers};
pub use decide::{Decision, DecideError, Outcome, Question, Reason, Subject, decide};
pub use majority::{Basis, Majority, QuestionKind, Threshold};
pub use states::{Date, StateCode};
pub use vote::Vote;
