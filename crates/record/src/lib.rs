//! # plenary-record: the voting record
//!
//! One record for everything an assembly decides: historic UN votes imported from public data
//! and votes taken live share the same tables. Sources are parsed by pure parsers in
//! [`sources`] into a common [`sources::Batch`]; [`Store::import_batch`] writes a batch in one
//! transaction, re-derives every outcome with the rules engine ([`fidelity`]) and stores each
//! disagreement as a finding. [`query`] reads it back (for the CLI, the server and analysis).

pub mod bundle;
pub mod fidelity;
pub mod formats;
pub mod import;
pub mod live;
pub mod query;
pub mod sources;
pub mod store;
pub mod symbol;
pub mod vetoes;

pub use import::{ImportReport, ImportedFile};
pub use store::{Backend, Store, StoreError, default_database_path};
