//! UN document symbols: normalising what users type and what sources write.
//!
//! The key of a symbol is its upper-case form without spaces and without the year suffix of
//! Security Council resolutions, so "S/RES/2774 (2025)", "s/res/2774(2025)" and "S/RES/2774"
//! are one key, and "A/RES/44/41 C" equals Voeten's "R/44/41C" once converted.

/// The comparison key of a symbol.
pub fn symbol_key(symbol: &str) -> String {
    let mut s: String = symbol.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if s.starts_with("S/RES/") {
        if let Some(i) = s.find('(') {
            s.truncate(i);
        }
    }
    s
}

/// The keys a loosely written symbol may stand for, most likely first:
/// "A/RES/ES-11/1", "ES-11/1", "res 2774", "S/RES/2774", "2758 (XXVI)", "44/41 C".
pub fn candidate_keys(input: &str) -> Vec<String> {
    let k = symbol_key(input);
    let mut out = vec![k.clone()];
    if k.starts_with("A/") || k.starts_with("S/") {
        return out;
    }
    let bare = k.trim_start_matches("RESOLUTION").trim_start_matches("RES").trim_start_matches(['.', '/', ':']);
    if bare.is_empty() {
        return out;
    }
    if bare.chars().all(|c| c.is_ascii_digit()) {
        // A bare number: a Security Council resolution, or an Assembly resolution of the
        // years before session 31 (numbered across sessions: "2758 (XXVI)").
        out.push(format!("S/RES/{bare}"));
        out.push(format!("A/RES/{bare}"));
    } else {
        out.push(format!("A/RES/{bare}"));
        out.push(format!("S/RES/{bare}"));
    }
    out.dedup();
    out
}

/// Roman numerals for the Assembly's sessions 1-30, whose resolutions are written
/// "2758 (XXVI)".
pub fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 9] = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Converts Voeten's resolution code (`unres`) to the UN's symbol where the form is known:
/// "R/44/41C" is A/RES/44/41 C; before session 31 resolutions were numbered across sessions,
/// so "R/21/2200A" is A/RES/2200 A (XXI); "A/RES/74/112" is kept; "ESS/10/2" is the 10th
/// emergency special session's A/RES/ES-10/2 and "SS/7/1" the special session's A/RES/S-7/1.
/// Other forms give `None` (the code stays in the source key's provenance).
pub fn symbol_from_unres(unres: &str) -> Option<String> {
    let u = unres.trim();
    if u.is_empty() {
        return None;
    }
    if u.starts_with("A/RES/") {
        return Some(u.to_string());
    }
    let parts: Vec<&str> = u.split('/').collect();
    let (prefix, session, number) = match parts.as_slice() {
        [p, s, n] => (*p, *s, *n),
        _ => return None,
    };
    let session: u32 = session.parse().ok()?;
    let digits: String = number.chars().take_while(|c| c.is_ascii_digit()).collect();
    let letter = &number[digits.len()..];
    if digits.is_empty() || !letter.chars().all(|c| c.is_ascii_uppercase()) || letter.len() > 2 {
        return None;
    }
    let suffix = if letter.is_empty() { String::new() } else { format!(" {letter}") };
    match prefix {
        "R" if session >= 31 => Some(format!("A/RES/{session}/{digits}{suffix}")),
        "R" if session >= 1 => Some(format!("A/RES/{digits}{suffix} ({})", roman(session))),
        "ESS" => Some(format!("A/RES/ES-{session}/{digits}{suffix}")),
        "SS" => Some(format!("A/RES/S-{session}/{digits}{suffix}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_security_council_symbol_matches_with_or_without_its_year() {
        assert_eq!(symbol_key("S/RES/2774 (2025)"), symbol_key("s/res/2774"));
    }

    #[test]
    fn loose_symbols_reach_the_un_form() {
        assert!(candidate_keys("ES-11/1").contains(&"A/RES/ES-11/1".to_string()));
        assert_eq!(candidate_keys("res 2774")[1], "S/RES/2774");
        assert_eq!(candidate_keys("A/RES/ES-11/1"), vec!["A/RES/ES-11/1".to_string()]);
    }

    #[test]
    fn voeten_codes_become_un_symbols() {
        assert_eq!(symbol_from_unres("R/44/41C").as_deref(), Some("A/RES/44/41 C"));
        assert_eq!(symbol_from_unres("R/21/2200A").as_deref(), Some("A/RES/2200 A (XXI)"));
        assert_eq!(symbol_from_unres("R/26/2758").as_deref(), Some("A/RES/2758 (XXVI)"));
        assert_eq!(symbol_from_unres("ESS/10/2").as_deref(), Some("A/RES/ES-10/2"));
        assert_eq!(symbol_from_unres("GOAR/1/1288B"), None);
        assert_eq!(symbol_from_unres(""), None);
    }
}
