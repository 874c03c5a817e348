//! Comparison with published figures: the Bailey-Strezhnev-Voeten ideal points
//! (`IdealpointsJuly2025.csv`) and agreement with the United States by session
//! (`agreement_sessions_1_39.csv`).

use crate::idealpoints::IdealPoint;
use crate::load::LoadError;
use plenary_rules::StateCode;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// A published estimate: state (in Plenary's seat convention), year, value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Published {
    pub state: StateCode,
    pub year: i32,
    pub value: f64,
}

/// Maps a published row (COW code, iso3c, year) to the code under which Plenary's series
/// runs with the ideal points' default continuity (USSR->RUS, ROC kept as TWN): the published
/// file labels Democratic Yemen (COW 680) "YAR", continues Yugoslavia (345) through Serbia and
/// Montenegro to Serbia, and splits Yemen (678 then 679) where Plenary's seat continues.
fn published_code(ccode: &str, iso3: &str, year: i32) -> Option<StateCode> {
    let code = match (ccode, year) {
        ("680", _) => "YMD",
        ("678", _) => "YEM",
        ("345", y) if y >= 2001 => "SRB",
        _ if iso3.is_empty() => return None,
        _ => iso3,
    };
    StateCode::parse(code)
}

fn parse_num(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || s == "NA" { None } else { s.parse().ok() }
}

/// Reads one column of `IdealpointsJuly2025.csv` (e.g. `idealpointall`).
pub fn load_published_idealpoints(path: &Path, column: &str) -> Result<Vec<Published>, LoadError> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| LoadError::Csv { file: path.into(), line: 0, source: e })?;
    let h = rdr.headers().map_err(|e| LoadError::Csv { file: path.into(), line: 1, source: e })?.clone();
    let col = |name: &'static str| h.iter().position(|c| c == name).ok_or(LoadError::Column { file: path.into(), column: name });
    let (cc, ci, cy) = (col("ccode")?, col("iso3c")?, col("year")?);
    let cv = h.iter().position(|c| c == column).ok_or(LoadError::Column { file: path.into(), column: "idealpoint column" })?;
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| LoadError::Csv { file: path.into(), line, source: e })?;
        let year = parse_num(&rec[cy]).ok_or_else(|| LoadError::Field {
            file: path.into(), line, field: "year", found: rec[cy].into(), expected: "a year such as 1990.0",
        })? as i32;
        let (Some(state), Some(value)) = (published_code(&rec[cc], &rec[ci], year), parse_num(&rec[cv])) else { continue };
        out.push(Published { state, year, value });
    }
    Ok(out)
}

/// Pearson correlation; `None` with fewer than 3 pairs or no variance.
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len();
    if n < 3 {
        return None;
    }
    let (mx, my) = (xs.iter().sum::<f64>() / n as f64, ys.iter().sum::<f64>() / n as f64);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    if sxx <= 0.0 || syy <= 0.0 { None } else { Some(sxy / (sxx * syy).sqrt()) }
}

/// The agreement of estimates with published ones.
#[derive(Clone, Debug, Serialize)]
pub struct IdealPointValidation {
    /// (year, Pearson r, matched states).
    pub per_year: Vec<(i32, f64, usize)>,
    pub median_year_r: f64,
    pub min_year_r: f64,
    pub pooled_r: f64,
    pub matched: usize,
}

/// Compares estimates with published values over `years` (inclusive).
pub fn compare_idealpoints(points: &[IdealPoint], published: &[Published], years: (i32, i32)) -> IdealPointValidation {
    let ours: HashMap<(StateCode, i32), f64> = points.iter().map(|p| ((p.state, p.year), p.position)).collect();
    let mut by_year: std::collections::BTreeMap<i32, (Vec<f64>, Vec<f64>)> = Default::default();
    let (mut all_x, mut all_y) = (Vec::new(), Vec::new());
    for p in published.iter().filter(|p| p.year >= years.0 && p.year <= years.1) {
        if let Some(&x) = ours.get(&(p.state, p.year)) {
            let e = by_year.entry(p.year).or_default();
            e.0.push(x);
            e.1.push(p.value);
            all_x.push(x);
            all_y.push(p.value);
        }
    }
    let per_year: Vec<(i32, f64, usize)> =
        by_year.iter().filter_map(|(y, (a, b))| pearson(a, b).map(|r| (*y, r, a.len()))).collect();
    let mut rs: Vec<f64> = per_year.iter().map(|p| p.1).collect();
    rs.sort_by(f64::total_cmp);
    let median = if rs.is_empty() {
        f64::NAN
    } else if rs.len() % 2 == 1 {
        rs[rs.len() / 2]
    } else {
        (rs[rs.len() / 2 - 1] + rs[rs.len() / 2]) / 2.0
    };
    IdealPointValidation {
        median_year_r: median,
        min_year_r: rs.first().copied().unwrap_or(f64::NAN),
        pooled_r: pearson(&all_x, &all_y).unwrap_or(f64::NAN),
        matched: all_x.len(),
        per_year,
    }
}

/// A published agreement with the United States: (state, session, value).
pub fn load_published_us_agreement(path: &Path) -> Result<Vec<(StateCode, i32, f64)>, LoadError> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| LoadError::Csv { file: path.into(), line: 0, source: e })?;
    let h = rdr.headers().map_err(|e| LoadError::Csv { file: path.into(), line: 1, source: e })?.clone();
    let col = |name: &'static str| h.iter().position(|c| c == name).ok_or(LoadError::Column { file: path.into(), column: name });
    let (cc, cs, ci, cv) = (col("ccode")?, col("session")?, col("iso3c")?, col("USAgree")?);
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| LoadError::Csv { file: path.into(), line, source: e })?;
        let session: i32 = rec[cs].trim().parse().map_err(|_| LoadError::Field {
            file: path.into(), line, field: "session", found: rec[cs].into(), expected: "a session number",
        })?;
        let (Some(state), Some(v)) = (published_code(&rec[cc], &rec[ci], session + 1945), parse_num(&rec[cv])) else { continue };
        out.push((state, session, v));
    }
    Ok(out)
}
