//! The vote matrix: states x roll calls, as packed bit-planes.
//!
//! Each state has four planes of bits over the roll calls (yes, no, abstain, and "member but
//! no vote": absent or present not voting); "voted" is yes|no|abstain. Agreement of a pair is
//! a handful of popcounts of ANDs over 64 roll calls at a time. Roll calls are laid out by
//! period (year or session) and, inside a period, by calendar year; every year starts on a
//! fresh 64-bit word, so a period or a year is a contiguous range of words and counting over
//! it needs no masking. Building a matrix for a new filter is one pass over the roll calls.

use crate::input::{Issue, KindSet, RollCall};
use plenary_rules::{Date, StateCode, Vote};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// Which roll calls go into the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// Inclusive range of calendar years.
    pub years: Option<(i32, i32)>,
    /// Inclusive range of session numbers.
    pub sessions: Option<(u16, u16)>,
    pub issue: Option<Issue>,
    pub kinds: KindSet,
    pub important_only: bool,
    /// Drop votes on which every state that voted cast the same vote. On by default: the
    /// Bailey-Strezhnev-Voeten agreement data and Voeten's dyadic scores both remove unanimous
    /// votes, which only inflate agreement (data/rules.md, "Agreement measures").
    pub drop_unanimous: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            from: None,
            to: None,
            years: None,
            sessions: None,
            issue: None,
            kinds: KindSet::all(),
            important_only: false,
            drop_unanimous: true,
        }
    }
}

impl Filter {
    /// Whether a roll call passes every condition except unanimity.
    pub fn admits(&self, rc: &RollCall) -> bool {
        self.from.is_none_or(|d| rc.date >= d)
            && self.to.is_none_or(|d| rc.date <= d)
            && self.years.is_none_or(|(a, b)| rc.year >= a && rc.year <= b)
            && self.sessions.is_none_or(|(a, b)| rc.session >= a && rc.session <= b)
            && self.issue.is_none_or(|i| rc.issues.contains(i))
            && self.kinds.contains(rc.kind)
            && (!self.important_only || rc.important)
    }
}

/// Whether every state that voted on `rc` cast the same vote (yes, no or abstain).
pub fn is_unanimous(rc: &RollCall) -> bool {
    let mut seen: Option<Vote> = None;
    for &(_, v) in &rc.votes {
        if matches!(v, Vote::Yes | Vote::No | Vote::Abstain) {
            match seen {
                None => seen = Some(v),
                Some(s) if s != v => return false,
                _ => {}
            }
        }
    }
    true
}

/// How a state's series runs across a change of the holder of its seat.
///
/// The default, [`Continuity::seats`], follows the seat: the USSR's votes continue as the
/// Russian Federation's (the UN treats the Russian Federation as continuing the USSR's
/// membership, letter of 24 December 1991), the Republic of China's as China's, and likewise
/// YAR->YEM, SCG->SRB, TAN->TZA, UAR->EGY (data/membership/README.md, `[predecessor-of:]`).
/// [`Continuity::as_recorded`] keeps every holder apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continuity {
    map: Vec<(StateCode, StateCode)>,
}

fn code(s: &str) -> StateCode {
    StateCode::parse(s).expect("constant state code")
}

impl Default for Continuity {
    fn default() -> Self {
        Continuity::seats()
    }
}

impl Continuity {
    pub fn as_recorded() -> Continuity {
        Continuity { map: Vec::new() }
    }
    /// Predecessors merged into the current holder of the seat.
    pub fn seats() -> Continuity {
        let pairs = [("SUN", "RUS"), ("TWN", "CHN"), ("YAR", "YEM"), ("SCG", "SRB"), ("TAN", "TZA"), ("UAR", "EGY")];
        Continuity { map: pairs.iter().map(|(a, b)| (code(a), code(b))).collect() }
    }
    /// [`Continuity::seats`] without the links starting at `keep` (e.g. keep TWN apart, as
    /// Bailey, Strezhnev and Voeten do for the Republic of China).
    pub fn seats_except(keep: &[StateCode]) -> Continuity {
        let mut c = Continuity::seats();
        c.map.retain(|(from, _)| !keep.contains(from));
        c
    }
    pub fn apply(&self, s: StateCode) -> StateCode {
        self.map.iter().find(|(from, _)| *from == s).map(|(_, to)| *to).unwrap_or(s)
    }
}

/// How roll calls are grouped into periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// One period: everything the filter admits (period key 0).
    #[default]
    Whole,
    Year,
    Session,
}

/// One period of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    /// The year, the session number, or 0 for [`By::Whole`].
    pub key: i32,
    /// Column range of its roll calls.
    pub columns: Range<usize>,
    /// Its calendar years, each with its range of words (years start on a fresh word).
    pub years: Vec<(i32, Range<usize>)>,
}

impl Period {
    pub fn words(&self) -> Range<usize> {
        let s = self.years.first().map_or(0, |y| y.1.start);
        let e = self.years.last().map_or(0, |y| y.1.end);
        s..e
    }
}

/// Facts about one column of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub id: u32,
    pub date: Date,
    pub year: i32,
    pub session: u16,
    /// Bit position (word * 64 + bit) in the planes.
    pub bit: usize,
}

pub(crate) const YES: usize = 0;
pub(crate) const NO: usize = 1;
pub(crate) const ABSTAIN: usize = 2;
pub(crate) const NOT_VOTING: usize = 3;
pub(crate) const PLANES: usize = 4;

/// States x roll calls, packed. See the module documentation.
#[derive(Clone, Debug)]
pub struct VoteMatrix {
    states: Vec<StateCode>,
    index: HashMap<StateCode, usize>,
    columns: Vec<Column>,
    by_id: HashMap<u32, usize>,
    periods: Vec<Period>,
    by: By,
    words: usize,
    /// `bits[((state * words) + word) * PLANES + plane]`.
    bits: Vec<u64>,
}

impl VoteMatrix {
    /// Builds the matrix of the roll calls `filter` admits, grouped `by` period, with states
    /// joined across seat changes as `continuity` says.
    pub fn build(roll_calls: &[RollCall], filter: &Filter, by: By, continuity: &Continuity) -> VoteMatrix {
        let mut chosen: Vec<&RollCall> = roll_calls
            .iter()
            .filter(|rc| filter.admits(rc) && !(filter.drop_unanimous && is_unanimous(rc)))
            .collect();
        let key = |rc: &RollCall| match by {
            By::Whole => 0,
            By::Year => rc.year,
            By::Session => rc.session as i32,
        };
        chosen.sort_by_key(|rc| (key(rc), rc.year, rc.date, rc.id));

        let mut periods: Vec<Period> = Vec::new();
        let mut columns = Vec::with_capacity(chosen.len());
        let mut word = 0usize; // first word not yet used
        let mut bit = 0usize; // bit in the current year's run
        for (ci, rc) in chosen.iter().enumerate() {
            let k = key(rc);
            if periods.last().is_none_or(|p| p.key != k) {
                if let Some(p) = periods.last_mut() {
                    p.columns.end = ci;
                }
                periods.push(Period { key: k, columns: ci..ci, years: Vec::new() });
            }
            let p = periods.last_mut().expect("just pushed");
            if p.years.last().is_none_or(|y| y.0 != rc.year) {
                p.years.push((rc.year, word..word));
                bit = 0;
            }
            let y = p.years.last_mut().expect("just pushed");
            let pos = y.1.start * 64 + bit;
            bit += 1;
            y.1.end = y.1.start + bit.div_ceil(64);
            word = y.1.end;
            columns.push(Column { id: rc.id, date: rc.date, year: rc.year, session: rc.session, bit: pos });
        }
        if let Some(p) = periods.last_mut() {
            p.columns.end = columns.len();
        }
        let words = periods.last().and_then(|p| p.years.last()).map_or(0, |y| y.1.end);

        // State rows: a direct table over the 26^3 possible codes (faster than hashing each of
        // the ~10^6 votes), continuity applied once per recorded code.
        let slot_of = |s: StateCode| -> usize {
            let b = s.0;
            (b[0].wrapping_sub(b'A') as usize % 26) * 676 + (b[1].wrapping_sub(b'A') as usize % 26) * 26 + (b[2].wrapping_sub(b'A') as usize % 26)
        };
        let mut seen = vec![false; 26 * 26 * 26];
        let mut recorded: Vec<StateCode> = Vec::new();
        for rc in &chosen {
            for &(s, _) in &rc.votes {
                let k = slot_of(s);
                if !seen[k] {
                    seen[k] = true;
                    recorded.push(s);
                }
            }
        }
        let mut states: Vec<StateCode> = recorded.iter().map(|s| continuity.apply(*s)).collect();
        // Alphabetical order: stable output whatever the input order.
        states.sort();
        states.dedup();
        let index: HashMap<StateCode, usize> = states.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        let mut row = vec![usize::MAX; 26 * 26 * 26];
        for s in &recorded {
            row[slot_of(*s)] = index[&continuity.apply(*s)];
        }
        let mut bits = vec![0u64; states.len() * words * PLANES];
        for (rc, col) in chosen.iter().zip(&columns) {
            let (w, b) = (col.bit / 64, col.bit % 64);
            for &(s, v) in &rc.votes {
                let si = row[slot_of(s)];
                let plane = match v {
                    Vote::Yes => YES,
                    Vote::No => NO,
                    Vote::Abstain => ABSTAIN,
                    Vote::NonVoting | Vote::Absent => NOT_VOTING,
                };
                let base = (si * words + w) * PLANES;
                // Two records for one seat on one vote (never in the sources so far): keep the
                // first one.
                if (0..PLANES).all(|p| bits[base + p] & (1 << b) == 0) {
                    bits[base + plane] |= 1 << b;
                }
            }
        }
        let by_id = columns.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        VoteMatrix { states, index, columns, by_id, periods, by, words, bits }
    }

    pub fn states(&self) -> &[StateCode] {
        &self.states
    }
    pub fn state_index(&self, s: StateCode) -> Option<usize> {
        self.index.get(&s).copied()
    }
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }
    pub fn column_of(&self, roll_call: u32) -> Option<usize> {
        self.by_id.get(&roll_call).copied()
    }
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }
    pub fn by(&self) -> By {
        self.by
    }
    /// Number of roll calls (columns).
    pub fn len(&self) -> usize {
        self.columns.len()
    }
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }
    /// Bytes held by the bit-planes.
    pub fn packed_bytes(&self) -> usize {
        self.bits.len() * 8
    }

    /// The vote of state `s` (row index) on column `c`; `None` if it was not a member.
    pub fn vote(&self, s: usize, c: usize) -> Option<Vote> {
        let bit = self.columns[c].bit;
        let base = (s * self.words + bit / 64) * PLANES;
        let m = 1u64 << (bit % 64);
        [Vote::Yes, Vote::No, Vote::Abstain, Vote::Absent]
            .into_iter()
            .enumerate()
            .find(|(p, _)| self.bits[base + p] & m != 0)
            .map(|(_, v)| v)
    }

    /// The four planes of state `s` over `words`, as `[yes, no, abstain, not voting]` per word.
    #[inline]
    pub(crate) fn row(&self, s: usize, words: Range<usize>) -> &[u64] {
        let base = s * self.words;
        &self.bits[(base + words.start) * PLANES..(base + words.end) * PLANES]
    }
}
