//! The ideal points behind the country pages (issue 6 §1: "its ideal point over time"), fitted
//! in the background and kept in memory.
//!
//! **Why in the background.** The dynamic ideal-point model (`plenary_analysis::idealpoints`,
//! Bailey, Strezhnev and Voeten 2017) is fitted on the whole General Assembly record at once:
//! every year is tied to its neighbours by the random walk and to other years by the bridging
//! resolutions, so one state's trajectory cannot be computed alone. On the record of
//! 1946-2019 the fit takes ~5.5 s of both cores (release build), while a page must render in
//! at most 20 ms at the median (issue 6 §4). So the fit runs on a blocking thread
//! (`tokio::task::spawn_blocking`) when the server starts and again whenever the record has
//! changed (the pages' record signal: the number of imports and the highest decision id, see
//! `pages::RecordCache`), and the pages read the latest finished result, an `Arc`, without
//! waiting. Until the first fit is done the country page says the estimates are being
//! computed; after a change it keeps showing the previous estimates and says new ones are on
//! the way.
//!
//! **One fit at a time.** [`IdealPointFits::claim`] lets at most one fit run: a change of the
//! record during a fit is picked up when it ends (the runner compares the record's signal again
//! and fits once more), so a burst of imports or live votes costs at most one extra fit. A
//! failed fit (the record could not be read) is logged and counts as the fit of its version:
//! it is tried again when the record next changes, not in a loop on every page.
//!
//! The estimates are those of `plenary idealpoints` and `plenary plot idealpoints` with their
//! defaults: the same roll calls (the record's General Assembly recorded votes), the same
//! bridging pairs ([`plenary_analysis::idealpoints::bundled_bridges`]) and the same options
//! and seed, so the page's chart is the CLI's.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use plenary_analysis::idealpoints::{IdealPoint, IdealPointError, IdealPointOptions, bundled_bridges, fit};
use plenary_analysis::input::RollCall;

/// A version of the record as the pages see it: (imports, highest decision id).
pub type RecordVersion = (i64, i64);

/// What a fit of the record gave.
#[derive(Debug)]
pub enum Estimates {
    /// Every state's position by year with its 95% interval.
    Fitted {
        points: Vec<IdealPoint>,
        /// False when the fit stopped at its iteration limit (estimates usable, as the CLI
        /// warns).
        converged: bool,
        roll_calls: usize,
    },
    /// The record holds no contested General Assembly recorded vote: nothing to scale.
    TooLittle,
    /// The fit could not run (the record could not be read, or the bundled bridging file did
    /// not parse): the server's own words, for the log.
    Failed(String),
}

/// One finished fit and the version of the record it was made from.
#[derive(Debug)]
pub struct Fitted {
    pub version: RecordVersion,
    pub estimates: Estimates,
    /// Wall time of the fit (reading excluded).
    pub seconds: f64,
}

/// What the pages can know without waiting: the latest finished fit, and the version being
/// fitted now, if any.
#[derive(Clone, Debug, Default)]
pub struct FitStatus {
    pub running: Option<RecordVersion>,
    pub latest: Option<Arc<Fitted>>,
}

impl FitStatus {
    /// True when the latest estimates are of `version` and nothing is being fitted.
    pub fn is_current(&self, version: RecordVersion) -> bool {
        self.running.is_none() && self.latest.as_ref().is_some_and(|f| f.version == version)
    }
}

/// The server's ideal points: shared by every page handler (in [`crate::AppState`]).
#[derive(Debug)]
pub struct IdealPointFits {
    status: tokio::sync::watch::Sender<FitStatus>,
}

impl Default for IdealPointFits {
    fn default() -> Self {
        IdealPointFits { status: tokio::sync::watch::Sender::new(FitStatus::default()) }
    }
}

impl IdealPointFits {
    /// The latest finished fit and the one running, now.
    pub fn status(&self) -> FitStatus {
        self.status.borrow().clone()
    }

    /// Claims the fit of `version`: true if the caller must now run it, false if the latest
    /// estimates are already of `version` or a fit is running (which compares the record's
    /// version again when it ends, see [`IdealPointFits::finish`]).
    pub fn claim(&self, version: RecordVersion) -> bool {
        self.status.send_if_modified(|s| {
            if s.running.is_some() || s.latest.as_ref().is_some_and(|f| f.version == version) {
                return false;
            }
            s.running = Some(version);
            true
        })
    }

    /// Publishes a finished fit; the claim ends.
    pub fn finish(&self, fitted: Fitted) {
        self.status.send_modify(|s| {
            s.running = None;
            s.latest = Some(Arc::new(fitted));
        });
    }

    /// Waits until no fit is running and one has finished (tests, and the benchmark's warm-up
    /// through the pages), and returns that status.
    pub async fn settled(&self) -> FitStatus {
        let mut rx = self.status.subscribe();
        let s = rx.wait_for(|s| s.running.is_none() && s.latest.is_some()).await.map(|s| s.clone());
        // The sender lives as long as `self`, so the channel cannot close while we wait.
        s.unwrap_or_else(|_| self.status())
    }
}

/// Fits the model on `calls` (the record's General Assembly roll calls, in the analysis's ids:
/// the record's decision ids), bridging with the bundled pairs of identical resolutions
/// through `id_of_rcid` (a Voeten rcid to its decision id). CPU-bound: run it on a blocking
/// thread.
pub fn fit_record(version: RecordVersion, calls: &[RollCall], id_of_rcid: &HashMap<i64, u32>) -> Fitted {
    let started = Instant::now();
    let estimates = match bundled_bridges(id_of_rcid) {
        Err(e) => Estimates::Failed(e),
        Ok(bridges) => {
            let opts = IdealPointOptions { bridges, ..IdealPointOptions::default() };
            // On one thread of its own, not rayon's global pool of every core: the fit runs
            // while a meeting may be sitting, and the casts and the boards (issue 5's 50 ms)
            // must keep the other core. The same estimates (up to the order of floating-point
            // sums), in about twice the wall time.
            let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "idealpoints-fit".into()).build();
            let result = match one_thread {
                Ok(pool) => pool.install(|| fit(calls, &opts)),
                Err(_) => fit(calls, &opts),
            };
            match result {
                Ok(f) => Estimates::Fitted { points: f.points, converged: f.converged, roll_calls: f.roll_calls },
                Err(IdealPointError::NoVotes) => Estimates::TooLittle,
            }
        }
    };
    Fitted { version, estimates, seconds: started.elapsed().as_secs_f64() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted(version: RecordVersion) -> Fitted {
        Fitted { version, estimates: Estimates::TooLittle, seconds: 0.0 }
    }

    #[test]
    fn one_fit_at_a_time_and_none_for_a_version_already_fitted() {
        let f = IdealPointFits::default();
        assert!(f.claim((1, 10)), "nothing fitted yet: the caller fits");
        assert!(!f.claim((1, 10)), "the same version is being fitted");
        assert!(!f.claim((2, 11)), "another fit is running: it re-checks the record when it ends");
        f.finish(fitted((1, 10)));
        assert!(f.status().is_current((1, 10)));
        assert!(!f.claim((1, 10)), "already fitted");
        assert!(f.claim((2, 11)), "the record changed: fit again");
        let s = f.status();
        assert_eq!(s.running, Some((2, 11)));
        assert_eq!(s.latest.as_ref().map(|l| l.version), Some((1, 10)), "the previous estimates stay readable meanwhile");
    }

    #[test]
    fn a_record_without_contested_votes_has_too_little_to_fit() {
        let out = fit_record((0, 0), &[], &HashMap::new());
        assert!(matches!(out.estimates, Estimates::TooLittle), "{:?}", out.estimates);
    }
}
