//! The unvotes and Voeten parsers never panic: random bytes, truncated files and mutated
//! lines of the real files give a result or an error, nothing else.

use plenary_record::sources::{unvotes, voeten};
use plenary_rules::states::Registry;
use proptest::prelude::*;

fn read(p: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(p)).expect("test data")
}

fn unvotes_files() -> [Vec<u8>; 3] {
    [read("unvotes/un_roll_calls.csv"), read("unvotes/un_votes.csv"), read("unvotes/un_roll_call_issues.csv")]
}

fn run_unvotes(files: &[Vec<u8>; 3]) {
    let fs = [
        unvotes::File { name: "un_roll_calls.csv", bytes: &files[0] },
        unvotes::File { name: "un_votes.csv", bytes: &files[1] },
        unvotes::File { name: "un_roll_call_issues.csv", bytes: &files[2] },
    ];
    let _ = unvotes::parse(&fs, Registry::bundled());
}

fn run_voeten(calls: &[u8], votes: &[u8]) {
    let fs = [voeten_file("rollcalls.csv", calls), voeten_file("votes.csv", votes)];
    let _ = voeten::parse(&fs, Registry::bundled());
}

fn voeten_file<'a>(name: &'a str, bytes: &'a [u8]) -> unvotes::File<'a> {
    unvotes::File { name, bytes }
}

/// Replaces the bytes at `at` (a fraction of the length) with `with`.
fn mutate(bytes: &[u8], at: f64, with: &[u8]) -> Vec<u8> {
    let i = ((bytes.len() as f64) * at) as usize;
    let mut out = bytes[..i.min(bytes.len())].to_vec();
    out.extend_from_slice(with);
    let rest = (i + with.len()).min(bytes.len());
    out.extend_from_slice(&bytes[rest..]);
    out
}

#[test]
fn the_real_subsets_parse() {
    let f = unvotes_files();
    let fs = [
        unvotes::File { name: "un_roll_calls.csv", bytes: &f[0] },
        unvotes::File { name: "un_votes.csv", bytes: &f[1] },
        unvotes::File { name: "un_roll_call_issues.csv", bytes: &f[2] },
    ];
    let b = unvotes::parse(&fs, Registry::bundled()).expect("unvotes subset");
    assert_eq!(b.decisions.len(), 12);
    assert_eq!(b.decisions.iter().map(|d| d.votes.len()).sum::<usize>(), 843);
    let b = voeten::parse(&[voeten_file("rollcalls.csv", &read("voeten/rollcalls.csv")), voeten_file("votes.csv", &read("voeten/votes.csv"))], Registry::bundled()).expect("voeten subset");
    assert_eq!(b.decisions.len(), 8);
}

#[test]
fn a_truncated_file_is_an_error_or_a_shorter_record_never_a_panic() {
    let f = unvotes_files();
    for cut in (0..f[1].len()).step_by(97) {
        run_unvotes(&[f[0].clone(), f[1][..cut].to_vec(), f[2].clone()]);
    }
    for cut in (0..f[0].len()).step_by(13) {
        run_unvotes(&[f[0][..cut].to_vec(), f[1].clone(), f[2].clone()]);
    }
    let (c, v) = (read("voeten/rollcalls.csv"), read("voeten/votes.csv"));
    for cut in (0..c.len()).step_by(29) {
        run_voeten(&c[..cut], &v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_bytes_never_panic(a in proptest::collection::vec(any::<u8>(), 0..400), b in proptest::collection::vec(any::<u8>(), 0..400)) {
        run_unvotes(&[a.clone(), b.clone(), Vec::new()]);
        let mut gz = vec![0x1f, 0x8b];
        gz.extend_from_slice(&a);
        run_unvotes(&[gz, b.clone(), a.clone()]);
        run_voeten(&a, &b);
    }

    #[test]
    fn mutated_lines_never_panic(at in 0.0f64..1.0, with in proptest::collection::vec(prop_oneof![Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(0xffu8), any::<u8>()], 1..12), which in 0usize..3) {
        let mut f = unvotes_files();
        f[which] = mutate(&f[which], at, &with);
        run_unvotes(&f);
        let (c, v) = (read("voeten/rollcalls.csv"), read("voeten/votes.csv"));
        run_voeten(&mutate(&c, at, &with), &v);
        run_voeten(&c, &mutate(&v, at, &with));
    }
}
