//! Resolving a source's spelling or code of a state, at a date, to the holder of the seat.

use plenary_rules::states::{normalise, Date, Registry, Sources, StateCode};

fn d(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").unwrap()
}
fn c(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}
fn resolve(name: &str, date: &str) -> Option<String> {
    Registry::bundled().resolve(name, d(date)).map(|c| c.to_string())
}

#[test]
fn spelling_case_accents_punctuation_and_spaces_do_not_matter() {
    for s in ["Côte D'Ivoire", "COTE D'IVOIRE", "CÔTE D'IVOIRE", "Côte d’Ivoire", "cote  d ivoire", "Côte\u{a0}d'Ivoire", "IVORY COAST", "CI", "civ"] {
        assert_eq!(resolve(s, "2020-01-01").as_deref(), Some("CIV"), "{s}");
    }
    for s in ["TÜRKIYE", "TÜRKİYE", "Türkiye", "TURKEY", "Turkey", "TUR", "TR"] {
        assert_eq!(resolve(s, "2023-01-01").as_deref(), Some("TUR"), "{s}");
    }
    assert_eq!(resolve("NETHERLANDS (KINGDOM OF THE)", "2025-01-01").as_deref(), Some("NLD"));
    assert_eq!(resolve("St. Vincent & Grenadines", "2000-01-01").as_deref(), Some("VCT"));
    assert_eq!(resolve("Saint Vincent and the Grenadines", "2000-01-01").as_deref(), Some("VCT"));
    assert_eq!(normalise("São Tomé & Príncipe"), "saotomeandprincipe");
}

#[test]
fn a_name_resolves_to_the_holder_of_the_seat_on_the_date() {
    assert_eq!(resolve("China", "1950-06-27").as_deref(), Some("TWN"));
    assert_eq!(resolve("CHINA", "1971-10-25").as_deref(), Some("TWN"));
    assert_eq!(resolve("China", "1971-10-26").as_deref(), Some("CHN"));
    assert_eq!(resolve("China", "2025-02-24").as_deref(), Some("CHN"));
    assert_eq!(resolve("Russian Federation", "1950-06-27").as_deref(), Some("SUN"));
    assert_eq!(resolve("USSR", "1950-06-27").as_deref(), Some("SUN"));
    assert_eq!(resolve("RUSSIAN FEDERATION", "2022-03-02").as_deref(), Some("RUS"));
    assert_eq!(resolve("Egypt", "1960-01-01").as_deref(), Some("UAR"));
    assert_eq!(resolve("Egypt", "1975-01-01").as_deref(), Some("EGY"));
    assert_eq!(resolve("Yemen", "1980-01-01").as_deref(), Some("YAR"));
    assert_eq!(resolve("Yemen", "1995-01-01").as_deref(), Some("YEM"));
    assert_eq!(resolve("Democratic Yemen", "1980-01-01").as_deref(), Some("YMD"));
    assert_eq!(resolve("Tanzania", "1963-01-01").as_deref(), Some("TAN"));
    assert_eq!(resolve("Zanzibar", "1964-01-01").as_deref(), Some("ZAN"));
    assert_eq!(resolve("Serbia", "2003-01-01").as_deref(), Some("SCG"));
    assert_eq!(resolve("Serbia", "2010-01-01").as_deref(), Some("SRB"));
    assert_eq!(resolve("Federal Republic of Germany", "1980-01-01").as_deref(), Some("DEU"));
    assert_eq!(resolve("German Democratic Republic", "1980-01-01").as_deref(), Some("DDR"));
    assert_eq!(resolve("ZAIRE", "1985-01-01").as_deref(), Some("COD"));
}

#[test]
fn yugoslavia_is_the_sfry_until_the_fry_was_admitted_and_serbia_after() {
    assert_eq!(resolve("Yugoslavia", "1970-01-01").as_deref(), Some("YUG"));
    assert_eq!(resolve("Yugoslavia", "2000-10-31").as_deref(), Some("YUG"));
    assert_eq!(resolve("Yugoslavia", "2001-01-01").as_deref(), Some("SCG"));
    assert_eq!(resolve("Yugoslavia", "2010-01-01").as_deref(), Some("SRB"));
    let r = Registry::bundled();
    assert_eq!(r.resolve_cow(345, d("1970-01-01")), Some(c("YUG")));
    assert_eq!(r.resolve_cow(345, d("2004-01-01")), Some(c("SCG")));
    assert_eq!(r.resolve_iso2("YU", d("2015-01-01")), Some(c("SRB")));
}

#[test]
fn taiwan_after_1971_is_not_chinas_seat() {
    assert_eq!(resolve("Taiwan", "1960-01-01").as_deref(), Some("TWN"));
    assert_eq!(resolve("Taiwan", "1980-01-01").as_deref(), Some("TWN"));
    assert!(!Registry::bundled().is_ga_member(c("TWN"), d("1980-01-01")));
    assert_eq!(Registry::bundled().resolve_cow(713, d("1980-01-01")), Some(c("TWN")));
}

#[test]
fn cow_codes_resolve_by_date() {
    let r = Registry::bundled();
    assert_eq!(r.resolve_cow(365, d("1950-01-01")), Some(c("SUN")));
    assert_eq!(r.resolve_cow(365, d("2000-01-01")), Some(c("RUS")));
    assert_eq!(r.resolve_cow(260, d("1980-01-01")), Some(c("DEU")));
    assert_eq!(r.resolve_cow(255, d("2000-01-01")), Some(c("DEU")));
    assert_eq!(r.resolve_cow(265, d("1980-01-01")), Some(c("DDR")));
    assert_eq!(r.resolve_cow(315, d("1980-01-01")), Some(c("CSK")));
    assert_eq!(r.resolve_cow(316, d("2000-01-01")), Some(c("CZE")));
    assert_eq!(r.resolve_cow(678, d("1980-01-01")), Some(c("YAR")));
    assert_eq!(r.resolve_cow(678, d("1990-12-06")), Some(c("YEM")));
    assert_eq!(r.resolve_cow(680, d("1980-01-01")), Some(c("YMD")));
    assert_eq!(r.resolve_cow(679, d("2000-01-01")), Some(c("YEM")));
    assert_eq!(r.resolve_cow(710, d("1980-01-01")), Some(c("CHN")));
    assert_eq!(r.resolve_cow(710, d("1960-01-01")), None, "the PRC did not hold China's seat");
    assert_eq!(r.resolve_cow(713, d("1960-01-01")), Some(c("TWN")));
    assert_eq!(r.resolve_cow(651, d("1960-01-01")), Some(c("UAR")));
    assert_eq!(r.resolve_cow(651, d("1980-01-01")), Some(c("EGY")));
    assert_eq!(r.resolve_cow(9999, d("1980-01-01")), None);
}

#[test]
fn iso2_codes_resolve_by_date_and_na_is_namibia() {
    let r = Registry::bundled();
    assert_eq!(r.resolve_iso2("NA", d("2000-01-01")), Some(c("NAM")));
    assert_eq!(r.resolve("NA", d("2000-01-01")), Some(c("NAM")));
    assert_eq!(r.resolve_iso2("cs", d("1980-01-01")), Some(c("CSK")));
    assert_eq!(r.resolve_iso2("CS", d("2005-01-01")), Some(c("SCG")));
    assert_eq!(r.resolve_iso2("CS", d("1998-01-01")), None);
    assert_eq!(r.resolve_iso2("SU", d("1980-01-01")), Some(c("SUN")));
    assert_eq!(r.resolve_iso2("RU", d("1980-01-01")), Some(c("SUN")));
    assert_eq!(r.resolve_iso2("DD", d("1980-01-01")), Some(c("DDR")));
    assert_eq!(r.resolve_iso2("XX", d("1980-01-01")), None);
    assert_eq!(r.resolve_iso2("USA", d("1980-01-01")), None);
}

#[test]
fn every_state_round_trips_through_its_codes_and_name_while_it_holds_a_seat() {
    let r = Registry::bundled();
    let mut checked = 0;
    for day in ["1946-06-01", "1950-06-27", "1960-06-01", "1964-01-01", "1975-01-01", "1985-01-01", "1990-03-01", "1995-01-01", "2004-01-01", "2025-02-24"] {
        let date = d(day);
        for code in r.ga_members(date) {
            let s = r.get(code).unwrap_or_else(|| panic!("{code} has no state row"));
            assert_eq!(r.resolve(code.as_str(), date), Some(code), "ISO3 {code} on {day}");
            assert_eq!(r.resolve(&s.name_en, date), Some(code), "name {:?} on {day}", s.name_en);
            assert_eq!(r.resolve(&s.name_en.to_uppercase(), date), Some(code), "upper-case name of {code} on {day}");
            if let Some(iso2) = &s.iso2 {
                assert_eq!(r.resolve_iso2(iso2, date), Some(code), "ISO2 {iso2} on {day}");
            }
            if let Some(cow) = s.cow {
                assert_eq!(r.resolve_cow(cow, date), Some(code), "COW {cow} of {code} on {day}");
            }
            assert_eq!(r.holder(r.seat(code), date), code, "{code} holds its seat on {day}");
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn seat_maps_earlier_holders_to_the_continuing_membership() {
    let r = Registry::bundled();
    for (from, to) in [("SUN", "RUS"), ("TWN", "CHN"), ("YAR", "YEM"), ("TAN", "TZA"), ("UAR", "EGY"), ("SCG", "SRB"), ("FRA", "FRA"), ("CSK", "CSK"), ("YMD", "YMD")] {
        assert_eq!(r.seat(c(from)), c(to), "{from}");
    }
}

#[test]
fn unknown_names_resolve_to_nothing() {
    assert_eq!(resolve("Atlantis", "2000-01-01"), None);
    assert_eq!(resolve("", "2000-01-01"), None);
    assert_eq!(resolve("   ", "2000-01-01"), None);
}

#[test]
fn bad_registry_data_is_reported_with_file_line_field_and_expected_form() {
    let mut src = Sources::bundled();
    let bad_aliases = "alias,kind,code,valid_from,valid_to,source\nFrance,name,FRA,,,x\nGaul,name,FRA,52 BC,,y\n";
    src.aliases = bad_aliases;
    let e = Registry::from_sources(src).unwrap_err();
    assert_eq!((e.file.as_str(), e.line, e.field.as_str()), ("data/states/aliases.csv", 3, "valid_from"));
    assert!(e.to_string().contains("expected a date YYYY-MM-DD"), "{e}");

    let mut src = Sources::bundled();
    src.sc_members = "year,iso3,name_en,permanent\n1946,XYZ,Nowhere,true\n";
    let e = Registry::from_sources(src).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (2, "iso3"));

    let e = plenary_rules::states::parse_article19("arrears.csv", "code,from,to,source\nCAF,2025-01-01,2024-01-01,x\n").unwrap_err();
    assert_eq!((e.file.as_str(), e.line, e.field.as_str()), ("arrears.csv", 2, "to"));
}

/// Timing, not a check: `cargo test -p plenary-rules --release --test states_resolve -- --ignored --nocapture`.
#[test]
#[ignore]
fn one_million_resolves_take_well_under_a_second() {
    let r = Registry::bundled();
    let names = ["RUSSIAN FEDERATION", "Côte d’Ivoire", "United States", "CHINA", "St. Vincent & Grenadines", "TÜRKİYE", "NETHERLANDS (KINGDOM OF THE)", "Yemen Arab Republic"];
    let date = d("1985-06-01");
    let t = std::time::Instant::now();
    let mut hits = 0usize;
    for i in 0..1_000_000 {
        hits += r.resolve(names[i % names.len()], date).is_some() as usize;
    }
    let el = t.elapsed();
    eprintln!("1,000,000 resolve() calls: {el:?} ({} ns each)", el.as_nanos() / 1_000_000);
    assert_eq!(hits, 1_000_000);
}

proptest::proptest! {
    /// Case, spaces (non-breaking too) and punctuation around a member's UN name change nothing.
    #[test]
    fn resolve_ignores_case_spacing_and_punctuation(idx in 0usize..193, mask in proptest::collection::vec(0u8..6, 64)) {
        let r = Registry::bundled();
        let date = d("2025-02-24");
        let members = r.ga_members(date);
        let code = members[idx % members.len()];
        let name = &r.get(code).unwrap().name_en;
        let mut garbled = String::new();
        for (i, ch) in name.chars().enumerate() {
            match mask[i % mask.len()] {
                0 => garbled.extend(ch.to_uppercase()),
                1 => garbled.extend(ch.to_lowercase()),
                2 => { garbled.push(ch); garbled.push('\u{a0}'); }
                3 => { garbled.push(ch); garbled.push(' '); }
                4 => { garbled.push(ch); garbled.push('.'); }
                _ => garbled.push(ch),
            }
        }
        proptest::prop_assert_eq!(r.resolve(&garbled, date), Some(code), "{:?}", garbled);
    }
}
