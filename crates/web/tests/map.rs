//! The world map: every Member can be found on it, the projection is equal-area, and the map
//! fits its share of the page budget.

use std::collections::BTreeMap;

use plenary_i18n::Lang;
use plenary_rules::Date;
use plenary_rules::states::Registry;
use plenary_web::geo::{self, equal_earth};
use plenary_web::{Light, vote_map};

#[test]
fn all_193_members_are_on_the_map() {
    let date = Date::from_ymd_opt(2025, 1, 1).unwrap();
    let members = Registry::bundled().ga_members(date);
    assert_eq!(members.len(), 193);
    let drawn = geo::drawn_codes();
    let missing: Vec<_> = members.iter().filter(|c| !drawn.contains_key(c)).collect();
    assert!(missing.is_empty(), "not on the map: {missing:?}");
    // Microstates and small islands get a dot; large states do not.
    for small in ["MCO", "SMR", "TUV", "NRU", "MLT", "SGP", "LIE"] {
        let c = plenary_rules::StateCode::parse(small).unwrap();
        assert_eq!(drawn.get(&c), Some(&true), "{small} has a dot");
    }
    for large in ["UKR", "BRA", "RUS", "CHN", "USA"] {
        let c = plenary_rules::StateCode::parse(large).unwrap();
        assert_eq!(drawn.get(&c), Some(&false), "{large} is drawn without a dot");
    }
}

#[test]
fn equal_earth_keeps_areas_equal() {
    // A 10°×10° cell's area on the sphere is proportional to sin(φ2) − sin(φ1).
    let cell = |lat: f64| {
        let (x0, y0) = equal_earth(0.0, lat);
        let (x1, _) = equal_earth(10.0, lat);
        let (_, y1) = equal_earth(0.0, lat + 10.0);
        let (x2, _) = equal_earth(10.0, lat + 10.0);
        // A trapezoid: parallels are straight lines in Equal Earth.
        ((x1 - x0) + (x2 - equal_earth(0.0, lat + 10.0).0)) / 2.0 * (y1 - y0)
    };
    let sphere = |lat: f64| (lat + 10.0_f64).to_radians().sin() - lat.to_radians().sin();
    let ratio = cell(60.0) / cell(0.0);
    let expected = sphere(60.0) / sphere(0.0);
    assert!((ratio - expected).abs() < 0.01, "{ratio} vs {expected}");
    assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
    // Symmetric about the equator and the central meridian.
    let (x, y) = equal_earth(30.0, 45.0);
    assert_eq!(equal_earth(-30.0, -45.0), (-x, -y));
}

#[test]
fn the_map_is_compact() {
    let votes: BTreeMap<_, _> = Registry::bundled()
        .ga_members(Date::from_ymd_opt(2022, 3, 2).unwrap())
        .into_iter()
        .map(|c| (c, Light::Yes))
        .collect();
    let svg = vote_map(Lang::Uk, &votes, "Карта");
    eprintln!("map: {} bytes, {} paths", svg.len(), svg.matches("<path").count());
    assert!(svg.len() < 110 * 1024, "map of {} bytes", svg.len());
    assert!(svg.len() > 30 * 1024, "a map of {} bytes is too coarse to be a map", svg.len());
}

#[test]
fn a_bad_boundary_file_is_an_error_naming_the_field() {
    let err = geo::build("{\"type\":\"Topology\",\"arcs\":[[[0,0],[1]]]}", "{}", "").unwrap_err();
    assert_eq!(err.file, "data/geo/countries-110m.json");
    assert_eq!(err.field, "arcs[0][1]");
    let err = geo::build("not json", "{}", "").unwrap_err();
    assert!(err.to_string().contains("countries-110m.json"));
}
