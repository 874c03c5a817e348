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
/// (`event: KIND`, `id: SEQ`, `data: JSON`), once for every board: a board task sends these
/// bytes as they are, and a group commit of votes is one message for all its events.
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
            let mut sse = Vec::with_capacity(run.len() * 256);
            for e in run {
                frame(e, &mut sse);
            }
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
                if n.payload().starts_with('{') {
                    match serde_json::from_str::<Event>(n.payload()) {
                        Ok(event) => boards.publish(&event),
                        Err(e) => tracing::warn!(error = %e, "unreadable event notification"),
                    }
                    continue;
                }
                let Ok(seq) = n.payload().parse::<i64>() else { continue };
                match crate::chain::load_event(&db, seq).await {
                    Ok(Some(event)) => boards.publish(&event),
                    Ok(None) => tracing::warn!(seq, "notified of an event that is not in the log"),
                    Err(e) => tracing::warn!(seq, error = %e, "cannot load a notified event"),
                }
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
