//! Membership of the General Assembly and the Security Council by date, checked against the
//! validation figures of data/membership/README.md.

use plenary_rules::states::{Date, Registry, StateCode};

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn c(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}
fn reg() -> &'static Registry {
    Registry::bundled()
}

#[test]
fn year_end_member_counts_equal_the_readme_validation_figures() {
    let expected = [
        ("1945-12-31", 51), ("1950-12-31", 60), ("1955-12-31", 76), ("1960-12-31", 99),
        ("1965-12-31", 117), ("1970-12-31", 127), ("1980-12-31", 154), ("1990-12-31", 159),
        ("1992-12-31", 179), ("1995-12-31", 185), ("2000-12-31", 189), ("2002-12-31", 191),
        ("2006-12-31", 192), ("2011-12-31", 193), ("2026-01-01", 193),
    ];
    let got: Vec<(&str, usize)> = expected.iter().map(|(day, _)| (*day, reg().ga_members(d(day)).len())).collect();
    assert_eq!(got, expected.to_vec());
}

#[test]
fn indonesia_is_not_counted_during_its_withdrawal_of_1965_66() {
    assert!(reg().is_ga_member(c("IDN"), d("1965-02-28")));
    assert!(!reg().is_ga_member(c("IDN"), d("1965-03-01")));
    assert!(!reg().is_ga_member(c("IDN"), d("1966-09-27")));
    assert!(reg().is_ga_member(c("IDN"), d("1966-09-28")));
    let gap = reg().gap(c("IDN"), d("1965-12-31")).expect("the withdrawal is visible to callers");
    assert_eq!((gap.from, gap.to, gap.within), (d("1965-03-01"), d("1966-09-27"), None));
}

#[test]
fn syria_is_not_separately_a_member_inside_the_united_arab_republic() {
    assert!(reg().is_ga_member(c("SYR"), d("1958-02-20")));
    assert!(!reg().is_ga_member(c("SYR"), d("1958-02-21")));
    assert!(!reg().is_ga_member(c("SYR"), d("1961-10-12")));
    assert!(reg().is_ga_member(c("SYR"), d("1961-10-13")));
    assert!(reg().is_ga_member(c("UAR"), d("1960-01-01")));
    assert!(!reg().is_ga_member(c("EGY"), d("1960-01-01")));
    assert_eq!(reg().gap(c("SYR"), d("1960-01-01")).and_then(|g| g.within), Some(c("UAR")));
}

#[test]
fn predecessors_hold_the_seat_on_their_dates_and_are_not_counted_twice() {
    let m1950 = reg().ga_members(d("1950-06-27"));
    for present in ["SUN", "TWN", "YAR", "CSK", "YUG", "BLR", "UKR"] {
        assert!(m1950.contains(&c(present)), "{present} in 1950");
    }
    for absent in ["RUS", "CHN", "YEM", "DEU", "DDR"] {
        assert!(!m1950.contains(&c(absent)), "{absent} not in 1950");
    }
    // `left` is inclusive: the last day of a tenure still counts.
    assert!(reg().is_ga_member(c("SUN"), d("1991-12-24")));
    assert!(!reg().is_ga_member(c("RUS"), d("1991-12-24")));
    assert!(reg().is_ga_member(c("RUS"), d("1991-12-25")));
    assert!(reg().is_ga_member(c("TWN"), d("1971-10-25")));
    assert!(reg().is_ga_member(c("CHN"), d("1971-10-26")));
    assert!(!reg().is_ga_member(c("TWN"), d("1971-10-26")));
}

#[test]
fn the_frg_is_deu_from_1973_and_the_gdr_a_member_until_its_accession() {
    assert!(!reg().is_ga_member(c("DEU"), d("1973-09-17")));
    assert!(reg().is_ga_member(c("DEU"), d("1973-09-18")));
    assert!(reg().is_ga_member(c("DDR"), d("1973-09-18")));
    assert!(reg().is_ga_member(c("DDR"), d("1990-10-02")));
    assert!(!reg().is_ga_member(c("DDR"), d("1990-10-04")));
    assert!(reg().is_ga_member(c("DEU"), d("1995-01-01")));
}

#[test]
fn the_two_yemens_merge_into_one_membership_on_22_may_1990() {
    let before = reg().ga_members(d("1990-05-21"));
    assert!(before.contains(&c("YAR")) && before.contains(&c("YMD")) && !before.contains(&c("YEM")));
    let after = reg().ga_members(d("1990-05-23"));
    assert!(after.contains(&c("YEM")) && !after.contains(&c("YAR")) && !after.contains(&c("YMD")));
    assert_eq!(before.len() - 1, after.len());
}

#[test]
fn tanganyika_and_zanzibar_become_one_member_in_1964() {
    let m = reg().ga_members(d("1964-01-01"));
    assert!(m.contains(&c("TAN")) && m.contains(&c("ZAN")) && !m.contains(&c("TZA")));
    let m = reg().ga_members(d("1964-05-01"));
    assert!(m.contains(&c("TZA")) && !m.contains(&c("TAN")) && !m.contains(&c("ZAN")));
}

#[test]
fn security_council_has_eleven_seats_to_1965_and_fifteen_from_1966_with_five_permanent() {
    for year in 1946..=2026 {
        for day in [format!("{year}-02-01"), format!("{year}-07-01"), format!("{year}-12-31")] {
            let m = reg().sc_members(d(&day));
            let size = if year <= 1965 { 11 } else { 15 };
            assert_eq!(m.len(), size, "size on {day}");
            assert_eq!(m.iter().filter(|(_, p)| *p).count(), 5, "permanent members on {day}");
            let mut codes: Vec<_> = m.iter().map(|(c, _)| *c).collect();
            codes.dedup();
            assert_eq!(codes.len(), size, "no duplicate member on {day}");
            for (code, _) in &m {
                assert!(reg().is_ga_member(*code, d(&day)), "SC member {code} is a Member of the UN on {day}");
            }
        }
    }
}

#[test]
fn the_council_of_27_june_1950_has_the_republic_of_china_and_the_ussr() {
    let m = reg().sc_members(d("1950-06-27"));
    assert!(m.contains(&(c("TWN"), true)));
    assert!(m.contains(&(c("SUN"), true)));
    assert!(!m.iter().any(|(x, _)| *x == c("CHN") || *x == c("RUS")));
    assert!(reg().is_sc_permanent(c("TWN"), d("1971-10-25")));
    assert!(reg().is_sc_permanent(c("CHN"), d("1971-10-26")));
    assert!(reg().is_sc_permanent(c("SUN"), d("1991-12-24")));
    assert!(reg().is_sc_permanent(c("RUS"), d("1991-12-25")));
}

#[test]
fn the_council_of_24_february_2025_is_the_fifteen_of_2025() {
    let mut got: Vec<String> = reg().sc_members(d("2025-02-24")).iter().map(|(c, _)| c.to_string()).collect();
    got.sort();
    let mut want = vec!["CHN", "FRA", "GBR", "RUS", "USA", "DZA", "DNK", "GRC", "GUY", "PAK", "PAN", "KOR", "SLE", "SVN", "SOM"];
    want.sort();
    assert_eq!(got, want);
    let permanent: Vec<_> = reg().sc_members(d("2025-02-24")).into_iter().filter(|(_, p)| *p).map(|(c, _)| c.to_string()).collect();
    assert_eq!(permanent, ["CHN", "FRA", "GBR", "RUS", "USA"]);
}

#[test]
fn democratic_yemens_council_seat_passes_to_yemen_at_the_merger() {
    assert!(reg().is_sc_member(c("YMD"), d("1990-05-22")));
    assert!(reg().is_sc_member(c("YEM"), d("1990-05-23")));
    assert!(!reg().is_sc_member(c("YMD"), d("1990-05-23")));
}

#[test]
fn a_member_in_arrears_has_no_vote_under_article_19_on_the_flagged_dates() {
    let r = reg().with_article19([plenary_rules::states::Article19Loss {
        code: c("CAF"),
        from: d("2025-01-01"),
        to: Some(d("2025-12-31")),
        source: "test".into(),
    }]);
    assert!(r.article19(c("CAF"), d("2025-02-24")).is_some());
    assert!(r.article19(c("CAF"), d("2026-01-01")).is_none());
    assert!(reg().article19(c("CAF"), d("2025-02-24")).is_none());
    let why = r.why_no_ga_vote(c("CAF"), d("2025-02-24")).unwrap();
    assert!(why.contains("Art. 19"), "{why}");
    assert_eq!(r.why_no_ga_vote(c("FRA"), d("2025-02-24")), None);
}

#[test]
fn why_not_member_names_the_holder_of_the_seat() {
    assert_eq!(
        reg().why_not_member(c("RUS"), "GA", d("1950-06-27")).as_deref(),
        Some("RUS was not a Member of the United Nations on 1950-06-27: the seat was held by SUN (Union of Soviet Socialist Republics)")
    );
    assert_eq!(reg().why_not_member(c("SUN"), "GA", d("1950-06-27")), None);
    assert_eq!(
        reg().why_not_member(c("CHN"), "SC", d("1950-06-27")).as_deref(),
        Some("CHN was not a member of the Security Council on 1950-06-27: the seat was held by TWN (China (Republic of China))")
    );
    assert_eq!(
        reg().why_not_member(c("DEU"), "GA", d("1960-01-01")).as_deref(),
        Some("DEU was not a Member of the United Nations on 1960-01-01: Germany was admitted on 1973-09-18")
    );
    let csk = reg().why_not_member(c("CSK"), "GA", d("1995-01-01")).unwrap();
    assert!(csk.contains("ended on 1992-12-31") && csk.contains("CZE (Czechia)") && csk.contains("SVK (Slovakia)"), "{csk}");
    let sun = reg().why_not_member(c("SUN"), "GA", d("2000-01-01")).unwrap();
    assert!(sun.contains("1991-12-24") && sun.contains("RUS (Russian Federation)"), "{sun}");
    let syr = reg().why_not_member(c("SYR"), "GA", d("1960-01-01")).unwrap();
    assert!(syr.contains("United Arab Republic") && syr.contains("UAR"), "{syr}");
    let idn = reg().why_not_member(c("IDN"), "GA", d("1965-06-01")).unwrap();
    assert!(idn.contains("withdrew"), "{idn}");
    let bra = reg().why_not_member(c("BRA"), "SC", d("2025-02-24")).unwrap();
    assert!(bra.starts_with("BRA was not a member of the Security Council on 2025-02-24: the members in 2025 were"), "{bra}");
    assert_eq!(reg().why_not_member(c("FRA"), "SC", d("2025-02-24")), None);
    assert!(reg().why_not_member(c("FRA"), "ECOSOC", d("2025-02-24")).unwrap().contains("expected \"GA\" or \"SC\""));
    assert!(reg().why_not_member(c("XYZ"), "GA", d("2025-02-24")).unwrap().contains("not a state code known"));
}
