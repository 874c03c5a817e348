//! The live board: one broadcast channel per meeting carrying each committed event, serialised
//! once and shared by every connected screen (Server-Sent Events).
//!
//! On SQLite the process that committed an event publishes it. On PostgreSQL every process,
//! the committing one included, publishes what `LISTEN plenary_events` delivers: PostgreSQL
//! sends notifications in commit order, so every board, on every process, sees the same order.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use tokio::sync::broadcast;

use crate::chain::Event;

/// Room for bursts: a board that falls further behind is told to reload (`resync`).
const CHANNEL_CAPACITY: usize = 8192;

/// One or more committed events as boards receive them, already framed as Server-Sent Events
/// (`event: KIND`, `id: SEQ`, `data: JSON`; a run of casts as one `event: votes`, see
/// [`frame_votes`]), once for every board: a board task sends these bytes as they are, and a
/// group commit of votes is one message for all its events.
#[derive(Debug, Clone)]
pub struct BoardMessage {
    /// The first and last event numbers in `sse`; 0 and 0 for a `resync`.
    pub first_seq: i64,
    pub last_seq: i64,
    pub sse: Bytes,
}

impl BoardMessage {
    /// The message that tells a board it missed events and must fetch the meeting again.
    pub fn resync() -> BoardMessage {
        BoardMessage { first_seq: 0, last_seq: 0, sse: Bytes::from_static(b"event: resync\ndata: {}\n\n") }
    }

    pub fn is_resync(&self) -> bool {
        self.last_seq == 0
    }
}

/// What a board shows of an event: its number, kind and payload (`{seq, kind, payload}`, as
/// `web/static/board.js` reads it). The chain's own fields (`recorded_at`, `prev_hash`,
/// `hash`, the acting account) stay in the log and in the delegation's receipt: a screen does
/// not need them, and with 2,000 boards receiving every vote each byte is sent 2,000 times
/// (they were 60% of a vote's message).
#[derive(serde::Serialize)]
struct OnBoard<'a> {
    seq: i64,
    kind: &'a str,
    payload: &'a serde_json::Value,
}

/// Appends one event, framed as SSE, to `out`.
fn frame(event: &Event, out: &mut Vec<u8>) {
    use std::io::Write;
    let json = serde_json::to_string(&OnBoard { seq: event.seq, kind: &event.kind, payload: &event.payload })
        .expect("an event serialises");
    // serde_json escapes every newline inside strings, so the data is one SSE line.
    let _ = write!(out, "event: {}\nid: {}\ndata: {}\n\n", event.kind, event.seq, json);
}

/// The question a `vote_cast` event is about, if the event is one.
fn cast_question(event: &Event) -> Option<i64> {
    if event.kind != "vote_cast" {
        return None;
    }
    event.payload.get("question_id")?.as_i64()
}

/// How many events from the start of `events` go in one `votes` message: the run of
/// `vote_cast` events on the same question whose numbers follow one another without a gap
/// (0 if the first event is not a cast). Consecutive numbers are what let a `votes` message
/// carry only `first` and `last`: the vote at index `i` is event `first + i`. The group-commit
/// writer appends a batch's votes one after the other in one transaction (a refused cast
/// appends nothing), so a batch's casts are consecutive; anything that breaks the run (another
/// kind, another question, a gap) simply starts a new message, so no number is ever implied
/// wrongly.
fn cast_run(events: &[Event]) -> usize {
    let Some(question) = events.first().and_then(cast_question) else { return 0 };
    let mut n = 1;
    while n < events.len() && events[n].seq == events[0].seq + n as i64 && cast_question(&events[n]) == Some(question) {
        n += 1;
    }
    n
}

/// Appends a run of `vote_cast` events (see [`cast_run`]) as one compact SSE event:
///
/// `event: votes`, `id: LAST`, `data: {"first":F,"last":L,"question_id":Q,"votes":[[STATE,VOTE,PREVIOUS],...],"counts":{...}}`
///
/// `votes[i]` is event `F + i`'s state, vote and previous vote (null if none), and `counts` are
/// the running counts after the last of them. About 17 bytes per vote instead of ~180 for an
/// event each, and 2,000 boards receive every byte. `first` and `last` lead the data line so a
/// reader that only times arrivals (the rehearsal) finds them without parsing JSON. The id is
/// the last event's number, so `Last-Event-ID` means the same as when each vote had its own.
fn frame_votes(run: &[Event], out: &mut Vec<u8>) {
    use std::io::Write;
    let first = run[0].seq;
    let last = run[run.len() - 1].seq;
    let question = cast_question(&run[0]).unwrap_or_default();
    let _ = write!(out, "event: votes\nid: {last}\ndata: {{\"first\":{first},\"last\":{last},\"question_id\":{question},\"votes\":[");
    for (i, e) in run.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let p = &e.payload;
        let entry = (p.get("state").unwrap_or(&serde_json::Value::Null), p.get("vote").unwrap_or(&serde_json::Value::Null), p.get("previous").unwrap_or(&serde_json::Value::Null));
        // A tuple serialises as a JSON array; strings are escaped, so the line stays one line.
        serde_json::to_writer(&mut *out, &entry).expect("a vote serialises");
    }
    out.extend_from_slice(b"],\"counts\":");
    serde_json::to_writer(&mut *out, run[run.len() - 1].payload.get("counts").unwrap_or(&serde_json::Value::Null)).expect("counts serialise");
    out.extend_from_slice(b"}\n\n");
}

/// Frames a meeting's events for its boards: each run of casts as one `votes` event, every
/// other event as itself.
fn frame_all(events: &[Event], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < events.len() {
        match cast_run(&events[i..]) {
            0 => {
                frame(&events[i], out);
                i += 1;
            }
            n => {
                frame_votes(&events[i..i + n], out);
                i += n;
            }
        }
    }
}

#[derive(Default)]
pub struct Boards {
    channels: Mutex<HashMap<i64, broadcast::Sender<BoardMessage>>>,
}

impl Boards {
    pub fn subscribe(&self, meeting_id: i64) -> broadcast::Receiver<BoardMessage> {
        let mut map = self.channels.lock().expect("board map lock");
        map.entry(meeting_id).or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0).subscribe()
    }

    /// Sends a committed event to every board of its meeting in this process.
    pub fn publish(&self, event: &Event) {
        self.publish_all(std::slice::from_ref(event));
    }

    /// Sends committed events, in order, to the boards of their meetings in this process: one
    /// message per meeting for all of its events, framed once.
    pub fn publish_all(&self, events: &[Event]) {
        let mut i = 0;
        while i < events.len() {
            let Some(meeting_id) = events[i].meeting_id else {
                i += 1;
                continue;
            };
            // A run of consecutive events of one meeting becomes one message.
            let mut j = i;
            while j < events.len() && events[j].meeting_id == Some(meeting_id) {
                j += 1;
            }
            let run = &events[i..j];
            i = j;
            let sender = {
                let map = self.channels.lock().expect("board map lock");
                map.get(&meeting_id).cloned()
            };
            let Some(sender) = sender else { continue };
            if sender.receiver_count() == 0 {
                continue;
            }
            let mut sse = Vec::with_capacity(256 + run.len() * 24);
            frame_all(run, &mut sse);
            // No receiver is not an error: nobody is watching this meeting.
            let _ = sender.send(BoardMessage { first_seq: run[0].seq, last_seq: run[run.len() - 1].seq, sse: sse.into() });
        }
    }

    /// Tells every board to reload, e.g. after the PostgreSQL listener lost its connection
    /// (notifications sent meanwhile are lost).
    pub fn resync_all(&self) {
        let map = self.channels.lock().expect("board map lock");
        for sender in map.values() {
            let _ = sender.send(BoardMessage::resync());
        }
    }

    /// Number of boards connected to a meeting in this process.
    pub fn watchers(&self, meeting_id: i64) -> usize {
        let map = self.channels.lock().expect("board map lock");
        map.get(&meeting_id).map(|s| s.receiver_count()).unwrap_or(0)
    }
}

/// On PostgreSQL: listens for committed events and publishes them to this process's boards.
pub async fn listen_postgres(url: String, db: crate::db::Db, boards: Arc<Boards>, ready: tokio::sync::oneshot::Sender<()>) {
    let mut listener = match sqlx::postgres::PgListener::connect(&url).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "cannot connect the PostgreSQL listener: boards will only see this process's votes after a reload");
            return;
        }
    };
    if let Err(e) = listener.listen(crate::chain::NOTIFY_CHANNEL).await {
        tracing::error!(error = %e, "LISTEN failed");
        return;
    }
    let _ = ready.send(());
    loop {
        match listener.try_recv().await {
            Ok(Some(n)) => {
                // This notification and every one already received behind it are published
                // together, so a committed batch of votes still reaches boards as one `votes`
                // event rather than one per vote.
                let mut events = Vec::new();
                let mut next = Some(n);
                while let Some(n) = next {
                    if let Some(event) = notified_event(&db, n.payload()).await {
                        events.push(event);
                    }
                    next = listener.next_buffered();
                }
                boards.publish_all(&events);
            }
            Ok(None) => {
                tracing::warn!("PostgreSQL listener reconnected: boards told to reload");
                boards.resync_all();
            }
            Err(e) => {
                tracing::warn!(error = %e, "PostgreSQL listener error; retrying");
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }
    }
}

/// The event a notification names: the event itself as JSON, or its number when the event was
/// too large for a notification (then read from the log). `None`, logged, if neither works.
async fn notified_event(db: &crate::db::Db, payload: &str) -> Option<Event> {
    if payload.starts_with('{') {
        return match serde_json::from_str::<Event>(payload) {
            Ok(event) => Some(event),
            Err(e) => {
                tracing::warn!(error = %e, "unreadable event notification");
                None
            }
        };
    }
    let seq = payload.parse::<i64>().ok()?;
    match crate::chain::load_event(db, seq).await {
        Ok(Some(event)) => Some(event),
        Ok(None) => {
            tracing::warn!(seq, "notified of an event that is not in the log");
            None
        }
        Err(e) => {
            tracing::warn!(seq, error = %e, "cannot load a notified event");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(seq: i64, kind: &str, payload: serde_json::Value) -> Event {
        Event {
            seq,
            recorded_at: String::new(),
            kind: kind.into(),
            meeting_id: Some(1),
            actor_account_id: None,
            payload,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    fn cast(seq: i64, question: i64, state: &str, vote: &str, previous: Option<&str>, yes: u64) -> Event {
        event(seq, "vote_cast", json!({"question_id": question, "state": state, "vote": vote, "previous": previous, "counts": {"yes": yes, "no": 0, "abstain": 0}}))
    }

    fn framed(events: &[Event]) -> String {
        let mut out = Vec::new();
        frame_all(events, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn consecutive_casts_on_one_question_are_one_votes_event() {
        let sse = framed(&[cast(10, 3, "UKR", "Y", None, 1), cast(11, 3, "FRA", "Y", Some("N"), 2)]);
        assert!(sse.starts_with("event: votes\nid: 11\ndata: {\"first\":10,\"last\":11,"), "{sse}");
        assert!(sse.ends_with("}\n\n") && sse.matches('\n').count() == 4, "one event, one data line: {sse}");
        let data: serde_json::Value = serde_json::from_str(sse.lines().nth(2).unwrap().strip_prefix("data: ").unwrap()).unwrap();
        assert_eq!(
            data,
            json!({"first": 10, "last": 11, "question_id": 3, "votes": [["UKR", "Y", null], ["FRA", "Y", "N"]], "counts": {"yes": 2, "no": 0, "abstain": 0}})
        );
    }

    #[test]
    fn a_gap_another_question_or_another_kind_starts_a_new_event() {
        let sse = framed(&[
            cast(10, 3, "UKR", "Y", None, 1),
            cast(12, 3, "FRA", "Y", None, 2),
            cast(13, 4, "GBR", "N", None, 0),
            event(14, "vote_closed", json!({"question_id": 4})),
            cast(15, 4, "USA", "A", None, 0),
        ]);
        let heads: Vec<&str> = sse.lines().filter(|l| l.starts_with("event:") || l.starts_with("id:")).collect();
        assert_eq!(
            heads,
            ["event: votes", "id: 10", "event: votes", "id: 12", "event: votes", "id: 13", "event: vote_closed", "id: 14", "event: votes", "id: 15"]
        );
        assert!(sse.contains("data: {\"first\":12,\"last\":12,\"question_id\":3,"));
    }

    #[test]
    fn a_batch_of_193_votes_costs_about_twenty_bytes_a_vote() {
        let states: Vec<String> = (0..193).map(|i| format!("S{i:02}")).collect();
        let run: Vec<Event> = states.iter().enumerate().map(|(i, s)| cast(100 + i as i64, 1, s, "Y", None, i as u64 + 1)).collect();
        let bytes = framed(&run).len();
        assert!(bytes <= 193 * 20, "{bytes} bytes for 193 votes");
    }
}
