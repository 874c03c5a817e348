//! `plenary coverage SYMBOL|MEETING --lang en|uk|ru [--format text|html]`: a press-release
//! summary of a decision or a meeting, written from the record in the UN's manner (issue 6
//! §3): "The General Assembly adopted resolution ES-11/7 by a recorded vote of 93 in favour to
//! 18 against (...), with 65 abstentions", naming the states of a minority of up to 20, the
//! amendments voted first and their fate, and vetoes.
//!
//! The record is read by `plenary_web::document::load_coverage`, the same reading as the
//! document page's, and the sentences come from `plenary_i18n::coverage` (Fluent).

use std::process::ExitCode;

use plenary_i18n::Lang;

use super::db::{self, DbArgs};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Set by `main` from the global `--database` option.
    #[arg(skip)]
    pub db: DbArgs,
    /// A resolution or draft ("A/RES/ES-11/1", "ES-11/8", "res 2774", "A/ES-11/L.11") or a
    /// meeting's record symbol ("A/ES-11/PV.5", "S/PV.9866").
    #[arg(required = true, num_args = 1..)]
    pub what: Vec<String>,
    /// The language of the summary: en, uk or ru.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub lang: Lang,
    /// text (paragraphs) or html (a <section> fragment, escaped).
    #[arg(long, default_value = "text", value_parser = ["text", "html"])]
    pub format: String,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("{s:?} is not a language of Plenary: expected en, uk or ru"))
}

pub fn run(args: Args) -> ExitCode {
    let what = args.what.join(" ");
    db::runtime().block_on(async move {
        let store = match db::open(&args.db).await {
            Ok(s) => s,
            Err(e) => return db::fail("coverage", &e),
        };
        let cov = match plenary_web::document::load_coverage(&store, &what).await {
            Ok(Some(c)) => c,
            Ok(None) => {
                eprintln!(
                    "plenary coverage: no decision or meeting {what:?} in the record; expected a resolution or draft symbol (A/RES/ES-11/1, ES-11/8, A/ES-11/L.11) or a meeting's record symbol (A/ES-11/PV.5, S/PV.9866)"
                );
                return ExitCode::from(2);
            }
            Err(e) => return db::fail("coverage", &e),
        };
        store.close().await;
        if args.format == "html" {
            print!("{}", cov.html(args.lang));
        } else {
            println!("{}\n", cov.heading(args.lang));
            println!("{}", cov.paragraphs(args.lang).join("\n\n"));
        }
        ExitCode::SUCCESS
    })
}
