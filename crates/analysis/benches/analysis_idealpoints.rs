//! Ideal points 1946-2019 from the unvotes files, dynamic with bridging: time, peak memory and
//! the validation against the published estimates (column idealpointall).
//!
//! cargo bench -p plenary-analysis --bench analysis_idealpoints

use plenary_analysis::idealpoints::{IdealPointOptions, fit};
use plenary_analysis::load::{default_idealpoints_dir, default_unvotes_dir, load_bridges, load_unvotes};
use plenary_analysis::validate::{compare_idealpoints, load_published_idealpoints};
use std::time::Instant;

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<f64>().unwrap_or(0.0)))
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let t0 = Instant::now();
    let calls = load_unvotes(&default_unvotes_dir()).expect("unvotes files");
    let dir = default_idealpoints_dir();
    let bridges = load_bridges(&dir.join("identical_resolutions_matches.csv")).expect("bridging file");
    let load = t0.elapsed();
    let mut opts = IdealPointOptions { years: Some((1946, 2019)), bridges, ..IdealPointOptions::default() };
    // Knobs for exploring the model; the figures reported use the defaults.
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    if let Some(v) = env("PLENARY_IP_WALK_SD") { opts.walk_sd = v; }
    if let Some(v) = env("PLENARY_IP_ANCHOR_SD") { opts.anchor_sd = v; }
    if let Some(v) = env("PLENARY_IP_ITERATIONS") { opts.iterations = v as usize; }
    if let Some(v) = env("PLENARY_IP_STATIC") { opts.static_iterations = v as usize; }
    opts.trace = std::env::var("PLENARY_IP_TRACE").is_ok();
    let t1 = Instant::now();
    let fit = fit(&calls, &opts).expect("fit");
    let fit_time = t1.elapsed();
    if let Ok(out) = std::env::var("PLENARY_IP_OUT") {
        let f = std::fs::File::create(&out).expect("output file");
        plenary_analysis::idealpoints::write_csv(&fit.points, std::io::BufWriter::new(f)).expect("write");
    }
    let published = load_published_idealpoints(&dir.join("IdealpointsJuly2025.csv"), "idealpointall").expect("published");
    let v = compare_idealpoints(&fit.points, &published, (1946, 2019));
    println!("ideal points 1946-2019: {} roll calls, {} items after bridging, {} answers, {} state-years", fit.roll_calls, fit.items, fit.observations, fit.points.len());
    println!("  load {:.2} s, fit {:.2} s ({} iterations, converged: {}), threads {}", load.as_secs_f64(), fit_time.as_secs_f64(), fit.iterations, fit.converged, rayon::current_num_threads());
    println!("  vs published idealpointall: median per-year r {:.4}, min year r {:.4}, pooled r {:.4}, {} state-years matched", v.median_year_r, v.min_year_r, v.pooled_r, v.matched);
    let mut worst = v.per_year.clone();
    worst.sort_by(|a, b| a.1.total_cmp(&b.1));
    println!("  lowest years: {}", worst.iter().take(6).map(|(y, r, n)| format!("{y} {r:.3} (n={n})")).collect::<Vec<_>>().join(", "));
    println!("  peak RSS {:.0} MiB", peak_rss_mib());
}
