//! Test harness: each test gets a fresh database (a temporary SQLite file, or a new database
//! on the PostgreSQL server of `TEST_PG_URL`) and a real server on a free loopback port.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::Duration;

use plenary_server::{Config, Server};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Runs a test case on SQLite, or on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($($case:ident),* $(,)?) => {
        $(
            mod $case {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let db = $crate::common::TestDb::sqlite();
                    super::$case(db).await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let Some(db) = $crate::common::TestDb::postgres().await else { return };
                    super::$case(db).await;
                }
            }
        )*
    };
}

/// A fresh, empty database for one test.
pub struct TestDb {
    pub url: String,
    pub dir: tempfile::TempDir,
    pub postgres: bool,
}

impl TestDb {
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("plenary.sqlite").display());
        TestDb { url, dir, postgres: false }
    }

    /// A new database on `TEST_PG_URL`'s server. Without `TEST_PG_URL`: `None` and a loud
    /// skip, unless `PLENARY_REQUIRE_PG=1`, which makes it a failure.
    pub async fn postgres() -> Option<TestDb> {
        let Ok(base) = std::env::var("TEST_PG_URL") else {
            if std::env::var("PLENARY_REQUIRE_PG").as_deref() == Ok("1") {
                panic!("PLENARY_REQUIRE_PG=1 but TEST_PG_URL is not set: start a PostgreSQL server and export TEST_PG_URL");
            }
            eprintln!("\n*** SKIPPED on PostgreSQL: TEST_PG_URL is not set (set PLENARY_REQUIRE_PG=1 to fail instead) ***\n");
            return None;
        };
        sqlx::any::install_default_drivers();
        let mut bytes = [0u8; 8];
        getrandom_fill(&mut bytes);
        let name = format!("plenary_test_{}", hex(&bytes));
        let admin = sqlx::AnyPool::connect(&base).await.expect("connect to TEST_PG_URL");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&admin).await.expect("create test database");
        admin.close().await;
        let url = match base.rfind('/') {
            Some(i) if base[..i].contains("://") && i > base.find("://").unwrap() + 2 => format!("{}/{name}", &base[..i]),
            _ => format!("{base}/{name}"),
        };
        Some(TestDb { url, dir: tempfile::tempdir().unwrap(), postgres: true })
    }

    pub fn config(&self) -> Config {
        let mut c = Config::new(self.url.clone(), self.dir.path().join("data"));
        c.rate_per_second = None;
        c
    }

    pub async fn start(&self) -> Harness {
        self.start_with(self.config()).await
    }

    pub async fn start_with(&self, config: Config) -> Harness {
        let data_dir = config.data_dir.clone();
        let server = Server::start(config, "127.0.0.1:0".parse().unwrap()).await.expect("server starts");
        let token = std::fs::read_to_string(data_dir.join("secretariat.token")).expect("token file").trim().to_string();
        Harness { base: format!("http://{}", server.addr), client: reqwest::Client::new(), secretariat: token, server }
    }
}

fn getrandom_fill(buf: &mut [u8]) {
    use std::io::Read;
    std::fs::File::open("/dev/urandom").unwrap().read_exact(buf).unwrap();
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub struct Harness {
    pub base: String,
    pub client: reqwest::Client,
    pub secretariat: String,
    pub server: Server,
}

/// A status and the JSON body of a response.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

impl Reply {
    /// Asserts an API error with this status and code; returns the error object.
    pub fn refused(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status.as_u16(), status, "expected {status} {code}, got {} {}", self.status, self.body);
        assert_eq!(self.body["error"]["code"], code, "wrong error code in {}", self.body);
        assert!(self.body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "no message in {}", self.body);
        &self.body["error"]
    }
    pub fn ok(&self) -> &Value {
        assert!(self.status.is_success(), "expected success, got {} {}", self.status, self.body);
        &self.body
    }
}

impl Harness {
    pub async fn call(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        let mut req = self.client.request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("request sent");
        let status = resp.status();
        let text = resp.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply { status, body }
    }
    pub async fn get(&self, path: &str) -> Reply {
        self.call(reqwest::Method::GET, path, None, None).await
    }
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(reqwest::Method::POST, path, Some(token), Some(body)).await
    }
    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(reqwest::Method::PUT, path, Some(token), Some(body)).await
    }

    /// Sets up an assembly, a chair, delegations for `delegations` and an open meeting with
    /// `present` marked present.
    pub async fn hall(&self, assembly: Value, delegations: &[&str], present: &[&str]) -> Hall {
        let a = self.post("/api/assemblies", &self.secretariat, assembly).await;
        let assembly_id = a.ok()["id"].as_i64().unwrap();
        let chair = self.post("/api/chairs", &self.secretariat, json!({"username": format!("president-{assembly_id}")})).await;
        let chair = chair.ok().clone();
        let mut tokens = BTreeMap::new();
        for code in delegations {
            let c = self.post(&format!("/api/assemblies/{assembly_id}/delegations"), &self.secretariat, json!({"state": code})).await;
            tokens.insert(code.to_string(), c.ok()["token"].as_str().unwrap().to_string());
        }
        let m = self
            .post("/api/meetings", &self.secretariat, json!({"assembly_id": assembly_id, "title": "Test meeting", "chair_account_id": chair["account_id"]}))
            .await;
        let meeting_id = m.ok()["id"].as_i64().unwrap();
        let chair_token = chair["token"].as_str().unwrap().to_string();
        self.post(&format!("/api/meetings/{meeting_id}/open"), &chair_token, json!({})).await.ok();
        self.post(&format!("/api/meetings/{meeting_id}/attendance"), &chair_token, json!({"present": present})).await.ok();
        Hall { assembly_id, meeting_id, chair: chair_token, delegations: tokens }
    }

    pub async fn table(&self, hall: &Hall, doc: Value) -> i64 {
        let r = self.post(&format!("/api/meetings/{}/documents", hall.meeting_id), &self.secretariat, doc).await;
        r.ok()["id"].as_i64().unwrap()
    }

    pub async fn open_vote(&self, hall: &Hall, document_id: i64) -> i64 {
        let r = self.post(&format!("/api/meetings/{}/questions", hall.meeting_id), &hall.chair, json!({"document_id": document_id})).await;
        r.ok()["id"].as_i64().unwrap()
    }

    pub async fn vote(&self, hall: &Hall, question: i64, state: &str, vote: &str) -> Reply {
        let token = hall.delegations.get(state).unwrap_or_else(|| panic!("no delegation for {state}"));
        self.put(&format!("/api/questions/{question}/votes/{state}"), token, json!({"vote": vote})).await
    }

    pub async fn close(&self, hall: &Hall, question: i64) -> Value {
        self.post(&format!("/api/questions/{question}/close"), &hall.chair, json!({})).await.ok().clone()
    }

    /// Opens the board of a meeting and returns a reader of its events.
    pub async fn board(&self, meeting_id: i64) -> Board {
        let resp = self.client.get(format!("{}/api/meetings/{meeting_id}/board", self.base)).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        Board { resp, buf: String::new(), last_id: None, pending: std::collections::VecDeque::new() }
    }
}

pub struct Hall {
    pub assembly_id: i64,
    pub meeting_id: i64,
    pub chair: String,
    pub delegations: BTreeMap<String, String>,
}

/// A connected board: reads Server-Sent Events.
pub struct Board {
    resp: reqwest::Response,
    buf: String,
    /// The `id:` of the event `next` returned last.
    last_id: Option<i64>,
    /// Votes of a `votes` event not yet returned by `next_vote`.
    pending: std::collections::VecDeque<Value>,
}

impl Board {
    /// The next event (name, JSON data), waiting at most `timeout`.
    pub async fn next(&mut self, timeout: Duration) -> Option<(String, Value)> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(i) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..i + 2).collect();
                let mut name = "message".to_string();
                let mut data = String::new();
                self.last_id = None;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        self.last_id = v.trim().parse().ok();
                    } else if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.strip_prefix(' ').unwrap_or(v));
                    }
                }
                if data.is_empty() && name == "message" {
                    continue; // keep-alive comment
                }
                return Some((name, serde_json::from_str(&data).unwrap_or(Value::String(data))));
            }
            let chunk = tokio::time::timeout_at(deadline, self.resp.chunk()).await.ok()?.ok()??;
            self.buf.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next vote on the board, skipping other events. Votes arrive in `votes` events
    /// (several casts committed together); this returns them one at a time as `{seq,
    /// question_id, state, vote, previous}`, the last of each event with the event's `counts`,
    /// after checking the event's framing: `first..=last` numbers its votes one each, and its
    /// SSE id is `last`.
    pub async fn next_vote(&mut self, timeout: Duration) -> Option<Value> {
        if let Some(v) = self.pending.pop_front() {
            return Some(v);
        }
        let ev = self.until("votes", timeout).await?;
        let (first, last) = (ev["first"].as_i64().expect("first"), ev["last"].as_i64().expect("last"));
        let entries = ev["votes"].as_array().expect("votes is an array");
        assert_eq!(self.last_id, Some(last), "a votes event's id is its last number: {ev}");
        assert_eq!((last - first + 1) as usize, entries.len(), "one vote per number from first to last: {ev}");
        for (i, e) in entries.iter().enumerate() {
            let mut v = serde_json::json!({"seq": first + i as i64, "question_id": ev["question_id"], "state": e[0], "vote": e[1], "previous": e[2]});
            if i + 1 == entries.len() {
                v["counts"] = ev["counts"].clone();
            }
            self.pending.push_back(v);
        }
        self.pending.pop_front()
    }

    /// Skips events until one named `name`.
    pub async fn until(&mut self, name: &str, timeout: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let (n, v) = self.next(left).await?;
            if n == name {
                return Some(v);
            }
        }
    }
}

/// Opens the database directly, for tests that alter rows by hand.
pub async fn raw_pool(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url).await.unwrap()
}
