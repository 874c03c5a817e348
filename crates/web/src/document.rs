//! The document page (issue 6 §1): a draft's text in paragraphs, its amendments shown as
//! tracked changes, its sponsors, and the votes taken on it and on its amendments, each linked
//! to its decision page; and, from the same record reading, the meeting coverage that
//! `plenary coverage` prints (issue 6 §3).
//!
//! Three parts, as for the other pages: the bundled resolution texts ([`texts_of`], from
//! `data/texts`), a view model ([`DocumentView`]) and its renderer ([`render_document`], pure),
//! and the loaders that build view models from the record ([`load_document`],
//! [`load_coverage`]) through `plenary_record`'s public API, so the server's router and the CLI
//! read the record the same way.
//!
//! What the record holds and what it does not (so the page says it, rather than inventing):
//! - Texts: the official texts of ES-11/1 to ES-11/6 in English and Russian (DGACM's Akoma
//!   Ntoso files). No Ukrainian text exists (Ukrainian is not a UN official language): a
//!   Ukrainian reader gets the English text and a sentence saying so.
//! - Amendments: the record knows them by their description (`decisions.amends` links them to
//!   the draft). Where the description quotes the change (`"A" -> "B"`, as the fixtures write
//!   the European amendment to the draft that became S/RES/2774 (2025)), the page shows it as
//!   tracked text; where the draft's text is in the record and contains the quoted words, the
//!   change is shown in place.
//! - Revisions (A/…/L.1/Rev.1): no revised text is in the project's data; the page lists the
//!   document symbols as recorded ("A/ES-11/L.1 and A/ES-11/L.1/Add.1").

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::OnceLock;

use askama::Template;
use plenary_i18n::coverage::{self, CoveredBody, CoveredDecision, CoveredKind, CoveredOutcome, Known};
use plenary_i18n::{Arg, Lang, format_date, format_number, state_name, t, t_args};
use plenary_record::query::DecisionView as RecordDecision;
use plenary_record::symbol::symbol_key;
use plenary_record::{Store, StoreError};
use plenary_rules::{Date, StateCode};
use sqlx::Row;

use crate::pages::{RenderError, sort_names};

// ---------------------------------------------------------------------------------------------
// The resolution texts

/// One paragraph of a resolution: the preamble's "Reaffirming ..." or an operative "1. ...".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextParagraph {
    /// The operative paragraph's number ("1."); `None` in the preamble.
    pub num: Option<String>,
    /// The opening words the UN sets in italics ("Reaffirming", "Demands").
    pub lead: Option<String>,
    /// The rest of the paragraph, whitespace collapsed.
    pub text: String,
}

/// A resolution's official text in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolutionText {
    /// The language of the text (English or Russian: the texts we ship).
    pub lang: Lang,
    /// "A/RES/ES-11/1".
    pub symbol: String,
    pub title: String,
    /// "The General Assembly," / "Генеральная Ассамблея,".
    pub formula: String,
    pub preamble: Vec<TextParagraph>,
    pub operative: Vec<TextParagraph>,
    /// The repository file it was read from, for the page's source line.
    pub file: &'static str,
}

/// The texts shipped in `data/texts` (see its README for the source), compiled in so the page
/// works from any directory, as the bundled record does.
const TEXT_FILES: [(&str, &[u8]); 12] = [
    ("data/texts/ES-11/English/A_RES_ES-11_1-2204067E.xml", include_bytes!("../../../data/texts/ES-11/English/A_RES_ES-11_1-2204067E.xml.gz")),
    ("data/texts/ES-11/English/A_RES_ES-11_2-2204550E.xml", include_bytes!("../../../data/texts/ES-11/English/A_RES_ES-11_2-2204550E.xml.gz")),
    ("data/texts/ES-11/English/A_RES_ES-11_3-2205216E.xml", include_bytes!("../../../data/texts/ES-11/English/A_RES_ES-11_3-2205216E.xml.gz")),
    ("data/texts/ES-11/English/A_RES_ES-11_4_2223239E.xml", include_bytes!("../../../data/texts/ES-11/English/A_RES_ES-11_4_2223239E.xml.gz")),
    ("data/texts/ES-11/English/A_RES_ES-11_5-2225805E.xml", include_bytes!("../../../data/texts/ES-11/English/A_RES_ES-11_5-2225805E.xml.gz")),
    ("data/texts/ES-11/English/A_RES_ES-11_6-E.xml", include_bytes!("../../../data/texts/ES-11/English/A_RES_ES-11_6-E.xml.gz")),
    ("data/texts/ES-11/Russian/A_RES_ES-11_1-2204067R.xml", include_bytes!("../../../data/texts/ES-11/Russian/A_RES_ES-11_1-2204067R.xml.gz")),
    ("data/texts/ES-11/Russian/A_RES_ES-11_2-2204550R.xml", include_bytes!("../../../data/texts/ES-11/Russian/A_RES_ES-11_2-2204550R.xml.gz")),
    ("data/texts/ES-11/Russian/A_RES_ES-11_3-2205216R.xml", include_bytes!("../../../data/texts/ES-11/Russian/A_RES_ES-11_3-2205216R.xml.gz")),
    ("data/texts/ES-11/Russian/A_RES_ES-11_4_2223239R.xml", include_bytes!("../../../data/texts/ES-11/Russian/A_RES_ES-11_4_2223239R.xml.gz")),
    ("data/texts/ES-11/Russian/A_RES_ES-11_5-2225805R.xml", include_bytes!("../../../data/texts/ES-11/Russian/A_RES_ES-11_5-2225805R.xml.gz")),
    ("data/texts/ES-11/Russian/A_RES_ES-11_6-R.xml", include_bytes!("../../../data/texts/ES-11/Russian/A_RES_ES-11_6-R.xml.gz")),
];

/// A text file that could not be read (a build with a damaged `data/texts`; never user input).
#[derive(Debug)]
pub struct TextError {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a node, skipping footnotes (`authorialNote`), whitespace collapsed.
fn node_text(n: roxmltree::Node) -> String {
    let mut out = String::new();
    for d in n.descendants() {
        if d.is_text() && !d.ancestors().any(|a| a.tag_name().name() == "authorialNote") {
            // The texts' `<p>`s are `xml:space="preserve"`: their own spaces separate words.
            out.push_str(d.text().unwrap_or_default());
        }
    }
    collapse(&out)
}

/// A `<p>`'s italic opening words and the rest.
fn split_lead(p: roxmltree::Node) -> (Option<String>, String) {
    let all = node_text(p);
    let lead = p
        .descendants()
        .find(|d| d.tag_name().name() == "span" && d.attribute("class") == Some("italic"))
        .map(node_text)
        .filter(|l| !l.is_empty() && all.starts_with(l.as_str()));
    match lead {
        Some(l) => {
            let rest = all[l.len()..].trim().to_string();
            // "demands, that" : the UN italicises the comma with the verb.
            (Some(l.trim_end_matches(',').trim().to_string()), rest.trim_start_matches(',').trim().to_string())
        }
        None => (None, all),
    }
}

/// Reads one Akoma Ntoso (AKN4UN) resolution: the symbol from `docNumber`, the language from
/// `FRBRExpression/FRBRlanguage` (ISO 639-2: eng, rus), the preamble's containers and the
/// main body's paragraphs.
pub fn parse_akn(file: &'static str, xml: &str) -> Result<ResolutionText, TextError> {
    let err = |m: String| TextError { file: file.to_string(), message: m };
    let doc = roxmltree::Document::parse(xml).map_err(|e| err(format!("not well-formed XML: {e}")))?;
    let find = |name: &str| doc.descendants().find(|n| n.tag_name().name() == name);
    let lang = find("FRBRExpression")
        .and_then(|e| e.descendants().find(|n| n.tag_name().name() == "FRBRlanguage"))
        .and_then(|n| n.attribute("language"))
        .ok_or_else(|| err("no FRBRExpression/FRBRlanguage: expected language=\"eng\" or \"rus\"".into()))?;
    let lang = match lang {
        "eng" => Lang::En,
        "rus" => Lang::Ru,
        other => return Err(err(format!("FRBRlanguage {other:?}: expected \"eng\" or \"rus\""))),
    };
    // The preface holds the resolution's number and title as printed ("ES-11/1.", "Aggression
    // against Ukraine"); the cover page has the symbol and the "Resolution adopted by..." line.
    let preface = find("preface").ok_or_else(|| err("no <preface>: expected the resolution's number and title".into()))?;
    let in_preface = |name: &str| preface.descendants().find(|n| n.tag_name().name() == name).map(node_text);
    let number = in_preface("docNumber").ok_or_else(|| err("no preface/docNumber: expected e.g. \"ES-11/1.\"".into()))?;
    let number = number.trim_end_matches('.').trim();
    let symbol = if number.starts_with("A/") { number.to_string() } else { format!("A/RES/{number}") };
    let title = in_preface("docTitle").unwrap_or_default();
    let preamble_node = find("preamble").ok_or_else(|| err("no <preamble>".into()))?;
    let formula = preamble_node
        .children()
        .find(|n| n.tag_name().name() == "formula")
        .map(node_text)
        .unwrap_or_default();
    let preamble = preamble_node
        .children()
        .filter(|n| n.tag_name().name() == "container")
        .map(|c| {
            let (lead, text) = c.descendants().find(|n| n.tag_name().name() == "p").map(split_lead).unwrap_or((None, node_text(c)));
            TextParagraph { num: None, lead, text }
        })
        .collect();
    let body = find("mainBody").ok_or_else(|| err("no <mainBody>".into()))?;
    let operative = body
        .children()
        .filter(|n| n.tag_name().name() == "paragraph")
        .map(|p| {
            let num = p.children().find(|n| n.tag_name().name() == "num").map(node_text);
            let paras: Vec<roxmltree::Node> = p.descendants().filter(|n| n.tag_name().name() == "p").collect();
            let (lead, mut text) = paras.first().map(|f| split_lead(*f)).unwrap_or((None, String::new()));
            for more in paras.iter().skip(1) {
                text.push(' ');
                text.push_str(&node_text(*more));
            }
            TextParagraph { num, lead, text: text.trim().to_string() }
        })
        .collect();
    Ok(ResolutionText { lang, symbol, title, formula, preamble, operative, file })
}

fn bundled_texts() -> &'static Result<Vec<ResolutionText>, TextError> {
    static TEXTS: OnceLock<Result<Vec<ResolutionText>, TextError>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        TEXT_FILES
            .iter()
            .map(|(file, gz)| {
                let mut xml = String::new();
                flate2::read::GzDecoder::new(*gz)
                    .read_to_string(&mut xml)
                    .map_err(|e| TextError { file: file.to_string(), message: format!("not gzip'd UTF-8: {e}") })?;
                parse_akn(file, &xml)
            })
            .collect()
    })
}

/// The official texts of a resolution (`A/RES/ES-11/1`, or loosely `ES-11/1`) in every
/// language shipped, English first. Empty when the project's data has no text for it.
pub fn texts_of(symbol: &str) -> Result<Vec<ResolutionText>, &'static TextError> {
    let key = symbol_key(symbol);
    let key = if key.starts_with("A/") { key } else { format!("A/RES/{key}") };
    let all = bundled_texts().as_ref()?;
    let mut out: Vec<ResolutionText> = all.iter().filter(|t| symbol_key(&t.symbol) == key).cloned().collect();
    out.sort_by_key(|t| t.lang != Lang::En);
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Tracked changes

/// What an amendment does to the text: words struck out and words put in their place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextChange {
    pub delete: Option<String>,
    pub insert: Option<String>,
}

/// The change an amendment's recorded description quotes, in the form the fixtures write it:
/// `... "Russia-Ukraine conflict" -> "full-scale invasion of Ukraine by the Russian
/// Federation"`. `None` when the description quotes no change (it is then shown as prose).
pub fn change_from_description(desc: &str) -> Option<TextChange> {
    let (before, after) = desc.split_once("->")?;
    let quoted = |s: &str, last: bool| -> Option<String> {
        let parts: Vec<&str> = s.split('"').collect();
        // Text between quotes sits at the odd indices.
        let inside: Vec<&str> = parts.iter().enumerate().filter(|(i, _)| i % 2 == 1).map(|(_, p)| *p).collect();
        let q = if last { inside.last() } else { inside.first() }?;
        let q = q.trim();
        (!q.is_empty()).then(|| q.to_string())
    };
    let delete = quoted(before, true);
    let insert = quoted(after, false);
    (delete.is_some() || insert.is_some()).then_some(TextChange { delete, insert })
}

// ---------------------------------------------------------------------------------------------
// The view model

/// One vote taken on the document or on one of its amendments.
#[derive(Clone, Debug)]
pub struct DocumentVote {
    /// The decision page of this vote.
    pub href: String,
    /// The decision's symbol, or for an amendment without one `None`.
    pub symbol: Option<String>,
    /// The amendment's description as recorded (English), for amendments.
    pub description: Option<String>,
    pub date: Date,
    /// What the coverage needs, and which of its counts the record has.
    pub covered: CoveredDecision,
    pub known: Known,
    /// The change the amendment's description quotes.
    pub change: Option<TextChange>,
}

impl DocumentVote {
    pub fn is_amendment(&self) -> bool {
        self.covered.kind == CoveredKind::Amendment
    }
}

/// A draft and what became of it.
#[derive(Clone, Debug)]
pub struct DocumentView {
    /// This page's path ("/documents/A/RES/ES-11/1"), for the language switcher.
    pub path: String,
    pub body: CoveredBody,
    /// The document's symbols as recorded ("A/ES-11/L.1 and A/ES-11/L.1/Add.1"), or the
    /// resolution's where the record has no draft symbol.
    pub symbol: String,
    /// The resolution it became, if adopted ("A/RES/ES-11/1").
    pub resolution: Option<String>,
    /// The title as recorded (English in every source we import).
    pub title: Option<String>,
    pub date: Date,
    pub sponsors: Vec<StateCode>,
    /// Its official texts, in every language the record has (see [`texts_of`]).
    pub texts: Vec<ResolutionText>,
    /// The votes in the order they were taken: amendments first (GA rule 90, SC rule 36), then
    /// the draft.
    pub votes: Vec<DocumentVote>,
}

// ---------------------------------------------------------------------------------------------
// Rendering

struct Para {
    num: Option<String>,
    lead: Option<String>,
    /// Text before the tracked change, the change, text after it (no change: all in `before`).
    before: String,
    change: Option<ChangeMark>,
    after: String,
}

struct ChangeMark {
    delete: Option<String>,
    insert: Option<String>,
    /// "Amendment not adopted (rejected)": the change's fate, in words.
    fate: String,
    fate_class: &'static str,
}

struct AmendmentRow {
    href: String,
    description: Option<String>,
    change: Option<ChangeMark>,
    /// Whether the change is shown in place in the text above.
    in_text: bool,
    outcome: String,
    outcome_class: &'static str,
}

struct VoteRow {
    href: String,
    subject: String,
    /// The subject is a recorded English description (marked lang="en").
    subject_en: bool,
    date: String,
    outcome: String,
    outcome_class: &'static str,
    yes: String,
    no: String,
    abstain: String,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    base: crate::pages::Base,
    symbol: String,
    title: Option<String>,
    facts: Vec<(String, String)>,
    sponsors: Vec<String>,
    sponsors_count: String,
    text_notice: Option<String>,
    text_lang: &'static str,
    text_title: Option<String>,
    text_source: Option<String>,
    formula: String,
    preamble: Vec<Para>,
    operative: Vec<Para>,
    amendments: Vec<AmendmentRow>,
    votes: Vec<VoteRow>,
    coverage: String,
}

fn outcome_words(lang: Lang, o: &CoveredOutcome) -> (String, &'static str) {
    match o {
        CoveredOutcome::Adopted => (t(lang, "outcome-adopted"), "adopted"),
        CoveredOutcome::Rejected => (t(lang, "outcome-rejected"), "rejected"),
        CoveredOutcome::Vetoed { .. } => (t(lang, "outcome-vetoed"), "vetoed"),
    }
}

fn lang_name(lang: Lang) -> String {
    t(lang, match lang {
        Lang::En => "web-doc-lang-en",
        Lang::Uk => "web-doc-lang-uk",
        Lang::Ru => "web-doc-lang-ru",
    })
}

/// Places a change in a paragraph where the paragraph contains the words it deletes.
fn place(p: &TextParagraph, change: Option<(&TextChange, &ChangeMarkSrc)>) -> (Para, bool) {
    if let Some((c, src)) = change
        && let Some(del) = &c.delete
        && let Some(i) = p.text.find(del.as_str())
    {
        let para = Para {
            num: p.num.clone(),
            lead: p.lead.clone(),
            before: p.text[..i].to_string(),
            change: Some(src.mark(c)),
            after: p.text[i + del.len()..].to_string(),
        };
        return (para, true);
    }
    (Para { num: p.num.clone(), lead: p.lead.clone(), before: p.text.clone(), change: None, after: String::new() }, false)
}

struct ChangeMarkSrc {
    fate: String,
    fate_class: &'static str,
}
impl ChangeMarkSrc {
    fn mark(&self, c: &TextChange) -> ChangeMark {
        ChangeMark { delete: c.delete.clone(), insert: c.insert.clone(), fate: self.fate.clone(), fate_class: self.fate_class }
    }
}

/// The document page, in `lang`: the text in the reader's language where the record has it,
/// otherwise in English with a sentence saying so.
pub fn render_document(lang: Lang, v: &DocumentView) -> Result<String, RenderError> {
    let num = |n: u32| format_number(lang, n as i64);
    let unknown = t(lang, "web-tally-unpublished");
    let text = v.texts.iter().find(|x| x.lang == lang).or_else(|| v.texts.iter().find(|x| x.lang == Lang::En));
    let text_notice = match text {
        Some(x) if x.lang != lang => Some(t_args(lang, "web-doc-text-in-english", [("language", Arg::from(lang_name(lang)))])),
        None => Some(t(lang, "web-doc-no-text")),
        _ => None,
    };
    // Amendments whose quoted change can be shown in place: only in the English text, which
    // is the language of the record's descriptions.
    let mut placed = vec![false; v.votes.len()];
    let srcs: Vec<ChangeMarkSrc> = v
        .votes
        .iter()
        .map(|d| {
            let (o, class) = outcome_words(lang, &d.covered.outcome);
            ChangeMarkSrc { fate: t_args(lang, "web-doc-amendment-fate", [("outcome", Arg::from(o))]), fate_class: class }
        })
        .collect();
    let mut paras = |ps: &[TextParagraph]| -> Vec<Para> {
        ps.iter()
            .map(|p| {
                let english = text.is_some_and(|x| x.lang == Lang::En);
                let cand = v.votes.iter().enumerate().find(|(i, d)| {
                    english && !placed[*i] && d.change.as_ref().and_then(|c| c.delete.as_ref()).is_some_and(|del| p.text.contains(del.as_str()))
                });
                match cand {
                    Some((i, d)) => {
                        let (para, ok) = place(p, d.change.as_ref().map(|c| (c, &srcs[i])));
                        placed[i] = ok;
                        para
                    }
                    None => place(p, None).0,
                }
            })
            .collect()
    };
    let (preamble, operative) = match text {
        Some(x) => (paras(&x.preamble), paras(&x.operative)),
        None => (vec![], vec![]),
    };
    let amendments = v
        .votes
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_amendment())
        .map(|(i, d)| {
            let (outcome, outcome_class) = outcome_words(lang, &d.covered.outcome);
            AmendmentRow {
                href: d.href.clone(),
                description: d.description.clone(),
                change: d.change.as_ref().map(|c| srcs[i].mark(c)),
                in_text: placed[i],
                outcome,
                outcome_class,
            }
        })
        .collect();
    let votes = v
        .votes
        .iter()
        .map(|d| {
            let (outcome, outcome_class) = outcome_words(lang, &d.covered.outcome);
            let c = &d.covered;
            let (subject, subject_en) = match (&d.symbol, d.is_amendment()) {
                (_, true) => (t(lang, "web-doc-vote-amendment"), false),
                (Some(s), false) => (s.clone(), false),
                (None, false) => (v.symbol.clone(), false),
            };
            VoteRow {
                href: d.href.clone(),
                subject,
                subject_en,
                date: format_date(lang, d.date),
                outcome,
                outcome_class,
                yes: num(c.yes),
                no: if d.known.no { num(c.no) } else { unknown.clone() },
                abstain: if d.known.abstain { num(c.abstain) } else { unknown.clone() },
            }
        })
        .collect();
    let mut sponsors: Vec<String> = v.sponsors.iter().map(|c| state_name(*c, lang, false)).collect();
    sort_names(lang, &mut sponsors);
    let mut facts = vec![
        (t(lang, "web-field-body"), t(lang, match v.body {
            CoveredBody::GeneralAssembly => "body-ga",
            CoveredBody::SecurityCouncil => "body-sc",
        })),
        (t(lang, "web-field-date"), format_date(lang, v.date)),
    ];
    if let Some(r) = &v.resolution {
        facts.push((t(lang, "web-doc-resolution"), r.clone()));
    }
    let coverage = match v.votes.iter().rposition(|d| !d.is_amendment()) {
        Some(main) => {
            let amendments: Vec<(CoveredDecision, Known)> =
                v.votes.iter().filter(|d| d.is_amendment()).map(|d| (d.covered.clone(), d.known)).collect();
            coverage::paragraph_known(lang, &amendments, &(v.votes[main].covered.clone(), v.votes[main].known))
        }
        None => v.votes.iter().map(|d| coverage::sentence_known(lang, &d.covered, d.known)).collect::<Vec<_>>().join(" "),
    };
    // "A/ES-11/L.1 and A/ES-11/L.1/Add.1" as the record joins them: the English "and" would be
    // left untranslated in a Ukrainian or Russian title, so the symbols are listed with commas.
    let symbols = draft_symbols(&v.symbol);
    let shown = if symbols.is_empty() { v.symbol.clone() } else { symbols.join(", ") };
    let page = DocumentPage {
        // The window title names the document by one symbol (the <title> cannot be marked
        // translate="no", and "Add.1" would read as an English word there).
        base: crate::pages::Base::new(
            lang,
            format!("{} — {}", v.resolution.clone().or_else(|| symbols.first().cloned()).unwrap_or_else(|| v.symbol.clone()), t(lang, "app-name")),
            &v.path,
        )
        .with_css(DOCUMENT_CSS),
        symbol: shown,
        title: v.title.clone(),
        facts,
        sponsors_count: t_args(lang, "web-state-count", [("count", Arg::from(sponsors.len()))]),
        sponsors,
        text_notice,
        text_lang: text.map(|x| x.lang.tag()).unwrap_or("en"),
        text_title: text.map(|x| x.title.clone()),
        text_source: text.map(|x| x.file.to_string()),
        formula: text.map(|x| x.formula.clone()).unwrap_or_default(),
        preamble,
        operative,
        amendments,
        votes,
        coverage,
    };
    Ok(page.render()?)
}

/// The page's own styles: tracked changes are struck through and underlined, and carry a
/// visible "[−]"/"[+]" cue and a hidden "deleted text"/"inserted text" label, so colour is
/// never the only cue (issue 6 §4).
const DOCUMENT_CSS: &str = "\
.doc-text{max-width:46rem}.doc-text p{margin:.5rem 0}.doc-text .num{font-weight:700;margin-right:.4em}\
.doc-text .formula,.doc-text .lead{font-style:italic}\
del{text-decoration:line-through;background:#fde2e1;color:#7a1010}\
ins{text-decoration:underline;background:#dff3e0;color:#0d4d12}\
.cue{font-weight:700;font-family:monospace;text-decoration:none;display:inline-block;margin-right:.15em}\
.fate{font-size:.85em;color:var(--mute)}\
.notice{border-left:4px solid var(--accent);padding:.3rem .8rem;background:#f0f5fb}\
.amendments li{margin:.6rem 0}\
.votes td:nth-child(n+4){text-align:right;font-variant-numeric:tabular-nums}";

// ---------------------------------------------------------------------------------------------
// Reading the record

/// The press form of a resolution symbol: "A/RES/ES-11/7" -> "ES-11/7", "S/RES/2774 (2025)"
/// -> "2774 (2025)" (UN press releases write "resolution ES-11/7", "resolution 2774 (2025)").
pub fn press_symbol(symbol: &str) -> String {
    symbol.strip_prefix("A/RES/").or_else(|| symbol.strip_prefix("S/RES/")).unwrap_or(symbol).to_string()
}

/// The draft symbols of a recorded draft field: "A/ES-11/L.1 and A/ES-11/L.1/Add.1" ->
/// ["A/ES-11/L.1", "A/ES-11/L.1/Add.1"]; "A/ES-11/L.11 (as amended)" -> ["A/ES-11/L.11"].
pub fn draft_symbols(draft: &str) -> Vec<String> {
    draft
        .split(" and ")
        .map(|s| s.trim().trim_end_matches("(as amended)").trim().to_string())
        .filter(|s| s.contains('/'))
        .collect()
}

const PERMANENT: [&str; 6] = ["CHN", "FRA", "GBR", "RUS", "SUN", "USA"];

/// Who vetoed: the fixtures importer keeps it in the description ("Vetoed by: RUS (Russian
/// Federation)."); otherwise the permanent members that voted no (Charter Art. 27(3)).
fn vetoers(d: &RecordDecision) -> Vec<StateCode> {
    if let Some(rest) = d.description.as_deref().and_then(|s| s.split_once("Vetoed by:")).map(|(_, r)| r) {
        let list = rest.split('.').next().unwrap_or_default();
        let codes: Vec<StateCode> = list
            .split(',')
            .filter_map(|p| p.split_whitespace().next())
            .filter_map(StateCode::parse)
            .collect();
        if !codes.is_empty() {
            return codes;
        }
    }
    d.votes
        .iter()
        .filter(|(s, v)| v.as_str() == "N" && PERMANENT.contains(&s.as_str()))
        .filter_map(|(s, _)| StateCode::parse(s))
        .collect()
}

/// What the coverage needs of a recorded decision, and which counts the record has.
///
/// Counts: the first source's published figures where it has them, else the counted rows
/// (as `plenary show`); a figure the source left unpublished while publishing others is
/// unknown, not zero. Outcome: the rules engine's, except that a veto the source records
/// (the engine cannot see one without the rows) is kept as a veto, and an outcome the engine
/// could not derive falls back to the source's label.
pub fn covered_of(d: &RecordDecision) -> (CoveredDecision, Known) {
    let body = if d.body.eq_ignore_ascii_case("SC") { CoveredBody::SecurityCouncil } else { CoveredBody::GeneralAssembly };
    let kind = if d.kind == "amendment" { CoveredKind::Amendment } else { CoveredKind::Draft };
    let first = d.sources.first();
    let published = first.filter(|s| s.yes.is_some() || s.no.is_some() || s.abstain.is_some());
    let known = match published {
        Some(s) => Known { no: s.no.is_some(), abstain: s.abstain.is_some() && s.no.is_some() },
        None => Known::ALL,
    };
    let label = d.published_outcome.as_deref().unwrap_or_default().to_ascii_lowercase();
    let vetoed = label.starts_with("vetoed") || d.outcome.as_deref() == Some("vetoed");
    let outcome = if vetoed {
        CoveredOutcome::Vetoed { by: vetoers(d) }
    } else {
        match d.outcome.as_deref().filter(|o| *o == "adopted" || *o == "rejected").unwrap_or(label.as_str()) {
            o if o.starts_with("adopted") => CoveredOutcome::Adopted,
            _ => CoveredOutcome::Rejected,
        }
    };
    let states = |code: &str| -> Vec<StateCode> { d.votes.iter().filter(|(_, v)| v.as_str() == code).filter_map(|(s, _)| StateCode::parse(s)).collect() };
    let (resolution, draft, title) = match kind {
        // An amendment is named by what it amends ("an amendment to A/ES-11/L.11"): its
        // recorded description is English prose, shown beside the summary, not inside it.
        CoveredKind::Amendment => (None, d.amends.clone(), None),
        CoveredKind::Draft => (
            d.symbol.as_deref().filter(|s| s.contains("/RES/")).map(press_symbol),
            d.draft.as_deref().and_then(|x| draft_symbols(x).into_iter().next()).or_else(|| d.symbol.clone()),
            d.title.clone(),
        ),
    };
    let covered = CoveredDecision {
        body,
        kind,
        resolution,
        draft,
        title,
        outcome,
        without_vote: d.adoption == "without-vote",
        yes: d.yes,
        no: d.no,
        abstain: d.abstain,
        states_no: states("N"),
        states_abstain: states("A"),
    };
    (covered, known)
}

fn date_of(d: &RecordDecision) -> Result<Date, StoreError> {
    Date::parse_from_str(&d.date, "%Y-%m-%d").map_err(|_| StoreError::Invalid(format!("decision {}: date {:?} is not YYYY-MM-DD", d.id, d.date)))
}

/// The amendments recorded as amending one of `keys` (symbol keys), voted on `date` in `body`,
/// in the order voted (record order).
async fn amendments_of(store: &Store, body: &str, date: &str, keys: &[String]) -> Result<Vec<RecordDecision>, StoreError> {
    let rows = sqlx::query("SELECT id, amends FROM decisions WHERE body = $1 AND date = $2 AND amends IS NOT NULL ORDER BY id")
        .bind(body)
        .bind(date)
        .fetch_all(store.pool())
        .await?;
    let mut out = Vec::new();
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let amends: String = r.try_get(1)?;
        let hit = draft_symbols(&amends).iter().any(|s| keys.contains(&symbol_key(s))) || keys.contains(&symbol_key(&amends));
        if hit && let Some(d) = store.decision(id).await? {
            out.push(d);
        }
    }
    Ok(out)
}

/// The decision a document symbol stands for: a resolution or a draft ("A/RES/ES-11/1",
/// "ES-11/1", "A/ES-11/L.1"), including a draft recorded as "A/ES-11/L.11 (as amended)".
async fn main_decision(store: &Store, input: &str) -> Result<Option<RecordDecision>, StoreError> {
    let mut ids = store.find_symbol(input).await?;
    if ids.is_empty() {
        ids = store.find_symbol(&format!("{} (as amended)", input.trim())).await?;
    }
    let mut best = None;
    for id in ids {
        if let Some(d) = store.decision(id).await? {
            let whole = d.kind != "amendment" && d.kind != "part";
            if whole {
                return Ok(Some(d));
            }
            best.get_or_insert(d);
        }
    }
    Ok(best)
}

/// A document page's view model from the record: the decision `input` names, the amendments
/// recorded as amending it on the same day, its sponsors, its texts. `href(id, symbol)` gives
/// the decision page of a decision (the router's URL scheme). `None` when no decision has
/// that symbol.
pub async fn load_document(
    store: &Store,
    input: &str,
    path: &str,
    href: &(dyn Fn(i64, Option<&str>) -> String + Sync),
) -> Result<Option<DocumentView>, StoreError> {
    let Some(d) = main_decision(store, input).await? else { return Ok(None) };
    let mut keys: Vec<String> = d.draft.as_deref().map(draft_symbols).unwrap_or_default().iter().map(|s| symbol_key(s)).collect();
    if let Some(s) = &d.symbol {
        keys.push(symbol_key(s));
    }
    let amendments = amendments_of(store, &d.body, &d.date, &keys).await?;
    let mut sponsors = Vec::new();
    for s in d.draft.iter().chain(d.symbol.iter()) {
        for r in sqlx::query("SELECT state FROM sponsors WHERE symbol = $1 ORDER BY state").bind(s).fetch_all(store.pool()).await? {
            let code: String = r.try_get(0)?;
            if let Some(c) = StateCode::parse(&code)
                && !sponsors.contains(&c)
            {
                sponsors.push(c);
            }
        }
    }
    let texts = match &d.symbol {
        Some(s) => texts_of(s).map_err(|e| StoreError::Invalid(e.to_string()))?,
        None => vec![],
    };
    let mut votes = Vec::new();
    for a in amendments.iter().chain(std::iter::once(&d)) {
        let (covered, known) = covered_of(a);
        votes.push(DocumentVote {
            href: href(a.id, a.symbol.as_deref()),
            symbol: a.symbol.clone(),
            description: if a.kind == "amendment" { a.title.clone().or_else(|| a.description.clone()) } else { None },
            date: date_of(a)?,
            change: a.title.as_deref().and_then(change_from_description),
            covered,
            known,
        });
    }
    let (covered, _) = covered_of(&d);
    Ok(Some(DocumentView {
        path: path.to_string(),
        body: covered.body,
        symbol: d.draft.clone().or_else(|| d.symbol.clone()).unwrap_or_else(|| input.to_string()),
        resolution: d.symbol.clone().filter(|s| s.contains("/RES/")),
        title: d.title.clone(),
        date: date_of(&d)?,
        sponsors,
        texts,
        votes,
    }))
}

// ---------------------------------------------------------------------------------------------
// Meeting coverage

/// One item of a meeting's coverage: a decision and the amendments voted before it.
#[derive(Clone, Debug)]
pub struct CoverageItem {
    pub decision: (CoveredDecision, Known),
    pub amendments: Vec<(CoveredDecision, Known)>,
}

/// The coverage of a decision or of a meeting.
#[derive(Clone, Debug)]
pub struct Coverage {
    pub body: CoveredBody,
    pub date: Date,
    /// The meeting's record symbol where the record has one ("S/PV.9866").
    pub meeting: Option<String>,
    pub items: Vec<CoverageItem>,
}

impl Coverage {
    /// The summary in `lang`: one paragraph per decision (issue 6 §3).
    pub fn paragraphs(&self, lang: Lang) -> Vec<String> {
        self.items.iter().map(|i| coverage::paragraph_known(lang, &i.amendments, &i.decision)).collect()
    }

    /// "Security Council, 24 February 2025 (S/PV.9866): 3 decisions".
    pub fn heading(&self, lang: Lang) -> String {
        let n: usize = self.items.iter().map(|i| 1 + i.amendments.len()).sum();
        t_args(
            lang,
            "cov-meeting-heading",
            [
                ("body", Arg::from(t(lang, match self.body {
                    CoveredBody::GeneralAssembly => "body-ga",
                    CoveredBody::SecurityCouncil => "body-sc",
                }))),
                ("date", Arg::from(format_date(lang, self.date))),
                ("meeting", Arg::from(self.meeting.clone().unwrap_or_else(|| "none".into()))),
                ("count", Arg::from(n)),
            ],
        )
    }

    /// The summary as an HTML fragment (escaped), for pages and `--format html`.
    pub fn html(&self, lang: Lang) -> String {
        let mut out = format!("<section class=\"coverage\" lang=\"{}\">\n<h2>{}</h2>\n", lang.tag(), crate::esc(&self.heading(lang)));
        for p in self.paragraphs(lang) {
            out.push_str(&format!("<p>{}</p>\n", crate::esc(&p)));
        }
        out.push_str("</section>\n");
        out
    }
}

/// The coverage of a decision (its symbol, a draft's symbol) or of a meeting (its record
/// symbol: "A/ES-11/PV.5", "S/PV.9866"). For a meeting: every decision recorded at it, with
/// the amendments voted before each, and the decisions those amendments amend where the record
/// files them without the meeting (S/RES/2774 (2025) is recorded with no meeting, its
/// amendments with S/PV.9866). `None` when nothing matches.
pub async fn load_coverage(store: &Store, input: &str) -> Result<Option<Coverage>, StoreError> {
    let input = input.trim();
    // A meeting first: its symbol is unambiguous ("PV").
    let rows = sqlx::query("SELECT id FROM decisions WHERE UPPER(REPLACE(meeting, ' ', '')) = $1 ORDER BY date, id")
        .bind(input.replace(' ', "").to_uppercase())
        .fetch_all(store.pool())
        .await?;
    let mut decisions: Vec<RecordDecision> = Vec::new();
    let meeting: Option<String>;
    if !rows.is_empty() {
        meeting = Some(input.to_string());
        for r in rows {
            if let Some(d) = store.decision(r.try_get(0)?).await? {
                decisions.push(d);
            }
        }
        // The drafts the meeting's amendments amend, when recorded without the meeting.
        let targets: Vec<(String, String, String)> =
            decisions.iter().filter_map(|d| Some((d.amends.clone()?, d.body.clone(), d.date.clone()))).collect();
        for (target, _, date) in targets {
            if let Some(t) = main_decision(store, &target).await?
                && t.date == date
                && !decisions.iter().any(|d| d.id == t.id)
            {
                decisions.push(t);
            }
        }
    } else {
        let Some(d) = main_decision(store, input).await? else { return Ok(None) };
        let mut keys: Vec<String> = d.draft.as_deref().map(draft_symbols).unwrap_or_default().iter().map(|s| symbol_key(s)).collect();
        if let Some(s) = &d.symbol {
            keys.push(symbol_key(s));
        }
        meeting = d.meeting.clone().filter(|m| m.contains("/PV."));
        decisions.extend(amendments_of(store, &d.body, &d.date, &keys).await?);
        decisions.push(d);
    }
    let Some(first) = decisions.first() else { return Ok(None) };
    let body = covered_of(first).0.body;
    let date = date_of(first)?;
    // Group the amendments under the decision they amend; the rest stand alone.
    let key_of = |d: &RecordDecision| -> Vec<String> {
        let mut k: Vec<String> = d.draft.as_deref().map(draft_symbols).unwrap_or_default().iter().map(|s| symbol_key(s)).collect();
        if let Some(s) = &d.symbol {
            k.push(symbol_key(s));
        }
        k
    };
    let mut items: BTreeMap<i64, CoverageItem> = BTreeMap::new();
    let mut loose = Vec::new();
    for d in decisions.iter().filter(|d| d.kind != "amendment") {
        items.insert(d.id, CoverageItem { decision: covered_of(d), amendments: vec![] });
    }
    for a in decisions.iter().filter(|d| d.kind == "amendment") {
        let target = a.amends.as_deref().map(|t| {
            let mut k: Vec<String> = draft_symbols(t).iter().map(|s| symbol_key(s)).collect();
            k.push(symbol_key(t));
            k
        });
        let owner = target.and_then(|k| decisions.iter().filter(|d| d.kind != "amendment").find(|d| key_of(d).iter().any(|x| k.contains(x))).map(|d| d.id));
        match owner.and_then(|id| items.get_mut(&id)) {
            Some(item) => item.amendments.push(covered_of(a)),
            None => loose.push(CoverageItem { decision: covered_of(a), amendments: vec![] }),
        }
    }
    // In the order voted: record order within the day (ids follow the sources' order).
    let mut out: Vec<CoverageItem> = loose;
    out.extend(items.into_values());
    Ok(Some(Coverage { body, date, meeting, items: out }))
}
