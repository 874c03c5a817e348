//! The analysis page (issue 6 §1): the agreement matrix as a heat map and the blocs map, for a
//! period and an issue chosen in a GET form, drawn by the same code as the CLI's charts
//! (`plenary_analysis::chart`).
//!
//! **Why the heat map shows a selection of states.** A full matrix of the ~190 Members is
//! ~36,000 cells; at ~75 bytes per SVG `<rect>` that is ~2.7 MB, far over the page budget of
//! 200 KB (issue 6 §4). The page therefore draws the matrix for at most [`MAX_STATES`] states:
//! those the reader names in the form, or by default [`DEFAULT_STATES`] states spread evenly
//! along the blocs map's first axis (the main dimension of Assembly voting) with the five
//! permanent members of the Security Council always among them, so the default picture spans
//! the whole range of agreement rather than one region. The blocs map, one dot per state, shows
//! every state (~40 KB). A per-region view was the alternative; the record has no regional
//! groups (the UN's five regional groups are not in `data/`), so it would have meant typing a
//! list into code.
//!
//! [`AnalysisQuery::parse`] reads the form's query string; [`build_analysis`] computes the view
//! from roll calls (pure); [`load_analysis`] reads the roll calls from the record;
//! [`render_analysis`] writes the page.

use askama::Template;
use plenary_analysis::agree::{AgreementTable, agreement_table};
use plenary_analysis::blocs::{BlocOptions, blocs};
use plenary_analysis::agree::{pair_over_time, partners};
use plenary_analysis::chart::{Labels, agree_chart, blocs_chart, matrix_chart, partners_chart};
pub use plenary_analysis::input::RollCall;
use plenary_analysis::input::Issue;
pub use plenary_analysis::VoteMatrix;
use plenary_analysis::{By, Continuity, Filter, Measure};
use plenary_i18n::{Arg, Lang, format_number, state_name, t, t_args};
use plenary_record::{Store, StoreError};
use plenary_rules::StateCode;

use crate::pages::{Base, RenderError, sort_names};

/// The most states the heat map draws (see the module's documentation): 40 x 40 cells are
/// ~120 KB of SVG.
pub const MAX_STATES: usize = 40;
/// The states the heat map draws by default.
pub const DEFAULT_STATES: usize = 30;
/// Blocs cut from the tree (the CLI's default, `BlocOptions::default`).
pub const DEFAULT_BLOCS: usize = 4;

// ---------------------------------------------------------------------------------------------
// The form

/// The analysis form's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisQuery {
    /// First and last calendar year; `None`: the last five years of the record.
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub issue: Option<Issue>,
    pub measure: Measure,
    pub blocs: usize,
    /// The heat map's states; empty: the default selection.
    pub states: Vec<StateCode>,
}

impl Default for AnalysisQuery {
    fn default() -> Self {
        AnalysisQuery { from: None, to: None, issue: None, measure: Measure::Identical, blocs: DEFAULT_BLOCS, states: vec![] }
    }
}

/// A form field the page cannot use: the field, the value, the form expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    pub field: String,
    pub value: String,
    pub expected: &'static str,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={:?}: expected {}", self.field, self.value, self.expected)
    }
}
impl std::error::Error for QueryError {}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte.
fn form_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl AnalysisQuery {
    /// The query string that [`AnalysisQuery::parse`] reads back to these choices (defaults
    /// left out): the language switcher keeps it, so switching language keeps the form's
    /// choices.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(y) = self.from {
            parts.push(format!("from={y}"));
        }
        if let Some(y) = self.to {
            parts.push(format!("to={y}"));
        }
        if let Some(i) = self.issue {
            parts.push(format!("issue={}", i.code()));
        }
        if self.measure != Measure::Identical {
            parts.push(format!("measure={}", self.measure.name()));
        }
        if self.blocs != DEFAULT_BLOCS {
            parts.push(format!("blocs={}", self.blocs));
        }
        if !self.states.is_empty() {
            // Alpha-3 codes: nothing to encode but the separating commas.
            parts.push(format!("states={}", self.states.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("%2C")));
        }
        parts.join("&")
    }

    /// Reads the form's query string (`from=2015&to=2019&issue=hr&measure=identical&blocs=4&
    /// states=USA,RUS,CHN`); empty fields take their defaults; unknown fields (`lang`) are
    /// ignored.
    pub fn parse(query: &str) -> Result<AnalysisQuery, QueryError> {
        let mut q = AnalysisQuery::default();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (form_decode(k), form_decode(v));
            let v = v.trim();
            let bad = |expected| QueryError { field: k.clone(), value: v.to_string(), expected };
            if v.is_empty() {
                continue;
            }
            match k.as_str() {
                "from" | "to" => {
                    let y: i32 = v.parse().ok().filter(|y| (1946..=2100).contains(y)).ok_or_else(|| bad("a year from 1946, e.g. 2015"))?;
                    if k == "from" { q.from = Some(y) } else { q.to = Some(y) }
                }
                "issue" => q.issue = Some(Issue::from_code(v).ok_or_else(|| bad("one of me, nu, di, hr, co, ec (or empty for all)"))?),
                "measure" => q.measure = Measure::parse(v).ok_or_else(|| bad("identical, lijphart, s-score or state-dept"))?,
                "blocs" => q.blocs = v.parse().ok().filter(|k| (2..=8).contains(k)).ok_or_else(|| bad("a number of blocs from 2 to 8"))?,
                "states" => {
                    let mut states = Vec::new();
                    for c in v.split([',', ' ']).filter(|c| !c.is_empty()) {
                        let code = StateCode::parse(&c.to_ascii_uppercase()).ok_or_else(|| bad("ISO 3166 alpha-3 codes separated by commas, e.g. USA,RUS,CHN"))?;
                        if !states.contains(&code) {
                            states.push(code);
                        }
                    }
                    if states.len() > MAX_STATES {
                        return Err(bad("at most 40 states"));
                    }
                    q.states = states;
                }
                _ => {}
            }
        }
        if let (Some(a), Some(b)) = (q.from, q.to)
            && a > b
        {
            return Err(QueryError { field: "from".into(), value: a.to_string(), expected: "a year not after \"to\"" });
        }
        Ok(q)
    }
}

// ---------------------------------------------------------------------------------------------
// The view model

/// The analysis page's view model, already computed for one language (the charts' labels).
#[derive(Clone, Debug)]
pub struct AnalysisView {
    pub path: String,
    pub query: AnalysisQuery,
    /// The years the shown charts cover.
    pub from: i32,
    pub to: i32,
    /// The first and last years the record has.
    pub record_years: (i32, i32),
    /// Roll calls in the selection (after dropping unanimous votes).
    pub roll_calls: usize,
    /// States on the blocs map.
    pub states_total: usize,
    /// The heat map's states, in the order drawn (by bloc, then along the first axis).
    pub shown: Vec<StateCode>,
    /// The blocs and their members (for the text beside the map).
    pub blocs: Vec<(u32, Vec<StateCode>)>,
    pub matrix_svg: Option<String>,
    pub blocs_svg: Option<String>,
    /// A choice the page could not follow (shown, not fatal).
    pub error: Option<String>,
}

/// A record roll call as the analysis reads it (as `plenary agree` converts them: an
/// emergency session's vote counts in the regular session running on its date).
pub fn to_analysis(rc: &plenary_record::query::RollCall) -> Option<RollCall> {
    RollCall::from_record(rc.id, rc.date, rc.session.as_deref(), &rc.kind, &rc.issues, rc.important, rc.votes.clone())
}

/// The charts' strings in `lang`: the Fluent messages `chart-*` of `plenary-i18n`, as the
/// CLI's `plot` draws them.
fn labels(lang: Lang) -> Labels {
    Labels::new(move |key, args| plenary_i18n::t_strs(lang, key, args))
}

const P5: [&str; 5] = ["CHN", "FRA", "GBR", "RUS", "USA"];

/// `n` states spread evenly along the map's first axis, the permanent members always in.
fn spread(order: &[StateCode], n: usize) -> Vec<StateCode> {
    let mut picked: Vec<StateCode> = P5.iter().filter_map(|c| StateCode::parse(c)).filter(|c| order.contains(c)).collect();
    let rest: Vec<StateCode> = order.iter().copied().filter(|c| !picked.contains(c)).collect();
    let want = n.saturating_sub(picked.len()).min(rest.len());
    for k in 0..want {
        // The k-th of `want` evenly spaced positions, ends included.
        let i = if want == 1 { 0 } else { k * (rest.len() - 1) / (want - 1) };
        if !picked.contains(&rest[i]) {
            picked.push(rest[i]);
        }
    }
    picked
}

/// The rows and columns of `t` for `states`, in that order.
fn sub_table(t: &AgreementTable, states: &[StateCode]) -> AgreementTable {
    let idx: Vec<usize> = states.iter().filter_map(|s| t.states.iter().position(|x| x == s)).collect();
    AgreementTable {
        period: t.period,
        states: idx.iter().map(|&i| t.states[i]).collect(),
        values: idx.iter().map(|&i| idx.iter().map(|&j| t.values[i][j]).collect()).collect(),
        votes: idx.iter().map(|&i| idx.iter().map(|&j| t.votes[i][j]).collect()).collect(),
    }
}

/// Computes the page from the General Assembly's roll calls (pure; the charts' labels in
/// `lang`). States with fewer than half the period's votes are left out, as `plenary blocs`
/// does (`BlocOptions::min_share`).
pub fn build_analysis(lang: Lang, path: &str, calls: &[RollCall], q: &AnalysisQuery) -> AnalysisView {
    let years = calls.iter().map(|c| c.year);
    let record_years = (years.clone().min().unwrap_or(0), years.max().unwrap_or(0));
    let to = q.to.unwrap_or(record_years.1);
    let from = q.from.unwrap_or(to - 4);
    let mut view = AnalysisView {
        path: path.to_string(),
        query: q.clone(),
        from,
        to,
        record_years,
        roll_calls: 0,
        states_total: 0,
        shown: vec![],
        blocs: vec![],
        matrix_svg: None,
        blocs_svg: None,
        error: None,
    };
    let filter = Filter { years: Some((from, to)), issue: q.issue, ..Filter::default() };
    let m = VoteMatrix::build(calls, &filter, By::Whole, &Continuity::seats());
    view.roll_calls = m.columns().len();
    let Some(period) = m.periods().first() else {
        view.error = Some(t(lang, "web-analysis-no-votes"));
        return view;
    };
    let opts = BlocOptions { measure: q.measure, k: q.blocs, ..BlocOptions::default() };
    let Some(b) = blocs(&m, &opts).into_iter().next() else {
        view.error = Some(t(lang, "web-analysis-no-votes"));
        return view;
    };
    view.states_total = b.members.len();
    let period_label = if from == to { from.to_string() } else { format!("{from}\u{2013}{to}") };
    let period_label = match q.issue {
        Some(i) => format!("{period_label}, {}", t(lang, &format!("web-issue-{}", i.code()))),
        None => period_label,
    };
    let name = |c: StateCode| state_name(c, lang, true);
    let l = labels(lang);
    view.blocs_svg = Some(blocs_chart(&b, &period_label, &name, &l));
    // Along the first axis, then grouped by bloc for the heat map.
    let mut members = b.members.clone();
    members.sort_by(|a, b| a.x.total_cmp(&b.x));
    let along: Vec<StateCode> = members.iter().map(|m| m.state).collect();
    let mut chosen: Vec<StateCode> = if q.states.is_empty() {
        spread(&along, DEFAULT_STATES)
    } else {
        let missing: Vec<String> = q.states.iter().filter(|s| !along.contains(s)).map(|s| s.to_string()).collect();
        if !missing.is_empty() {
            view.error = Some(t_args(lang, "web-analysis-states-missing", [("states", Arg::from(missing.join(", ")))]));
        }
        q.states.iter().copied().filter(|s| along.contains(s)).collect()
    };
    let bloc_of = |s: &StateCode| members.iter().find(|m| m.state == *s).map(|m| (m.bloc, m.x));
    chosen.sort_by(|a, b| {
        let (ba, xa) = bloc_of(a).unwrap_or((0, 0.0));
        let (bb, xb) = bloc_of(b).unwrap_or((0, 0.0));
        ba.cmp(&bb).then(xa.total_cmp(&xb))
    });
    let table = agreement_table(&m, period, q.measure, opts.min_share);
    let sub = sub_table(&table, &chosen);
    view.matrix_svg = Some(matrix_chart(&sub, &period_label, q.measure, &l));
    view.shown = sub.states.clone();
    let mut groups: Vec<(u32, Vec<StateCode>)> = Vec::new();
    for mbr in &members {
        match groups.iter_mut().find(|(b, _)| *b == mbr.bloc) {
            Some((_, v)) => v.push(mbr.state),
            None => groups.push((mbr.bloc, vec![mbr.state])),
        }
    }
    groups.sort_by_key(|g| g.0);
    view.blocs = groups;
    view
}

/// Reads the General Assembly's roll calls of the query's years from the record and builds
/// the page (the years default to the last five the record has).
pub async fn load_analysis(store: &Store, lang: Lang, path: &str, q: &AnalysisQuery) -> Result<AnalysisView, StoreError> {
    use plenary_record::query::Filter as RecordFilter;
    let to = match q.to {
        Some(y) => y,
        None => {
            // The last year with a General Assembly vote.
            let last = store.roll_calls(&RecordFilter { body: Some("GA".into()), from: Some(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()), ..Default::default() }).await?;
            use chrono::Datelike;
            last.iter().filter(|c| !c.votes.is_empty()).map(|c| c.date.year()).max().unwrap_or(2019)
        }
    };
    let from = q.from.unwrap_or(to - 4);
    let filter = RecordFilter {
        body: Some("GA".into()),
        from: chrono::NaiveDate::from_ymd_opt(from, 1, 1),
        to: chrono::NaiveDate::from_ymd_opt(to, 12, 31),
        ..Default::default()
    };
    let calls: Vec<RollCall> = store.roll_calls(&filter).await?.iter().filter_map(to_analysis).collect();
    let q = AnalysisQuery { from: Some(from), to: Some(to), ..q.clone() };
    Ok(build_analysis(lang, path, &calls, &q))
}

/// Every General Assembly roll call of the record, as the analysis reads them: what the
/// analysis and country pages compute from (the server keeps it, see `plenary serve`'s pages
/// state, rather than reading ~1 million vote rows per request).
pub async fn load_ga_calls(store: &Store) -> Result<Vec<RollCall>, StoreError> {
    use plenary_record::query::Filter as RecordFilter;
    let calls = store.roll_calls(&RecordFilter { body: Some("GA".into()), ..Default::default() }).await?;
    Ok(calls.iter().filter_map(to_analysis).collect())
}

/// The last calendar year with a General Assembly vote among `calls`.
pub fn last_year(calls: &[RollCall]) -> Option<i32> {
    calls.iter().filter(|c| !c.votes.is_empty()).map(|c| c.year).max()
}

/// [`load_analysis`] from roll calls already read ([`load_ga_calls`]): the same defaults (the
/// last five years the record has).
pub fn analysis_of(lang: Lang, path: &str, calls: &[RollCall], q: &AnalysisQuery) -> AnalysisView {
    let to = q.to.unwrap_or_else(|| last_year(calls).unwrap_or(2019));
    let from = q.from.unwrap_or(to - 4);
    let q = AnalysisQuery { from: Some(from), to: Some(to), ..q.clone() };
    build_analysis(lang, path, calls, &q)
}

/// The partners the country page compares a state with by default: the five permanent
/// members of the Security Council (Charter Art. 23(1)), less the state itself.
pub fn default_partners(state: StateCode) -> Vec<StateCode> {
    P5.iter().filter_map(|c| StateCode::parse(c)).filter(|c| *c != state).collect()
}

/// How many closest and farthest partners the country page lists.
pub const COUNTRY_PARTNERS: usize = 8;
/// Votes in common a partner needs to be listed (the CLI's `plenary partners` default).
pub const PARTNER_MIN_VOTES: u32 = 10;

/// The matrix the country page's charts read: the General Assembly's roll calls of the years
/// `years` (all: `None`) by year, seats continued ([`Continuity::seats`]: the Russian
/// Federation continues the USSR's seat). Building it over the whole record takes most of a
/// country page's time, so the server keeps the whole record's one.
pub fn country_matrix(calls: &[RollCall], years: Option<(i32, i32)>) -> VoteMatrix {
    let filter = Filter { years, ..Filter::default() };
    VoteMatrix::build(calls, &filter, By::Year, &Continuity::seats())
}

/// The country page's charts, in `lang` (pure), from a [`country_matrix`]: the state's
/// identical-vote agreement with `with` year by year, and its closest and farthest partners
/// over the matrix's period. The measure is the identical-vote share (`Measure::Identical`),
/// the one most readers know. An empty list when the state has no vote in the period.
pub fn country_charts(lang: Lang, m: &VoteMatrix, state: StateCode, with: &[StateCode]) -> Vec<String> {
    let measure = Measure::Identical;
    let l = labels(lang);
    let name = |c: StateCode| state_name(c, lang, true);
    let seats = Continuity::seats();
    let me = seats.apply(state);
    if m.state_index(me).is_none() {
        return vec![];
    }
    let series: Vec<(String, Vec<plenary_analysis::agree::PeriodValue>)> = with
        .iter()
        .filter_map(|b| pair_over_time(m, me, seats.apply(*b), measure).ok().map(|v| (name(*b), v)))
        .collect();
    let mut out = Vec::new();
    if !series.is_empty() {
        out.push(agree_chart(&series, &name(state), "", measure, false, &l));
    }
    // A short period (a filter of a few months, one emergency session) has fewer roll calls
    // than the threshold: then half of them.
    let min_votes = PARTNER_MIN_VOTES.min((m.columns().len() as u32 / 2).max(1));
    if let Ok(p) = partners(m, me, measure, COUNTRY_PARTNERS, min_votes)
        && !p.closest.is_empty()
    {
        out.push(partners_chart(&p, &name, measure, &l));
    }
    out
}

/// The country page's ideal-point chart, in `lang` (pure): the state's position by year with
/// its 95% interval, drawn by the CLI's `plot idealpoints` code
/// ([`plenary_analysis::chart::idealpoints_chart`]) from the estimates of the whole record,
/// limited to `years` (the page's filter; `None`: all). `None` when the estimates hold no
/// year of the state there. The state is looked up as the model counts seats
/// (`IdealPointOptions::continuity`: the USSR's votes are the Russian Federation's).
pub fn country_idealpoints_chart(lang: Lang, points: &[plenary_analysis::idealpoints::IdealPoint], state: StateCode, years: Option<(i32, i32)>) -> Option<String> {
    let me = plenary_analysis::idealpoints::IdealPointOptions::default().continuity.apply(state);
    let (lo, hi) = years.unwrap_or((i32::MIN, i32::MAX));
    let mine: Vec<plenary_analysis::idealpoints::IdealPoint> = points.iter().filter(|p| p.state == me && (lo..=hi).contains(&p.year)).cloned().collect();
    if mine.is_empty() {
        return None;
    }
    let name = |c: StateCode| state_name(c, lang, true);
    Some(plenary_analysis::chart::idealpoints_chart(&mine, &[me], &name, &labels(lang)))
}

// ---------------------------------------------------------------------------------------------
// Rendering

#[derive(Template)]
#[template(path = "analysis.html")]
struct AnalysisPage {
    base: Base,
    from: String,
    to: String,
    min_year: i32,
    max_year: i32,
    issues: Vec<(&'static str, String, bool)>,
    measures: Vec<(&'static str, String, bool)>,
    blocs_k: usize,
    states: String,
    summary: String,
    error: Option<String>,
    matrix_svg: Option<String>,
    matrix_caption: String,
    blocs_svg: Option<String>,
    blocs_caption: String,
    groups: Vec<(String, Vec<String>)>,
}

/// An SVG file's `<?xml ...?>` prolog is not allowed inside HTML.
fn inline_svg(svg: &str) -> String {
    let s = svg.trim_start();
    let s = if s.starts_with("<?xml") { s.find("?>").map(|i| s[i + 2..].trim_start()).unwrap_or(s) } else { s };
    // A name for assistive technology: the figure's caption describes the chart.
    s.replacen("<svg ", "<svg role=\"img\" aria-hidden=\"true\" focusable=\"false\" ", 1)
}

/// The analysis page.
pub fn render_analysis(lang: Lang, v: &AnalysisView) -> Result<String, RenderError> {
    let issues = std::iter::once(("", t(lang, "web-issue-all"), v.query.issue.is_none()))
        .chain(Issue::ALL.iter().map(|i| (i.code(), t(lang, &format!("web-issue-{}", i.code())), v.query.issue == Some(*i))))
        .collect();
    let measures = [Measure::Identical, Measure::Lijphart, Measure::SScore, Measure::StateDept { era: None }]
        .iter()
        .map(|m| (m.name(), t(lang, &format!("web-measure-{}", m.name())), v.query.measure == *m))
        .collect();
    let summary = t_args(
        lang,
        "web-analysis-summary",
        [
            ("votes", Arg::from(v.roll_calls)),
            ("votes_text", Arg::from(format_number(lang, v.roll_calls as i64))),
            ("states", Arg::from(v.states_total)),
            ("shown", Arg::from(v.shown.len())),
        ],
    );
    let groups = v
        .blocs
        .iter()
        .map(|(b, members)| {
            let mut names: Vec<String> = members.iter().map(|c| state_name(*c, lang, true)).collect();
            sort_names(lang, &mut names);
            (t_args(lang, "web-analysis-bloc", [("bloc", Arg::from(*b)), ("count", Arg::from(names.len()))]), names)
        })
        .collect();
    let mut shown: Vec<String> = v.shown.iter().map(|c| state_name(*c, lang, true)).collect();
    sort_names(lang, &mut shown);
    let page = AnalysisPage {
        base: Base::new(lang, format!("{} — {}", t(lang, "web-analysis-title"), t(lang, "app-name")), &v.path)
            .with_css(ANALYSIS_CSS)
            .with_query(v.query.to_query()),
        from: v.from.to_string(),
        to: v.to.to_string(),
        min_year: v.record_years.0,
        max_year: v.record_years.1,
        issues,
        measures,
        blocs_k: v.query.blocs,
        states: v.query.states.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","),
        summary,
        error: v.error.clone(),
        matrix_svg: v.matrix_svg.as_deref().map(inline_svg),
        matrix_caption: t_args(lang, "web-analysis-matrix-caption", [("count", Arg::from(v.shown.len())), ("states", Arg::from(shown.join(", ")))]),
        blocs_svg: v.blocs_svg.as_deref().map(inline_svg),
        blocs_caption: t(lang, "web-analysis-blocs-caption"),
        groups,
    };
    Ok(page.render()?)
}

const ANALYSIS_CSS: &str = "\
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:flex-end;margin:1rem 0}\
.filters label{display:block;font-weight:600;font-size:.9rem}\
.filters input[type=number]{width:6.5rem}.filters input[type=text]{width:16rem}\
select{font:inherit;padding:.4rem;border:1px solid #8a8f98;border-radius:4px}\
.chart figcaption{color:var(--mute);font-size:.9rem;margin-top:.3rem}\
.error{border-left:4px solid var(--n);padding:.3rem .8rem;background:#fdeceb}\
.blocs-list{columns:18rem}.blocs-list ul{margin:.2rem 0 .8rem;padding-left:1.2rem}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_the_language_switcher_keeps_reads_back_to_the_same_choices() {
        let q = AnalysisQuery::parse("from=2015&to=2019&issue=hr&measure=s-score&blocs=3&states=usa,RUS,CHN&lang=uk").unwrap();
        assert_eq!(q.to_query(), "from=2015&to=2019&issue=hr&measure=s-score&blocs=3&states=USA%2CRUS%2CCHN");
        assert_eq!(AnalysisQuery::parse(&q.to_query()).unwrap(), q);
        assert_eq!(AnalysisQuery::default().to_query(), "", "the defaults are left out");
    }

    #[test]
    fn the_country_page_compares_with_the_permanent_members_but_itself() {
        let usa = StateCode::parse("USA").unwrap();
        let got: Vec<String> = default_partners(usa).iter().map(|c| c.to_string()).collect();
        assert_eq!(got, ["CHN", "FRA", "GBR", "RUS"]);
        assert_eq!(default_partners(StateCode::parse("UKR").unwrap()).len(), 5);
    }
}
