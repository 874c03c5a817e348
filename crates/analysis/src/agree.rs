//! Questions about agreement over a [`VoteMatrix`]: a pair over time, one state against all
//! others, the full matrix, the closest and farthest partners, who voted with a state on one
//! roll call. Results are plain serialisable structs in the shapes of the CLI's JSON and CSV.

use crate::matrix::{Period, VoteMatrix};
use crate::measures::{Measure, PairCounts, Ratio, count_rows};
use plenary_rules::{StateCode, Vote};
use rayon::prelude::*;
use serde::Serialize;

/// Errors of the analysis API (bad requests, never bad data: the matrix is always valid).
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum AnalysisError {
    #[error("{0} cast no vote in the selected roll calls")]
    NoVotes(StateCode),
    #[error("roll call {0} is not in the selection (check the filter: dates, issue, kind, unanimous votes)")]
    NoRollCall(u32),
    #[error("the selection holds no roll calls")]
    Empty,
}

pub(crate) mod code_serde {
    use plenary_rules::StateCode;
    pub fn serialize<S: serde::Serializer>(c: &StateCode, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(c.as_str())
    }
    pub fn many<S: serde::Serializer>(c: &[StateCode], s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(c.len()))?;
        for x in c {
            seq.serialize_element(x.as_str())?;
        }
        seq.end()
    }
}

/// One value of a series: `{"period": 1990, "value": 0.73, "votes": 81}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodValue {
    pub period: i32,
    /// `null` when the two states have no vote in common in the period.
    pub value: Option<f64>,
    pub votes: u32,
}

/// A partner and its agreement with the state asked about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerValue {
    #[serde(serialize_with = "code_serde::serialize")]
    pub state: StateCode,
    pub value: f64,
    pub votes: u32,
}

/// One cell of the long-format matrix: `period,a,b,value,votes`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatrixCell {
    pub period: i32,
    #[serde(serialize_with = "code_serde::serialize")]
    pub a: StateCode,
    #[serde(serialize_with = "code_serde::serialize")]
    pub b: StateCode,
    pub value: f64,
    pub votes: u32,
}

/// The ratio of `measure` for rows `a`, `b` over one period, summing its years (so that the
/// State Department's era follows the year of each vote).
pub fn period_ratio(m: &VoteMatrix, p: &Period, a: usize, b: usize, measure: Measure) -> Ratio {
    let mut r = Ratio::default();
    for (year, words) in &p.years {
        let c = count_rows(m.row(a, words.clone()), m.row(b, words.clone()));
        r += c.ratio(measure, *year);
    }
    r
}

/// Raw counts of a pair over a whole period.
pub fn period_counts(m: &VoteMatrix, p: &Period, a: usize, b: usize) -> PairCounts {
    count_rows(m.row(a, p.words()), m.row(b, p.words()))
}

fn row_of(m: &VoteMatrix, s: StateCode) -> Result<usize, AnalysisError> {
    m.state_index(s).ok_or(AnalysisError::NoVotes(s))
}

/// Agreement of `a` with `b` in every period of the matrix (build it `By::Year` or
/// `By::Session`).
pub fn pair_over_time(m: &VoteMatrix, a: StateCode, b: StateCode, measure: Measure) -> Result<Vec<PeriodValue>, AnalysisError> {
    let (ia, ib) = (row_of(m, a)?, row_of(m, b)?);
    Ok(m.periods()
        .iter()
        .map(|p| {
            let r = period_ratio(m, p, ia, ib, measure);
            PeriodValue { period: p.key, value: r.value(measure), votes: r.votes }
        })
        .collect())
}

/// Agreement of `x` with every other state over all the matrix's roll calls, states with no
/// common vote left out; sorted by state code.
pub fn one_vs_all(m: &VoteMatrix, x: StateCode, measure: Measure) -> Result<Vec<PartnerValue>, AnalysisError> {
    let ix = row_of(m, x)?;
    let mut out = Vec::new();
    for (ib, &b) in m.states().iter().enumerate() {
        if ib == ix {
            continue;
        }
        let mut r = Ratio::default();
        for p in m.periods() {
            r += period_ratio(m, p, ix, ib, measure);
        }
        if let Some(v) = r.value(measure) {
            out.push(PartnerValue { state: b, value: v, votes: r.votes });
        }
    }
    Ok(out)
}

/// The closest and farthest partners of a state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Partners {
    #[serde(serialize_with = "code_serde::serialize")]
    pub state: StateCode,
    pub measure: &'static str,
    /// Highest agreement first.
    pub closest: Vec<PartnerValue>,
    /// Lowest agreement first.
    pub farthest: Vec<PartnerValue>,
}

/// The `top` closest and farthest partners of `x`, among states with at least `min_votes`
/// votes in common (so that a state seen on two votes does not top the list). Ties are
/// broken by more votes, then by code.
pub fn partners(m: &VoteMatrix, x: StateCode, measure: Measure, top: usize, min_votes: u32) -> Result<Partners, AnalysisError> {
    let mut all: Vec<PartnerValue> = one_vs_all(m, x, measure)?.into_iter().filter(|p| p.votes >= min_votes).collect();
    all.sort_by(|p, q| q.value.total_cmp(&p.value).then(q.votes.cmp(&p.votes)).then(p.state.cmp(&q.state)));
    let closest = all.iter().take(top).cloned().collect();
    all.sort_by(|p, q| p.value.total_cmp(&q.value).then(q.votes.cmp(&p.votes)).then(p.state.cmp(&q.state)));
    let farthest = all.into_iter().take(top).collect();
    Ok(Partners { state: x, measure: measure.name(), closest, farthest })
}

/// Every pair in every period, in long format, skipping pairs with no common vote. Symmetric
/// measures give each unordered pair once (a < b by code); the State Department's measure
/// gives both orders. Periods are computed in parallel.
pub fn matrix_long(m: &VoteMatrix, measure: Measure) -> Vec<MatrixCell> {
    let per: Vec<Vec<MatrixCell>> = m.periods().par_iter().map(|p| period_cells(m, p, measure)).collect();
    per.into_iter().flatten().collect()
}

/// States with at least one vote cast in the period.
pub fn active_states(m: &VoteMatrix, p: &Period) -> Vec<usize> {
    (0..m.states().len())
        .filter(|&s| m.row(s, p.words()).chunks_exact(4).any(|w| (w[0] | w[1] | w[2]) != 0))
        .collect()
}

fn period_cells(m: &VoteMatrix, p: &Period, measure: Measure) -> Vec<MatrixCell> {
    let active = active_states(m, p);
    let mut out = Vec::with_capacity(active.len() * active.len() / 2);
    let states = m.states();
    for (i, &a) in active.iter().enumerate() {
        let rest: &[usize] = if measure.is_symmetric() { &active[i + 1..] } else { &active };
        for &b in rest {
            if a == b {
                continue;
            }
            let r = period_ratio(m, p, a, b, measure);
            if let Some(v) = r.value(measure) {
                out.push(MatrixCell { period: p.key, a: states[a], b: states[b], value: v, votes: r.votes });
            }
        }
    }
    out
}

/// A square agreement table over one period: `values[i][j]` for `states[i]`, `states[j]`
/// (`None` where no common vote), for heat maps and blocs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementTable {
    pub period: i32,
    #[serde(serialize_with = "code_serde::many")]
    pub states: Vec<StateCode>,
    pub values: Vec<Vec<Option<f64>>>,
    pub votes: Vec<Vec<u32>>,
}

/// The table of period `p` over the states that cast at least `min_share` of its votes.
pub fn agreement_table(m: &VoteMatrix, p: &Period, measure: Measure, min_share: f64) -> AgreementTable {
    let n_votes = p.columns.len() as f64;
    let rows: Vec<usize> = active_states(m, p)
        .into_iter()
        .filter(|&s| period_counts(m, p, s, s).joint as f64 >= min_share * n_votes)
        .collect();
    let values_votes: Vec<(Vec<Option<f64>>, Vec<u32>)> = rows
        .par_iter()
        .map(|&a| {
            rows.iter()
                .map(|&b| {
                    let r = period_ratio(m, p, a, b, measure);
                    (r.value(measure), r.votes)
                })
                .unzip()
        })
        .collect();
    let (values, votes) = values_votes.into_iter().unzip();
    AgreementTable { period: p.key, states: rows.iter().map(|&i| m.states()[i]).collect(), values, votes }
}

/// Who voted as `x` did on one roll call, who voted the other way, who abstained.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VotedWith {
    pub roll_call: u32,
    #[serde(serialize_with = "code_serde::serialize")]
    pub state: StateCode,
    pub vote: Vote,
    /// Cast the same vote as `state`.
    #[serde(serialize_with = "code_serde::many")]
    pub with: Vec<StateCode>,
    /// Voted yes where `state` voted no, or no where it voted yes.
    #[serde(serialize_with = "code_serde::many")]
    pub against: Vec<StateCode>,
    /// Every other state that cast a vote different from `state`'s (not counted in `against`).
    #[serde(serialize_with = "code_serde::many")]
    pub other: Vec<StateCode>,
}

pub fn voted_with(m: &VoteMatrix, x: StateCode, roll_call: u32) -> Result<VotedWith, AnalysisError> {
    let ix = row_of(m, x)?;
    let c = m.column_of(roll_call).ok_or(AnalysisError::NoRollCall(roll_call))?;
    let vote = m.vote(ix, c).ok_or(AnalysisError::NoVotes(x))?;
    let (mut with, mut against, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for (i, &s) in m.states().iter().enumerate() {
        if i == ix {
            continue;
        }
        match m.vote(i, c) {
            None | Some(Vote::Absent | Vote::NonVoting) => {}
            Some(v) if v == vote => with.push(s),
            Some(Vote::Yes) if vote == Vote::No => against.push(s),
            Some(Vote::No) if vote == Vote::Yes => against.push(s),
            Some(_) => other.push(s),
        }
    }
    Ok(VotedWith { roll_call, state: x, vote, with, against, other })
}

/// Writes cells as CSV `period,a,b,value,votes` (values with 6 decimals).
pub fn write_matrix_csv<W: std::io::Write>(cells: &[MatrixCell], mut w: W) -> std::io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(cells.len() * 30 + 32);
    buf.extend_from_slice(b"period,a,b,value,votes\n");
    for c in cells {
        push_int(&mut buf, c.period as i64);
        buf.push(b',');
        buf.extend_from_slice(c.a.as_str().as_bytes());
        buf.push(b',');
        buf.extend_from_slice(c.b.as_str().as_bytes());
        buf.push(b',');
        push_fixed6(&mut buf, c.value);
        buf.push(b',');
        push_int(&mut buf, c.votes as i64);
        buf.push(b'\n');
    }
    w.write_all(&buf)
}

fn push_int(buf: &mut Vec<u8>, v: i64) {
    if v < 0 {
        buf.push(b'-');
    }
    let mut digits = [0u8; 20];
    let (mut n, mut k) = (v.unsigned_abs(), 0);
    loop {
        digits[k] = b'0' + (n % 10) as u8;
        k += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend(digits[..k].iter().rev());
}

/// `{:.6}` for the measures' values (finite, |v| <= 1), without the float formatter.
fn push_fixed6(buf: &mut Vec<u8>, v: f64) {
    let micro = (v * 1e6).round() as i64;
    if micro < 0 {
        buf.push(b'-');
    }
    let m = micro.unsigned_abs();
    push_int(buf, (m / 1_000_000) as i64);
    buf.push(b'.');
    let frac = m % 1_000_000;
    let s = [100_000, 10_000, 1_000, 100, 10, 1];
    for d in s {
        buf.push(b'0' + ((frac / d) % 10) as u8);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_values_are_written_with_six_decimals() {
        for v in [0.0, 1.0, 0.5, 0.123_456_7, -0.25, -1.0, 0.999_999_9] {
            let mut b = Vec::new();
            super::push_fixed6(&mut b, v);
            assert_eq!(String::from_utf8(b).unwrap(), format!("{v:.6}"), "{v}");
        }
    }
}
