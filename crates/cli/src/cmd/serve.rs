//! `plenary serve`: run the live-meeting server (HTTP API, live board, event log).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use super::db::DbArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// Where the first secretariat token is written (default: $PLENARY_HOME, else
    /// ~/.local/share/plenary).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Requests per second allowed to one client (its token, or its IP address); 0: no limit.
    #[arg(long, default_value_t = 20)]
    pub rate_limit: u32,
    /// Burst allowed above the rate.
    #[arg(long, default_value_t = 100)]
    pub rate_burst: u32,
}

pub fn run(args: Args) -> ExitCode {
    init_logs();
    let data_dir = args.data_dir.clone().unwrap_or_else(plenary_server::default_data_dir);
    let url = args.db.url();
    if !url.contains("://") && !url.starts_with("sqlite:") {
        if let Some(parent) = std::path::Path::new(&url).parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("plenary serve: cannot create {}: {e}", parent.display());
                return ExitCode::from(1);
            }
        }
    }
    let mut config = plenary_server::Config::new(url, data_dir);
    config.rate_per_second = (args.rate_limit > 0).then_some(args.rate_limit);
    config.rate_burst = args.rate_burst;
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("plenary serve: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    rt.block_on(async move {
        let server = match plenary_server::Server::start(config, args.addr).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("plenary serve: {e}");
                return ExitCode::from(1);
            }
        };
        eprintln!("plenary serve: listening on http://{} (API description at /api/openapi.json)", server.addr);
        match server.run_until_signal().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("plenary serve: {e}");
                ExitCode::from(1)
            }
        }
    })
}

/// Structured logs on stderr; `RUST_LOG` overrides the default level.
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
