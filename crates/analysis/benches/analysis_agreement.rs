//! All pairs of states across all years 1946-2019, identical-vote share and Lijphart index:
//! Plenary's bit-parallel matrix against the numpy peer (bench/analysis_agreement_numpy.py),
//! both run here, medians, ratios and peak memory printed.
//!
//! cargo bench -p plenary-analysis --bench analysis_agreement
//!
//! "Compute" starts from roll calls in memory (Plenary: build the packed matrix, then every
//! pair; numpy: pivot each year's votes to one-hot matrices, then matrix products). "End to
//! end" reads the votes from disk, computes the identical-vote share and writes the long CSV
//! `period,a,b,value,votes` (Plenary from the gzip'd unvotes files, numpy from the plain CSV
//! exported here, which is easier to read). The product's own end to end, `plenary matrix`
//! from the database against pandas reading `plenary export`, is bench/analysis_matrix_e2e.sh.

use plenary_analysis::agree::{matrix_long, write_matrix_csv};
use plenary_analysis::load::{default_unvotes_dir, load_unvotes};
use plenary_analysis::{By, Continuity, Filter, Measure, VoteMatrix};
use std::io::Write;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let dir = default_unvotes_dir();
    let calls = load_unvotes(&dir).expect("unvotes files");
    let filter = Filter { years: Some((1946, 2019)), ..Filter::default() };
    let cont = Continuity::seats();
    let repeats = 11;

    // Plenary, compute.
    let mut times = Vec::new();
    let mut cells = 0;
    for _ in 0..repeats {
        let t = Instant::now();
        let m = VoteMatrix::build(&calls, &filter, By::Year, &cont);
        let a = matrix_long(&m, Measure::Identical);
        let b = matrix_long(&m, Measure::Lijphart);
        times.push(t.elapsed().as_secs_f64());
        cells = a.len();
        assert_eq!(a.len(), b.len());
    }
    let ours = median(times);
    let m = VoteMatrix::build(&calls, &filter, By::Year, &cont);
    let t = Instant::now();
    for _ in 0..repeats {
        std::hint::black_box(VoteMatrix::build(&calls, &filter, By::Year, &cont));
    }
    println!("plenary: matrix build alone {:.4} s", t.elapsed().as_secs_f64() / repeats as f64);
    let t = Instant::now();
    let l = load_unvotes(&dir).expect("unvotes files");
    println!("plenary: loading the gzip'd CSV files {:.4} s ({} roll calls)", t.elapsed().as_secs_f64(), l.len());
    println!("plenary: {cells} state-pair-years over {} roll calls, packed matrix {} KiB", m.len(), m.packed_bytes() / 1024);

    // Plenary, end to end (gz files -> CSV file).
    let out = std::env::temp_dir().join("plenary_matrix_identical.csv");
    let mut e2e = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let calls = load_unvotes(&dir).expect("unvotes files");
        let m = VoteMatrix::build(&calls, &filter, By::Year, &cont);
        let cells = matrix_long(&m, Measure::Identical);
        let f = std::fs::File::create(&out).expect("output");
        write_matrix_csv(&cells, std::io::BufWriter::new(f)).expect("write");
        e2e.push(t.elapsed().as_secs_f64());
    }
    let ours_e2e = median(e2e);
    println!("plenary: compute median {ours:.4} s, end-to-end median {ours_e2e:.4} s, peak RSS {:.0} MiB", peak_rss_mib());

    // Export the same votes for the peer.
    let votes = std::env::temp_dir().join("plenary_votes_1946_2019.csv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&votes).expect("votes file"));
        writeln!(w, "year,rcid,state,vote").unwrap();
        for rc in &calls {
            if !filter.admits(rc) || plenary_analysis::matrix::is_unanimous(rc) {
                continue;
            }
            for (s, v) in &rc.votes {
                if matches!(v, plenary_rules::Vote::Yes | plenary_rules::Vote::No | plenary_rules::Vote::Abstain) {
                    writeln!(w, "{},{},{},{}", rc.year, rc.id, cont.apply(*s), v.code()).unwrap();
                }
            }
        }
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/analysis_agreement_numpy.py");
    let peer_out = std::env::temp_dir().join("numpy_matrix_identical.csv");
    let res = std::process::Command::new("python3").arg(script).arg(&votes).arg(&peer_out).arg("5").output();
    match res {
        Ok(o) if o.status.success() => {
            let text = String::from_utf8_lossy(&o.stdout);
            print!("{text}");
            let num = |key: &str| -> Option<f64> {
                let i = text.find(key)? + key.len();
                text[i..].split_whitespace().next()?.parse().ok()
            };
            if let (Some(c), Some(e)) = (num("compute median "), num("end-to-end median ")) {
                println!("ratio numpy/plenary: compute {:.1}x, end to end {:.1}x", c / ours, e / ours_e2e);
            }
        }
        Ok(o) => println!("numpy peer failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => println!("numpy peer not run (python3: {e})"),
    }
}
