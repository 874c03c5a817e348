//! `plenary decide [FILE|-] [--json]`: decide one question.
//!
//! Reads one question (JSON, see `examples/`), checks every state against the membership of
//! the body on the date, and prints the outcome with its reason and the announcement. Bad
//! input exits with status 2 and a message `FILE:LINE:COLUMN: FIELD: what is wrong; expected`.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use plenary_rules::states::Registry;
use plenary_rules::{
    Ballot, Body, BodyKind, Date, DecideError, Decision, Question, QuestionKind, StateCode,
    Subject, Tally, Vote, VoteRecord, decide,
};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

#[derive(clap::Args, Debug)]
#[command(after_help = "Input (JSON):
  { \"body\": \"GA\" | \"SC\" | \"<custom body id>\", \"date\": \"2025-02-24\",
    \"question\": \"simple\" | \"two_thirds\" | \"procedural\" | \"substantive\",
    \"votes\": { \"UKR\": \"Y\", \"USA\": \"N\", \"CHN\": \"A\", \"VEN\": \"X\" },
    \"tally\": { \"yes\": 93, \"no\": 18, \"abstain\": 65 },
    \"permanent_against\": [\"RUS\"], \"parties_abstaining\": [] }
Optional: \"subject\" (draft_resolution, draft_decision, amendment, motion, proposal),
\"symbol\", \"adopted_as\", \"article_19\" (GA Members without a vote), \"body_file\".
Members not listed in votes are absent. A custom body is read from --body-file, the input's
\"body_file\", or <id>.toml beside the input file.

Exit status: 0 decided, 2 bad input (the message names file, line, column and field).")]
pub struct Args {
    /// The question as JSON; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Print the decision as JSON instead of a readable summary.
    #[arg(long)]
    pub json: bool,
    /// A custom body definition (TOML), used when the input's "body" names its id.
    #[arg(long = "body-file", value_name = "TOML")]
    pub body_file: Vec<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    match decide_file(&args) {
        Ok((decision, names)) => {
            if args.json {
                let out = DecisionOut::from(&decision);
                match serde_json::to_string_pretty(&out) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("plenary decide: cannot write JSON: {e}");
                        return ExitCode::from(1);
                    }
                }
            } else {
                print!("{}", summary(&decision, &names));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("plenary decide: {e}");
            ExitCode::from(2)
        }
    }
}

/// A bad input, located.
#[derive(Debug)]
pub struct InputError {
    file: String,
    at: Option<(usize, usize)>,
    field: Option<String>,
    message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((l, c)) = self.at {
            write!(f, ":{l}:{c}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The JSON printed with `--json`: the output shape, plus the majority and the rule.
#[derive(Serialize)]
struct DecisionOut {
    outcome: &'static str,
    vetoed_by: Vec<String>,
    yes: Option<u64>,
    no: Option<u64>,
    abstain: Option<u64>,
    non_voting: Option<u64>,
    absent: Option<u64>,
    present_and_voting: Option<u64>,
    required: Option<u64>,
    reason: &'static str,
    announcement: String,
    majority: String,
    rule: &'static str,
}

/// A decision, with the figures that are the same for every reading of the input (`None`
/// where a count was not given and the figure depends on it).
pub struct Decided {
    first: Decision,
    yes: Option<u64>,
    no: Option<u64>,
    abstain: Option<u64>,
    non_voting: Option<u64>,
    absent: Option<u64>,
    present_and_voting: Option<u64>,
    required: Option<u64>,
    announcement: String,
    /// How many readings of missing counts were decided (1 when nothing was missing).
    readings: usize,
}

impl From<&Decided> for DecisionOut {
    fn from(d: &Decided) -> Self {
        DecisionOut {
            outcome: d.first.outcome.code(),
            vetoed_by: d
                .first
                .outcome
                .vetoed_by()
                .iter()
                .map(|c| c.to_string())
                .collect(),
            yes: d.yes,
            no: d.no,
            abstain: d.abstain,
            non_voting: d.non_voting,
            absent: d.absent,
            present_and_voting: d.present_and_voting,
            required: d.required,
            reason: d.first.reason.code(),
            announcement: d.announcement.clone(),
            majority: d.first.majority.describe(),
            rule: d.first.rule,
        }
    }
}

/// Names for the summary.
struct Names {
    body: String,
    date: Option<Date>,
    question: QuestionKind,
    vetoed_by: Vec<String>,
}

fn summary(dd: &Decided, n: &Names) -> String {
    let on = n.date.map(|d| format!(", {d}")).unwrap_or_default();
    let d = &dd.first;
    let f = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_else(|| "?".into());
    let note = if dd.readings > 1 {
        format!(
            "\nCounts marked ? were not given; the outcome is the same for all {} possible values.\n",
            dd.readings
        )
    } else {
        String::new()
    };
    let outcome = match &d.outcome {
        plenary_rules::Outcome::Vetoed { .. } => format!("VETOED by {}", n.vetoed_by.join(", ")),
        o => o.code().to_uppercase(),
    };
    format!(
        "{}{on}: {} question ({})\n\
         Outcome:  {outcome}\n\
         Votes:    {} in favour, {} against, {} abstaining, {} present not voting, {} absent\n\
         Required: {} votes in favour{}; {} present and voting\n\
         Reason:   {}\n{note}\n{}\n",
        n.body,
        n.question,
        d.rule,
        f(dd.yes),
        f(dd.no),
        f(dd.abstain),
        f(dd.non_voting),
        f(dd.absent),
        f(dd.required),
        match d.majority {
            plenary_rules::Majority::AffirmativeVotes { .. } => String::new(),
            m => format!(" ({})", m.describe()),
        },
        f(dd.present_and_voting),
        d.reason.code(),
        dd.announcement,
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    body: String,
    date: Option<String>,
    question: String,
    subject: Option<String>,
    symbol: Option<String>,
    adopted_as: Option<String>,
    votes: Option<Votes>,
    tally: Option<TallyIn>,
    permanent_against: Option<Vec<String>>,
    #[serde(default)]
    parties_abstaining: Vec<String>,
    #[serde(default)]
    article_19: Vec<String>,
    body_file: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TallyIn {
    yes: u64,
    /// Optional when a source does not report it: the question is decided for every number
    /// consistent with the rest, and must come out the same.
    no: Option<u64>,
    abstain: Option<u64>,
    #[serde(default)]
    non_voting: u64,
}

/// The `votes` object, read key by key: serde_json would silently keep the last of two equal
/// keys, and a vote counted twice must be refused.
struct Votes(BTreeMap<StateCode, Vote>);

impl<'de> Deserialize<'de> for Votes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Votes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object mapping state codes to \"Y\", \"N\", \"A\" or \"X\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Votes, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let code = StateCode::parse(&key).filter(|_| key.chars().all(|c| c.is_ascii_uppercase())).ok_or_else(|| {
                        de::Error::custom(format!(
                            "votes: {key:?} is not a state code; expected an ISO 3166-1 alpha-3 code in capitals such as \"UKR\" (ISO 3166-3 for former states: SUN, YUG, CSK, DDR, YMD)"
                        ))
                    })?;
                    let value: String = map.next_value()?;
                    let vote = match value.as_str() {
                        "Y" => Vote::Yes,
                        "N" => Vote::No,
                        "A" => Vote::Abstain,
                        "X" => Vote::NonVoting,
                        _ => {
                            return Err(de::Error::custom(format!(
                                "votes.{key}: {value:?} is not a vote; expected \"Y\" (yes), \"N\" (no), \"A\" (abstain) or \"X\" (present, not voting); leave absent members out"
                            )));
                        }
                    };
                    if out.insert(code, vote).is_some() {
                        return Err(de::Error::custom(format!(
                            "votes: {key} is given a vote twice"
                        )));
                    }
                }
                Ok(Votes(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// The byte offset of `"key"` used as an object key, searching from `from`.
fn find_key(text: &str, from: usize, key: &str) -> Option<usize> {
    let needle = format!("\"{key}\"");
    let mut start = from;
    while let Some(i) = text.get(start..)?.find(&needle) {
        let at = start + i;
        let rest = text[at + needle.len()..].trim_start();
        if rest.starts_with(':') {
            return Some(at);
        }
        start = at + needle.len();
    }
    None
}

/// The byte offset of the string value `"value"` after the key `field`.
fn find_value(text: &str, field: &str, value: &str) -> Option<usize> {
    let k = find_key(text, 0, field)?;
    text[k..].find(&format!("\"{value}\"")).map(|i| k + i)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
}

impl Ctx<'_> {
    fn err(&self, field: &str, offset: Option<usize>, message: impl Into<String>) -> InputError {
        InputError {
            file: self.file.to_string(),
            at: offset.map(|o| line_col(self.text, o)),
            field: Some(field.to_string()),
            message: message.into(),
        }
    }
    /// An error on a top-level field.
    fn at_field(&self, field: &str, message: impl Into<String>) -> InputError {
        self.err(field, find_key(self.text, 0, field), message)
    }
    /// An error on a key inside an object field (`votes.RUS`, `tally.no`).
    fn at_key(&self, field: &str, key: &str, message: impl Into<String>) -> InputError {
        let off = find_key(self.text, 0, field)
            .and_then(|f| find_key(self.text, f, key))
            .or_else(|| find_key(self.text, 0, field));
        self.err(&format!("{field}.{key}"), off, message)
    }
    /// An error on a value in an array field (`permanent_against`).
    fn at_value(&self, field: &str, value: &str, message: impl Into<String>) -> InputError {
        let off = find_value(self.text, field, value).or_else(|| find_key(self.text, 0, field));
        self.err(field, off, message)
    }
}

fn read_input(file: Option<&Path>) -> Result<(String, String), InputError> {
    let simple = |name: &str, message: String| InputError {
        file: name.into(),
        at: None,
        field: None,
        message,
    };
    match file {
        None => read_stdin(),
        Some(p) if p == Path::new("-") => read_stdin(),
        Some(p) => {
            let name = p.display().to_string();
            std::fs::read_to_string(p)
                .map(|t| (name.clone(), t))
                .map_err(|e| simple(&name, format!("cannot read the file: {e}")))
        }
    }
}

fn read_stdin() -> Result<(String, String), InputError> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| InputError {
            file: "<stdin>".into(),
            at: None,
            field: None,
            message: format!("cannot read standard input: {e}"),
        })?;
    Ok(("<stdin>".into(), s))
}

fn decide_file(args: &Args) -> Result<(Decided, Names), InputError> {
    let (file, text) = read_input(args.file.as_deref())?;
    let cx = Ctx {
        file: &file,
        text: &text,
    };
    let input: Input = serde_json::from_str(&text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map(|(m, _)| m.to_string())
            .unwrap_or(msg);
        let kind = if e.is_syntax() || e.is_eof() {
            "malformed JSON: "
        } else {
            ""
        };
        InputError {
            file: file.clone(),
            at: Some((e.line(), e.column())),
            field: None,
            message: format!("{kind}{msg}"),
        }
    })?;

    let kind = QuestionKind::from_code(&input.question).ok_or_else(|| {
        cx.at_field(
            "question",
            format!("unknown question kind {:?}; expected one of \"simple\", \"two_thirds\", \"procedural\", \"substantive\"", input.question),
        )
    })?;
    let subject = match &input.subject {
        None => Subject::DraftResolution,
        Some(s) => Subject::from_code(s).ok_or_else(|| {
            cx.at_field("subject", format!("unknown subject {s:?}; expected \"draft_resolution\", \"draft_decision\", \"amendment\", \"motion\" or \"proposal\""))
        })?,
    };
    let date = match &input.date {
        Some(d) => Some(Date::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            cx.at_field(
                "date",
                format!("{d:?} is not a date; expected YYYY-MM-DD, e.g. \"2025-02-24\""),
            )
        })?),
        None => None,
    };

    let reg = Registry::bundled();
    let body = build_body(&cx, &input, date, args)?;
    let body_code = match body.kind() {
        BodyKind::GeneralAssembly => Some("GA"),
        BodyKind::SecurityCouncil => Some("SC"),
        BodyKind::Custom => None,
    };

    // Every code: known, and a member of the body on the date.
    let check = |code: StateCode,
                 locate: &dyn Fn(String) -> InputError|
     -> Result<(), InputError> {
        if body.member(code).is_some() {
            return Ok(());
        }
        let message = match (body_code, date) {
            (Some(b), Some(d)) => {
                if reg.get(code).is_none() {
                    format!(
                        "unknown code {code}: not a state code known to Plenary; expected ISO 3166-1 alpha-3 (ISO 3166-3 for former states: SUN, YUG, CSK, DDR, YMD; see data/states)"
                    )
                } else {
                    reg.why_not_member(code, b, d)
                        .unwrap_or_else(|| format!("{code} is not a member of the {}", body.name()))
                }
            }
            _ => format!(
                "{code} is not a member of {} (members: {})",
                body.name(),
                body.members()
                    .map(|m| m.code.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Err(locate(message))
    };
    let codes = |field: &str, list: &[String]| -> Result<Vec<StateCode>, InputError> {
        let mut out = vec![];
        for s in list {
            let code = StateCode::parse(s).ok_or_else(|| {
                cx.at_value(
                    field,
                    s,
                    format!(
                        "{s:?} is not a state code; expected three capital letters such as \"RUS\""
                    ),
                )
            })?;
            check(code, &|m| cx.at_value(field, s, m))?;
            if out.contains(&code) {
                return Err(cx.at_value(field, s, format!("{code} is listed twice")));
            }
            out.push(code);
        }
        Ok(out)
    };

    if let Some(v) = &input.votes {
        for &code in v.0.keys() {
            check(code, &|m| cx.at_key("votes", code.as_str(), m))?;
        }
    }
    let permanent_against = input
        .permanent_against
        .as_ref()
        .map(|l| codes("permanent_against", l))
        .transpose()?;
    let parties = codes("parties_abstaining", &input.parties_abstaining)?;

    let known = input.votes.map(|v| v.0);
    if known.is_none() && input.tally.is_none() {
        return Err(InputError {
            file: file.clone(),
            at: None,
            field: Some("votes".into()),
            message: "give either \"votes\" (each member's vote) or \"tally\" ({\"yes\", \"no\", \"abstain\"})".into(),
        });
    }
    let question = Question {
        kind,
        subject,
        symbol: input.symbol,
        adopted_as: input.adopted_as,
    };
    let ballot_for = |tally: Option<Tally>| -> Ballot {
        let record = match (&known, tally) {
            (Some(v), None) => VoteRecord::PerMember(v.clone()),
            (None, Some(t)) => VoteRecord::Tally(t),
            (Some(v), Some(t)) => VoteRecord::TallyWithKnownVotes {
                tally: t,
                known: v.clone(),
            },
            (None, None) => unreachable!("checked above"),
        };
        let mut b = Ballot::new(record).with_parties_abstaining(parties.clone());
        if let Some(p) = &permanent_against {
            b = b.with_permanent_against(p.clone());
        }
        b
    };
    let decided = match &input.tally {
        None => {
            let d = decide(&body, &question, &ballot_for(None))
                .map_err(|e| locate_decide_error(&cx, e))?;
            Decided::exact(d)
        }
        Some(t) => decide_readings(&cx, &body, &question, t, &ballot_for)?,
    };
    let decision = &decided.first;
    let vetoed_by = decision
        .outcome
        .vetoed_by()
        .iter()
        .map(|c| match body.kind() {
            BodyKind::Custom => body
                .member(*c)
                .and_then(|m| m.name.clone())
                .map(|n| format!("{c} ({n})"))
                .unwrap_or(c.to_string()),
            _ => format!("{c} ({})", reg.name(*c)),
        })
        .collect();
    let names = Names {
        body: body.name().to_string(),
        date,
        question: kind,
        vetoed_by,
    };
    Ok((decided, names))
}

fn build_body(
    cx: &Ctx,
    input: &Input,
    date: Option<Date>,
    args: &Args,
) -> Result<Body, InputError> {
    let need_date = |b: &str| {
        date.ok_or_else(|| cx.err("date", None, format!("the {b} needs the date of the vote (\"date\": \"YYYY-MM-DD\"): membership changes over time")))
    };
    match input.body.as_str() {
        "GA" => {
            let d = need_date("General Assembly")?;
            let ga = Body::general_assembly(d);
            if ga.seats() == 0 {
                return Err(
                    cx.at_field("date", format!("the United Nations had no Members on {d}"))
                );
            }
            let mut flags = vec![];
            for s in &input.article_19 {
                let code = StateCode::parse(s).ok_or_else(|| {
                    cx.at_value("article_19", s, format!("{s:?} is not a state code"))
                })?;
                if ga.member(code).is_none() {
                    let why = Registry::bundled()
                        .why_not_member(code, "GA", d)
                        .unwrap_or_default();
                    return Err(cx.at_value("article_19", s, why));
                }
                flags.push(code);
            }
            ga.with_article_19(flags)
                .map_err(|e| cx.at_field("article_19", e.to_string()))
        }
        "SC" => {
            let d = need_date("Security Council")?;
            if !input.article_19.is_empty() {
                return Err(cx.at_field(
                    "article_19",
                    "Art. 19 takes away a vote in the General Assembly only",
                ));
            }
            Body::security_council(d).map_err(|e| cx.at_field("date", e.to_string()))
        }
        id => {
            let explicit = input.body_file.iter().map(|p| {
                if p.is_relative() {
                    match Path::new(cx.file).parent() {
                        Some(dir) if cx.file != "<stdin>" => dir.join(p),
                        _ => p.clone(),
                    }
                } else {
                    p.clone()
                }
            });
            let beside = if cx.file == "<stdin>" {
                None
            } else {
                Path::new(cx.file)
                    .parent()
                    .map(|d| d.join(format!("{id}.toml")))
            };
            let candidates: Vec<PathBuf> = args
                .body_file
                .iter()
                .cloned()
                .chain(explicit)
                .chain(beside)
                .collect();
            let mut tried = vec![];
            for path in &candidates {
                let Ok(text) = std::fs::read_to_string(path) else {
                    tried.push(path.display().to_string());
                    continue;
                };
                let body = Body::custom_from_toml(&text).map_err(|e| {
                    let (at, message) = match &e {
                        plenary_rules::BodyError::Toml {
                            line,
                            column,
                            message,
                        } => (Some((*line, *column)), message.clone()),
                        other => (None, other.to_string()),
                    };
                    InputError {
                        file: path.display().to_string(),
                        at,
                        field: None,
                        message,
                    }
                })?;
                if body.id() == id {
                    return Ok(body);
                }
                tried.push(format!("{} (defines {:?})", path.display(), body.id()));
            }
            Err(cx.at_field(
                "body",
                format!(
                    "unknown body {id:?}: expected \"GA\", \"SC\" or the id of a custom body given with --body-file, \"body_file\" or as {id}.toml beside the input{}",
                    if tried.is_empty() { String::new() } else { format!(" (tried: {})", tried.join(", ")) }
                ),
            ))
        }
    }
}

fn locate_decide_error(cx: &Ctx, e: DecideError) -> InputError {
    let msg = e.to_string();
    match &e {
        DecideError::QuestionNotAvailable(_) => cx.at_field("question", msg),
        DecideError::NoVoteUnderArticle19 { code, .. } | DecideError::NotAMember { code, .. } => {
            cx.at_key("votes", code.as_str(), msg)
        }
        DecideError::TallyAboveBodySize { .. } => cx.at_field("tally", msg),
        DecideError::TallyContradictsList { category, .. } => cx.at_key("tally", category, msg),
        DecideError::NotAPermanentMember { code, .. }
        | DecideError::PermanentAgainstContradictsVotes { code, .. } => {
            cx.at_value("permanent_against", code.as_str(), msg)
        }
        DecideError::PermanentAgainstExceedsNo { .. } => cx.at_field("permanent_against", msg),
        DecideError::PermanentAgainstNeeded { .. } => {
            cx.err("permanent_against", find_key(cx.text, 0, "tally"), msg)
        }
        DecideError::PartyVoted { code, .. } => {
            cx.at_value("parties_abstaining", code.as_str(), msg)
        }
        DecideError::PartiesAbstainingNotApplicable { .. } => {
            cx.at_field("parties_abstaining", msg)
        }
    }
}

impl Decided {
    fn exact(d: Decision) -> Decided {
        Decided {
            yes: Some(d.yes),
            no: Some(d.no),
            abstain: Some(d.abstain),
            non_voting: Some(d.non_voting),
            absent: Some(d.absent),
            present_and_voting: Some(d.present_and_voting),
            required: Some(d.required),
            announcement: d.announcement.clone(),
            first: d,
            readings: 1,
        }
    }
}

/// Decides a tally, once for each value of the counts it leaves out (`no`, `abstain`) that
/// fits the body; every reading must give the same outcome and reason, or the missing counts
/// are needed. Nothing is assumed about a count a source did not give.
fn decide_readings(
    cx: &Ctx,
    body: &Body,
    question: &Question,
    t: &TallyIn,
    ballot_for: &dyn Fn(Option<Tally>) -> Ballot,
) -> Result<Decided, InputError> {
    let size = body.size();
    let rest = |used: u64| size.saturating_sub(used);
    let free = rest(t.yes.saturating_add(t.non_voting));
    let readings = match (t.no, t.abstain) {
        (Some(_), Some(_)) => 1,
        (None, None) => (free as u128 + 1) * (free as u128 + 2) / 2,
        _ => free as u128 + 1,
    };
    if readings > 1_000_000 {
        return Err(cx.at_field(
            "tally",
            format!(
                "{readings} possible values of the counts not given; give \"no\" and \"abstain\""
            ),
        ));
    }
    let nos: Vec<u64> = match t.no {
        Some(n) => vec![n],
        None => (0..=free).collect(),
    };
    let mut decisions: Vec<Decision> = vec![];
    let mut first_err: Option<DecideError> = None;
    for no in nos {
        let abstains: Vec<u64> = match t.abstain {
            Some(a) => vec![a],
            None => (0..=rest(t.yes.saturating_add(no).saturating_add(t.non_voting))).collect(),
        };
        for abstain in abstains {
            let tally = Tally {
                yes: t.yes,
                no,
                abstain,
                non_voting: t.non_voting,
            };
            match decide(body, question, &ballot_for(Some(tally))) {
                Ok(d) => decisions.push(d),
                // With a count missing, readings the rest of the input rules out are skipped.
                Err(
                    e @ (DecideError::TallyContradictsList { .. }
                    | DecideError::PermanentAgainstExceedsNo { .. }
                    | DecideError::TallyAboveBodySize { .. }),
                ) if t.no.is_none() || t.abstain.is_none() => {
                    first_err.get_or_insert(e);
                }
                Err(e) => return Err(locate_decide_error(cx, e)),
            }
        }
    }
    let Some(first) = decisions.first().cloned() else {
        return Err(locate_decide_error(
            cx,
            first_err.expect("at least one reading"),
        ));
    };
    if let Some(other) = decisions
        .iter()
        .find(|d| d.outcome != first.outcome || d.reason != first.reason)
    {
        let missing: Vec<&str> = [("no", t.no.is_none()), ("abstain", t.abstain.is_none())]
            .into_iter()
            .filter(|m| m.1)
            .map(|m| m.0)
            .collect();
        return Err(cx.at_field(
            "tally",
            format!(
                "the outcome depends on the counts not given ({}): {}-{}-{} gives {} ({}), {}-{}-{} gives {} ({}); give them",
                missing.join(", "),
                first.yes, first.no, first.abstain, first.outcome.code(), first.reason.code(),
                other.yes, other.no, other.abstain, other.outcome.code(), other.reason.code()
            ),
        ));
    }
    let same = |f: &dyn Fn(&Decision) -> u64| -> Option<u64> {
        let v = f(&first);
        decisions.iter().all(|d| f(d) == v).then_some(v)
    };
    let announcement = if decisions
        .iter()
        .all(|d| d.announcement == first.announcement)
    {
        first.announcement.clone()
    } else {
        plenary_rules::announce::verdict(body, question, &first)
    };
    Ok(Decided {
        yes: same(&|d| d.yes),
        no: same(&|d| d.no),
        abstain: same(&|d| d.abstain),
        non_voting: same(&|d| d.non_voting),
        absent: same(&|d| d.absent),
        present_and_voting: same(&|d| d.present_and_voting),
        required: same(&|d| d.required),
        announcement,
        readings: decisions.len(),
        first,
    })
}
