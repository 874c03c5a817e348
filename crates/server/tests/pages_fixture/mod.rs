//! What the page tests share (tests/pages.rs and tests/browser.rs): a server whose database
//! holds the real record of the eleventh emergency special session (DGACM's ES-11 file in
//! data/record) and a live General Assembly with delegations signed up by the secretariat.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::common::{Harness, TestDb};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Loads data/record/dgacm/ES-11.json.gz into the test database through the record's importer.
pub async fn import_es11(db: &TestDb) {
    let path = repo().join("data/record/dgacm/ES-11.json.gz");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let store = plenary_record::Store::open(&db.url).await.expect("the record opens");
    store
        .import_files("dgacm", &[("ES-11.json.gz".to_string(), bytes)], plenary_rules::states::Registry::bundled())
        .await
        .expect("ES-11 imports");
    store.close().await;
}

/// Loads the bundle's verified votes of 24 February 2025 (data/fixtures: the Security
/// Council's vote on S/RES/2774 (2025) and its two European amendments, and the General
/// Assembly's votes of that day) through the record's importer.
pub async fn import_fixtures(db: &TestDb) {
    let part = plenary_record::bundle::PARTS.iter().find(|p| p.format == "fixtures").expect("the bundle has its fixtures part");
    let files: Vec<(String, Vec<u8>)> = part.files.iter().map(|(name, bytes)| (format!("data/{name}"), bytes.to_vec())).collect();
    let store = plenary_record::Store::open(&db.url).await.expect("the record opens");
    store.import_files(part.format, &files, plenary_rules::states::Registry::bundled()).await.expect("the fixtures import");
    store.close().await;
}

/// A user name and password, as the secretariat issued them.
#[derive(Clone, Debug)]
pub struct Login {
    pub username: String,
    pub password: String,
}

pub struct LiveHall {
    pub meeting_id: i64,
    pub chair: Login,
    pub chair_token: String,
    pub delegations: BTreeMap<String, Login>,
}

/// A General Assembly of `members` on 2025-02-24, a chair, a delegation for each member, a
/// meeting opened with everyone present, and one draft tabled (not yet put to the vote).
pub async fn live_hall(h: &Harness, members: &[&str]) -> LiveHall {
    let draft = json!({"kind": "draft", "symbol": "A/ES-11/L.99", "question": "two_thirds",
                       "paragraphs": ["Reaffirms its commitment to the sovereignty, independence, unity and territorial integrity of Ukraine within its internationally recognized borders,"]});
    live_hall_in(h, json!({"name": "General Assembly", "body": "GA", "date": "2025-02-24", "members": members}), "A/ES-11/PV.99", members, draft).await
}

/// The Security Council of 24 February 2025 (its fifteen members as `data/membership` gives
/// them for that day, all present), a chair and a delegation each, a meeting opened and one
/// substantive draft tabled.
pub async fn live_council(h: &Harness) -> LiveHall {
    const SC: [&str; 15] = ["DZA", "CHN", "GUY", "KOR", "PAK", "PAN", "RUS", "SLE", "SOM", "USA", "DNK", "FRA", "GRC", "SVN", "GBR"];
    let draft = json!({"kind": "draft", "symbol": "S/2025/L.1", "question": "substantive", "paragraphs": ["Decides to remain seized of the matter."]});
    live_hall_in(h, json!({"name": "Security Council", "body": "SC", "date": "2025-02-24"}), "S/PV.9999", &SC, draft).await
}

/// A live hall of the assembly `assembly` (the API's body): a meeting `title` with `members`
/// signed up and present, and `draft` tabled.
pub async fn live_hall_in(h: &Harness, assembly: Value, title: &str, members: &[&str], draft: Value) -> LiveHall {
    let a = h.post("/api/assemblies", &h.secretariat, assembly).await;
    let assembly_id = a.ok()["id"].as_i64().unwrap();
    let c = h.post("/api/chairs", &h.secretariat, json!({"username": "president"})).await;
    let c = c.ok().clone();
    let login = |v: &Value| Login { username: v["username"].as_str().unwrap().into(), password: v["password"].as_str().unwrap().into() };
    let mut delegations = BTreeMap::new();
    for code in members {
        let d = h.post(&format!("/api/assemblies/{assembly_id}/delegations"), &h.secretariat, json!({"state": code})).await;
        delegations.insert(code.to_string(), login(d.ok()));
    }
    let m = h.post("/api/meetings", &h.secretariat, json!({"assembly_id": assembly_id, "title": title, "chair_account_id": c["account_id"]})).await;
    let meeting_id = m.ok()["id"].as_i64().unwrap();
    let chair_token = c["token"].as_str().unwrap().to_string();
    h.post(&format!("/api/meetings/{meeting_id}/open"), &chair_token, json!({})).await.ok();
    h.post(&format!("/api/meetings/{meeting_id}/attendance"), &chair_token, json!({"present": members})).await.ok();
    h.post(&format!("/api/meetings/{meeting_id}/documents"), &h.secretariat, draft).await.ok();
    LiveHall { meeting_id, chair: login(&c), chair_token, delegations }
}
