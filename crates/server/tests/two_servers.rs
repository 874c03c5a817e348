//! Two servers on one PostgreSQL database serve the same meeting: a vote cast through one
//! appears on a board connected to the other (LISTEN/NOTIFY), in the same order.

mod common;

use std::time::Duration;

use common::TestDb;
use serde_json::json;

const FIVE: [&str; 5] = ["FRA", "GBR", "RUS", "UKR", "USA"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vote_cast_through_one_server_appears_on_the_board_of_another() {
    let Some(db) = TestDb::postgres().await else { return };
    let a = db.start().await;
    let b = db.start().await;
    assert_eq!(a.secretariat, b.secretariat, "the second server finds the first secretariat account");
    let hall = a.hall(json!({"name": "Five", "body": "GA", "date": "2025-02-24", "members": FIVE}), &FIVE, &FIVE).await;
    let d = a.table(&hall, json!({"kind": "draft", "symbol": "A/L.1", "question": "simple", "paragraphs": ["P1"]})).await;
    let mut board_b = b.board(hall.meeting_id).await;
    let mut board_a = a.board(hall.meeting_id).await;
    assert_eq!(board_b.next(Duration::from_secs(5)).await.unwrap().0, "snapshot");
    assert_eq!(board_a.next(Duration::from_secs(5)).await.unwrap().0, "snapshot");
    let q = a.open_vote(&hall, d).await;
    // Votes through both servers.
    let r1 = a.vote(&hall, q, "UKR", "Y").await.ok().clone();
    let r2 = b.vote(&hall, q, "RUS", "N").await.ok().clone();
    for board in [&mut board_a, &mut board_b] {
        let opened = board.until("vote_opened", Duration::from_secs(5)).await.expect("vote_opened");
        assert_eq!(opened["payload"]["question"]["id"], q);
        let c1 = board.next_vote(Duration::from_secs(5)).await.expect("first vote");
        assert_eq!(c1["seq"], r1["seq"]);
        assert_eq!(c1["state"], "UKR");
        let c2 = board.next_vote(Duration::from_secs(5)).await.expect("second vote");
        assert_eq!(c2["seq"], r2["seq"]);
        assert_eq!(c2["state"], "RUS");
        assert_eq!(c2["counts"], json!({"yes": 1, "no": 1, "abstain": 0}));
    }
    b.post(&format!("/api/questions/{q}/close"), &hall.chair, json!({})).await.ok();
    let closed = board_a.until("vote_closed", Duration::from_secs(5)).await.expect("the result on the other server's board");
    assert_eq!(closed["payload"]["decision"]["outcome"], "rejected");
    assert_eq!(closed["payload"]["decision"]["reason"], "equally-divided");
}
