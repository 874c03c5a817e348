//! Helpers shared by the engine's tests: real bodies from explicit member lists.
#![allow(dead_code)]

use plenary_rules::{
    Ballot, Body, Date, Decision, Question, QuestionKind, StateCode, Vote, decide,
};

pub fn code(s: &str) -> StateCode {
    StateCode::parse(s).unwrap_or_else(|| panic!("bad code {s}"))
}

pub fn date(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The Council of 2025 (membership/README.md, validation): the five permanent members and
/// Algeria, Denmark, Greece, Guyana, Pakistan, Panama, Republic of Korea, Sierra Leone,
/// Slovenia, Somalia.
pub fn sc_2025() -> Body {
    let permanent = ["CHN", "FRA", "GBR", "RUS", "USA"].map(|c| (code(c), true));
    let elected = [
        "DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "SOM",
    ]
    .map(|c| (code(c), false));
    Body::security_council_of(date("2025-02-24"), permanent.into_iter().chain(elected)).unwrap()
}

/// The Council of 1948 (sc_members.csv): the Republic of China holding China's seat, the USSR,
/// and Argentina, Belgium, Canada, Colombia, Syria, the Ukrainian SSR.
pub fn sc_1948() -> Body {
    let permanent = ["TWN", "FRA", "GBR", "SUN", "USA"].map(|c| (code(c), true));
    let elected = ["ARG", "BEL", "CAN", "COL", "SYR", "UKR"].map(|c| (code(c), false));
    Body::security_council_of(date("1948-05-24"), permanent.into_iter().chain(elected)).unwrap()
}

/// The Council of 25 June 1950: Cuba, Ecuador, Egypt, India, Norway, Yugoslavia elected.
pub fn sc_1950() -> Body {
    let permanent = ["TWN", "FRA", "GBR", "SUN", "USA"].map(|c| (code(c), true));
    let elected = ["CUB", "ECU", "EGY", "IND", "NOR", "YUG"].map(|c| (code(c), false));
    Body::security_council_of(date("1950-06-25"), permanent.into_iter().chain(elected)).unwrap()
}

/// A General Assembly of `n` Members with made-up codes (AAA, AAB, ...), for the arithmetic of
/// Art. 18 where who the Members are does not matter.
pub fn assembly(n: usize) -> (Body, Vec<StateCode>) {
    let codes: Vec<StateCode> = (0..n)
        .map(|i| {
            StateCode([
                b'A' + (i / 676) as u8,
                b'A' + (i / 26 % 26) as u8,
                b'A' + (i % 26) as u8,
            ])
        })
        .collect();
    (
        Body::general_assembly_of(date("2025-02-24"), codes.clone()).unwrap(),
        codes,
    )
}

/// Per-member votes: `yes`, `no`, `abstain` listed by code.
pub fn roll(yes: &[&str], no: &[&str], abstain: &[&str]) -> Ballot {
    let v = yes
        .iter()
        .map(|c| (code(c), Vote::Yes))
        .chain(no.iter().map(|c| (code(c), Vote::No)))
        .chain(abstain.iter().map(|c| (code(c), Vote::Abstain)));
    Ballot::from_votes(v).unwrap()
}

/// The first `yes` codes vote yes, the next `no` no, the next `abstain` abstain.
pub fn counted(codes: &[StateCode], yes: usize, no: usize, abstain: usize) -> Ballot {
    let v = codes
        .iter()
        .enumerate()
        .take(yes + no + abstain)
        .map(|(i, c)| {
            (
                *c,
                if i < yes {
                    Vote::Yes
                } else if i < yes + no {
                    Vote::No
                } else {
                    Vote::Abstain
                },
            )
        });
    Ballot::from_votes(v).unwrap()
}

pub fn decide_kind(body: &Body, kind: QuestionKind, ballot: &Ballot) -> Decision {
    decide(body, &Question::new(kind), ballot).unwrap()
}
