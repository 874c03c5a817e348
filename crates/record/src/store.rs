//! The store: one SQLite file by default, PostgreSQL with the same code.
//!
//! One code path for both databases (sqlx `AnyPool`, plain `query`, `$N` placeholders): the
//! only dialect differences are the migration folders (column types) and the few statements in
//! [`Backend`]-guarded branches, each with its reason.

use std::path::PathBuf;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

/// Which database a [`Store`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// An error of the store or of an import into it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {url}: {source}")]
    Open { url: String, #[source] source: sqlx::Error },
    #[error("database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error(transparent)]
    Parse(#[from] crate::sources::ParseError),
    #[error("{0}")]
    Invalid(String),
    #[error("{path}: {source}")]
    Io { path: String, #[source] source: std::io::Error },
    /// An error of a call on SQLite's own API (the import's vote rows, see `import.rs`).
    #[error("database: {doing}: {message} (SQLite error {code})")]
    Sqlite { doing: String, code: i32, message: String },
}

/// The page size of a SQLite file Plenary creates (a file keeps the size it was created with).
///
/// 16 KiB, not SQLite's default 4 KiB: importing all of unvotes (870,109 votes, a 23 MB
/// file) then commits and checkpoints a quarter as many WAL frames, and the B-tree splits a
/// quarter as often (`bench/import_unvotes.sh`; medians of 8 alternating runs: commit 0.11 s
/// at 4 KiB, 0.07 s at 16 KiB, the import 0.08 s faster). Larger pages commit faster still
/// (64 KiB: no checkpoint until close), but a live vote's commit writes every page it
/// touches, a handful of them: 16 KiB keeps that near 100 KB, as PostgreSQL's 8 KiB and
/// InnoDB's 16 KiB pages do.
pub const PAGE_SIZE: u32 = 16_384;

/// Sets `$1` of the `meta` table to `$2` (the same statement on both databases), for
/// [`Store::set_meta`] and for an import that sets meta keys in its own transaction.
pub(crate) const SET_META_SQL: &str = "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/// The record: a pool over SQLite or PostgreSQL with the schema migrated.
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
    url: String,
}

/// The default database: `$PLENARY_HOME/plenary.sqlite`, else
/// `$XDG_DATA_HOME/plenary/plenary.sqlite`, else `~/.local/share/plenary/plenary.sqlite`
/// (the XDG base directory specification's default).
pub fn default_database_path() -> PathBuf {
    if let Some(home) = std::env::var_os("PLENARY_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(home).join("plenary.sqlite");
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("plenary").join("plenary.sqlite")
}

/// Turns what a user types (`sqlite://x.db`, `postgres://...`, or a bare path) into a URL.
pub fn normalise_url(url_or_path: &str) -> (Backend, String) {
    let s = url_or_path.trim();
    if s.starts_with("postgres://") || s.starts_with("postgresql://") {
        return (Backend::Postgres, s.to_string());
    }
    let path = s.strip_prefix("sqlite://").or_else(|| s.strip_prefix("sqlite:")).unwrap_or(s);
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let mut url = format!("sqlite://{path}");
    match query {
        Some(q) if q.contains("mode=") => url.push_str(&format!("?{q}")),
        Some(q) => url.push_str(&format!("?{q}&mode=rwc")),
        None if path == ":memory:" => {}
        None => url.push_str("?mode=rwc"),
    }
    (Backend::Sqlite, url)
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `url_or_path`.
    pub async fn open(url_or_path: &str) -> Result<Store, StoreError> {
        install_default_drivers();
        let (backend, url) = normalise_url(url_or_path);
        if backend == Backend::Sqlite {
            let path = url.trim_start_matches("sqlite://");
            let path = path.split('?').next().unwrap_or(path);
            if let Some(dir) = std::path::Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|source| StoreError::Io { path: dir.display().to_string(), source })?;
            }
        }
        let mut opts = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
        if backend == Backend::Sqlite {
            // WAL lets readers (the server, analysis) read while an import writes; NORMAL
            // sync is durable in WAL mode except for the last commit on power loss. The page
            // size comes first: it can only be set before the file's first table, and not at
            // all once it is in WAL mode (see [`PAGE_SIZE`]).
            opts = opts.max_connections(4).after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(sqlx::AssertSqlSafe(format!("PRAGMA page_size={PAGE_SIZE}"))).await?;
                    conn.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA foreign_keys=OFF;").await?;
                    Ok(())
                })
            });
        } else {
            opts = opts.max_connections(5);
        }
        let pool = opts
            .connect(&url)
            .await
            .map_err(|source| StoreError::Open { url: url.clone(), source })?;
        let store = Store { pool, backend, url };
        store.migrate().await?;
        Ok(store)
    }

    /// A connection of its own to this store's SQLite file, for an import (`import.rs`
    /// explains why), set up as the pool's connections are; `None` on PostgreSQL and for an
    /// in-memory SQLite database, which another connection would not see.
    pub(crate) async fn import_connection(&self) -> Result<Option<sqlx::SqlitePool>, StoreError> {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
        if self.backend != Backend::Sqlite || self.url.contains(":memory:") || self.url.contains("mode=memory") {
            return Ok(None);
        }
        let opts: SqliteConnectOptions = self.url.parse().map_err(|source| StoreError::Open { url: self.url.clone(), source })?;
        // The same settings as the pool's `after_connect` in [`Store::open`].
        let opts = opts
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(false)
            .pragma("temp_store", "MEMORY")
            .pragma("cache_size", "-65536");
        // A pool of one, so that the import's transaction owns its connection.
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(opts)
            .await
            .map_err(|source| StoreError::Open { url: self.url.clone(), source })?;
        Ok(Some(pool))
    }

    /// Opens the default database ([`default_database_path`]).
    pub async fn open_default() -> Result<Store, StoreError> {
        Store::open(&default_database_path().display().to_string()).await
    }

    /// Applies this crate's migrations (0001-0099). Later migrations of other crates (the
    /// server's 0100+) may already be applied: they are not an error.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let mut m = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        m.set_ignore_missing(true);
        m.run(&self.pool).await?;
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
    pub fn backend(&self) -> Backend {
        self.backend
    }
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A value of the `meta` table (e.g. the loaded bundle's version).
    pub async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        let v: Option<(String,)> = sqlx::query_as("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(v.map(|v| v.0))
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(SET_META_SQL)
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes the pool (checkpoints the SQLite WAL).
    pub async fn close(self) {
        self.pool.close().await;
    }
}
