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
    let mut votes_file = None;
    let mut calls_file = None;
    let mut issues_file = None;
    for f in files {
        let data = decompress(f.name, f.bytes)?;
        let version = super::file_version(f.bytes);
        let mut r = reader(&data);
        let header = r.byte_headers().map_err(|e| csv_err(f.name, &data, e))?.clone();
        match kind_of(&header) {
            Some(Kind::Votes) => votes_file = Some((f.name, data, version)),
            Some(Kind::RollCalls) => calls_file = Some((f.name, data, version)),
            Some(Kind::Issues) => issues_file = Some((f.name, data, version)),
            None => {
                return Err(ParseError::Malformed {
                    file: f.name.into(),
                    line: 1,
                    message: format!(
                        "not an unvotes file: expected the header of un_votes (rcid,country,country_code,vote), un_roll_calls (rcid,session,importantvote,date,unres,amend,para,short,descr) or un_roll_call_issues (rcid,short_name,issue); found {}",
                        String::from_utf8_lossy(header.as_slice())
                    ),
                })
            }
        }
    }
    let (calls_name, calls_data, calls_version) = calls_file.ok_or_else(|| ParseError::Malformed { file: "(unvotes)".into(), line: 0, message: "the un_roll_calls file is missing; expected un_votes, un_roll_calls and (optionally) un_roll_call_issues".into() })?;
    let (votes_name, votes_data, _votes_version) = votes_file.ok_or_else(|| ParseError::Malformed { file: "(unvotes)".into(), line: 0, message: "the un_votes file is missing; expected un_votes, un_roll_calls and (optionally) un_roll_call_issues".into() })?;

    // Roll calls.
    let mut decisions: Vec<SourceDecision> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut r = reader(&calls_data);
    let mut calls_lines = Lines::new(&calls_data);
    let header = r.byte_headers().map_err(|e| csv_err(calls_name, &calls_data, e))?.clone();
    let [c_rcid, c_session, c_imp, c_date, c_unres, c_amend, c_para, c_short, c_descr] =
        columns(calls_name, &header, ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"])?;
    let mut rec = csv::ByteRecord::new();
    while r.read_byte_record(&mut rec).map_err(|e| csv_err(calls_name, &calls_data, e))? {
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

    // Issues.
    if let Some((name, data, _)) = &issues_file {
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
    }

    // Votes: each distinct spelling is resolved once per date.
    let mut r = reader(&votes_data);
    let mut vote_lines = Lines::new(&votes_data);
    let header = r.byte_headers().map_err(|e| csv_err(votes_name, &votes_data, e))?.clone();
    let [v_rcid, v_country, v_code, v_vote] = columns(votes_name, &header, ["rcid", "country", "country_code", "vote"])?;
    // Each distinct (country, country_code) pair is checked once and numbered; its state is
    // resolved once per date, and the last date asked is kept beside it because consecutive
    // roll calls mostly share a date (one hash lookup per row instead of three).
    struct Spelling {
        country: std::sync::Arc<str>,
        code: String,
        last: Option<(Date, Option<StateCode>)>,
        by_date: HashMap<Date, Option<StateCode>>,
    }
    let mut spelling_of: HashMap<Vec<u8>, usize, std::hash::BuildHasherDefault<crate::fidelity::StateHasher>> = HashMap::default();
    let mut spellings: Vec<Spelling> = Vec::new();
    let mut unknown: std::collections::BTreeSet<String> = Default::default();
    let mut last: Option<(u32, usize)> = None;
    // The rows of the roll call being read: the file gives each roll call's rows together, so
    // they are moved into the decision at once (one allocation of the right size, instead of
    // a vector grown row by row for each of 6,203 roll calls).
    let mut rows: Vec<SourceVote> = Vec::with_capacity(256);
    let mut key = Vec::with_capacity(64);
    while r.read_byte_record(&mut rec).map_err(|e| csv_err(votes_name, &votes_data, e))? {
        let line = vote_lines.of(&rec);
        let f = |i: usize| rec.get(i).unwrap_or(b"");
        let rcid = parse_rcid(votes_name, line, f(v_rcid))?;
        let di = match last {
            Some((r, i)) if r == rcid => i,
            _ => {
                let i = *index.get(&rcid).ok_or_else(|| field_err(votes_name, line, "rcid", f(v_rcid), "the rcid of a roll call in un_roll_calls"))?;
                if let Some((_, before)) = last {
                    decisions[before].votes.extend(rows.drain(..));
                }
                last = Some((rcid, i));
                i
            }
        };
        let vote = match f(v_vote) {
            b"yes" => Vote::Yes,
            b"no" => Vote::No,
            b"abstain" => Vote::Abstain,
            other => return Err(field_err(votes_name, line, "vote", other, "yes, no or abstain")),
        };
        let date = decisions[di].date;
        key.clear();
        key.extend_from_slice(f(v_country));
        key.push(0);
        key.extend_from_slice(f(v_code));
        let si = match spelling_of.get(key.as_slice()) {
            Some(&i) => i,
            None => {
                let country: std::sync::Arc<str> = str_of(votes_name, line, "country", f(v_country))?.trim().into();
                let code = str_of(votes_name, line, "country_code", f(v_code))?.trim().to_string();
                if country.is_empty() {
                    return Err(field_err(votes_name, line, "country", b"", "a country name"));
                }
                spellings.push(Spelling { country, code, last: None, by_date: HashMap::new() });
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
                        let s = registry
                            .resolve(&sp.country, date)
                            .or_else(|| (!sp.code.is_empty()).then(|| registry.resolve_iso2(&sp.code, date)).flatten());
                        sp.by_date.insert(date, s);
                        s
                    }
                };
                sp.last = Some((date, s));
                s
            }
        };
        match state {
            Some(state) => rows.push(SourceVote { state, vote, as_in_source: sp.country.clone(), line }),
            None => {
                unknown.insert(format!("{} ({})", sp.country, String::from_utf8_lossy(f(v_code))));
            }
        }
    }
    if let Some((_, before)) = last {
        decisions[before].votes.extend(rows.drain(..));
    }
    if !unknown.is_empty() {
        return Err(ParseError::UnknownStates { file: votes_name.into(), names: unknown.into_iter().collect() });
    }
    // Conflicting rows for one state in one roll call are an error (which is right is unknowable).
    for d in &mut decisions {
        let mut seen: crate::fidelity::StateMap<(Vote, u64)> = crate::fidelity::StateMap::default();
        seen.reserve(d.votes.len());
        for v in &d.votes {
            if let Some(&(first, first_line)) = seen.get(&v.state) {
                if first != v.vote {
                    return Err(ParseError::Malformed {
                        file: votes_name.into(),
                        line: v.line,
                        message: format!("roll call {}: {} ({}) votes {} here but {} on line {first_line}; expected one vote per state per roll call", d.source_key, v.as_in_source, v.state, v.vote.code(), first.code()),
                    });
                }
            } else {
                seen.insert(v.state, (v.vote, v.line));
            }
        }
    }
    Ok(Batch { decisions, findings: Vec::new() })
}

pub(crate) fn parse_rcid(file: &str, line: u64, b: &[u8]) -> Result<u32, ParseError> {
    let t = b.trim_ascii();
    let t = t.strip_suffix(b".0").unwrap_or(t);
    std::str::from_utf8(t).ok().and_then(|s| s.parse::<u32>().ok()).ok_or_else(|| field_err(file, line, "rcid", b, "a roll-call id (a whole number)"))
}
