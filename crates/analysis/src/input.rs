//! What the analysis reads: roll calls with every state's vote.
//!
//! This is the contract with the record: `plenary-record` builds these from its tables (one
//! body at a time: the record selects the body, the analysis never mixes the General Assembly
//! and the Security Council), and [`crate::load`] builds them from the Voeten/unvotes CSV files
//! for tests and benchmarks.

use plenary_rules::{Date, StateCode, Vote};
use serde::{Deserialize, Serialize};

/// One recorded vote of a body.
#[derive(Clone, Debug, PartialEq)]
pub struct RollCall {
    /// Stable id; for historic GA votes the Voeten `rcid` (the ids the bridging file uses).
    pub id: u32,
    pub date: Date,
    /// GA session number (the 1st session opened in 1946).
    pub session: u16,
    /// Calendar year of the vote (sessions run across two years).
    pub year: i32,
    pub kind: Kind,
    pub issues: IssueSet,
    /// Voeten's `importantvote` flag (votes the US State Department listed as important).
    pub important: bool,
    /// Every state with a position on this vote. States without an entry were not members;
    /// [`Vote::Absent`] and [`Vote::NonVoting`] mark members that cast no vote.
    pub votes: Vec<(StateCode, Vote)>,
}

/// What was put to the vote (Voeten's `amend` and `para` flags; motions from the record).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The draft as a whole: the vote the State Department and `idealpointfp` count.
    FinalPassage,
    /// An amendment to a draft.
    Amendment,
    /// A paragraph or part voted separately (rule 89 of the GA's rules of procedure).
    Part,
    /// A procedural motion (adjournment, no-action, closure...).
    Motion,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::FinalPassage, Kind::Amendment, Kind::Part, Kind::Motion];
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`Kind`]s, used by filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KindSet(u8);

impl KindSet {
    pub fn all() -> KindSet {
        KindSet(0b1111)
    }
    pub fn only(kind: Kind) -> KindSet {
        KindSet(kind.bit())
    }
    pub fn with(self, kind: Kind) -> KindSet {
        KindSet(self.0 | kind.bit())
    }
    pub fn contains(self, kind: Kind) -> bool {
        self.0 & kind.bit() != 0
    }
}

/// The six issue codes of the unvotes data (Voeten's issue flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Issue {
    /// `me`: the Palestinian conflict.
    PalestinianConflict,
    /// `nu`: nuclear weapons and nuclear material.
    NuclearWeapons,
    /// `di`: arms control and disarmament.
    ArmsControl,
    /// `hr`: human rights.
    HumanRights,
    /// `co`: colonialism.
    Colonialism,
    /// `ec`: economic development.
    EconomicDevelopment,
}

impl Issue {
    pub const ALL: [Issue; 6] = [
        Issue::PalestinianConflict,
        Issue::NuclearWeapons,
        Issue::ArmsControl,
        Issue::HumanRights,
        Issue::Colonialism,
        Issue::EconomicDevelopment,
    ];
    /// The short code used by the unvotes data and the CLI's `--issue`.
    pub fn code(self) -> &'static str {
        match self {
            Issue::PalestinianConflict => "me",
            Issue::NuclearWeapons => "nu",
            Issue::ArmsControl => "di",
            Issue::HumanRights => "hr",
            Issue::Colonialism => "co",
            Issue::EconomicDevelopment => "ec",
        }
    }
    pub fn from_code(s: &str) -> Option<Issue> {
        Issue::ALL.into_iter().find(|i| i.code().eq_ignore_ascii_case(s.trim()))
    }
}

/// The issues a roll call is about (possibly none, possibly several).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IssueSet(u8);

impl IssueSet {
    pub fn empty() -> IssueSet {
        IssueSet(0)
    }
    pub fn insert(&mut self, issue: Issue) {
        self.0 |= 1 << (issue as u8);
    }
    pub fn with(mut self, issue: Issue) -> IssueSet {
        self.insert(issue);
        self
    }
    pub fn contains(self, issue: Issue) -> bool {
        self.0 & (1 << (issue as u8)) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Issue> {
        Issue::ALL.into_iter().filter(move |i| self.contains(*i))
    }
}

impl RollCall {
    /// A roll call from the record's terms (`record::query::RollCall`'s fields; the analysis does
    /// not depend on storage, so the caller passes them). `None` when the id does not fit.
    ///
    /// Sessions: the record's session number where it is one; for emergency and special sessions
    /// ("ES-11") the regular session running on that date (the n-th regular session opens in
    /// September of 1945 + n). Kinds: the record's `amendment`, `part` and `motion`; anything else
    /// is final passage.
    pub fn from_record(
        id: i64,
        date: Date,
        session: Option<&str>,
        kind: &str,
        issue_codes: &[String],
        important: Option<bool>,
        votes: Vec<(StateCode, Vote)>,
    ) -> Option<RollCall> {
        use chrono::Datelike;
        let year = date.year();
        let session = session
            .and_then(|s| s.trim().parse::<u16>().ok())
            .unwrap_or_else(|| (if date.month() >= 9 { year - 1945 } else { year - 1946 }).max(1) as u16);
        let kind = match kind {
            "amendment" => Kind::Amendment,
            "part" => Kind::Part,
            "motion" => Kind::Motion,
            _ => Kind::FinalPassage,
        };
        let mut issues = IssueSet::empty();
        for issue in issue_codes.iter().filter_map(|c| Issue::from_code(c)) {
            issues.insert(issue);
        }
        Some(RollCall { id: u32::try_from(id).ok()?, date, session, year, kind, issues, important: important.unwrap_or(false), votes })
    }
}
