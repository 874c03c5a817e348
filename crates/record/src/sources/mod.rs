//! Parsers of the public sources, one module per format.
//!
//! Every parser is a pure function from bytes to a [`Batch`]: no database, no network. A
//! parser never fixes a source: a value that looks wrong is kept as published and the doubt is
//! attached as a [`SourceFinding`]. Errors name the file, line and field and the expected form.

use plenary_rules::{Date, StateCode, Vote};

pub mod common;
pub mod dgacm;
pub mod fixtures;
pub mod plenary;
pub mod sc_archive;
pub mod undl;
pub mod unvotes;
pub mod voeten;

/// The version of a source file: the hex SHA-256 of its bytes (what [`Provenance::version`]
/// holds), so that re-importing the same bytes is recognised and changes nothing.
pub fn file_version(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// The body that took a decision. Custom bodies (Model UN committees...) carry their id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum BodyRef {
    GeneralAssembly,
    SecurityCouncil,
    Custom(String),
}

impl BodyRef {
    pub fn code(&self) -> &str {
        match self {
            BodyRef::GeneralAssembly => "GA",
            BodyRef::SecurityCouncil => "SC",
            BodyRef::Custom(id) => id,
        }
    }
}

/// What was put to the vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    /// A draft adopted or not as a whole (the usual final vote).
    Resolution,
    /// An amendment to a draft or to another amendment.
    Amendment,
    /// A paragraph or part voted separately (division).
    Part,
    /// A procedural motion (adjournment, no-action, closure, reconsideration...).
    Motion,
    /// Anything else the source records as a vote (elections, decisions...).
    Other,
}

impl DecisionKind {
    /// What a Voeten roll call was, from its `amend` and `para` flags (the unvotes and the
    /// original release share them): an amendment, a separately voted part, a resolution when
    /// it has a resolution code, otherwise another kind of vote.
    pub fn from_voeten_flags(amend: Option<bool>, para: Option<bool>, has_symbol: bool) -> DecisionKind {
        if amend == Some(true) {
            DecisionKind::Amendment
        } else if para == Some(true) {
            DecisionKind::Part
        } else if has_symbol {
            DecisionKind::Resolution
        } else {
            DecisionKind::Other
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Resolution => "resolution",
            DecisionKind::Amendment => "amendment",
            DecisionKind::Part => "part",
            DecisionKind::Motion => "motion",
            DecisionKind::Other => "other",
        }
    }
}

/// How the decision was taken, as the source says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adoption {
    RecordedVote,
    WithoutVote,
    Unknown,
}

/// Totals as the source published them (not as counted from its rows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PublishedTally {
    pub yes: Option<u32>,
    pub no: Option<u32>,
    pub abstain: Option<u32>,
    pub non_voting: Option<u32>,
}

/// Where a row came from: enough to find it again in the source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// Format name as given to `plenary import --format` (e.g. "unvotes").
    pub source: String,
    /// File name as given (relative where possible).
    pub file: String,
    /// 1-based line (or record index for JSON) of the first row of the decision.
    pub line: u64,
    /// Version of the file: the hex SHA-256 of its bytes.
    pub version: String,
}

/// One state's vote as a source gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceVote {
    pub state: StateCode,
    pub vote: Vote,
    /// The name or code exactly as the source spells it. Shared: one source's spelling of a
    /// state repeats on every row of it (870,109 rows of unvotes, 200 spellings).
    pub as_in_source: std::sync::Arc<str>,
    pub line: u64,
}

/// One decision as a source gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceDecision {
    /// Key unique within the source (e.g. Voeten's rcid, or the resolution symbol).
    pub source_key: String,
    pub body: BodyRef,
    pub date: Date,
    /// Session as the source numbers it ("1", "74", "ES-11").
    pub session: Option<String>,
    /// Resolution symbol, normalised as the UN writes it ("A/RES/ES-11/1", "S/RES/2774 (2025)").
    pub symbol: Option<String>,
    /// Draft symbol(s) ("A/ES-11/L.1").
    pub draft: Option<String>,
    pub meeting: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub kind: DecisionKind,
    /// For an amendment or part: the symbol or source key of what it belongs to.
    pub amends: Option<String>,
    /// The source flags it as an important question (Art. 18(2)) where it has such a flag.
    pub important: Option<bool>,
    pub adoption: Adoption,
    pub published: PublishedTally,
    /// The outcome the source states ("adopted", "rejected", "vetoed"...), verbatim.
    pub published_outcome: Option<String>,
    /// Issue codes (unvotes: me, nu, di, hr, co, ec) or subjects.
    pub issues: Vec<String>,
    pub sponsors: Vec<StateCode>,
    /// The permanent members the source names as having vetoed it (the verified fixtures'
    /// `vetoed_by`). Kept in `decision_vetoes`: a vote known only by its totals (the European
    /// amendment of 24 February 2025, 9 in favour) cannot show in its rows who vetoed it.
    pub vetoed_by: Vec<StateCode>,
    pub votes: Vec<SourceVote>,
    pub provenance: Provenance,
}

/// A doubt about a source value, found while parsing (the importer adds the ones it finds by
/// re-deriving outcomes with the rules engine).
#[derive(Clone, Debug, PartialEq)]
pub struct SourceFinding {
    /// The decision's `source_key`, if the finding is about one decision.
    pub source_key: Option<String>,
    /// Machine-readable kind, kebab-case ("tally-mismatch", "label-contradicts-votes"...).
    pub kind: String,
    pub message: String,
    /// JSON evidence (the values compared).
    pub evidence: serde_json::Value,
    pub provenance: Provenance,
}

/// What one parse of one or more files yields.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    pub decisions: Vec<SourceDecision>,
    pub findings: Vec<SourceFinding>,
}

/// A parse error: file, line, field, what was found and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("{file}:{line}: field `{field}`: {found:?} is not valid; expected {expected}")]
    Field { file: String, line: u64, field: String, found: String, expected: String },
    #[error("{file}:{line}: {message}")]
    Malformed { file: String, line: u64, message: String },
    #[error("{file}: unknown state names or codes (map each in data/states/aliases.csv): {}", .names.join(", "))]
    UnknownStates { file: String, names: Vec<String> },
    #[error("{file}: {source}")]
    Io { file: String, #[source] source: std::io::Error },
}
