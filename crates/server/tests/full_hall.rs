//! A full hall on loopback: 193 delegations of the General Assembly on 24 February 2025
//! voting at once while observers watch the board. Reports the cast latency (request sent to
//! receipt, i.e. to the durable commit) and the board lag (receipt to the vote's appearance on
//! every connected board), p50/p99/max. Ignored by default (about a minute); run with
//!
//! ```text
//! PLENARY_OBSERVERS=2000 cargo test -p plenary-server --release --test full_hall -- --ignored --nocapture
//! ```

mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use common::TestDb;
use serde_json::json;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

async fn full_hall(db: TestDb) {
    let observers: usize = std::env::var("PLENARY_OBSERVERS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let h = db.start().await;
    let assembly = json!({"name": "General Assembly", "body": "GA", "date": "2025-02-24"});
    let a = h.post("/api/assemblies", &h.secretariat, assembly).await.ok().clone();
    let members: Vec<String> = a["members"].as_array().unwrap().iter().map(|m| m["state"].as_str().unwrap().to_string()).collect();
    assert_eq!(members.len(), 193, "the General Assembly had 193 Members on 24 February 2025");
    let refs: Vec<&str> = members.iter().map(String::as_str).collect();
    let t = Instant::now();
    // The hall helper creates the assembly again; reuse its own.
    let hall = h.hall(json!({"name": "General Assembly", "body": "GA", "date": "2025-02-24"}), &refs, &refs).await;
    eprintln!("issued {} delegation credentials in {:.1} s", hall.delegations.len(), t.elapsed().as_secs_f64());
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "A/ES-11/L.10", "question": "two_thirds", "paragraphs": ["..."]})).await;

    // Observers: each reads the board and reports when each vote event arrived.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(i64, Instant)>();
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let mut ready = Vec::new();
    for _ in 0..observers {
        let resp = client.get(format!("{}/api/meetings/{}/board", h.base, hall.meeting_id)).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        let tx = tx.clone();
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<()>();
        ready.push(ready_rx);
        tokio::spawn(async move {
            let mut resp = resp;
            let mut buf = String::new();
            let mut ready_tx = Some(ready_tx);
            let mut kind = String::new();
            while let Ok(Some(chunk)) = resp.chunk().await {
                let now = Instant::now();
                buf.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(i) = buf.find("\n\n") {
                    let block: String = buf.drain(..i + 2).collect();
                    let mut id = None;
                    for line in block.lines() {
                        if let Some(v) = line.strip_prefix("event:") {
                            kind = v.trim().to_string();
                        } else if let Some(v) = line.strip_prefix("id:") {
                            id = v.trim().parse::<i64>().ok();
                        }
                    }
                    if kind == "snapshot" {
                        if let Some(r) = ready_tx.take() {
                            let _ = r.send(());
                        }
                    } else if kind == "vote_cast" {
                        if let Some(id) = id {
                            let _ = tx.send((id, now));
                        }
                    }
                }
            }
        });
    }
    drop(tx);
    for r in ready {
        r.await.expect("every board got its snapshot");
    }
    eprintln!("{observers} boards connected");
    let q = h.open_vote(&hall, d).await;

    // Every delegation votes at once.
    let started = Instant::now();
    let casts = refs.iter().enumerate().map(|(i, s)| {
        let h = &h;
        let hall = &hall;
        async move {
            let sent = Instant::now();
            let r = h.vote(hall, q, s, ["Y", "N", "A"][i % 3]).await;
            let acked = Instant::now();
            (r.ok()["seq"].as_i64().unwrap(), sent, acked)
        }
    });
    let receipts = futures_util::future::join_all(casts).await;
    let storm = started.elapsed();
    let mut acked_at: HashMap<i64, Instant> = HashMap::new();
    let mut cast_latency = Vec::new();
    for (seq, sent, acked) in &receipts {
        acked_at.insert(*seq, *acked);
        cast_latency.push(*acked - *sent);
    }
    // Collect arrivals until every board has every vote (or time runs out).
    let expected = observers * receipts.len();
    let mut last_arrival: HashMap<i64, (usize, Instant)> = HashMap::new();
    let mut got = 0usize;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while got < expected {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some((seq, at))) => {
                got += 1;
                let e = last_arrival.entry(seq).or_insert((0, at));
                e.0 += 1;
                if at > e.1 {
                    e.1 = at;
                }
            }
            _ => break,
        }
    }
    assert_eq!(got, expected, "every board saw every vote");
    let mut lag: Vec<Duration> = acked_at
        .iter()
        .map(|(seq, acked)| last_arrival.get(seq).map(|(_, at)| at.saturating_duration_since(*acked)).unwrap_or(Duration::MAX))
        .collect();
    lag.sort();
    cast_latency.sort();
    eprintln!(
        "database {}: {} votes in {:.0} ms; cast latency p50 {} p99 {} max {}; board lag (ack -> on all {} boards) p50 {} p99 {} max {}",
        if db.postgres { "postgres" } else { "sqlite" },
        receipts.len(),
        storm.as_secs_f64() * 1000.0,
        ms(percentile(&cast_latency, 0.5)),
        ms(percentile(&cast_latency, 0.99)),
        ms(*cast_latency.last().unwrap()),
        observers,
        ms(percentile(&lag, 0.5)),
        ms(percentile(&lag, 0.99)),
        ms(*lag.last().unwrap()),
    );
    let closed = h.close(&hall, q).await;
    assert_eq!(closed["decision"]["yes"].as_u64().unwrap() + closed["decision"]["no"].as_u64().unwrap() + closed["decision"]["abstain"].as_u64().unwrap(), 193);
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
