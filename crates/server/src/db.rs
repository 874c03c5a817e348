//! Opening the database: one code path (sqlx `AnyPool`) for SQLite and PostgreSQL, and the
//! migrations of `crates/record/migrations` (the record's 0001-0099 and the live tables
//! 0100-0199), so the live meeting and the historic record share one database.

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

/// Which database is behind the pool: where SQL must differ, the code asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    pub fn of_url(url: &str) -> Option<Dialect> {
        if url.starts_with("sqlite:") {
            Some(Dialect::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Dialect::Postgres)
        } else {
            None
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        }
    }
}

/// The database and what kind it is.
#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub dialect: Dialect,
    pub url: String,
    /// Serialises this process's changes before they reach the database's own lock (the
    /// chain head row), so writers queue here instead of polling a busy SQLite file.
    pub write_gate: std::sync::Arc<tokio::sync::Mutex<()>>,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("database URL {0:?}: expected sqlite://PATH or postgres://USER@HOST:PORT/DB")]
    BadUrl(String),
    #[error("cannot open database {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot migrate database {url}: {source}")]
    Migrate { url: String, source: sqlx::migrate::MigrateError },
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../record/migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../record/migrations/postgres");

/// Normalises a user's `--database`: a bare path becomes `sqlite://PATH?mode=rwc`.
pub fn normalise_url(url: &str) -> String {
    if Dialect::of_url(url).is_some() {
        if url.starts_with("sqlite:") && !url.contains('?') && !url.contains(":memory:") {
            return format!("{url}?mode=rwc");
        }
        return url.to_string();
    }
    if url.contains("://") {
        return url.to_string();
    }
    format!("sqlite://{url}?mode=rwc")
}

impl Db {
    /// Opens the database at `url` and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Db, OpenError> {
        Db::connect(url, true).await
    }

    /// Opens the database as it is, without migrating it (for `plenary verify`, which must
    /// not change what it checks).
    pub async fn open_existing(url: &str) -> Result<Db, OpenError> {
        Db::connect(url, false).await
    }

    async fn connect(url: &str, migrate: bool) -> Result<Db, OpenError> {
        install_default_drivers();
        let url = normalise_url(url);
        let dialect = Dialect::of_url(&url).ok_or_else(|| OpenError::BadUrl(url.clone()))?;
        let mut options = AnyPoolOptions::new();
        options = match dialect {
            // Writes are serialised anyway (the chain head); a few readers suffice. WAL lets
            // boards read while a vote commits; synchronous=FULL makes a commit durable before
            // the vote is acknowledged.
            Dialect::Sqlite => options.max_connections(8).after_connect(|conn, _| {
                Box::pin(async move {
                    // Before WAL: a new file takes the record's page size (the record's
                    // `Store::open` may create it instead; both give the same).
                    conn.execute(sqlx::AssertSqlSafe(format!("PRAGMA page_size = {}", plenary_record::store::PAGE_SIZE))).await?;
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA busy_timeout = 30000").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    Ok(())
                })
            }),
            Dialect::Postgres => options.max_connections(16),
        };
        let pool = options
            .connect(&url)
            .await
            .map_err(|source| OpenError::Connect { url: url.clone(), source })?;
        if !migrate {
            return Ok(Db { pool, dialect, url, write_gate: Default::default() });
        }
        let migrator = match dialect {
            Dialect::Sqlite => &SQLITE_MIGRATIONS,
            Dialect::Postgres => &POSTGRES_MIGRATIONS,
        };
        // The record and the server share the migrations folder; a binary built before a
        // newer migration was added must still open the database.
        let mut migrator = sqlx::migrate::Migrator::with_migrations(migrator.migrations.to_vec());
        migrator.set_ignore_missing(true);
        migrator
            .run(&pool)
            .await
            .map_err(|source| OpenError::Migrate { url: url.clone(), source })?;
        Ok(Db { pool, dialect, url, write_gate: Default::default() })
    }
}
