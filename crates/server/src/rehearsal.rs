//! The rehearsal of a full hall (issue 5, section 5): a bounded load generator that plays the
//! secretariat, the chair, the delegations and the observers against a running server through
//! its public API, and measures what the issue budgets:
//!
//! - cast latency: from a delegation sending its vote to its receipt, which the server sends
//!   only once the vote's event is committed;
//! - board lag: from the receipt to the vote's event arriving on *every* connected board (the
//!   last of them), i.e. what a person in the hall waits for.
//!
//! One round: the chair opens a vote, every delegation casts at once (at most `concurrency`
//! requests in flight), every board is awaited, the chair closes. Rounds repeat until
//! `duration` is over (at least one). Used by `plenary rehearse` and by the full-hall test, so
//! the figures in the closing note and the test come from the same code.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use serde::Serialize;
use serde_json::{Value, json};

const VOTES: [&str; 3] = ["Y", "N", "A"];

/// What to rehearse.
#[derive(Debug, Clone)]
pub struct Rehearsal {
    /// Base URL, e.g. `http://127.0.0.1:8080`.
    pub server: String,
    /// The secretariat's token (it sets up the assembly, the chair and the delegations).
    pub token: String,
    /// Delegations voting (at most the 193 Members of the Assembly on 24 February 2025).
    pub delegations: usize,
    /// Boards connected while the delegations vote.
    pub observers: usize,
    /// Keep voting rounds until this much time has passed (at least one round).
    pub duration: Duration,
    /// Votes in flight at once.
    pub concurrency: usize,
}

/// Percentiles of one measure, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Percentiles {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub n: usize,
}

impl Percentiles {
    pub fn of(mut xs: Vec<Duration>) -> Percentiles {
        xs.sort();
        let at = |p: f64| -> f64 {
            if xs.is_empty() {
                return 0.0;
            }
            let i = ((xs.len() as f64 * p).ceil() as usize).clamp(1, xs.len()) - 1;
            xs[i].as_secs_f64() * 1000.0
        };
        Percentiles { p50_ms: at(0.5), p99_ms: at(0.99), max_ms: xs.last().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0), n: xs.len() }
    }
}

/// The figures of a rehearsal.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub database: String,
    pub delegations: usize,
    pub observers: usize,
    pub rounds: usize,
    pub casts: usize,
    pub seconds: f64,
    pub cast_latency: Percentiles,
    /// Receipt to arrival on the last of the boards.
    pub board_lag: Percentiles,
    /// Vote events that some board never received within 60 s (should be 0).
    pub missed: usize,
}

struct Api {
    base: String,
    client: reqwest::Client,
}

impl Api {
    async fn send(&self, method: reqwest::Method, path: &str, token: &str, body: Value) -> Result<Value, String> {
        let r = self
            .client
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let status = r.status();
        let v: Value = r.json().await.map_err(|e| format!("{method} {path}: {e}"))?;
        if !status.is_success() {
            return Err(format!("{method} {path}: {status} {}", v["error"]["message"].as_str().unwrap_or(&v.to_string())));
        }
        Ok(v)
    }
}

/// Runs the rehearsal. Errors name the request that failed.
pub async fn rehearse(cfg: &Rehearsal) -> Result<Report, String> {
    let api = Api { base: cfg.server.trim_end_matches('/').to_string(), client: reqwest::Client::new() };
    let health = api.client.get(format!("{}/api/health", api.base)).send().await.map_err(|e| format!("GET /api/health: {e}"))?;
    let health: Value = health.json().await.map_err(|e| format!("GET /api/health: {e}"))?;
    let a = api.send(reqwest::Method::POST, "/api/assemblies", &cfg.token, json!({"name": "Rehearsal", "body": "GA", "date": "2025-02-24"})).await?;
    let assembly_id = a["id"].as_i64().ok_or("no assembly id")?;
    let states: Vec<String> =
        a["members"].as_array().ok_or("no members")?.iter().filter_map(|m| m["state"].as_str().map(String::from)).take(cfg.delegations).collect();
    let chair = api.send(reqwest::Method::POST, "/api/chairs", &cfg.token, json!({"username": format!("rehearsal-chair-{assembly_id}")})).await?;
    let chair_token = chair["token"].as_str().ok_or("no chair token")?.to_string();
    let creds: Vec<Result<(String, String), String>> = futures_util::stream::iter(states.iter().map(|s| {
        let api = &api;
        async move {
            let c = api.send(reqwest::Method::POST, &format!("/api/assemblies/{assembly_id}/delegations"), &cfg.token, json!({"state": s})).await?;
            Ok((s.clone(), c["token"].as_str().unwrap_or_default().to_string()))
        }
    }))
    .buffer_unordered(4)
    .collect()
    .await;
    let tokens: Vec<(String, String)> = creds.into_iter().collect::<Result<_, _>>()?;
    let m = api
        .send(reqwest::Method::POST, "/api/meetings", &cfg.token, json!({"assembly_id": assembly_id, "title": "Rehearsal", "chair_account_id": chair["account_id"]}))
        .await?;
    let meeting_id = m["id"].as_i64().ok_or("no meeting id")?;
    api.send(reqwest::Method::POST, &format!("/api/meetings/{meeting_id}/open"), &chair_token, json!({})).await?;
    api.send(reqwest::Method::POST, &format!("/api/meetings/{meeting_id}/attendance"), &chair_token, json!({"present": states})).await?;

    // Observers: each reads the board and reports when each vote event arrived.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(i64, Instant)>();
    let board_client = reqwest::Client::builder().pool_max_idle_per_host(0).build().map_err(|e| e.to_string())?;
    let mut ready = Vec::new();
    let mut readers = Vec::new();
    for _ in 0..cfg.observers {
        let resp = board_client
            .get(format!("{}/api/meetings/{meeting_id}/board", api.base))
            .send()
            .await
            .map_err(|e| format!("GET board: {e}"))?;
        if !resp.status().is_success() {
            return Err(format!("GET board: {}", resp.status()));
        }
        let tx = tx.clone();
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<()>();
        ready.push(ready_rx);
        readers.push(tokio::spawn(read_board(resp, tx, ready_tx)));
    }
    drop(tx);
    for r in ready {
        r.await.map_err(|_| "a board closed before its snapshot")?;
    }

    let started = Instant::now();
    let mut cast_latency = Vec::new();
    let mut lag = Vec::new();
    let mut missed = 0;
    let mut rounds = 0;
    while rounds == 0 || started.elapsed() < cfg.duration {
        rounds += 1;
        let d = api
            .send(
                reqwest::Method::POST,
                &format!("/api/meetings/{meeting_id}/documents"),
                &cfg.token,
                json!({"kind": "draft", "symbol": format!("REHEARSAL/L.{rounds}"), "question": "simple", "paragraphs": ["Rehearsal."]}),
            )
            .await?;
        let q = api.send(reqwest::Method::POST, &format!("/api/meetings/{meeting_id}/questions"), &chair_token, json!({"document_id": d["id"]})).await?;
        let qid = q["id"].as_i64().ok_or("no question id")?;
        let receipts: Vec<Result<(i64, Instant, Duration), String>> = futures_util::stream::iter(tokens.iter().enumerate().map(|(i, (s, t))| {
            let api = &api;
            async move {
                let sent = Instant::now();
                let r = api.send(reqwest::Method::PUT, &format!("/api/questions/{qid}/votes/{s}"), t, json!({"vote": VOTES[i % 3]})).await?;
                let acked = Instant::now();
                Ok((r["seq"].as_i64().ok_or("no seq in the receipt")?, acked, acked - sent))
            }
        }))
        .buffer_unordered(cfg.concurrency.max(1))
        .collect()
        .await;
        let mut acked_at: HashMap<i64, Instant> = HashMap::new();
        for r in receipts {
            let (seq, at, latency) = r?;
            acked_at.insert(seq, at);
            cast_latency.push(latency);
        }
        // Every board must show every vote of this round.
        let mut arrivals: HashMap<i64, (usize, Instant)> = HashMap::new();
        let mut complete = 0;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while complete < acked_at.len() {
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some((seq, at))) => {
                    if !acked_at.contains_key(&seq) {
                        continue;
                    }
                    let e = arrivals.entry(seq).or_insert((0, at));
                    e.0 += 1;
                    e.1 = e.1.max(at);
                    if e.0 == cfg.observers {
                        complete += 1;
                    }
                }
                _ => break,
            }
        }
        for (seq, acked) in &acked_at {
            match arrivals.get(seq) {
                Some((n, at)) if *n == cfg.observers => lag.push(at.saturating_duration_since(*acked)),
                _ if cfg.observers == 0 => {}
                _ => missed += 1,
            }
        }
        api.send(reqwest::Method::POST, &format!("/api/questions/{qid}/close"), &chair_token, json!({})).await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    for r in readers {
        r.abort();
    }
    Ok(Report {
        database: health["database"].as_str().unwrap_or("unknown").to_string(),
        delegations: tokens.len(),
        observers: cfg.observers,
        rounds,
        casts: cast_latency.len(),
        seconds,
        cast_latency: Percentiles::of(cast_latency),
        board_lag: Percentiles::of(lag),
        missed,
    })
}

/// Reads one board's Server-Sent Events; reports each `vote_cast` event's number and arrival.
async fn read_board(mut resp: reqwest::Response, tx: tokio::sync::mpsc::UnboundedSender<(i64, Instant)>, ready: tokio::sync::oneshot::Sender<()>) {
    let mut buf = String::new();
    let mut ready = Some(ready);
    while let Ok(Some(chunk)) = resp.chunk().await {
        let now = Instant::now();
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(i) = buf.find("\n\n") {
            let block: String = buf.drain(..i + 2).collect();
            let mut kind = "";
            let mut id = None;
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    kind = v.trim();
                } else if let Some(v) = line.strip_prefix("id:") {
                    id = v.trim().parse::<i64>().ok();
                }
            }
            match (kind, id) {
                ("snapshot", _) => {
                    if let Some(r) = ready.take() {
                        let _ = r.send(());
                    }
                }
                ("vote_cast", Some(id)) => {
                    let _ = tx.send((id, now));
                }
                _ => {}
            }
        }
    }
}
