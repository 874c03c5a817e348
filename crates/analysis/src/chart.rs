//! SVG charts of the analyses: agreement over time, partners, the agreement matrix, blocs and
//! ideal points, with titles, labelled axes, legends and state names, in the language of the
//! [`Labels`] passed in.
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

/// Every string a chart shows, so that the server's Fluent bundles can fill them.
/// `{a}`, `{b}`, `{state}`, `{measure}`, `{period}` are replaced where they occur.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    /// One pair: `{a}`, `{b}`.
    pub agree_title: String,
    /// One state against several (named in the legend): `{a}`.
    pub agree_many_title: String,
    pub partners_title: String,
    pub matrix_title: String,
    pub blocs_title: String,
    pub idealpoints_title: String,
    pub year: String,
    pub session: String,
    pub agreement: String,
    pub position: String,
    pub closest: String,
    pub farthest: String,
    pub dimension_1: String,
    pub dimension_2: String,
    pub bloc: String,
    pub interval: String,
    pub no_data: String,
    pub source: String,
    /// Under the partners' bars: what the number in brackets is.
    pub votes_in_common: String,
    /// The decimal separator of the language (a comma in Ukrainian and Russian).
    pub decimal: char,
    /// Display names of the measures: identical, lijphart, s-score, state-dept.
    pub measures: [String; 4],
}

impl Labels {
    pub fn en() -> Labels {
        Labels {
            agree_title: "Agreement in the General Assembly: {a} and {b}".into(),
            agree_many_title: "{a}: agreement with other states in the General Assembly".into(),
            partners_title: "Closest and farthest partners of {state}".into(),
            matrix_title: "Agreement between states, {period}".into(),
            blocs_title: "Voting blocs, {period}".into(),
            idealpoints_title: "Positions on the main dimension of UN voting".into(),
            year: "Year".into(),
            session: "Session".into(),
            agreement: "Agreement ({measure})".into(),
            position: "Ideal point (United States positive)".into(),
            closest: "Closest".into(),
            farthest: "Farthest".into(),
            dimension_1: "Dimension 1".into(),
            dimension_2: "Dimension 2".into(),
            bloc: "Bloc".into(),
            interval: "95% interval".into(),
            no_data: "No votes in common".into(),
            source: "Source: UN General Assembly recorded votes (Voeten/unvotes to 2019, UN DGACM from 2019); Plenary".into(),
            votes_in_common: "In brackets: the number of votes in common".into(),
            decimal: '.',
            measures: ["identical votes".into(), "Lijphart index".into(), "S-score".into(), "State Department coincidence".into()],
        }
    }
    pub fn uk() -> Labels {
        Labels {
            agree_title: "Збіг голосів у Генеральній Асамблеї: {a} і {b}".into(),
            agree_many_title: "{a}: збіг голосів з іншими державами в ГА ООН".into(),
            partners_title: "Найближчі та найдальші партнери: {state}".into(),
            matrix_title: "Збіг голосів між державами, {period}".into(),
            blocs_title: "Блоки голосування, {period}".into(),
            idealpoints_title: "Позиції на головному вимірі голосувань ООН".into(),
            year: "Рік".into(),
            session: "Сесія".into(),
            agreement: "Збіг ({measure})".into(),
            position: "Ідеальна точка (США додатні)".into(),
            closest: "Найближчі".into(),
            farthest: "Найдальші".into(),
            dimension_1: "Вимір 1".into(),
            dimension_2: "Вимір 2".into(),
            bloc: "Блок".into(),
            interval: "95% інтервал".into(),
            no_data: "Немає спільних голосувань".into(),
            source: "Джерело: голосування Генеральної Асамблеї ООН (Voeten/unvotes до 2019 р., DGACM ООН з 2019 р.); Plenary".into(),
            votes_in_common: "У дужках: кількість спільних голосувань".into(),
            decimal: ',',
            measures: ["однакові голоси".into(), "індекс Лейпгарта".into(), "S-показник".into(), "збіг за Держдепартаментом".into()],
        }
    }
    pub fn ru() -> Labels {
        Labels {
            agree_title: "Совпадение голосов в Генеральной Ассамблее: {a} и {b}".into(),
            agree_many_title: "{a}: совпадение голосов с другими государствами в ГА ООН".into(),
            partners_title: "Ближайшие и самые далёкие партнёры: {state}".into(),
            matrix_title: "Совпадение голосов между государствами, {period}".into(),
            blocs_title: "Блоки голосования, {period}".into(),
            idealpoints_title: "Позиции на главном измерении голосований ООН".into(),
            year: "Год".into(),
            session: "Сессия".into(),
            agreement: "Совпадение ({measure})".into(),
            position: "Идеальная точка (США положительны)".into(),
            closest: "Ближайшие".into(),
            farthest: "Самые далёкие".into(),
            dimension_1: "Измерение 1".into(),
            dimension_2: "Измерение 2".into(),
            bloc: "Блок".into(),
            interval: "95% интервал".into(),
            no_data: "Нет общих голосований".into(),
            source: "Источник: голосования Генеральной Ассамблеи ООН (Voeten/unvotes до 2019 г., DGACM ООН с 2019 г.); Plenary".into(),
            votes_in_common: "В скобках: число общих голосований".into(),
            decimal: ',',
            measures: ["одинаковые голоса".into(), "индекс Лейпхарта".into(), "S-показатель".into(), "совпадение по Госдепартаменту".into()],
        }
    }
    /// `en`, `uk` or `ru`; `None` for any other language.
    pub fn for_lang(lang: &str) -> Option<Labels> {
        match lang.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Labels::en()),
            "uk" => Some(Labels::uk()),
            "ru" => Some(Labels::ru()),
            _ => None,
        }
    }
    fn measure(&self, m: Measure) -> &str {
        match m {
            Measure::Identical => &self.measures[0],
            Measure::Lijphart => &self.measures[1],
            Measure::SScore => &self.measures[2],
            Measure::StateDept { .. } => &self.measures[3],
        }
    }
}

fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in pairs {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// A minimal SVG document writer.
struct Svg {
    out: String,
    /// Decimal separator for numbers shown ([`Labels::decimal`]).
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

fn header(svg: &mut Svg, w: f64, h: f64, title: &str, source: &str) {
    // Bold 17 px text averages about 10 px a character; shrink a long title to fit the width.
    let size = (17.0f64).min((w - 40.0) / (0.6 * title.chars().count().max(1) as f64)).max(11.0);
    svg.text(24.0, 30.0, title, (size * 10.0).round() / 10.0, "start", "bold", "#111111");
    svg.text(w - 12.0, h - 10.0, source, 9.5, "end", "normal", "#777777");
}

/// A legend row starting at (x, y); wraps to a new line (upwards layout is the caller's: keep
/// room for two lines) when an item would pass `LEGEND_RIGHT`.
const LEGEND_RIGHT: f64 = 880.0;

fn legend(svg: &mut Svg, x: f64, y: f64, items: &[(String, &str)]) {
    let (mut cx, mut y) = (x, y);
    for (name, colour) in items {
        let width = 30.0 + 6.6 * name.chars().count() as f64;
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
    svg.decimal = labels.decimal;
    let title = if b.is_empty() { fill(&labels.agree_many_title, &[("a", a)]) } else { fill(&labels.agree_title, &[("a", a), ("b", b)]) };
    header(&mut svg, w, h, &title, &labels.source);
    let periods: Vec<f64> = series.iter().flat_map(|s| s.1.iter().map(|p| p.period as f64)).collect();
    let (lo, hi) = periods.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |m, p| (m.0.min(*p), m.1.max(*p)));
    let xr = if lo.is_finite() { (lo, hi.max(lo + 1.0)) } else { (0.0, 1.0) };
    let f = Frame { x0: 80.0, x1: w - 30.0, y0: 90.0, y1: h - 60.0, xr, yr: measure.range() };
    let ylabel = fill(&labels.agreement, &[("measure", labels.measure(measure))]);
    f.axes(&mut svg, if by_session { &labels.session } else { &labels.year }, &ylabel, true);
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
        svg.text(w / 2.0, h / 2.0, &labels.no_data, 14.0, "middle", "normal", "#777777");
    }
    legend(&mut svg, 80.0, 54.0, &items);
    svg.finish()
}

/// Closest and farthest partners as two groups of horizontal bars.
pub fn partners_chart(p: &Partners, name: &dyn Fn(StateCode) -> String, measure: Measure, labels: &Labels) -> String {
    let rows = p.closest.len() + p.farthest.len();
    let (w, h) = (900.0, 130.0 + 22.0 * rows as f64 + 40.0);
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal;
    header(&mut svg, w, h, &fill(&labels.partners_title, &[("state", &name(p.state))]), &labels.source);
    let (x0, x1) = (260.0, w - 80.0);
    let (lo, hi) = measure.range();
    let px = |v: f64| x0 + (v - lo) / (hi - lo) * (x1 - x0);
    let mut y = 80.0;
    for (group, list, colour) in [(&labels.closest, &p.closest, PALETTE[0]), (&labels.farthest, &p.farthest, PALETTE[1])] {
        svg.text(24.0, y, group, 13.0, "start", "bold", "#222222");
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
    let xlabel = fill(&labels.agreement, &[("measure", labels.measure(measure))]);
    svg.text((x0 + x1) / 2.0, y + 14.0, &xlabel, 12.0, "middle", "normal", "#333333");
    svg.text(24.0, 52.0, &labels.votes_in_common, 11.0, "start", "normal", "#555555");
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
    // At least wide enough for the source line under a small table.
    let (w, h) = ((left + cell * n + 140.0).max(7.0 + 5.2 * labels.source.chars().count() as f64), top + cell * n + 50.0);
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal;
    header(&mut svg, w, h, &fill(&labels.matrix_title, &[("period", period)]), &labels.source);
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
    let (sx, sy, sh) = (left + cell * n + 30.0, top, 200.0);
    for k in 0..50 {
        let f = k as f64 / 49.0;
        svg.rect(sx, sy + sh * (1.0 - f) - sh / 50.0, 16.0, sh / 50.0 + 0.5, &heat(f));
    }
    for tk in ticks(lo, hi, 4) {
        let y = sy + sh * (1.0 - (tk - lo) / (hi - lo));
        let label = svg.num(&fmt_tick(tk));
        svg.text(sx + 22.0, y + 4.0, &label, 10.5, "start", "normal", "#333333");
    }
    svg.text(sx, sy + sh + 20.0, labels.measure(measure), 10.5, "start", "normal", "#333333");
    svg.finish()
}

/// The blocs' map: one dot per state coloured by bloc, labelled with its code.
pub fn blocs_chart(b: &Blocs, period: &str, name: &dyn Fn(StateCode) -> String, labels: &Labels) -> String {
    let (w, h) = (900.0, 700.0);
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal;
    header(&mut svg, w, h, &fill(&labels.blocs_title, &[("period", period)]), &labels.source);
    let span = |f: fn(&crate::blocs::BlocMember) -> f64| {
        let (lo, hi) = b.members.iter().map(f).fold((f64::INFINITY, f64::NEG_INFINITY), |m, v| (m.0.min(v), m.1.max(v)));
        if lo.is_finite() { let pad = (hi - lo).max(1e-6) * 0.06; (lo - pad, hi + pad) } else { (-1.0, 1.0) }
    };
    let f = Frame { x0: 80.0, x1: w - 30.0, y0: 80.0, y1: h - 70.0, xr: span(|m| m.x), yr: span(|m| m.y) };
    f.axes(&mut svg, &labels.dimension_1, &labels.dimension_2, false);
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
        .map(|bl| {
            // Name a bloc after its best-known member: the first of these present.
            let members: Vec<StateCode> = b.members.iter().filter(|m| m.bloc == *bl).map(|m| m.state).collect();
            let lead = ["USA", "RUS", "SUN", "CHN", "IND", "BRA", "FRA", "GBR", "EGY", "NGA"]
                .iter()
                .filter_map(|c| StateCode::parse(c))
                .find(|c| members.contains(c))
                .or(members.first().copied());
            let label = match lead {
                Some(c) => format!("{} {} ({}, {})", labels.bloc, bl, name(c), members.len()),
                None => format!("{} {}", labels.bloc, bl),
            };
            (label, colour(*bl))
        })
        .collect();
    legend(&mut svg, 80.0, 62.0, &items);
    svg.finish()
}

/// Ideal points of some states over time, each with its interval as a band.
pub fn idealpoints_chart(points: &[IdealPoint], states: &[StateCode], name: &dyn Fn(StateCode) -> String, labels: &Labels) -> String {
    let (w, h) = (900.0, 520.0);
    let mut svg = Svg::new(w, h);
    svg.decimal = labels.decimal;
    header(&mut svg, w, h, &labels.idealpoints_title, &labels.source);
    let chosen: Vec<&IdealPoint> = points.iter().filter(|p| states.contains(&p.state)).collect();
    let (ylo, yhi) = chosen.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |m, p| (m.0.min(p.lower), m.1.max(p.upper)));
    let (xlo, xhi) = chosen.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |m, p| (m.0.min(p.year as f64), m.1.max(p.year as f64)));
    let (yr, xr) = if ylo.is_finite() { ((ylo, yhi), (xlo, xhi.max(xlo + 1.0))) } else { ((-1.0, 1.0), (0.0, 1.0)) };
    let f = Frame { x0: 80.0, x1: w - 30.0, y0: 80.0, y1: h - 70.0, xr, yr };
    f.axes(&mut svg, &labels.year, &labels.position, true);
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
    items.push((labels.interval.clone(), "#bbbbbb"));
    legend(&mut svg, 80.0, 64.0, &items);
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_over_two_years_ticks_whole_years_only() {
        let series = vec![(
            "Russian Federation".to_string(),
            vec![PeriodValue { period: 2022, value: Some(0.4), votes: 50 }, PeriodValue { period: 2023, value: Some(0.3), votes: 60 }],
        )];
        let svg = agree_chart(&series, "United States", "Russian Federation", Measure::Identical, false, &Labels::en());
        assert!(svg.contains(">2022<") && svg.contains(">2023<"), "whole years are ticked");
        for fraction in [">2022.2<", ">2022.4<", ">2022.5<", ">2022.25<"] {
            assert!(!svg.contains(fraction), "no tick at {fraction}");
        }
    }
}
