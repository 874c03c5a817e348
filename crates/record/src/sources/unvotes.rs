//! `unvotes`: the General Assembly roll calls of the R package unvotes (1946-2019).
//!
//! Three files (gzip or plain CSV), recognised by their header:
//! - `un_votes`: rcid, country, country_code (ISO 3166-1 alpha-2; empty for the FRG, the Yemen
//!   Arab Republic and Zanzibar), vote (yes, no, abstain);
//! - `un_roll_calls`: rcid, session, importantvote, date, unres, amend, para, short, descr;
//! - `un_roll_call_issues`: rcid, short_name, issue.
//! The package dropped absent and non-member rows, so only Y, N and A occur.
//!
//! Speed matters here (870,109 rows): the votes are read as byte records and each distinct
//! (country, date) is resolved once.

use std::collections::HashMap;
use std::io::Read;

use plenary_rules::states::Registry;
use plenary_rules::{Date, StateCode, Vote};

use super::{Adoption, Batch, BodyRef, DecisionKind, ParseError, Provenance, PublishedTally, SourceDecision, SourceVote};
use crate::symbol::symbol_from_unres;

/// One input file: its name as given and its bytes (gzip or plain).
pub struct File<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The earliest and latest dates a General Assembly vote can carry: the Charter entered into
/// force on 24 October 1945; a date after the end of the current year is a typo.
pub(crate) fn date_in_range(d: Date) -> bool {
    let first = Date::from_ymd_opt(1945, 10, 24).expect("valid date");
    let last = Date::from_ymd_opt(chrono::Utc::now().date_naive().format("%Y").to_string().parse::<i32>().unwrap_or(2100) + 1, 1, 1).expect("valid date");
    d >= first && d < last
}

/// Decompresses gzip input (by its magic bytes) or passes plain bytes through.
pub(crate) fn decompress(name: &str, bytes: &[u8]) -> Result<Vec<u8>, ParseError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(bytes.len() * 8);
        flate2::read::MultiGzDecoder::new(bytes)
            .read_to_end(&mut out)
            .map_err(|e| ParseError::Malformed { file: name.into(), line: 0, message: format!("not a readable gzip file ({e}); expected gzip-compressed or plain CSV") })?;
        Ok(out)
    } else {
        Ok(bytes.to_vec())
    }
}

pub(crate) fn field_err(file: &str, line: u64, field: &str, found: &[u8], expected: &str) -> ParseError {
    let mut found = String::from_utf8_lossy(found).into_owned();
    if found.len() > 80 {
        let mut cut = 80;
        while !found.is_char_boundary(cut) {
            cut -= 1;
        }
        found.truncate(cut);
        found.push('…');
    }
    ParseError::Field { file: file.into(), line, field: field.into(), found, expected: expected.into() }
}

/// 1-based line numbers from byte offsets. The csv crate's own line count is one short per
/// CRLF line before a record (the R exports use CRLF), so lines are counted here.
pub(crate) struct Lines<'a> {
    data: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Lines { data, pos: 0, line: 1 }
    }
    /// The line of byte `offset`; offsets must not decrease between calls (records are read
    /// in order), otherwise counting restarts from the top.
    pub(crate) fn at(&mut self, offset: u64) -> u64 {
        let mut offset = (offset as usize).min(self.data.len());
        // With CRLF the csv crate may place a record at the `\n` that ends the line before.
        while offset < self.data.len() && matches!(self.data[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.data[self.pos..offset].iter().filter(|&&b| b == b'\n').count() as u64;
        self.pos = offset;
        self.line
    }
    pub(crate) fn of(&mut self, rec: &csv::ByteRecord) -> u64 {
        self.at(rec.position().map(|p| p.byte()).unwrap_or(0))
    }
}

pub(crate) fn csv_err(file: &str, data: &[u8], e: csv::Error) -> ParseError {
    let line = e.position().map(|p| Lines::new(data).at(p.byte())).unwrap_or(0);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!("{len} fields where the header has {expected_len} (a truncated or broken row?)"),
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8; expected UTF-8 text".to_string(),
        _ => format!("malformed CSV: {e}"),
    };
    ParseError::Malformed { file: file.into(), line, message }
}

/// Column positions by name; a missing column is an error naming it and the header found.
pub(crate) fn columns<const N: usize>(file: &str, header: &csv::ByteRecord, names: [&str; N]) -> Result<[usize; N], ParseError> {
    let mut out = [0; N];
    for (i, n) in names.iter().enumerate() {
        out[i] = header.iter().position(|h| h.trim_ascii() == n.as_bytes()).ok_or_else(|| ParseError::Malformed {
            file: file.into(),
            line: 1,
            message: format!("no column `{n}`; expected columns {} (found {})", names.join(", "), String::from_utf8_lossy(&header.as_slice().to_vec())),
        })?;
    }
    Ok(out)
}

fn str_of<'r>(file: &str, line: u64, field: &str, b: &'r [u8]) -> Result<&'r str, ParseError> {
    std::str::from_utf8(b).map_err(|_| field_err(file, line, field, b, "UTF-8 text"))
}

pub(crate) fn parse_date(file: &str, line: u64, field: &str, b: &[u8]) -> Result<Date, ParseError> {
    let s = str_of(file, line, field, b)?.trim();
    let d = Date::parse_from_str(s, "%Y-%m-%d").map_err(|_| field_err(file, line, field, b, "a date YYYY-MM-DD"))?;
    if !date_in_range(d) {
        return Err(field_err(file, line, field, b, "a date from 1945-10-24 (the Charter's entry into force) to this year"));
    }
    Ok(d)
}

pub(crate) fn parse_flag(file: &str, line: u64, field: &str, b: &[u8]) -> Result<Option<bool>, ParseError> {
    match b.trim_ascii() {
        b"" | b"NA" => Ok(None),
        b"0" | b"0.0" => Ok(Some(false)),
        b"1" | b"1.0" => Ok(Some(true)),
        other => Err(field_err(file, line, field, other, "0, 1 or empty")),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Votes,
    RollCalls,
    Issues,
}

fn kind_of(header: &csv::ByteRecord) -> Option<Kind> {
    let has = |n: &str| header.iter().any(|h| h.trim_ascii() == n.as_bytes());
    if has("vote") && has("country") {
        Some(Kind::Votes)
    } else if has("unres") && has("date") {
        Some(Kind::RollCalls)
    } else if has("short_name") && has("issue") {
        Some(Kind::Issues)
    } else {
        None
    }
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(true).from_reader(bytes)
}

/// Parses the three unvotes files (in any order) into one batch, one decision per roll call.
pub fn parse(files: &[File<'_>], registry: &Registry) -> Result<Batch, ParseError> {
    parse_split(files, registry, PARALLEL_FROM)
}

/// A file of the three, decompressed and recognised by its header.
struct Classified {
    kind: Kind,
    data: Vec<u8>,
}

fn classify(f: &File<'_>) -> Result<Classified, ParseError> {
    let data = decompress(f.name, f.bytes)?;
    let mut r = reader(&data);
    let header = r.byte_headers().map_err(|e| csv_err(f.name, &data, e))?.clone();
    match kind_of(&header) {
        Some(kind) => Ok(Classified { kind, data }),
        None => Err(ParseError::Malformed {
            file: f.name.into(),
            line: 1,
            message: format!(
                "not an unvotes file: expected the header of un_votes (rcid,country,country_code,vote), un_roll_calls (rcid,session,importantvote,date,unres,amend,para,short,descr) or un_roll_call_issues (rcid,short_name,issue); found {}",
                String::from_utf8_lossy(header.as_slice())
            ),
        }),
    }
}

/// The roll calls read from un_roll_calls, and each one's index by rcid.
struct RollCalls {
    decisions: Vec<SourceDecision>,
    index: HashMap<u32, usize>,
}

/// [`parse`], reading a votes file of `parallel_from` bytes or more in two halves.
fn parse_split(files: &[File<'_>], registry: &Registry, parallel_from: usize) -> Result<Batch, ParseError> {
    // Each file is decompressed on a thread of its own, and the roll calls are read as soon as
    // their file is ready, while the votes file (ten times as large) is still being
    // decompressed. Errors are reported in the order they always were: a file that cannot be
    // read (in the order of the files), then a kind given twice or missing, then the roll
    // calls, the issues and the votes.
    let mut arrived: Vec<Option<Result<Classified, ParseError>>> = (0..files.len()).map(|_| None).collect();
    let mut early_calls: Option<Result<RollCalls, ParseError>> = None;
    std::thread::scope(|s| {
        let (send, receive) = std::sync::mpsc::channel();
        for (i, f) in files.iter().enumerate() {
            let send = send.clone();
            s.spawn(move || {
                let _ = send.send((i, classify(f)));
            });
        }
        drop(send);
        for (i, r) in receive {
            if early_calls.is_none() {
                if let Ok(Classified { kind: Kind::RollCalls, data }) = &r {
                    let f = &files[i];
                    early_calls = Some(read_roll_calls(f.name, data, super::file_version(f.bytes)));
                }
            }
            arrived[i] = Some(r);
        }
    });
    let mut of_kind: [Vec<(usize, Vec<u8>)>; 3] = Default::default();
    for (i, r) in arrived.into_iter().enumerate() {
        // Every thread sent its result before the scope ended.
        let Some(r) = r else { continue };
        let c = r?;
        of_kind[c.kind as usize].push((i, c.data));
    }
    let [votes_files, calls_files, issues_files] = of_kind;
    for (what, given) in [("un_votes", &votes_files), ("un_roll_calls", &calls_files), ("un_roll_call_issues", &issues_files)] {
        if given.len() > 1 {
            let names: Vec<&str> = given.iter().map(|(i, _)| files[*i].name).collect();
            return Err(ParseError::Malformed { file: names.join(", ").into(), line: 0, message: format!("{} {what} files given; expected one of each of un_votes, un_roll_calls and (optionally) un_roll_call_issues", given.len()) });
        }
    }
    let missing = |what: &str| ParseError::Malformed { file: "(unvotes)".into(), line: 0, message: format!("the {what} file is missing; expected un_votes, un_roll_calls and (optionally) un_roll_call_issues") };
    // The one roll-calls file (two are refused above) is the one read as it arrived.
    let Some(calls) = early_calls else { return Err(missing("un_roll_calls")) };
    let Some((votes_at, votes_data)) = votes_files.into_iter().next() else { return Err(missing("un_votes")) };
    let votes_name = files[votes_at].name;
    let RollCalls { mut decisions, index } = calls?;
    if let Some((i, data)) = issues_files.first() {
        read_issues(files[*i].name, data, &mut decisions, &index)?;
    }

    // Votes: in two halves on two threads (split at a line end; each thread resolves its own
    // spellings), then given to their roll calls in file order. The second half has no header
    // and counts its lines from where the first half ends.
    let mut r = reader(&votes_data);
    let header = r.byte_headers().map_err(|e| csv_err(votes_name, &votes_data, e))?.clone();
    let cols = columns(votes_name, &header, ["rcid", "country", "country_code", "vote"])?;
    let (first, second) = votes_data.split_at(split_point(&votes_data, parallel_from));
    let dates: Vec<Date> = decisions.iter().map(|d| d.date).collect();
    let ctx = &VotesContext { file: votes_name, header_len: header.len(), cols, index: &index, dates: &dates, registry };
    let (a, b) = std::thread::scope(|s| {
        let second_half = (!second.is_empty()).then(|| {
            let first_line = 1 + first.iter().filter(|&&b| b == b'\n').count() as u64;
            s.spawn(move || read_votes(ctx, second, false, first_line).map(VotesPart::into_runs))
        });
        let a = read_votes(ctx, first, true, 1).map(VotesPart::into_runs);
        let b = second_half.map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        (a, b)
    });
    // The first error in file order; names no state matches are listed together, from both.
    let mut parts = vec![a?];
    if let Some(b) = b {
        parts.push(b?);
    }
    let unknown: std::collections::BTreeSet<String> = parts.iter_mut().flat_map(|p| std::mem::take(&mut p.unknown)).collect();
    if !unknown.is_empty() {
        return Err(ParseError::UnknownStates { file: votes_name.into(), names: unknown.into_iter().collect() });
    }
    // Each roll call takes its runs of rows in file order: the first is moved in whole, the
    // rest (of the few roll calls whose rows the file interleaves) are appended.
    for part in parts {
        for (di, run) in part.runs {
            let votes = &mut decisions[di].votes;
            if votes.is_empty() {
                *votes = run;
            } else {
                votes.extend(run);
            }
        }
    }
    // Conflicting rows, the first half of the roll calls on another thread: the first error
    // in the order of the roll calls is reported.
    let (early, late) = decisions.split_at(decisions.len() / 2);
    let (early, late) = std::thread::scope(|s| {
        let late = s.spawn(move || check_conflicts(votes_name, late));
        (check_conflicts(votes_name, early), late.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    early?;
    late?;
    Ok(Batch { decisions, findings: Vec::new() })
}

/// Reads un_roll_calls: one decision per roll call, in file order.
fn read_roll_calls(calls_name: &str, calls_data: &[u8], calls_version: String) -> Result<RollCalls, ParseError> {
    let mut decisions: Vec<SourceDecision> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut r = reader(calls_data);
    let mut calls_lines = Lines::new(calls_data);
    let header = r.byte_headers().map_err(|e| csv_err(calls_name, calls_data, e))?.clone();
    let [c_rcid, c_session, c_imp, c_date, c_unres, c_amend, c_para, c_short, c_descr] =
        columns(calls_name, &header, ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"])?;
    let mut rec = csv::ByteRecord::new();
    while r.read_byte_record(&mut rec).map_err(|e| csv_err(calls_name, calls_data, e))? {
        let line = calls_lines.of(&rec);
        let f = |i: usize| rec.get(i).unwrap_or(b"");
        let rcid = parse_rcid(calls_name, line, f(c_rcid))?;
        let session = str_of(calls_name, line, "session", f(c_session))?.trim();
        if session.parse::<u16>().is_err() {
            return Err(field_err(calls_name, line, "session", f(c_session), "a session number"));
        }
        let date = parse_date(calls_name, line, "date", f(c_date))?;
        let important = parse_flag(calls_name, line, "importantvote", f(c_imp))?;
        let amend = parse_flag(calls_name, line, "amend", f(c_amend))?;
        let para = parse_flag(calls_name, line, "para", f(c_para))?;
        let unres = str_of(calls_name, line, "unres", f(c_unres))?.trim();
        let symbol = symbol_from_unres(unres);
        let kind = DecisionKind::from_voeten_flags(amend, para, symbol.is_some());
        let text = |i: usize, n: &str| -> Result<Option<String>, ParseError> {
            let s = str_of(calls_name, line, n, f(i))?.trim();
            Ok((!s.is_empty()).then(|| s.to_string()))
        };
        if index.insert(rcid, decisions.len()).is_some() {
            return Err(field_err(calls_name, line, "rcid", f(c_rcid), "a roll-call id not used on an earlier line"));
        }
        decisions.push(SourceDecision {
            source_key: rcid.to_string(),
            body: BodyRef::GeneralAssembly,
            date,
            session: Some(session.to_string()),
            amends: if matches!(kind, DecisionKind::Amendment | DecisionKind::Part) { symbol.clone() } else { None },
            symbol: if matches!(kind, DecisionKind::Resolution) { symbol } else { None },
            draft: None,
            meeting: None,
            title: text(c_short, "short")?,
            description: text(c_descr, "descr")?,
            kind,
            important,
            adoption: Adoption::RecordedVote,
            published: PublishedTally::default(),
            published_outcome: None,
            issues: Vec::new(),
            sponsors: Vec::new(),
            vetoed_by: Vec::new(),
            votes: Vec::new(),
            provenance: Provenance { source: "unvotes".into(), file: calls_name.into(), line, version: calls_version.clone() },
        });
    }

    Ok(RollCalls { decisions, index })
}

/// Reads un_roll_call_issues: each row adds an issue code to its roll call.
fn read_issues(name: &str, data: &[u8], decisions: &mut [SourceDecision], index: &HashMap<u32, usize>) -> Result<(), ParseError> {
    let mut rec = csv::ByteRecord::new();
    let mut r = reader(data);
    let mut issue_lines = Lines::new(data);
    let header = r.byte_headers().map_err(|e| csv_err(name, data, e))?.clone();
    let [i_rcid, i_short] = columns(name, &header, ["rcid", "short_name"])?;
    while r.read_byte_record(&mut rec).map_err(|e| csv_err(name, data, e))? {
        let line = issue_lines.of(&rec);
        let rcid = parse_rcid(name, line, rec.get(i_rcid).unwrap_or(b""))?;
        let code = str_of(name, line, "short_name", rec.get(i_short).unwrap_or(b""))?.trim();
        if code.is_empty() || code.len() > 8 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(field_err(name, line, "short_name", code.as_bytes(), "an issue code (me, nu, di, hr, co, ec)"));
        }
        let Some(&i) = index.get(&rcid) else {
            return Err(field_err(name, line, "rcid", rec.get(i_rcid).unwrap_or(b""), "the rcid of a roll call in un_roll_calls"));
        };
        decisions[i].issues.push(code.to_string());
    }
    Ok(())
}

/// Conflicting rows for one state in one roll call are an error (which is right is
/// unknowable); the first in the order of `decisions` is reported.
fn check_conflicts(file: &str, decisions: &[SourceDecision]) -> Result<(), ParseError> {
    let mut seen: crate::fidelity::StateMap<(Vote, u64)> = crate::fidelity::StateMap::default();
    for d in decisions {
        seen.clear();
        seen.reserve(d.votes.len());
        for v in &d.votes {
            if let Some(&(first, first_line)) = seen.get(&v.state) {
                if first != v.vote {
                    return Err(ParseError::Malformed {
                        file: file.into(),
                        line: v.line,
                        message: format!("roll call {}: {} ({}) votes {} here but {} on line {first_line}; expected one vote per state per roll call", d.source_key, v.as_in_source, v.state, v.vote.code(), first.code()),
                    });
                }
            } else {
                seen.insert(v.state, (v.vote, v.line));
            }
        }
    }
    Ok(())
}

/// Below this many bytes the votes file is read on one thread (tests, small extracts).
const PARALLEL_FROM: usize = 1 << 20;

/// Where the votes file is cut in two: after the first line end past the middle that is not
/// inside a quoted field (an even number of quotes before it); its length if it is smaller
/// than `parallel_from` or has no such place.
fn split_point(data: &[u8], parallel_from: usize) -> usize {
    if data.len() < parallel_from {
        return data.len();
    }
    let mid = data.len() / 2;
    let mut quotes = data[..mid].iter().filter(|&&b| b == b'"').count();
    for (i, &b) in data[mid..].iter().enumerate() {
        match b {
            b'"' => quotes += 1,
            b'\n' if quotes % 2 == 0 => return mid + i + 1,
            _ => {}
        }
    }
    data.len()
}

/// What a part of the votes file is read against: the roll calls already parsed.
struct VotesContext<'a> {
    file: &'a str,
    /// The number of fields of the header, which every row must have.
    header_len: usize,
    /// The positions of rcid, country, country_code and vote.
    cols: [usize; 4],
    index: &'a HashMap<u32, usize>,
    dates: &'a [Date],
    registry: &'a Registry,
}

/// The rows of a part of the votes file, in file order, with each run of one roll call's rows
/// as (its decision's index, its number of rows), and the spellings no state matches. The
/// rows are one vector: two threads each allocating a vector per roll call spent most of
/// their time in the kernel, growing the heap in turn.
struct VotesPart {
    rows: Vec<SourceVote>,
    groups: Vec<(usize, usize)>,
    unknown: std::collections::BTreeSet<String>,
}

/// A [`VotesPart`] cut into its runs, each run of one roll call's rows a vector of its own
/// (cut on the thread that read the part, so that the two halves allocate and copy in
/// parallel).
struct VotesRuns {
    runs: Vec<(usize, Vec<SourceVote>)>,
    unknown: std::collections::BTreeSet<String>,
}

impl VotesPart {
    fn into_runs(self) -> VotesRuns {
        let mut rows = self.rows.into_iter();
        let runs = self.groups.into_iter().map(|(di, n)| (di, rows.by_ref().take(n).collect())).collect();
        VotesRuns { runs, unknown: self.unknown }
    }
}

/// Reads `data`, a run of whole lines of the votes file (the header first if `has_header`),
/// whose first line is line `first_line` of the file.
fn read_votes(ctx: &VotesContext<'_>, data: &[u8], has_header: bool, first_line: u64) -> Result<VotesPart, ParseError> {
    let name = ctx.file;
    let [v_rcid, v_country, v_code, v_vote] = ctx.cols;
    // Row lengths are checked here against the header: a part without the header would have
    // the csv crate compare them with the part's first row.
    let mut r = csv::ReaderBuilder::new().has_headers(has_header).flexible(true).from_reader(data);
    let mut lines = Lines { data, pos: 0, line: first_line };
    let csv_error = |e: csv::Error| match csv_err(name, data, e) {
        ParseError::Malformed { file, line, message } if line > 0 => ParseError::Malformed { file, line: line + first_line - 1, message },
        other => other,
    };
    // Each distinct (country, country_code) pair is checked once and numbered; its state is
    // resolved once per date, and the last date asked is kept beside it because consecutive
    // roll calls mostly share a date (one hash lookup per row instead of three).
    struct Spelling {
        country: std::sync::Arc<str>,
        code: String,
        last: Option<(Date, Option<StateCode>)>,
        by_date: HashMap<Date, Option<StateCode>, std::hash::BuildHasherDefault<crate::fidelity::StateHasher>>,
    }
    let mut spelling_of: HashMap<Vec<u8>, usize, std::hash::BuildHasherDefault<crate::fidelity::StateHasher>> = HashMap::default();
    let mut spellings: Vec<Spelling> = Vec::new();
    // About 25 bytes a line ("3,United States,US,yes"): the estimate only reserves.
    let mut out = VotesPart { rows: Vec::with_capacity(data.len() / 20), groups: Vec::with_capacity(ctx.dates.len() / 2 + 1), unknown: Default::default() };
    // The roll call being read and where its rows start in `out.rows`.
    let mut last: Option<(u32, usize, usize)> = None;
    let mut key = Vec::with_capacity(64);
    let mut last_rcid: Vec<u8> = Vec::with_capacity(16);
    let mut rec = csv::ByteRecord::new();
    while r.read_byte_record(&mut rec).map_err(csv_error)? {
        let line = lines.of(&rec);
        if rec.len() != ctx.header_len {
            return Err(ParseError::Malformed { file: name.into(), line, message: format!("{} fields where the header has {} (a truncated or broken row?)", rec.len(), ctx.header_len) });
        }
        let f = |i: usize| rec.get(i).unwrap_or(b"");
        // A roll call's rows follow each other: the same rcid text is not parsed again.
        let rcid = match last {
            Some((r, _, _)) if f(v_rcid) == last_rcid.as_slice() => r,
            _ => {
                last_rcid.clear();
                last_rcid.extend_from_slice(f(v_rcid));
                parse_rcid(name, line, f(v_rcid))?
            }
        };
        let di = match last {
            Some((r, i, _)) if r == rcid => i,
            _ => {
                let i = *ctx.index.get(&rcid).ok_or_else(|| field_err(name, line, "rcid", f(v_rcid), "the rcid of a roll call in un_roll_calls"))?;
                if let Some((_, before, from)) = last {
                    out.groups.push((before, out.rows.len() - from));
                }
                last = Some((rcid, i, out.rows.len()));
                i
            }
        };
        let vote = match f(v_vote) {
            b"yes" => Vote::Yes,
            b"no" => Vote::No,
            b"abstain" => Vote::Abstain,
            other => return Err(field_err(name, line, "vote", other, "yes, no or abstain")),
        };
        let date = ctx.dates[di];
        key.clear();
        key.extend_from_slice(f(v_country));
        key.push(0);
        key.extend_from_slice(f(v_code));
        let si = match spelling_of.get(key.as_slice()) {
            Some(&i) => i,
            None => {
                let country: std::sync::Arc<str> = str_of(name, line, "country", f(v_country))?.trim().into();
                let code = str_of(name, line, "country_code", f(v_code))?.trim().to_string();
                if country.is_empty() {
                    return Err(field_err(name, line, "country", b"", "a country name"));
                }
                spellings.push(Spelling { country, code, last: None, by_date: HashMap::default() });
                spelling_of.insert(key.clone(), spellings.len() - 1);
                spellings.len() - 1
            }
        };
        let sp = &mut spellings[si];
        let state = match sp.last {
            Some((d, s)) if d == date => s,
            _ => {
                let s = match sp.by_date.get(&date) {
                    Some(s) => *s,
                    None => {
                        let s = ctx
                            .registry
                            .resolve(&sp.country, date)
                            .or_else(|| (!sp.code.is_empty()).then(|| ctx.registry.resolve_iso2(&sp.code, date)).flatten());
                        sp.by_date.insert(date, s);
                        s
                    }
                };
                sp.last = Some((date, s));
                s
            }
        };
        match state {
            Some(state) => out.rows.push(SourceVote { state, vote, as_in_source: sp.country.clone(), line }),
            None => {
                out.unknown.insert(format!("{} ({})", sp.country, String::from_utf8_lossy(f(v_code))));
            }
        }
    }
    if let Some((_, before, from)) = last {
        out.groups.push((before, out.rows.len() - from));
    }
    Ok(out)
}

pub(crate) fn parse_rcid(file: &str, line: u64, b: &[u8]) -> Result<u32, ParseError> {
    let t = b.trim_ascii();
    let t = t.strip_suffix(b".0").unwrap_or(t);
    std::str::from_utf8(t).ok().and_then(|s| s.parse::<u32>().ok()).ok_or_else(|| field_err(file, line, "rcid", b, "a roll-call id (a whole number)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real_files() -> Vec<(String, Vec<u8>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/record/unvotes");
        ["un_roll_calls.csv.gz", "un_votes.csv.gz", "un_roll_call_issues.csv.gz"]
            .iter()
            .map(|n| (n.to_string(), std::fs::read(dir.join(n)).expect("the bundled unvotes files")))
            .collect()
    }

    fn parse_with(files: &[(String, Vec<u8>)], parallel_from: usize) -> Result<Batch, ParseError> {
        let fs: Vec<File> = files.iter().map(|(n, b)| File { name: n, bytes: b }).collect();
        parse_split(&fs, Registry::bundled(), parallel_from)
    }

    /// The votes file read in two halves on two threads gives every roll call exactly the rows,
    /// lines and spellings that one pass gives.
    #[test]
    fn two_halves_read_what_one_pass_reads() {
        let files = real_files();
        let one = parse_with(&files, usize::MAX).expect("one pass");
        let two = parse_with(&files, 0).expect("two halves");
        assert_eq!(one.decisions.len(), 6203);
        assert_eq!(two.decisions.iter().map(|d| d.votes.len()).sum::<usize>(), 870_109);
        for (a, b) in one.decisions.iter().zip(&two.decisions) {
            let rows = |d: &SourceDecision| d.votes.iter().map(|v| (v.state, v.vote, v.line, v.as_in_source.to_string())).collect::<Vec<_>>();
            assert_eq!(rows(a), rows(b), "roll call {}", a.source_key);
        }
    }

    /// A conflicting row is found wherever it lies: in the first half, in the second, or in
    /// the roll call the split cuts in two; the two halves report what one pass reports.
    #[test]
    fn a_conflicting_row_is_the_same_error_in_either_half_and_across_the_split() {
        let calls = real_files().into_iter().find(|(n, _)| n.starts_with("un_roll_calls")).expect("roll calls");
        let states = [("United States", "US"), ("Canada", "CA"), ("Mexico", "MX"), ("United Kingdom", "GB"), ("France", "FR"), ("Brazil", "BR")];
        let mut rows: Vec<String> = Vec::new();
        for rcid in [3, 4] {
            for (i, (name, code)) in states.iter().enumerate() {
                rows.push(format!("{rcid},{name},{code},{}", ["yes", "no", "abstain"][i % 3]));
            }
        }
        let mut cut_through = 0;
        for at in 0..=rows.len() {
            let rcid = if at == 0 { 3 } else { rows[at - 1].split(',').next().and_then(|r| r.parse::<u32>().ok()).expect("rcid") };
            // The United States vote yes in both roll calls: this row says no.
            let mut votes = rows.clone();
            votes.insert(at, format!("{rcid},United States,US,no"));
            let text = format!("rcid,country,country_code,vote\n{}\n", votes.join("\n"));
            let split = split_point(text.as_bytes(), 0);
            let line_of_split = text[..split].matches('\n').count(); // lines before the second half
            let run = |parallel_from| {
                let files = vec![calls.clone(), ("un_votes.csv".to_string(), text.clone().into_bytes())];
                parse_with(&files, parallel_from).expect_err("a conflicting row").to_string()
            };
            let one = run(usize::MAX);
            assert!(one.contains("United States (USA) votes") && one.contains("expected one vote per state per roll call"), "{one}");
            assert_eq!(run(0), one, "the conflicting row after line {at} of the rows, the split after line {line_of_split}");
            let first_of_second = text[split..].split(',').next().unwrap_or("");
            let last_of_first = text[..split].trim_end().rsplit('\n').next().and_then(|l| l.split(',').next()).unwrap_or("");
            if first_of_second == last_of_first {
                cut_through += 1;
            }
        }
        assert!(cut_through > 0, "no case put the split inside a roll call");
    }

    /// Each of the three files once: a second file of one kind is an error naming both (it used
    /// to replace the first silently); a missing one is named too.
    #[test]
    fn a_kind_of_file_given_twice_or_missing_is_an_error_naming_it() {
        let mut files = real_files();
        let calls = files.iter().find(|(n, _)| n.starts_with("un_roll_calls")).cloned().expect("roll calls");
        files.push(("again_roll_calls.csv.gz".into(), calls.1));
        let err = parse_with(&files, usize::MAX).expect_err("two roll-call files").to_string();
        assert!(err.contains("un_roll_calls.csv.gz, again_roll_calls.csv.gz") && err.contains("2 un_roll_calls files given"), "{err}");
        let no_votes: Vec<_> = real_files().into_iter().filter(|(n, _)| !n.starts_with("un_votes")).collect();
        let err = parse_with(&no_votes, usize::MAX).expect_err("no votes file").to_string();
        assert!(err.contains("the un_votes file is missing"), "{err}");
    }

    /// An error in the second half names the line of the whole file, as one pass does.
    #[test]
    fn an_error_in_the_second_half_names_its_line_in_the_file() {
        let mut files = real_files();
        let votes = decompress("un_votes.csv", &files[1].1).expect("gzip");
        let text = String::from_utf8(votes).expect("UTF-8");
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let at = lines.len() * 3 / 4; // 0-based: line at + 1 of the file
        lines[at] = lines[at].replace(",yes", ",maybe").replace(",no", ",maybe").replace(",abstain", ",maybe");
        let cut = lines.len() / 2 + 3; // a short row just after the middle
        lines[cut] = lines[cut].split(',').take(2).collect::<Vec<_>>().join(",");
        files[1] = ("un_votes.csv".into(), lines.join("\n").into_bytes());
        for parallel_from in [usize::MAX, 0] {
            let err = parse_with(&files, parallel_from).expect_err("a broken row").to_string();
            assert!(err.starts_with(&format!("un_votes.csv:{}:", cut + 1)) && err.contains("2 fields where the header has 4"), "{err}");
        }
        lines[cut] = text.lines().nth(cut).expect("line").to_string();
        files[1] = ("un_votes.csv".into(), lines.join("\n").into_bytes());
        for parallel_from in [usize::MAX, 0] {
            let err = parse_with(&files, parallel_from).expect_err("a bad vote code").to_string();
            assert!(err.starts_with(&format!("un_votes.csv:{}:", at + 1)) && err.contains("maybe") && err.contains("yes, no or abstain"), "{err}");
        }
    }
}
