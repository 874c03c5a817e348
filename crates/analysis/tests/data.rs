//! Checks against published figures on the real record (the unvotes files in
//! data/record/unvotes, or /work/shared/data/unvotes until the copy is in place).

use plenary_analysis::agree::pair_over_time;
use plenary_analysis::idealpoints::{IdealPointOptions, fit};
use plenary_analysis::load::{default_idealpoints_dir, default_unvotes_dir, load_bridges, load_unvotes};
use plenary_analysis::validate::{compare_idealpoints, load_published_idealpoints, load_published_us_agreement};
use plenary_analysis::{By, Continuity, Filter, Measure, VoteMatrix};
use plenary_rules::StateCode;

/// Identical-vote share with the United States by session, sessions 1-39, against the
/// published USAgree column (Bailey, Strezhnev, Voeten): unanimous votes removed, all kinds
/// of votes, the Republic of China kept apart from the PRC as in the published file.
#[test]
fn agreement_with_the_united_states_matches_the_published_usagree() {
    let calls = load_unvotes(&default_unvotes_dir()).unwrap();
    let published = load_published_us_agreement(&default_idealpoints_dir().join("agreement_sessions_1_39.csv")).unwrap();
    let twn = StateCode::parse("TWN").unwrap();
    let m = VoteMatrix::build(&calls, &Filter::default(), By::Session, &Continuity::seats_except(&[twn]));
    let usa = StateCode::parse("USA").unwrap();
    let (mut n, mut within_001, mut within_0001) = (0usize, 0usize, 0usize);
    for (state, session, value) in &published {
        if m.state_index(*state).is_none() {
            continue;
        }
        let series = pair_over_time(&m, usa, *state, Measure::Identical).unwrap();
        let Some(ours) = series.iter().find(|p| p.period == *session).and_then(|p| p.value) else { continue };
        n += 1;
        let diff = (ours - value).abs();
        within_001 += (diff < 0.01) as usize;
        within_0001 += (diff < 0.001) as usize;
    }
    let (r1, r2) = (within_001 as f64 / n as f64, within_0001 as f64 / n as f64);
    println!("USAgree: {n} state-sessions compared, {:.1}% within 0.01, {:.1}% within 0.001", 100.0 * r1, 100.0 * r2);
    assert!(n > 3000, "only {n} state-sessions compared");
    assert!(r2 > 0.99, "only {:.1}% within 0.001", 100.0 * r2);
}

/// The validation of the ideal points (slow in debug builds: run with --release).
#[test]
#[ignore]
fn ideal_points_agree_with_the_published_estimates() {
    let calls = load_unvotes(&default_unvotes_dir()).unwrap();
    let dir = default_idealpoints_dir();
    let bridges = load_bridges(&dir.join("identical_resolutions_matches.csv")).unwrap();
    let opts = IdealPointOptions { years: Some((1946, 2019)), bridges, ..IdealPointOptions::default() };
    let f = fit(&calls, &opts).unwrap();
    let published = load_published_idealpoints(&dir.join("IdealpointsJuly2025.csv"), "idealpointall").unwrap();
    let v = compare_idealpoints(&f.points, &published, (1946, 2019));
    println!("median year r {:.4}, min {:.4}, pooled {:.4}", v.median_year_r, v.min_year_r, v.pooled_r);
    assert!(v.median_year_r >= 0.95);
    assert!(v.pooled_r >= 0.97);
    assert!(v.min_year_r > 0.0);
    // The United States is on the positive side every year.
    assert!(f.points.iter().filter(|p| p.state.as_str() == "USA").all(|p| p.position > 0.0));
}

/// Same data and options give the same estimates, the United States comes out positive and
/// every interval contains its estimate.
#[test]
fn ideal_points_are_deterministic_and_oriented() {
    let calls = load_unvotes(&default_unvotes_dir()).unwrap();
    let opts = IdealPointOptions { years: Some((2012, 2014)), iterations: 20, ..IdealPointOptions::default() };
    let a = fit(&calls, &opts).unwrap();
    let b = fit(&calls, &opts).unwrap();
    assert_eq!(a.points, b.points);
    let usa: Vec<_> = a.points.iter().filter(|p| p.state.as_str() == "USA").collect();
    assert_eq!(usa.len(), 3);
    assert!(usa.iter().all(|p| p.position > 0.0));
    // Cuba votes against the United States on most contested votes.
    let cub = a.points.iter().find(|p| p.state.as_str() == "CUB" && p.year == 2013).unwrap();
    assert!(cub.position < 0.0);
    assert!(a.points.iter().all(|p| p.lower < p.position && p.position < p.upper));
}
