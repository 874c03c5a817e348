//! The parsers of the UN's own sources never panic: random bytes, truncations of real files
//! and real records with a field mutated give a batch or a `ParseError`, nothing else (issue 3,
//! §7: "the parsers are fuzzed and never panic").

use std::io::Read;
use std::path::Path;

use plenary_record::sources::{dgacm, fixtures, plenary, sc_archive, undl, Batch, ParseError};
use plenary_rules::states::Registry;
use proptest::prelude::*;

fn reg() -> &'static Registry {
    Registry::bundled()
}

fn repo_file(rel: &str) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn es11() -> &'static [u8] {
    static F: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let gz = repo_file("data/record/dgacm/ES-11.json.gz");
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut text).unwrap();
        text
    })
}

/// The first 60 records of the SC archive, as plain JSON (the whole file is slow to fuzz).
fn sc_sample() -> &'static [u8] {
    static F: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let gz = repo_file("data/record/sc/sc_resolutions_1946_2026.json.gz");
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut text).unwrap();
        let all: Vec<serde_json::Value> = serde_json::from_slice(&text).unwrap();
        serde_json::to_vec_pretty(&all[..60]).unwrap()
    })
}

fn fixture_json() -> &'static [u8] {
    static F: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    F.get_or_init(|| repo_file("data/fixtures/real_votes_public.json"))
}

fn fixture_votes() -> &'static [u8] {
    static F: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    F.get_or_init(|| repo_file("data/fixtures/votes_2025_02_24_partial.csv"))
}

fn undl_sc() -> &'static [u8] {
    static F: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    F.get_or_init(|| std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/undl/sc_layout.csv")).unwrap())
}

/// A real Plenary export: the unvotes test subset and the ES-11 records imported into a
/// temporary record and exported as NDJSON (what `plenary import --format plenary` reads).
fn plenary_export() -> &'static [u8] {
    static F: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let store = plenary_record::Store::open(&dir.path().join("f.sqlite").display().to_string()).await.unwrap();
            let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/unvotes");
            let unvotes: Vec<(String, Vec<u8>)> = ["un_roll_calls.csv", "un_votes.csv", "un_roll_call_issues.csv"]
                .iter()
                .map(|f| (f.to_string(), std::fs::read(here.join(f)).unwrap()))
                .collect();
            store.import_files("unvotes", &unvotes, reg()).await.unwrap();
            store.import_files("dgacm", &[("ES-11.json".to_string(), es11().to_vec())], reg()).await.unwrap();
            let mut out = Vec::new();
            store
                .export_plenary(&Default::default(), |l| {
                    serde_json::to_writer(&mut out, l).unwrap();
                    out.push(b'\n');
                    Ok(())
                })
                .await
                .unwrap();
            store.close().await;
            out
        })
    })
}

/// Every parser, on the same bytes.
fn all_parsers(bytes: &[u8]) -> Vec<Result<Batch, ParseError>> {
    vec![
        dgacm::parse("f.json", bytes, reg()),
        sc_archive::parse("f.json.gz", bytes, reg()),
        undl::parse("f.csv", bytes, reg()),
        undl::parse_ga("f.csv", bytes, reg()),
        fixtures::parse("f", bytes, reg()),
        fixtures::parse_set(&[("a", bytes), ("b", fixture_votes())], reg()),
        plenary::parse("f.ndjson", bytes).map(|_| Batch::default()),
    ]
}

/// An error must say where: a file name and, for all but unknown names, a line.
fn check_error(r: &Result<Batch, ParseError>) {
    if let Err(e) = r {
        let shown = e.to_string();
        assert!(shown.starts_with("f") || shown.starts_with("a") || shown.starts_with("b"), "{shown}");
    }
}

/// Replaces `bytes[at..at+len]` with `with` (clamped to the input, on char boundaries is not
/// required: the parsers must survive broken UTF-8 too).
fn splice(bytes: &[u8], at: usize, len: usize, with: &[u8]) -> Vec<u8> {
    let at = at % (bytes.len() + 1);
    let end = (at + len).min(bytes.len());
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(with);
    out.extend_from_slice(&bytes[end..]);
    out
}

/// Values that hit the parsers' branches: other types, wrong codes, dates out of range.
fn nasty_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"null".to_vec()),
        Just(b"[]".to_vec()),
        Just(b"{}".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"1e99".to_vec()),
        Just(b"\"1945-10-23\"".to_vec()),
        Just(b"\"31 February 2022\"".to_vec()),
        Just(b"\"S/RES/(2025)\"".to_vec()),
        Just(b"\"maybe\"".to_vec()),
        Just(b"\"N.A.\"".to_vec()),
        Just("\"\u{a0}\u{2019}Ω\"".as_bytes().to_vec()),
        Just(b",,,".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\"".to_vec()),
        prop::collection::vec(any::<u8>(), 0..12),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for r in all_parsers(&bytes) {
            check_error(&r);
        }
    }

    #[test]
    fn random_text_shaped_like_the_sources_never_panics(text in "[\\[\\]{}\",:0-9A-Za-z /()\\n.|-]{0,300}") {
        for r in all_parsers(text.as_bytes()) {
            check_error(&r);
        }
    }

    #[test]
    fn truncated_real_files_never_panic(cut in 0.0f64..1.0) {
        for file in [es11(), sc_sample(), fixture_json(), fixture_votes(), undl_sc(), plenary_export()] {
            let at = (file.len() as f64 * cut) as usize;
            for r in all_parsers(&file[..at]) {
                check_error(&r);
            }
        }
    }

    #[test]
    fn a_truncated_plenary_export_is_an_error_naming_its_last_line(cut in 0.0f64..1.0) {
        let file = plenary_export();
        let at = (file.len() as f64 * cut) as usize;
        let cut_file = &file[..at];
        // Cut inside a line (not at a line end): that line is broken JSON.
        if at > 0 && at < file.len() && file[at - 1] != b'\n' && file[at] != b'\n' {
            let line = cut_file.iter().filter(|&&b| b == b'\n').count() + 1;
            let err = plenary::parse("f.ndjson", cut_file).expect_err("a line cut in two is not JSON");
            prop_assert!(err.to_string().starts_with(&format!("f.ndjson:{line}: ")), "{err}");
        }
    }

    #[test]
    fn truncated_gzip_archive_is_an_error_not_a_panic(cut in 0.0f64..0.999) {
        static GZ: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let gz = GZ.get_or_init(|| repo_file("data/record/sc/sc_resolutions_1946_2026.json.gz"));
        let at = 2 + ((gz.len() - 3) as f64 * cut) as usize;
        prop_assert!(sc_archive::parse("sc.json.gz", &gz[..at], reg()).is_err());
    }

    #[test]
    fn real_records_with_a_field_mutated_never_panic(
        at in any::<usize>(),
        len in 0usize..24,
        with in nasty_value(),
    ) {
        for file in [es11(), sc_sample(), fixture_json(), fixture_votes(), undl_sc(), plenary_export()] {
            let mutated = splice(file, at, len, &with);
            for r in all_parsers(&mutated) {
                check_error(&r);
            }
        }
    }

    #[test]
    fn mutating_a_value_after_a_key_never_panics(key in 0usize..400, with in nasty_value()) {
        // Replace the value that follows the key-th `":` of a real file: a mutated field.
        for file in [es11(), sc_sample(), fixture_json(), plenary_export()] {
            let positions: Vec<usize> = file.windows(2).enumerate().filter(|(_, w)| w == b"\":").map(|(i, _)| i + 2).collect();
            if positions.is_empty() { continue; }
            let start = positions[key % positions.len()];
            let rest = &file[start..];
            let end = rest.iter().position(|&b| b == b',' || b == b'}' ).unwrap_or(rest.len());
            let mutated = splice(file, start, end, &with);
            for r in all_parsers(&mutated) {
                check_error(&r);
            }
        }
    }
}
