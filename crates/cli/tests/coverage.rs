//! `plenary coverage` on the real record: the General Assembly and Security Council votes of
//! 24 February 2025 (DGACM, the SC archive and the verified fixtures in `data/`) and
//! A/RES/ES-11/1, in English, Ukrainian and Russian, as text and HTML; bad input refused with
//! exit status 2.

use std::process::{Command, Output};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_plenary");

struct Fixture {
    _dir: tempfile::TempDir,
    db: String,
}

/// The bundled record without the 1946-2019 unvotes roll calls (not needed here; they are most
/// of the loading time), marked as loaded so the verb reads it as it is.
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("record.sqlite").display().to_string();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let store = plenary_record::Store::open(&db).await.unwrap();
            for part in plenary_record::bundle::PARTS.iter().filter(|p| p.format != "unvotes") {
                store.import_bundle_part(part, plenary_rules::states::Registry::bundled()).await.unwrap();
            }
            store.set_meta(plenary_record::bundle::META_KEY, &plenary_record::bundle::version()).await.unwrap();
            store.close().await;
        });
        Fixture { _dir: dir, db }
    })
}

fn plenary(args: &[&str]) -> Output {
    let f = fixture();
    Command::new(BIN).arg("--database").arg(&f.db).args(args).env("PLENARY_HOME", f._dir.path()).output().expect("run plenary")
}

fn ok(args: &[&str]) -> String {
    let o = plenary(args);
    assert!(o.status.success(), "plenary {args:?}: {}\n{}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn es_11_8_is_covered_with_the_russian_amendment_voted_first_in_three_languages() {
    let en = ok(&["coverage", "ES-11/8", "--lang", "en"]);
    assert!(en.contains("The General Assembly adopted resolution ES-11/8 by a recorded vote of 93 in favour to 8 against"), "{en}");
    assert!(en.contains("with 73 abstentions."), "{en}");
    assert!(
        en.contains("Before that vote, it decided on one amendment. The General Assembly rejected an amendment to A/ES-11/L.11, which obtained 31 votes in favour to 71 against; the record does not give the number of abstentions."),
        "{en}"
    );
    let uk = ok(&["coverage", "ES-11/8", "--lang", "uk"]);
    // Plural forms: 93 держави (few), and the tally in the form Ukrainian news writes it.
    assert!(uk.contains("Генеральна Асамблея ухвалила резолюцію ES-11/8 поіменним голосуванням: «за» — 93 держави, «проти» — 8"), "{uk}");
    assert!(uk.contains("утрималися — 73"), "{uk}");
    assert!(uk.contains("Перед цим голосуванням вона ухвалила рішення щодо 1 поправки."), "{uk}");
    assert!(uk.contains("відхилила поправку до A/ES-11/L.11: «за» — 31, «проти» — 71; кількості утриманих у записі немає."), "{uk}");
    let ru = ok(&["coverage", "ES-11/8", "--lang", "ru"]);
    // 93 голосами (other), при 73 воздержавшихся; 31 голос (one) «за».
    assert!(ru.contains("Генеральная Ассамблея приняла резолюцию ES-11/8 заносимым в отчет о заседании голосованием 93 голосами против 8"), "{ru}");
    assert!(ru.contains("при 73 воздержавшихся"), "{ru}");
    assert!(ru.contains("отклонила поправку к A/ES-11/L.11: 31 голос «за», 71 «против»; число воздержавшихся в записи не указано."), "{ru}");
}

#[test]
fn es_11_1_names_the_five_states_against_and_not_the_35_abstaining() {
    let en = ok(&["coverage", "A/RES/ES-11/1"]);
    assert!(en.contains("adopted resolution ES-11/1 by a recorded vote of 141 in favour to 5 against (Belarus, Democratic People"), "{en}");
    assert!(en.contains("with 35 abstentions."), "35 is more than the 20 a press release names: {en}");
    let ru = ok(&["coverage", "A/RES/ES-11/1", "--lang", "ru"]);
    assert!(ru.contains("141 голосом против 5 (Беларусь"), "141: the 'one' plural form (голосом): {ru}");
}

#[test]
fn the_security_councils_meeting_of_24_february_2025_with_the_vetoed_amendment() {
    let en = ok(&["coverage", "S/PV.9866", "--lang", "en"]);
    assert!(en.starts_with("Security Council, 24 February 2025 (S/PV.9866): 3 decisions"), "{en}");
    assert!(en.contains("The Security Council adopted resolution 2774 (2025) by 10 votes in favour to none against, with 5 abstentions (Denmark, France, Greece, Slovenia and United Kingdom"), "{en}");
    assert!(en.contains("The Security Council rejected an amendment to the draft that became resolution 2774 (2025), which obtained 6 votes in favour to 1 against, with 8 abstentions"), "{en}");
    assert!(en.contains("An amendment to the draft that became resolution 2774 (2025) was not adopted, owing to the negative vote of a permanent member of the Council, Russian Federation. It obtained 9 votes in favour; the record does not give the other figures."), "{en}");
    let uk = ok(&["coverage", "S/PV.9866", "--lang", "uk"]);
    assert!(uk.contains("Рада Безпеки ухвалила резолюцію 2774 (2025): «за» — 10 членів Ради, «проти» — жодного, утрималися — 5"), "{uk}");
    assert!(uk.contains("не ухвалено через голос «проти» постійного члена Ради: Росія."), "{uk}");
    let html = ok(&["coverage", "S/PV.9866", "--lang", "ru", "--format", "html"]);
    assert!(html.starts_with("<section class=\"coverage\" lang=\"ru\">\n<h2>Совет Безопасности, 24 февраля 2025"), "{html}");
    assert!(html.contains("3 решения"), "few: 3 решения: {html}");
    assert_eq!(html.matches("<p>").count(), 1, "one draft with its amendments: one paragraph");
}

#[test]
fn bad_input_is_refused_with_exit_2_naming_the_expected_form() {
    let o = plenary(&["coverage", "A/RES/ES-99/1"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no decision or meeting \"A/RES/ES-99/1\" in the record") && err.contains("expected a resolution or draft symbol"), "{err}");
    let o = plenary(&["coverage", "ES-11/1", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expected en, uk or ru"));
    let o = plenary(&["coverage", "ES-11/1", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
}
