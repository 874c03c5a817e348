//! The pages: a public view model per page (what the server knows), a private askama template
//! struct (what the page says, already in the reader's language), and a `render_*` function.
//!
//! Every visible string comes from Fluent (`crates/i18n/locales/*/web.ftl`); text that exists
//! only in English in the record (resolution titles, the source's own messages) is marked
//! `lang="en"` and says so, as issue 6 §2 asks.

use std::collections::BTreeMap;

use askama::Template;
use plenary_i18n::coverage::{self, CoveredBody, CoveredDecision, CoveredKind, CoveredOutcome};
use plenary_i18n::{Arg, Lang, format_date, format_number, state_name, t, t_args};
use plenary_rules::{Date, StateCode};

use crate::Light;

/// The stylesheet, embedded: no CDN, the pages work offline.
pub const CSS: &str = include_str!("../static/site.css");
/// The board's live updater (EventSource on `/api/meetings/{id}/board`), also the delegation
/// console's (it reloads when a vote opens or closes).
pub const BOARD_JS: &str = include_str!("../static/board.js");

/// A page could not be rendered (a template error; never user input).
#[derive(Debug)]
pub struct RenderError(pub String);
impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rendering a page: {}", self.0)
    }
}
impl std::error::Error for RenderError {}
impl From<askama::Error> for RenderError {
    fn from(e: askama::Error) -> Self {
        RenderError(e.to_string())
    }
}

/// What every page shares (`base.html`): language, title, the language switcher and the
/// landmarks. One type for every page, so the switcher and the header are the same on all of
/// them; a page with its own styles appends them ([`Base::with_css`]), a page whose state is in
/// its query (the analysis form) keeps it across the switch ([`Base::with_query`]).
pub(crate) struct Base {
    lang: Lang,
    pub(crate) title: String,
    /// Path of this page without its query, for `?lang=` links and a form's action.
    path: String,
    /// The page's query without `lang` (already encoded), kept by the language switcher.
    query: String,
    extra_css: &'static str,
}

pub(crate) struct LangLink {
    pub(crate) href: String,
    pub(crate) label: &'static str,
    pub(crate) tag: &'static str,
    pub(crate) current: bool,
}

impl Base {
    pub(crate) fn new(lang: Lang, title: String, path: &str) -> Base {
        Base { lang, title, path: path.to_string(), query: String::new(), extra_css: "" }
    }
    /// Appends a page's own styles to the site's.
    pub(crate) fn with_css(mut self, extra_css: &'static str) -> Base {
        self.extra_css = extra_css;
        self
    }
    /// Keeps `query` (encoded, without `lang`) in the language switcher's links.
    pub(crate) fn with_query(mut self, query: String) -> Base {
        self.query = query;
        self
    }
    pub(crate) fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }
    pub(crate) fn tag(&self) -> &'static str {
        self.lang.tag()
    }
    /// The page's path without its query (a form's action).
    pub(crate) fn path_only(&self) -> &str {
        &self.path
    }
    pub(crate) fn css(&self) -> String {
        format!("{CSS}{}", self.extra_css)
    }
    /// "UA EN RU", in that order (the order of issue 6).
    pub(crate) fn langs(&self) -> Vec<LangLink> {
        Lang::ALL
            .iter()
            .map(|&l| LangLink {
                href: if self.query.is_empty() {
                    format!("{}?lang={}", self.path, l.tag())
                } else {
                    format!("{}?{}&lang={}", self.path, self.query, l.tag())
                },
                label: l.switcher_label(),
                tag: l.tag(),
                current: l == self.lang,
            })
            .collect()
    }
}

/// Sorts names in the alphabetical order of the language: English ignoring accents and
/// punctuation ("Côte d'Ivoire" among the C's); Ukrainian and Russian by their alphabets
/// (Ukrainian: Український правопис 2019, §1: а б в г ґ д е є ж з и і ї й к л м н о п р с т у
/// ф х ц ч ш щ ь ю я; Russian: а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э
/// ю я), where Unicode's code point order misplaces є і ї ґ and ё.
pub fn sort_names(lang: Lang, names: &mut [String]) {
    names.sort_by_cached_key(|n| name_key(lang, n));
}

fn name_key(lang: Lang, name: &str) -> Vec<u32> {
    const UK: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    const RU: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    let alphabet = match lang {
        Lang::En => return plenary_rules::states::normalise(name).chars().map(|c| c as u32).collect(),
        Lang::Uk => UK,
        Lang::Ru => RU,
    };
    name.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            if let Some(i) = alphabet.chars().position(|a| a == c) {
                Some(1000 + i as u32)
            } else if c.is_alphanumeric() {
                // Latin letters and digits after the alphabet, in code point order.
                Some(2000 + c as u32)
            } else {
                None // spaces, hyphens and apostrophes do not order
            }
        })
        .collect()
}

fn body_name(lang: Lang, body: CoveredBody) -> String {
    t(lang, match body {
        CoveredBody::GeneralAssembly => "body-ga",
        CoveredBody::SecurityCouncil => "body-sc",
    })
}

fn outcome_label(lang: Lang, o: &CoveredOutcome) -> String {
    t(lang, match o {
        CoveredOutcome::Adopted => "outcome-adopted",
        CoveredOutcome::Rejected => "outcome-rejected",
        CoveredOutcome::Vetoed { .. } => "outcome-vetoed",
    })
}

fn outcome_class(o: &CoveredOutcome) -> &'static str {
    match o {
        CoveredOutcome::Adopted => "adopted",
        CoveredOutcome::Rejected => "rejected",
        CoveredOutcome::Vetoed { .. } => "vetoed",
    }
}

fn join_names(lang: Lang, codes: &[StateCode]) -> String {
    let mut names: Vec<String> = codes.iter().map(|c| state_name(*c, lang, false)).collect();
    sort_names(lang, &mut names);
    names.join(", ")
}

// ---------------------------------------------------------------------------------------------
// Decision page

/// Totals as a source published them; `None` where it published none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PublishedCounts {
    pub yes: Option<u32>,
    pub no: Option<u32>,
    pub abstain: Option<u32>,
    pub non_voting: Option<u32>,
}

/// The majority the decision needed: it decides the "why" sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Charter Art. 18(2): important questions, two thirds of the members present and voting.
    TwoThirdsPresentAndVoting,
    /// Charter Art. 18(3): other questions, a majority of the members present and voting.
    MajorityPresentAndVoting,
    /// Charter Art. 27(3): nine affirmative votes including the concurring votes of the
    /// permanent members (an abstention is not a veto: recorded practice since 1946).
    SecurityCouncil,
    /// Adopted without a vote (consensus): no count, no majority applied.
    WithoutVote,
}

/// A doubt the importer raised about the source (kept as a finding, never a correction).
#[derive(Clone, Debug)]
pub struct FindingView {
    pub kind: String,
    /// The importer's message, in English.
    pub message: String,
}

/// Where the record came from.
#[derive(Clone, Debug)]
pub struct ProvenanceView {
    pub format: String,
    pub file: String,
    pub line: u64,
    pub version: String,
}

/// A decision, live or historic.
#[derive(Clone, Debug)]
pub struct DecisionView {
    /// The page's path ("/decisions/A/RES/ES-11/1").
    pub path: String,
    pub body: CoveredBody,
    /// Resolution symbol ("A/RES/ES-11/1"), or the draft's for a draft not adopted.
    pub symbol: String,
    /// The resolution number as the press writes it ("ES-11/1"), for the coverage paragraph.
    pub resolution: Option<String>,
    pub draft: Option<String>,
    pub meeting: Option<String>,
    /// The title as recorded (English in every source we import).
    pub title: Option<String>,
    pub date: Date,
    pub published: PublishedCounts,
    /// Every Member's light: the states listed by the source and, for the others, what the
    /// importer counts them as (DGACM lists only Y/N/A: the rest are non-voting).
    pub votes: BTreeMap<StateCode, Light>,
    pub rule: Rule,
    pub outcome: CoveredOutcome,
    pub findings: Vec<FindingView>,
    pub provenance: Option<ProvenanceView>,
    /// Amendments voted before it, for the coverage paragraph.
    pub amendments: Vec<CoveredDecision>,
    /// The document page of the draft voted on (its text, sponsors and amendments); for an
    /// amendment, the page of the draft it amends.
    pub document_href: Option<String>,
    /// The amendments voted on this draft: their decision pages and their descriptions as
    /// recorded (English; amendments have no symbol of their own).
    pub amendment_links: Vec<(String, Option<String>)>,
}

impl DecisionView {
    /// How many states have each light.
    pub fn counted(&self) -> BTreeMap<Light, u32> {
        let mut m = BTreeMap::new();
        for l in self.votes.values() {
            *m.entry(*l).or_default() += 1;
        }
        m
    }

    fn states_with(&self, light: Light) -> Vec<StateCode> {
        self.votes.iter().filter(|(_, l)| **l == light).map(|(c, _)| *c).collect()
    }

    /// What the coverage module needs of this decision.
    pub fn covered(&self) -> CoveredDecision {
        let c = self.counted();
        let get = |l| c.get(&l).copied().unwrap_or(0);
        CoveredDecision {
            body: self.body,
            kind: CoveredKind::Draft,
            resolution: self.resolution.clone(),
            draft: self.draft.clone().or_else(|| Some(self.symbol.clone())),
            title: self.title.clone(),
            outcome: self.outcome.clone(),
            without_vote: self.rule == Rule::WithoutVote,
            yes: self.published.yes.unwrap_or(get(Light::Yes)),
            no: self.published.no.unwrap_or(get(Light::No)),
            abstain: self.published.abstain.unwrap_or(get(Light::Abstain)),
            states_no: self.states_with(Light::No),
            states_abstain: self.states_with(Light::Abstain),
        }
    }

    /// The "why" sentence: the majority applied to the counts.
    pub fn reason(&self, lang: Lang) -> String {
        let cov = self.covered();
        let (yes, no) = (cov.yes, cov.no);
        let args = |extra: Vec<(&'static str, Arg<'static>)>| {
            let mut v: Vec<(&str, Arg)> = vec![("yes", Arg::from(yes)), ("no", Arg::from(no))];
            v.extend(extra);
            v
        };
        match (&self.rule, &self.outcome) {
            (Rule::WithoutVote, _) => t(lang, "web-reason-without-vote"),
            (_, CoveredOutcome::Vetoed { by }) => {
                t_args(lang, "web-reason-vetoed", [("vetoers", Arg::from(join_names(lang, by)))])
            }
            (Rule::TwoThirdsPresentAndVoting, _) => {
                let pv = yes + no;
                let needed = (2 * pv).div_ceil(3);
                let key = if yes >= needed && pv > 0 { "web-reason-two-thirds-met" } else { "web-reason-two-thirds-not-met" };
                t_args(lang, key, args(vec![("pv", Arg::from(pv)), ("needed", Arg::from(needed))]))
            }
            (Rule::MajorityPresentAndVoting, _) => {
                let key = if yes > no { "web-reason-simple-met" } else { "web-reason-simple-not-met" };
                t_args(lang, key, args(vec![]))
            }
            (Rule::SecurityCouncil, _) => {
                let key = if yes >= 9 { "web-reason-sc-met" } else { "web-reason-sc-short" };
                t_args(lang, key, args(vec![]))
            }
        }
    }
}

struct TallyRow {
    class: &'static str,
    label: String,
    published: String,
    counted: String,
}

struct VoteGroup {
    class: &'static str,
    symbol: &'static str,
    heading: String,
    count: String,
    names: Vec<String>,
}

#[derive(Template)]
#[template(path = "decision.html")]
struct DecisionPage {
    base: Base,
    symbol: String,
    title: Option<String>,
    /// Label, value, and whether the value is a symbol as recorded (not to be translated).
    facts: Vec<(String, String, bool)>,
    tallies: Vec<TallyRow>,
    groups: Vec<VoteGroup>,
    map_svg: String,
    outcome_class: &'static str,
    outcome: String,
    sentence: String,
    reason: String,
    findings: Vec<FindingView>,
    provenance: Option<ProvenanceView>,
    coverage: String,
    document_href: Option<String>,
    /// The page of the meeting it was taken at, with that meeting's coverage.
    meeting_href: Option<(String, String)>,
    amendment_links: Vec<(String, Option<String>)>,
}

/// The order of the vote categories on every page, as the UN lists them.
const ORDER: [Light; 5] = [Light::Yes, Light::No, Light::Abstain, Light::NonVoting, Light::Absent];

pub(crate) fn vote_cat_key(l: Light) -> &'static str {
    match l {
        Light::Yes => "vote-cat-yes",
        Light::No => "vote-cat-no",
        Light::Abstain => "vote-cat-abstain",
        Light::NonVoting => "vote-cat-non-voting",
        Light::Absent | Light::NotMember => "vote-cat-absent",
    }
}

/// The decision page.
pub fn render_decision(lang: Lang, v: &DecisionView) -> Result<String, RenderError> {
    let counted = v.counted();
    let num = |n: u32| format_number(lang, n as i64);
    let unpublished = t(lang, "web-tally-unpublished");
    let published = [v.published.yes, v.published.no, v.published.abstain, v.published.non_voting, None];
    let tallies = ORDER
        .iter()
        .zip(published)
        .filter(|(l, p)| p.is_some() || counted.contains_key(l))
        .map(|(l, p)| TallyRow {
            class: l.class(),
            label: t(lang, vote_cat_key(*l)),
            published: p.map(num).unwrap_or_else(|| unpublished.clone()),
            counted: num(counted.get(l).copied().unwrap_or(0)),
        })
        .collect();
    let groups = ORDER
        .iter()
        .filter_map(|&l| {
            let mut names: Vec<String> = v.states_with(l).into_iter().map(|c| state_name(c, lang, false)).collect();
            if names.is_empty() {
                return None;
            }
            sort_names(lang, &mut names);
            Some(VoteGroup {
                class: l.class(),
                symbol: l.symbol(),
                heading: t(lang, vote_cat_key(l)),
                count: t_args(lang, "web-state-count", [("count", Arg::from(names.len()))]),
                names,
            })
        })
        .collect();
    let mut facts = vec![
        (t(lang, "web-field-symbol"), v.symbol.clone(), true),
        (t(lang, "web-field-date"), format_date(lang, v.date), false),
        (t(lang, "web-field-body"), body_name(lang, v.body), false),
    ];
    if let Some(m) = &v.meeting {
        facts.push((t(lang, "web-field-meeting"), m.clone(), true));
    }
    if let Some(d) = &v.draft {
        facts.push((t(lang, "web-field-draft"), d.clone(), true));
    }
    let caption = t_args(lang, "web-map-caption", [("symbol", Arg::from(v.symbol.as_str()))]);
    let covered = v.covered();
    let page = DecisionPage {
        base: Base::new(lang, format!("{} — {}", v.symbol, t(lang, "app-name")), &v.path),
        symbol: v.symbol.clone(),
        title: v.title.clone(),
        facts,
        tallies,
        groups,
        map_svg: crate::vote_map(lang, &v.votes, &caption),
        outcome_class: outcome_class(&v.outcome),
        outcome: outcome_label(lang, &v.outcome),
        sentence: coverage::sentence(lang, &covered),
        reason: v.reason(lang),
        findings: v.findings.clone(),
        provenance: v.provenance.clone(),
        coverage: coverage::paragraph(lang, &v.amendments, &covered),
        document_href: v.document_href.clone(),
        // A meeting record's symbol ("S/PV.9866", "A/ES-11/PV.5") is the meeting page's path.
        meeting_href: v.meeting.as_ref().filter(|m| m.contains("/PV.")).map(|m| (format!("/meeting/{m}"), m.clone())),
        amendment_links: v.amendment_links.clone(),
    };
    Ok(page.render()?)
}

// ---------------------------------------------------------------------------------------------
// The board

/// The result announced at the close.
#[derive(Clone, Debug)]
pub struct BoardResult {
    pub outcome: CoveredOutcome,
    /// The UN's sentence, in the reader's language (from [`coverage::sentence`]).
    pub announcement: String,
}

/// The projector view of one meeting's current vote.
#[derive(Clone, Debug)]
pub struct BoardView {
    pub path: String,
    pub meeting_id: String,
    pub body: CoveredBody,
    pub question: String,
    /// The live question's id: the script reloads the page when the stream shows another.
    pub question_id: Option<i64>,
    /// The members of the body, each with a light (not yet voted: [`Light::Absent`]).
    pub lights: BTreeMap<StateCode, Light>,
    pub open: bool,
    pub result: Option<BoardResult>,
}

struct BoardLight {
    code: StateCode,
    class: &'static str,
    symbol: &'static str,
    name: String,
    vote: String,
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    base: Base,
    meeting_id: String,
    body: String,
    question: String,
    question_id: String,
    open: bool,
    lights: Vec<BoardLight>,
    totals: Vec<(&'static str, String, u32)>,
    result: Option<(&'static str, String, String)>,
    /// Labels the script needs, by letter: `Y` -> "Yes" in the reader's language.
    labels: Vec<(&'static str, String, &'static str)>,
    script: &'static str,
}

/// The board (projector view).
pub fn render_board(lang: Lang, v: &BoardView) -> Result<String, RenderError> {
    let mut lights: Vec<BoardLight> = v
        .lights
        .iter()
        .map(|(c, l)| BoardLight {
            code: *c,
            class: l.class(),
            symbol: l.symbol(),
            name: state_name(*c, lang, true),
            vote: if *l == Light::Absent { String::new() } else { t(lang, l.key()) },
        })
        .collect();
    lights.sort_by_cached_key(|l| name_key(lang, &l.name));
    let count = |x: Light| v.lights.values().filter(|l| **l == x).count() as u32;
    let totals = [Light::Yes, Light::No, Light::Abstain, Light::NonVoting]
        .iter()
        .map(|&l| (l.class(), t(lang, vote_cat_key(l)), count(l)))
        .collect();
    let mut labels: Vec<(&'static str, String, &'static str)> = [Light::Yes, Light::No, Light::Abstain, Light::NonVoting]
        .iter()
        .map(|&l| (l.letter(), t(lang, l.key()), l.symbol()))
        .collect();
    for o in [CoveredOutcome::Adopted, CoveredOutcome::Rejected, CoveredOutcome::Vetoed { by: vec![] }] {
        labels.push((outcome_class(&o), outcome_label(lang, &o), ""));
    }
    let page = BoardPage {
        base: Base::new(lang, format!("{} — {}", t(lang, "web-board-title"), t(lang, "app-name")), &v.path),
        meeting_id: v.meeting_id.clone(),
        body: body_name(lang, v.body),
        question: v.question.clone(),
        question_id: v.question_id.map(|q| q.to_string()).unwrap_or_default(),
        open: v.open,
        lights,
        totals,
        result: v.result.as_ref().map(|r| (outcome_class(&r.outcome), outcome_label(lang, &r.outcome), r.announcement.clone())),
        labels,
        script: BOARD_JS,
    };
    Ok(page.render()?)
}

// ---------------------------------------------------------------------------------------------
// Delegation console

/// What a delegation sees: a sign-in form until signed in, then the question and its buttons.
#[derive(Clone, Debug)]
pub struct DelegationView {
    pub path: String,
    pub meeting_id: String,
    /// The signed-in delegation; `None` shows the sign-in form.
    pub state: Option<StateCode>,
    /// The CSRF token the server checks on every form it receives.
    pub csrf: String,
    pub question: String,
    /// The text put to the vote, as recorded (English where the record has no other).
    pub text: Option<String>,
    pub open: bool,
    /// The vote the server recorded for this delegation, if any.
    pub recorded: Option<Light>,
}

#[derive(Template)]
#[template(path = "delegation.html")]
struct DelegationPage {
    base: Base,
    meeting_id: String,
    signed_in: bool,
    heading: String,
    csrf: String,
    question: String,
    text: Option<String>,
    open: bool,
    recorded: String,
    recorded_class: &'static str,
    buttons: Vec<(&'static str, &'static str, String, bool)>,
    /// The signed-in delegation's state, posted with its vote: the server refuses a vote for
    /// any other state.
    state_code: String,
    /// The live script: the console reloads when a vote opens or closes.
    script: &'static str,
}

/// The delegation console.
pub fn render_delegation(lang: Lang, v: &DelegationView) -> Result<String, RenderError> {
    let recorded = match v.recorded {
        Some(l) => t_args(lang, "web-recorded-vote", [("vote", Arg::from(t(lang, l.key())))]),
        None => t(lang, "web-no-vote-yet"),
    };
    let heading = match v.state {
        Some(c) => t_args(lang, "web-delegation-heading", [("state", Arg::from(state_name(c, lang, false)))]),
        None => t(lang, "web-signin-heading"),
    };
    let buttons = [Light::Yes, Light::No, Light::Abstain]
        .iter()
        .map(|&l| (l.letter(), l.class(), t(lang, l.key()), v.recorded == Some(l)))
        .collect();
    let page = DelegationPage {
        base: Base::new(lang, format!("{heading} — {}", t(lang, "app-name")), &v.path),
        meeting_id: v.meeting_id.clone(),
        signed_in: v.state.is_some(),
        heading,
        csrf: v.csrf.clone(),
        question: v.question.clone(),
        text: v.text.clone(),
        open: v.open,
        recorded,
        recorded_class: v.recorded.map(Light::class).unwrap_or(""),
        buttons,
        state_code: v.state.map(|c| c.to_string()).unwrap_or_default(),
        script: BOARD_JS,
    };
    Ok(page.render()?)
}

// ---------------------------------------------------------------------------------------------
// Chair console

/// Why a step comes where it does in the order of voting (the rules engine's reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepReason {
    /// GA rule 77 / SC rule 33: procedural motions first, in order of precedence.
    MotionFirst,
    /// GA rule 90 / SC rule 36: amendments before the proposal, furthest removed first.
    AmendmentFirst,
    /// GA rule 89 / SC rule 32: parts voted separately before the whole.
    PartFirst,
    /// GA rule 91 / SC rule 32: proposals in the order of their submission.
    ProposalInOrder,
}

impl StepReason {
    fn key(self) -> &'static str {
        match self {
            StepReason::MotionFirst => "web-why-motion",
            StepReason::AmendmentFirst => "web-why-amendment",
            StepReason::PartFirst => "web-why-part",
            StepReason::ProposalInOrder => "web-why-proposal",
        }
    }
}

/// One step of the proposed order of voting.
#[derive(Clone, Debug)]
pub struct OrderStep {
    /// The item's symbol or label ("A/ES-11/L.1", "amendment A/78/L.20").
    pub item: String,
    pub reason: StepReason,
}

/// The chair's console.
#[derive(Clone, Debug)]
pub struct ChairView {
    pub path: String,
    pub meeting_id: String,
    pub csrf: String,
    pub question: String,
    /// Every member, present or not.
    pub attendance: BTreeMap<StateCode, bool>,
    pub order: Vec<OrderStep>,
    pub open: bool,
    /// The result of the last vote closed, announced to the chair as to the board.
    pub result: Option<BoardResult>,
    /// The debates on a Security Council veto this assembly must hold (A/RES/76/262, para. 1);
    /// empty for a Council or where none is due.
    pub veto_debates: Vec<VetoDebate>,
    /// The open question is put to a vote by show of hands (GA rule 87): the console asks for
    /// the counts instead of offering to close a recorded vote.
    pub show_of_hands: bool,
    /// The permanent members present, in a body with the veto (Charter Art. 27(3)): the tally
    /// form asks which of them voted against. Empty in the General Assembly.
    pub permanent: Vec<StateCode>,
}

/// A General Assembly debate a veto in the Security Council calls for (A/RES/76/262, para. 1:
/// a formal meeting within ten working days of the veto; UN holidays not modelled).
#[derive(Clone, Debug)]
pub struct VetoDebate {
    /// The symbol of the vetoed draft or amendment.
    pub symbol: String,
    pub vetoed_by: Vec<StateCode>,
    pub vetoed_on: Date,
    /// The last day for the meeting.
    pub deadline: Date,
}

#[derive(Template)]
#[template(path = "chair.html")]
struct ChairPage {
    base: Base,
    meeting_id: String,
    csrf: String,
    question: String,
    present: String,
    attendance: Vec<(StateCode, String, bool)>,
    order: Vec<(String, String)>,
    /// The item the "open the vote" button puts: the first step of the order.
    next_item: Option<String>,
    open: bool,
    result: Option<(&'static str, String, String)>,
    /// One sentence per debate due (A/RES/76/262).
    veto_debates: Vec<String>,
    show_of_hands: bool,
    /// The permanent members present (code, name), for the tally form's veto checkboxes.
    permanent: Vec<(StateCode, String)>,
}

/// The chair's console.
pub fn render_chair(lang: Lang, v: &ChairView) -> Result<String, RenderError> {
    let mut attendance: Vec<(StateCode, String, bool)> =
        v.attendance.iter().map(|(c, p)| (*c, state_name(*c, lang, true), *p)).collect();
    attendance.sort_by_cached_key(|a| name_key(lang, &a.1));
    let n = v.attendance.values().filter(|p| **p).count();
    let page = ChairPage {
        base: Base::new(lang, format!("{} — {}", t(lang, "web-chair-title"), t(lang, "app-name")), &v.path),
        meeting_id: v.meeting_id.clone(),
        csrf: v.csrf.clone(),
        question: v.question.clone(),
        present: format!("{}: {}", t(lang, "web-present"), format_number(lang, n as i64)),
        attendance,
        order: v.order.iter().map(|s| (s.item.clone(), t(lang, s.reason.key()))).collect(),
        next_item: v.order.first().map(|s| s.item.clone()),
        open: v.open,
        result: v.result.as_ref().map(|r| (outcome_class(&r.outcome), outcome_label(lang, &r.outcome), r.announcement.clone())),
        show_of_hands: v.show_of_hands,
        permanent: v.permanent.iter().map(|c| (*c, state_name(*c, lang, true))).collect(),
        veto_debates: v
            .veto_debates
            .iter()
            .map(|d| {
                let states: Vec<String> = d.vetoed_by.iter().map(|c| state_name(*c, lang, true)).collect();
                t_args(
                    lang,
                    "web-veto-debate",
                    [
                        ("symbol", Arg::from(d.symbol.clone())),
                        ("states", Arg::from(states.join(", "))),
                        ("date", Arg::from(format_date(lang, d.vetoed_on))),
                        // $to: the last day for the meeting.
                        ("to", Arg::from(format_date(lang, d.deadline))),
                    ],
                )
            })
            .collect(),
    };
    Ok(page.render()?)
}

// ---------------------------------------------------------------------------------------------
// Home

/// A decision in a list.
#[derive(Clone, Debug)]
pub struct DecisionLink {
    pub href: String,
    pub symbol: String,
    pub title: Option<String>,
    pub date: Date,
    pub outcome: CoveredOutcome,
}

/// A meeting in progress.
#[derive(Clone, Debug)]
pub struct MeetingLink {
    pub href: String,
    pub body: CoveredBody,
    /// The meeting's record symbol or name ("A/ES-11/PV.5").
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct HomeView {
    pub path: String,
    pub recent: Vec<DecisionLink>,
    pub meetings: Vec<MeetingLink>,
    /// The search typed; when not empty, `recent` holds its results.
    pub query: String,
}

struct DecisionRow {
    href: String,
    symbol: String,
    title: Option<String>,
    date: String,
    outcome: String,
    outcome_class: &'static str,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    base: Base,
    tagline: String,
    query: String,
    /// "Recent decisions", or "Results for ..." after a search.
    list_heading: String,
    recent: Vec<DecisionRow>,
    meetings: Vec<(String, String, String)>,
}

/// The home page.
pub fn render_home(lang: Lang, v: &HomeView) -> Result<String, RenderError> {
    let page = HomePage {
        base: Base::new(lang, t(lang, "app-name"), &v.path),
        tagline: t(lang, "app-tagline"),
        query: v.query.clone(),
        list_heading: if v.query.trim().is_empty() {
            t(lang, "web-home-recent")
        } else {
            t_args(lang, "web-home-results", [("query", Arg::from(v.query.trim())), ("count", Arg::from(v.recent.len()))])
        },
        recent: v
            .recent
            .iter()
            .map(|d| DecisionRow {
                href: d.href.clone(),
                symbol: d.symbol.clone(),
                title: d.title.clone(),
                date: format_date(lang, d.date),
                outcome: outcome_label(lang, &d.outcome),
                outcome_class: outcome_class(&d.outcome),
            })
            .collect(),
        meetings: v.meetings.iter().map(|m| (m.href.clone(), m.name.clone(), body_name(lang, m.body))).collect(),
    };
    Ok(page.render()?)
}

// ---------------------------------------------------------------------------------------------
// Country page

#[derive(Clone, Debug)]
pub struct CountryVoteRow {
    pub href: String,
    pub symbol: String,
    pub date: Date,
    pub title: Option<String>,
    pub light: Light,
}

/// A state's page: its votes and the analysis charts (SVG strings from plenary-analysis).
#[derive(Clone, Debug)]
pub struct CountryView {
    pub path: String,
    pub state: StateCode,
    pub rows: Vec<CountryVoteRow>,
    /// Complete `<svg>` documents, made by the same code as `plenary plot`.
    pub charts: Vec<String>,
    /// The ideal point over time, from the server's background fit.
    pub idealpoints: CountryIdealPoints,
}

/// The country page's ideal-point section. The estimates come from a fit of the whole record
/// that takes seconds (plenary-server's `fits`), so the page is rendered with whatever is
/// ready and says what is not, rather than waiting or failing.
#[derive(Clone, Debug, PartialEq)]
pub enum CountryIdealPoints {
    /// No section (the page is filtered to the Security Council: the model reads the General
    /// Assembly's votes).
    Hidden,
    /// The first fit of the record is running.
    Computing,
    /// The record holds no contested General Assembly recorded vote: nothing to estimate.
    TooLittle,
    /// The fit failed (the server logged why).
    Failed,
    /// The estimates hold no year of this state in the period. `updating`: the record has
    /// changed since they were made and a new fit is running.
    NoEstimate { updating: bool },
    /// The chart: a complete `<svg>` document from `analysis::country_idealpoints_chart`.
    Chart { svg: String, updating: bool },
}

struct CountryRow {
    href: String,
    symbol: String,
    date: String,
    title: Option<String>,
    class: &'static str,
    symbol_mark: &'static str,
    vote: String,
}

#[derive(Template)]
#[template(path = "country.html")]
struct CountryPage {
    base: Base,
    name: String,
    rows: Vec<CountryRow>,
    charts: Vec<String>,
    /// The ideal-point section: shown at all, the chart (inline SVG), and the notes.
    idealpoints_shown: bool,
    idealpoints_svg: Option<String>,
    /// Fluent keys of the section's messages, in order.
    idealpoints_notes: Vec<&'static str>,
}

/// The country page.
pub fn render_country(lang: Lang, v: &CountryView) -> Result<String, RenderError> {
    let name = state_name(v.state, lang, false);
    // Newest first, as a voting record is read.
    let mut sorted: Vec<&CountryVoteRow> = v.rows.iter().collect();
    sorted.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.symbol.cmp(&b.symbol)));
    let page = CountryPage {
        base: Base::new(lang, format!("{name} — {}", t(lang, "app-name")), &v.path),
        name,
        rows: sorted
            .into_iter()
            .map(|r| CountryRow {
                href: r.href.clone(),
                symbol: r.symbol.clone(),
                date: format_date(lang, r.date),
                title: r.title.clone(),
                class: r.light.class(),
                symbol_mark: r.light.symbol(),
                vote: t(lang, r.light.key()),
            })
            .collect(),
        charts: v.charts.iter().map(|s| strip_xml_prolog(s).to_string()).collect(),
        idealpoints_shown: v.idealpoints != CountryIdealPoints::Hidden,
        idealpoints_svg: match &v.idealpoints {
            CountryIdealPoints::Chart { svg, .. } => Some(strip_xml_prolog(svg).to_string()),
            _ => None,
        },
        idealpoints_notes: match &v.idealpoints {
            CountryIdealPoints::Hidden | CountryIdealPoints::Chart { updating: false, .. } => vec![],
            CountryIdealPoints::Computing => vec!["web-country-idealpoints-computing"],
            CountryIdealPoints::TooLittle => vec!["web-country-idealpoints-too-little"],
            CountryIdealPoints::Failed => vec!["web-country-idealpoints-failed"],
            CountryIdealPoints::NoEstimate { updating } => {
                let mut n = vec!["web-country-idealpoints-none"];
                if *updating {
                    n.push("web-country-idealpoints-updating");
                }
                n
            }
            CountryIdealPoints::Chart { updating: true, .. } => vec!["web-country-idealpoints-updating"],
        },
    };
    Ok(page.render()?)
}

/// An SVG file's `<?xml ...?>` prolog is not allowed inside HTML.
fn strip_xml_prolog(svg: &str) -> &str {
    let s = svg.trim_start();
    if s.starts_with("<?xml") {
        s.find("?>").map(|i| s[i + 2..].trim_start()).unwrap_or(s)
    } else {
        s
    }
}

// ---------------------------------------------------------------------------------------------
// A message page (a refusal, a page not found)

/// A short page that says what went wrong and what to do: the server's refusals in the
/// reader's language.
#[derive(Clone, Debug)]
pub struct MessageView {
    pub path: String,
    /// Already in the reader's language.
    pub title: String,
    pub message: String,
    /// The server's own words (English), shown as such; `None` when the message says it all.
    pub detail: Option<String>,
    /// Where to go next (href, label).
    pub back: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    base: Base,
    heading: String,
    message: String,
    detail: Option<String>,
    back: Option<(String, String)>,
}

/// A message page.
pub fn render_message(lang: Lang, v: &MessageView) -> Result<String, RenderError> {
    let page = MessagePage {
        base: Base::new(lang, format!("{} — {}", v.title, t(lang, "app-name")), &v.path),
        heading: v.title.clone(),
        message: v.message.clone(),
        detail: v.detail.clone(),
        back: v.back.clone(),
    };
    Ok(page.render()?)
}

// ---------------------------------------------------------------------------------------------
// Vetoes page

/// One vetoed draft or amendment (`plenary_record::vetoes::Veto`, as the page shows it).
#[derive(Clone, Debug)]
pub struct VetoRow {
    /// Its decision page.
    pub href: String,
    /// The draft's symbol ("S/2022/155"); `None` for an amendment without one (the page says
    /// "Amendment" and the title says which).
    pub symbol: Option<String>,
    pub date: Date,
    /// The meeting's record symbol and its page, where the record has them.
    pub meeting: Option<(String, String)>,
    pub vetoed_by: Vec<StateCode>,
    pub yes: u32,
    /// `None` where the record has neither the source's count nor the states' votes (the
    /// fixtures' European amendments of 24 February 2025: "9 votes in favour", the rest not
    /// reported): a count the record lacks is never shown as 0.
    pub no: Option<u32>,
    pub abstain: Option<u32>,
    /// As recorded (English).
    pub title: Option<String>,
}

/// The vetoes page: "Which vetoes has Russia cast since 2022?" (`/vetoes?state=RUS&from=2022`).
#[derive(Clone, Debug)]
pub struct VetoesView {
    pub path: String,
    /// The filters as the form shows them again: the state chosen, the years or dates typed.
    pub state: Option<StateCode>,
    pub from: String,
    pub to: String,
    /// The permanent members the form offers (Charter Art. 23(1)).
    pub permanent: Vec<StateCode>,
    /// Oldest first, as `Store::vetoes` gives them.
    pub rows: Vec<VetoRow>,
}

struct VetoLine {
    href: String,
    symbol: String,
    /// Whether `symbol` is a document symbol (not translated) rather than a label.
    is_symbol: bool,
    date: String,
    meeting: Option<(String, String)>,
    vetoed_by: String,
    tally: String,
    title: Option<String>,
}

#[derive(Template)]
#[template(path = "vetoes.html")]
struct VetoesPage {
    base: Base,
    heading: String,
    summary: String,
    /// (code, localised name, selected), sorted by name.
    states: Vec<(String, String, bool)>,
    any_selected: bool,
    from: String,
    to: String,
    rows: Vec<VetoLine>,
}

/// The vetoes page's own styles: the filter form in one row where it fits.
const VETOES_CSS: &str = ".filters{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:flex-end;margin:1rem 0}\
.filters div{display:flex;flex-direction:column;gap:.25rem}.filters input{width:9rem}\
.filters select,.filters input{font:inherit;padding:.45rem .5rem;min-height:2.6rem;box-sizing:border-box}";

/// A query string's value, percent-encoded (RFC 3986 unreserved characters kept).
fn query_value(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// The vetoes page.
pub fn render_vetoes(lang: Lang, v: &VetoesView) -> Result<String, RenderError> {
    let mut states: Vec<(String, String, bool)> =
        v.permanent.iter().map(|c| (c.to_string(), state_name(*c, lang, false), v.state == Some(*c))).collect();
    states.sort_by_cached_key(|s| name_key(lang, &s.1));
    let mut query = Vec::new();
    if let Some(s) = v.state {
        query.push(format!("state={s}"));
    }
    for (k, val) in [("from", &v.from), ("to", &v.to)] {
        if !val.is_empty() {
            query.push(format!("{k}={}", query_value(val)));
        }
    }
    let count = v.rows.len();
    let summary = match v.state {
        Some(s) => t_args(lang, "web-vetoes-count-by", [("count", Arg::from(count)), ("state", Arg::from(state_name(s, lang, false)))]),
        None => t_args(lang, "web-vetoes-count", [("count", Arg::from(count))]),
    };
    let num = |n: u32| format_number(lang, n as i64);
    let page = VetoesPage {
        base: Base::new(lang, format!("{} — {}", t(lang, "web-vetoes-title"), t(lang, "app-name")), &v.path).with_css(VETOES_CSS).with_query(query.join("&")),
        heading: t(lang, "web-vetoes-title"),
        summary,
        any_selected: v.state.is_none(),
        states,
        from: v.from.clone(),
        to: v.to.clone(),
        rows: v
            .rows
            .iter()
            .map(|r| VetoLine {
                href: r.href.clone(),
                symbol: r.symbol.clone().unwrap_or_else(|| t(lang, "web-vetoes-amendment")),
                is_symbol: r.symbol.is_some(),
                date: format_date(lang, r.date),
                meeting: r.meeting.clone(),
                vetoed_by: join_names(lang, &r.vetoed_by),
                tally: match (r.no, r.abstain) {
                    (Some(no), Some(abstain)) => {
                        t_args(lang, "web-vetoes-tally", [("yes", Arg::from(num(r.yes))), ("no", Arg::from(num(no))), ("abstain", Arg::from(num(abstain)))])
                    }
                    _ => t_args(lang, "web-vetoes-tally-partial", [("yes", Arg::from(num(r.yes)))]),
                },
                title: r.title.clone(),
            })
            .collect(),
    };
    Ok(page.render()?)
}

// ---------------------------------------------------------------------------------------------
// A meeting of the record and its coverage

/// A meeting as the record holds it ("S/PV.9866"): the press-release summary of its decisions
/// (issue 6 §3, `document::load_coverage`) and the decisions themselves.
#[derive(Clone, Debug)]
pub struct MeetingRecordView {
    pub path: String,
    /// The meeting's record symbol.
    pub symbol: String,
    /// `document::Coverage::heading` and `paragraphs`, already in the reader's language.
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// The decisions recorded at the meeting, in the order voted.
    pub decisions: Vec<MeetingDecision>,
}

/// A decision of a meeting's page.
#[derive(Clone, Debug)]
pub struct MeetingDecision {
    pub href: String,
    /// The resolution's or draft's symbol; for an amendment without one, the record's
    /// description (English).
    pub label: String,
    pub described: bool,
    /// `None`: the record could not determine it.
    pub outcome: Option<CoveredOutcome>,
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingRecordPage {
    base: Base,
    symbol: String,
    heading: String,
    paragraphs: Vec<String>,
    /// (href, label, whether the label is an English description, outcome, outcome class).
    decisions: Vec<(String, String, bool, String, &'static str)>,
}

/// A meeting's page.
pub fn render_meeting_record(lang: Lang, v: &MeetingRecordView) -> Result<String, RenderError> {
    let page = MeetingRecordPage {
        base: Base::new(lang, format!("{} — {}", v.symbol, t(lang, "app-name")), &v.path),
        symbol: v.symbol.clone(),
        heading: v.heading.clone(),
        paragraphs: v.paragraphs.clone(),
        decisions: v
            .decisions
            .iter()
            .map(|d| {
                let (text, class) = match &d.outcome {
                    Some(o) => (outcome_label(lang, o), outcome_class(o)),
                    None => (t(lang, "web-meeting-undetermined"), ""),
                };
                (d.href.clone(), d.label.clone(), d.described, text, class)
            })
            .collect(),
    };
    Ok(page.render()?)
}
