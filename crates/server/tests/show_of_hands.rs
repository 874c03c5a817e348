//! Votes by show of hands (GA rule 87: "The General Assembly shall normally vote by show of
//! hands or by standing, but any representative may request a recorded vote"; the Security
//! Council votes by show of hands too): the chair enters the counts, the engine decides from
//! the tally, and the record holds the counts, the outcome and the veto with no row for any
//! state. And the General Assembly's debate a veto schedules (A/RES/76/262, para. 1). On SQLite
//! and on PostgreSQL.

mod common;

use common::{Harness, Hall, TestDb, raw_pool};
use plenary_record::Store;
use serde_json::{Value, json};
use sqlx::Row;

on_both_databases!(
    a_show_of_hands_is_decided_from_the_chairs_counts_and_recorded_without_rows,
    what_a_show_of_hands_refuses,
    a_veto_schedules_the_general_assemblys_debate_within_ten_working_days,
);

/// The Security Council on 24 February 2025, every member present.
const SC: [&str; 15] = ["DZA", "CHN", "GUY", "KOR", "PAK", "PAN", "RUS", "SLE", "SOM", "USA", "DNK", "FRA", "GRC", "SVN", "GBR"];

async fn council(h: &Harness) -> Hall {
    h.hall(json!({"name": "Security Council", "body": "SC", "date": "2025-02-24"}), &SC, &SC).await
}

async fn put_by_show_of_hands(h: &Harness, hall: &Hall, document_id: i64) -> Value {
    let r = h.post(&format!("/api/meetings/{}/questions", hall.meeting_id), &hall.chair, json!({"document_id": document_id, "method": "show_of_hands"})).await;
    r.ok().clone()
}

async fn tally(h: &Harness, hall: &Hall, question: i64, t: Value) -> common::Reply {
    h.post(&format!("/api/questions/{question}/tally"), &hall.chair, t).await
}

/// The European amendment on Ukraine's sovereignty (SC-2025-02-24-EUAMD-SOVEREIGNTY in
/// data/fixtures/real_votes_public.json): 9 in favour, the Russian Federation voting no; the
/// other counts not reported.
async fn a_show_of_hands_is_decided_from_the_chairs_counts_and_recorded_without_rows(db: TestDb) {
    let h = db.start().await;
    let hall = council(&h).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "S/2025/US", "question": "substantive", "paragraphs": ["a", "b"]})).await;
    let a = h
        .table(&hall, json!({"kind": "amendment", "symbol": "S/2025/US/AMD.SOVEREIGNTY", "amends": d, "question": "substantive", "edits": [{"op": "insert", "after": 2, "text": "c"}]}))
        .await;
    let q = put_by_show_of_hands(&h, &hall, a).await;
    assert_eq!(q["method"], "show_of_hands");
    let qid = q["id"].as_i64().unwrap();
    let closed = tally(&h, &hall, qid, json!({"yes": 9, "vetoed_by": ["RUS"]})).await;
    let closed = closed.ok();
    let dec = &closed["decision"];
    assert_eq!((dec["outcome"].as_str(), dec["yes"].as_u64()), (Some("vetoed"), Some(9)), "{closed}");
    assert_eq!(dec["vetoed_by"], json!(["RUS"]));
    assert_eq!((dec["no"].clone(), dec["abstain"].clone()), (Value::Null, Value::Null), "not entered, not made up");
    assert!(closed["votes"].as_object().unwrap().is_empty(), "a show of hands has no votes by name");

    let store = Store::open(&db.url).await.unwrap();
    let ids = store.find_symbol("S/2025/US/AMD.SOVEREIGNTY").await.unwrap();
    let v = store.decision(ids[0]).await.unwrap().unwrap();
    assert_eq!(v.adoption, "show-of-hands");
    assert_eq!(v.outcome.as_deref(), Some("vetoed"));
    assert!(v.votes.is_empty(), "no state's vote is in the record: {:?}", v.votes);
    assert_eq!((v.sources[0].yes, v.sources[0].no, v.sources[0].abstain), (Some(9), None, None));
    // The veto is kept though there are no rows to show it.
    let pool = raw_pool(&db.url).await;
    let vetoes: Vec<String> = sqlx::query("SELECT state FROM decision_vetoes WHERE decision_id = $1")
        .bind(ids[0])
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>("state").unwrap())
        .collect();
    assert_eq!(vetoes, ["RUS"]);
    assert_eq!(v.vetoed_by, ["RUS"], "plenary show names the veto");
    // Plenary's own export carries it, and a restore into an empty record keeps it.
    let mut dump = Vec::new();
    store
        .export_plenary(&plenary_record::query::Filter::default(), |l| {
            serde_json::to_writer(&mut dump, l).unwrap();
            dump.push(b'\n');
            Ok(())
        })
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&dump).contains(r#""vetoed_by":["RUS"]"#), "the export names the veto");
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = Store::open(&copy_dir.path().join("copy.sqlite").display().to_string()).await.unwrap();
    copy.restore_plenary(&[("record.ndjson".to_string(), dump)]).await.unwrap();
    let restored = copy.decision(ids[0]).await.unwrap().unwrap();
    assert_eq!(restored.vetoed_by, ["RUS"], "the restored record keeps the veto");

    // All three counts: the invasion amendment, 6-1-8, failed for want of votes (not a veto,
    // though a permanent member may have voted no: who did is not declared and not needed).
    let a2 = h
        .table(&hall, json!({"kind": "amendment", "symbol": "S/2025/US/AMD.INVASION", "amends": d, "question": "substantive", "edits": [{"op": "replace", "paragraph": 1, "text": "x"}]}))
        .await;
    let q = put_by_show_of_hands(&h, &hall, a2).await;
    let closed = tally(&h, &hall, q["id"].as_i64().unwrap(), json!({"yes": 6, "no": 1, "abstain": 8})).await;
    let dec = &closed.ok()["decision"];
    assert_eq!((dec["outcome"].as_str(), dec["no"].as_u64(), dec["abstain"].as_u64()), (Some("rejected"), Some(1), Some(8)));
    assert_eq!(dec["vetoed_by"], json!([]));

    // Every action is an event of the chain, and the chain is intact.
    let kinds: Vec<String> = sqlx::query("SELECT kind FROM event_log ORDER BY seq DESC LIMIT 2").fetch_all(&pool).await.unwrap().iter().map(|r| r.try_get("kind").unwrap()).collect();
    assert_eq!(kinds, ["vote_closed", "vote_opened"]);
    let last: String = sqlx::query("SELECT payload FROM event_log ORDER BY seq DESC LIMIT 1").fetch_one(&pool).await.unwrap().try_get("payload").unwrap();
    let last: Value = serde_json::from_str(&last).unwrap();
    assert_eq!(last["method"], "show_of_hands");
    assert_eq!(last["positions"], json!({}));
    let db2 = plenary_server::Db::open_existing(&db.url).await.unwrap();
    let report = plenary_server::verify(&db2).await.unwrap();
    assert!(report.broken.is_none(), "{report:?}");
}

async fn what_a_show_of_hands_refuses(db: TestDb) {
    let h = db.start().await;
    let hall = council(&h).await;
    let d = h.table(&hall, json!({"kind": "draft", "symbol": "S/2025/X", "question": "substantive", "paragraphs": ["a"]})).await;
    // An unknown method.
    h.post(&format!("/api/meetings/{}/questions", hall.meeting_id), &hall.chair, json!({"document_id": d, "method": "acclamation"}))
        .await
        .refused(400, "invalid_method");
    let q = put_by_show_of_hands(&h, &hall, d).await;
    let qid = q["id"].as_i64().unwrap();
    // No delegation votes by name in a show of hands, and none enters the counts.
    h.vote(&hall, qid, "FRA", "Y").await.refused(409, "show_of_hands");
    let fra = hall.delegations["FRA"].clone();
    h.post(&format!("/api/questions/{qid}/tally"), &fra, json!({"yes": 15, "no": 0, "abstain": 0})).await.refused(403, "wrong_role");
    // The chair closes it with counts, not with POST .../close.
    h.post(&format!("/api/questions/{qid}/close"), &hall.chair, json!({})).await.refused(409, "show_of_hands");
    // Counts above the membership.
    tally(&h, &hall, qid, json!({"yes": 10, "no": 5, "abstain": 1})).await.refused(400, "counts_above_membership");
    // A veto by a member without one, by a non-member, or more vetoes than negative votes.
    tally(&h, &hall, qid, json!({"yes": 9, "no": 1, "abstain": 5, "vetoed_by": ["GUY"]})).await.refused(400, "not_permanent");
    tally(&h, &hall, qid, json!({"yes": 9, "no": 1, "abstain": 5, "vetoed_by": ["UKR"]})).await.refused(400, "not_a_member");
    tally(&h, &hall, qid, json!({"yes": 9, "no": 1, "abstain": 5, "vetoed_by": ["RUS", "CHN"]})).await.refused(400, "counts_contradict_veto");
    // An unknown field is refused, not ignored.
    tally(&h, &hall, qid, json!({"yes": 9, "no": 1, "abstain": 5, "votes": {"RUS": "N"}})).await.refused(422, "invalid_body");
    // Still open after every refusal; then closed by the chair's counts.
    assert_eq!(h.get(&format!("/api/questions/{qid}")).await.ok()["status"], "open");
    let closed = tally(&h, &hall, qid, json!({"yes": 15, "no": 0, "abstain": 0})).await;
    assert_eq!(closed.ok()["decision"]["outcome"], "adopted");
    tally(&h, &hall, qid, json!({"yes": 15, "no": 0, "abstain": 0})).await.refused(409, "vote_closed");

    // A tally on a recorded vote.
    let d2 = h.table(&hall, json!({"kind": "draft", "symbol": "S/2025/Y", "question": "substantive", "paragraphs": ["a"]})).await;
    let q2 = h.open_vote(&hall, d2).await;
    tally(&h, &hall, q2, json!({"yes": 15, "no": 0, "abstain": 0})).await.refused(409, "recorded_vote");
    h.close(&hall, q2).await;

    // Counts left out on which the outcome depends: refused, the chair must enter them.
    let seven = ["CHN", "DEU", "FRA", "GBR", "RUS", "UKR", "USA"];
    let ga = h.hall(json!({"name": "Seven", "body": "GA", "date": "2025-02-24", "members": seven}), &seven, &seven).await;
    let d3 = h.table(&ga, json!({"kind": "draft", "symbol": "A/80/L.7", "question": "simple", "paragraphs": ["a"]})).await;
    let q3 = put_by_show_of_hands(&h, &ga, d3).await;
    let r = tally(&h, &ga, q3["id"].as_i64().unwrap(), json!({"yes": 3})).await;
    let e = r.refused(409, "counts_needed");
    assert!(e["message"].as_str().unwrap().contains("enter them"), "{e}");
    // A veto in a body without one.
    tally(&h, &ga, q3["id"].as_i64().unwrap(), json!({"yes": 3, "no": 1, "abstain": 0, "vetoed_by": ["RUS"]})).await.refused(400, "not_permanent");
}

/// A/RES/76/262, operative paragraph 1: a veto cast on Monday 24 February 2025 obliges the
/// President of the General Assembly to convene a formal meeting by Monday 10 March 2025 (ten
/// working days, Monday to Friday; UN holidays are not modelled).
async fn a_veto_schedules_the_general_assemblys_debate_within_ten_working_days(db: TestDb) {
    let h = db.start().await;
    let seven = ["CHN", "DEU", "FRA", "GBR", "RUS", "UKR", "USA"];
    let ga = h.hall(json!({"name": "General Assembly", "body": "GA", "date": "2025-02-24", "members": seven}), &[], &[]).await;
    let sc = council(&h).await;
    assert_eq!(h.get(&format!("/api/assemblies/{}/scheduled", ga.assembly_id)).await.ok(), &json!([]));
    // A draft adopted: nothing to schedule.
    let d = h.table(&sc, json!({"kind": "draft", "symbol": "S/2025/A", "question": "substantive", "paragraphs": ["a"]})).await;
    let q = h.open_vote(&sc, d).await;
    for s in SC {
        h.vote(&sc, q, s, "Y").await.ok();
    }
    h.close(&sc, q).await;
    assert_eq!(h.get(&format!("/api/assemblies/{}/scheduled", ga.assembly_id)).await.ok(), &json!([]));
    // A recorded veto: 11 in favour, the Russian Federation against (the just-peace amendment,
    // GA/12677, with the other members' votes left out, as not voting).
    let d = h.table(&sc, json!({"kind": "draft", "symbol": "S/2025/B", "question": "substantive", "paragraphs": ["a"]})).await;
    let q = h.open_vote(&sc, d).await;
    for s in &SC[..11] {
        h.vote(&sc, q, s, if *s == "RUS" { "N" } else { "Y" }).await.ok();
    }
    let closed = h.close(&sc, q).await;
    assert_eq!(closed["decision"]["outcome"], "vetoed");
    // A veto by show of hands.
    let d2 = h.table(&sc, json!({"kind": "draft", "symbol": "S/2025/C", "question": "substantive", "paragraphs": ["a"]})).await;
    let q2 = put_by_show_of_hands(&h, &sc, d2).await;
    tally(&h, &sc, q2["id"].as_i64().unwrap(), json!({"yes": 9, "vetoed_by": ["RUS"]})).await.ok();

    let list = h.get(&format!("/api/assemblies/{}/scheduled", ga.assembly_id)).await;
    let list = list.ok().as_array().unwrap().clone();
    assert_eq!(list.len(), 2, "{list:?}");
    let symbols: Vec<&str> = list.iter().map(|s| s["symbol"].as_str().unwrap()).collect();
    assert_eq!(symbols, ["S/2025/B", "S/2025/C"]);
    for s in &list {
        assert_eq!((s["kind"].as_str(), s["vetoed_on"].as_str(), s["deadline"].as_str()), (Some("veto_debate"), Some("2025-02-24"), Some("2025-03-10")));
        assert_eq!(s["vetoed_by"], json!(["RUS"]));
        assert_eq!(s["source_assembly_id"].as_i64(), Some(sc.assembly_id));
        assert!(s["rule"].as_str().unwrap().contains("76/262"));
    }
    // The Council schedules nothing for itself; an unknown assembly is a 404.
    assert_eq!(h.get(&format!("/api/assemblies/{}/scheduled", sc.assembly_id)).await.ok(), &json!([]));
    h.get("/api/assemblies/999/scheduled").await.refused(404, "not_found");
    // The closing event holds the debate it scheduled; the chain is intact.
    let pool = raw_pool(&db.url).await;
    let last: String = sqlx::query("SELECT payload FROM event_log WHERE kind = 'vote_closed' ORDER BY seq DESC LIMIT 1").fetch_one(&pool).await.unwrap().try_get("payload").unwrap();
    let last: Value = serde_json::from_str(&last).unwrap();
    assert_eq!(last["veto_debates"][0]["deadline"], "2025-03-10");
    assert_eq!(last["veto_debates"][0]["assembly_id"].as_i64(), Some(ga.assembly_id));
    let db2 = plenary_server::Db::open_existing(&db.url).await.unwrap();
    assert!(plenary_server::verify(&db2).await.unwrap().broken.is_none());

    // The GA chair's console shows the debates due; the Council chair's does not.
    let page = chair_console(&h, ga.assembly_id).await;
    assert!(page.contains("id=\"veto-debates\""), "{page}");
    assert!(page.contains("S/2025/B") && page.contains("S/2025/C"), "{page}");
    assert!(page.contains("10 March 2025"), "the deadline, in the reader's words: {page}");
    let page = chair_console(&h, sc.assembly_id).await;
    assert!(!page.contains("id=\"veto-debates\""), "the Council has no debate to hold: {page}");
}

/// A new meeting of `assembly_id` with a new chair, and that chair's console as a signed-in
/// browser sees it (cookies kept by hand; no redirects followed).
async fn chair_console(h: &Harness, assembly_id: i64) -> String {
    let chair = h.post("/api/chairs", &h.secretariat, json!({"username": format!("console-chair-{assembly_id}")})).await.ok().clone();
    let m = h
        .post("/api/meetings", &h.secretariat, json!({"assembly_id": assembly_id, "title": "Console", "chair_account_id": chair["account_id"]}))
        .await
        .ok()
        .clone();
    let console = format!("/meetings/{}/chair", m["id"]);
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut cookies: Vec<String> = Vec::new();
    let keep = |resp: &reqwest::Response, cookies: &mut Vec<String>| {
        for v in resp.headers().get_all(reqwest::header::SET_COOKIE) {
            let pair = v.to_str().unwrap().split(';').next().unwrap().to_string();
            let name = pair.split('=').next().unwrap().to_string();
            cookies.retain(|c| !c.starts_with(&format!("{name}=")));
            cookies.push(pair);
        }
    };
    let form = client.get(format!("{}{console}", h.base)).send().await.unwrap();
    keep(&form, &mut cookies);
    let form = form.text().await.unwrap();
    let at = form.find("name=\"csrf\" value=\"").expect("a CSRF field") + "name=\"csrf\" value=\"".len();
    let csrf = &form[at..at + form[at..].find('"').unwrap()];
    let enc = |s: &str| s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect::<String>();
    let body = format!("csrf={}&next={}&user={}&password={}", enc(csrf), enc(&console), enc(chair["username"].as_str().unwrap()), enc(chair["password"].as_str().unwrap()));
    let r = client
        .post(format!("{}/login", h.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header(reqwest::header::COOKIE, cookies.join("; "))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "sign-in");
    keep(&r, &mut cookies);
    let page = client.get(format!("{}{console}", h.base)).header(reqwest::header::COOKIE, cookies.join("; ")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    page.text().await.unwrap()
}
