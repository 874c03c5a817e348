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
//!
//! The generator shares the machine with the server, so it must cost little without
//! flattering the figure: each board is a plain HTTP/1.1 connection read as bytes (chunked
//! coding decoded, only the `event:` and `id:` lines looked at, no JSON parsed); each reader
//! stamps the arrival itself, when its read returns; a receipt is stamped when its last byte
//! is read, before its JSON is parsed. Lag is the last board's arrival minus the receipt, p99
//! over every cast; a vote some board never got within 60 s is counted in `missed`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
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
    /// Each round on its own, to see where a tail comes from.
    pub per_round: Vec<RoundFigures>,
}

/// One round's figures.
#[derive(Debug, Clone, Serialize)]
pub struct RoundFigures {
    pub votes: usize,
    pub cast_p50_ms: f64,
    pub cast_max_ms: f64,
    pub board_lag_p50_ms: f64,
    pub board_lag_max_ms: f64,
}

struct Api {
    base: String,
    client: reqwest::Client,
}

impl Api {
    async fn send(&self, method: reqwest::Method, path: &str, token: &str, body: Value) -> Result<Value, String> {
        self.send_timed(method, path, token, body).await.map(|(v, _)| v)
    }

    /// The reply and when its last byte arrived (before it is parsed, so the parsing does
    /// not count as waiting).
    async fn send_timed(&self, method: reqwest::Method, path: &str, token: &str, body: Value) -> Result<(Value, Instant), String> {
        let r = self
            .client
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let status = r.status();
        let bytes = r.bytes().await.map_err(|e| format!("{method} {path}: {e}"))?;
        let at = Instant::now();
        let v: Value = serde_json::from_slice(&bytes).map_err(|e| format!("{method} {path}: {e}"))?;
        if !status.is_success() {
            return Err(format!("{method} {path}: {status} {}", v["error"]["message"].as_str().unwrap_or(&v.to_string())));
        }
        Ok((v, at))
    }
}

/// When each vote event reached the boards: for each event number (from `base`), how many
/// boards have it and the time the last of them got it. Written by every board reader with
/// atomics (no lock, no message per event), read by the round once its votes are in.
struct Arrivals {
    epoch: Instant,
    base: i64,
    boards: Vec<AtomicU32>,
    last_ns: Vec<AtomicU64>,
    /// Vote events numbered beyond the table (a very long rehearsal): counted as missed.
    out_of_range: AtomicUsize,
}

/// Event numbers a rehearsal can follow: about 196 per round, so some 5,000 rounds.
const ARRIVAL_SLOTS: usize = 1 << 20;

impl Arrivals {
    fn new(base: i64) -> Arrivals {
        Arrivals {
            epoch: Instant::now(),
            base,
            boards: (0..ARRIVAL_SLOTS).map(|_| AtomicU32::new(0)).collect(),
            last_ns: (0..ARRIVAL_SLOTS).map(|_| AtomicU64::new(0)).collect(),
            out_of_range: AtomicUsize::new(0),
        }
    }

    fn ns(&self, at: Instant) -> u64 {
        at.saturating_duration_since(self.epoch).as_nanos() as u64
    }

    fn slot(&self, seq: i64) -> Option<usize> {
        usize::try_from(seq - self.base).ok().filter(|i| *i < ARRIVAL_SLOTS)
    }

    fn arrived(&self, seq: i64, ns: u64) {
        match self.slot(seq) {
            Some(i) => {
                self.last_ns[i].fetch_max(ns, Ordering::Relaxed);
                // Release: whoever sees the count sees the time written before it.
                self.boards[i].fetch_add(1, Ordering::Release);
            }
            None => {
                self.out_of_range.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// How many boards have event `seq`, and when the last of them got it (ns from `epoch`).
    fn seen(&self, seq: i64) -> (usize, u64) {
        match self.slot(seq) {
            Some(i) => (self.boards[i].load(Ordering::Acquire) as usize, self.last_ns[i].load(Ordering::Relaxed)),
            None => (0, 0),
        }
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

    // Observers: each reads the board and records when each vote event arrived.
    let base = health["chain_seq"].as_i64().ok_or("no chain_seq in /api/health")?;
    let arrivals = Arc::new(Arrivals::new(base));
    let authority = board_authority(&api.base)?;
    let mut ready = Vec::new();
    let mut readers = Vec::new();
    for _ in 0..cfg.observers {
        let stream = open_board(&authority, meeting_id).await?;
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<()>();
        ready.push(ready_rx);
        readers.push(tokio::spawn(read_board(stream, arrivals.clone(), ready_tx)));
    }
    for r in ready {
        r.await.map_err(|_| "a board closed before its snapshot")?;
    }

    let started = Instant::now();
    let mut cast_latency = Vec::new();
    let mut lag = Vec::new();
    let mut per_round = Vec::new();
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
                let (r, acked) = api.send_timed(reqwest::Method::PUT, &format!("/api/questions/{qid}/votes/{s}"), t, json!({"vote": VOTES[i % 3]})).await?;
                Ok((r["seq"].as_i64().ok_or("no seq in the receipt")?, acked, acked - sent))
            }
        }))
        .buffer_unordered(cfg.concurrency.max(1))
        .collect()
        .await;
        let (cast_from, lag_from) = (cast_latency.len(), lag.len());
        let mut acked_at: Vec<(i64, Instant)> = Vec::with_capacity(receipts.len());
        for r in receipts {
            let (seq, at, latency) = r?;
            acked_at.push((seq, at));
            cast_latency.push(latency);
        }
        // Every board must show every vote of this round. The readers stamp each arrival
        // themselves, so how often this loop looks does not change the figures.
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut waiting: Vec<(i64, Instant)> = acked_at;
        while cfg.observers > 0 {
            waiting.retain(|(seq, acked)| {
                let (n, last) = arrivals.seen(*seq);
                if n < cfg.observers {
                    return true;
                }
                let acked_ns = arrivals.ns(*acked);
                lag.push(Duration::from_nanos(last.saturating_sub(acked_ns)));
                false
            });
            if waiting.is_empty() || Instant::now() >= deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        if cfg.observers > 0 {
            missed += waiting.len();
        }
        let (c, l) = (Percentiles::of(cast_latency[cast_from..].to_vec()), Percentiles::of(lag[lag_from..].to_vec()));
        per_round.push(RoundFigures { votes: c.n, cast_p50_ms: c.p50_ms, cast_max_ms: c.max_ms, board_lag_p50_ms: l.p50_ms, board_lag_max_ms: l.max_ms });
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
        missed: missed + arrivals.out_of_range.load(Ordering::Relaxed),
        per_round,
    })
}

/// `host:port` of an `http://` base URL: the boards are read over plain TCP.
fn board_authority(base: &str) -> Result<String, String> {
    let rest = base.strip_prefix("http://").ok_or_else(|| format!("--server {base}: expected http://HOST:PORT (the rehearsal runs on loopback, without TLS)"))?;
    let authority = rest.split('/').next().unwrap_or(rest);
    Ok(if authority.contains(':') { authority.to_string() } else { format!("{authority}:80") })
}

/// One board's connection after its response head: the socket and the body bytes already read.
struct BoardStream {
    socket: tokio::net::TcpStream,
    body: Vec<u8>,
}

/// Opens a board as a browser's EventSource does (`GET /api/meetings/{id}/board`) over a
/// plain TCP connection, and checks the response head: 200, `text/event-stream`, chunked.
/// A hand-written HTTP/1.1 reader rather than reqwest's: 2,000 of them share two cores with
/// the server, and hyper's client spends two task wake-ups per chunk (connection task, then
/// body reader) where this spends one; every byte the server sends is still read and decoded.
async fn open_board(authority: &str, meeting_id: i64) -> Result<BoardStream, String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(authority).await.map_err(|e| format!("GET board: connect {authority}: {e}"))?;
    let _ = socket.set_nodelay(true);
    let request = format!("GET /api/meetings/{meeting_id}/board HTTP/1.1\r\nHost: {authority}\r\nAccept: text/event-stream\r\n\r\n");
    socket.write_all(request.as_bytes()).await.map_err(|e| format!("GET board: {e}"))?;
    let mut buf = Vec::with_capacity(16 * 1024);
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > 64 * 1024 {
            return Err("GET board: a response head of more than 64 KiB".into());
        }
        let mut chunk = [0u8; 8192];
        let n = socket.read(&mut chunk).await.map_err(|e| format!("GET board: {e}"))?;
        if n == 0 {
            return Err("GET board: the server closed the connection before answering".into());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let status = head.lines().next().unwrap_or("");
    if !status.starts_with("http/1.1 200") {
        return Err(format!("GET board: {}", status.trim()));
    }
    if !head.contains("content-type: text/event-stream") || !head.contains("transfer-encoding: chunked") {
        return Err(format!("GET board: expected a chunked text/event-stream, got {head:?}"));
    }
    Ok(BoardStream { socket, body: buf[head_end..].to_vec() })
}

/// Decodes HTTP/1.1 chunked transfer coding as bytes arrive.
#[derive(Debug, Default)]
struct Dechunker {
    /// Data bytes left in the current chunk.
    left: usize,
    /// After a chunk's data: its CRLF still to skip.
    crlf: usize,
    /// An incomplete size line carried over.
    size_line: Vec<u8>,
    ended: bool,
}

impl Dechunker {
    /// Hands each piece of data in `input` to `out`, in order, without copying. Errors on a
    /// malformed size line.
    fn feed(&mut self, mut input: &[u8], mut out: impl FnMut(&[u8])) -> Result<(), String> {
        while !input.is_empty() && !self.ended {
            if self.left > 0 {
                let n = self.left.min(input.len());
                out(&input[..n]);
                self.left -= n;
                input = &input[n..];
                if self.left == 0 {
                    self.crlf = 2;
                }
            } else if self.crlf > 0 {
                let n = self.crlf.min(input.len());
                self.crlf -= n;
                input = &input[n..];
            } else {
                match newline(input) {
                    None => {
                        self.size_line.extend_from_slice(input);
                        input = &[];
                    }
                    Some(i) => {
                        self.size_line.extend_from_slice(&input[..i]);
                        input = &input[i + 1..];
                        let line = std::mem::take(&mut self.size_line);
                        let text = std::str::from_utf8(&line).map_err(|_| "a chunk size that is not text".to_string())?;
                        let hex = text.trim_end_matches('\r').split(';').next().unwrap_or("").trim();
                        let size = usize::from_str_radix(hex, 16).map_err(|_| format!("chunk size {hex:?}: expected hexadecimal"))?;
                        if size == 0 {
                            self.ended = true;
                        } else {
                            self.left = size;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// Reads one board's Server-Sent Events and records each vote's event number and arrival (the
/// time its bytes were read). It reads bytes, not text or JSON: of each event it looks only at
/// the `event:` and `id:` lines and, of a `votes` event, the `first` number that leads its data, so 2,000 readers sharing the machine with the
/// server cost little, and every event of every chunk is still counted.
async fn read_board(board: BoardStream, arrivals: Arc<Arrivals>, ready: tokio::sync::oneshot::Sender<()>) {
    use tokio::io::AsyncReadExt;
    let BoardStream { mut socket, body } = board;
    let mut ready = Some(ready);
    let mut dechunker = Dechunker::default();
    // The start of an event whose end has not arrived yet (rare: the server sends whole
    // events in each chunk).
    let mut carry: Vec<u8> = Vec::new();
    let mut last = 0i64;
    // The body bytes read with the head come first.
    let mut read_buf = vec![0u8; (64 * 1024).max(body.len())];
    read_buf[..body.len()].copy_from_slice(&body);
    let mut n = body.len();
    loop {
        let ns = arrivals.ns(Instant::now());
        let fed = dechunker.feed(&read_buf[..n], |data| {
            if carry.is_empty() {
                let used = scan_events(data, &arrivals, ns, &mut ready, &mut last);
                carry.extend_from_slice(&data[used..]);
            } else {
                carry.extend_from_slice(data);
                let used = scan_events(&carry, &arrivals, ns, &mut ready, &mut last);
                carry.drain(..used);
            }
        });
        if fed.is_err() || dechunker.ended {
            return;
        }
        n = match socket.read(&mut read_buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
    }
}

/// Handles every complete event (ended by a blank line) in `buf`; returns the bytes used.
///
/// `last` is the highest event number this board has counted: events come in the chain's
/// order, so a number not above it would be a duplicate and is not counted again (a board is
/// counted at most once per event, so "every board has it" means every board).
fn scan_events(buf: &[u8], arrivals: &Arrivals, ns: u64, ready: &mut Option<tokio::sync::oneshot::Sender<()>>, last: &mut i64) -> usize {
    let mut start = 0;
    let mut kind: &[u8] = b"";
    let mut id: Option<i64> = None;
    let mut first: Option<i64> = None;
    let mut line_start = 0;
    while let Some(nl) = newline(&buf[line_start..]) {
        let line = &buf[line_start..line_start + nl];
        line_start += nl + 1;
        if line.is_empty() {
            // The end of one event.
            match kind {
                b"snapshot" => {
                    if let Some(r) = ready.take() {
                        let _ = r.send(());
                    }
                }
                b"votes" => {
                    // Events `first`..=`id` (the last), one per vote; a number already
                    // counted (not above `last`) is not counted again.
                    if let (Some(from), Some(to)) = (first, id) {
                        for seq in from.max(*last + 1)..=to {
                            arrivals.arrived(seq, ns);
                        }
                        *last = (*last).max(to);
                    }
                }
                _ => {}
            }
            kind = b"";
            id = None;
            first = None;
            start = line_start;
        } else if let Some(v) = line.strip_prefix(b"event:") {
            kind = v.trim_ascii();
        } else if let Some(v) = line.strip_prefix(b"id:") {
            id = std::str::from_utf8(v.trim_ascii()).ok().and_then(|v| v.parse().ok());
        } else if kind == b"votes" {
            if let Some(v) = line.strip_prefix(b"data: {\"first\":") {
                first = leading_number(v);
            }
        }
    }
    start
}

/// The decimal number at the start of `bytes` (`{"first":N,` leads a `votes` event's data, so
/// the rest of the line is never looked at).
fn leading_number(bytes: &[u8]) -> Option<i64> {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&bytes[..digits]).ok()?.parse().ok()
}

/// The position of the first `\n` in `bytes`, found with the standard library's memchr
/// (`BufRead::skip_until` over a slice), which is several times faster than a loop over bytes
/// on the long `data:` lines.
fn newline(bytes: &[u8]) -> Option<usize> {
    use std::io::BufRead;
    let mut rest = bytes;
    let skipped = rest.skip_until(b'\n').unwrap_or(0);
    (skipped > 0 && bytes[skipped - 1] == b'\n').then(|| skipped - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `wire` to a dechunker and a scanner in pieces of `step` bytes, as reads would.
    fn read_in_pieces(wire: &[u8], step: usize) -> (Arrivals, bool) {
        let arrivals = Arrivals::new(100);
        let (tx, mut rx) = tokio::sync::oneshot::channel();
        let mut ready = Some(tx);
        let mut d = Dechunker::default();
        let mut carry = Vec::new();
        let mut last = 0;
        for piece in wire.chunks(step) {
            d.feed(piece, |data| {
                carry.extend_from_slice(data);
                let used = scan_events(&carry, &arrivals, 7, &mut ready, &mut last);
                carry.drain(..used);
            })
            .unwrap();
        }
        (arrivals, rx.try_recv().is_ok())
    }

    #[test]
    fn every_vote_event_is_counted_however_the_bytes_are_split() {
        let events = "event: snapshot\nid: 100\ndata: {\"question\":null}\n\n\
                      event: votes\nid: 101\ndata: {\"first\":101,\"last\":101,\"question_id\":1,\"votes\":[[\"UKR\",\"Y\",null]],\"counts\":{}}\n\n\
                      event: vote_opened\nid: 102\ndata: {}\n\n\
                      :\n\n\
                      event: votes\nid: 104\ndata: {\"first\":103,\"last\":104,\"question_id\":1,\"votes\":[[\"FRA\",\"N\",null],[\"GBR\",\"A\",null]],\"counts\":{}}\n\n\
                      event: votes\nid: 104\ndata: {\"first\":104,\"last\":104,\"question_id\":1,\"votes\":[[\"GBR\",\"A\",null]],\"counts\":{}}\n\n";
        let (a, b) = events.as_bytes().split_at(60);
        let mut wire = Vec::new();
        for part in [a, b] {
            wire.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            wire.extend_from_slice(part);
            wire.extend_from_slice(b"\r\n");
        }
        for step in [1, 3, 17, wire.len()] {
            let (arrivals, ready) = read_in_pieces(&wire, step);
            assert!(ready, "the snapshot marks the board ready (pieces of {step})");
            assert_eq!(arrivals.seen(101), (1, 7), "pieces of {step}");
            assert_eq!(arrivals.seen(102).0, 0, "only votes are counted");
            assert_eq!(arrivals.seen(103), (1, 7), "the first vote of a batch (pieces of {step})");
            assert_eq!(arrivals.seen(104), (1, 7), "a duplicate is not counted twice (pieces of {step})");
            assert_eq!(arrivals.seen(105).0, 0, "nothing past the last (pieces of {step})");
        }
    }

    #[test]
    fn a_malformed_chunk_size_is_an_error() {
        let mut d = Dechunker::default();
        assert!(d.feed(b"zz\r\nabc\r\n", |_| {}).is_err());
    }

    #[test]
    fn the_board_authority_comes_from_the_server_url() {
        assert_eq!(board_authority("http://127.0.0.1:8080").unwrap(), "127.0.0.1:8080");
        assert_eq!(board_authority("http://localhost").unwrap(), "localhost:80");
        assert!(board_authority("https://example.org").is_err());
    }
}
