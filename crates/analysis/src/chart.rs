//! SVG charts of the analyses: agreement over time, partners, the agreement matrix, blocs and
//! ideal points, with titles, labelled axes, legends and state names, in the language of the
//! [`Labels`] passed in (the Fluent messages of `plenary-i18n`, through the caller).
//!
//! Written with a small SVG writer of our own rather than plotters: plotters lays out text by
//! measuring it with a font backend (the `ttf` or `ab_glyph` features, which need system font
//! libraries or a bundled font file), and without one its text-drawing paths fail. An SVG
//! needs no font to be written: text goes out as `<text>` elements that the viewer renders
//! with its own fonts (so Cyrillic renders wherever the reader's system has a font for it),
//! and placing axis labels needs only a rough width estimate.

use crate::agree::{AgreementTable, Partners, PeriodValue};
use crate::blocs::Blocs;
use crate::idealpoints::IdealPoint;
use crate::measures::Measure;
use plenary_rules::StateCode;
use std::fmt::Write as _;
use std::sync::Arc;

/// Every message a chart asks for, with the variables it passes: the Fluent keys of
/// `crates/i18n/locales/*/charts.ftl`. The analysis crate names the keys but holds no text:
/// the strings live in the Fluent files with every other string a person reads (ARCHITECTURE.md,
/// `crates/i18n`), and a test renders every chart and checks that this list is exactly what
/// they ask for, and another (`tests/chart_messages.rs`) that each key exists in English,
/// Ukrainian and Russian.
pub const MESSAGES: &[(&str, &[&str])] = &[
    // One pair of states.
    ("chart-agree-title", &["a", "b"]),
    // One state against several, named in the legend.
    ("chart-agree-many-title", &["a"]),
    ("chart-partners-title", &["state"]),
    ("chart-matrix-title", &["period"]),
    ("chart-blocs-title", &["period"]),
    ("chart-idealpoints-title", &[]),
    ("chart-axis-year", &[]),
    ("chart-axis-session", &[]),
    ("chart-axis-agreement", &["measure"]),
    ("chart-axis-position", &[]),
    ("chart-axis-dimension-1", &[]),
    ("chart-axis-dimension-2", &[]),
    ("chart-closest", &[]),
    ("chart-farthest", &[]),
    // A bloc of the map, named after its best-known member.
    ("chart-bloc-lead", &["bloc", "state", "count"]),
    ("chart-interval", &[]),
    ("chart-no-data", &[]),
    ("chart-source", &[]),
    // Under the partners' bars: what the number in brackets is.
    ("chart-votes-in-common", &[]),
    // The language's decimal separator (a comma in Ukrainian and Russian), for tick labels and
    // values: numbers on a chart are written as the language writes them.
    ("chart-decimal-separator", &[]),
    ("chart-measure-identical", &[]),
    ("chart-measure-lijphart", &[]),
    ("chart-measure-s-score", &[]),
    ("chart-measure-state-dept", &[]),
];

/// The source of a chart's strings: a function from a message key of [`MESSAGES`] and its
/// string arguments to the text in the reader's language.
///
/// **Why a function and not a table of strings, nor a dependency on `plenary-i18n`.** The
/// strings are Fluent messages, and Fluent places the arguments itself (a translator may move or
/// inflect them), so a chart asks for each message with its arguments when it draws; a table
/// of pre-rendered strings could not hold a title whose state is not known yet. Depending on
/// `plenary-i18n` would pull ICU and Fluent into the analysis (and its benchmarks) for the sake
/// of a lookup; making `plenary-i18n` implement a trait of this crate would make the languages
/// crate depend on the numerics. The callers (the CLI's `plot`, the web pages) already depend on
/// both, and pass `move |key, args| plenary_i18n::t_strs(lang, key, args)`.
#[derive(Clone)]
pub struct Labels {
    message: Arc<MessageFn>,
}

/// `(key, args) -> text`: see [`Labels`].
pub type MessageFn = dyn Fn(&str, &[(&str, &str)]) -> String + Send + Sync;

impl std::fmt::Debug for Labels {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Labels").finish_non_exhaustive()
    }
}

impl Labels {
    /// Labels from `message(key, args)`: the message `key` (one of [`MESSAGES`]) with the
    /// arguments named there.
    pub fn new(message: impl Fn(&str, &[(&str, &str)]) -> String + Send + Sync + 'static) -> Labels {
        Labels { message: Arc::new(message) }
    }
    fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        debug_assert!(
            MESSAGES.iter().any(|(k, vars)| *k == key && vars.len() == args.len() && args.iter().all(|(a, _)| vars.contains(a))),
            "chart message {key} with {args:?} is not in MESSAGES"
        );
        (self.message)(key, args)
    }
    /// The decimal separator: the first character of `chart-decimal-separator`, a full stop if
    /// the message is empty.
    fn decimal(&self) -> char {
        self.text("chart-decimal-separator", &[]).trim().chars().next().unwrap_or('.')
    }
    fn measure(&self, m: Measure) -> String {
        let key = match m {
            Measure::Identical => "chart-measure-identical",
            Measure::Lijphart => "chart-measure-lijphart",
            Measure::SScore => "chart-measure-s-score",
            Measure::StateDept { .. } => "chart-measure-state-dept",
        };
        self.text(key, &[])
    }
    fn agreement(&self, m: Measure) -> String {
        self.text("chart-axis-agreement", &[("measure", &self.measure(m))])
    }
}

/// A minimal SVG document writer.
struct Svg {
    out: String,
    /// Decimal separator for numbers shown (`chart-decimal-separator`).
    decimal: char,
}

const FONT: &str = "DejaVu Sans, Noto Sans, Arial, Helvetica, sans-serif";
/// A colour-blind-safe qualitative palette (Okabe and Ito).
const PALETTE: [&str; 8] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Svg {
    fn new(w: f64, h: f64) -> Svg {
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}">"#
        );
        let _ = write!(out, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
        Svg { out, decimal: '.' }
    }
    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        let _ = write!(self.out, r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}"/>"#);
    }
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        let _ = write!(self.out, r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}"/>"#, w.max(0.0), h.max(0.0));
    }
    fn circle(&mut self, x: f64, y: f64, r: f64, fill: &str) {
        let _ = write!(self.out, r##"<circle cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{fill}" fill-opacity="0.85" stroke="#ffffff" stroke-width="0.5"/>"##);
    }
    fn path(&mut self, pts: &[(f64, f64)], stroke: &str, width: f64) {
        if pts.len() < 2 {
            if let Some(p) = pts.first() {
                self.circle(p.0, p.1, 2.5, stroke);
            }
            return;
        }
        let d: Vec<String> = pts.iter().enumerate().map(|(i, p)| format!("{}{:.1},{:.1}", if i == 0 { "M" } else { "L" }, p.0, p.1)).collect();
        let _ = write!(self.out, r#"<path d="{}" fill="none" stroke="{stroke}" stroke-width="{width}" stroke-linejoin="round"/>"#, d.join(" "));
    }
    fn polygon(&mut self, pts: &[(f64, f64)], fill: &str, opacity: f64) {
        let p: Vec<String> = pts.iter().map(|p| format!("{:.1},{:.1}", p.0, p.1)).collect();
        let _ = write!(self.out, r#"<polygon points="{}" fill="{fill}" fill-opacity="{opacity}"/>"#, p.join(" "));
    }
    /// anchor: start | middle | end.
    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, x: f64, y: f64, s: &str, size: f64, anchor: &str, weight: &str, fill: &str) {
        let _ = write!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{}</text>"#,
            esc(s)
        );
    }
    fn vtext(&mut self, x: f64, y: f64, s: &str, size: f64) {
        let _ = write!(
            self.out,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="middle" fill="#333333" transform="rotate(-90 {x:.1} {y:.1})">{}</text>"##,
            esc(s)
        );
    }
    /// A number as the language writes it: its decimal separator, and a true minus sign
    /// (U+2212) rather than a hyphen.
    fn num(&self, s: &str) -> String {
        let s = s.replace('-', "\u{2212}");
        if self.decimal == '.' { s } else { s.replace('.', &self.decimal.to_string()) }
    }
    fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}

/// Round tick positions covering [lo, hi].
fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = (hi - lo).abs().max(1e-9);
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let mut t = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while t <= hi + step * 1e-9 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    out
}

fn fmt_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 { format!("{}", v.round() as i64) } else { format!("{v:.2}").trim_end_matches('0').to_string() }
}

/// Plot frame: maps data to pixels and draws axes, grid, labels.
struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    xr: (f64, f64),
    yr: (f64, f64),
}

impl Frame {
    fn px(&self, x: f64) -> f64 {
        self.x0 + (x - self.xr.0) / (self.xr.1 - self.xr.0).max(1e-12) * (self.x1 - self.x0)
    }
    fn py(&self, y: f64) -> f64 {
        self.y1 - (y - self.yr.0) / (self.yr.1 - self.yr.0).max(1e-12) * (self.y1 - self.y0)
    }
    /// `whole_x`: the x axis counts years or sessions, so only whole numbers get a tick (a span of
    /// one or two years would otherwise be ticked 2022.2, 2022.4...).
    fn axes(&self, svg: &mut Svg, xlabel: &str, ylabel: &str, whole_x: bool) {
        for t in ticks(self.yr.0, self.yr.1, 5) {
            let y = self.py(t);
            svg.line(self.x0, y, self.x1, y, "#e5e5e5", 1.0);
            let label = svg.num(&fmt_tick(t));
            svg.text(self.x0 - 6.0, y + 4.0, &label, 11.0, "end", "normal", "#333333");
        }
        for t in ticks(self.xr.0, self.xr.1, 8) {
            if whole_x && (t - t.round()).abs() > 1e-9 {
                continue;
            }
            let x = self.px(t);
            svg.line(x, self.y1, x, self.y1 + 4.0, "#333333", 1.0);
            let label = svg.num(&fmt_tick(t));
            svg.text(x, self.y1 + 17.0, &label, 11.0, "middle", "normal", "#333333");
        }
        svg.line(self.x0, self.y1, self.x1, self.y1, "#333333", 1.0);
        svg.line(self.x0, self.y0, self.x0, self.y1, "#333333", 1.0);
        svg.text((self.x0 + self.x1) / 2.0, self.y1 + 36.0, xlabel, 12.0, "middle", "normal", "#333333");
        svg.vtext(self.x0 - 44.0, (self.y0 + self.y1) / 2.0, ylabel, 12.0);
    }
}

/// Rough advance widths of DejaVu Sans, the first font asked for, per character and pixel of
/// font size: enough to keep text inside the picture without measuring it. Cyrillic letters
/// are wider than Latin ones on average, so the figures are those of Ukrainian and Russian
/// text (measured on the charts rendered by rsvg-convert); English text gets a little slack.
const EM_BOLD: f64 = 0.66;
const EM_NORMAL: f64 = 0.62;
/// The source line's size.
const SOURCE_SIZE: f64 = 9.5;

fn header(svg: &mut Svg, w: f64, h: f64, title: &str, source: &str) {
    // Shrink a long title to fit the width.
    let size = (17.0f64).min((w - 40.0) / (EM_BOLD * title.chars().count().max(1) as f64)).max(11.0);
    svg.text(24.0, 30.0, title, (size * 10.0).round() / 10.0, "start", "bold", "#111111");
    svg.text(w - 12.0, h - 10.0, source, SOURCE_SIZE, "end", "normal", "#777777");
}

/// A legend row starting at (x, y); wraps to a new line (upwards layout is the caller's: keep
/// room for two lines) when an item would pass `LEGEND_RIGHT`.
const LEGEND_RIGHT: f64 = 880.0;

fn legend(svg: &mut Svg, x: f64, y: f64, items: &[(String, &str)]) {
    let (mut cx, mut y) = (x, y);
    for (name, colour) in items {
        let width = 30.0 + EM_NORMAL * 11.5 * name.chars().count() as f64;
        if cx > x && cx + width > LEGEND_RIGHT {
            cx = x;
            y += 16.0;
        }
        svg.rect(cx, y - 9.0, 14.0, 4.0, colour);
        svg.text(cx + 18.0, y - 3.0, name, 11.5, "start", "normal", "#222222");
        cx += width;
    }
}

/// Agreement over time: one line per pair. `series`: (legend name, values). `b` names the
/// second state of a single pair; pass `""` when `a` is set against several states (the title
/// then names `a` alone and the legend the others).
pub fn agree_chart(series: &[(String, Vec<PeriodValue>)], a: &str, b: &str, measure: Measure, by_session: bool, labels: &Labels) -> String {
    let (w, h) = (900.0, 480.0);
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal();
    let title = if b.is_empty() { labels.text("chart-agree-many-title", &[("a", a)]) } else { labels.text("chart-agree-title", &[("a", a), ("b", b)]) };
    header(&mut svg, w, h, &title, &labels.text("chart-source", &[]));
    let periods: Vec<f64> = series.iter().flat_map(|s| s.1.iter().map(|p| p.period as f64)).collect();
    let (lo, hi) = periods.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |m, p| (m.0.min(*p), m.1.max(*p)));
    let xr = if lo.is_finite() { (lo, hi.max(lo + 1.0)) } else { (0.0, 1.0) };
    let f = Frame { x0: 80.0, x1: w - 30.0, y0: 90.0, y1: h - 60.0, xr, yr: measure.range() };
    let xlabel = labels.text(if by_session { "chart-axis-session" } else { "chart-axis-year" }, &[]);
    f.axes(&mut svg, &xlabel, &labels.agreement(measure), true);
    let mut items = Vec::new();
    for (i, (name, values)) in series.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        // Break the line where a period has no common vote.
        let mut run: Vec<(f64, f64)> = Vec::new();
        for p in values {
            match p.value {
                Some(v) => run.push((f.px(p.period as f64), f.py(v))),
                None => {
                    svg.path(&run, colour, 2.0);
                    run.clear();
                }
            }
        }
        svg.path(&run, colour, 2.0);
        items.push((name.clone(), colour));
    }
    if periods.is_empty() {
        svg.text(w / 2.0, h / 2.0, &labels.text("chart-no-data", &[]), 14.0, "middle", "normal", "#777777");
    }
    legend(&mut svg, 80.0, 54.0, &items);
    svg.finish()
}

/// Closest and farthest partners as two groups of horizontal bars.
pub fn partners_chart(p: &Partners, name: &dyn Fn(StateCode) -> String, measure: Measure, labels: &Labels) -> String {
    let rows = p.closest.len() + p.farthest.len();
    let (w, h) = (900.0, 130.0 + 22.0 * rows as f64 + 40.0);
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal();
    header(&mut svg, w, h, &labels.text("chart-partners-title", &[("state", &name(p.state))]), &labels.text("chart-source", &[]));
    let (x0, x1) = (260.0, w - 80.0);
    let (lo, hi) = measure.range();
    let px = |v: f64| x0 + (v - lo) / (hi - lo) * (x1 - x0);
    let mut y = 80.0;
    for (group, list, colour) in [("chart-closest", &p.closest, PALETTE[0]), ("chart-farthest", &p.farthest, PALETTE[1])] {
        svg.text(24.0, y, &labels.text(group, &[]), 13.0, "start", "bold", "#222222");
        y += 8.0;
        for pv in list.iter() {
            svg.text(x0 - 8.0, y + 13.0, &name(pv.state), 11.5, "end", "normal", "#222222");
            svg.rect(px(lo.max(0.0).min(hi)), y + 2.0, px(pv.value) - px(lo.max(0.0).min(hi)), 15.0, colour);
            let value = format!("{} ({})", svg.num(&format!("{:.2}", pv.value)), pv.votes);
            svg.text(px(pv.value) + 5.0, y + 14.0, &value, 10.5, "start", "normal", "#444444");
            y += 22.0;
        }
        y += 18.0;
    }
    for t in ticks(lo, hi, 5) {
        svg.line(px(t), 86.0, px(t), y - 18.0, "#e5e5e5", 1.0);
        let label = svg.num(&fmt_tick(t));
        svg.text(px(t), y - 4.0, &label, 11.0, "middle", "normal", "#333333");
    }
    svg.text((x0 + x1) / 2.0, y + 14.0, &labels.agreement(measure), 12.0, "middle", "normal", "#333333");
    svg.text(24.0, 52.0, &labels.text("chart-votes-in-common", &[]), 11.0, "start", "normal", "#555555");
    svg.finish()
}

/// Sequential colour from white-ish to dark blue for t in [0, 1].
fn heat(t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let (a, b) = ((247.0, 251.0, 255.0), (8.0, 48.0, 107.0));
    format!("rgb({:.0},{:.0},{:.0})", a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t)
}

/// Heat map of an agreement table, states in the order given (pass them ordered by bloc or
/// ideal point for a readable picture).
pub fn matrix_chart(t: &AgreementTable, period: &str, measure: Measure, labels: &Labels) -> String {
    let n = t.states.len().max(1) as f64;
    let cell = (640.0 / n).clamp(3.0, 22.0);
    let (left, top) = (60.0, 90.0);
    // The colour scale: 200 px high beside the table, its measure's name under it.
    let scale = 200.0;
    // At least wide enough for the source line and the title (at 13 px) over a small table,
    // and high enough for the colour scale and its label beside it.
    let source = labels.text("chart-source", &[]);
    let title = labels.text("chart-matrix-title", &[("period", period)]);
    let w = (left + cell * n + 140.0)
        .max(24.0 + EM_NORMAL * SOURCE_SIZE * source.chars().count() as f64)
        .max(40.0 + EM_BOLD * 13.0 * title.chars().count() as f64)
        .ceil();
    let h = top + (cell * n).max(scale + 30.0) + 50.0;
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal();
    header(&mut svg, w, h, &title, &source);
    let (lo, hi) = measure.range();
    for (i, row) in t.values.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            let colour = v.map_or("#dddddd".to_string(), |v| heat((v - lo) / (hi - lo)));
            svg.rect(left + j as f64 * cell, top + i as f64 * cell, cell + 0.3, cell + 0.3, &colour);
        }
    }
    let size = (cell * 0.75).clamp(5.0, 11.0);
    for (i, s) in t.states.iter().enumerate() {
        let y = top + i as f64 * cell + cell * 0.75;
        svg.text(left - 4.0, y, s.as_str(), size, "end", "normal", "#333333");
        let x = left + i as f64 * cell + cell * 0.7;
        let _ = write!(
            svg.out,
            r##"<text x="{x:.1}" y="{:.1}" font-size="{size}" fill="#333333" transform="rotate(-90 {x:.1} {:.1})">{}</text>"##,
            top - 4.0,
            top - 4.0,
            s.as_str()
        );
    }
    // Colour scale.
    let (sx, sy, sh) = (left + cell * n + 30.0, top, scale);
    for k in 0..50 {
        let f = k as f64 / 49.0;
        svg.rect(sx, sy + sh * (1.0 - f) - sh / 50.0, 16.0, sh / 50.0 + 0.5, &heat(f));
    }
    for tk in ticks(lo, hi, 4) {
        let y = sy + sh * (1.0 - (tk - lo) / (hi - lo));
        let label = svg.num(&fmt_tick(tk));
        svg.text(sx + 22.0, y + 4.0, &label, 10.5, "start", "normal", "#333333");
    }
    svg.text(sx, sy + sh + 20.0, &labels.measure(measure), 10.5, "start", "normal", "#333333");
    svg.finish()
}

/// The blocs' map: one dot per state coloured by bloc, labelled with its code.
pub fn blocs_chart(b: &Blocs, period: &str, name: &dyn Fn(StateCode) -> String, labels: &Labels) -> String {
    let (w, h) = (900.0, 700.0);
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal();
    header(&mut svg, w, h, &labels.text("chart-blocs-title", &[("period", period)]), &labels.text("chart-source", &[]));
    let span = |f: fn(&crate::blocs::BlocMember) -> f64| {
        let (lo, hi) = b.members.iter().map(f).fold((f64::INFINITY, f64::NEG_INFINITY), |m, v| (m.0.min(v), m.1.max(v)));
        if lo.is_finite() { let pad = (hi - lo).max(1e-6) * 0.06; (lo - pad, hi + pad) } else { (-1.0, 1.0) }
    };
    let f = Frame { x0: 80.0, x1: w - 30.0, y0: 80.0, y1: h - 70.0, xr: span(|m| m.x), yr: span(|m| m.y) };
    f.axes(&mut svg, &labels.text("chart-axis-dimension-1", &[]), &labels.text("chart-axis-dimension-2", &[]), false);
    let mut blocs: Vec<u32> = b.members.iter().map(|m| m.bloc).collect();
    blocs.sort();
    blocs.dedup();
    let colour = |bloc: u32| PALETTE[(bloc as usize - 1) % PALETTE.len()];
    for m in &b.members {
        let (x, y) = (f.px(m.x), f.py(m.y));
        svg.circle(x, y, 4.5, colour(m.bloc));
        svg.text(x + 6.0, y - 4.0, m.state.as_str(), 9.0, "start", "normal", "#444444");
    }
    let items: Vec<(String, &str)> = blocs
        .iter()
        .filter_map(|bl| {
            // Name a bloc after its best-known member: the first of these present, else its
            // first member (every bloc listed has one: the list comes from the members).
            let members: Vec<StateCode> = b.members.iter().filter(|m| m.bloc == *bl).map(|m| m.state).collect();
            let lead = ["USA", "RUS", "SUN", "CHN", "IND", "BRA", "FRA", "GBR", "EGY", "NGA"]
                .iter()
                .filter_map(|c| StateCode::parse(c))
                .find(|c| members.contains(c))
                .or(members.first().copied())?;
            let label = labels.text("chart-bloc-lead", &[("bloc", &bl.to_string()), ("state", &name(lead)), ("count", &members.len().to_string())]);
            Some((label, colour(*bl)))
        })
        .collect();
    legend(&mut svg, 80.0, 62.0, &items);
    svg.finish()
}

/// Ideal points of some states over time, each with its interval as a band.
pub fn idealpoints_chart(points: &[IdealPoint], states: &[StateCode], name: &dyn Fn(StateCode) -> String, labels: &Labels) -> String {
    let (w, h) = (900.0, 520.0);
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal();
    header(&mut svg, w, h, &labels.text("chart-idealpoints-title", &[]), &labels.text("chart-source", &[]));
    let chosen: Vec<&IdealPoint> = points.iter().filter(|p| states.contains(&p.state)).collect();
    let (ylo, yhi) = chosen.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |m, p| (m.0.min(p.lower), m.1.max(p.upper)));
    let (xlo, xhi) = chosen.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |m, p| (m.0.min(p.year as f64), m.1.max(p.year as f64)));
    let (yr, xr) = if ylo.is_finite() { ((ylo, yhi), (xlo, xhi.max(xlo + 1.0))) } else { ((-1.0, 1.0), (0.0, 1.0)) };
    let f = Frame { x0: 80.0, x1: w - 30.0, y0: 80.0, y1: h - 70.0, xr, yr };
    f.axes(&mut svg, &labels.text("chart-axis-year", &[]), &labels.text("chart-axis-position", &[]), true);
    let mut items = Vec::new();
    for (i, s) in states.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let mut mine: Vec<&IdealPoint> = chosen.iter().copied().filter(|p| p.state == *s).collect();
        mine.sort_by_key(|p| p.year);
        if mine.is_empty() {
            continue;
        }
        let mut band: Vec<(f64, f64)> = mine.iter().map(|p| (f.px(p.year as f64), f.py(p.upper))).collect();
        band.extend(mine.iter().rev().map(|p| (f.px(p.year as f64), f.py(p.lower))));
        svg.polygon(&band, colour, 0.18);
        let line: Vec<(f64, f64)> = mine.iter().map(|p| (f.px(p.year as f64), f.py(p.position))).collect();
        svg.path(&line, colour, 2.0);
        items.push((name(*s), colour));
    }
    items.push((labels.text("chart-interval", &[]), "#bbbbbb"));
    legend(&mut svg, 80.0, 64.0, &items);
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agree::PartnerValue;
    use crate::blocs::BlocMember;
    use std::collections::BTreeSet;
    use std::sync::Mutex;

    /// Labels that write each message as `key(arg=value,...)`, so that a test sees which message
    /// went where, with which arguments; the decimal separator is a comma.
    fn echo() -> Labels {
        Labels::new(|key, args| {
            if key == "chart-decimal-separator" {
                return ",".into();
            }
            let args: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{key}({})", args.join(","))
        })
    }

    fn code(s: &str) -> StateCode {
        StateCode::parse(s).unwrap()
    }

    fn two_years() -> Vec<(String, Vec<PeriodValue>)> {
        vec![(
            "Russian Federation".to_string(),
            vec![PeriodValue { period: 2022, value: Some(0.4), votes: 50 }, PeriodValue { period: 2023, value: Some(0.3), votes: 60 }],
        )]
    }

    /// Every chart, drawn over data that reaches every branch that asks for a message: each
    /// measure, years and sessions, a pair and several states, no data.
    fn every_chart(l: &Labels) -> Vec<String> {
        let name = |c: StateCode| format!("name of {c}");
        let mut out = Vec::new();
        for m in [Measure::Identical, Measure::Lijphart, Measure::SScore, Measure::StateDept { era: None }] {
            out.push(agree_chart(&two_years(), "United States", "Russian Federation", m, false, l));
        }
        out.push(agree_chart(&two_years(), "United States", "", Measure::Identical, true, l));
        out.push(agree_chart(&[], "United States", "Russian Federation", Measure::Identical, false, l));
        let pv = |s: &str, value| PartnerValue { state: code(s), value, votes: 40 };
        let p = Partners { state: code("UKR"), measure: "identical", closest: vec![pv("POL", 0.97)], farthest: vec![pv("RUS", 0.12)] };
        out.push(partners_chart(&p, &name, Measure::Identical, l));
        let t = AgreementTable {
            period: 0,
            states: vec![code("USA"), code("RUS")],
            values: vec![vec![Some(1.0), Some(0.25)], vec![Some(0.25), Some(1.0)]],
            votes: vec![vec![9, 8], vec![8, 9]],
        };
        out.push(matrix_chart(&t, "2022–2025", Measure::Identical, l));
        let member = |s: &str, bloc, x| BlocMember { state: code(s), bloc, x, y: -x / 2.0 };
        let b = Blocs {
            period: 0,
            measure: "identical",
            linkage: "average",
            k: 2,
            map_fit: 0.9,
            members: vec![member("USA", 1, 1.0), member("GBR", 1, 0.8), member("RUS", 2, -0.5)],
        };
        out.push(blocs_chart(&b, "2022–2025", &name, l));
        let ip = |year, position| IdealPoint { state: code("USA"), year, position, lower: position - 0.1, upper: position + 0.1, votes: 70 };
        out.push(idealpoints_chart(&[ip(2018, 2.5), ip(2019, 2.75)], &[code("USA")], &name, l));
        out
    }

    #[test]
    fn a_chart_over_two_years_ticks_whole_years_only() {
        let svg = agree_chart(&two_years(), "United States", "Russian Federation", Measure::Identical, false, &echo());
        assert!(svg.contains(">2022<") && svg.contains(">2023<"), "whole years are ticked");
        for fraction in [">2022.2<", ">2022.4<", ">2022.5<", ">2022.25<", ">2022,5<"] {
            assert!(!svg.contains(fraction), "no tick at {fraction}");
        }
    }

    /// `MESSAGES` is what the Fluent files must hold (tests/chart_messages.rs checks them against
    /// it), so it must be exactly what the charts ask for: no message asked for outside it (a
    /// string the bundles would not have), none listed that no chart asks for.
    #[test]
    fn the_charts_ask_for_exactly_the_messages_listed() {
        type Asked = BTreeSet<(String, Vec<String>)>;
        let asked: Arc<Mutex<Asked>> = Arc::default();
        let seen = asked.clone();
        let l = Labels::new(move |key, args| {
            let mut names: Vec<String> = args.iter().map(|(k, _)| k.to_string()).collect();
            names.sort();
            seen.lock().unwrap().insert((key.to_string(), names));
            if key == "chart-decimal-separator" { ".".into() } else { key.into() }
        });
        every_chart(&l);
        let listed: BTreeSet<(String, Vec<String>)> = MESSAGES
            .iter()
            .map(|(k, vars)| {
                let mut v: Vec<String> = vars.iter().map(|s| s.to_string()).collect();
                v.sort();
                (k.to_string(), v)
            })
            .collect();
        let asked = asked.lock().unwrap().clone();
        let unlisted: Vec<_> = asked.difference(&listed).collect();
        let unused: Vec<_> = listed.difference(&asked).collect();
        assert!(unlisted.is_empty(), "asked for but not in MESSAGES: {unlisted:?}");
        assert!(unused.is_empty(), "in MESSAGES but asked for by no chart: {unused:?}");
    }

    #[test]
    fn each_message_goes_where_it_belongs_with_its_arguments() {
        let svg = agree_chart(&two_years(), "United States", "Russian Federation", Measure::Lijphart, false, &echo());
        assert!(svg.contains(">chart-agree-title(a=United States,b=Russian Federation)<"), "{svg}");
        assert!(svg.contains(">chart-axis-agreement(measure=chart-measure-lijphart())<"));
        assert!(svg.contains(">chart-axis-year()<") && !svg.contains("chart-axis-session"));
        assert!(svg.contains(">chart-source()<"));
        let many = agree_chart(&two_years(), "United States", "", Measure::Identical, true, &echo());
        assert!(many.contains(">chart-agree-many-title(a=United States)<") && many.contains(">chart-axis-session()<"));
        let charts = every_chart(&echo());
        let blocs = &charts[8];
        assert!(blocs.contains(">chart-bloc-lead(bloc=1,state=name of USA,count=2)<"), "{blocs}");
        assert!(blocs.contains(">chart-bloc-lead(bloc=2,state=name of RUS,count=1)<"));
    }

    /// The `y` of the `<text>` element showing `content`, and the picture's width and height.
    fn text_y(svg: &str, content: &str) -> f64 {
        let end = svg.find(&format!(">{content}</text>")).unwrap_or_else(|| panic!("no {content} in {svg}"));
        let start = svg[..end].rfind("<text ").unwrap();
        let y = svg[start..end].split("y=\"").nth(1).unwrap().split('"').next().unwrap();
        y.parse().unwrap()
    }
    fn size(svg: &str) -> (f64, f64) {
        let attr = |name: &str| svg.split(&format!(" {name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse::<f64>().unwrap();
        (attr("width"), attr("height"))
    }

    /// A heat map of a few states is small; its colour scale (200 px) and the scale's label
    /// must still sit above the source line, and the picture be wide enough for the source line
    /// and the title (they were cut off, and the label ran into the source line, on a
    /// Russian map of eight states).
    #[test]
    fn a_small_heat_map_keeps_its_scale_title_and_source_inside_the_picture() {
        let source = "С".repeat(120);
        let title = "Т".repeat(55);
        let (s2, t2) = (source.clone(), title.clone());
        let l = Labels::new(move |key, _| match key {
            "chart-source" => s2.clone(),
            "chart-matrix-title" => t2.clone(),
            "chart-decimal-separator" => ",".into(),
            _ => key.into(),
        });
        let states: Vec<StateCode> = ["USA", "RUS", "CHN", "GBR", "FRA", "IND", "BRA", "UKR"].iter().map(|s| code(s)).collect();
        let n = states.len();
        let t = AgreementTable { period: 0, states, values: vec![vec![Some(0.5); n]; n], votes: vec![vec![10; n]; n] };
        let svg = matrix_chart(&t, "2022–2025", Measure::Lijphart, &l);
        let (w, h) = size(&svg);
        let label = text_y(&svg, "chart-measure-lijphart");
        let src = text_y(&svg, &source);
        assert!(label + 4.0 < src - SOURCE_SIZE, "scale label at {label}, source line at {src}");
        assert!(src <= h, "source line inside the picture");
        assert!(w >= 12.0 + EM_NORMAL * SOURCE_SIZE * 120.0, "width {w} for a source line of 120 characters");
        // The title's size is the largest (at most 17 px) that fits the width.
        assert!(w >= 24.0 + EM_BOLD * 13.0 * 55.0, "width {w} for a title of 55 characters at 13 px");
    }

    #[test]
    fn numbers_take_the_languages_decimal_separator_and_a_true_minus() {
        let charts = every_chart(&echo());
        let partners = &charts[6];
        assert!(partners.contains(">0,97 (40)<") && partners.contains(">0,12 (40)<"), "{partners}");
        let ideal = &charts[9];
        assert!(ideal.contains(">2,5<") && !ideal.contains(">2.5<"), "{ideal}");
        let blocs = &charts[8];
        assert!(blocs.contains("\u{2212}0,"), "negative ticks with a minus sign and a comma: {blocs}");
    }
}
