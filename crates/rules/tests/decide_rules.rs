//! One test per rule of decision, named as the rule and citing its source
//! (data/rules.md; the UN Charter; the GA rules of procedure A/520/Rev.17; the SC provisional
//! rules of procedure S/96/Rev.7; recorded practice).

mod common;

use common::*;
use plenary_rules::{
    Ballot, Body, BodyError, DecideError, Outcome, Question, QuestionKind, Reason, Subject, Tally,
    Vote, VoteRecord, decide,
};

// ---------------------------------------------------------------------------------------------
// General Assembly: Art. 18, rules 67, 83-86, 95; Art. 19.

/// Art. 18(3), rule 85: other questions by a majority of the members present and voting.
#[test]
fn ga_simple_majority_is_more_yes_than_no() {
    let (ga, m) = assembly(193);
    assert_eq!(
        decide_kind(&ga, QuestionKind::Simple, &counted(&m, 75, 72, 26)).outcome,
        Outcome::Adopted
    );
    let one_short = decide_kind(&ga, QuestionKind::Simple, &counted(&m, 72, 73, 26));
    assert_eq!(one_short.outcome, Outcome::Rejected);
    assert_eq!(one_short.reason, Reason::FailedToObtainRequiredMajority);
    assert_eq!(one_short.required, 73);
}

/// Rule 86: "members present and voting" means members casting an affirmative or negative
/// vote; abstainers are considered as not voting.
#[test]
fn ga_abstentions_do_not_count_as_votes() {
    let (ga, m) = assembly(193);
    let d = decide_kind(&ga, QuestionKind::Simple, &counted(&m, 10, 9, 150));
    assert_eq!(d.outcome, Outcome::Adopted);
    assert_eq!(d.present_and_voting, 19);
    assert_eq!(d.required, 10);
}

/// Art. 18(2), rule 83: important questions by two-thirds of the members present and voting:
/// yes >= 2 x no.
#[test]
fn ga_two_thirds_means_at_least_twice_as_many_yes_as_no() {
    let (ga, m) = assembly(193);
    let exactly = decide_kind(&ga, QuestionKind::TwoThirds, &counted(&m, 100, 50, 10));
    assert_eq!(exactly.outcome, Outcome::Adopted);
    assert_eq!(exactly.required, 100);
    let short = decide_kind(&ga, QuestionKind::TwoThirds, &counted(&m, 99, 50, 10));
    assert_eq!(short.outcome, Outcome::Rejected);
}

/// Art. 18(2) in practice: A/73/L.42 (6 Dec 2018) won a plurality, 87-57-33, but not the
/// two-thirds the Assembly had decided it needed (GA/12101).
#[test]
fn a_simple_majority_does_not_carry_an_important_question() {
    let (ga, _) = assembly(193);
    let ballot = Ballot::from_tally(Tally {
        yes: 87,
        no: 57,
        abstain: 33,
        non_voting: 0,
    });
    let d = decide(&ga, &Question::new(QuestionKind::TwoThirds), &ballot).unwrap();
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.reason, Reason::FailedToObtainRequiredMajority);
    assert_eq!(d.required, 96);
    assert_eq!(
        d.announcement,
        "The draft resolution was not adopted, having failed to obtain the required two-thirds majority: 87 votes to 57, with 33 abstentions."
    );
}

/// Rule 95: if a vote is equally divided on a matter other than an election, the proposal is
/// regarded as rejected.
#[test]
fn tie_in_the_assembly_rejects_the_proposal() {
    let (ga, m) = assembly(193);
    let d = decide_kind(&ga, QuestionKind::Simple, &counted(&m, 60, 60, 40));
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.reason, Reason::EquallyDivided);
    assert!(
        d.announcement
            .starts_with("The votes being equally divided (60 votes to 60, with 40 abstentions)"),
        "{}",
        d.announcement
    );
}

/// Rule 67: the presence of a majority of the members is required for any decision.
#[test]
fn no_decision_without_a_majority_of_the_members_present() {
    let (ga, m) = assembly(193);
    let d = decide_kind(&ga, QuestionKind::Simple, &counted(&m, 60, 20, 16));
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.reason, Reason::QuorumNotPresent);
    assert_eq!(d.absent, 97);
    let with_quorum = decide_kind(&ga, QuestionKind::Simple, &counted(&m, 60, 20, 17));
    assert_eq!(with_quorum.outcome, Outcome::Adopted);
}

/// Art. 19: a Member in arrears of two full years' contributions has no vote; it can appear
/// only as present and not voting.
#[test]
fn a_member_without_a_vote_under_article_19_cannot_vote() {
    let (ga, m) = assembly(193);
    let ga = ga.with_article_19([m[0]]).unwrap();
    let mut votes: Vec<_> = m
        .iter()
        .skip(1)
        .take(120)
        .map(|c| (*c, Vote::Yes))
        .collect();
    votes.push((m[0], Vote::Yes));
    let err = decide(
        &ga,
        &Question::new(QuestionKind::Simple),
        &Ballot::from_votes(votes.clone()).unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        DecideError::NoVoteUnderArticle19 {
            code: m[0],
            vote: Vote::Yes
        }
    );
    votes.pop();
    votes.push((m[0], Vote::NonVoting));
    let d = decide(
        &ga,
        &Question::new(QuestionKind::Simple),
        &Ballot::from_votes(votes).unwrap(),
    )
    .unwrap();
    assert_eq!((d.yes, d.non_voting), (120, 1));
}

/// Art. 18(2)-(3): the Assembly decides by one majority or the other; "substantive" does not
/// say which.
#[test]
fn the_assembly_must_be_told_whether_a_question_is_important() {
    let (ga, m) = assembly(193);
    let err = decide(
        &ga,
        &Question::new(QuestionKind::Substantive),
        &counted(&m, 100, 1, 0),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("\"simple\" or \"two_thirds\""),
        "{err}"
    );
}

/// Art. 18(1), rule 83 via the registry: ES-11/1 (2 Mar 2022), 141-5-35, adopted by
/// two-thirds, announced as the verbatim record does.
#[test]
fn the_assembly_announces_an_adoption_with_its_figures() {
    let ga = Body::general_assembly(date("2022-03-02"));
    assert_eq!(ga.seats(), 193);
    let ballot = Ballot::from_tally(Tally {
        yes: 141,
        no: 5,
        abstain: 35,
        non_voting: 0,
    });
    let q = Question {
        symbol: Some("A/ES-11/L.1".into()),
        adopted_as: Some("ES-11/1".into()),
        ..Question::new(QuestionKind::TwoThirds)
    };
    let d = decide(&ga, &q, &ballot).unwrap();
    assert_eq!(
        d.announcement,
        "Draft resolution A/ES-11/L.1 was adopted by 141 votes to 5, with 35 abstentions (resolution ES-11/1)."
    );
    assert_eq!(d.absent, 12);
}

/// Rule 90 practice (24 Feb 2025, GA/12677): the Russian amendment to A/ES-11/L.11 was
/// rejected by 31 votes to 71.
#[test]
fn the_assembly_announces_a_rejected_amendment() {
    let ga = Body::general_assembly(date("2025-02-24"));
    let ballot = Ballot::from_tally(Tally {
        yes: 31,
        no: 71,
        abstain: 0,
        non_voting: 0,
    });
    let d = decide(
        &ga,
        &Question::new(QuestionKind::TwoThirds).about(Subject::Amendment),
        &ballot,
    )
    .unwrap();
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(
        d.announcement,
        "The amendment was rejected by 31 votes to 71, with no abstentions."
    );
}

// ---------------------------------------------------------------------------------------------
// Security Council: Art. 23, 27; the 1963 amendment; recorded practice.

/// Art. 27(2): procedural decisions by nine affirmative votes; a permanent member's no does
/// not block them (res. 2623 (2022), 11-1-3, the Russian Federation voting no: adopted).
#[test]
fn a_procedural_decision_cannot_be_vetoed() {
    let sc = sc_2025();
    let ballot = roll(
        &[
            "DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "FRA", "GBR",
        ],
        &["RUS"],
        &["CHN", "USA", "SOM"],
    );
    let d = decide_kind(&sc, QuestionKind::Procedural, &ballot);
    assert_eq!(d.outcome, Outcome::Adopted);
    assert_eq!(d.rule, "Charter Art. 27(2)");
}

/// Art. 27(2): procedural decisions need nine affirmative votes all the same.
#[test]
fn a_procedural_decision_needs_nine_affirmative_votes() {
    let sc = sc_2025();
    let ballot = roll(
        &["DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE"],
        &[],
        &["CHN", "USA", "SOM", "RUS", "FRA", "GBR", "SVN"],
    );
    let d = decide_kind(&sc, QuestionKind::Procedural, &ballot);
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.reason, Reason::FailedToObtainRequiredNumberOfVotes);
}

/// Art. 27(3): a negative vote of a permanent member on a draft with nine or more votes in
/// favour is a veto (24 Feb 2025: the sovereignty amendment had exactly nine, GA/12677).
#[test]
fn a_permanent_members_no_against_nine_votes_in_favour_is_a_veto() {
    let sc = sc_2025();
    let ballot = roll(
        &[
            "DZA", "DNK", "GRC", "GUY", "SLE", "SVN", "FRA", "GBR", "KOR",
        ],
        &["RUS"],
        &["CHN", "USA", "PAK", "PAN", "SOM"],
    );
    let d = decide(
        &sc,
        &Question::new(QuestionKind::Substantive).about(Subject::Amendment),
        &ballot,
    )
    .unwrap();
    assert_eq!(
        d.outcome,
        Outcome::Vetoed {
            by: vec![code("RUS")]
        }
    );
    assert_eq!(d.reason, Reason::NegativeVoteOfPermanentMember);
    assert_eq!(
        d.announcement,
        "The amendment received 9 votes in favour, 1 against and 5 abstentions. The amendment has not been adopted, owing to the negative vote of a permanent member of the Council."
    );
}

/// Practice (res. 2504 (2020), 11-0-4 with China, Russia, the UK and the US abstaining):
/// a permanent member's abstention is not a veto.
#[test]
fn abstention_of_a_permanent_member_is_not_a_veto() {
    let sc = sc_2025();
    let ballot = roll(
        &[
            "DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "SOM", "FRA",
        ],
        &[],
        &["CHN", "RUS", "GBR", "USA"],
    );
    assert_eq!(
        decide_kind(&sc, QuestionKind::Substantive, &ballot).outcome,
        Outcome::Adopted
    );
}

/// Practice (res. 82 (1950), 9-0-1, the USSR absent): a permanent member's absence is not a
/// veto; decided under the 11-member numbers (seven votes).
#[test]
fn absence_of_a_permanent_member_is_not_a_veto() {
    let sc = sc_1950();
    let ballot = roll(
        &[
            "TWN", "CUB", "ECU", "EGY", "FRA", "IND", "NOR", "GBR", "USA",
        ],
        &[],
        &["YUG"],
    );
    let d = decide_kind(&sc, QuestionKind::Substantive, &ballot);
    assert_eq!(d.outcome, Outcome::Adopted);
    assert_eq!(
        (d.yes, d.no, d.abstain, d.absent, d.required),
        (9, 0, 1, 1, 7)
    );
}

/// scprocedure.org: "a negative vote by a permanent member which prevents the adoption of a
/// decision which received at least nine affirmative votes"; with fewer, the draft fails for
/// want of votes (S/2014/916, 30 Dec 2014: 8-2-5 with the United States voting no).
#[test]
fn fewer_than_nine_votes_in_favour_is_not_a_veto_whatever_the_permanent_members_did() {
    let date14 = date("2014-12-30");
    let members = ["CHN", "FRA", "GBR", "RUS", "USA"]
        .map(|c| (code(c), true))
        .into_iter()
        .chain(
            [
                "ARG", "AUS", "CHL", "TCD", "JOR", "LTU", "LUX", "NGA", "KOR", "RWA",
            ]
            .map(|c| (code(c), false)),
        );
    let sc = Body::security_council_of(date14, members).unwrap();
    let ballot = roll(
        &["ARG", "TCD", "CHL", "CHN", "FRA", "JOR", "LUX", "RUS"],
        &["AUS", "USA"],
        &["LTU", "NGA", "KOR", "RWA", "GBR"],
    );
    let d = decide_kind(&sc, QuestionKind::Substantive, &ballot);
    assert_eq!(d.outcome, Outcome::Rejected);
    assert_eq!(d.reason, Reason::FailedToObtainRequiredNumberOfVotes);
    assert_eq!(
        d.announcement,
        "The draft resolution received 8 votes in favour, 2 against and 5 abstentions. The draft resolution has not been adopted, having failed to obtain the required number of votes."
    );
}

/// Art. 27(3): every permanent member whose no blocked adoption is named (S/2022/431, 26 May
/// 2022, 13-2-0, China and the Russian Federation).
#[test]
fn every_permanent_member_voting_no_is_named_in_the_veto() {
    let sc = sc_2025();
    let ballot = roll(
        &[
            "DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "SOM", "FRA", "GBR",
            "USA",
        ],
        &["RUS", "CHN"],
        &[],
    );
    let d = decide_kind(&sc, QuestionKind::Substantive, &ballot);
    assert_eq!(
        d.outcome,
        Outcome::Vetoed {
            by: vec![code("CHN"), code("RUS")]
        }
    );
    assert!(
        d.announcement
            .ends_with("owing to the negative votes of permanent members of the Council."),
        "{}",
        d.announcement
    );
}

/// Art. 23, 27 as amended in 1963 (GA res. 1991 A (XVIII)): until the enlarged Council first
/// sat on 1 January 1966, 11 members and seven affirmative votes.
#[test]
fn before_1966_the_council_had_eleven_members_and_decided_by_seven_votes() {
    assert_eq!(plenary_rules::council_numbers(date("1965-12-31")).seats, 11);
    assert_eq!(
        plenary_rules::council_numbers(date("1965-12-31")).affirmative_votes,
        7
    );
    assert_eq!(
        plenary_rules::council_numbers(date("1966-01-01")).affirmative_votes,
        9
    );
    let sc = sc_1948();
    let seven = Ballot::from_tally(Tally {
        yes: 7,
        no: 0,
        abstain: 4,
        non_voting: 0,
    });
    assert_eq!(
        decide_kind(&sc, QuestionKind::Substantive, &seven).outcome,
        Outcome::Adopted
    );
    let six = Ballot::from_tally(Tally {
        yes: 6,
        no: 0,
        abstain: 5,
        non_voting: 0,
    });
    assert_eq!(
        decide_kind(&sc, QuestionKind::Substantive, &six).outcome,
        Outcome::Rejected
    );
    let err = Body::security_council_of(
        date("1965-06-01"),
        sc_2025().members().map(|m| (m.code, m.veto)),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            BodyError::CouncilSize {
                expected: 11,
                given: 15,
                ..
            }
        ),
        "{err:?}"
    );
}

/// The double veto (24 May 1948, AJIL note): whether a matter is procedural is itself decided
/// as a substantive question, so the USSR's no against 8 votes in favour (8-2-1) under the
/// 11-member numbers was a veto.
#[test]
fn the_preliminary_question_whether_a_matter_is_procedural_can_be_vetoed() {
    let sc = sc_1948();
    let ballot = Ballot::from_tally(Tally {
        yes: 8,
        no: 2,
        abstain: 1,
        non_voting: 0,
    })
    .with_permanent_against([code("SUN")]);
    let d = decide_kind(&sc, QuestionKind::Substantive, &ballot);
    assert_eq!(
        d.outcome,
        Outcome::Vetoed {
            by: vec![code("SUN")]
        }
    );
    assert_eq!(d.required, 7);
}

/// Art. 27(3): a party to a dispute abstains in decisions under Chapter VI, but only when the
/// chair so determines; nobody is disqualified otherwise (S/2014/189).
#[test]
fn a_party_to_a_dispute_abstains_only_when_the_chair_declares_it() {
    let sc = sc_2025();
    let yes = [
        "DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "SOM", "FRA", "GBR", "USA",
    ];
    // Undeclared: the party's no is counted, and it is a veto.
    let undeclared = roll(&yes, &["RUS"], &["CHN"]);
    assert_eq!(
        decide_kind(&sc, QuestionKind::Substantive, &undeclared).outcome,
        Outcome::Vetoed {
            by: vec![code("RUS")]
        }
    );
    // Declared and recorded as voting: refused.
    let declared_voting = roll(&yes, &["RUS"], &["CHN"]).with_parties_abstaining([code("RUS")]);
    let err = decide(
        &sc,
        &Question::new(QuestionKind::Substantive),
        &declared_voting,
    )
    .unwrap_err();
    assert_eq!(
        err,
        DecideError::PartyVoted {
            code: code("RUS"),
            vote: Vote::No
        }
    );
    // Declared and abstaining: adopted.
    let declared = roll(&yes, &[], &["CHN", "RUS"]).with_parties_abstaining([code("RUS")]);
    assert_eq!(
        decide_kind(&sc, QuestionKind::Substantive, &declared).outcome,
        Outcome::Adopted
    );
    // Not on procedural questions.
    let err = decide(&sc, &Question::new(QuestionKind::Procedural), &declared).unwrap_err();
    assert!(matches!(
        err,
        DecideError::PartiesAbstainingNotApplicable { .. }
    ));
}

/// Art. 27: the Council decides procedural or substantive matters, not GA majorities.
#[test]
fn the_council_does_not_decide_by_assembly_majorities() {
    let err = decide(
        &sc_2025(),
        &Question::new(QuestionKind::TwoThirds),
        &roll(&["FRA"], &[], &[]),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("\"procedural\" (Art. 27(2)) or \"substantive\""),
        "{err}"
    );
}

/// research.un.org/en/docs/unvoting/sc: "The draft resolution has been adopted as resolution
/// N." (S/RES/2774 (2025), 10-0-5).
#[test]
fn the_council_announces_an_adoption_with_the_resolution_number() {
    let ballot = roll(
        &[
            "DZA", "CHN", "GUY", "PAK", "PAN", "KOR", "RUS", "SLE", "SOM", "USA",
        ],
        &[],
        &["DNK", "FRA", "GRC", "SVN", "GBR"],
    );
    let q = Question {
        adopted_as: Some("2774 (2025)".into()),
        ..Question::new(QuestionKind::Substantive)
    };
    let d = decide(&sc_2025(), &q, &ballot).unwrap();
    assert_eq!(
        d.announcement,
        "The draft resolution received 10 votes in favour, none against and 5 abstentions. The draft resolution has been adopted as resolution 2774 (2025)."
    );
}

/// Via the registry: the Council on 24 Feb 2025 has the 15 members of 2025.
#[test]
fn the_council_of_a_date_comes_from_the_membership_data() {
    let sc = Body::security_council(date("2025-02-24")).unwrap();
    assert_eq!(sc, sc_2025());
    let sc50 = Body::security_council(date("1950-06-25")).unwrap();
    assert_eq!(sc50, sc_1950());
}

// ---------------------------------------------------------------------------------------------
// What the engine refuses.

#[test]
fn a_vote_for_a_state_that_is_not_a_member_is_refused() {
    let err = decide(
        &sc_2025(),
        &Question::new(QuestionKind::Substantive),
        &roll(&["UKR"], &[], &[]),
    )
    .unwrap_err();
    assert!(matches!(err, DecideError::NotAMember { code: c, .. } if c == code("UKR")));
}

#[test]
fn a_vote_for_the_same_state_twice_is_refused() {
    let err = Ballot::from_votes([(code("FRA"), Vote::Yes), (code("FRA"), Vote::No)]).unwrap_err();
    assert_eq!(err.code, code("FRA"));
}

#[test]
fn a_tally_above_the_body_size_is_refused() {
    let ballot = Ballot::from_tally(Tally {
        yes: 10,
        no: 3,
        abstain: 3,
        non_voting: 0,
    });
    let err = decide(
        &sc_2025(),
        &Question::new(QuestionKind::Procedural),
        &ballot,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            DecideError::TallyAboveBodySize {
                counted: 16,
                size: 15,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_tally_that_contradicts_the_list_is_refused() {
    let known = [(code("RUS"), Vote::No), (code("CHN"), Vote::No)]
        .into_iter()
        .collect();
    let ballot = Ballot::new(VoteRecord::TallyWithKnownVotes {
        tally: Tally {
            yes: 13,
            no: 1,
            abstain: 1,
            non_voting: 0,
        },
        known,
    });
    let err = decide(
        &sc_2025(),
        &Question::new(QuestionKind::Substantive),
        &ballot,
    )
    .unwrap_err();
    assert_eq!(
        err,
        DecideError::TallyContradictsList {
            category: "no",
            tally: 1,
            listed: 2
        }
    );
}

/// Only when a veto could decide (substantive, enough votes, some no) must a tally say which
/// permanent members voted no.
#[test]
fn a_tally_needs_permanent_against_only_when_a_veto_could_decide() {
    let sc = sc_2025();
    let q = Question::new(QuestionKind::Substantive);
    let short = Ballot::from_tally(Tally {
        yes: 6,
        no: 1,
        abstain: 8,
        non_voting: 0,
    });
    assert_eq!(decide(&sc, &q, &short).unwrap().outcome, Outcome::Rejected);
    let enough = Ballot::from_tally(Tally {
        yes: 11,
        no: 1,
        abstain: 3,
        non_voting: 0,
    });
    assert!(matches!(
        decide(&sc, &q, &enough),
        Err(DecideError::PermanentAgainstNeeded { .. })
    ));
    let none = enough.clone().with_permanent_against([]);
    assert_eq!(decide(&sc, &q, &none).unwrap().outcome, Outcome::Adopted);
    let not_permanent = enough.with_permanent_against([code("SVN")]);
    assert!(matches!(
        decide(&sc, &q, &not_permanent),
        Err(DecideError::NotAPermanentMember { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Custom bodies (a Model UN committee, a parliament, an association).

const COMMITTEE: &str = r#"
id = "club"
name = "Club council"
quorum = "more than 1/2"
veto = ["AAA"]
[majority]
basis = "all_members"
threshold = "more than 1/2"
[[members]]
code = "AAA"
weight = 3
[[members]]
code = "BBB"
[[members]]
code = "CCC"
[[members]]
code = "DDD"
[[members]]
code = "EEE"
"#;

/// A custom majority of all the members, by weight: 7 votes in all, 4 needed.
#[test]
fn a_custom_body_counts_weighted_votes_against_all_its_members() {
    let body = Body::custom_from_toml(COMMITTEE).unwrap();
    assert_eq!(body.size(), 7);
    let d = decide_kind(
        &body,
        QuestionKind::Procedural,
        &roll(&["AAA", "BBB"], &["CCC"], &[]),
    );
    assert_eq!(
        (d.outcome.clone(), d.yes, d.required),
        (Outcome::Adopted, 4, 4)
    );
    let d = decide_kind(
        &body,
        QuestionKind::Procedural,
        &roll(&["BBB", "CCC", "DDD"], &[], &["AAA", "EEE"]),
    );
    assert_eq!(d.outcome, Outcome::Rejected);
}

/// A custom veto holder blocks questions other than procedural ones.
#[test]
fn a_custom_veto_holder_blocks_substantive_questions_only() {
    let body = Body::custom_from_toml(COMMITTEE).unwrap();
    let ballot = Ballot::from_votes([
        (code("AAA"), Vote::No),
        (code("BBB"), Vote::Yes),
        (code("CCC"), Vote::Yes),
        (code("DDD"), Vote::Yes),
        (code("EEE"), Vote::Yes),
    ])
    .unwrap();
    // 4 of 7 in favour: a majority of all members, but the holder's no is a veto.
    let vetoed = decide_kind(&body, QuestionKind::Substantive, &ballot);
    assert_eq!(
        vetoed.outcome,
        Outcome::Vetoed {
            by: vec![code("AAA")]
        }
    );
    assert_eq!(
        vetoed.announcement,
        "The draft resolution was not adopted, owing to the negative vote of a member holding a veto: 4 votes to 3, with no abstentions."
    );
    assert_eq!(
        decide_kind(&body, QuestionKind::Procedural, &ballot).outcome,
        Outcome::Adopted
    );
}

#[test]
fn a_custom_body_needs_its_quorum() {
    let body = Body::custom_from_toml(COMMITTEE).unwrap();
    // AAA (3) alone is not more than half of 7.
    let d = decide_kind(&body, QuestionKind::Procedural, &roll(&["AAA"], &[], &[]));
    assert_eq!(d.reason, Reason::QuorumNotPresent);
}

#[test]
fn a_bad_custom_body_file_names_the_line_and_field() {
    let err = Body::custom_from_toml("id = \"x\"\n[majority]\nbasis = \"most\"\nthreshold = \"more than 1/2\"\n[[members]]\ncode = \"AAA\"\n").unwrap_err();
    match err {
        BodyError::Toml { line, .. } => assert_eq!(line, 3, "{err}"),
        other => panic!("{other:?}"),
    }
    let err = Body::custom_from_toml("id = \"x\"\n[majority]\nbasis = \"present\"\nthreshold = \"half\"\n[[members]]\ncode = \"AAA\"\n").unwrap_err();
    assert!(err.to_string().contains("majority.threshold"), "{err}");
}
