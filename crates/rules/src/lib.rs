//! # plenary-rules: the decision engine
//!
//! Pure: no IO, no async, no database, no clock. Membership data is compiled in from `data/`.

pub mod states;
pub mod vote;

pub use states::{Date, StateCode};
pub use vote::Vote;
