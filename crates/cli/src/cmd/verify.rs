//! `plenary verify`: recompute the event log's hash chain and name the first broken link.
//!
//! Exit status: 0 the chain and the live tables agree; 1 a link is broken (or the database
//! cannot be read).

use std::process::ExitCode;

use super::db::DbArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let url = args.db.url();
    super::db::runtime().block_on(async move {
        let db = match plenary_server::Db::open_existing(&url).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!("plenary verify: {e}");
                return ExitCode::from(1);
            }
        };
        let v = match plenary_server::verify(&db).await {
            Ok(v) => v,
            Err(e) => {
                eprintln!("plenary verify: cannot read the event log of {url}: {e}");
                return ExitCode::from(1);
            }
        };
        if args.json {
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        } else if let Some(b) = &v.broken {
            println!("BROKEN at event {}: {}", b.seq, b.reason);
            println!("({} events before it verified)", (b.seq - 1).max(0));
        } else {
            println!("intact: {} events, head {}", v.events, v.head_hash);
        }
        if v.broken.is_some() { ExitCode::from(1) } else { ExitCode::SUCCESS }
    })
}
