//! What the record verbs share: the `--database` option, the runtime, error display.

use std::process::ExitCode;

use plenary_record::{Store, StoreError};

/// `--database URL`: `sqlite://PATH`, a bare path, or `postgres://...`. Default:
/// `$PLENARY_DATABASE`, else `$PLENARY_HOME/plenary.sqlite`, else
/// `~/.local/share/plenary/plenary.sqlite`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DbArgs {
    /// The record: `sqlite://PATH`, a bare path, or `postgres://...` [default: $PLENARY_DATABASE,
    /// else ~/.local/share/plenary/plenary.sqlite]
    #[arg(long, value_name = "URL", global = true)]
    pub database: Option<String>,
}

impl DbArgs {
    pub fn url(&self) -> String {
        self.database.clone().or_else(|| std::env::var("PLENARY_DATABASE").ok().filter(|v| !v.is_empty())).unwrap_or_else(|| plenary_record::default_database_path().display().to_string())
    }
}

/// A current-thread runtime: the verbs are short and mostly wait on one database.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime")
}

/// The meta key `import --no-bundle` sets: this record was built by hand from chosen files, so
/// the verbs must not pour the bundled record into it behind the user's back (`plenary init`
/// still loads it when asked).
pub const BUNDLE_DECLINED: &str = "bundle_declined";

/// Opens the record, loading the bundled record first if this database has never had it (and
/// its owner has not declined it with `import --no-bundle`).
pub async fn open(db: &DbArgs) -> Result<Store, StoreError> {
    let store = Store::open(&db.url()).await?;
    if store.meta(BUNDLE_DECLINED).await?.is_none() {
        crate::cmd::init::ensure_bundle(&store, false).await?;
    }
    Ok(store)
}

/// Prints an error and picks the exit status: 2 for bad input, 1 otherwise.
pub fn fail(verb: &str, e: &StoreError) -> ExitCode {
    eprintln!("plenary {verb}: {e}");
    match e {
        StoreError::Parse(_) | StoreError::Invalid(_) => ExitCode::from(2),
        _ => ExitCode::from(1),
    }
}
