//! `plenary decide` end to end: the shipped examples, every real vote of
//! data/fixtures/real_votes_public.json, and the errors for bad input (exit status 2, the
//! message naming file, line, column and field).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use plenary_rules::Date;
use plenary_rules::states::Registry;
use serde_json::{Value, json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn plenary(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run plenary");
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn decide_json(input: &Value) -> Value {
    let out = plenary(&["decide", "--json", "-"], Some(&input.to_string()));
    assert!(
        out.status.success(),
        "{input}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn decide_file(path: &str) -> Value {
    let out = plenary(&["decide", "--json", path], None);
    assert!(
        out.status.success(),
        "{path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs a bad input; returns stderr after checking the exit status is 2.
fn refused(input: &str) -> String {
    let dir = tempdir();
    let path = dir.join("question.json");
    std::fs::write(&path, input).unwrap();
    let out = plenary(&["decide", path.to_str().unwrap()], None);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{input}\nstdout: {}\nstderr: {err}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        err.contains(path.to_str().unwrap()),
        "the message names the file: {err}"
    );
    err
}

fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "plenary-decide-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

// ---------------------------------------------------------------------------------------------
// The examples shipped in examples/.

/// Adding an example is adding a file: every examples/*.json must decide.
#[test]
fn every_example_decides() {
    let mut n = 0;
    for entry in std::fs::read_dir(repo().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        // `*-meeting.json` are whole meetings for `plenary replay`, not questions.
        if path.extension().is_some_and(|e| e == "json") && !path.to_string_lossy().ends_with("-meeting.json") {
            let d = decide_file(path.to_str().unwrap());
            assert!(["adopted", "rejected", "vetoed"].contains(&d["outcome"].as_str().unwrap()));
            n += 1;
        }
    }
    assert!(n >= 7, "{n} examples");
}

#[test]
fn resolution_2774_is_adopted_as_announced() {
    let d = decide_file("examples/sc-2025-02-24-res-2774.json");
    assert_eq!(d["outcome"], "adopted");
    assert_eq!(
        (d["yes"].as_u64(), d["no"].as_u64(), d["abstain"].as_u64()),
        (Some(10), Some(0), Some(5))
    );
    assert_eq!(d["required"], 9);
    assert_eq!(
        d["announcement"],
        "The draft resolution received 10 votes in favour, none against and 5 abstentions. The draft resolution has been adopted as resolution 2774 (2025)."
    );
}

#[test]
fn the_european_amendments_of_24_february_2025_are_vetoed_or_fail() {
    for (file, outcome, vetoed) in [
        (
            "examples/sc-2025-02-24-sovereignty-amendment.json",
            "vetoed",
            json!(["RUS"]),
        ),
        (
            "examples/sc-2025-02-24-just-peace-amendment.json",
            "vetoed",
            json!(["RUS"]),
        ),
        (
            "examples/sc-2025-02-24-invasion-amendment.json",
            "rejected",
            json!([]),
        ),
    ] {
        let d = decide_file(file);
        assert_eq!(d["outcome"], outcome, "{file}");
        assert_eq!(d["vetoed_by"], vetoed, "{file}");
    }
    let d = decide_file("examples/sc-2025-02-24-sovereignty-amendment.json");
    assert_eq!(
        d["no"],
        Value::Null,
        "the no count was not reported and is not made up"
    );
    assert_eq!(
        d["announcement"],
        "The amendment has not been adopted, owing to the negative vote of a permanent member of the Council."
    );
}

#[test]
fn es_11_7_is_adopted_by_two_thirds_from_its_tally() {
    let d = decide_file("examples/ga-2025-02-24-es-11-7.json");
    assert_eq!(d["outcome"], "adopted");
    assert_eq!(d["present_and_voting"], 111);
    assert_eq!(d["required"], 74);
    assert_eq!(d["absent"], 17);
    assert_eq!(
        d["announcement"],
        "Draft resolution A/ES-11/L.10 was adopted by 93 votes to 18, with 65 abstentions (resolution ES-11/7)."
    );
}

#[test]
fn the_model_un_committee_decides_by_its_own_rules() {
    let d = decide_file("examples/mun-disec-vote.json");
    assert_eq!(d["outcome"], "adopted");
    assert_eq!(d["required"], 12);
    // The same committee, told by flag where its definition is.
    let input = std::fs::read_to_string(repo().join("examples/mun-disec-vote.json")).unwrap();
    let out = plenary(
        &[
            "decide",
            "--json",
            "--body-file",
            "examples/mun-disec.toml",
            "-",
        ],
        Some(&input),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_readable_summary_gives_the_outcome_and_the_announcement() {
    let out = plenary(
        &["decide", "examples/sc-2025-02-24-just-peace-amendment.json"],
        None,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.contains("VETOED by RUS (Russian Federation)"),
        "{text}"
    );
    assert!(text.contains("negative-vote-of-permanent-member"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Every real vote of the fixtures, through the binary.

fn date(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The decide input for a fixture entry: its per-member lists (resolved to codes by the
/// registry) when complete; otherwise its known counts, any partial list, and for a veto whose
/// split of the other votes no source gives, the permanent member the source names as voting
/// no.
fn input_for(e: &Value) -> Value {
    let d = date(e["date"].as_str().unwrap());
    let reg = Registry::bundled();
    let question = match e["majority"].as_str().unwrap() {
        "simple" => "simple",
        "two_thirds" => "two_thirds",
        "sc_procedural" => "procedural",
        "sc_substantive" => "substantive",
        m => panic!("{m}"),
    };
    let mut input = json!({
        "body": e["body"], "date": e["date"], "question": question,
        "subject": if e["kind"] == "amendment" { "amendment" } else { "draft_resolution" },
    });
    let mut votes = serde_json::Map::new();
    if let Some(lists) = e["votes"].as_object() {
        for (key, letter) in [("yes", "Y"), ("no", "N"), ("abstain", "A")] {
            for n in lists
                .get(key)
                .and_then(|l| l.as_array())
                .into_iter()
                .flatten()
            {
                let code = reg
                    .resolve(n.as_str().unwrap(), d)
                    .unwrap_or_else(|| panic!("{}: {n}", e["id"]));
                votes.insert(code.to_string(), json!(letter));
            }
        }
    }
    if !votes.is_empty() {
        input["votes"] = Value::Object(votes);
    }
    if e["votes_complete"] != true {
        let mut tally = serde_json::Map::new();
        for k in ["yes", "no", "abstain"] {
            if let Some(n) = e[k].as_u64() {
                tally.insert(k.into(), json!(n));
            }
        }
        input["tally"] = Value::Object(tally);
        if e["no"].is_null() && !e["vetoed_by"].as_array().unwrap().is_empty() {
            let against: Vec<String> = e["vetoed_by"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| reg.resolve(n.as_str().unwrap(), d).unwrap().to_string())
                .collect();
            input["permanent_against"] = json!(against);
            input["votes"] =
                Value::Object(against.iter().map(|c| (c.clone(), json!("N"))).collect());
        }
    }
    input
}

#[test]
fn every_real_vote_is_reproduced_through_the_binary() {
    let text =
        std::fs::read_to_string(repo().join("data/fixtures/real_votes_public.json")).unwrap();
    let entries: Vec<Value> = serde_json::from_str(&text).unwrap();
    let reg = Registry::bundled();
    for e in &entries {
        let input = input_for(e);
        let out = decide_json(&input);
        let d = date(e["date"].as_str().unwrap());
        let expected: Vec<String> = e["vetoed_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| reg.resolve(n.as_str().unwrap(), d).unwrap().to_string())
            .collect();
        let mut got: Vec<String> = out["vetoed_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        got.sort();
        let mut expected = expected;
        expected.sort();
        assert_eq!(out["outcome"], e["outcome"], "{}: {input}\n{out}", e["id"]);
        assert_eq!(got, expected, "{}", e["id"]);
        for k in ["yes", "no", "abstain"] {
            if e[k].is_u64() {
                assert_eq!(out[k], e[k], "{} {k}", e["id"]);
            }
        }
    }
    assert_eq!(entries.len(), 15);
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit status 2, file, line, column, field, and the form expected.

const SC: &str = r#""body": "SC", "date": "2025-02-24", "question": "substantive""#;

#[test]
fn a_vote_for_the_same_state_twice_is_refused_with_its_line() {
    let err = refused(&format!(
        "{{{SC},\n\"votes\": {{\"FRA\": \"Y\",\n \"FRA\": \"N\"}}}}"
    ));
    assert!(
        err.contains(":3:") && err.contains("FRA is given a vote twice"),
        "{err}"
    );
}

#[test]
fn an_unknown_code_is_refused() {
    let err = refused(&format!("{{{SC}, \"votes\": {{\"XYZ\": \"Y\"}}}}"));
    assert!(
        err.contains(":1:") && err.contains("votes.XYZ") && err.contains("unknown code XYZ"),
        "{err}"
    );
}

#[test]
fn a_state_not_a_member_on_the_date_is_refused_with_the_reason() {
    let err = refused(
        r#"{"body": "GA", "date": "1950-06-27", "question": "simple",
  "votes": {"RUS": "Y"}}"#,
    );
    assert!(
        err.contains(":2:") && err.contains("the seat was held by SUN"),
        "{err}"
    );
    let err = refused(&format!("{{{SC}, \"votes\": {{\"UKR\": \"Y\"}}}}"));
    assert!(
        err.contains("UKR was not a member of the Security Council on 2025-02-24"),
        "{err}"
    );
}

#[test]
fn a_tally_that_contradicts_the_list_is_refused() {
    let err = refused(&format!(
        "{{{SC}, \"votes\": {{\"RUS\": \"N\", \"CHN\": \"N\"}}, \"tally\": {{\"yes\": 13, \"no\": 1, \"abstain\": 1}}}}"
    ));
    assert!(
        err.contains("tally.no") && err.contains("the tally gives 1 no but the list has 2"),
        "{err}"
    );
}

#[test]
fn a_tally_above_the_body_size_is_refused() {
    let err = refused(&format!(
        "{{{SC}, \"tally\": {{\"yes\": 10, \"no\": 3, \"abstain\": 3}}}}"
    ));
    assert!(
        err.contains("tally:") && err.contains("more than the 15 members"),
        "{err}"
    );
}

#[test]
fn an_unknown_question_kind_is_refused() {
    let err = refused(
        r#"{"body": "GA", "date": "2025-02-24", "question": "important", "tally": {"yes": 1, "no": 0, "abstain": 0}}"#,
    );
    assert!(
        err.contains("question: unknown question kind \"important\"; expected one of"),
        "{err}"
    );
}

#[test]
fn malformed_json_is_refused_with_line_and_column() {
    let err = refused("{\"body\": \"GA\",\n \"date\": \"2025-02-24\" \"question\": \"simple\"}");
    assert!(
        err.contains(":2:") && err.contains("malformed JSON"),
        "{err}"
    );
}

#[test]
fn a_vote_letter_other_than_y_n_a_x_is_refused() {
    let err = refused(&format!("{{{SC}, \"votes\": {{\"RUS\": \"yes\"}}}}"));
    assert!(
        err.contains("votes.RUS")
            && err.contains("expected \"Y\" (yes), \"N\" (no), \"A\" (abstain) or \"X\""),
        "{err}"
    );
}

#[test]
fn a_tally_that_could_hide_a_veto_needs_permanent_against() {
    let err = refused(&format!(
        "{{{SC}, \"tally\": {{\"yes\": 11, \"no\": 1, \"abstain\": 3}}}}"
    ));
    assert!(err.contains("permanent_against"), "{err}");
}

#[test]
fn missing_counts_that_could_change_the_outcome_must_be_given() {
    let err = refused(
        r#"{"body": "GA", "date": "2025-02-24", "question": "simple", "tally": {"yes": 60}}"#,
    );
    assert!(
        err.contains("the outcome depends on the counts not given (no, abstain)"),
        "{err}"
    );
}

/// Art. 19: a Member flagged as without a vote cannot be recorded as voting.
#[test]
fn a_member_flagged_under_article_19_cannot_vote() {
    let err = refused(
        r#"{"body": "GA", "date": "2025-02-24", "question": "simple", "article_19": ["AFG"],
  "votes": {"AFG": "Y", "UKR": "Y"}}"#,
    );
    assert!(
        err.contains("votes.AFG") && err.contains("no vote under Art. 19"),
        "{err}"
    );
    let err = refused(
        r#"{"body": "GA", "date": "2025-02-24", "question": "simple", "article_19": ["SUN"], "votes": {"UKR": "Y"}}"#,
    );
    assert!(
        err.contains("article_19") && err.contains("SUN was not a Member"),
        "{err}"
    );
}

#[test]
fn an_unknown_body_is_refused() {
    let err = refused(
        r#"{"body": "ECOSOC", "date": "2025-02-24", "question": "simple", "tally": {"yes": 1, "no": 0, "abstain": 0}}"#,
    );
    assert!(err.contains("body: unknown body \"ECOSOC\""), "{err}");
}
