//! `plenary`: the command-line face of Plenary.
//!
//! Each verb lives in its own module under `cmd/` with an `Args` struct (clap derive) and a
//! `run(Args) -> ExitCode` function; `main` only parses and dispatches. To add a verb: add the
//! module to `cmd/mod.rs`, one variant to [`Command`] and one arm to the `match` below.
//!
//! Exit status: 0 success, 1 a failure of the program or its environment, 2 bad input (the
//! message names the file, line, column and field, and the form expected).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

#[derive(Parser, Debug)]
#[command(
    name = "plenary",
    version,
    about = "Decide, record and analyse votes as the UN General Assembly and Security Council do",
    propagate_version = true
)]
struct Cli {
    /// `--database` is global: `plenary --database X show ...` and `plenary show --database X`.
    #[command(flatten)]
    db: cmd::db::DbArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Decide one question: read the votes (or a tally) and print the outcome with its reason
    /// and the sentence the presiding officer would announce.
    Decide(cmd::decide::Args),
    /// Create the record and load the bundled public record (GA 1946-2026, SC 1946-2026).
    Init(cmd::init::Args),
    /// Import public voting data (unvotes, voeten, dgacm, undl-ga, undl-sc, sc-archive, fixtures).
    Import(cmd::import::Args),
    /// Show one resolution or draft: tallies, outcome, the states by vote, findings.
    Show(cmd::show::Args),
    /// List the findings: where sources disagree with their rows, the rules or each other.
    Check(cmd::check::Args),
    /// One state's votes.
    Country(cmd::country::Args),
    /// Find decisions by words of their title or description.
    Search(cmd::search::Args),
    /// Export the record, one row per state per decision (csv, ndjson or parquet).
    Export(cmd::export::Args),
    /// How often two states voted alike, by year or session (General Assembly).
    Agree(cmd::agree::Args),
    /// The closest and farthest partners of a state; `--on SYMBOL`: who voted with it on one
    /// decision.
    Partners(cmd::partners::Args),
    /// The agreement of every pair of states, by period (long CSV `period,a,b,value,votes`).
    Matrix(cmd::matrix::Args),
    /// Voting blocs: average-linkage clustering of the agreement matrix and a map of it.
    Blocs(cmd::blocs::Args),
    /// Ideal points: each state's position by year on the main dimension of GA voting.
    Idealpoints(cmd::idealpoints::Args),
    /// Draw agree, partners, matrix, blocs or idealpoints as an SVG chart (en, uk, ru).
    Plot(cmd::plot::Args),
    /// The Security Council's vetoed drafts and amendments, and who vetoed them.
    Vetoes(cmd::vetoes::Args),
    /// A press-release summary of a decision or a meeting, in English, Ukrainian or Russian.
    Coverage(cmd::coverage::Args),
    /// Run the live-meeting server: JSON API, live board, hash-chained event log.
    Serve(cmd::serve::Args),
    /// Recompute the event log's hash chain and name the first broken link.
    Verify(cmd::verify::Args),
    /// Drive a whole meeting through a running server's API from a script; print each decision.
    Replay(cmd::replay::Args),
    /// Simulate a full hall against a running server; report cast latency and board lag.
    Rehearse(cmd::rehearse::Args),
}

/// `plenary country RUS | head` must end quietly when `head` closes the pipe, as Unix tools
/// do, not print a panic: `println!` panics on a closed stdout. Restoring SIGPIPE's default
/// action would also kill the process on a socket's EPIPE (the server, the HTTP clients of
/// `replay`/`rehearse`, a PostgreSQL connection), so instead that one panic ends the process
/// with the status a shell gives a process killed by SIGPIPE (128 + 13).
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info.payload().downcast_ref::<String>().map(String::as_str).or_else(|| info.payload().downcast_ref::<&str>().copied()).unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    quiet_on_closed_stdout();
    let cli = Cli::parse();
    let db = cli.db;
    match cli.command {
        Command::Decide(args) => cmd::decide::run(args),
        Command::Init(mut args) => {
            args.db = db;
            cmd::init::run(args)
        }
        Command::Import(mut args) => {
            args.db = db;
            cmd::import::run(args)
        }
        Command::Show(mut args) => {
            args.db = db;
            cmd::show::run(args)
        }
        Command::Check(mut args) => {
            args.db = db;
            cmd::check::run(args)
        }
        Command::Country(mut args) => {
            args.db = db;
            cmd::country::run(args)
        }
        Command::Vetoes(mut args) => {
            args.db = db;
            cmd::vetoes::run(args)
        }
        Command::Search(mut args) => {
            args.db = db;
            cmd::search::run(args)
        }
        Command::Export(mut args) => {
            args.db = db;
            cmd::export::run(args)
        }
        Command::Agree(mut args) => {
            args.db = db;
            cmd::agree::run(args)
        }
        Command::Partners(mut args) => {
            args.db = db;
            cmd::partners::run(args)
        }
        Command::Matrix(mut args) => {
            args.db = db;
            cmd::matrix::run(args)
        }
        Command::Blocs(mut args) => {
            args.db = db;
            cmd::blocs::run(args)
        }
        Command::Idealpoints(mut args) => {
            args.db = db;
            cmd::idealpoints::run(args)
        }
        Command::Plot(mut args) => {
            args.db = db;
            cmd::plot::run(args)
        }
        Command::Coverage(mut args) => {
            args.db = db;
            cmd::coverage::run(args)
        }
        Command::Serve(mut args) => {
            args.db = db;
            cmd::serve::run(args)
        }
        Command::Verify(mut args) => {
            args.db = db;
            cmd::verify::run(args)
        }
        Command::Replay(args) => cmd::replay::run(args),
        Command::Rehearse(args) => cmd::rehearse::run(args),
    }
}
