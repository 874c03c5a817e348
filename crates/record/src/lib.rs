//! # plenary-record: the voting record
//!
//! One record for everything an assembly decides: historic UN votes imported from public data
//! and votes taken live share the same tables. Sources are parsed by pure parsers in
//! [`sources`] into a common [`sources::Batch`]; storage writes a batch in one transaction,
//! re-derives every outcome with the rules engine and stores each disagreement as a finding.

pub mod sources;
