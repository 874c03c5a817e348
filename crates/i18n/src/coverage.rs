//! Meeting coverage: a paragraph about a decision, written from the record in the manner of the
//! UN's press releases ("The General Assembly adopted resolution ES-11/7 by a recorded vote of
//! 93 in favour to 18 against (...), with 65 abstentions"), in English, Ukrainian or Russian.
//!
//! Press releases name the states of a small minority; we name a category's states when it has
//! at most [`MINORITY_NAMED`] of them and the record has the list.

use plenary_rules::StateCode;

use crate::{Arg, Lang, state_name, t, t_args};

/// Categories with at most this many states are named in the text (GA/12675 names 18 states
/// against ES-11/7).
pub const MINORITY_NAMED: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoveredBody {
    GeneralAssembly,
    SecurityCouncil,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CoveredOutcome {
    Adopted,
    Rejected,
    Vetoed { by: Vec<StateCode> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoveredKind {
    /// A draft resolution (adopted, it is named by its resolution symbol).
    Draft,
    Amendment,
}

/// What the coverage needs to know of one decision.
#[derive(Clone, Debug)]
pub struct CoveredDecision {
    pub body: CoveredBody,
    pub kind: CoveredKind,
    /// The resolution number as the press writes it: "ES-11/7", "2774 (2025)".
    pub resolution: Option<String>,
    pub draft: Option<String>,
    pub title: Option<String>,
    pub outcome: CoveredOutcome,
    pub without_vote: bool,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// The states by vote, where the record has them (empty when it does not).
    pub states_no: Vec<StateCode>,
    pub states_abstain: Vec<StateCode>,
}

fn body_name(lang: Lang, body: CoveredBody) -> String {
    t(lang, match body {
        CoveredBody::GeneralAssembly => "body-ga",
        CoveredBody::SecurityCouncil => "body-sc",
    })
}

fn body_kind(body: CoveredBody) -> &'static str {
    match body {
        CoveredBody::GeneralAssembly => "ga",
        CoveredBody::SecurityCouncil => "sc",
    }
}

/// "Belarus, Burkina Faso and Hungary", or "" when the list is unknown or too long.
fn minority(lang: Lang, states: &[StateCode], count: u32) -> String {
    if states.is_empty() || states.len() > MINORITY_NAMED || states.len() != count as usize {
        return String::new();
    }
    let mut names: Vec<String> = states.iter().map(|c| state_name(*c, lang, false)).collect();
    names.sort();
    format!(" {}", t_args(lang, "cov-state-list", [("states", Arg::from(join(lang, &names)))]))
}

fn join(lang: Lang, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {}", init.join(", "), t(lang, "cov-and"), last),
    }
}

fn what(lang: Lang, d: &CoveredDecision, capital: bool) -> String {
    match (d.kind, &d.outcome, &d.resolution) {
        (CoveredKind::Amendment, ..) => {
            let key = if capital { "cov-what-amendment-cap" } else { "cov-what-amendment" };
            t_args(lang, key, [("title", Arg::from(d.title.clone().unwrap_or_default()))])
        }
        (CoveredKind::Draft, CoveredOutcome::Adopted, Some(res)) => {
            t_args(lang, "cov-what-resolution", [("symbol", Arg::from(res.clone()))])
        }
        _ => {
            let key = if capital { "cov-what-draft-cap" } else { "cov-what-draft" };
            t_args(lang, key, [("symbol", Arg::from(d.draft.clone().unwrap_or_default()))])
        }
    }
}

/// One sentence (or two, for a veto) about one decision.
pub fn sentence(lang: Lang, d: &CoveredDecision) -> String {
    let no_list = minority(lang, &d.states_no, d.no);
    let abstain_list = minority(lang, &d.states_abstain, d.abstain);
    let common = |extra: Vec<(&'static str, Arg<'static>)>| {
        let mut args: Vec<(&str, Arg)> = vec![
            ("body", Arg::from(body_name(lang, d.body))),
            ("bodykind", Arg::from(body_kind(d.body))),
            ("what", Arg::from(what(lang, d, false))),
            ("yes", Arg::from(d.yes)),
            ("no", Arg::from(d.no)),
            ("abstain", Arg::from(d.abstain)),
            ("no_list", Arg::from(no_list.clone())),
            ("abstain_list", Arg::from(abstain_list.clone())),
        ];
        args.extend(extra);
        args
    };
    match &d.outcome {
        CoveredOutcome::Adopted if d.without_vote => t_args(lang, "cov-adopted-without-vote", common(vec![])),
        CoveredOutcome::Adopted => {
            let key = match d.body {
                CoveredBody::GeneralAssembly => "cov-adopted-recorded",
                CoveredBody::SecurityCouncil => "cov-adopted-sc",
            };
            t_args(lang, key, common(vec![]))
        }
        CoveredOutcome::Rejected => t_args(lang, "cov-rejected", common(vec![])),
        CoveredOutcome::Vetoed { by } => {
            let names: Vec<String> = by.iter().map(|c| state_name(*c, lang, false)).collect();
            t_args(
                lang,
                "cov-vetoed",
                common(vec![
                    ("what_cap", Arg::from(what(lang, d, true))),
                    ("count", Arg::from(by.len())),
                    ("vetoers", Arg::from(join(lang, &names))),
                ]),
            )
        }
    }
}

/// A paragraph on a decision and the amendments voted before it, in the order they were voted.
pub fn paragraph(lang: Lang, amendments: &[CoveredDecision], decision: &CoveredDecision) -> String {
    let mut out = Vec::new();
    if !amendments.is_empty() {
        out.push(t_args(
            lang,
            "cov-amendments-first",
            [("count", Arg::from(amendments.len())), ("bodykind", Arg::from(body_kind(decision.body)))],
        ));
        out.extend(amendments.iter().map(|a| sentence(lang, a)));
    }
    out.insert(0, sentence(lang, decision));
    out.join(" ")
}
