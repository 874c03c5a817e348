//! `plenary serve` and `plenary verify` as separate processes: a vote cast through one server
//! process appears on the board of another (PostgreSQL LISTEN/NOTIFY), and `plenary verify`
//! names the event a hand edit broke.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_plenary");

/// A `plenary serve` process, killed on drop.
struct Serve {
    child: Child,
    addr: String,
    token: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn serve(database: &str, home: &std::path::Path) -> Serve {
    let addr = format!("127.0.0.1:{}", free_port());
    let child = Command::new(BIN)
        .args(["serve", "--addr", &addr, "--database", database, "--rate-limit", "0"])
        .env("PLENARY_HOME", home)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("plenary serve starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(&addr).is_err() {
        assert!(Instant::now() < deadline, "plenary serve did not listen on {addr}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let token = std::fs::read_to_string(home.join("secretariat.token")).expect("token file").trim().to_string();
    Serve { child, addr, token }
}

/// One HTTP/1.1 request; returns the status and the JSON body.
fn call(addr: &str, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(s, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status: u16 = out[9..12].parse().unwrap();
    let (_, rest) = out.split_once("\r\n\r\n").unwrap();
    // Small bodies only: axum sends them with Content-Length, not chunked.
    (status, serde_json::from_str(rest).unwrap_or(Value::String(rest.to_string())))
}

fn ok(r: (u16, Value)) -> Value {
    assert!((200..300).contains(&r.0), "{} {}", r.0, r.1);
    r.1
}

/// Reads Server-Sent Events from a board until one named `name`.
fn board_until(reader: &mut BufReader<TcpStream>, name: &str) -> Value {
    let mut event = String::new();
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the board closed before {name}");
        let line = line.trim_end();
        // Chunked transfer: size lines are hex digits only; skip them.
        if let Some(v) = line.strip_prefix("event:") {
            event = v.trim().to_string();
        } else if let Some(v) = line.strip_prefix("data:") {
            if event == name {
                return serde_json::from_str(v.trim()).unwrap();
            }
        }
    }
}

/// The next `n` votes on a board, as (event number, [state, vote, previous]): `votes` events
/// carry the casts committed together, numbered `first` to `last`.
fn board_votes(reader: &mut BufReader<TcpStream>, n: usize) -> Vec<(i64, Value)> {
    let mut out = Vec::new();
    while out.len() < n {
        let ev = board_until(reader, "votes");
        let first = ev["first"].as_i64().unwrap();
        let entries = ev["votes"].as_array().unwrap();
        assert_eq!(ev["last"].as_i64().unwrap() - first + 1, entries.len() as i64, "one vote per number: {ev}");
        out.extend(entries.iter().enumerate().map(|(i, v)| (first + i as i64, v.clone())));
    }
    out
}

fn open_board(addr: &str, meeting: i64) -> BufReader<TcpStream> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET /api/meetings/{meeting}/board HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let mut r = BufReader::new(s);
    board_until(&mut r, "snapshot");
    r
}

const FIVE: [&str; 5] = ["FRA", "GBR", "RUS", "UKR", "USA"];

/// Sets up a meeting of five through `s`; returns (meeting, chair token, question, tokens).
fn meeting_with_an_open_vote(s: &Serve) -> (i64, String, i64, std::collections::BTreeMap<String, String>) {
    let a = ok(call(&s.addr, "POST", "/api/assemblies", Some(&s.token), Some(json!({"name": "Five", "body": "GA", "date": "2025-02-24", "members": FIVE}))));
    let aid = a["id"].as_i64().unwrap();
    let chair = ok(call(&s.addr, "POST", "/api/chairs", Some(&s.token), Some(json!({"username": "president"}))));
    let chair_token = chair["token"].as_str().unwrap().to_string();
    let mut tokens = std::collections::BTreeMap::new();
    for st in FIVE {
        let c = ok(call(&s.addr, "POST", &format!("/api/assemblies/{aid}/delegations"), Some(&s.token), Some(json!({"state": st}))));
        tokens.insert(st.to_string(), c["token"].as_str().unwrap().to_string());
    }
    let m = ok(call(&s.addr, "POST", "/api/meetings", Some(&s.token), Some(json!({"assembly_id": aid, "title": "t", "chair_account_id": chair["account_id"]}))));
    let mid = m["id"].as_i64().unwrap();
    ok(call(&s.addr, "POST", &format!("/api/meetings/{mid}/open"), Some(&chair_token), Some(json!({}))));
    ok(call(&s.addr, "POST", &format!("/api/meetings/{mid}/attendance"), Some(&chair_token), Some(json!({"present": FIVE}))));
    let d = ok(call(&s.addr, "POST", &format!("/api/meetings/{mid}/documents"), Some(&s.token), Some(json!({"kind": "draft", "symbol": "A/L.1", "question": "simple", "paragraphs": ["P1"]}))));
    let q = ok(call(&s.addr, "POST", &format!("/api/meetings/{mid}/questions"), Some(&chair_token), Some(json!({"document_id": d["id"]}))));
    (mid, chair_token, q["id"].as_i64().unwrap(), tokens)
}

#[test]
fn verify_names_the_event_a_hand_edit_broke() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite").display().to_string();
    let s = serve(&db, dir.path());
    let (_, chair, q, tokens) = meeting_with_an_open_vote(&s);
    let receipt = ok(call(&s.addr, "PUT", &format!("/api/questions/{q}/votes/RUS"), Some(&tokens["RUS"]), Some(json!({"vote": "N"}))));
    ok(call(&s.addr, "POST", &format!("/api/questions/{q}/close"), Some(&chair), Some(json!({}))));
    drop(s);
    let out = Command::new(BIN).args(["verify", "--database", &db]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("intact"));
    let seq = receipt["seq"].as_i64().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let db = plenary_server::Db::open_existing(&db).await.unwrap();
        plenary_server::sqlx::query("UPDATE event_log SET payload = REPLACE(payload, '\"vote\":\"N\"', '\"vote\":\"Y\"') WHERE seq = $1")
            .bind(seq)
            .execute(&db.pool)
            .await
            .unwrap();
    });
    let out = Command::new(BIN).args(["verify", "--database", &db]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with(&format!("BROKEN at event {seq}:")), "{text}");
}

#[test]
fn a_vote_cast_through_one_serve_process_appears_on_the_board_of_another() {
    let Ok(base) = std::env::var("TEST_PG_URL") else {
        if std::env::var("PLENARY_REQUIRE_PG").as_deref() == Ok("1") {
            panic!("PLENARY_REQUIRE_PG=1 but TEST_PG_URL is not set");
        }
        eprintln!("\n*** SKIPPED on PostgreSQL: TEST_PG_URL is not set ***\n");
        return;
    };
    let name = format!("plenary_cli_{}", std::process::id());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        plenary_server::sqlx::any::install_default_drivers();
        let admin = plenary_server::sqlx::AnyPool::connect(&base).await.unwrap();
        let _ = plenary_server::sqlx::query(plenary_server::sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}"))).execute(&admin).await;
        plenary_server::sqlx::query(plenary_server::sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&admin).await.unwrap();
    });
    let url = format!("{}/{name}", &base[..base.rfind('/').unwrap()]);
    let dir = tempfile::tempdir().unwrap();
    let a = serve(&url, dir.path());
    let b = serve(&url, dir.path());
    assert_eq!(a.token, b.token);
    let (mid, chair, q, tokens) = meeting_with_an_open_vote(&a);
    let mut board_b = open_board(&b.addr, mid);
    let mut board_a = open_board(&a.addr, mid);
    let r1 = ok(call(&a.addr, "PUT", &format!("/api/questions/{q}/votes/UKR"), Some(&tokens["UKR"]), Some(json!({"vote": "Y"}))));
    let r2 = ok(call(&b.addr, "PUT", &format!("/api/questions/{q}/votes/RUS"), Some(&tokens["RUS"]), Some(json!({"vote": "N"}))));
    for board in [&mut board_a, &mut board_b] {
        let votes = board_votes(board, 2);
        assert_eq!(votes[0].0, r1["seq"].as_i64().unwrap());
        assert_eq!(votes[0].1, json!(["UKR", "Y", null]));
        assert_eq!(votes[1].0, r2["seq"].as_i64().unwrap());
        assert_eq!(votes[1].1, json!(["RUS", "N", null]));
    }
    ok(call(&b.addr, "POST", &format!("/api/questions/{q}/close"), Some(&chair), Some(json!({}))));
    let closed = board_until(&mut board_a, "vote_closed");
    assert_eq!(closed["payload"]["decision"]["outcome"], "rejected");
}
