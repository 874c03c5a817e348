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
        // No description to quote: named by what it amends, as press releases do ("an
        // amendment to draft resolution A/ES-11/L.11").
        (CoveredKind::Amendment, ..) if d.title.is_none() && d.draft.is_some() => {
            let target = d.draft.clone().unwrap_or_default();
            if target.contains("/RES/") {
                let res = target.trim_start_matches("A/RES/").trim_start_matches("S/RES/").to_string();
                let key = if capital { "cov-what-amendment-to-res-cap" } else { "cov-what-amendment-to-res" };
                t_args(lang, key, [("res", Arg::from(res))])
            } else {
                let key = if capital { "cov-what-amendment-to-cap" } else { "cov-what-amendment-to" };
                t_args(lang, key, [("target", Arg::from(target))])
            }
        }
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
            // Russian agrees the participle with the noun: "поправка не принята", "проект не принят".
            ("kind", Arg::from(match d.kind {
                CoveredKind::Amendment => "amendment",
                CoveredKind::Draft => "draft",
            })),
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

/// Which of a decision's counts the record has. Sources publish some votes only in part (the
/// Russian amendment to A/ES-11/L.11 of 24 February 2025: 31 in favour, 71 against, the
/// abstentions not reported; the European amendment on sovereignty in the Security Council the
/// same day: 9 in favour, the rest not reported). A summary must say a figure is unknown
/// rather than print it as zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub no: bool,
    pub abstain: bool,
}

impl Known {
    pub const ALL: Known = Known { no: true, abstain: true };
}

/// [`sentence`], saying which figures the record does not give (a count it lacks is never
/// written as 0). The counts of `d` that `known` marks unknown are ignored.
pub fn sentence_known(lang: Lang, d: &CoveredDecision, known: Known) -> String {
    if (known.no && known.abstain) || d.without_vote {
        return sentence(lang, d);
    }
    let missing = if known.no { "abstain" } else { "other" };
    let no_list = if known.no { minority(lang, &d.states_no, d.no) } else { String::new() };
    let mut args: Vec<(&str, Arg)> = vec![
        ("body", Arg::from(body_name(lang, d.body))),
        ("bodykind", Arg::from(body_kind(d.body))),
        ("what", Arg::from(what(lang, d, false))),
        ("what_cap", Arg::from(what(lang, d, true))),
        ("kind", Arg::from(match d.kind {
            CoveredKind::Amendment => "amendment",
            CoveredKind::Draft => "draft",
        })),
        ("yes", Arg::from(d.yes)),
        ("no", Arg::from(d.no)),
        ("no_list", Arg::from(no_list)),
        ("missing", Arg::from(missing)),
    ];
    let key = match &d.outcome {
        CoveredOutcome::Adopted => "cov-adopted-partial",
        CoveredOutcome::Rejected => "cov-rejected-partial",
        CoveredOutcome::Vetoed { by } => {
            let names: Vec<String> = by.iter().map(|c| state_name(*c, lang, false)).collect();
            args.push(("count", Arg::from(by.len())));
            args.push(("vetoers", Arg::from(join(lang, &names))));
            "cov-vetoed-partial"
        }
    };
    t_args(lang, key, args)
}

/// [`paragraph`] with each decision's [`Known`] counts: the decision, then the amendments
/// voted before it, in the order they were voted.
pub fn paragraph_known(lang: Lang, amendments: &[(CoveredDecision, Known)], decision: &(CoveredDecision, Known)) -> String {
    let mut out = vec![sentence_known(lang, &decision.0, decision.1)];
    if !amendments.is_empty() {
        out.push(t_args(
            lang,
            "cov-amendments-first",
            [("count", Arg::from(amendments.len())), ("bodykind", Arg::from(body_kind(decision.0.body)))],
        ));
        out.extend(amendments.iter().map(|(a, k)| sentence_known(lang, a, *k)));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(yes: u32, no: u32, abstain: u32) -> CoveredDecision {
        CoveredDecision {
            body: CoveredBody::GeneralAssembly,
            kind: CoveredKind::Draft,
            resolution: Some("ES-11/7".into()),
            draft: Some("A/ES-11/L.10".into()),
            title: None,
            outcome: CoveredOutcome::Adopted,
            without_vote: false,
            yes,
            no,
            abstain,
            states_no: vec![],
            states_abstain: vec![],
        }
    }

    /// Russian agrees the noun with the number (CLDR plural rules: one = 1, 21, 31...; few =
    /// 2-4, 22-24...; many = 0, 5-20, 25-30...): "21 голосом", "93 голосами", "при 1
    /// воздержавшемся", "при 65 воздержавшихся".
    #[test]
    fn russian_recorded_votes_take_the_plural_form_of_their_number() {
        let s = sentence(Lang::Ru, &recorded(21, 18, 1));
        assert!(s.contains("21 голосом против 18 при 1 воздержавшемся."), "{s}");
        let s = sentence(Lang::Ru, &recorded(93, 18, 65));
        assert!(s.contains("93 голосами против 18 при 65 воздержавшихся."), "{s}");
        let s = sentence(Lang::Ru, &recorded(11, 0, 0));
        assert!(s.contains("11 голосами против 0 при отсутствии воздержавшихся."), "{s}");
    }

    #[test]
    fn ukrainian_recorded_votes_take_the_plural_form_of_their_number() {
        let s = sentence(Lang::Uk, &recorded(21, 18, 65));
        assert!(s.contains("«за» — 21 держава, «проти» — 18, утрималися — 65."), "{s}");
        let s = sentence(Lang::Uk, &recorded(93, 18, 0));
        assert!(s.contains("«за» — 93 держави, «проти» — 18, утриманих немає."), "{s}");
        let s = sentence(Lang::Uk, &recorded(141, 5, 35));
        assert!(s.contains("«за» — 141 держава"), "{s}");
        let s = sentence(Lang::Uk, &recorded(100, 11, 58));
        assert!(s.contains("«за» — 100 держав"), "{s}");
    }

    #[test]
    fn an_unknown_count_is_said_to_be_unknown_never_written_as_zero() {
        let mut d = recorded(31, 71, 0);
        d.kind = CoveredKind::Amendment;
        d.resolution = None;
        d.draft = Some("A/ES-11/L.11".into());
        d.outcome = CoveredOutcome::Rejected;
        let known = Known { no: true, abstain: false };
        let en = sentence_known(Lang::En, &d, known);
        assert_eq!(en, "The General Assembly rejected an amendment to A/ES-11/L.11, which obtained 31 votes in favour to 71 against; the record does not give the number of abstentions.");
        assert!(!en.contains(" 0 "), "{en}");
        let ru = sentence_known(Lang::Ru, &d, known);
        assert_eq!(ru, "Генеральная Ассамблея отклонила поправку к A/ES-11/L.11: 31 голос «за», 71 «против»; число воздержавшихся в записи не указано.");
        // With every count known it is the ordinary sentence.
        assert_eq!(sentence_known(Lang::En, &d, Known::ALL), sentence(Lang::En, &d));
    }
}
