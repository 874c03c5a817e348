//! `plenary rehearse --server URL --delegations 193 --observers 2000 [--duration S]`: simulates
//! a full hall against a running server (bounded concurrency, meant for loopback) and reports
//! the cast latency and the board lag, p50/p99/max. The measurement is
//! `plenary_server::rehearsal`, the same code as the full-hall test.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The server's base URL, e.g. http://127.0.0.1:8080.
    #[arg(long)]
    pub server: String,
    /// Delegations voting (1-193: the Members of the General Assembly on 24 February 2025).
    #[arg(long, default_value_t = 193, value_parser = clap::value_parser!(u16).range(1..=193))]
    pub delegations: u16,
    /// Boards connected while they vote.
    #[arg(long, default_value_t = 2000)]
    pub observers: usize,
    /// Keep voting rounds for this many seconds (at least one round).
    #[arg(long, default_value_t = 0.0)]
    pub duration: f64,
    /// Votes in flight at once.
    #[arg(long, default_value_t = 193)]
    pub concurrency: usize,
    /// The secretariat's bearer token (default: the token file `plenary serve` wrote).
    #[arg(long)]
    pub token: Option<String>,
    /// Where `plenary serve` keeps its data (default: $PLENARY_HOME, else ~/.local/share/plenary).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    if !(args.duration.is_finite() && args.duration >= 0.0) {
        eprintln!("plenary rehearse: --duration {}: expected a number of seconds, 0 or more", args.duration);
        return ExitCode::from(2);
    }
    let token = match args.token.clone() {
        Some(t) => t,
        None => {
            let path = args.data_dir.clone().unwrap_or_else(plenary_server::default_data_dir).join("secretariat.token");
            match std::fs::read_to_string(&path) {
                Ok(t) => t.trim().to_string(),
                Err(e) => {
                    eprintln!("plenary rehearse: cannot read the secretariat's token {}: {e} (give --token, or --data-dir of the server)", path.display());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let cfg = plenary_server::rehearsal::Rehearsal {
        server: args.server.clone(),
        token,
        delegations: args.delegations as usize,
        observers: args.observers,
        duration: Duration::from_secs_f64(args.duration),
        concurrency: args.concurrency,
    };
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("plenary rehearse: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match rt.block_on(plenary_server::rehearsal::rehearse(&cfg)) {
        Ok(r) => {
            if args.json {
                println!("{}", serde_json::to_string_pretty(&r).expect("a report serialises"));
            } else {
                println!(
                    "{}: {} delegations, {} boards, {} rounds, {} votes in {:.1} s",
                    r.database, r.delegations, r.observers, r.rounds, r.casts, r.seconds
                );
                println!("cast latency (sent -> durable receipt): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms", r.cast_latency.p50_ms, r.cast_latency.p99_ms, r.cast_latency.max_ms);
                println!(
                    "board lag (receipt -> on every board): p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms{}",
                    r.board_lag.p50_ms,
                    r.board_lag.p99_ms,
                    r.board_lag.max_ms,
                    if r.missed > 0 { format!("; {} votes never reached every board", r.missed) } else { String::new() }
                );
            }
            if r.missed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            eprintln!("plenary rehearse: {e}");
            ExitCode::from(1)
        }
    }
}
