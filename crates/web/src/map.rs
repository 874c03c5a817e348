//! The vote map: one `<path>` per state, filled by its vote with a colour AND a pattern (WCAG
//! 2.2 success criterion 1.4.1, "Use of Color": colour is never the only cue), a `<title>` with
//! the state's name and vote in the reader's language, and a legend with the counts.

use std::collections::BTreeMap;
use std::fmt::Write;

use plenary_i18n::{Lang, format_number, state_name, t};
use plenary_rules::StateCode;

use crate::Light;
use crate::geo::{DOT_RADIUS, world};
use crate::html::esc;

/// Patterns and fills, shared by the map and its legend. Yes is plain; the others carry a mark
/// that survives greyscale printing and colour-blindness: hatching for No, dots for Abstain,
/// horizontal bars for Not voting.
const DEFS: &str = concat!(
    "<defs>",
    "<pattern id=\"pv-n\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">",
    "<rect width=\"5\" height=\"5\" fill=\"#c62828\"/><path d=\"M0 0v5\" stroke=\"#fff\" stroke-width=\"1.6\"/></pattern>",
    "<pattern id=\"pv-a\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">",
    "<rect width=\"5\" height=\"5\" fill=\"#f2a900\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" fill=\"#5c4000\"/></pattern>",
    "<pattern id=\"pv-x\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\">",
    "<rect width=\"5\" height=\"5\" fill=\"#8a8f98\"/><path d=\"M0 2.5h5\" stroke=\"#fff\" stroke-width=\"1.2\"/></pattern>",
    "</defs>",
    "<style>",
    ".vm path{stroke:#fff;stroke-width:.35;stroke-linejoin:round}",
    ".vm .y{fill:#2e7d32}.vm .n{fill:url(#pv-n)}.vm .a{fill:url(#pv-a)}.vm .x{fill:url(#pv-x)}",
    ".vm .m{fill:#d9dce1}.vm .o{fill:#eef0f2}",
    ".vm path.dot{stroke:#222;stroke-width:.6}",
    ".vm path:hover,.vm path:focus{stroke:#000;stroke-width:1}",
    ".vm text{font:13px system-ui,sans-serif;fill:#222}",
    "</style>"
);

/// The SVG of the map. `votes` gives each state's light; states not in it are drawn as "not a
/// Member on the date" (the light colour). `caption` becomes the SVG's accessible name.
pub fn vote_map(lang: Lang, votes: &BTreeMap<StateCode, Light>, caption: &str) -> String {
    let w = world();
    let legend_h = 26;
    let height = w.height + legend_h;
    let mut out = String::with_capacity(90_000);
    let _ = write!(
        out,
        "<svg class=\"vm\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-labelledby=\"vm-t\"><title id=\"vm-t\">{}</title>{DEFS}",
        w.width,
        esc(caption)
    );
    // Draw dots last so that they sit above larger neighbours.
    let mut dots = String::new();
    for s in &w.shapes {
        let light = s.code.and_then(|c| votes.get(&c).copied()).unwrap_or(Light::NotMember);
        let iso = s.code.map(|c| format!(" data-iso3=\"{c}\"")).unwrap_or_default();
        let title = match s.code {
            Some(c) => format!("{}: {}", esc(&state_name(c, lang, true)), esc(&t(lang, light.key()))),
            // Natural Earth names territories only in English (Greenland, W. Sahara, Kosovo):
            // the reader's language gets what matters here, that it has no seat.
            None => esc(&t(lang, "web-territory")),
        };
        let class = light.class();
        match s.dot {
            None => {
                let _ = write!(out, "<path{iso} class=\"{class}\" d=\"{}\"><title>{title}</title></path>", s.d);
            }
            Some((x, y)) => {
                // The outline (if any) and the dot are one path, so one state is one element.
                let r = DOT_RADIUS;
                let _ = write!(
                    dots,
                    "<path{iso} class=\"{class} dot\" d=\"{}M{} {y}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 -{} 0z\"><title>{title}</title></path>",
                    s.d,
                    x as f64 - r,
                    2.0 * r,
                    2.0 * r
                );
            }
        }
    }
    out.push_str(&dots);
    // Legend: swatch (same fill and pattern) + label + count.
    let mut counts: BTreeMap<Light, usize> = BTreeMap::new();
    for l in votes.values() {
        *counts.entry(*l).or_default() += 1;
    }
    let mut x = 8;
    let y = w.height + 6;
    for l in [Light::Yes, Light::No, Light::Abstain, Light::NonVoting, Light::Absent, Light::NotMember] {
        let n = counts.get(&l).copied().unwrap_or(0);
        if n == 0 && !matches!(l, Light::Yes | Light::No | Light::Abstain | Light::NotMember) {
            continue;
        }
        let label = if l == Light::NotMember {
            t(lang, l.key())
        } else {
            format!("{} ({})", t(lang, crate::pages::vote_cat_key(l)), format_number(lang, n as i64))
        };
        let _ = write!(
            out,
            "<path class=\"{}\" d=\"M{x} {y}h16v14h-16z\" stroke=\"#555\"/><text x=\"{}\" y=\"{}\">{}</text>",
            l.class(),
            x + 21,
            y + 12,
            esc(&label)
        );
        // 13px system-ui averages under 8 units a character, Cyrillic included.
        x += 34 + (label.chars().count() as i32) * 8;
    }
    out.push_str("</svg>");
    out
}
