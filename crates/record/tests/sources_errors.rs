//! Bad input to the parsers of the UN's own sources: every error names the file, the line (or
//! record), the field and the expected form; unknown names are reported all at once; duplicate
//! rows with conflicting votes are errors, duplicates with the same vote are findings.

use plenary_record::sources::{dgacm, fixtures, sc_archive, undl, Adoption, ParseError};
use plenary_rules::states::Registry;
use plenary_rules::Vote;

fn reg() -> &'static Registry {
    Registry::bundled()
}

fn dgacm_record(symbol: &str, date: &str, yes: &[&str], no: &[&str]) -> String {
    serde_json::json!({
        "symbol": symbol, "title": "t", "adoption_date": date, "pv": "A/ES-11/PV.5",
        "originating_document": "A/ES-11/L.1", "adoption_type": "By a recorded vote",
        "MS_in_favour_count": yes.len().to_string(), "MS_against_count": no.len().to_string(),
        "MS_abstaining_count": "0", "MS_in_favour": yes, "MS_against": no, "MS_abstaining": [],
        "sponsors": ["UKRAINE", "SUBMITTED BY THE PRESIDENT OF THE GENERAL ASSEMBLY"], "subjects": [["UKRAINE", "UNBIS Thesaurus"]]
    })
    .to_string()
}

#[test]
fn dgacm_reads_objects_and_arrays_of_objects_concatenated() {
    let a = dgacm_record("A/RES/ES-11/1", "2 March 2022", &["UKRAINE", "FRANCE"], &["BELARUS"]);
    let b = dgacm_record("A/RES/ES-11/2", "2022-03-24 00:00:00", &["UKRAINE"], &[]);
    let c = dgacm_record("A/RES/ES-11/3", "7\u{a0}April 2022", &["POLAND"], &[]);
    let text = format!("{a}\n[{b},\n{c}]\n");
    let batch = dgacm::parse("x.json", text.as_bytes(), reg()).unwrap();
    assert_eq!(batch.decisions.len(), 3);
    assert_eq!(batch.decisions[2].date.to_string(), "2022-04-07");
    assert_eq!(batch.decisions[2].provenance.line, 2, "the array starts on line 2");
    assert_eq!(batch.decisions[0].votes.len(), 3);
    assert_eq!(batch.decisions[0].issues, vec!["UKRAINE".to_string()]);
    assert_eq!(batch.decisions[0].sponsors.len(), 1);
}

#[test]
fn sponsor_entries_in_any_script_are_read_without_breaking_on_case() {
    // Upper-casing "ß" gives "SS": an offset found in the upper-cased text must not be used to
    // cut the original.
    let a = dgacm_record("A/RES/ES-11/1", "2 March 2022", &["UKRAINE"], &[])
        .replace("\"UKRAINE\",\"SUBMITTED", "\"Straßeßß (on behalf of the Group of 77)\",\"CUBA, ON BEHALF OF NAM\",\"SUBMITTED");
    let b = dgacm::parse("x.json", a.as_bytes(), reg()).unwrap();
    assert_eq!(b.decisions[0].sponsors.iter().map(|s| s.as_str()).collect::<Vec<_>>(), vec!["CUB"]);
}

#[test]
fn every_unknown_state_name_is_listed_at_once() {
    let a = dgacm_record("A/RES/ES-11/1", "2 March 2022", &["UKRAINE", "ATLANTIS"], &["NARNIA"]);
    let b = dgacm_record("A/RES/ES-11/2", "2 March 2022", &["ATLANTIS", "ELBONIA"], &[]);
    let err = dgacm::parse("x.json", format!("{a}\n{b}\n").as_bytes(), reg()).unwrap_err();
    match err {
        ParseError::UnknownStates { file, names } => {
            assert_eq!(file, "x.json");
            assert_eq!(names, vec!["ATLANTIS", "ELBONIA", "NARNIA"]);
        }
        other => panic!("expected UnknownStates, got {other}"),
    }
}

#[test]
fn unknown_names_of_several_files_are_listed_together() {
    let a = dgacm_record("A/RES/ES-11/1", "2 March 2022", &["ATLANTIS"], &[]);
    let b = dgacm_record("A/RES/ES-11/2", "2 March 2022", &["UKRAINE"], &[]);
    let c = dgacm_record("A/RES/ES-11/3", "2 March 2022", &["NARNIA"], &[]);
    let files = [("a.json", a.as_bytes()), ("b.json", b.as_bytes()), ("c.json", c.as_bytes())];
    let err = plenary_record::sources::common::parse_each(&files, |n, x| dgacm::parse(n, x, reg())).unwrap_err();
    match err {
        ParseError::UnknownStates { file, names } => {
            assert_eq!(file, "a.json, c.json");
            assert_eq!(names, vec!["ATLANTIS", "NARNIA"]);
        }
        other => panic!("expected UnknownStates, got {other}"),
    }
    let ok = plenary_record::sources::common::parse_each(&files[1..2], |n, x| dgacm::parse(n, x, reg())).unwrap();
    assert_eq!(ok.decisions.len(), 1);
}

#[test]
fn a_state_listed_under_two_votes_is_an_error_naming_the_field() {
    let a = dgacm_record("A/RES/ES-11/1", "2 March 2022", &["UKRAINE", "FRANCE"], &["FRANCE"]);
    let err = dgacm::parse("x.json", a.as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.starts_with("x.json:1: field `MS_against (record 1, A/RES/ES-11/1)`"), "{err}");
    assert!(err.contains("FRA is also listed as Y"), "{err}");
}

#[test]
fn a_state_listed_twice_with_the_same_vote_is_a_finding_and_one_row() {
    let a = dgacm_record("A/RES/ES-11/1", "2 March 2022", &["UKRAINE", "UKRAINE"], &[]);
    let b = dgacm::parse("x.json", a.as_bytes(), reg()).unwrap();
    assert_eq!(b.decisions[0].votes.len(), 1);
    assert!(b.findings.iter().any(|f| f.kind == "duplicate-rows"));
}

#[test]
fn dgacm_bad_values_are_errors_with_line_field_and_expected_form() {
    let ok = dgacm_record("A/RES/ES-11/1", "2 March 2022", &["UKRAINE"], &[]);
    let cases = [
        (ok.replace("\"MS_in_favour_count\":\"1\"", "\"MS_in_favour_count\":\"1x\""), "MS_in_favour_count", "a whole number"),
        (ok.replace("2 March 2022", "2 Marzo 2022"), "adoption_date", "a date"),
        (ok.replace("2 March 2022", "2 March 1922"), "adoption_date", "24 October 1945"),
        (ok.replace("By a recorded vote", "By acclamation"), "adoption_type", "Without a vote"),
        (ok.replace("A/RES/ES-11/1", "S/RES/1"), "symbol", "A/RES/"),
        (ok.replace("[\"UKRAINE\"]", "[\"UKRAINE\", 7]"), "MS_in_favour", "a list of strings"),
    ];
    for (input, field, expected) in cases {
        let text = format!("\n{input}");
        let err = dgacm::parse("f.json", text.as_bytes(), reg()).unwrap_err().to_string();
        assert!(err.starts_with(&format!("f.json:2: field `{field}")), "{err}");
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn truncated_json_is_an_error_with_its_line() {
    let a = dgacm_record("A/RES/ES-11/1", "2 March 2022", &["UKRAINE"], &[]);
    let text = format!("{a}\n{}", &a[..a.len() / 2]);
    let err = dgacm::parse("f.json", text.as_bytes(), reg()).unwrap_err();
    assert!(matches!(err, ParseError::Malformed { line: 2, .. }), "{err}");
    assert!(err.to_string().contains("after 1 record(s)"), "{err}");
}

fn sc_record(id: &str, date: &str, votes: serde_json::Value, summary: [u32; 3], result: &str) -> serde_json::Value {
    serde_json::json!({ "id": id, "date": date, "body": "SC", "title": "t", "session": &date[..4], "votes": votes,
        "summary": { "yes": summary[0], "no": summary[1], "abstain": summary[2] }, "subjects": "A|B", "result": result })
}

#[test]
fn sc_archive_vote_other_than_the_four_codes_is_an_error_naming_the_member() {
    let rec = sc_record("S/RES/1(1946)", "1946-01-25", serde_json::json!({ "FRANCE": "maybe" }), [0, 0, 0], "Adopted");
    let err = sc_archive::parse("sc.json", serde_json::json!([rec]).to_string().as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.contains("votes.FRANCE (record 1, S/RES/1(1946))"), "{err}");
    assert!(err.contains("\"not-voting\""), "{err}");
}

#[test]
fn sc_archive_plain_json_is_read_too_and_subjects_split() {
    let votes = serde_json::json!({ "FRANCE": "yes", "CHINA": "abstain" });
    let rec = sc_record("S/RES/82(1950)", "1950-06-25", votes, [1, 0, 1], "Adopted");
    let b = sc_archive::parse("sc.json", serde_json::json!([rec]).to_string().as_bytes(), reg()).unwrap();
    let d = &b.decisions[0];
    assert_eq!(d.symbol.as_deref(), Some("S/RES/82 (1950)"));
    assert_eq!(d.issues, vec!["A", "B"]);
    assert_eq!(d.votes.iter().find(|v| &*v.as_in_source == "CHINA").unwrap().state.as_str(), "TWN");
    assert!(b.findings.is_empty());
}

#[test]
fn sc_archive_bad_id_and_damaged_gzip_are_errors() {
    let rec = sc_record("S/RES/x(1946)", "1946-01-25", serde_json::json!({}), [0, 0, 0], "Adopted");
    let err = sc_archive::parse("sc.json", serde_json::json!([rec]).to_string().as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.contains("field `id (record 1"), "{err}");
    let err = sc_archive::parse("sc.json.gz", &[0x1f, 0x8b, 8, 0, 1, 2, 3], reg()).unwrap_err().to_string();
    assert!(err.contains("damaged gzip"), "{err}");
}

const UNDL_HEADER: &str = "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link";

#[test]
fn undl_missing_required_column_is_an_error_naming_it() {
    let header = UNDL_HEADER.replace("ms_vote,", "");
    let err = undl::parse_ga("g.csv", format!("{header}\n").as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.starts_with("g.csv:1: field `ms_vote`"), "{err}");
    let err = undl::parse_sc("s.csv", format!("{UNDL_HEADER}\n").as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.contains("`permanent_member`"), "{err}");
}

#[test]
fn undl_rows_conflicting_for_one_state_are_an_error_and_repeats_a_finding() {
    let row = |code: &str, vote: &str| format!("1,{code},X,{vote},2022-03-02,ES-11,A/RES/ES-11/1,,,,,,,,,,,,,");
    let text = format!("{UNDL_HEADER}\n{}\n{}\n", row("UKR", "Y"), row("UKR", "N"));
    let err = undl::parse_ga("g.csv", text.as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.starts_with("g.csv:3: field `ms_vote`"), "{err}");
    let text = format!("{UNDL_HEADER}\n{}\n{}\n{}\n", row("UKR", "Y"), row("UKR", "Y"), row("FRA", "NV"));
    let b = undl::parse_ga("g.csv", text.as_bytes(), reg()).unwrap();
    assert_eq!(b.decisions[0].votes.len(), 2);
    assert_eq!(b.decisions[0].votes[1].vote, Vote::NonVoting);
    assert!(b.findings.iter().any(|f| f.kind == "duplicate-rows"));
    let text = format!("{UNDL_HEADER}\n{}\n", row("UKR", "Q"));
    let err = undl::parse_ga("g.csv", text.as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.contains("expected Y, N, A, X or NV"), "{err}");
}

#[test]
fn undl_sc_all_yes_with_zero_totals_is_an_adoption_without_a_vote() {
    let header = format!("{UNDL_HEADER},permanent_member");
    let row = |code: &str, p: &str| format!("9,{code},X,Y,2021-06-08,2021,S/RES/2580(2021),,,,,,,,0,0,0,0,15,,{p}");
    let text = format!("{header}\n{}\n{}\n", row("FRA", "True"), row("EST", "True"));
    let b = undl::parse("s.csv", text.as_bytes(), reg()).unwrap();
    assert_eq!(b.decisions[0].adoption, Adoption::WithoutVote);
    assert!(b.decisions[0].votes.is_empty());
    assert!(b.findings.iter().any(|f| f.kind == "without-vote-recorded-as-yes"));
    assert!(b.findings.iter().any(|f| f.kind == "permanent-member-flag-wrong" && f.evidence["rows"][0].as_str().unwrap().starts_with("EST")));
}

#[test]
fn fixture_files_that_disagree_on_a_vote_are_an_error() {
    let json = serde_json::json!([{ "id": "X", "body": "SC", "date": "2025-02-24", "resolution": "S/RES/2774 (2025)",
        "kind": "resolution", "amends": null, "yes": 10, "no": 0, "abstain": 5, "non_voting": null,
        "outcome": "adopted", "vetoed_by": [], "votes": { "yes": ["France"], "no": null, "abstain": null, "absent": null },
        "votes_complete": false }])
    .to_string();
    let csv = "body,symbol,date,country_name_as_in_source,vote,source\nSC,S/RES/2774 (2025),2025-02-24,France,A,x\n";
    let err = fixtures::parse_set(&[("a.json", json.as_bytes()), ("v.csv", csv.as_bytes())], reg()).unwrap_err().to_string();
    assert!(err.starts_with("v.csv:2: field `vote`"), "{err}");
    assert!(err.contains("a.json gives for FRA"), "{err}");
}

#[test]
fn fixture_kind_and_counts_are_checked() {
    let bad = serde_json::json!([{ "id": "X", "body": "GA", "date": "2025-02-24", "resolution": null,
        "kind": "amendment", "amends": null, "yes": 1, "no": 2, "abstain": null, "non_voting": null,
        "outcome": "rejected", "votes": null }])
    .to_string();
    let err = fixtures::parse("a.json", bad.as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.contains("field `amends (record 1, X)`"), "{err}");
    let bad = bad.replace("\"yes\":1", "\"yes\":-1").replace("\"amends\":null", "\"amends\":\"A/ES-11/L.11\"");
    let err = fixtures::parse("a.json", bad.as_bytes(), reg()).unwrap_err().to_string();
    assert!(err.contains("field `yes (record 1, X)`"), "{err}");
    let err = fixtures::parse("a.csv", b"a,b,c\n1,2,3\n", reg()).unwrap_err().to_string();
    assert!(err.contains("not a fixture file"), "{err}");
}
