//! Dynamic ideal points: where each state stands, year by year, on the main dimension of
//! General Assembly voting.
//!
//! The model is that of Bailey, Strezhnev and Voeten (2017), "Estimating dynamic state
//! preferences from United Nations voting data", Journal of Conflict Resolution 61(2):
//!
//! - one position theta(s, t) per state and year, following a random walk:
//!   theta(s, t) ~ N(theta(s, t'), sigma^2 (t - t')) for the state's previous year t' with
//!   votes (years without votes, such as 1964, are bridged), and every position also
//!   N(0, anchor_sd^2) (see [`IdealPointOptions::anchor_sd`]: a MAP fit needs it);
//! - an ordered probit for the three ordered answers no < abstain < yes, with one
//!   discrimination beta(j) and two cut-points tau1(j) < tau2(j) per vote:
//!   P(no) = Phi(tau1 - beta theta), P(yes) = 1 - Phi(tau2 - beta theta);
//! - resolutions voted again identically in later years share their vote parameters (the
//!   pairs of `identical_resolutions_matches.csv`), which ties the years to one scale;
//! - unanimous votes and absences are dropped;
//! - the scale is oriented so that the United States is positive.
//!
//! Fitting: maximum a posteriori by block coordinate ascent, which suits the model's
//! structure. Given the vote parameters the posterior of each state's trajectory is
//! log-concave with a tridiagonal Hessian (the random walk), so a Newton step per state is
//! one O(years) solve; given the positions each vote's three parameters are an independent
//! ordered-probit regression, solved by a 3x3 Newton step. Both blocks run in parallel
//! (rayon) and each step is accepted only if it raises the block's log posterior. The start
//! is the leading principal component of the states' votes, the first iterations run with a
//! nearly static walk so that all years settle on one scale before positions may move. There
//! is no randomness beyond the seeded start vector of the power iteration: the same data and
//! options give the same estimates, whatever the number of threads.
//!
//! Intervals: a Laplace approximation, from the curvature of the log posterior of each
//! state's trajectory at the optimum with the vote parameters held at their estimates (the
//! diagonal of the inverse of the tridiagonal Hessian), so they understate the uncertainty
//! the MCMC quantiles of the published estimates include.

use crate::agree::code_serde;
use crate::input::{KindSet, RollCall};
use crate::matrix::{Continuity, is_unanimous};
use plenary_rules::{StateCode, Vote};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Options of [`fit`].
#[derive(Clone, Debug)]
pub struct IdealPointOptions {
    /// Inclusive range of years.
    pub years: Option<(i32, i32)>,
    pub kinds: KindSet,
    /// Pairs of roll-call ids voted identically in different years (Voeten rcids).
    pub bridges: Vec<(u32, u32)>,
    /// How seats continue. Default: [`Continuity::seats_except`] TWN, i.e. the USSR continues
    /// as the Russian Federation but the Republic of China's tenure of China's seat is kept
    /// apart from the People's Republic's, as in the published estimates (a random walk
    /// through the change of government of 1971 would smooth over a real break).
    pub continuity: Continuity,
    /// Standard deviation of a state's yearly step (on the scale where the first year's prior
    /// is N(0, 1)).
    pub walk_sd: f64,
    /// Standard deviation of the N(0, anchor_sd^2) prior every position has besides the
    /// walk. Without it the MAP estimate of a bloc that always votes together (the Soviet
    /// bloc of the 1950s-80s) runs off towards infinity, since its votes are predicted
    /// perfectly; MCMC estimates do not, as they average over that flat ridge.
    pub anchor_sd: f64,
    /// Prior standard deviations of the discrimination and of the cut-points.
    pub beta_sd: f64,
    pub tau_sd: f64,
    /// Outer iterations, the first `static_iterations` of them with a nearly static walk.
    pub iterations: usize,
    pub static_iterations: usize,
    /// Stop when no position moves by more than this in an iteration, or when the log
    /// posterior rises by less than `relative_tolerance` of itself.
    pub tolerance: f64,
    pub relative_tolerance: f64,
    /// Seed of the power iteration's start vector.
    pub seed: u64,
    /// Check that every Newton step raises the log posterior, halving it if not. Both blocks
    /// are concave and steps are capped at 1 on the latent scale, so plain Newton steps
    /// converge on this data; the check doubles the cost of an iteration.
    pub line_search: bool,
    /// Print the log posterior of every iteration to stderr.
    pub trace: bool,
    /// Keep states with at least this many usable votes in a year (others get no estimate
    /// that year).
    pub min_votes: usize,
}

impl Default for IdealPointOptions {
    fn default() -> Self {
        IdealPointOptions {
            years: None,
            kinds: KindSet::all(),
            bridges: Vec::new(),
            continuity: Continuity::seats_except(&[StateCode::parse("TWN").expect("constant")]),
            walk_sd: 0.3,
            anchor_sd: 0.5,
            beta_sd: 2.0,
            tau_sd: 3.0,
            iterations: 60,
            static_iterations: 10,
            tolerance: 1e-3,
            relative_tolerance: 1e-7,
            seed: 20170401,
            min_votes: 1,
            trace: false,
            line_search: false,
        }
    }
}

/// One estimate: `state,year,position,lower,upper` (95% Laplace interval).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IdealPoint {
    #[serde(serialize_with = "code_serde::serialize")]
    pub state: StateCode,
    pub year: i32,
    pub position: f64,
    pub lower: f64,
    pub upper: f64,
    /// Votes the estimate rests on (after dropping unanimous votes and absences).
    pub votes: u32,
}

/// Vote parameters of one item (a roll call, or a group of identical ones).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ItemParams {
    pub beta: f64,
    pub tau1: f64,
    pub tau2: f64,
}

/// The fitted model.
#[derive(Clone, Debug, Serialize)]
pub struct IdealPointFit {
    pub points: Vec<IdealPoint>,
    pub iterations: usize,
    pub converged: bool,
    pub log_posterior: f64,
    /// Roll calls used and the distinct items they form after bridging.
    pub roll_calls: usize,
    pub items: usize,
    pub observations: usize,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum IdealPointError {
    #[error("no contested roll call in the selection: nothing to scale")]
    NoVotes,
}

/// One observed answer: 0 no, 1 abstain, 2 yes.
#[derive(Clone, Copy)]
struct Obs {
    other: u32,
    y: u8,
}

/// Data in both orientations (by state-year unit, by item), with the state chains.
struct Data {
    units: Vec<(usize, i32)>, // (state index, year)
    states: Vec<StateCode>,
    /// Per state, its units in year order (contiguous indices).
    chains: Vec<std::ops::Range<usize>>,
    by_unit: Vec<Vec<Obs>>,
    by_item: Vec<Vec<Obs>>,
    roll_calls: usize,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn build(calls: &[RollCall], o: &IdealPointOptions) -> Data {
    let chosen: Vec<&RollCall> = calls
        .iter()
        .filter(|rc| o.years.is_none_or(|(a, b)| rc.year >= a && rc.year <= b) && o.kinds.contains(rc.kind))
        .filter(|rc| !is_unanimous(rc))
        .collect();
    // Items: union-find over the bridging pairs.
    let pos: HashMap<u32, usize> = chosen.iter().enumerate().map(|(i, rc)| (rc.id, i)).collect();
    let mut parent: Vec<usize> = (0..chosen.len()).collect();
    for (a, b) in &o.bridges {
        if let (Some(&x), Some(&y)) = (pos.get(a), pos.get(b)) {
            let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
            if rx != ry {
                parent[rx.max(ry)] = rx.min(ry);
            }
        }
    }
    let mut item_of_root: HashMap<usize, usize> = HashMap::new();
    let mut item = vec![0usize; chosen.len()];
    for (i, slot) in item.iter_mut().enumerate() {
        let r = find(&mut parent, i);
        let n = item_of_root.len();
        *slot = *item_of_root.entry(r).or_insert(n);
    }
    let n_items = item_of_root.len();

    // Units: (state, year) pairs with votes, grouped by state and sorted by year.
    let mut raw: Vec<(StateCode, i32, u32, u8)> = Vec::new();
    for (i, rc) in chosen.iter().enumerate() {
        for &(s, v) in &rc.votes {
            let y = match v {
                Vote::No => 0,
                Vote::Abstain => 1,
                Vote::Yes => 2,
                Vote::Absent | Vote::NonVoting => continue,
            };
            raw.push((o.continuity.apply(s), rc.year, item[i] as u32, y));
        }
    }
    let mut count: HashMap<(StateCode, i32), usize> = HashMap::new();
    for r in &raw {
        *count.entry((r.0, r.1)).or_default() += 1;
    }
    let mut keys: Vec<(StateCode, i32)> = count.iter().filter(|(_, n)| **n >= o.min_votes.max(1)).map(|(k, _)| *k).collect();
    keys.sort();
    let mut states: Vec<StateCode> = keys.iter().map(|k| k.0).collect();
    states.dedup();
    let state_index: HashMap<StateCode, usize> = states.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let unit_index: HashMap<(StateCode, i32), usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let units: Vec<(usize, i32)> = keys.iter().map(|k| (state_index[&k.0], k.1)).collect();
    let mut chains = vec![0..0; states.len()];
    for (u, &(s, _)) in units.iter().enumerate() {
        if chains[s].is_empty() {
            chains[s] = u..u + 1;
        } else {
            chains[s].end = u + 1;
        }
    }
    let mut by_unit: Vec<Vec<Obs>> = vec![Vec::new(); units.len()];
    let mut by_item: Vec<Vec<Obs>> = vec![Vec::new(); n_items];
    for (s, year, it, y) in raw {
        if let Some(&u) = unit_index.get(&(s, year)) {
            by_unit[u].push(Obs { other: it, y });
            by_item[it as usize].push(Obs { other: u as u32, y });
        }
    }
    Data { units, states, chains, by_unit, by_item, roll_calls: chosen.len() }
}

const SQRT_2: f64 = std::f64::consts::SQRT_2;
const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

#[inline]
fn pdf(x: f64) -> f64 {
    INV_SQRT_2PI * (-0.5 * x * x).exp()
}
#[inline]
fn cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / SQRT_2)
}
/// phi(x) / Phi(x), accurate in the far lower tail.
#[inline]
fn mills(x: f64) -> f64 {
    if x < -30.0 {
        let x2 = x * x;
        -x - 1.0 / x + 2.0 / (x * x2)
    } else {
        pdf(x) / cdf(x)
    }
}

/// Log-likelihood of one answer and its derivatives with respect to the lower (a) and upper
/// (b) bounds of its interval of the latent scale: (l, l_a, l_b, l_aa, l_ab, l_bb).
#[inline]
fn answer_terms(y: u8, p: ItemParams, eta: f64) -> (f64, f64, f64, f64, f64, f64) {
    match y {
        0 => {
            let b = p.tau1 - eta;
            let (l, lam) = log_cdf_and_mills(b);
            (l, 0.0, lam, 0.0, 0.0, -lam * (b + lam))
        }
        2 => {
            let a = p.tau2 - eta;
            let (l, lam) = log_cdf_and_mills(-a);
            (l, -lam, 0.0, -lam * (-a + lam), 0.0, 0.0)
        }
        _ => {
            let (a, b) = (p.tau1 - eta, p.tau2 - eta);
            let prob = middle_probability(a, b);
            let (fa, fb) = (pdf(a), pdf(b));
            let (la, lb) = (-fa / prob, fb / prob);
            (prob.ln(), la, lb, a * fa / prob - la * la, -la * lb, -b * fb / prob - lb * lb)
        }
    }
}

/// Log-likelihood of one answer only.
#[inline]
fn answer_log(y: u8, p: ItemParams, eta: f64) -> f64 {
    match y {
        0 => log_cdf(p.tau1 - eta),
        2 => log_cdf(eta - p.tau2),
        _ => middle_probability(p.tau1 - eta, p.tau2 - eta).ln(),
    }
}

/// Phi(b) - Phi(a) for a < b, computed in the tail where it is small.
#[inline]
fn middle_probability(a: f64, b: f64) -> f64 {
    let prob = if a > 0.0 { cdf(-a) - cdf(-b) } else { cdf(b) - cdf(a) };
    prob.max(1e-300)
}

#[inline]
fn log_cdf(x: f64) -> f64 {
    if x < -30.0 {
        // log Phi(x) ~ log phi(x) - log(-x) for x -> -inf.
        -0.5 * x * x - (-x).ln() - 0.918_938_533_204_672_7
    } else {
        cdf(x).ln()
    }
}

/// (log Phi(x), phi(x) / Phi(x)) with one evaluation of erfc.
#[inline]
fn log_cdf_and_mills(x: f64) -> (f64, f64) {
    if x < -30.0 {
        (log_cdf(x), mills(x))
    } else {
        let c = cdf(x);
        (c.ln(), pdf(x) / c)
    }
}

struct State {
    theta: Vec<f64>,
    items: Vec<ItemParams>,
}

/// Log posterior contribution of one item given positions.
fn item_prior(p: ItemParams, o: &IdealPointOptions) -> f64 {
    -0.5 * (p.beta / o.beta_sd).powi(2) - 0.5 * ((p.tau1 / o.tau_sd).powi(2) + (p.tau2 / o.tau_sd).powi(2))
}

fn item_objective(obs: &[Obs], p: ItemParams, theta: &[f64], o: &IdealPointOptions) -> f64 {
    let mut l = item_prior(p, o);
    for ob in obs {
        l += answer_log(ob.y, p, p.beta * theta[ob.other as usize]);
    }
    l
}

/// One damped Newton step for one item's (beta, tau1, tau2).
fn item_step(obs: &[Obs], p: ItemParams, theta: &[f64], o: &IdealPointOptions) -> ItemParams {
    let mut g = [0.0f64; 3];
    let mut h = [[0.0f64; 3]; 3];
    let mut before = item_prior(p, o);
    for ob in obs {
        let t = theta[ob.other as usize];
        let (l, la, lb, laa, lab, lbb) = answer_terms(ob.y, p, p.beta * t);
        before += l;
        // d a / d(beta, tau1, tau2) and d b / d(...), by answer.
        let (da, db) = match ob.y {
            0 => ([0.0, 0.0, 0.0], [-t, 1.0, 0.0]),
            1 => ([-t, 1.0, 0.0], [-t, 0.0, 1.0]),
            _ => ([-t, 0.0, 1.0], [0.0, 0.0, 0.0]),
        };
        for i in 0..3 {
            g[i] += la * da[i] + lb * db[i];
            for j in 0..3 {
                h[i][j] += laa * da[i] * da[j] + lab * (da[i] * db[j] + db[i] * da[j]) + lbb * db[i] * db[j];
            }
        }
    }
    let (vb, vt) = (o.beta_sd.powi(-2), o.tau_sd.powi(-2));
    g[0] -= p.beta * vb;
    g[1] -= p.tau1 * vt;
    g[2] -= p.tau2 * vt;
    h[0][0] -= vb;
    h[1][1] -= vt;
    h[2][2] -= vt;
    // Solve (-h) d = g.
    let m = nalgebra::Matrix3::from_fn(|i, j| -h[i][j]);
    let d = match m.cholesky() {
        Some(c) => c.solve(&nalgebra::Vector3::new(g[0], g[1], g[2])),
        None => return p,
    };
    let mut step = 1.0;
    // Newton decrement: the expected gain; when tiny, rounding decides any comparison.
    let decrement = g[0] * d[0] + g[1] * d[1] + g[2] * d[2];
    for _ in 0..8 {
        let q = ItemParams { beta: p.beta + step * d[0], tau1: p.tau1 + step * d[1], tau2: p.tau2 + step * d[2] };
        if q.tau1 < q.tau2 && (!o.line_search || decrement < 1e-9 || item_objective(obs, q, theta, o) >= before) {
            return q;
        }
        step *= 0.5;
    }
    p
}

/// Gradient and curvature (negative second derivative) of the log likelihood of each unit of
/// a chain with respect to its position.
fn unit_terms(obs: &[Obs], theta: f64, items: &[ItemParams]) -> (f64, f64, f64) {
    let (mut l, mut g, mut h) = (0.0, 0.0, 0.0);
    for ob in obs {
        let p = items[ob.other as usize];
        let (li, la, lb, laa, lab, lbb) = answer_terms(ob.y, p, p.beta * theta);
        l += li;
        g += -p.beta * (la + lb);
        h -= p.beta * p.beta * (laa + 2.0 * lab + lbb);
    }
    (l, g, h)
}

fn unit_log(obs: &[Obs], theta: f64, items: &[ItemParams]) -> f64 {
    obs.iter()
        .map(|ob| {
            let p = items[ob.other as usize];
            answer_log(ob.y, p, p.beta * theta)
        })
        .sum()
}


/// Log prior of one chain: N(0, 1) for every position, times the random walk with variance sd^2 per year.
fn chain_prior(theta: &[f64], years: &[i32], sd: f64, anchor_sd: f64) -> f64 {
    let mut l = -0.5 * theta.iter().map(|t| t * t).sum::<f64>() / (anchor_sd * anchor_sd);
    for k in 1..theta.len() {
        let gap = (years[k] - years[k - 1]) as f64;
        l -= 0.5 * (theta[k] - theta[k - 1]).powi(2) / (sd * sd * gap);
    }
    l
}

/// Precision matrix of the chain prior, as (diagonal, off-diagonal).
fn chain_precision(years: &[i32], sd: f64, anchor_sd: f64) -> (Vec<f64>, Vec<f64>) {
    let n = years.len();
    let mut diag = vec![0.0; n];
    let mut off = vec![0.0; n.saturating_sub(1)];
    diag.iter_mut().for_each(|d| *d = 1.0 / (anchor_sd * anchor_sd));
    for k in 1..n {
        let w = 1.0 / (sd * sd * (years[k] - years[k - 1]) as f64);
        diag[k] += w;
        diag[k - 1] += w;
        off[k - 1] = -w;
    }
    (diag, off)
}

/// Solves the symmetric tridiagonal system (diag, off) x = rhs (Thomas algorithm).
fn solve_tridiagonal(diag: &[f64], off: &[f64], rhs: &[f64]) -> Vec<f64> {
    let n = diag.len();
    let mut c = vec![0.0; n];
    let mut d = vec![0.0; n];
    let mut m = diag[0];
    c[0] = if n > 1 { off[0] / m } else { 0.0 };
    d[0] = rhs[0] / m;
    for i in 1..n {
        m = diag[i] - off[i - 1] * c[i - 1];
        if i + 1 < n {
            c[i] = off[i] / m;
        }
        d[i] = (rhs[i] - off[i - 1] * d[i - 1]) / m;
    }
    let mut x = vec![0.0; n];
    x[n - 1] = d[n - 1];
    for i in (0..n - 1).rev() {
        x[i] = d[i] - c[i] * x[i + 1];
    }
    x
}

/// Diagonal of the inverse of a symmetric positive definite tridiagonal matrix:
/// 1 / (f_i + g_i - a_i) with f and g the forward and backward pivots.
fn tridiagonal_inverse_diagonal(diag: &[f64], off: &[f64]) -> Vec<f64> {
    let n = diag.len();
    let mut f = vec![0.0; n];
    let mut g = vec![0.0; n];
    f[0] = diag[0];
    for i in 1..n {
        f[i] = diag[i] - off[i - 1] * off[i - 1] / f[i - 1];
    }
    g[n - 1] = diag[n - 1];
    for i in (0..n - 1).rev() {
        g[i] = diag[i] - off[i] * off[i] / g[i + 1];
    }
    (0..n).map(|i| 1.0 / (f[i] + g[i] - diag[i])).collect()
}

/// A Newton step for one state's whole trajectory; returns the new positions and the largest
/// move.
fn chain_step(d: &Data, chain: std::ops::Range<usize>, st: &State, sd: f64, anchor_sd: f64, line_search: bool) -> (Vec<f64>, f64, f64) {
    let years: Vec<i32> = d.units[chain.clone()].iter().map(|u| u.1).collect();
    let theta = &st.theta[chain.clone()];
    let (pd, po) = chain_precision(&years, sd, anchor_sd);
    let mut diag = pd.clone();
    let mut rhs = vec![0.0; theta.len()];
    let mut lik = 0.0;
    for (k, u) in chain.clone().enumerate() {
        let (l, g, h) = unit_terms(&d.by_unit[u], theta[k], &st.items);
        lik += l;
        diag[k] += h.max(1e-9);
        rhs[k] = g;
    }
    // Gradient of the log prior: -P theta.
    for k in 0..theta.len() {
        let mut pt = pd[k] * theta[k];
        if k > 0 {
            pt += po[k - 1] * theta[k - 1];
        }
        if k + 1 < theta.len() {
            pt += po[k] * theta[k + 1];
        }
        rhs[k] -= pt;
    }
    let delta = solve_tridiagonal(&diag, &po, &rhs);
    let before = lik + chain_prior(theta, &years, sd, anchor_sd);
    let mut step = 1.0;
    let biggest = delta.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if biggest > 1.0 {
        step = 1.0 / biggest;
    }
    let decrement: f64 = rhs.iter().zip(&delta).map(|(g, d)| g * d).sum();
    for _ in 0..10 {
        let cand: Vec<f64> = theta.iter().zip(&delta).map(|(t, dl)| t + step * dl).collect();
        if decrement < 1e-9 || !line_search {
            let moved = cand.iter().zip(theta).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
            return (cand, moved, before);
        }
        let after: f64 = chain.clone().enumerate().map(|(k, u)| unit_log(&d.by_unit[u], cand[k], &st.items)).sum::<f64>()
            + chain_prior(&cand, &years, sd, anchor_sd);
        if after >= before {
            let moved = cand.iter().zip(theta).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
            return (cand, moved, after);
        }
        step *= 0.5;
    }
    (theta.to_vec(), 0.0, before)
}

/// Deterministic start: leading principal component of the states' votes (yes 1, abstain 0,
/// no -1, centred by vote), by power iteration from a seeded vector, the United States
/// positive, scaled to unit variance.
fn start_positions(d: &Data, seed: u64, usa: Option<usize>) -> Vec<f64> {
    let n = d.states.len();
    let mut rng = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        rng = rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    let mut x: Vec<f64> = (0..n).map(|_| next()).collect();
    let item_means: Vec<f64> = d
        .by_item
        .iter()
        .map(|obs| obs.iter().map(|o| o.y as f64 - 1.0).sum::<f64>() / obs.len().max(1) as f64)
        .collect();
    for _ in 0..50 {
        let z: Vec<f64> = d
            .by_item
            .par_iter()
            .zip(&item_means)
            .map(|(obs, m)| obs.iter().map(|o| (o.y as f64 - 1.0 - m) * x[d.units[o.other as usize].0]).sum())
            .collect();
        let mut nx = vec![0.0; n];
        for (u, obs) in d.by_unit.iter().enumerate() {
            let s = d.units[u].0;
            for o in obs {
                nx[s] += (o.y as f64 - 1.0 - item_means[o.other as usize]) * z[o.other as usize];
            }
        }
        let norm = nx.iter().map(|v| v * v).sum::<f64>().sqrt().max(1e-300);
        x = nx.into_iter().map(|v| v / norm).collect();
    }
    let mean = x.iter().sum::<f64>() / n as f64;
    let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64).sqrt().max(1e-12);
    let mut x: Vec<f64> = x.into_iter().map(|v| (v - mean) / sd).collect();
    if usa.is_some_and(|u| x[u] < 0.0) {
        x.iter_mut().for_each(|v| *v = -*v);
    }
    x
}

/// Fits the model to the roll calls. See the module documentation.
pub fn fit(calls: &[RollCall], o: &IdealPointOptions) -> Result<IdealPointFit, IdealPointError> {
    let d = build(calls, o);
    if d.units.is_empty() {
        return Err(IdealPointError::NoVotes);
    }
    let usa = d.states.iter().position(|s| s.as_str() == "USA");
    let start = start_positions(&d, o.seed, usa);
    let mut st = State {
        theta: d.units.iter().map(|u| start[u.0]).collect(),
        items: vec![ItemParams { beta: 0.0, tau1: -0.5, tau2: 0.5 }; d.by_item.len()],
    };
    let item_pass = |st: &mut State| {
        let theta = &st.theta;
        let new: Vec<ItemParams> =
            d.by_item.par_iter().zip(&st.items).map(|(obs, p)| item_step(obs, *p, theta, o)).collect();
        st.items = new;
    };
    for _ in 0..5 {
        item_pass(&mut st);
    }
    let mut converged = false;
    let mut iterations = 0;
    let mut last_lp = f64::NEG_INFINITY;
    for it in 0..o.iterations {
        iterations = it + 1;
        let sd = if it < o.static_iterations { o.walk_sd.min(0.02) } else { o.walk_sd };
        item_pass(&mut st);
        let steps: Vec<(Vec<f64>, f64, f64)> = d.chains.par_iter().map(|c| chain_step(&d, c.clone(), &st, sd, o.anchor_sd, o.line_search)).collect();
        let mut moved = 0.0f64;
        let mut lp: f64 = st.items.iter().map(|p| item_prior(*p, o)).sum();
        for (c, (theta, m, l)) in d.chains.iter().zip(steps) {
            st.theta[c.clone()].copy_from_slice(&theta);
            moved = moved.max(m);
            lp += l;
        }
        let gain = (lp - last_lp) / lp.abs().max(1.0);
        if o.trace {
            eprintln!("iteration {it}: log posterior {lp:.3}, largest move {moved:.5}");
        }
        last_lp = lp;
        if it >= o.static_iterations && (moved < o.tolerance || gain.abs() < o.relative_tolerance) {
            converged = true;
            break;
        }
    }
    // Orientation: the United States positive (its mean position).
    if let Some(u) = usa {
        let c = d.chains[u].clone();
        if st.theta[c.clone()].iter().sum::<f64>() < 0.0 {
            st.theta.iter_mut().for_each(|t| *t = -*t);
            st.items.iter_mut().for_each(|p| p.beta = -p.beta);
        }
    }
    // Laplace intervals per chain and the final log posterior.
    let per_chain: Vec<(Vec<f64>, f64)> = d
        .chains
        .par_iter()
        .map(|c| {
            let years: Vec<i32> = d.units[c.clone()].iter().map(|u| u.1).collect();
            let (mut diag, off) = chain_precision(&years, o.walk_sd, o.anchor_sd);
            let mut lp = chain_prior(&st.theta[c.clone()], &years, o.walk_sd, o.anchor_sd);
            for (k, u) in c.clone().enumerate() {
                let (l, _, h) = unit_terms(&d.by_unit[u], st.theta[u], &st.items);
                diag[k] += h.max(1e-9);
                lp += l;
            }
            (tridiagonal_inverse_diagonal(&diag, &off), lp)
        })
        .collect();
    let mut log_posterior: f64 = per_chain.iter().map(|c| c.1).sum();
    log_posterior += st
        .items
        .iter()
        .map(|p| -0.5 * (p.beta / o.beta_sd).powi(2) - 0.5 * ((p.tau1 / o.tau_sd).powi(2) + (p.tau2 / o.tau_sd).powi(2)))
        .sum::<f64>();
    let mut points = Vec::with_capacity(d.units.len());
    for (c, (var, _)) in d.chains.iter().zip(&per_chain) {
        for (k, u) in c.clone().enumerate() {
            let (s, year) = d.units[u];
            let half = 1.959_963_984_540_054 * var[k].sqrt();
            let t = st.theta[u];
            points.push(IdealPoint {
                state: d.states[s],
                year,
                position: t,
                lower: t - half,
                upper: t + half,
                votes: d.by_unit[u].len() as u32,
            });
        }
    }
    Ok(IdealPointFit {
        points,
        iterations,
        converged,
        log_posterior,
        roll_calls: d.roll_calls,
        items: d.by_item.len(),
        observations: d.by_unit.iter().map(|v| v.len()).sum(),
    })
}

/// Writes `state,year,position,lower,upper` CSV.
pub fn write_csv<W: std::io::Write>(points: &[IdealPoint], mut w: W) -> std::io::Result<()> {
    writeln!(w, "state,year,position,lower,upper")?;
    for p in points {
        writeln!(w, "{},{},{:.4},{:.4},{:.4}", p.state, p.year, p.position, p.lower, p.upper)?;
    }
    Ok(())
}

/// Bailey, Strezhnev and Voeten's pairs of identical resolutions (columns `v1,rcid1,rcid2`;
/// see data/analysis/idealpoints/README.md), compiled in so that every caller of [`fit`] (the
/// CLI's `idealpoints` and `plot idealpoints`, the server's country pages) bridges the years
/// with the same pairs.
pub const IDENTICAL_RESOLUTIONS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/analysis/idealpoints/identical_resolutions_matches.csv"));
/// Where [`IDENTICAL_RESOLUTIONS`] comes from, for error messages.
pub const IDENTICAL_RESOLUTIONS_FILE: &str = "data/analysis/idealpoints/identical_resolutions_matches.csv";

/// Parses a matches file (`v1,rcid1,rcid2`) into pairs of Voeten rcids; an error names the
/// file, the line and the field.
pub fn bridges_rcids(text: &str, file: &str) -> Result<Vec<(i64, i64)>, String> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| format!("{file}: {e}"))?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name).ok_or_else(|| format!("{file}: line 1: no column {name:?} (expected v1,rcid1,rcid2)"));
    let (c1, c2) = (col("rcid1")?, col("rcid2")?);
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| format!("{file}: line {line}: {e}"))?;
        let get = |c: usize, field: &str| -> Result<i64, String> {
            let raw = rec.get(c).unwrap_or("");
            raw.trim().parse().map_err(|_| format!("{file}: line {line}: field {field}: {raw:?} is not a Voeten rcid (a positive integer)"))
        };
        out.push((get(c1, "rcid1")?, get(c2, "rcid2")?));
    }
    Ok(out)
}

/// The bundled pairs ([`IDENTICAL_RESOLUTIONS`]) in the ids of the roll calls given to [`fit`],
/// `id_of_rcid` mapping a Voeten rcid to that id; pairs whose roll calls are not both there
/// are skipped.
pub fn bundled_bridges(id_of_rcid: &HashMap<i64, u32>) -> Result<Vec<(u32, u32)>, String> {
    Ok(bridges_rcids(IDENTICAL_RESOLUTIONS, IDENTICAL_RESOLUTIONS_FILE)?
        .into_iter()
        .filter_map(|(a, b)| Some((*id_of_rcid.get(&a)?, *id_of_rcid.get(&b)?)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tridiagonal_solve_and_inverse_diagonal_match_a_dense_inverse() {
        let diag = [4.0, 5.0, 6.0, 3.0];
        let off = [-1.0, -2.0, -0.5];
        let m = nalgebra::Matrix4::from_fn(|i, j| {
            if i == j {
                diag[i]
            } else if i + 1 == j {
                off[i]
            } else if j + 1 == i {
                off[j]
            } else {
                0.0
            }
        });
        let inv = m.try_inverse().unwrap();
        let rhs = [1.0, 2.0, 3.0, 4.0];
        let x = solve_tridiagonal(&diag, &off, &rhs);
        let want = inv * nalgebra::Vector4::from_row_slice(&rhs);
        let dg = tridiagonal_inverse_diagonal(&diag, &off);
        for i in 0..4 {
            assert!((x[i] - want[i]).abs() < 1e-12);
            assert!((dg[i] - inv[(i, i)]).abs() < 1e-12);
        }
    }

    #[test]
    fn ordered_probit_derivatives_match_finite_differences() {
        let p = ItemParams { beta: 1.3, tau1: -0.4, tau2: 0.7 };
        for y in 0..3u8 {
            for eta in [-3.0, -0.2, 0.5, 2.5] {
                let (l, la, lb, ..) = answer_terms(y, p, eta);
                let h = 1e-6;
                let up = |dt1: f64, dt2: f64| answer_terms(y, ItemParams { tau1: p.tau1 + dt1, tau2: p.tau2 + dt2, ..p }, eta).0;
                // tau1 moves a (abstain) or b (no); tau2 moves b (abstain) or a (yes).
                let (d1, d2) = ((up(h, 0.0) - l) / h, (up(0.0, h) - l) / h);
                let (w1, w2) = match y {
                    0 => (lb, 0.0),
                    1 => (la, lb),
                    _ => (0.0, la),
                };
                assert!((d1 - w1).abs() < 1e-4, "y={y} eta={eta}: {d1} vs {w1}");
                assert!((d2 - w2).abs() < 1e-4, "y={y} eta={eta}: {d2} vs {w2}");
                let total: f64 = (0..3u8).map(|k| answer_terms(k, p, eta).0.exp()).sum();
                assert!((total - 1.0).abs() < 1e-12);
            }
        }
    }
}
