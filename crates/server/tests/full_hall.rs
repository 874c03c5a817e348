//! A full hall on loopback: 193 delegations of the General Assembly on 24 February 2025
//! voting at once while observers watch the board. Reports the cast latency (request sent to
//! receipt, i.e. to the durable commit) and the board lag (receipt to the vote's appearance on
//! every connected board), p50/p99/max, measured by `plenary_server::rehearsal` (the code of
//! `plenary rehearse`). Ignored by default (about a minute); run with
//!
//! ```text
//! PLENARY_OBSERVERS=2000 cargo test -p plenary-server --release --test full_hall -- --ignored --nocapture
//! ```

mod common;

use std::time::Duration;

use common::TestDb;
use plenary_server::rehearsal::{Rehearsal, rehearse};

async fn full_hall(db: TestDb) {
    let observers: usize = std::env::var("PLENARY_OBSERVERS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let h = db.start().await;
    let cfg = Rehearsal { server: h.base.clone(), token: h.secretariat.clone(), delegations: 193, observers, duration: Duration::ZERO, concurrency: 193 };
    let r = rehearse(&cfg).await.expect("the rehearsal runs");
    eprintln!("{}", serde_json::to_string(&r).unwrap());
    assert_eq!(r.delegations, 193, "the General Assembly had 193 Members on 24 February 2025");
    assert_eq!(r.casts, 193);
    assert_eq!(r.missed, 0, "every board saw every vote");
    assert_eq!(r.board_lag.n, 193);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load measurement: about a minute; run with --ignored --nocapture"]
async fn a_full_hall_on_sqlite() {
    full_hall(TestDb::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "load measurement: about a minute; run with --ignored --nocapture"]
async fn a_full_hall_on_postgres() {
    let Some(db) = TestDb::postgres().await else { return };
    full_hall(db).await;
}
