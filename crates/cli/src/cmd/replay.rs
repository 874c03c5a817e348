//! `plenary replay MEETING.json --server URL [--json]`: drives a whole meeting through a running
//! server's public HTTP API from a script, as the secretariat, the chair and every delegation
//! would, and prints each decision the server announced.
//!
//! Script (issue 5, section 9):
//!
//! ```json
//! { "body": "GA" | "SC" | "custom", "date": "YYYY-MM-DD", "title": "...",
//!   "members": ["ISO3", ...],            // optional: default, the body's members on that date
//!   "permanent": ["ISO3", ...],          // SC with explicit members
//!   "items": [ { "id": "L10", "kind": "draft" | "amendment" | "motion", "symbol": "A/ES-11/L.10",
//!                "amends": "<id>" | null, "question": "simple" | "two_thirds" | "procedural" | "substantive",
//!                "motion": "postpone" | "adjourn_debate" | ...,   // motions, for the engine's order
//!                "text": ["paragraph", ...], "edits": [ {"op": "replace", "paragraph": 1, "text": "..."} ],
//!                "votes": { "ISO3": "Y" | "N" | "A" | "X" },          // a recorded vote
//!                "tally": { "yes": 93, "no": 18, "abstain": 65 },     // or a show of hands
//!                "vetoed_by": ["ISO3", ...],                          // with a tally, see below
//!                "without_vote": true } ],
//!   "order": ["<id>", ...] }             // optional: default, the engine's VotingOrder
//! ```
//!
//! An item is voted in one of three ways, never a mix:
//! - `votes`: a recorded vote. Each member's delegation casts the vote given; a member not
//!   listed does not vote (present and not voting). Use it only where the source gives every
//!   member's vote.
//! - `tally`: a vote by show of hands (GA rule 87: "The General Assembly shall normally vote
//!   by show of hands or by standing, but any representative may request a recorded vote";
//!   the Security Council votes by show of hands too). The chair enters the published counts
//!   (`POST /api/questions/{id}/tally`), the engine decides from them, and the record holds the
//!   counts and the outcome with no row for any state: where a source gives only totals, no
//!   state's vote is made up. A count the source does not report is left out (`null` to the
//!   server, which decides for every value it could take and refuses if the outcome depends on
//!   it). `vetoed_by` names the permanent members that voted no, where the source names them.
//! - `without_vote`: adopted without a vote.
//!
//! Why not the known votes plus the totals: a recorded vote lists every member's position,
//! and a record with some members' rows and the rest missing would say that the others did
//! not vote. Where a source knows only some members' votes, the item is a show of hands.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;

use futures_util::StreamExt;
use plenary_rules::order::{Action, Item as OrderItem, MotionKind, VotingOrder};
use plenary_rules::{BodyKind, Outcome, QuestionKind, StateCode};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The meeting script (JSON).
    pub script: PathBuf,
    /// The server's base URL, e.g. http://127.0.0.1:8080.
    #[arg(long)]
    pub server: String,
    /// The secretariat's bearer token (default: the token file `plenary serve` wrote in its
    /// data directory).
    #[arg(long)]
    pub token: Option<String>,
    /// Where `plenary serve` keeps its data (default: $PLENARY_HOME, else ~/.local/share/plenary).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print one JSON object per decision (one per line).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    pub body: String,
    pub date: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub members: Option<Vec<String>>,
    #[serde(default)]
    pub permanent: Option<Vec<String>>,
    #[serde(default)]
    pub custom_toml: Option<String>,
    pub items: Vec<ScriptItem>,
    #[serde(default)]
    pub order: Option<Vec<String>>,
    /// Where the script's figures come from: for people and tests, not used by the replay.
    #[serde(default)]
    #[allow(dead_code)]
    pub sources: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptItem {
    pub id: String,
    pub kind: String,
    pub symbol: String,
    #[serde(default)]
    pub amends: Option<String>,
    pub question: String,
    #[serde(default)]
    pub motion: Option<String>,
    #[serde(default)]
    pub text: Vec<String>,
    #[serde(default)]
    pub edits: Vec<Value>,
    #[serde(default)]
    pub votes: BTreeMap<String, String>,
    #[serde(default)]
    pub tally: Option<Tally>,
    /// With a tally: the permanent members that voted no, as the source names them.
    #[serde(default)]
    pub vetoed_by: Option<Vec<String>>,
    #[serde(default)]
    pub without_vote: bool,
    /// The id of the entry of data/fixtures/real_votes_public.json this item reproduces (for
    /// people and tests, not used by the replay).
    #[serde(default)]
    #[allow(dead_code)]
    pub fixture: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, Default)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    pub yes: u64,
    pub no: Option<u64>,
    pub abstain: Option<u64>,
}

/// One decision as announced by the server.
#[derive(Debug, Serialize, Deserialize, Clone)]
pub struct DecisionLine {
    pub id: String,
    pub symbol: String,
    pub outcome: String,
    pub vetoed_by: Vec<String>,
    pub yes: u64,
    /// `null`: a show-of-hands count the source does not report.
    pub no: Option<u64>,
    pub abstain: Option<u64>,
    /// "recorded", "show_of_hands" or "without_vote".
    pub method: String,
    pub without_vote: bool,
    pub announcement: String,
    /// For a draft: its text after the amendments adopted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Vec<String>>,
}

/// A failure, with what to do about it.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    /// True for bad input (exit 2); false for a server or network failure (exit 1).
    pub input: bool,
}

fn input(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), input: true }
}

fn other(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), input: false }
}

pub fn run(args: Args) -> ExitCode {
    let text = match std::fs::read_to_string(&args.script) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("plenary replay: {}: {e}", args.script.display());
            return ExitCode::from(2);
        }
    };
    let script: Script = match serde_json::from_str(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("plenary replay: {}, line {}, column {}: {e}", args.script.display(), e.line(), e.column());
            return ExitCode::from(2);
        }
    };
    let token = match args.token.clone() {
        Some(t) => t,
        None => {
            let dir = args.data_dir.clone().unwrap_or_else(plenary_server::default_data_dir);
            let path = dir.join("secretariat.token");
            match std::fs::read_to_string(&path) {
                Ok(t) => t.trim().to_string(),
                Err(e) => {
                    eprintln!("plenary replay: cannot read the secretariat's token {}: {e} (give --token, or --data-dir of the server)", path.display());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("plenary replay: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match rt.block_on(replay(&script, &args.server, &token)) {
        Ok(lines) => {
            for l in &lines {
                if args.json {
                    println!("{}", serde_json::to_string(l).expect("a decision serialises"));
                } else {
                    let vetoed = if l.vetoed_by.is_empty() { String::new() } else { format!(" by {}", l.vetoed_by.join(", ")) };
                    let n = |c: Option<u64>| c.map(|c| c.to_string()).unwrap_or_else(|| "?".into());
                    let count = match l.method.as_str() {
                        "without_vote" => "without a vote".to_string(),
                        "show_of_hands" => format!("{}-{}-{}, show of hands", l.yes, n(l.no), n(l.abstain)),
                        _ => format!("{}-{}-{}, recorded", l.yes, n(l.no), n(l.abstain)),
                    };
                    println!("{:<12} {:<28} {}{} ({count})", l.id, l.symbol, l.outcome, vetoed);
                    if let Some(t) = &l.text {
                        for p in t {
                            println!("             | {p}");
                        }
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("plenary replay: {}: {}", args.script.display(), f.message);
            ExitCode::from(if f.input { 2 } else { 1 })
        }
    }
}

struct Api {
    base: String,
    client: reqwest::Client,
}

impl Api {
    async fn call(&self, method: reqwest::Method, path: &str, token: &str, body: Option<Value>) -> Result<Value, Failure> {
        // A server with its rate limit on answers 429 to a client that goes too fast (the
        // secretariat issuing 193 credentials): wait and try again, for up to two minutes.
        let mut waited = std::time::Duration::ZERO;
        let (status, v) = loop {
            let mut req = self.client.request(method.clone(), format!("{}{}", self.base, path)).bearer_auth(token);
            if let Some(b) = &body {
                req = req.json(b);
            }
            let resp = req.send().await.map_err(|e| other(format!("{method} {path}: {e}")))?;
            let status = resp.status();
            let text = resp.text().await.map_err(|e| other(format!("{method} {path}: {e}")))?;
            if status == reqwest::StatusCode::TOO_MANY_REQUESTS && waited < std::time::Duration::from_secs(120) {
                let pause = std::time::Duration::from_millis(250);
                tokio::time::sleep(pause).await;
                waited += pause;
                continue;
            }
            break (status, serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text)));
        };
        if !status.is_success() {
            let e = &v["error"];
            let field = e["field"].as_str().map(|f| format!(" (field {f})")).unwrap_or_default();
            let msg = format!("{method} {path}: the server refused ({status}): {}{field}", e["message"].as_str().unwrap_or(&v.to_string()));
            // A refusal of what the script asked for is bad input; a 5xx is the server's.
            return Err(if status.is_client_error() { input(msg) } else { other(msg) });
        }
        Ok(v)
    }
    async fn post(&self, path: &str, token: &str, body: Value) -> Result<Value, Failure> {
        self.call(reqwest::Method::POST, path, token, Some(body)).await
    }
    async fn get(&self, path: &str, token: &str) -> Result<Value, Failure> {
        self.call(reqwest::Method::GET, path, token, None).await
    }
}

fn motion_kind(s: &str) -> Option<MotionKind> {
    Some(match s {
        "suspend_meeting" => MotionKind::SuspendMeeting,
        "adjourn_meeting" => MotionKind::AdjournMeeting,
        "adjourn_meeting_to" => MotionKind::AdjournMeetingTo,
        "refer" => MotionKind::Refer,
        "postpone" => MotionKind::Postpone,
        "adjourn_debate" => MotionKind::AdjournDebate,
        "close_debate" => MotionKind::CloseDebate,
        _ => return None,
    })
}

/// Checks the script before anything is sent to the server: every field, and that `order`
/// and `amends` name items of the script.
pub fn check(script: &Script) -> Result<(), Failure> {
    let mut ids = BTreeSet::new();
    for (i, it) in script.items.iter().enumerate() {
        let at = format!("items[{i}] ({})", it.id);
        if !ids.insert(it.id.as_str()) {
            return Err(input(format!("{at}: the id is used twice")));
        }
        if !matches!(it.kind.as_str(), "draft" | "amendment" | "motion") {
            return Err(input(format!("{at}, field kind: {:?}: expected draft, amendment or motion", it.kind)));
        }
        if QuestionKind::from_code(&it.question).is_none() {
            return Err(input(format!("{at}, field question: {:?}: expected simple, two_thirds, procedural or substantive", it.question)));
        }
        if (it.kind == "amendment") != it.amends.is_some() {
            return Err(input(format!("{at}, field amends: an amendment, and only an amendment, names the id of the draft it amends")));
        }
        for (s, v) in &it.votes {
            if StateCode::parse(s).is_none() {
                return Err(input(format!("{at}, field votes: {s:?} is not a state code: expected ISO 3166-1 alpha-3")));
            }
            if !matches!(v.as_str(), "Y" | "N" | "A" | "X") {
                return Err(input(format!("{at}, field votes.{s}: {v:?}: expected Y, N, A or X")));
            }
        }
        if it.without_vote && (!it.votes.is_empty() || it.tally.is_some()) {
            return Err(input(format!("{at}: adopted without a vote, so it has no votes or tally")));
        }
        if it.tally.is_some() && !it.votes.is_empty() {
            return Err(input(format!(
                "{at}: both votes and tally: a vote is recorded (votes: every member's position) or by show of hands (tally: the counts only), not both"
            )));
        }
        if it.vetoed_by.is_some() && it.tally.is_none() {
            return Err(input(format!("{at}, field vetoed_by: only with a tally (a recorded vote shows its vetoes in its votes)")));
        }
        for s in it.vetoed_by.iter().flatten() {
            if StateCode::parse(s).is_none() {
                return Err(input(format!("{at}, field vetoed_by: {s:?} is not a state code: expected ISO 3166-1 alpha-3")));
            }
        }
    }
    for it in &script.items {
        if let Some(a) = &it.amends
            && !script.items.iter().any(|d| &d.id == a && d.kind == "draft")
        {
            return Err(input(format!("item {}, field amends: no draft with the id {a:?} in the script", it.id)));
        }
    }
    if let Some(order) = &script.order {
        for id in order {
            if !ids.contains(id.as_str()) {
                return Err(input(format!("field order: no item with the id {id:?}")));
            }
        }
    }
    Ok(())
}

fn order_items(script: &Script) -> Result<(BodyKind, Vec<OrderItem>), Failure> {
    let body = match script.body.as_str() {
        "GA" => BodyKind::GeneralAssembly,
        "SC" => BodyKind::SecurityCouncil,
        _ => BodyKind::Custom,
    };
    let mut items = Vec::new();
    for it in &script.items {
        let q = QuestionKind::from_code(&it.question).ok_or_else(|| input(format!("item {}, field question: {:?}", it.id, it.question)))?;
        items.push(match it.kind.as_str() {
            "draft" => OrderItem::proposal(&it.id, q),
            "amendment" => OrderItem::amendment(&it.id, it.amends.as_deref().unwrap_or_default()),
            _ => {
                let m = it.motion.as_deref().ok_or_else(|| {
                    input(format!("item {}, field motion: without `order`, a motion needs its kind for the engine (postpone, adjourn_debate, close_debate, adjourn_meeting, suspend_meeting, refer, adjourn_meeting_to)", it.id))
                })?;
                OrderItem::motion(&it.id, motion_kind(m).ok_or_else(|| input(format!("item {}, field motion: {m:?} is not a motion the engine knows", it.id)))?)
            }
        });
    }
    Ok((body, items))
}

/// The votes of a recorded vote: every vote the script gives, each by a member of the body.
pub fn recorded_votes(item: &ScriptItem, members: &[(String, bool)]) -> Result<BTreeMap<String, String>, Failure> {
    let codes: BTreeSet<&str> = members.iter().map(|(c, _)| c.as_str()).collect();
    for s in item.votes.keys() {
        if !codes.contains(s.as_str()) {
            return Err(input(format!("item {}, field votes: {s} is not a member of this body on this date", item.id)));
        }
    }
    Ok(item.votes.clone())
}

/// Runs the meeting and returns its decisions in the order taken.
pub async fn replay(script: &Script, server: &str, token: &str) -> Result<Vec<DecisionLine>, Failure> {
    check(script)?;
    let explicit = script.order.clone();
    let api = Api { base: server.trim_end_matches('/').to_string(), client: reqwest::Client::new() };
    let assembly = api
        .post(
            "/api/assemblies",
            token,
            json!({"name": script.title.clone().unwrap_or_else(|| format!("{} {}", script.body, script.date)), "body": script.body, "date": script.date,
                   "members": script.members, "permanent": script.permanent, "custom_toml": script.custom_toml}),
        )
        .await?;
    let assembly_id = assembly["id"].as_i64().ok_or_else(|| other("the server gave no assembly id"))?;
    let members: Vec<(String, bool)> = assembly["members"]
        .as_array()
        .map(|a| a.iter().map(|m| (m["state"].as_str().unwrap_or_default().to_string(), m["permanent"].as_bool().unwrap_or(false))).collect())
        .unwrap_or_default();
    let chair = api.post("/api/chairs", token, json!({"username": format!("replay-chair-{assembly_id}")})).await?;
    let chair_token = chair["token"].as_str().ok_or_else(|| other("the server gave no chair token"))?.to_string();
    // Delegations' credentials, a few at a time (each is an argon2 hash on the server).
    let creds: Vec<Result<(String, String), Failure>> = futures_util::stream::iter(members.iter().map(|(code, _)| {
        let api = &api;
        async move {
            let c = api.post(&format!("/api/assemblies/{assembly_id}/delegations"), token, json!({"state": code})).await?;
            Ok((code.clone(), c["token"].as_str().unwrap_or_default().to_string()))
        }
    }))
    .buffer_unordered(4)
    .collect()
    .await;
    let delegations: BTreeMap<String, String> = creds.into_iter().collect::<Result<_, _>>()?;
    let meeting = api
        .post("/api/meetings", token, json!({"assembly_id": assembly_id, "title": script.title.clone().unwrap_or_else(|| "Replayed meeting".into()), "chair_account_id": chair["account_id"]}))
        .await?;
    let meeting_id = meeting["id"].as_i64().ok_or_else(|| other("the server gave no meeting id"))?;
    api.post(&format!("/api/meetings/{meeting_id}/open"), &chair_token, json!({})).await?;
    let all: Vec<&str> = members.iter().map(|(c, _)| c.as_str()).collect();
    api.post(&format!("/api/meetings/{meeting_id}/attendance"), &chair_token, json!({"present": all})).await?;

    // Table every item, drafts first so amendments can name them.
    let mut doc_ids: BTreeMap<String, i64> = BTreeMap::new();
    let mut tabling: Vec<&ScriptItem> = script.items.iter().collect();
    tabling.sort_by_key(|i| i.kind == "amendment");
    for it in tabling {
        let amends = match &it.amends {
            Some(a) => Some(*doc_ids.get(a).ok_or_else(|| input(format!("item {}: amends {a:?}, not yet tabled", it.id)))?),
            None => None,
        };
        let d = api
            .post(
                &format!("/api/meetings/{meeting_id}/documents"),
                token,
                json!({"kind": it.kind, "symbol": it.symbol, "amends": amends, "question": it.question, "paragraphs": it.text, "edits": it.edits}),
            )
            .await
            .map_err(|f| Failure { message: format!("item {}: {}", it.id, f.message), ..f })?;
        doc_ids.insert(it.id.clone(), d["id"].as_i64().unwrap_or_default());
    }

    let by_id: BTreeMap<&str, &ScriptItem> = script.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut lines = Vec::new();
    let vote_on = |id: String| {
        let api = &api;
        let chair_token = &chair_token;
        let delegations = &delegations;
        let members = &members;
        let by_id = &by_id;
        let doc_ids = &doc_ids;
        async move {
            let it = by_id[id.as_str()];
            let doc = doc_ids[id.as_str()];
            if it.without_vote {
                let q = api.post(&format!("/api/meetings/{meeting_id}/questions"), chair_token, json!({"document_id": doc, "without_vote": true})).await?;
                return Ok::<_, Failure>((it, q, "without_vote"));
            }
            if let Some(t) = it.tally {
                // A show of hands: the chair enters the counts; no delegation votes by name.
                let q = api.post(&format!("/api/meetings/{meeting_id}/questions"), chair_token, json!({"document_id": doc, "method": "show_of_hands"})).await?;
                let qid = q["id"].as_i64().ok_or_else(|| other("the server gave no question id"))?;
                let closed = api
                    .post(&format!("/api/questions/{qid}/tally"), chair_token, json!({"yes": t.yes, "no": t.no, "abstain": t.abstain, "vetoed_by": it.vetoed_by}))
                    .await
                    .map_err(|f| Failure { message: format!("item {}: {}", it.id, f.message), ..f })?;
                return Ok((it, closed, "show_of_hands"));
            }
            let votes = recorded_votes(it, members)?;
            let q = api.post(&format!("/api/meetings/{meeting_id}/questions"), chair_token, json!({"document_id": doc})).await?;
            let qid = q["id"].as_i64().ok_or_else(|| other("the server gave no question id"))?;
            let casts: Vec<Result<Value, Failure>> = futures_util::stream::iter(votes.iter().filter(|(_, v)| v.as_str() != "X").map(|(s, v)| async move {
                let t = delegations.get(s).ok_or_else(|| other(format!("no delegation for {s}")))?;
                api.call(reqwest::Method::PUT, &format!("/api/questions/{qid}/votes/{s}"), t, Some(json!({"vote": v}))).await
            }))
            .buffer_unordered(16)
            .collect()
            .await;
            for c in casts {
                c?;
            }
            let closed = api.post(&format!("/api/questions/{qid}/close"), chair_token, json!({})).await?;
            Ok((it, closed, "recorded"))
        }
    };
    let mut engine = match &explicit {
        Some(_) => None,
        None => {
            let (body, items) = order_items(script)?;
            Some(VotingOrder::new(body, items).map_err(|e| input(format!("the engine cannot order the items: {e}")))?)
        }
    };
    let mut queue: std::collections::VecDeque<String> = explicit.clone().unwrap_or_default().into();
    loop {
        let id = match engine.as_mut() {
            None => match queue.pop_front() {
                Some(id) => id,
                None => break,
            },
            Some(order) => {
                let Some(step) = order.next() else { break };
                match step.action {
                    Action::Motion { motion, .. } => motion,
                    Action::Amendment { amendment, .. } => amendment,
                    Action::Proposal { proposal, .. } => proposal,
                    Action::WhetherToVoteOnNext { .. } => {
                        // The body proceeds to the next proposal (a script has no such vote).
                        order.record(plenary_rules::order::StepResult::Adopted).map_err(|e| other(e.to_string()))?;
                        continue;
                    }
                    other_action => return Err(input(format!("the engine asks for a step a script cannot give: {other_action:?}"))),
                }
            }
        };
        let (it, q, method) = vote_on(id.clone()).await?;
        let d = &q["decision"];
        let line = DecisionLine {
            id: it.id.clone(),
            symbol: it.symbol.clone(),
            outcome: d["outcome"].as_str().unwrap_or_default().to_string(),
            vetoed_by: d["vetoed_by"].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default(),
            yes: d["yes"].as_u64().unwrap_or(0),
            no: d["no"].as_u64(),
            abstain: d["abstain"].as_u64(),
            method: method.to_string(),
            without_vote: it.without_vote,
            announcement: d["announcement"].as_str().unwrap_or_default().to_string(),
            text: None,
        };
        if let Some(order) = engine.as_mut() {
            let outcome = match line.outcome.as_str() {
                "adopted" => Outcome::Adopted,
                "vetoed" => Outcome::Vetoed { by: line.vetoed_by.iter().filter_map(|s| StateCode::parse(s)).collect() },
                _ => Outcome::Rejected,
            };
            order.record_outcome(&outcome).map_err(|e| other(format!("the engine's order: {e}")))?;
        }
        lines.push(line);
    }
    for l in lines.iter_mut() {
        if by_id[l.id.as_str()].kind == "draft" {
            let d = api.get(&format!("/api/documents/{}", doc_ids[l.id.as_str()]), token).await?;
            l.text = Some(d["paragraphs"].as_array().map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect()).unwrap_or_default());
        }
    }
    Ok(lines)
}
