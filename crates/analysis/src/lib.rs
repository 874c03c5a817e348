//! # plenary-analysis: what the record says about who stands where
//!
//! Reads roll calls ([`input::RollCall`]) and answers: how often two states agree (four published measures),
//! who a state's closest partners are, which blocs form, where each state stands on the main
//! dimension of conflict year by year (dynamic ideal points), and draws it as SVG.
//!
//! Invariant: the analysis reads a snapshot of the record and never writes it.
//!
//! Where the roll calls come from: the product (the `plenary` verbs, the server) reads them
//! only from the record, `plenary_record::Store::roll_calls`, converted in the CLI's adapter
//! (`crates/cli/src/cmd/agree.rs`, `to_analysis`). [`load`] reads the raw unvotes files and
//! remains for what must start from Voeten's own files: the validation against the published
//! agreement scores and ideal points (keyed by his rcids, `tests/data.rs`), the in-memory
//! computation benchmarks against numpy, and the charts example; nothing in the product calls
//! it.
//!
//! ```no_run
//! use plenary_analysis::{load, matrix::{VoteMatrix, Filter, By, Continuity}, measures::Measure, agree};
//! use plenary_rules::StateCode;
//! let calls = load::load_unvotes(&load::default_unvotes_dir()).unwrap();
//! let m = VoteMatrix::build(&calls, &Filter::default(), By::Year, &Continuity::seats());
//! let usa = StateCode::parse("USA").unwrap();
//! let rus = StateCode::parse("RUS").unwrap();
//! let series = agree::pair_over_time(&m, usa, rus, Measure::Identical).unwrap();
//! println!("{}", serde_json::to_string(&series).unwrap());
//! ```

pub mod agree;
pub mod blocs;
pub mod chart;
pub mod idealpoints;
pub mod input;
pub mod load;
pub mod matrix;
pub mod measures;
pub mod validate;

pub use agree::AnalysisError;
pub use input::{Issue, IssueSet, Kind, KindSet, RollCall};
pub use matrix::{By, Continuity, Filter, VoteMatrix};
pub use measures::Measure;
