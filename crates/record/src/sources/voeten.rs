//! `voeten`: E. Voeten's original release (UNVotesPublished, 1946-2015), with absences.
//!
//! Two files (gzip or plain CSV), recognised by their header:
//! - votes: rcid, ccode (Correlates of War code), vote (1 yes, 2 abstain, 3 no, 8 absent,
//!   9 not a member), member;
//! - roll calls: session, rcid, abstain, yes, no, importantvote, date, unres, amend, para,
//!   short, descr, me, nu, di, hr, co, ec: the published totals and the issue flags.
//! Code 9 rows say "not a member": no row is stored for them (a non-member has no vote); the
//! importer checks every other row against the membership data.

use std::collections::{BTreeSet, HashMap};

use plenary_rules::states::Registry;
use plenary_rules::{Date, StateCode, Vote};

use super::unvotes::{Lines, columns, csv_err, decompress, field_err, parse_date, parse_flag, parse_rcid, File};
use super::{Adoption, Batch, BodyRef, DecisionKind, ParseError, Provenance, PublishedTally, SourceDecision, SourceFinding, SourceVote};
use crate::symbol::symbol_from_unres;

const ISSUES: [&str; 6] = ["me", "nu", "di", "hr", "co", "ec"];

fn count(file: &str, line: u64, field: &str, b: &[u8]) -> Result<Option<u32>, ParseError> {
    let t = b.trim_ascii();
    if t.is_empty() || t == b"NA" {
        return Ok(None);
    }
    let t = t.strip_suffix(b".0").unwrap_or(t);
    std::str::from_utf8(t).ok().and_then(|s| s.parse::<u32>().ok()).map(Some).ok_or_else(|| field_err(file, line, field, b, "a count (a whole number) or empty"))
}

/// Parses the two Voeten files (in any order) into one batch, one decision per roll call.
pub fn parse(files: &[File<'_>], registry: &Registry) -> Result<Batch, ParseError> {
    let mut votes_file = None;
    let mut calls_file = None;
    for f in files {
        let data = decompress(f.name, f.bytes)?;
        let version = super::file_version(f.bytes);
        let mut r = csv::ReaderBuilder::new().from_reader(data.as_slice());
        let header = r.byte_headers().map_err(|e| csv_err(f.name, &data, e))?.clone();
        let has = |n: &str| header.iter().any(|h| h.trim_ascii() == n.as_bytes());
        if has("ccode") && has("vote") {
            votes_file = Some((f.name, data, version));
        } else if has("unres") && has("yes") {
            calls_file = Some((f.name, data, version));
        } else {
            return Err(ParseError::Malformed {
                file: f.name.into(),
                line: 1,
                message: format!("not a Voeten file: expected the header of the votes (rcid,ccode,vote,member) or of the roll calls (session,rcid,abstain,yes,no,...); found {}", String::from_utf8_lossy(header.as_slice())),
            });
        }
    }
    let missing = |what: &str| ParseError::Malformed { file: "(voeten)".into(), line: 0, message: format!("the {what} file is missing; expected votes_1946_2015 and rollcalls_1946_2015") };
    let (calls_name, calls_data, calls_version) = calls_file.ok_or_else(|| missing("roll-call"))?;
    let (votes_name, votes_data, _) = votes_file.ok_or_else(|| missing("votes"))?;

    let mut decisions: Vec<SourceDecision> = Vec::new();
    let mut findings: Vec<SourceFinding> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut r = csv::ReaderBuilder::new().from_reader(calls_data.as_slice());
    let mut calls_lines = Lines::new(&calls_data);
    let header = r.byte_headers().map_err(|e| csv_err(calls_name, &calls_data, e))?.clone();
    let [c_session, c_rcid, c_abs, c_yes, c_no, c_imp, c_date, c_unres, c_amend, c_para, c_short, c_descr] =
        columns(calls_name, &header, ["session", "rcid", "abstain", "yes", "no", "importantvote", "date", "unres", "amend", "para", "short", "descr"])?;
    let issue_cols = columns(calls_name, &header, ISSUES)?;
    let mut rec = csv::ByteRecord::new();
    while r.read_byte_record(&mut rec).map_err(|e| csv_err(calls_name, &calls_data, e))? {
        let line = calls_lines.of(&rec);
        let f = |i: usize| rec.get(i).unwrap_or(b"");
        let text = |i: usize, n: &str| -> Result<Option<String>, ParseError> {
            let s = std::str::from_utf8(f(i)).map_err(|_| field_err(calls_name, line, n, f(i), "UTF-8 text"))?.trim();
            Ok((!s.is_empty()).then(|| s.to_string()))
        };
        let rcid = parse_rcid(calls_name, line, f(c_rcid))?;
        let session = text(c_session, "session")?.unwrap_or_default();
        let session = session.strip_suffix(".0").unwrap_or(&session).to_string();
        if session.parse::<u16>().is_err() {
            return Err(field_err(calls_name, line, "session", f(c_session), "a session number"));
        }
        let date = parse_date(calls_name, line, "date", f(c_date))?;
        let amend = parse_flag(calls_name, line, "amend", f(c_amend))?;
        let para = parse_flag(calls_name, line, "para", f(c_para))?;
        let symbol = text(c_unres, "unres")?.and_then(|u| symbol_from_unres(&u));
        let kind = DecisionKind::from_voeten_flags(amend, para, symbol.is_some());
        let mut issues = Vec::new();
        for (code, &col) in ISSUES.iter().zip(issue_cols.iter()) {
            match parse_flag(calls_name, line, code, f(col)) {
                Ok(Some(true)) => issues.push(code.to_string()),
                Ok(_) => {}
                // The release has rows whose description breaks the CSV quoting and spills
                // into the issue columns: the flag is unreadable, the roll call is not.
                Err(_) => findings.push(SourceFinding {
                    source_key: Some(rcid.to_string()),
                    kind: "unreadable-field".into(),
                    message: format!("roll call {rcid}: the issue flag `{code}` reads {:?}, not 0 or 1 (the description's quoting spills into it); the issue is not recorded", String::from_utf8_lossy(f(col))),
                    evidence: serde_json::json!({"field": code, "found": String::from_utf8_lossy(f(col))}),
                    provenance: Provenance { source: "voeten".into(), file: calls_name.into(), line, version: calls_version.clone() },
                }),
            }
        }
        if index.insert(rcid, decisions.len()).is_some() {
            return Err(field_err(calls_name, line, "rcid", f(c_rcid), "a roll-call id not used on an earlier line"));
        }
        decisions.push(SourceDecision {
            source_key: rcid.to_string(),
            body: BodyRef::GeneralAssembly,
            date,
            session: Some(session),
            amends: if matches!(kind, DecisionKind::Amendment | DecisionKind::Part) { symbol.clone() } else { None },
            symbol: if matches!(kind, DecisionKind::Resolution) { symbol } else { None },
            draft: None,
            meeting: None,
            title: text(c_short, "short")?,
            description: text(c_descr, "descr")?,
            kind,
            important: parse_flag(calls_name, line, "importantvote", f(c_imp))?,
            adoption: Adoption::RecordedVote,
            published: PublishedTally {
                yes: count(calls_name, line, "yes", f(c_yes))?,
                no: count(calls_name, line, "no", f(c_no))?,
                abstain: count(calls_name, line, "abstain", f(c_abs))?,
                non_voting: None,
            },
            published_outcome: None,
            issues,
            sponsors: Vec::new(),
            vetoed_by: Vec::new(),
            votes: Vec::new(),
            provenance: Provenance { source: "voeten".into(), file: calls_name.into(), line, version: calls_version.clone() },
        });
    }

    let mut r = csv::ReaderBuilder::new().from_reader(votes_data.as_slice());
    let mut vote_lines = Lines::new(&votes_data);
    let header = r.byte_headers().map_err(|e| csv_err(votes_name, &votes_data, e))?.clone();
    let [v_rcid, v_ccode, v_vote] = columns(votes_name, &header, ["rcid", "ccode", "vote"])?;
    let mut cache: HashMap<(u16, Date), Option<StateCode>> = HashMap::new();
    let mut unknown: BTreeSet<u16> = BTreeSet::new();
    let mut seen: HashMap<(usize, StateCode), (Vote, u64)> = HashMap::new();
    while r.read_byte_record(&mut rec).map_err(|e| csv_err(votes_name, &votes_data, e))? {
        let line = vote_lines.of(&rec);
        let f = |i: usize| rec.get(i).unwrap_or(b"");
        let rcid = parse_rcid(votes_name, line, f(v_rcid))?;
        let vote = match f(v_vote).trim_ascii() {
            b"1" => Vote::Yes,
            b"2" => Vote::Abstain,
            b"3" => Vote::No,
            b"8" => Vote::Absent,
            b"9" => continue,
            other => return Err(field_err(votes_name, line, "vote", other, "1 (yes), 2 (abstain), 3 (no), 8 (absent) or 9 (not a member)")),
        };
        let ccode: u16 = std::str::from_utf8(f(v_ccode)).ok().and_then(|s| s.trim().parse().ok()).ok_or_else(|| field_err(votes_name, line, "ccode", f(v_ccode), "a Correlates of War country code (a whole number)"))?;
        let &di = index.get(&rcid).ok_or_else(|| field_err(votes_name, line, "rcid", f(v_rcid), "the rcid of a roll call in the roll-call file"))?;
        let date = decisions[di].date;
        // A known code on a date its state did not hold (COW 710, the PRC, in votes of 1971
        // before 26 October) is kept as that state; the importer's membership check then
        // reports the vote as a finding instead of the file failing.
        let state = *cache.entry((ccode, date)).or_insert_with(|| registry.resolve_cow(ccode, date).or_else(|| registry.resolve_cow(ccode, chrono::Utc::now().date_naive())));
        let Some(state) = state else {
            unknown.insert(ccode);
            continue;
        };
        if let Some(&(first, first_line)) = seen.get(&(di, state)) {
            if first != vote {
                return Err(ParseError::Malformed {
                    file: votes_name.into(),
                    line,
                    message: format!("roll call {rcid}: ccode {ccode} ({state}) votes {} here but {} on line {first_line}; expected one vote per state per roll call", vote.code(), first.code()),
                });
            }
        } else {
            seen.insert((di, state), (vote, line));
        }
        decisions[di].votes.push(SourceVote { state, vote, as_in_source: ccode.to_string().into(), line });
    }
    if !unknown.is_empty() {
        return Err(ParseError::UnknownStates { file: votes_name.into(), names: unknown.into_iter().map(|c| format!("ccode {c}")).collect() });
    }
    Ok(Batch { decisions, findings })
}
