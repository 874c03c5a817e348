//! The agreement measures on small cases worked out by hand, and the laws they obey.

use plenary_analysis::agree::{one_vs_all, pair_over_time, partners, voted_with, matrix_long};
use plenary_analysis::input::{IssueSet, Kind, RollCall};
use plenary_analysis::measures::{Measure, StateDeptEra};
use plenary_analysis::{By, Continuity, Filter, VoteMatrix};
use plenary_rules::{Date, StateCode, Vote};
use proptest::prelude::*;

fn c(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}

/// Roll calls from columns of votes: `votes[k]` is a string with one letter per state
/// (Y, N, A, - absent, . not a member) for roll call k in `year`.
fn calls(states: &[&str], year: i32, votes: &[&str]) -> Vec<RollCall> {
    votes
        .iter()
        .enumerate()
        .map(|(k, col)| RollCall {
            id: (year as u32) * 1000 + k as u32,
            date: Date::from_ymd_opt(year, 10, 1 + (k as u32 % 28)).unwrap(),
            session: (year - 1945) as u16,
            year,
            kind: Kind::FinalPassage,
            issues: IssueSet::empty(),
            important: false,
            votes: states
                .iter()
                .zip(col.chars())
                .filter(|(_, v)| *v != '.')
                .map(|(s, v)| (c(s), if v == '-' { Vote::Absent } else { Vote::from_code(&v.to_string()).unwrap() }))
                .collect(),
        })
        .collect()
}

fn value(rcs: &[RollCall], a: &str, b: &str, m: Measure) -> (Option<f64>, u32) {
    let keep_all = Filter { drop_unanimous: false, ..Filter::default() };
    let mx = VoteMatrix::build(rcs, &keep_all, By::Whole, &Continuity::as_recorded());
    let s = pair_over_time(&mx, c(a), c(b), m).unwrap();
    (s[0].value, s[0].votes)
}

// Four votes of AAA and BBB: Y-Y, N-Y, A-Y, A-A (third column: CCC so no vote is unanimous).
fn four() -> Vec<RollCall> {
    calls(&["AAA", "BBB", "CCC"], 1990, &["YYN", "NYY", "AYN", "AAY"])
}

#[test]
fn identical_share_counts_abstention_with_abstention_as_identical() {
    // identical: Y-Y and A-A = 2 of 4.
    assert_eq!(value(&four(), "AAA", "BBB", Measure::Identical), (Some(0.5), 4));
}

#[test]
fn lijphart_counts_half_when_exactly_one_abstained() {
    // 1 (Y-Y) + 0 (N-Y) + 0.5 (A-Y) + 1 (A-A) = 2.5 of 4.
    assert_eq!(value(&four(), "AAA", "BBB", Measure::Lijphart), (Some(0.625), 4));
}

#[test]
fn s_score_is_one_minus_the_mean_distance() {
    // distances with yes=1, abstain=2, no=3: 0, 2, 1, 0 -> mean 0.75; S = 1 - 2*0.75/2.
    assert_eq!(value(&four(), "AAA", "BBB", Measure::SScore), (Some(0.25), 4));
}

#[test]
fn state_department_to_2016_ignores_abstentions() {
    // Votes where AAA voted yes or no: Y-Y (same), N-Y (opposite): 1 / 2.
    let m = Measure::StateDept { era: Some(StateDeptEra::To2016) };
    assert_eq!(value(&four(), "AAA", "BBB", m), (Some(0.5), 2));
    // Seen from BBB (yes on four votes): same Y-Y, opposite Y-N, BBB yes & AAA abstained x1
    // (ignored), A-A (BBB abstained: not counted). 1 / 2.
    assert_eq!(value(&four(), "BBB", "AAA", m).0, Some(0.5));
}

#[test]
fn state_department_2017_counts_the_others_abstention_as_half() {
    // From BBB: Y-Y same, Y-N opposite, Y vs AAA's abstention partial: (1 + 0.5) / 3.
    let m = Measure::StateDept { era: Some(StateDeptEra::From2017) };
    assert_eq!(value(&four(), "BBB", "AAA", m), (Some(0.5), 3));
}

#[test]
fn state_department_2021_counts_absence_as_half_too() {
    // BBB yes and AAA absent on a fifth vote: 2017 ignores it, 2021 counts it half.
    let rcs = calls(&["AAA", "BBB", "CCC"], 2021, &["YYN", "NYY", "AYN", "AAY", "-YN"]);
    let m17 = Measure::StateDept { era: Some(StateDeptEra::From2017) };
    let m21 = Measure::StateDept { era: Some(StateDeptEra::From2021) };
    assert_eq!(value(&rcs, "BBB", "AAA", m17), (Some(0.5), 3));
    assert_eq!(value(&rcs, "BBB", "AAA", m21), (Some(2.0 / 4.0), 4));
    // Chosen by year: 2021 is in the third era.
    assert_eq!(value(&rcs, "BBB", "AAA", Measure::StateDept { era: None }), value(&rcs, "BBB", "AAA", m21));
}

#[test]
fn state_department_era_follows_the_year_of_each_vote() {
    // One session across 2016 and 2017: BBB yes, AAA abstains once in each year.
    let mut rcs = calls(&["AAA", "BBB", "CCC"], 2016, &["YYN", "AYN"]);
    rcs.extend(calls(&["AAA", "BBB", "CCC"], 2017, &["YYN", "AYN"]));
    for r in &mut rcs {
        r.session = 71;
    }
    let keep_all = Filter { drop_unanimous: false, ..Filter::default() };
    let mx = VoteMatrix::build(&rcs, &keep_all, By::Session, &Continuity::as_recorded());
    let s = pair_over_time(&mx, c("BBB"), c("AAA"), Measure::StateDept { era: None }).unwrap();
    // 2016: 1/1; 2017: (1 + 0.5)/2. Pooled: 2.5 / 3.
    assert_eq!(s.len(), 1);
    assert!((s[0].value.unwrap() - 2.5 / 3.0).abs() < 1e-12);
}

#[test]
fn absences_and_non_membership_are_not_joint_votes() {
    let rcs = calls(&["AAA", "BBB", "CCC"], 1990, &["YYN", "-YN", ".YN", "NNY"]);
    assert_eq!(value(&rcs, "AAA", "BBB", Measure::Identical), (Some(1.0), 2));
}

#[test]
fn unanimous_votes_are_dropped_by_default() {
    let rcs = calls(&["AAA", "BBB", "CCC"], 1990, &["YYY", "YNN", "AAA"]);
    let mx = VoteMatrix::build(&rcs, &Filter::default(), By::Whole, &Continuity::as_recorded());
    assert_eq!(mx.len(), 1);
    let s = pair_over_time(&mx, c("AAA"), c("BBB"), Measure::Identical).unwrap();
    assert_eq!((s[0].value, s[0].votes), (Some(0.0), 1));
}

#[test]
fn a_pair_with_no_common_vote_has_no_value() {
    let rcs = calls(&["AAA", "BBB", "CCC"], 1990, &["Y.N", ".YN"]);
    assert_eq!(value(&rcs, "AAA", "BBB", Measure::Identical), (None, 0));
}

#[test]
fn the_soviet_seat_continues_as_the_russian_federation_by_default() {
    let mut rcs = calls(&["SUN", "USA", "GBR"], 1990, &["NYY"]);
    rcs.extend(calls(&["RUS", "USA", "GBR"], 1992, &["YYN"]));
    let all = Filter { drop_unanimous: false, ..Filter::default() };
    let seat = VoteMatrix::build(&rcs, &all, By::Year, &Continuity::seats());
    let s = pair_over_time(&seat, c("RUS"), c("USA"), Measure::Identical).unwrap();
    assert_eq!(s.iter().map(|p| (p.period, p.value)).collect::<Vec<_>>(), vec![(1990, Some(0.0)), (1992, Some(1.0))]);
    let apart = VoteMatrix::build(&rcs, &all, By::Year, &Continuity::as_recorded());
    assert!(apart.state_index(c("SUN")).is_some());
    let s = pair_over_time(&apart, c("RUS"), c("USA"), Measure::Identical).unwrap();
    assert_eq!(s[0].value, None);
}

#[test]
fn periods_by_year_split_at_the_turn_of_the_year_even_past_64_votes() {
    // 70 votes in 1990 (more than one word) and 3 in 1991.
    let col = |i: usize| if i.is_multiple_of(2) { "YYN" } else { "YNN" };
    let v90: Vec<&str> = (0..70).map(col).collect();
    let mut rcs = calls(&["AAA", "BBB", "CCC"], 1990, &v90);
    for (k, r) in rcs.iter_mut().enumerate() {
        r.id = 100_000 + k as u32;
    }
    rcs.extend(calls(&["AAA", "BBB", "CCC"], 1991, &["YYN", "YYN", "YNN"]));
    let mx = VoteMatrix::build(&rcs, &Filter::default(), By::Year, &Continuity::as_recorded());
    let s = pair_over_time(&mx, c("AAA"), c("BBB"), Measure::Identical).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].period, s[0].value, s[0].votes), (1990, Some(0.5), 70));
    assert_eq!((s[1].period, s[1].votes), (1991, 3));
    assert!((s[1].value.unwrap() - 2.0 / 3.0).abs() < 1e-12);
}

#[test]
fn who_voted_with_a_state_on_one_roll_call() {
    let rcs = calls(&["AAA", "BBB", "CCC", "DDD", "EEE"], 1990, &["YYNA-"]);
    let mx = VoteMatrix::build(&rcs, &Filter::default(), By::Whole, &Continuity::as_recorded());
    let w = voted_with(&mx, c("AAA"), rcs[0].id).unwrap();
    assert_eq!(w.vote, Vote::Yes);
    assert_eq!(w.with, vec![c("BBB")]);
    assert_eq!(w.against, vec![c("CCC")]);
    assert_eq!(w.other, vec![c("DDD")]);
    assert!(voted_with(&mx, c("AAA"), 77).is_err());
}

#[test]
fn partners_rank_closest_and_farthest() {
    let rcs = calls(&["AAA", "BBB", "CCC", "DDD"], 1990, &["YYYN", "NNYY", "YYNN", "AYNN"]);
    let mx = VoteMatrix::build(&rcs, &Filter::default(), By::Whole, &Continuity::as_recorded());
    let p = partners(&mx, c("AAA"), Measure::Identical, 1, 1).unwrap();
    // AAA votes Y N Y A: with BBB (Y N Y Y) 3/4, with CCC (Y Y N N) 1/4, with DDD (N Y N N) 0.
    assert_eq!((p.closest[0].state, p.closest[0].value), (c("BBB"), 0.75));
    assert_eq!((p.farthest[0].state, p.farthest[0].value), (c("DDD"), 0.0));
    let p2 = partners(&mx, c("AAA"), Measure::Identical, 2, 1).unwrap();
    assert_eq!(p2.farthest.iter().map(|x| x.state).collect::<Vec<_>>(), vec![c("DDD"), c("CCC")]);
    assert_eq!(one_vs_all(&mx, c("AAA"), Measure::Identical).unwrap().len(), 3);
    assert!(partners(&mx, c("ZZZ"), Measure::Identical, 1, 1).is_err());
}

fn arb_votes() -> impl Strategy<Value = Vec<String>> {
    let letter = prop_oneof![Just('Y'), Just('N'), Just('A'), Just('-'), Just('.')];
    prop::collection::vec(prop::collection::vec(letter, 4).prop_map(|v| v.into_iter().collect::<String>()), 1..150)
}

proptest! {
    #[test]
    fn symmetric_measures_are_symmetric_bounded_and_self_agreement_is_one(cols in arb_votes()) {
        let refs: Vec<&str> = cols.iter().map(|s| s.as_str()).collect();
        let rcs = calls(&["AAA", "BBB", "CCC", "DDD"], 1990, &refs);
        let all = Filter { drop_unanimous: false, ..Filter::default() };
        let mx = VoteMatrix::build(&rcs, &all, By::Whole, &Continuity::as_recorded());
        for m in [Measure::Identical, Measure::Lijphart, Measure::SScore,
                  Measure::StateDept { era: Some(StateDeptEra::To2016) },
                  Measure::StateDept { era: Some(StateDeptEra::From2017) },
                  Measure::StateDept { era: Some(StateDeptEra::From2021) }] {
            let (lo, hi) = m.range();
            for &a in mx.states() {
                let own = pair_over_time(&mx, a, a, m).unwrap()[0].value;
                if let Some(v) = own { prop_assert!((v - 1.0).abs() < 1e-12, "{m:?} {a}: {v}"); }
                for &b in mx.states() {
                    let ab = pair_over_time(&mx, a, b, m).unwrap()[0].clone();
                    let ba = pair_over_time(&mx, b, a, m).unwrap()[0].clone();
                    if let Some(v) = ab.value { prop_assert!(v >= lo - 1e-12 && v <= hi + 1e-12); }
                    if m.is_symmetric() { prop_assert_eq!(&ab, &ba); }
                }
            }
        }
        // S = 2 L - 1 and L >= identical share.
        for &a in mx.states() { for &b in mx.states() {
            let l = pair_over_time(&mx, a, b, Measure::Lijphart).unwrap()[0].value;
            let s = pair_over_time(&mx, a, b, Measure::SScore).unwrap()[0].value;
            let i = pair_over_time(&mx, a, b, Measure::Identical).unwrap()[0].value;
            if let (Some(l), Some(s), Some(i)) = (l, s, i) {
                prop_assert!((s - (2.0 * l - 1.0)).abs() < 1e-12);
                prop_assert!(l >= i - 1e-12);
            }
        }}
    }

    #[test]
    fn bit_parallel_counts_equal_a_plain_count(cols in arb_votes()) {
        let refs: Vec<&str> = cols.iter().map(|s| s.as_str()).collect();
        let rcs = calls(&["AAA", "BBB", "CCC", "DDD"], 1990, &refs);
        let all = Filter { drop_unanimous: false, ..Filter::default() };
        let mx = VoteMatrix::build(&rcs, &all, By::Whole, &Continuity::as_recorded());
        let cells = matrix_long(&mx, Measure::Identical);
        for cell in cells {
            let (ia, ib) = (["AAA","BBB","CCC","DDD"].iter().position(|s| c(s) == cell.a).unwrap(),
                            ["AAA","BBB","CCC","DDD"].iter().position(|s| c(s) == cell.b).unwrap());
            let (mut joint, mut same) = (0u32, 0u32);
            for col in &cols {
                let (x, y) = (col.as_bytes()[ia], col.as_bytes()[ib]);
                if b"YNA".contains(&x) && b"YNA".contains(&y) { joint += 1; if x == y { same += 1; } }
            }
            prop_assert_eq!(cell.votes, joint);
            prop_assert!((cell.value - same as f64 / joint as f64).abs() < 1e-12);
        }
    }
}
