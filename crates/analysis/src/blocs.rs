//! Blocs: hierarchical clustering of the agreement table and a two-dimensional map of it, per
//! period, with bloc labels kept stable from one period to the next.
//!
//! - Distance: d = (max - agreement) / (max - min) over the measure's range, so 0 for states
//!   that always vote alike and 1 for states that never do; pairs with no common vote get 1.
//! - Linkage: average linkage (UPGMA: the distance between two clusters is the mean of the
//!   distances between their members), the usual choice for roll-call agreement since it is
//!   neither chained by single pairs (single linkage) nor ruled by outliers (complete).
//! - Map: classical (Torgerson) multidimensional scaling of the same distances: the two
//!   leading eigenvectors of -1/2 J D^2 J, scaled by the square roots of their eigenvalues.
//! - Stable labels: each period's clusters are matched to the previous period's by the number
//!   of states they share, greedily from the largest overlap; unmatched clusters get new
//!   labels.

use crate::agree::{AgreementTable, agreement_table, code_serde};
use crate::matrix::VoteMatrix;
use crate::measures::Measure;
use nalgebra::{DMatrix, SymmetricEigen};
use plenary_rules::StateCode;
use serde::Serialize;

/// One state on the map of a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlocMember {
    #[serde(serialize_with = "code_serde::serialize")]
    pub state: StateCode,
    /// Bloc label, stable across neighbouring periods (1, 2, ...).
    pub bloc: u32,
    pub x: f64,
    pub y: f64,
}

/// The blocs of one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blocs {
    pub period: i32,
    pub measure: &'static str,
    pub linkage: &'static str,
    pub k: usize,
    /// Share of the distances' variance the two map axes show (from the MDS eigenvalues).
    pub map_fit: f64,
    pub members: Vec<BlocMember>,
}

/// Options of [`blocs`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BlocOptions {
    pub measure: Measure,
    /// Number of blocs to cut the tree into.
    pub k: usize,
    /// Keep states that cast at least this share of the period's votes (default 0.5: a state
    /// seen on a handful of votes has no stable place on the map).
    pub min_share: f64,
}

impl Default for BlocOptions {
    fn default() -> Self {
        BlocOptions { measure: Measure::Identical, k: 4, min_share: 0.5 }
    }
}

/// The distance matrix of an agreement table.
pub fn distances(t: &AgreementTable, measure: Measure) -> Vec<Vec<f64>> {
    let (lo, hi) = measure.range();
    t.values
        .iter()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, v)| if i == j { 0.0 } else { v.map_or(1.0, |v| ((hi - v) / (hi - lo)).clamp(0.0, 1.0)) })
                .collect()
        })
        .collect()
}

/// Average-linkage clustering of `d` cut into `k` clusters: the cluster index of every item,
/// numbered by first appearance. Ties merge the pair with the lowest indices first, so the
/// result is deterministic.
pub fn average_linkage(d: &[Vec<f64>], k: usize) -> Vec<usize> {
    let n = d.len();
    let mut dist: Vec<Vec<f64>> = d.to_vec();
    let mut size = vec![1usize; n];
    let mut alive = vec![true; n];
    let mut owner: Vec<usize> = (0..n).collect();
    let mut clusters = n;
    while clusters > k.max(1) {
        let mut best = (f64::INFINITY, 0, 0);
        for i in 0..n {
            if !alive[i] {
                continue;
            }
            for j in i + 1..n {
                if alive[j] && dist[i][j] < best.0 {
                    best = (dist[i][j], i, j);
                }
            }
        }
        let (_, i, j) = best;
        if !best.0.is_finite() {
            break;
        }
        for x in 0..n {
            if alive[x] && x != i && x != j {
                let v = (dist[i][x] * size[i] as f64 + dist[j][x] * size[j] as f64) / (size[i] + size[j]) as f64;
                dist[i][x] = v;
                dist[x][i] = v;
            }
        }
        size[i] += size[j];
        alive[j] = false;
        for o in owner.iter_mut() {
            if *o == j {
                *o = i;
            }
        }
        clusters -= 1;
    }
    let mut ids: Vec<usize> = Vec::new();
    owner
        .iter()
        .map(|o| match ids.iter().position(|x| x == o) {
            Some(p) => p,
            None => {
                ids.push(*o);
                ids.len() - 1
            }
        })
        .collect()
}

/// Classical MDS of `d` into two dimensions, with the share of positive eigenvalue mass the
/// two axes carry.
pub fn classical_mds(d: &[Vec<f64>]) -> (Vec<(f64, f64)>, f64) {
    let n = d.len();
    if n == 0 {
        return (Vec::new(), 0.0);
    }
    let d2 = DMatrix::from_fn(n, n, |i, j| d[i][j] * d[i][j]);
    let row_means: Vec<f64> = (0..n).map(|i| d2.row(i).mean()).collect();
    let all = d2.mean();
    let b = DMatrix::from_fn(n, n, |i, j| -0.5 * (d2[(i, j)] - row_means[i] - row_means[j] + all));
    let eig = SymmetricEigen::new(b);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &c| eig.eigenvalues[c].total_cmp(&eig.eigenvalues[a]));
    let positive: f64 = eig.eigenvalues.iter().filter(|v| **v > 0.0).sum();
    let axis = |k: usize| -> Vec<f64> {
        match order.get(k) {
            Some(&c) if eig.eigenvalues[c] > 0.0 => {
                let s = eig.eigenvalues[c].sqrt();
                eig.eigenvectors.column(c).iter().map(|v| v * s).collect()
            }
            _ => vec![0.0; n],
        }
    };
    let (x, y) = (axis(0), axis(1));
    let fit = if positive > 0.0 {
        order.iter().take(2).map(|&c| eig.eigenvalues[c].max(0.0)).sum::<f64>() / positive
    } else {
        0.0
    };
    (x.into_iter().zip(y).collect(), fit)
}

/// Matches new clusters to old labels by overlap; returns the label of each new cluster.
fn match_labels(prev: &[(StateCode, u32)], clusters: &[Vec<StateCode>], next_label: &mut u32) -> Vec<u32> {
    let mut labels: Vec<u32> = prev.iter().map(|p| p.1).collect();
    labels.sort();
    labels.dedup();
    let mut pairs: Vec<(usize, usize, u32)> = Vec::new(); // (overlap, cluster, label)
    for (ci, c) in clusters.iter().enumerate() {
        for &l in &labels {
            let overlap = c.iter().filter(|s| prev.iter().any(|(p, pl)| p == *s && *pl == l)).count();
            if overlap > 0 {
                pairs.push((overlap, ci, l));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![0u32; clusters.len()];
    let mut used: Vec<u32> = Vec::new();
    for (_, ci, l) in pairs {
        if out[ci] == 0 && !used.contains(&l) {
            out[ci] = l;
            used.push(l);
        }
    }
    for o in out.iter_mut() {
        if *o == 0 {
            *o = *next_label;
            *next_label += 1;
        }
    }
    out
}

/// Blocs and map of every period of the matrix, labels matched period to period. The map's
/// first axis is oriented with the United States on the positive side (when present), the
/// second with its largest coordinate positive; each period's axes are then flipped to agree
/// with the previous period's over the states both contain.
pub fn blocs(m: &VoteMatrix, opts: &BlocOptions) -> Vec<Blocs> {
    let usa = StateCode::parse("USA").expect("constant");
    let mut out: Vec<Blocs> = Vec::new();
    let mut next_label = 1u32;
    for p in m.periods() {
        let t = agreement_table(m, p, opts.measure, opts.min_share);
        if t.states.is_empty() {
            continue;
        }
        let d = distances(&t, opts.measure);
        let assign = average_linkage(&d, opts.k);
        let (mut xy, fit) = classical_mds(&d);
        if let Some(u) = t.states.iter().position(|s| *s == usa) {
            if xy[u].0 < 0.0 {
                xy.iter_mut().for_each(|p| p.0 = -p.0);
            }
        } else if let Some(big) = (0..xy.len()).max_by(|&a, &b| xy[a].0.abs().total_cmp(&xy[b].0.abs()))
            && xy[big].0 < 0.0
        {
            xy.iter_mut().for_each(|p| p.0 = -p.0);
        }
        if let Some(big) = (0..xy.len()).max_by(|&a, &b| xy[a].1.abs().total_cmp(&xy[b].1.abs()))
            && xy[big].1 < 0.0
        {
            xy.iter_mut().for_each(|p| p.1 = -p.1);
        }
        let n_clusters = assign.iter().max().map_or(0, |m| m + 1);
        let clusters: Vec<Vec<StateCode>> =
            (0..n_clusters).map(|c| t.states.iter().zip(&assign).filter(|(_, a)| **a == c).map(|(s, _)| *s).collect()).collect();
        let prev: Vec<(StateCode, u32)> = out.last().map(|b| b.members.iter().map(|m| (m.state, m.bloc)).collect()).unwrap_or_default();
        if let Some(last) = out.last() {
            for axis in 0..2 {
                let dot: f64 = t
                    .states
                    .iter()
                    .zip(&xy)
                    .filter_map(|(s, p)| {
                        last.members.iter().find(|m| m.state == *s).map(|m| if axis == 0 { m.x * p.0 } else { m.y * p.1 })
                    })
                    .sum();
                if dot < 0.0 {
                    xy.iter_mut().for_each(|p| if axis == 0 { p.0 = -p.0 } else { p.1 = -p.1 });
                }
            }
        }
        let labels = match_labels(&prev, &clusters, &mut next_label);
        let members = t
            .states
            .iter()
            .zip(&assign)
            .zip(&xy)
            .map(|((s, a), p)| BlocMember { state: *s, bloc: labels[*a], x: p.0, y: p.1 })
            .collect();
        out.push(Blocs { period: p.key, measure: opts.measure.name(), linkage: "average", k: opts.k, map_fit: fit, members });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_linkage_joins_the_closest_pairs_first() {
        // Two tight pairs far apart: {0,1} and {2,3}.
        let d = vec![
            vec![0.0, 0.1, 0.9, 0.8],
            vec![0.1, 0.0, 0.85, 0.9],
            vec![0.9, 0.85, 0.0, 0.2],
            vec![0.8, 0.9, 0.2, 0.0],
        ];
        assert_eq!(average_linkage(&d, 2), vec![0, 0, 1, 1]);
        assert_eq!(average_linkage(&d, 3), vec![0, 0, 1, 2]);
        assert_eq!(average_linkage(&d, 1), vec![0, 0, 0, 0]);
    }

    #[test]
    fn average_linkage_uses_the_mean_distance_not_the_minimum() {
        // 2 is close to 1 only (single linkage would join it to {0,1}); on average it is
        // closer to 3.
        let d = vec![
            vec![0.0, 0.1, 0.9, 0.9],
            vec![0.1, 0.0, 0.3, 0.9],
            vec![0.9, 0.3, 0.0, 0.5],
            vec![0.9, 0.9, 0.5, 0.0],
        ];
        // {0,1} at 0.1; then 2 to {0,1} = (0.9+0.3)/2 = 0.6 > 2 to 3 = 0.5.
        assert_eq!(average_linkage(&d, 2), vec![0, 0, 1, 1]);
    }

    #[test]
    fn classical_mds_recovers_points_on_a_line() {
        let pos = [0.0, 1.0, 3.0];
        let d: Vec<Vec<f64>> = pos.iter().map(|a| pos.iter().map(|b| f64::abs(a - b)).collect()).collect();
        let (xy, fit) = classical_mds(&d);
        for i in 0..3 {
            for j in 0..3 {
                let e = ((xy[i].0 - xy[j].0).powi(2) + (xy[i].1 - xy[j].1).powi(2)).sqrt();
                assert!((e - d[i][j]).abs() < 1e-9, "{i} {j}: {e} vs {}", d[i][j]);
            }
        }
        assert!((fit - 1.0).abs() < 1e-9);
    }

    #[test]
    fn labels_follow_the_larger_overlap() {
        let c = |s: &str| StateCode::parse(s).unwrap();
        let prev = vec![(c("AAA"), 1), (c("BBB"), 1), (c("CCC"), 2), (c("DDD"), 2)];
        // The clusters come out in the other order this time, and a newcomer forms its own.
        let clusters = vec![vec![c("CCC"), c("DDD")], vec![c("AAA"), c("BBB")], vec![c("EEE")]];
        let mut next = 3;
        assert_eq!(match_labels(&prev, &clusters, &mut next), vec![2, 1, 3]);
        assert_eq!(next, 4);
    }
}
