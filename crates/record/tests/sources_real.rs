//! The parsers of the UN's own sources on the real files bundled with the repository
//! (`data/record/...`, `data/fixtures/`): counts per file, the votes everyone checks
//! (A/RES/ES-11/1, S/RES/2774 (2025)), and the known faults of each source found as findings.

use std::path::{Path, PathBuf};

use plenary_record::sources::{dgacm, fixtures, sc_archive, undl, Adoption, Batch, DecisionKind, SourceDecision};
use plenary_rules::states::Registry;
use plenary_rules::{StateCode, Vote};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A bundled source file, as the bundled record keeps it: under `data/record/` in the
/// repository, gzip-compressed (`dgacm/74.json.gz`). A missing file fails the test.
fn source_file(rel: &str) -> (String, Vec<u8>) {
    let rel = rel.replace("data_extract/", "");
    let gz = if rel.ends_with(".gz") { rel.clone() } else { format!("{rel}.gz") };
    let base = Path::new(&gz).file_name().unwrap().to_str().unwrap().to_string();
    let candidates: [PathBuf; 1] = [repo().join("data/record").join(&gz)];
    for c in &candidates {
        if let Ok(bytes) = std::fs::read(c) {
            return (base, bytes);
        }
    }
    panic!("source file {rel} not found; looked in {candidates:?}");
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("data/fixtures").join(name)).unwrap_or_else(|e| panic!("data/fixtures/{name}: {e}"))
}

fn reg() -> &'static Registry {
    Registry::bundled()
}

fn code(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}

fn count(d: &SourceDecision, v: Vote) -> usize {
    d.votes.iter().filter(|r| r.vote == v).count()
}

fn find<'a>(b: &'a Batch, symbol: &str) -> &'a SourceDecision {
    b.decisions.iter().find(|d| d.symbol.as_deref() == Some(symbol)).unwrap_or_else(|| panic!("{symbol} not parsed"))
}

fn findings<'a>(b: &'a Batch, kind: &str) -> Vec<&'a plenary_record::sources::SourceFinding> {
    b.findings.iter().filter(|f| f.kind == kind).collect()
}

// ---------------------------------------------------------------- DGACM

/// (file, resolutions, state rows after duplicates, by a recorded vote, without a vote, no type).
/// 79.json holds 372 records for 336 resolutions, 80.json 266 for 263: repeated records.
const DGACM_FILES: [(&str, usize, usize, usize, usize, usize); 9] = [
    ("74.json", 266, 16174, 90, 176, 0),
    ("75.json", 337, 17414, 100, 237, 0),
    ("76.json", 310, 14259, 80, 230, 0),
    ("77.json", 343, 15143, 88, 255, 0),
    ("78.json", 328, 14959, 85, 243, 0),
    ("79.json", 336, 19653, 113, 222, 1),
    ("80.json", 263, 29168, 166, 94, 3),
    ("ES-10.json", 3, 546, 3, 0, 0),
    ("ES-11.json", 6, 1083, 6, 0, 0),
];

#[test]
fn every_dgacm_file_parses_with_every_state_name_known() {
    for (file, records, rows, recorded, without, unknown) in DGACM_FILES {
        let (name, bytes) = source_file(&format!("dgacm/data_extract/{file}"));
        let b = dgacm::parse(&name, &bytes, reg()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(b.decisions.len(), records, "{file}: resolutions");
        assert_eq!(b.decisions.iter().map(|d| d.votes.len()).sum::<usize>(), rows, "{file}: state rows");
        let by = |a: Adoption| b.decisions.iter().filter(|d| d.adoption == a).count();
        assert_eq!(
            (by(Adoption::RecordedVote), by(Adoption::WithoutVote), by(Adoption::Unknown)),
            (recorded, without, unknown),
            "{file}: adoption types"
        );
        for d in &b.decisions {
            assert!(d.symbol.as_deref().unwrap().starts_with("A/RES/"));
            assert_eq!(d.published_outcome.as_deref(), Some("adopted"));
            if d.adoption == Adoption::WithoutVote {
                assert!(d.votes.is_empty(), "{:?} adopted without a vote has rows", d.symbol);
            }
        }
    }
}

#[test]
fn es_11_1_has_141_in_favour_5_against_35_abstaining() {
    let (name, bytes) = source_file("dgacm/data_extract/ES-11.json");
    let b = dgacm::parse(&name, &bytes, reg()).unwrap();
    let d = find(&b, "A/RES/ES-11/1");
    assert_eq!((d.published.yes, d.published.no, d.published.abstain), (Some(141), Some(5), Some(35)));
    assert_eq!(d.published.non_voting, None, "DGACM does not publish non-voting counts");
    assert_eq!((count(d, Vote::Yes), count(d, Vote::No), count(d, Vote::Abstain)), (141, 5, 35));
    assert_eq!(d.votes.len(), 181, "only the listed states have rows; the importer counts the rest");
    assert_eq!(d.date.to_string(), "2022-03-02");
    assert_eq!(d.session.as_deref(), Some("ES-11"));
    assert_eq!(d.meeting.as_deref(), Some("A/ES-11/PV.5"));
    assert_eq!(d.draft.as_deref(), Some("A/ES-11/L.1 and A/ES-11/L.1/Add.1"));
    assert_eq!(d.adoption, Adoption::RecordedVote);
    let vote_of = |c: &str| d.votes.iter().find(|v| v.state == code(c)).map(|v| v.vote);
    assert_eq!(vote_of("UKR"), Some(Vote::Yes));
    assert_eq!(vote_of("RUS"), Some(Vote::No));
    assert_eq!(vote_of("CHN"), Some(Vote::Abstain));
    assert_eq!(vote_of("AZE"), None, "absent: not listed");
    assert!(d.sponsors.contains(&code("UKR")));
    assert!(d.provenance.version.len() == 64 && d.provenance.source == "dgacm");
}

#[test]
fn dgacm_dates_with_non_breaking_spaces_and_times_are_read() {
    // 74.json spells dates "2019-10-10 00:00:00"; 79.json "24\u{a0}December 2024".
    let (name, bytes) = source_file("dgacm/data_extract/74.json");
    let b = dgacm::parse(&name, &bytes, reg()).unwrap();
    assert!(b.decisions.iter().all(|d| d.date.to_string().as_str() >= "2019-09-17" && d.date.to_string().as_str() <= "2020-09-15"));
    let (name, bytes) = source_file("dgacm/data_extract/79.json");
    let b = dgacm::parse(&name, &bytes, reg()).unwrap();
    assert_eq!(find(&b, "A/RES/79/259 A-C").date.to_string(), "2024-12-24");
}

#[test]
fn dgacm_faults_become_findings_not_corrections() {
    let (name, bytes) = source_file("dgacm/data_extract/75.json");
    let b = dgacm::parse(&name, &bytes, reg()).unwrap();
    // A/RES/75/290 A lists its whole vote twice: one row per state is kept.
    let d = find(&b, "A/RES/75/290 A");
    assert_eq!((count(d, Vote::Yes), count(d, Vote::Abstain)), (90, 47));
    let dup = findings(&b, "duplicate-rows");
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].source_key.as_deref(), Some("A/RES/75/290 A"));
    // A/RES/75/254 A-C: a recorded vote with counts and no names.
    let gap = findings(&b, "recorded-vote-without-lists");
    assert_eq!(gap.len(), 1);
    assert_eq!(gap[0].source_key.as_deref(), Some("A/RES/75/254 A-C"));
    assert_eq!(find(&b, "A/RES/75/254 A-C").published.yes, Some(168));

    let (name, bytes) = source_file("dgacm/data_extract/77.json");
    let b = dgacm::parse(&name, &bytes, reg()).unwrap();
    let m = findings(&b, "tally-mismatch");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].source_key.as_deref(), Some("A/RES/77/293"));
    let d = find(&b, "A/RES/77/293");
    assert_eq!((d.published.abstain, count(d, Vote::Abstain)), (Some(59), 58), "kept as published");

    let (name, bytes) = source_file("dgacm/data_extract/80.json");
    let b = dgacm::parse(&name, &bytes, reg()).unwrap();
    assert_eq!(findings(&b, "adoption-type-missing").len(), 3);
}

#[test]
fn a_resolution_repeated_in_the_extract_is_read_from_its_last_copy() {
    let (name, bytes) = source_file("dgacm/data_extract/79.json");
    let b = dgacm::parse(&name, &bytes, reg()).unwrap();
    let f = findings(&b, "record-repeated");
    assert_eq!(f.len(), 33);
    let r290 = f.iter().find(|x| x.source_key.as_deref() == Some("A/RES/79/290")).unwrap();
    // The later copy respells one name ("TÜRKÝYE" -> "TÜRKİYE"): the same state, the same votes.
    let copy = &r290.evidence["earlier_copies"][0];
    assert_eq!(copy["differs_in"]["MS_in_favour"]["added"][0], "TÜRKİYE");
    assert_eq!(copy["differs_in"]["MS_in_favour"]["dropped"][0], "TÜRKÝYE");
    assert_eq!(copy["same_votes"], true);
    assert!(f.iter().all(|x| x.evidence["earlier_copies"].as_array().unwrap().iter().all(|c| c["same_votes"] == true)));
    let d = find(&b, "A/RES/79/290");
    let tur = d.votes.iter().find(|v| v.state == code("TUR")).unwrap();
    assert_eq!((tur.vote, &*tur.as_in_source), (Vote::Yes, "TÜRKİYE"));
    assert_eq!(b.decisions.iter().filter(|d| d.symbol.as_deref() == Some("A/RES/79/328")).count(), 1);
    let (name, bytes) = source_file("dgacm/data_extract/80.json");
    assert_eq!(findings(&dgacm::parse(&name, &bytes, reg()).unwrap(), "record-repeated").len(), 3);
}

#[test]
fn dgacm_sponsors_are_states_and_group_spokesmen() {
    let (name, bytes) = source_file("dgacm/data_extract/80.json");
    let b = dgacm::parse(&name, &bytes, reg()).unwrap();
    assert!(b.decisions.iter().any(|d| !d.sponsors.is_empty()));
    let f = findings(&b, "sponsor-not-a-state");
    assert_eq!(f.len(), 1, "one summary finding per file");
    let entries = f[0].evidence["entries"].as_object().unwrap();
    assert!(entries.keys().any(|k| k.to_ascii_lowercase().starts_with("submitted by")));
}

// ---------------------------------------------------------------- SC archive

fn sc() -> Batch {
    let (name, bytes) = source_file("sc/sc_resolutions_1946_2026.json.gz");
    sc_archive::parse(&name, &bytes, reg()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_sc_archive_holds_2815_resolutions_and_41349_member_entries() {
    let b = sc();
    assert_eq!(b.decisions.len(), 2815);
    // 41,349 entries in the file; the 79 adoptions without a vote keep none (their
    // "not-voting" entries are the finding's evidence): 71 x 15 + 8 x 11 = 1,153 fewer.
    assert_eq!(b.decisions.iter().map(|d| d.votes.len()).sum::<usize>(), 41349 - 1153);
    assert!(b.decisions.iter().all(|d| d.kind == DecisionKind::Resolution && d.symbol.as_deref().unwrap().starts_with("S/RES/")));
}

#[test]
fn s_res_2774_was_adopted_10_0_5() {
    let b = sc();
    let d = find(&b, "S/RES/2774 (2025)");
    assert_eq!(d.date.to_string(), "2025-02-24");
    assert_eq!((count(d, Vote::Yes), count(d, Vote::No), count(d, Vote::Abstain)), (10, 0, 5));
    assert_eq!((d.published.yes, d.published.no, d.published.abstain), (Some(10), Some(0), Some(5)));
    for p in ["USA", "CHN", "RUS"] {
        assert_eq!(d.votes.iter().find(|v| v.state == code(p)).map(|v| v.vote), Some(Vote::Yes), "{p}");
    }
    for p in ["FRA", "GBR"] {
        assert_eq!(d.votes.iter().find(|v| v.state == code(p)).map(|v| v.vote), Some(Vote::Abstain), "{p}");
    }
    assert_eq!(d.published_outcome.as_deref(), Some("Adopted"));
}

#[test]
fn the_121_mislabelled_sc_resolutions_are_findings_with_their_reason() {
    let b = sc();
    let f = findings(&b, "label-contradicts-votes");
    let reason = |r: &str| f.iter().filter(|x| x.evidence["reason"] == r).count();
    assert_eq!(reason("adopted-without-a-vote"), 79);
    assert_eq!(reason("majority-of-its-era"), 32);
    assert_eq!(reason("procedural-despite-permanent-no"), 10);
    assert_eq!(reason("unexplained"), 0);
    assert_eq!(f.len(), 121);
    // The labels stay as the compiler wrote them.
    let d = find(&b, "S/RES/2623 (2022)");
    assert_eq!(d.published_outcome.as_deref(), Some("Vetoed"));
    assert_eq!(d.votes.iter().find(|v| v.state == code("RUS")).map(|v| v.vote), Some(Vote::No));
    let d34 = find(&b, "S/RES/34 (1947)");
    assert_eq!(d34.votes.iter().find(|v| v.state == code("SUN")).map(|v| v.vote), Some(Vote::No));
}

#[test]
fn all_members_not_voting_is_an_adoption_without_a_vote() {
    let b = sc();
    let without: Vec<_> = b.decisions.iter().filter(|d| d.adoption == Adoption::WithoutVote).collect();
    assert_eq!(without.len(), 79);
    let d = find(&b, "S/RES/2580 (2021)");
    assert_eq!(d.adoption, Adoption::WithoutVote);
    assert!(d.votes.is_empty());
    assert_eq!(d.published_outcome.as_deref(), Some("Rejected"), "label kept verbatim");
}

#[test]
fn s_res_2812_summary_13_0_2_against_15_yes_is_a_tally_mismatch() {
    let b = sc();
    let f = findings(&b, "tally-mismatch");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].source_key.as_deref(), Some("S/RES/2812 (2026)"));
    let d = find(&b, "S/RES/2812 (2026)");
    assert_eq!((d.published.yes, d.published.abstain), (Some(13), Some(2)), "summary kept as published");
    assert_eq!(count(d, Vote::Yes), 15);
}

#[test]
fn china_is_the_republic_of_china_until_25_october_1971() {
    let b = sc();
    let holder = |sym: &str| {
        let d = find(&b, sym);
        d.votes.iter().find(|v| &*v.as_in_source == "CHINA").map(|v| v.state.to_string())
    };
    assert_eq!(holder("S/RES/82 (1950)").as_deref(), Some("TWN"));
    assert_eq!(holder("S/RES/2774 (2025)").as_deref(), Some("CHN"));
}

// ---------------------------------------------------------------- fixtures

fn fixture_set() -> Batch {
    let json = fixture("real_votes_public.json");
    let totals = fixture("totals_2025_02_24.csv");
    let votes = fixture("votes_2025_02_24_partial.csv");
    fixtures::parse_set(
        &[("real_votes_public.json", &json), ("totals_2025_02_24.csv", &totals), ("votes_2025_02_24_partial.csv", &votes)],
        reg(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_fixtures_carry_15_decisions_with_failed_drafts_amendments_and_vetoes() {
    let b = fixture_set();
    assert_eq!(b.decisions.len(), 15);
    let amendments: Vec<_> = b.decisions.iter().filter(|d| d.kind == DecisionKind::Amendment).collect();
    assert_eq!(amendments.len(), 3);
    assert!(amendments.iter().all(|a| a.amends.is_some()));
    let outcome = |o: &str| b.decisions.iter().filter(|d| d.published_outcome.as_deref() == Some(o)).count();
    assert_eq!((outcome("adopted"), outcome("rejected"), outcome("vetoed")), (8, 4, 3));
    let eu = b.decisions.iter().find(|d| d.source_key == "SC-2025-02-24-EUAMD-SOVEREIGNTY").unwrap();
    assert_eq!(eu.amends.as_deref(), Some("S/RES/2774 (2025)"));
    assert_eq!((eu.published.yes, eu.published.no), (Some(9), None), "null stays unknown");
    let l11 = b.decisions.iter().find(|d| d.source_key == "GA-2025-02-24-L11-RUAMD").unwrap();
    assert_eq!(l11.amends.as_deref(), Some("A/ES-11/L.11"));
    let veto = b.decisions.iter().find(|d| d.source_key == "SC-2022-05-26-S-2022-431").unwrap();
    assert!(veto.description.as_deref().unwrap().contains("Vetoed by: CHN"));
}

#[test]
fn the_24_february_2025_votes_are_joined_across_the_three_files() {
    let b = fixture_set();
    let es7 = find(&b, "A/RES/ES-11/7");
    assert_eq!((count(es7, Vote::Yes), count(es7, Vote::No), count(es7, Vote::Abstain)), (93, 18, 14));
    let partial: Vec<_> = findings(&b, "partial-vote-list").into_iter().filter(|f| f.source_key.as_deref() == Some(es7.source_key.as_str())).collect();
    assert_eq!(partial.len(), 1, "14 of 65 abstentions listed: the rest are unknown");
    let r2774 = find(&b, "S/RES/2774 (2025)");
    assert_eq!((count(r2774, Vote::Yes), count(r2774, Vote::Abstain)), (10, 5));
    assert_eq!(r2774.published.non_voting, Some(0), "filled from the totals file, where the JSON has null");
    assert!(findings(&b, "sources-disagree").is_empty());
    let es1 = find(&b, "A/RES/ES-11/1");
    assert_eq!(count(es1, Vote::Absent), 12);
    assert!(b.findings.iter().all(|f| f.source_key.as_deref() != Some(es1.source_key.as_str()) || f.kind != "tally-mismatch"));
}

#[test]
fn each_fixture_file_parses_alone() {
    for name in ["real_votes_public.json", "totals_2025_02_24.csv", "votes_2025_02_24_partial.csv"] {
        let b = fixtures::parse(name, &fixture(name), reg()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!b.decisions.is_empty(), "{name}");
    }
    let b = fixtures::parse("totals_2025_02_24.csv", &fixture("totals_2025_02_24.csv"), reg()).unwrap();
    assert_eq!(b.decisions.len(), 3);
    let b = fixtures::parse("votes_2025_02_24_partial.csv", &fixture("votes_2025_02_24_partial.csv"), reg()).unwrap();
    assert_eq!(b.decisions.iter().map(|d| d.votes.len()).sum::<usize>(), 140);
}

// ---------------------------------------------------------------- UN Digital Library

fn undl_file(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/undl").join(name)).unwrap()
}

#[test]
fn undl_ga_file_of_2025_layout_gives_es_11_1() {
    let b = undl::parse_ga("ga_2025_layout.csv", &undl_file("ga_2025_layout.csv"), reg()).unwrap();
    let d = find(&b, "A/RES/ES-11/1");
    assert_eq!((count(d, Vote::Yes), count(d, Vote::No), count(d, Vote::Abstain), count(d, Vote::NonVoting)), (141, 5, 35, 12));
    assert_eq!((d.published.yes, d.published.non_voting), (Some(141), Some(12)));
    assert_eq!(d.provenance.source, "undl-ga");
}

#[test]
fn undl_ga_file_before_2025_writes_non_voting_as_nv() {
    let b = undl::parse("ga_pre2025_layout.csv", &undl_file("ga_pre2025_layout.csv"), reg()).unwrap();
    let d = find(&b, "A/RES/68/262");
    assert_eq!((count(d, Vote::Yes), count(d, Vote::No), count(d, Vote::Abstain), count(d, Vote::NonVoting)), (100, 11, 58, 24));
    assert_eq!(d.source_key, "767565");
}

#[test]
fn undl_sc_file_records_an_adoption_without_a_vote_as_all_yes() {
    let b = undl::parse("sc_layout.csv", &undl_file("sc_layout.csv"), reg()).unwrap();
    assert_eq!(b.decisions[0].provenance.source, "undl-sc");
    let d = find(&b, "S/RES/2774 (2025)");
    assert_eq!((count(d, Vote::Yes), count(d, Vote::Abstain)), (10, 5));
    assert_eq!(d.adoption, Adoption::RecordedVote);
    let g = find(&b, "S/RES/2580 (2021)");
    assert_eq!(g.adoption, Adoption::WithoutVote);
    assert!(g.votes.is_empty());
    let f = findings(&b, "without-vote-recorded-as-yes");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].evidence["rows_as_in_source"].as_array().unwrap().len(), 15);
}
