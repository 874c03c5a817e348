//! `plenary replay` end to end: a `plenary serve` process, the two meetings of 24 February 2025
//! replayed from examples/ through the public API, every outcome checked against
//! data/fixtures/real_votes_public.json, and the decisions read back from the record with
//! `plenary show`.

use std::collections::BTreeMap;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_plenary");

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A `plenary serve` process, killed on drop.
struct Serve {
    child: Child,
    url: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `plenary serve` with its default rate limit (replay must live with it).
fn serve(database: &str, home: &Path) -> Serve {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let child = Command::new(BIN)
        .args(["serve", "--addr", &addr, "--database", database])
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
    Serve { child, url: format!("http://{addr}") }
}

/// English names of the fixtures -> codes, from data/states/states.csv.
fn codes() -> BTreeMap<String, String> {
    let mut r = csv::Reader::from_path(repo().join("data/states/states.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let (c, n) = (h.iter().position(|x| x == "code").unwrap(), h.iter().position(|x| x == "name_en").unwrap());
    r.records().map(|x| x.unwrap()).map(|x| (x[n].to_string(), x[c].to_string())).collect()
}

fn fixtures() -> BTreeMap<String, Value> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(repo().join("data/fixtures/real_votes_public.json")).unwrap()).unwrap();
    v.as_array().unwrap().iter().map(|e| (e["id"].as_str().unwrap().to_string(), e.clone())).collect()
}

fn replay(server: &Serve, home: &Path, script: &str) -> Vec<Value> {
    let out = Command::new(BIN)
        .args(["replay", repo().join("examples").join(script).to_str().unwrap(), "--server", &server.url, "--json"])
        .env("PLENARY_HOME", home)
        .output()
        .unwrap();
    assert!(out.status.success(), "replay {script} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect()
}

/// Checks each decision against the fixture entry its script item names.
fn check_against_fixtures(script: &str, lines: &[Value]) -> usize {
    let s: Value = serde_json::from_str(&std::fs::read_to_string(repo().join("examples").join(script)).unwrap()).unwrap();
    let fx = fixtures();
    let names = codes();
    let mut checked = 0;
    for item in s["items"].as_array().unwrap() {
        let Some(f) = item["fixture"].as_str() else { continue };
        let e = &fx[f];
        let id = item["id"].as_str().unwrap();
        let line = lines.iter().find(|l| l["id"] == id).unwrap_or_else(|| panic!("{id} was not put to the vote"));
        assert_eq!(line["outcome"], e["outcome"], "{id}: outcome, fixture {f}");
        let vetoed: Vec<String> = e["vetoed_by"].as_array().unwrap().iter().map(|n| names[n.as_str().unwrap()].clone()).collect();
        let got: Vec<String> = line["vetoed_by"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        assert_eq!(got, vetoed, "{id}: vetoed_by, fixture {f}");
        for k in ["yes", "no", "abstain"] {
            if let Some(n) = e[k].as_u64() {
                assert_eq!(line[k].as_u64(), Some(n), "{id}: {k}, fixture {f}");
            }
        }
        checked += 1;
    }
    checked
}

fn show(database: &str, symbol: &str) -> Value {
    let out = Command::new(BIN).args(["--database", database, "show", symbol, "--json"]).output().unwrap();
    assert!(out.status.success(), "show {symbol}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_general_assembly_and_the_security_council_of_24_february_2025_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plenary.sqlite").display().to_string();
    let server = serve(&db, dir.path());

    // The General Assembly: A/ES-11/L.10 adopted (ES-11/7); the Russian amendment to L.11
    // rejected; L.11 adopted (ES-11/8).
    let ga = replay(&server, dir.path(), "ga-2025-02-24-meeting.json");
    let ids: Vec<&str> = ga.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["L10", "L11-RU", "L11"], "the chair's order");
    assert_eq!(check_against_fixtures("ga-2025-02-24-meeting.json", &ga), 3);
    // The fixtures know every count but not every vote: each GA question is a show of hands,
    // and no line says anything about a state.
    for l in &ga {
        assert_eq!(l["method"], "show_of_hands", "{}", l["id"]);
        assert!(l.get("assigned").is_none());
    }
    // The Russian amendment: abstentions not reported, so not entered; 31-71 rejects it
    // whatever they were.
    assert_eq!((ga[1]["yes"].as_u64(), ga[1]["no"].as_u64(), ga[1]["abstain"].as_u64()), (Some(31), Some(71), None));
    assert!(ga[2]["text"].as_array().unwrap().is_empty(), "the rejected amendment left L.11 as tabled");

    // The Security Council, in the engine's order: amendments first (SC rule 36), then the draft.
    let sc = replay(&server, dir.path(), "sc-2025-02-24-meeting.json");
    let ids: Vec<&str> = sc.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["invasion", "sovereignty", "just-peace", "US-draft"]);
    assert_eq!(check_against_fixtures("sc-2025-02-24-meeting.json", &sc), 3);
    // The just-peace amendment is not in the fixtures: GA/12677 gives 11 in favour and the
    // Russian Federation's negative vote.
    let jp = &sc[2];
    assert_eq!((jp["outcome"].as_str(), jp["yes"].as_u64()), (Some("vetoed"), Some(11)));
    assert_eq!(jp["vetoed_by"], serde_json::json!(["RUS"]));
    assert_eq!((jp["no"].as_u64(), jp["abstain"].as_u64()), (None, None), "not reported, not entered");
    let methods: Vec<&str> = sc.iter().map(|l| l["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["show_of_hands", "show_of_hands", "show_of_hands", "recorded"]);
    // Resolution 2774 was adopted without amendment: its text is the draft's.
    let script: Value = serde_json::from_str(&std::fs::read_to_string(repo().join("examples/sc-2025-02-24-meeting.json")).unwrap()).unwrap();
    assert_eq!(sc[3]["text"], script["items"][0]["text"]);

    // The two vetoes schedule the General Assembly's debate (A/RES/76/262, para. 1): ten
    // working days after Monday 24 February 2025 is Monday 10 March 2025.
    let ga_assembly = (1..=2).find(|id| http_get(&server.url, &format!("/api/assemblies/{id}"))["body"] == "GA").expect("the GA assembly");
    let debates = http_get(&server.url, &format!("/api/assemblies/{ga_assembly}/scheduled"));
    let debates = debates.as_array().unwrap();
    assert_eq!(debates.len(), 2, "{debates:?}");
    for d in debates {
        assert_eq!((d["kind"].as_str(), d["deadline"].as_str(), d["vetoed_on"].as_str()), (Some("veto_debate"), Some("2025-03-10"), Some("2025-02-24")));
        assert_eq!(d["vetoed_by"], serde_json::json!(["RUS"]));
    }

    // One record: `plenary show` sees the live decisions at once.
    let v = show(&db, "A/ES-11/L.10");
    assert_eq!((v["yes"].as_u64(), v["no"].as_u64(), v["abstain"].as_u64()), (Some(93), Some(18), Some(65)));
    assert_eq!(v["outcome"], "adopted");
    // A show of hands: no state's vote is in the record.
    assert!(v["votes"].as_object().is_none_or(|m| m.is_empty()), "{}", v["votes"]);
    // Resolution 2774 was a recorded vote: every member's vote is.
    let v = show(&db, "S/RES/2774 (2025) (United States draft)");
    assert_eq!((v["votes"]["USA"].as_str(), v["votes"]["GBR"].as_str()), (Some("Y"), Some("A")));
    let v = show(&db, "SC-2025-02-24-EUAMD-SOVEREIGNTY");
    assert_eq!(v["outcome"], "vetoed");
    assert_eq!(v["kind"], "amendment");

    // The chain is intact.
    drop(server);
    let out = Command::new(BIN).args(["--database", &db, "verify"]).output().unwrap();
    assert!(out.status.success(), "verify: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// A GET of the server's public API, over a plain TCP connection.
fn http_get(base: &str, path: &str) -> Value {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let (head, body) = out.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "GET {path}: {head}");
    // A chunked body (axum streams JSON without a length only when asked; handle both).
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        let mut json = String::new();
        let mut rest = body;
        loop {
            let (size, after) = rest.split_once("\r\n").unwrap();
            let n = usize::from_str_radix(size.trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            json.push_str(&after[..n]);
            rest = &after[n + 2..];
        }
        return serde_json::from_str(&json).unwrap();
    }
    serde_json::from_str(body).unwrap()
}

#[test]
fn a_script_mixing_known_votes_and_a_tally_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.json");
    std::fs::write(
        &path,
        r#"{"body": "GA", "date": "2025-02-24", "items": [{"id": "a", "kind": "draft", "symbol": "X", "question": "simple", "votes": {"UKR": "Y"}, "tally": {"yes": 93, "no": 18, "abstain": 65}}]}"#,
    )
    .unwrap();
    let out = Command::new(BIN).args(["replay", path.to_str().unwrap(), "--server", "http://127.0.0.1:9", "--token", "t"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("items[0] (a)") && err.contains("both votes and tally"), "{err}");
}

#[test]
fn a_bad_script_is_refused_naming_the_item_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{"body": "GA", "date": "2025-02-24", "items": [{"id": "a", "kind": "draft", "symbol": "X", "question": "simple", "votes": {"UKR": "maybe"}}]}"#,
    )
    .unwrap();
    let out = Command::new(BIN).args(["replay", path.to_str().unwrap(), "--server", "http://127.0.0.1:9", "--token", "t"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("votes.UKR") && err.contains("expected Y, N, A or X"), "{err}");
}
