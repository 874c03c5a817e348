//! The deciding bodies: who sits, with what weight, who holds a veto, and which majority each
//! kind of question needs.
//!
//! A [`Body`] is plain data, built from a member list: [`Body::general_assembly_of`],
//! [`Body::security_council_of`], or a custom body from TOML ([`Body::custom_from_toml`]).
//! [`Body::general_assembly`] and [`Body::security_council`] build the real bodies on a date
//! from the bundled membership registry.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize;

use crate::majority::{Basis, Majority, QuestionKind, Threshold};
use crate::states::{Date, StateCode};

/// Which rules of procedure the body follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyKind {
    GeneralAssembly,
    SecurityCouncil,
    /// A body defined in a TOML file (a Model UN committee, a parliament, an association).
    Custom,
}

/// One seat in a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub code: StateCode,
    /// A display name, for custom bodies; the registry names states.
    pub name: Option<String>,
    /// Votes the member casts; 1 in the UN (Art. 18(1), Art. 27(1): "one vote").
    pub weight: u64,
    /// Holds a veto: a permanent member of the Security Council (Art. 23(1), 27(3)).
    pub veto: bool,
}

/// How many must be present for the body to decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quorum {
    /// A fraction of the members (by weight), e.g. GA rule 67: "the presence of a majority of
    /// the members shall be required for any decision to be taken".
    Fraction(Threshold),
    /// A fixed number of members (by weight).
    Count(u64),
}

impl Quorum {
    /// The number present (by weight) that satisfies the quorum in a body of `size`.
    pub fn required(self, size: u64) -> u64 {
        match self {
            Quorum::Fraction(t) => t.required(size),
            Quorum::Count(n) => n,
        }
    }
}

/// The Security Council's numbers on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CouncilNumbers {
    /// Members of the Council (Art. 23(1)).
    pub seats: usize,
    /// Affirmative votes required for any decision (Art. 27(2)-(3)).
    pub affirmative_votes: u64,
}

/// Art. 23 and 27 as amended in 1963 (GA res. 1991 A (XVIII), in force 31 Aug 1965): the
/// enlarged Council of 15 first sat on 1 January 1966 and decides by nine votes; before that,
/// 11 members and seven votes. The 1948 double veto and resolution 82 (1950) are decided under
/// the old numbers.
pub fn council_numbers(date: Date) -> CouncilNumbers {
    let enlarged = Date::from_ymd_opt(1966, 1, 1).expect("valid date");
    if date < enlarged {
        CouncilNumbers {
            seats: 11,
            affirmative_votes: 7,
        }
    } else {
        CouncilNumbers {
            seats: 15,
            affirmative_votes: 9,
        }
    }
}

/// The rule that applies to one question in one body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicableRule {
    pub majority: Majority,
    /// Whether a negative vote of a veto holder blocks adoption.
    pub veto: bool,
    /// The source, for the decision's `rule` field and error messages.
    pub citation: &'static str,
}

/// Custom rules for a TOML-defined body.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CustomRules {
    majority: Majority,
    two_thirds: Majority,
}

/// A deciding body, with its members on the date of the vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    id: String,
    name: String,
    kind: BodyKind,
    date: Option<Date>,
    members: BTreeMap<StateCode, Member>,
    without_vote: BTreeSet<StateCode>,
    quorum: Option<Quorum>,
    custom: Option<CustomRules>,
}

/// Why a body could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("{code} is listed twice among the members")]
    DuplicateMember { code: StateCode },
    #[error(
        "the Security Council had {expected} members on {date} (Art. 23), but {given} were given"
    )]
    CouncilSize {
        date: Date,
        expected: usize,
        given: usize,
    },
    #[error("the Security Council has five permanent members (Art. 23(1)), but {given} were given")]
    PermanentMembers { given: usize },
    #[error("no Security Council composition is known for {date}")]
    NoCouncilComposition { date: Date },
    #[error("{code} cannot be flagged under Art. 19: it is not a member")]
    Article19NotMember { code: StateCode },
    #[error("line {line}, column {column}: {message}")]
    Toml {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("field `{field}`: {message}")]
    Invalid { field: String, message: String },
}

impl Body {
    /// The General Assembly on `date` with the given Members: one vote each (Art. 18(1)); a
    /// majority of the members must be present for any decision (rule 67).
    pub fn general_assembly_of(
        date: Date,
        members: impl IntoIterator<Item = StateCode>,
    ) -> Result<Body, BodyError> {
        let mut map = BTreeMap::new();
        for code in members {
            if map
                .insert(
                    code,
                    Member {
                        code,
                        name: None,
                        weight: 1,
                        veto: false,
                    },
                )
                .is_some()
            {
                return Err(BodyError::DuplicateMember { code });
            }
        }
        Ok(Body {
            id: "GA".into(),
            name: "General Assembly".into(),
            kind: BodyKind::GeneralAssembly,
            date: Some(date),
            members: map,
            without_vote: BTreeSet::new(),
            quorum: Some(Quorum::Fraction(Threshold::MORE_THAN_HALF)),
            custom: None,
        })
    }

    /// The Security Council on `date` with the given members, `true` for a permanent member.
    /// Checks the era's size (11 to 1965, 15 from 1966; Art. 23) and the five permanent seats.
    pub fn security_council_of(
        date: Date,
        members: impl IntoIterator<Item = (StateCode, bool)>,
    ) -> Result<Body, BodyError> {
        let mut map = BTreeMap::new();
        for (code, permanent) in members {
            if map
                .insert(
                    code,
                    Member {
                        code,
                        name: None,
                        weight: 1,
                        veto: permanent,
                    },
                )
                .is_some()
            {
                return Err(BodyError::DuplicateMember { code });
            }
        }
        let numbers = council_numbers(date);
        if map.len() != numbers.seats {
            return Err(BodyError::CouncilSize {
                date,
                expected: numbers.seats,
                given: map.len(),
            });
        }
        let permanent = map.values().filter(|m| m.veto).count();
        if permanent != 5 {
            return Err(BodyError::PermanentMembers { given: permanent });
        }
        Ok(Body {
            id: "SC".into(),
            name: "Security Council".into(),
            kind: BodyKind::SecurityCouncil,
            date: Some(date),
            members: map,
            without_vote: BTreeSet::new(),
            quorum: None,
            custom: None,
        })
    }

    /// The General Assembly on `date`, its Members from the bundled registry (admissions,
    /// successions and mergers by date; `data/membership/`), with the Members the registry's
    /// `article19.csv` lists as without a vote under Art. 19 on that date.
    pub fn general_assembly(date: Date) -> Body {
        let reg = crate::states::Registry::bundled();
        let members = reg.ga_members(date);
        let art19: Vec<StateCode> = members
            .iter()
            .copied()
            .filter(|c| reg.article19(*c, date).is_some())
            .collect();
        let body =
            Body::general_assembly_of(date, members).expect("the registry lists each Member once");
        body.with_article_19(art19)
            .expect("Art. 19 flags are for Members")
    }

    /// The Security Council on `date`, its members from the bundled registry (by calendar
    /// year, each seat's holder on the day: TWN for China to 1971-10-25, SUN to 1991-12-24).
    pub fn security_council(date: Date) -> Result<Body, BodyError> {
        let members = crate::states::Registry::bundled().sc_members(date);
        if members.is_empty() {
            return Err(BodyError::NoCouncilComposition { date });
        }
        Body::security_council_of(date, members)
    }

    /// Flags Members without a vote under Art. 19 (arrears of two full years' contributions)
    /// on this date. They appear as non-voting; a vote cast for them is refused.
    pub fn with_article_19(
        mut self,
        codes: impl IntoIterator<Item = StateCode>,
    ) -> Result<Body, BodyError> {
        for code in codes {
            if !self.members.contains_key(&code) {
                return Err(BodyError::Article19NotMember { code });
            }
            self.without_vote.insert(code);
        }
        Ok(self)
    }

    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn kind(&self) -> BodyKind {
        self.kind
    }
    pub fn date(&self) -> Option<Date> {
        self.date
    }
    pub fn quorum(&self) -> Option<Quorum> {
        self.quorum
    }
    pub fn member(&self, code: StateCode) -> Option<&Member> {
        self.members.get(&code)
    }
    pub fn members(&self) -> impl Iterator<Item = &Member> {
        self.members.values()
    }
    /// Number of seats.
    pub fn seats(&self) -> usize {
        self.members.len()
    }
    /// Total voting weight (the number of members when every weight is 1).
    pub fn size(&self) -> u64 {
        self.members
            .values()
            .fold(0u64, |a, m| a.saturating_add(m.weight))
    }
    /// Members holding a veto, in code order.
    pub fn veto_holders(&self) -> impl Iterator<Item = StateCode> + '_ {
        self.members.values().filter(|m| m.veto).map(|m| m.code)
    }
    /// Flagged as without a vote under Art. 19.
    pub fn has_no_vote(&self, code: StateCode) -> bool {
        self.without_vote.contains(&code)
    }

    /// The majority, veto and source for a kind of question in this body.
    pub fn rule_for(&self, kind: QuestionKind) -> Result<ApplicableRule, QuestionNotAvailable> {
        match (self.kind, kind) {
            (BodyKind::GeneralAssembly, QuestionKind::Simple) => Ok(ApplicableRule {
                majority: Majority::SimplePresentAndVoting,
                veto: false,
                citation: "Charter Art. 18(3); GA rules 85-86",
            }),
            (BodyKind::GeneralAssembly, QuestionKind::Procedural) => Ok(ApplicableRule {
                majority: Majority::SimplePresentAndVoting,
                veto: false,
                citation: "Charter Art. 18(3); GA rules 85-86 (procedural motions)",
            }),
            (BodyKind::GeneralAssembly, QuestionKind::TwoThirds) => Ok(ApplicableRule {
                majority: Majority::TwoThirdsPresentAndVoting,
                veto: false,
                citation: "Charter Art. 18(2); GA rules 83-84, 86",
            }),
            (BodyKind::GeneralAssembly, QuestionKind::Substantive) => Err(QuestionNotAvailable {
                body: "the General Assembly",
                kind,
                expected: "\"simple\" or \"two_thirds\" (Art. 18(2)-(3): say whether it is an important question); \"procedural\" for a procedural motion",
            }),
            (BodyKind::SecurityCouncil, QuestionKind::Procedural) => Ok(ApplicableRule {
                majority: Majority::AffirmativeVotes {
                    required: self.council_votes(),
                },
                veto: false,
                citation: "Charter Art. 27(2)",
            }),
            (BodyKind::SecurityCouncil, QuestionKind::Substantive) => Ok(ApplicableRule {
                majority: Majority::AffirmativeVotes {
                    required: self.council_votes(),
                },
                veto: true,
                citation: "Charter Art. 27(3)",
            }),
            (BodyKind::SecurityCouncil, QuestionKind::Simple | QuestionKind::TwoThirds) => {
                Err(QuestionNotAvailable {
                    body: "the Security Council",
                    kind,
                    expected: "\"procedural\" (Art. 27(2)) or \"substantive\" (Art. 27(3)); whether a matter is procedural is itself a substantive question",
                })
            }
            (BodyKind::Custom, k) => {
                let rules = self
                    .custom
                    .as_ref()
                    .expect("custom bodies carry their rules");
                let has_veto = self.members.values().any(|m| m.veto);
                Ok(match k {
                    QuestionKind::Simple => ApplicableRule {
                        majority: rules.majority,
                        veto: has_veto,
                        citation: "the body's rules ([majority])",
                    },
                    QuestionKind::Substantive => ApplicableRule {
                        majority: rules.majority,
                        veto: has_veto,
                        citation: "the body's rules ([majority], veto)",
                    },
                    QuestionKind::Procedural => ApplicableRule {
                        majority: rules.majority,
                        veto: false,
                        citation: "the body's rules ([majority]; no veto on procedure)",
                    },
                    QuestionKind::TwoThirds => ApplicableRule {
                        majority: rules.two_thirds,
                        veto: has_veto,
                        citation: "the body's rules ([two_thirds])",
                    },
                })
            }
        }
    }

    fn council_votes(&self) -> u64 {
        self.date
            .map(|d| council_numbers(d).affirmative_votes)
            .unwrap_or(9)
    }

    /// A custom body from its TOML definition. See `examples/mun-disec.toml`:
    ///
    /// ```toml
    /// id = "mun-disec"
    /// name = "Model UN First Committee"
    /// quorum = "at least 1/3"        # or a number of members: quorum = 10
    /// veto = []                        # members holding a veto (not on procedural questions)
    /// [majority]
    /// basis = "present_and_voting"     # or "present", "all_members"
    /// threshold = "more than 1/2"      # or "at least 2/3", "at least 3/5", ...
    /// abstentions_count = false
    /// [[members]]
    /// code = "UKR"
    /// name = "Ukraine"
    /// weight = 1                       # optional, default 1
    /// ```
    pub fn custom_from_toml(text: &str) -> Result<Body, BodyError> {
        let def: CustomDef = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
            BodyError::Toml {
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        def.into_body()
    }
}

/// A question kind the body does not decide.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{body} does not decide \"{kind}\" questions; expected {expected}")]
pub struct QuestionNotAvailable {
    pub body: &'static str,
    pub kind: QuestionKind,
    pub expected: &'static str,
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomDef {
    id: String,
    name: Option<String>,
    quorum: Option<QuorumDef>,
    #[serde(default)]
    veto: Vec<String>,
    majority: MajorityDef,
    two_thirds: Option<MajorityDef>,
    members: Vec<MemberDef>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum QuorumDef {
    Count(u64),
    Fraction(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MajorityDef {
    basis: Basis,
    threshold: String,
    #[serde(default)]
    abstentions_count: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberDef {
    code: String,
    name: Option<String>,
    weight: Option<u64>,
}

fn invalid(field: impl Into<String>, message: impl fmt::Display) -> BodyError {
    BodyError::Invalid {
        field: field.into(),
        message: message.to_string(),
    }
}

impl MajorityDef {
    fn to_majority(&self, field: &str) -> Result<Majority, BodyError> {
        let threshold = Threshold::parse(&self.threshold).ok_or_else(|| {
            invalid(
                format!("{field}.threshold"),
                format!("\"{}\" is not a threshold; expected \"more than N/D\" or \"at least N/D\", e.g. \"more than 1/2\", \"at least 2/3\"", self.threshold),
            )
        })?;
        Ok(Majority::Custom {
            basis: self.basis,
            threshold,
            abstentions_count: self.abstentions_count,
        })
    }
}

impl CustomDef {
    fn into_body(self) -> Result<Body, BodyError> {
        if self.id.trim().is_empty()
            || self.id.eq_ignore_ascii_case("GA")
            || self.id.eq_ignore_ascii_case("SC")
        {
            return Err(invalid(
                "id",
                "a custom body needs its own id (not empty, not \"GA\" or \"SC\")",
            ));
        }
        let majority = self.majority.to_majority("majority")?;
        let two_thirds = match &self.two_thirds {
            Some(m) => m.to_majority("two_thirds")?,
            None => match majority {
                Majority::Custom {
                    basis,
                    abstentions_count,
                    ..
                } => Majority::Custom {
                    basis,
                    threshold: Threshold::TWO_THIRDS,
                    abstentions_count,
                },
                other => other,
            },
        };
        let mut members = BTreeMap::new();
        for (i, m) in self.members.iter().enumerate() {
            let code = StateCode::parse(&m.code).ok_or_else(|| {
                invalid(format!("members[{i}].code"), format!("\"{}\" is not a code; expected three letters (ISO 3166 alpha-3 for a state)", m.code))
            })?;
            let weight = m.weight.unwrap_or(1);
            if weight == 0 {
                return Err(invalid(
                    format!("members[{i}].weight"),
                    "a weight must be at least 1",
                ));
            }
            if members
                .insert(
                    code,
                    Member {
                        code,
                        name: m.name.clone(),
                        weight,
                        veto: false,
                    },
                )
                .is_some()
            {
                return Err(BodyError::DuplicateMember { code });
            }
        }
        if members.is_empty() {
            return Err(invalid(
                "members",
                "a body needs at least one member ([[members]] with code = \"...\")",
            ));
        }
        for (i, v) in self.veto.iter().enumerate() {
            let code = StateCode::parse(v).ok_or_else(|| {
                invalid(
                    format!("veto[{i}]"),
                    format!("\"{v}\" is not a three-letter code"),
                )
            })?;
            match members.get_mut(&code) {
                Some(m) => m.veto = true,
                None => {
                    return Err(invalid(
                        format!("veto[{i}]"),
                        format!("{code} holds a veto but is not among the members"),
                    ));
                }
            }
        }
        let quorum = match self.quorum {
            None => None,
            Some(QuorumDef::Count(n)) => Some(Quorum::Count(n)),
            Some(QuorumDef::Fraction(s)) => Some(Quorum::Fraction(Threshold::parse(&s).ok_or_else(|| {
                invalid("quorum", format!("\"{s}\" is not a quorum; expected a number of members or \"at least N/D\" / \"more than N/D\""))
            })?)),
        };
        Ok(Body {
            name: self.name.unwrap_or_else(|| self.id.clone()),
            id: self.id,
            kind: BodyKind::Custom,
            date: None,
            members,
            without_vote: BTreeSet::new(),
            quorum,
            custom: Some(CustomRules {
                majority,
                two_thirds,
            }),
        })
    }
}
