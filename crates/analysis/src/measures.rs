//! Agreement measures between two states, from counts over the packed matrix.
//!
//! All measures use only the votes both states cast (yes, no or abstain), except the State
//! Department's from 2021, which also counts absences. Formulas and sources are collected in
//! data/rules.md ("Agreement measures").

use crate::matrix::{ABSTAIN, NO, NOT_VOTING, PLANES, YES};
use serde::{Deserialize, Serialize};

/// An agreement measure, named as the CLI names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Identical-vote share: identical / joint votes, an abstention matching an abstention.
    /// The "agree" variables (USAgree, RUSSAgree...) of Bailey, Strezhnev and Voeten (2017).
    Identical,
    /// Lijphart's index as Voeten computes his dyadic agreement scores: with yes=1, abstain=2,
    /// no=3, the mean over joint votes of 1 - |a - b| / 2, so a vote counts 1 when identical,
    /// 1/2 when exactly one of the two abstained and 0 for yes against no. The same as the
    /// issue's coding yes=1, abstain=0.5, no=0 with 1 - |a - b|. Lijphart (1963), APSR 57(4);
    /// codebook.txt of the July 2025 ideal points release.
    Lijphart,
    /// Signorino and Ritter's S (1999, ISQ 43(1)) with absolute distance over the three
    /// ordered categories: S = 1 - 2 d / d_max with d the mean distance and d_max = 2, which
    /// is 2 x Lijphart - 1. Ranges over [-1, 1].
    SScore,
    /// The US State Department's voting coincidence ("Voting Practices in the United
    /// Nations"), seen from the first state of the pair, over the votes on which that state
    /// voted yes or no (so the measure is not symmetric). `era: None` picks the era by the
    /// year of each vote; `Some` applies one era to every year.
    StateDept { era: Option<StateDeptEra> },
}

impl Measure {
    /// Parses the CLI names `identical`, `lijphart`, `s-score`, `state-dept` (and
    /// `state-dept-2016`, `state-dept-2017`, `state-dept-2021` to force an era).
    pub fn parse(s: &str) -> Option<Measure> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "identical" => Measure::Identical,
            "lijphart" => Measure::Lijphart,
            "s-score" | "s" | "sscore" => Measure::SScore,
            "state-dept" => Measure::StateDept { era: None },
            "state-dept-2016" => Measure::StateDept { era: Some(StateDeptEra::To2016) },
            "state-dept-2017" => Measure::StateDept { era: Some(StateDeptEra::From2017) },
            "state-dept-2021" => Measure::StateDept { era: Some(StateDeptEra::From2021) },
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            Measure::Identical => "identical",
            Measure::Lijphart => "lijphart",
            Measure::SScore => "s-score",
            Measure::StateDept { era: None } => "state-dept",
            Measure::StateDept { era: Some(StateDeptEra::To2016) } => "state-dept-2016",
            Measure::StateDept { era: Some(StateDeptEra::From2017) } => "state-dept-2017",
            Measure::StateDept { era: Some(StateDeptEra::From2021) } => "state-dept-2021",
        }
    }
    /// Whether value(a, b) = value(b, a).
    pub fn is_symmetric(self) -> bool {
        !matches!(self, Measure::StateDept { .. })
    }
    /// The range of values, for charts.
    pub fn range(self) -> (f64, f64) {
        match self {
            Measure::SScore => (-1.0, 1.0),
            _ => (0.0, 1.0),
        }
    }
}

/// The three published methods of the State Department's coincidence figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StateDeptEra {
    /// Reports to 2016: same / (same + opposite); abstentions and absences omitted.
    To2016,
    /// Reports 2017-2020: (same + partial/2) / (same + opposite + partial), a partial being
    /// the other state's abstention; absences excluded. (The reports count final votes only:
    /// filter with `Kind::FinalPassage` to reproduce them.)
    From2017,
    /// Reports from 2021: absences also count half: (same + partial/2 + absent/2) /
    /// (same + opposite + partial + absent). Absences exist only where the record has them
    /// (the unvotes files dropped them, so there this equals [`StateDeptEra::From2017`]).
    From2021,
}

impl StateDeptEra {
    pub fn for_year(year: i32) -> StateDeptEra {
        match year {
            ..=2016 => StateDeptEra::To2016,
            2017..=2020 => StateDeptEra::From2017,
            _ => StateDeptEra::From2021,
        }
    }
}

/// Counts of one pair (a, b) over a set of roll calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairCounts {
    /// Both cast a vote (yes, no or abstain).
    pub joint: u32,
    /// Both cast the same vote (yes-yes, no-no or abstain-abstain).
    pub identical: u32,
    /// One yes, the other no.
    pub opposite: u32,
    /// Both abstained.
    pub both_abstain: u32,
    /// a voted yes or no and b abstained.
    pub ref_decisive_other_abstained: u32,
    /// a voted yes or no and b was a member that cast no vote.
    pub ref_decisive_other_absent: u32,
}

impl std::ops::AddAssign for PairCounts {
    fn add_assign(&mut self, o: PairCounts) {
        self.joint += o.joint;
        self.identical += o.identical;
        self.opposite += o.opposite;
        self.both_abstain += o.both_abstain;
        self.ref_decisive_other_abstained += o.ref_decisive_other_abstained;
        self.ref_decisive_other_absent += o.ref_decisive_other_absent;
    }
}

/// A measure's numerator and denominator; kept apart so counts over several years (with
/// different State Department eras) add up exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ratio {
    pub num: f64,
    pub den: f64,
    /// Votes behind the figure (the denominator's count of roll calls).
    pub votes: u32,
}

impl std::ops::AddAssign for Ratio {
    fn add_assign(&mut self, o: Ratio) {
        self.num += o.num;
        self.den += o.den;
        self.votes += o.votes;
    }
}

impl Ratio {
    /// The value of the measure, `None` when there is no vote to compare.
    pub fn value(self, measure: Measure) -> Option<f64> {
        if self.den <= 0.0 {
            return None;
        }
        let v = self.num / self.den;
        Some(if measure == Measure::SScore { 2.0 * v - 1.0 } else { v })
    }
}

impl PairCounts {
    /// Numerator and denominator of `measure` for votes of `year`.
    pub fn ratio(&self, measure: Measure, year: i32) -> Ratio {
        let half = self.joint - self.identical - self.opposite;
        match measure {
            Measure::Identical => Ratio { num: self.identical as f64, den: self.joint as f64, votes: self.joint },
            // S-score is derived from the Lijphart ratio in `Ratio::value`.
            Measure::Lijphart | Measure::SScore => {
                Ratio { num: self.identical as f64 + 0.5 * half as f64, den: self.joint as f64, votes: self.joint }
            }
            Measure::StateDept { era } => {
                let same = (self.identical - self.both_abstain) as f64;
                let opp = self.opposite as f64;
                let partial = self.ref_decisive_other_abstained as f64;
                let absent = self.ref_decisive_other_absent as f64;
                let (num, den) = match era.unwrap_or(StateDeptEra::for_year(year)) {
                    StateDeptEra::To2016 => (same, same + opp),
                    StateDeptEra::From2017 => (same + partial / 2.0, same + opp + partial),
                    StateDeptEra::From2021 => {
                        (same + partial / 2.0 + absent / 2.0, same + opp + partial + absent)
                    }
                };
                Ratio { num, den, votes: den as u32 }
            }
        }
    }
}

#[inline(always)]
fn count_body(a: &[u64], b: &[u64]) -> PairCounts {
    let mut c = [0u32; 6];
    for (wa, wb) in a.chunks_exact(PLANES).zip(b.chunks_exact(PLANES)) {
        let (ya, na, aa) = (wa[YES], wa[NO], wa[ABSTAIN]);
        let (yb, nb, ab, xb) = (wb[YES], wb[NO], wb[ABSTAIN], wb[NOT_VOTING]);
        let (pa, pb) = (ya | na | aa, yb | nb | ab);
        let da = ya | na;
        c[0] += (pa & pb).count_ones();
        c[1] += ((ya & yb) | (na & nb) | (aa & ab)).count_ones();
        c[2] += ((ya & nb) | (na & yb)).count_ones();
        c[3] += (aa & ab).count_ones();
        c[4] += (da & ab).count_ones();
        c[5] += (da & xb).count_ones();
    }
    PairCounts {
        joint: c[0],
        identical: c[1],
        opposite: c[2],
        both_abstain: c[3],
        ref_decisive_other_abstained: c[4],
        ref_decisive_other_absent: c[5],
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt")]
fn count_popcnt(a: &[u64], b: &[u64]) -> PairCounts {
    count_body(a, b)
}

/// Counts over two rows of packed planes (as [`crate::VoteMatrix`] lays them out). Uses the
/// CPU's popcount instruction where there is one.
pub fn count_rows(a: &[u64], b: &[u64]) -> PairCounts {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU supports popcnt (checked just above).
            return unsafe { count_popcnt(a, b) };
        }
    }
    count_body(a, b)
}
