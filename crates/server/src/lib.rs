//! # plenary-server: live meetings over HTTP
//!
//! A presiding officer runs a meeting; delegations vote from their own devices; the board shows
//! every vote as it lands; the result is computed by the engine (`plenary_rules::decide`).
//! Every change is one event in a SHA-256 hash chain written in the same transaction
//! ([`chain`]), so a vote is acknowledged only once it is durable and an edit made by hand in
//! the database is found by [`chain::verify`].
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! let config = plenary_server::Config::new("sqlite:///tmp/plenary.sqlite", "/tmp/plenary");
//! let server = plenary_server::Server::start(config, "127.0.0.1:8080".parse()?).await?;
//! println!("listening on {}", server.addr);
//! server.wait().await?;
//! # Ok(()) }
//! ```
//!
//! Entry points: [`router`] (all routes), [`meeting`] (the procedure), [`chain`] (the log).

pub mod api;
pub mod auth;
pub mod board;
pub mod chain;
pub mod db;
pub mod error;
pub mod fits;
pub mod meeting;
pub mod pages;
pub mod rehearsal;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;

pub use chain::{Event, Verification, verify};
pub use db::{Db, Dialect};
pub use error::ApiError;
/// The database crate, for tools and tests that inspect the tables directly.
pub use sqlx;

/// How a server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    /// Where the first secretariat token is written (`secretariat.token`, mode 0600).
    pub data_dir: PathBuf,
    /// Requests per second allowed to one client (its bearer token, or its IP address without
    /// one), with bursts of `rate_burst`. `None`: no limit (load tests on loopback).
    pub rate_per_second: Option<u32>,
    pub rate_burst: u32,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
}

impl Config {
    pub fn new(database_url: impl Into<String>, data_dir: impl Into<PathBuf>) -> Config {
        Config {
            database_url: database_url.into(),
            data_dir: data_dir.into(),
            rate_per_second: Some(20),
            rate_burst: 100,
            body_limit: 256 * 1024,
        }
    }
}

/// The application state handed to every handler.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub boards: Arc<board::Boards>,
    /// Turns true when the server shuts down: open board streams end so shutdown can finish.
    pub shutdown: tokio::sync::watch::Receiver<bool>,
    /// The group commit of votes: every cast goes through this one writer ([`meeting::CastWriter`]).
    pub casts: meeting::CastWriter,
    /// The country pages' ideal points, fitted in the background ([`fits`]).
    pub fits: Arc<fits::IdealPointFits>,
}

impl AppState {
    /// Commits a change and, on SQLite, publishes its event to this process's boards (on
    /// PostgreSQL the LISTEN task publishes, for every process alike).
    pub async fn commit(
        &self,
        change: chain::Change,
        kind: &str,
        meeting_id: Option<i64>,
        actor: Option<i64>,
        payload: serde_json::Value,
    ) -> Result<Event, ApiError> {
        let event = change.commit(kind, meeting_id, actor, payload).await?;
        if self.db.dialect == Dialect::Sqlite {
            self.boards.publish(&event);
        }
        Ok(event)
    }
}

/// Time as stored: RFC 3339 UTC with microseconds.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Rate-limit key: the bearer token if there is one (one delegation, one budget), else the
/// browser session's cookie (a hall behind one NAT address holds many signed-in browsers, and
/// cookie sessions send no Authorization header), else the client's IP address. Tokens are
/// keyed by their SHA-256, as they are stored (`live_tokens.token_sha256`), so the limiter's
/// memory never holds a usable credential.
#[derive(Clone)]
struct ClientKey;

impl KeyExtractor for ClientKey {
    type Key = String;

    fn extract<T>(&self, req: &axum::http::Request<T>) -> Result<String, tower_governor::GovernorError> {
        Ok(client_key(req.headers(), req.extensions().get::<axum::extract::ConnectInfo<SocketAddr>>().map(|ci| ci.0)))
    }
}

/// The limiter's key for a request's headers and peer address (see [`ClientKey`]).
fn client_key(headers: &axum::http::HeaderMap, peer: Option<SocketAddr>) -> String {
    if let Some(auth) = headers.get(axum::http::header::AUTHORIZATION) {
        let token = String::from_utf8_lossy(auth.as_bytes());
        let token = token.strip_prefix("Bearer ").unwrap_or(&token);
        return format!("token:{}", auth::token_sha256(token.trim()));
    }
    if let Some(token) = pages::session_token(headers) {
        return format!("session:{}", auth::token_sha256(&token));
    }
    match peer {
        Some(a) => format!("ip:{}", a.ip()),
        None => "ip:unknown".to_string(),
    }
}

/// All routes, with tracing, the body limit and the rate limit, and `/api/openapi.json`.
pub fn router(state: AppState, config: &Config) -> axum::Router {
    let (routes, openapi) = api::routes();
    let openapi = Arc::new(openapi);
    // The web pages (issue 6) beside the API: `/`, `/decision/...`, `/meetings/{id}/board`...
    let routes = routes.merge(pages::router(state.clone()));
    let mut app = routes
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let doc = openapi.clone();
                async move { axum::Json((*doc).clone()) }
            }),
        )
        .fallback(|| async { ApiError::new(axum::http::StatusCode::NOT_FOUND, "not_found", "no such route") })
        .with_state(state)
        .layer(DefaultBodyLimit::max(config.body_limit));
    if let Some(per_second) = config.rate_per_second.filter(|r| *r > 0) {
        let governor = GovernorConfigBuilder::default()
            .period(Duration::from_nanos(1_000_000_000 / per_second as u64))
            .burst_size(config.rate_burst.max(1))
            .key_extractor(ClientKey)
            .finish()
            .expect("a positive period and burst");
        let limiter = governor.limiter().clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(60)).await;
                limiter.retain_recent();
            }
        });
        app = app.layer(GovernorLayer::new(governor).error_handler(|e| {
            let wait = match &e {
                tower_governor::GovernorError::TooManyRequests { wait_time, .. } => format!(": try again in {wait_time} s"),
                _ => String::new(),
            };
            ApiError::new(axum::http::StatusCode::TOO_MANY_REQUESTS, "rate_limited", format!("too many requests from this client{wait}"))
                .into_response()
        }));
    }
    app.layer(tower_http::trace::TraceLayer::new_for_http())
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Opens the database (migrating it), creates the first secretariat credential if there is
    /// no account yet, starts the PostgreSQL listener if needed, and serves on `addr`
    /// (port 0: any free port).
    pub async fn start(config: Config, addr: SocketAddr) -> Result<Server, Box<dyn std::error::Error + Send + Sync>> {
        let db = Db::open(&config.database_url).await?;
        if let Some(path) = auth::bootstrap_secretariat(&db, &config.data_dir).await? {
            tracing::info!(path = %path.display(), "first start: the secretariat's token was written (readable only by its owner)");
        }
        let boards = Arc::new(board::Boards::default());
        if db.dialect == Dialect::Postgres {
            let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
            tokio::spawn(board::listen_postgres(db.url.clone(), db.clone(), boards.clone(), ready_tx));
            // Serve only once LISTEN is in place, so no committed vote misses the boards.
            ready_rx.await.map_err(|_| "the PostgreSQL listener could not start")?;
        }
        let (stop, shutdown) = tokio::sync::watch::channel(false);
        let casts = meeting::CastWriter::spawn(db.clone(), boards.clone());
        let state = AppState { db, boards, shutdown: shutdown.clone(), fits: Arc::default(), casts };
        let app = router(state.clone(), &config);
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        // TCP_NODELAY: a board's stream is many small writes one way; with Nagle's algorithm a
        // write waits for the ACK of the one before (delayed up to 40 ms by the reader's
        // delayed ACK), which is a vote arriving late on the board for nothing.
        use axum::serve::ListenerExt;
        let listener = listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "cannot set TCP_NODELAY on a connection");
            }
        });
        tracing::info!(%addr, database = state.db.dialect.name(), "plenary server listening");
        let mut signal = shutdown;
        let task = tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
                .with_graceful_shutdown(async move {
                    let _ = signal.wait_for(|stop| *stop).await;
                })
                .await
        });
        Ok(Server { addr, state, stop, task })
    }

    /// Asks the server to stop: no new connections, open requests finish, boards are closed.
    pub fn shutdown(&self) {
        let _ = self.stop.send(true);
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) -> std::io::Result<()> {
        self.task.await.map_err(std::io::Error::other)?
    }

    /// Runs until Ctrl-C or SIGTERM, then shuts down gracefully.
    pub async fn run_until_signal(self) -> std::io::Result<()> {
        let stop = self.stop.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("shutting down");
            let _ = stop.send(true);
        });
        self.wait().await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The default data directory: `$PLENARY_HOME`, else `$XDG_DATA_HOME/plenary`, else
/// `~/.local/share/plenary` (the record's default database lives there too).
pub fn default_data_dir() -> PathBuf {
    if let Some(h) = std::env::var_os("PLENARY_HOME") {
        return PathBuf::from(h);
    }
    if let Some(x) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(x).join("plenary");
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    home.join(".local/share/plenary")
}
