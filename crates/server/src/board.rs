//! The live board: one broadcast channel per meeting carrying each committed event, serialised
//! once and shared by every connected screen (Server-Sent Events).
//!
//! On SQLite the process that committed an event publishes it. On PostgreSQL every process,
//! the committing one included, publishes what `LISTEN plenary_events` delivers: PostgreSQL
//! sends notifications in commit order, so every board, on every process, sees the same order.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use crate::chain::Event;

/// Room for bursts: a board that falls further behind is told to reload (`resync`).
const CHANNEL_CAPACITY: usize = 8192;

/// One event as boards receive it: the SSE event name and the JSON, serialised once.
#[derive(Debug, Clone)]
pub struct BoardMessage {
    pub seq: i64,
    pub kind: Arc<str>,
    pub json: Arc<str>,
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
        let Some(meeting_id) = event.meeting_id else { return };
        let sender = {
            let map = self.channels.lock().expect("board map lock");
            map.get(&meeting_id).cloned()
        };
        if let Some(sender) = sender {
            let json = serde_json::to_string(event).expect("an event serialises");
            // No receiver is not an error: nobody is watching this meeting.
            let _ = sender.send(BoardMessage { seq: event.seq, kind: event.kind.as_str().into(), json: json.into() });
        }
    }

    /// Tells every board to reload, e.g. after the PostgreSQL listener lost its connection
    /// (notifications sent meanwhile are lost).
    pub fn resync_all(&self) {
        let map = self.channels.lock().expect("board map lock");
        for sender in map.values() {
            let _ = sender.send(BoardMessage { seq: 0, kind: "resync".into(), json: "{}".into() });
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
