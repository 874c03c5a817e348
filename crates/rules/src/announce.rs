//! The sentence the presiding officer reads out, in the UN's words.
//!
//! General Assembly (verbatim records): "Draft resolution A/ES-11/L.1 was adopted by 141 votes
//! to 5, with 35 abstentions (resolution ES-11/1)." / "The amendment was rejected by 31 votes
//! to 71, ...". Security Council (research.un.org/en/docs/unvoting/sc): "The draft resolution
//! received 11 votes in favour, 1 against and 3 abstentions. The draft resolution has not been
//! adopted, owing to the negative vote of a permanent member of the Council." / "...has not
//! been adopted, having failed to obtain the required number of votes." / "The draft
//! resolution has been adopted as resolution 2774 (2025)."

use crate::body::{Body, BodyKind};
use crate::decide::{Decision, Outcome, Question, Reason};
use crate::majority::Majority;

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "Draft resolution A/ES-11/L.10" or "The draft resolution".
fn subject_phrase(q: &Question) -> String {
    match &q.symbol {
        Some(sym) => format!("{} {sym}", capitalised(q.subject.noun())),
        None => format!("The {}", q.subject.noun()),
    }
}

fn votes(n: u64) -> String {
    if n == 1 {
        "1 vote".into()
    } else {
        format!("{n} votes")
    }
}

fn against_ga(n: u64) -> String {
    if n == 0 { "none".into() } else { n.to_string() }
}

fn abstentions(n: u64) -> String {
    match n {
        0 => "no abstentions".into(),
        1 => "1 abstention".into(),
        n => format!("{n} abstentions"),
    }
}

/// "93 votes to 18, with 65 abstentions"
fn ga_figures(d: &Decision) -> String {
    format!(
        "{} to {}, with {}",
        votes(d.yes),
        against_ga(d.no),
        abstentions(d.abstain)
    )
}

pub(crate) fn announcement(body: &Body, q: &Question, d: &Decision, present: u64) -> String {
    let subject = subject_phrase(q);
    if d.reason == Reason::QuorumNotPresent {
        let needed = body.quorum().map(|q| q.required(body.size())).unwrap_or(0);
        return format!(
            "No decision can be taken on the {}: a quorum is not present ({present} of {} members present; {needed} required).",
            q.subject.noun(),
            body.size()
        );
    }
    match body.kind() {
        BodyKind::SecurityCouncil => council(q, d, &subject),
        _ => assembly(q, d, &subject),
    }
}

fn assembly(q: &Question, d: &Decision, subject: &str) -> String {
    let adopted_as = q
        .adopted_as
        .as_ref()
        .map(|r| format!(" (resolution {r})"))
        .unwrap_or_default();
    match (&d.outcome, d.reason) {
        (Outcome::Adopted, _) => format!("{subject} was adopted by {}{adopted_as}.", ga_figures(d)),
        (Outcome::Vetoed { by }, _) => format!(
            "{subject} was not adopted, owing to the negative vote of {} holding a veto: {}.",
            if by.len() > 1 { "members" } else { "a member" },
            ga_figures(d)
        ),
        (_, Reason::EquallyDivided) => format!(
            "The votes being equally divided ({}), {} is rejected.",
            ga_figures(d),
            subject_lower(subject)
        ),
        (_, _) if d.yes > d.no => {
            let which = match d.majority {
                Majority::TwoThirdsPresentAndVoting => {
                    "the required two-thirds majority".to_string()
                }
                ref m => format!("the required majority ({})", m.describe()),
            };
            format!(
                "{subject} was not adopted, having failed to obtain {which}: {}.",
                ga_figures(d)
            )
        }
        (_, _) => format!("{subject} was rejected by {}.", ga_figures(d)),
    }
}

fn subject_lower(subject: &str) -> String {
    match subject.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => {
            let mut c = subject.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

fn council(q: &Question, d: &Decision, subject: &str) -> String {
    let against = if d.no == 0 {
        "none against".to_string()
    } else {
        format!("{} against", d.no)
    };
    let mut figures = format!(
        "{subject} received {} in favour, {against} and {}",
        votes(d.yes),
        abstentions(d.abstain)
    );
    if d.non_voting > 0 {
        figures.push_str(&format!(", with {} present and not voting", d.non_voting));
    }
    figures.push('.');
    let the = format!("The {}", q.subject.noun());
    let verdict = match &d.outcome {
        Outcome::Adopted => match (&q.adopted_as, q.subject) {
            (Some(r), crate::decide::Subject::DraftResolution) => {
                format!("{the} has been adopted as resolution {r}.")
            }
            _ => format!("{the} has been adopted."),
        },
        Outcome::Vetoed { by } if by.len() > 1 => {
            format!(
                "{the} has not been adopted, owing to the negative votes of permanent members of the Council."
            )
        }
        Outcome::Vetoed { .. } => {
            format!(
                "{the} has not been adopted, owing to the negative vote of a permanent member of the Council."
            )
        }
        Outcome::Rejected => format!(
            "{the} has not been adopted, having failed to obtain the required number of votes."
        ),
    };
    format!("{figures} {verdict}")
}

/// The verdict alone, without figures: for a decision whose exact figures are not all known
/// (a press report giving only the votes in favour), where every possible figure gives the
/// same outcome. "The amendment has not been adopted, owing to the negative vote of a
/// permanent member of the Council." / "The amendment was rejected."
pub fn verdict(body: &Body, q: &Question, d: &Decision) -> String {
    let subject = subject_phrase(q);
    if body.kind() == BodyKind::SecurityCouncil {
        let full = council(q, d, &subject);
        return full
            .split_once(". ")
            .map(|(_, v)| v.to_string())
            .unwrap_or(full);
    }
    match (&d.outcome, d.reason) {
        (Outcome::Adopted, _) => format!("{subject} was adopted."),
        (Outcome::Vetoed { .. }, _) => format!(
            "{subject} was not adopted, owing to the negative vote of a member holding a veto."
        ),
        (_, Reason::QuorumNotPresent) => format!(
            "No decision can be taken on the {}: a quorum is not present.",
            q.subject.noun()
        ),
        (_, Reason::EquallyDivided) => format!(
            "The votes being equally divided, {} is rejected.",
            subject_lower(&subject)
        ),
        (_, Reason::FailedToObtainRequiredMajority) if d.yes > d.no => {
            let which = match d.majority {
                Majority::TwoThirdsPresentAndVoting => {
                    "the required two-thirds majority".to_string()
                }
                ref m => format!("the required majority ({})", m.describe()),
            };
            format!("{subject} was not adopted, having failed to obtain {which}.")
        }
        _ => format!("{subject} was rejected."),
    }
}
