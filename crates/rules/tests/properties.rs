//! The laws that must always hold (issue 2, section 6), checked on random ballots.

mod common;

use common::*;
use plenary_rules::{Ballot, Body, Outcome, Question, QuestionKind, StateCode, Vote, decide};
use proptest::prelude::*;

fn vote() -> impl Strategy<Value = Vote> {
    prop_oneof![
        Just(Vote::Yes),
        Just(Vote::No),
        Just(Vote::Abstain),
        Just(Vote::NonVoting),
        Just(Vote::Absent)
    ]
}

/// One vote per member of the body (absent ones left out of the ballot).
fn ballot_from(members: &[StateCode], votes: &[Vote]) -> Ballot {
    Ballot::from_votes(
        members
            .iter()
            .zip(votes)
            .filter(|(_, v)| **v != Vote::Absent)
            .map(|(c, v)| (*c, *v)),
    )
    .unwrap()
}

fn sc_members() -> Vec<StateCode> {
    sc_2025().members().map(|m| m.code).collect()
}

fn ga_members(n: usize) -> (Body, Vec<StateCode>) {
    assembly(n)
}

fn kinds_for_sc() -> impl Strategy<Value = QuestionKind> {
    prop_oneof![
        Just(QuestionKind::Procedural),
        Just(QuestionKind::Substantive)
    ]
}

fn kinds_for_ga() -> impl Strategy<Value = QuestionKind> {
    prop_oneof![
        Just(QuestionKind::Simple),
        Just(QuestionKind::TwoThirds),
        Just(QuestionKind::Procedural)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Turning a no into a yes never turns an adopted proposal into a rejected one
    /// (Security Council).
    #[test]
    fn turning_a_no_into_a_yes_never_defeats_an_adopted_draft_in_the_council(
        votes in proptest::collection::vec(vote(), 15), kind in kinds_for_sc(), pick in 0usize..15
    ) {
        let sc = sc_2025();
        let members = sc_members();
        let before = decide(&sc, &Question::new(kind), &ballot_from(&members, &votes)).unwrap();
        let noes: Vec<usize> = (0..15).filter(|&i| votes[i] == Vote::No).collect();
        prop_assume!(!noes.is_empty());
        let mut changed = votes.clone();
        changed[noes[pick % noes.len()]] = Vote::Yes;
        let after = decide(&sc, &Question::new(kind), &ballot_from(&members, &changed)).unwrap();
        if before.outcome.is_adopted() {
            prop_assert!(after.outcome.is_adopted());
        }
    }

    /// The same in the General Assembly.
    #[test]
    fn turning_a_no_into_a_yes_never_defeats_an_adopted_proposal_in_the_assembly(
        votes in proptest::collection::vec(vote(), 51), kind in kinds_for_ga(), pick in 0usize..51
    ) {
        let (ga, members) = ga_members(51);
        let before = decide(&ga, &Question::new(kind), &ballot_from(&members, &votes)).unwrap();
        let noes: Vec<usize> = (0..51).filter(|&i| votes[i] == Vote::No).collect();
        prop_assume!(!noes.is_empty());
        let mut changed = votes.clone();
        changed[noes[pick % noes.len()]] = Vote::Yes;
        let after = decide(&ga, &Question::new(kind), &ballot_from(&members, &changed)).unwrap();
        if before.outcome.is_adopted() {
            prop_assert!(after.outcome.is_adopted());
        }
    }

    /// GA outcomes do not depend on abstentions (rule 86): an abstainer who instead is present
    /// and does not vote, or a present non-voter who abstains, changes nothing.
    #[test]
    fn assembly_outcomes_do_not_depend_on_abstentions(
        votes in proptest::collection::vec(vote(), 51), kind in kinds_for_ga(), flips in proptest::collection::vec(any::<bool>(), 51)
    ) {
        let (ga, members) = ga_members(51);
        let before = decide(&ga, &Question::new(kind), &ballot_from(&members, &votes)).unwrap();
        let changed: Vec<Vote> = votes.iter().zip(&flips).map(|(v, f)| match (v, f) {
            (Vote::Abstain, true) => Vote::NonVoting,
            (Vote::NonVoting, true) => Vote::Abstain,
            (v, _) => *v,
        }).collect();
        let after = decide(&ga, &Question::new(kind), &ballot_from(&members, &changed)).unwrap();
        prop_assert_eq!(before.outcome, after.outcome);
        prop_assert_eq!(before.required, after.required);
    }

    /// Outcomes do not depend on the order in which the votes are given.
    #[test]
    fn outcomes_do_not_depend_on_the_order_of_the_votes(
        votes in proptest::collection::vec(vote(), 15), kind in kinds_for_sc(), seed in any::<u64>()
    ) {
        let sc = sc_2025();
        let members = sc_members();
        let mut pairs: Vec<(StateCode, Vote)> = members.iter().copied().zip(votes.iter().copied()).filter(|(_, v)| *v != Vote::Absent).collect();
        let a = decide(&sc, &Question::new(kind), &Ballot::from_votes(pairs.clone()).unwrap()).unwrap();
        // A deterministic shuffle from the seed.
        let mut s = seed;
        for i in (1..pairs.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            pairs.swap(i, (s >> 33) as usize % (i + 1));
        }
        let b = decide(&sc, &Question::new(kind), &Ballot::from_votes(pairs).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    /// Only a permanent member's no on a substantive question with nine or more yes votes is a
    /// veto, and it names exactly the permanent members that voted no.
    #[test]
    fn only_a_permanent_members_no_against_nine_yes_on_a_substantive_question_is_a_veto(
        votes in proptest::collection::vec(prop_oneof![3 => Just(Vote::Yes), 1 => Just(Vote::No), 1 => Just(Vote::Abstain), 1 => Just(Vote::Absent)], 15),
        kind in kinds_for_sc()
    ) {
        let sc = sc_2025();
        let members = sc_members();
        let d = decide(&sc, &Question::new(kind), &ballot_from(&members, &votes)).unwrap();
        let yes = votes.iter().filter(|v| **v == Vote::Yes).count();
        let permanent_no: Vec<StateCode> = members.iter().zip(&votes)
            .filter(|(c, v)| **v == Vote::No && sc.member(**c).unwrap().veto)
            .map(|(c, _)| *c).collect();
        let mut permanent_no = permanent_no;
        permanent_no.sort();
        let is_veto = kind == QuestionKind::Substantive && yes >= 9 && !permanent_no.is_empty();
        match &d.outcome {
            Outcome::Vetoed { by } => { prop_assert!(is_veto); prop_assert_eq!(by, &permanent_no); }
            Outcome::Adopted => { prop_assert!(!is_veto); prop_assert!(yes >= 9); }
            Outcome::Rejected => { prop_assert!(!is_veto); prop_assert!(yes < 9); }
        }
    }
}

proptest::proptest! {
    /// State codes sort alphabetically, byte by byte, as the array of their letters does.
    #[test]
    fn state_codes_order_as_their_letters(a in proptest::array::uniform3(proptest::num::u8::ANY), b in proptest::array::uniform3(proptest::num::u8::ANY)) {
        use plenary_rules::StateCode;
        proptest::prop_assert_eq!(StateCode(a).cmp(&StateCode(b)), a.cmp(&b));
        proptest::prop_assert_eq!(StateCode(a).partial_cmp(&StateCode(b)), Some(a.cmp(&b)));
    }
}
