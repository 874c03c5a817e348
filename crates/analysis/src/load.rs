//! Reads the unvotes CSV files (Voeten's General Assembly roll calls 1946 to January 2020, as
//! released in D. Robinson's `unvotes` package) into [`RollCall`]s.
//!
//! Used only by the validation tests, the computation benchmarks and the charts example,
//! which start from Voeten's own files; the product (every `plenary` verb) reads roll calls
//! from the record (`plenary_record::Store::roll_calls`) instead. State
//! codes: the files give ISO 3166-1 alpha-2 codes; [`iso3_for`] turns them into the code of the
//! seat holder on the vote's date (SUN for the USSR until 1991-12-24, TWN for the Republic of
//! China, YUG/SCG/SRB for Yugoslavia's line), following data/membership/README.md.
//! TEMPORARY: this table stands in until `plenary_rules::states::Registry` resolves alpha-2
//! codes.

use crate::input::{Issue, IssueSet, Kind, RollCall};
use plenary_rules::{Date, StateCode, Vote};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A problem in an input file, with where it is and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: {source}")]
    Io { file: PathBuf, source: std::io::Error },
    #[error("{file}, line {line}, field `{field}`: found {found:?}, expected {expected}")]
    Field { file: PathBuf, line: u64, field: &'static str, found: String, expected: &'static str },
    #[error("{file}, line {line}: {source}")]
    Csv { file: PathBuf, line: u64, source: csv::Error },
    #[error("{file}: missing column `{column}`")]
    Column { file: PathBuf, column: &'static str },
}

/// The folder holding the bundled copy of the unvotes files: `data/record/unvotes` in the
/// repository, falling back to /work/shared/data/unvotes while the copy is not in place.
pub fn default_unvotes_dir() -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/record/unvotes");
    if repo.join("un_votes.csv.gz").exists() {
        return repo;
    }
    PathBuf::from("/work/shared/data/unvotes")
}

/// The bridging file of identical resolutions (Bailey, Strezhnev, Voeten): repository copy
/// first, shared data second.
pub fn default_idealpoints_dir() -> PathBuf {
    for p in [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/analysis/idealpoints"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/idealpoints"),
    ] {
        if p.join("identical_resolutions_matches.csv").exists() {
            return p;
        }
    }
    PathBuf::from("/work/shared/data/idealpoints")
}

fn open(path: &Path) -> Result<csv::Reader<Box<dyn Read>>, LoadError> {
    let f = std::fs::File::open(path).map_err(|e| LoadError::Io { file: path.into(), source: e })?;
    let r: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(std::io::BufReader::with_capacity(1 << 16, f)))
    } else {
        Box::new(std::io::BufReader::new(f))
    };
    Ok(csv::ReaderBuilder::new().has_headers(true).from_reader(r))
}

fn column(rdr: &mut csv::Reader<Box<dyn Read>>, path: &Path, name: &'static str) -> Result<usize, LoadError> {
    let h = rdr.headers().map_err(|e| LoadError::Csv { file: path.into(), line: 1, source: e })?;
    h.iter().position(|c| c == name).ok_or(LoadError::Column { file: path.into(), column: name })
}

/// Loads `un_roll_calls.csv.gz`, `un_votes.csv.gz` and `un_roll_call_issues.csv.gz` from `dir`.
/// Roll calls come back sorted by date, then id.
pub fn load_unvotes(dir: &Path) -> Result<Vec<RollCall>, LoadError> {
    let rc_path = dir.join("un_roll_calls.csv.gz");
    let mut rdr = open(&rc_path)?;
    let (c_id, c_sess, c_imp, c_date, c_amend, c_para) = (
        column(&mut rdr, &rc_path, "rcid")?,
        column(&mut rdr, &rc_path, "session")?,
        column(&mut rdr, &rc_path, "importantvote")?,
        column(&mut rdr, &rc_path, "date")?,
        column(&mut rdr, &rc_path, "amend")?,
        column(&mut rdr, &rc_path, "para")?,
    );
    let mut calls: Vec<RollCall> = Vec::new();
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut rec = csv::StringRecord::new();
    let mut line = 1u64;
    loop {
        line += 1;
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(LoadError::Csv { file: rc_path.clone(), line, source: e }),
        }
        let field = |i: usize| rec.get(i).unwrap_or("");
        let bad = |field: &'static str, found: &str, expected: &'static str| LoadError::Field {
            file: rc_path.clone(),
            line,
            field,
            found: found.to_string(),
            expected,
        };
        let id: u32 = field(c_id).parse().map_err(|_| bad("rcid", field(c_id), "a positive integer"))?;
        let session: u16 =
            field(c_sess).parse().map_err(|_| bad("session", field(c_sess), "a session number"))?;
        let date = Date::parse_from_str(field(c_date), "%Y-%m-%d")
            .map_err(|_| bad("date", field(c_date), "a date as YYYY-MM-DD"))?;
        let flag = |i: usize, name: &'static str| -> Result<bool, LoadError> {
            match field(i) {
                "1" => Ok(true),
                "0" | "" | "NA" => Ok(false),
                other => Err(bad(name, other, "0, 1 or empty")),
            }
        };
        let (amend, para, important) = (flag(c_amend, "amend")?, flag(c_para, "para")?, flag(c_imp, "importantvote")?);
        let kind = if amend {
            Kind::Amendment
        } else if para {
            Kind::Part
        } else {
            Kind::FinalPassage
        };
        use chrono::Datelike;
        index.insert(id, calls.len());
        calls.push(RollCall { id, date, session, year: date.year(), kind, issues: IssueSet::empty(), important, votes: Vec::new() });
    }

    let iss_path = dir.join("un_roll_call_issues.csv.gz");
    let mut rdr = open(&iss_path)?;
    let (c_id, c_issue) = (column(&mut rdr, &iss_path, "rcid")?, column(&mut rdr, &iss_path, "short_name")?);
    line = 1;
    loop {
        line += 1;
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(LoadError::Csv { file: iss_path.clone(), line, source: e }),
        }
        let raw = rec.get(c_id).unwrap_or("");
        let id: u32 = raw.parse().map_err(|_| LoadError::Field {
            file: iss_path.clone(), line, field: "rcid", found: raw.into(), expected: "a positive integer",
        })?;
        let code = rec.get(c_issue).unwrap_or("");
        let issue = Issue::from_code(code).ok_or_else(|| LoadError::Field {
            file: iss_path.clone(), line, field: "short_name", found: code.into(), expected: "one of me, nu, di, hr, co, ec",
        })?;
        if let Some(&i) = index.get(&id) {
            calls[i].issues.insert(issue);
        }
    }

    let v_path = dir.join("un_votes.csv.gz");
    let mut rdr = open(&v_path)?;
    let (c_id, c_country, c_code, c_vote) = (
        column(&mut rdr, &v_path, "rcid")?,
        column(&mut rdr, &v_path, "country")?,
        column(&mut rdr, &v_path, "country_code")?,
        column(&mut rdr, &v_path, "vote")?,
    );
    line = 1;
    let mut last: Option<(u32, usize)> = None;
    // Codes by (alpha-2, country, seat-change era); most rows repeat a few hundred keys.
    let mut codes: HashMap<(String, bool), Option<StateCode>> = HashMap::new();
    loop {
        line += 1;
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(LoadError::Csv { file: v_path.clone(), line, source: e }),
        }
        let bad = |field: &'static str, found: &str, expected: &'static str| LoadError::Field {
            file: v_path.clone(), line, field, found: found.to_string(), expected,
        };
        let raw = rec.get(c_id).unwrap_or("");
        let id: u32 = raw.parse().map_err(|_| bad("rcid", raw, "a positive integer"))?;
        let i = match last {
            Some((lid, li)) if lid == id => li,
            _ => *index.get(&id).ok_or_else(|| bad("rcid", raw, "an rcid listed in un_roll_calls.csv.gz"))?,
        };
        last = Some((id, i));
        let vote = match rec.get(c_vote).unwrap_or("") {
            "yes" => Vote::Yes,
            "no" => Vote::No,
            "abstain" => Vote::Abstain,
            other => return Err(bad("vote", other, "yes, no or abstain")),
        };
        let (country, code) = (rec.get(c_country).unwrap_or(""), rec.get(c_code).unwrap_or(""));
        let date = calls[i].date;
        let state = if matches!(code, "" | "RU" | "YU") {
            iso3_for(code, country, date)
        } else {
            *codes.entry((code.to_string(), false)).or_insert_with(|| iso3_for(code, country, date))
        };
        let state = state
            .ok_or_else(|| bad("country_code", code, "an ISO 3166-1 alpha-2 code of a UN member"))?;
        calls[i].votes.push((state, vote));
    }
    calls.sort_by_key(|c| (c.date, c.id));
    Ok(calls)
}

/// The pairs of roll-call ids of identical resolutions voted in different years
/// (`identical_resolutions_matches.csv`, columns rcid1, rcid2).
pub fn load_bridges(path: &Path) -> Result<Vec<(u32, u32)>, LoadError> {
    let mut rdr = open(path)?;
    let (c1, c2) = (column(&mut rdr, path, "rcid1")?, column(&mut rdr, path, "rcid2")?);
    let mut out = Vec::new();
    let mut rec = csv::StringRecord::new();
    let mut line = 1u64;
    loop {
        line += 1;
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(LoadError::Csv { file: path.into(), line, source: e }),
        }
        let get = |c: usize, field: &'static str| -> Result<u32, LoadError> {
            let raw = rec.get(c).unwrap_or("");
            raw.parse().map_err(|_| LoadError::Field {
                file: path.into(), line, field, found: raw.into(), expected: "a Voeten rcid (positive integer)",
            })
        };
        out.push((get(c1, "rcid1")?, get(c2, "rcid2")?));
    }
    Ok(out)
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).expect("valid constant date")
}

/// The alpha-3 code of the holder of the seat an unvotes row speaks for on `date`.
///
/// Seat history per data/membership/README.md: the USSR (SUN) until 1991-12-24, then the
/// Russian Federation; the Republic of China (TWN) held China's seat until 1971-10-25;
/// Yugoslavia's row in unvotes runs on through the FR Yugoslavia (admitted 2000-11-01, SCG from
/// 2003) to Serbia (from 2006-06-03); rows with no code are the FRG (DEU: one membership with
/// united Germany), the Yemen Arab Republic (YAR, then Yemen from 1990-05-22) and Zanzibar.
pub fn iso3_for(iso2: &str, country: &str, date: Date) -> Option<StateCode> {
    let code = match iso2 {
        "" => match country {
            "Federal Republic of Germany" => "DEU",
            "Yemen Arab Republic" if date >= d(1990, 5, 22) => "YEM",
            "Yemen Arab Republic" => "YAR",
            "Zanzibar" => "ZAN",
            _ => return None,
        },
        "RU" if date <= d(1991, 12, 24) => "SUN",
        "YU" if date >= d(2006, 6, 3) => "SRB",
        "YU" if date >= d(2000, 11, 1) => "SCG",
        "YU" => "YUG",
        "TW" => "TWN",
        _ => ISO2_TO_ISO3.iter().find(|(a, _)| *a == iso2).map(|(_, b)| *b)?,
    };
    StateCode::parse(code)
}

/// ISO 3166-1 alpha-2 to alpha-3 for every code in un_votes.csv.gz (and ISO 3166-3 codes of
/// former states: CS Czechoslovakia CSK, DD German Democratic Republic DDR, YD Democratic
/// Yemen YMD).
const ISO2_TO_ISO3: &[(&str, &str)] = &[
    ("AF", "AFG"), ("AL", "ALB"), ("DZ", "DZA"), ("AD", "AND"), ("AO", "AGO"), ("AG", "ATG"),
    ("AR", "ARG"), ("AM", "ARM"), ("AU", "AUS"), ("AT", "AUT"), ("AZ", "AZE"), ("BS", "BHS"),
    ("BH", "BHR"), ("BD", "BGD"), ("BB", "BRB"), ("BY", "BLR"), ("BE", "BEL"), ("BZ", "BLZ"),
    ("BJ", "BEN"), ("BT", "BTN"), ("BO", "BOL"), ("BA", "BIH"), ("BW", "BWA"), ("BR", "BRA"),
    ("BN", "BRN"), ("BG", "BGR"), ("BF", "BFA"), ("BI", "BDI"), ("KH", "KHM"), ("CM", "CMR"),
    ("CA", "CAN"), ("CV", "CPV"), ("CF", "CAF"), ("TD", "TCD"), ("CL", "CHL"), ("CN", "CHN"),
    ("CO", "COL"), ("KM", "COM"), ("CG", "COG"), ("CD", "COD"), ("CR", "CRI"), ("HR", "HRV"),
    ("CU", "CUB"), ("CY", "CYP"), ("CZ", "CZE"), ("CS", "CSK"), ("CI", "CIV"), ("DK", "DNK"),
    ("DJ", "DJI"), ("DM", "DMA"), ("DO", "DOM"), ("EC", "ECU"), ("EG", "EGY"), ("SV", "SLV"),
    ("GQ", "GNQ"), ("ER", "ERI"), ("EE", "EST"), ("SZ", "SWZ"), ("ET", "ETH"), ("FJ", "FJI"),
    ("FI", "FIN"), ("FR", "FRA"), ("GA", "GAB"), ("GM", "GMB"), ("GE", "GEO"), ("DD", "DDR"),
    ("DE", "DEU"), ("GH", "GHA"), ("GR", "GRC"), ("GD", "GRD"), ("GT", "GTM"), ("GN", "GIN"),
    ("GW", "GNB"), ("GY", "GUY"), ("HT", "HTI"), ("HN", "HND"), ("HU", "HUN"), ("IS", "ISL"),
    ("IN", "IND"), ("ID", "IDN"), ("IR", "IRN"), ("IQ", "IRQ"), ("IE", "IRL"), ("IL", "ISR"),
    ("IT", "ITA"), ("JM", "JAM"), ("JP", "JPN"), ("JO", "JOR"), ("KZ", "KAZ"), ("KE", "KEN"),
    ("KI", "KIR"), ("KW", "KWT"), ("KG", "KGZ"), ("LA", "LAO"), ("LV", "LVA"), ("LB", "LBN"),
    ("LS", "LSO"), ("LR", "LBR"), ("LY", "LBY"), ("LI", "LIE"), ("LT", "LTU"), ("LU", "LUX"),
    ("MG", "MDG"), ("MW", "MWI"), ("MY", "MYS"), ("MV", "MDV"), ("ML", "MLI"), ("MT", "MLT"),
    ("MH", "MHL"), ("MR", "MRT"), ("MU", "MUS"), ("MX", "MEX"), ("FM", "FSM"), ("MD", "MDA"),
    ("MC", "MCO"), ("MN", "MNG"), ("ME", "MNE"), ("MA", "MAR"), ("MZ", "MOZ"), ("MM", "MMR"),
    ("NA", "NAM"), ("NR", "NRU"), ("NP", "NPL"), ("NL", "NLD"), ("NZ", "NZL"), ("NI", "NIC"),
    ("NE", "NER"), ("NG", "NGA"), ("KP", "PRK"), ("MK", "MKD"), ("NO", "NOR"), ("OM", "OMN"),
    ("PK", "PAK"), ("PW", "PLW"), ("PA", "PAN"), ("PG", "PNG"), ("PY", "PRY"), ("PE", "PER"),
    ("PH", "PHL"), ("PL", "POL"), ("PT", "PRT"), ("QA", "QAT"), ("RO", "ROU"), ("RU", "RUS"),
    ("RW", "RWA"), ("WS", "WSM"), ("SM", "SMR"), ("SA", "SAU"), ("SN", "SEN"), ("SC", "SYC"),
    ("SL", "SLE"), ("SG", "SGP"), ("SK", "SVK"), ("SI", "SVN"), ("SB", "SLB"), ("SO", "SOM"),
    ("ZA", "ZAF"), ("KR", "KOR"), ("SS", "SSD"), ("ES", "ESP"), ("LK", "LKA"), ("KN", "KNA"),
    ("LC", "LCA"), ("VC", "VCT"), ("SD", "SDN"), ("SR", "SUR"), ("SE", "SWE"), ("CH", "CHE"),
    ("SY", "SYR"), ("ST", "STP"), ("TJ", "TJK"), ("TZ", "TZA"), ("TH", "THA"), ("TL", "TLS"),
    ("TG", "TGO"), ("TO", "TON"), ("TT", "TTO"), ("TN", "TUN"), ("TR", "TUR"), ("TM", "TKM"),
    ("TV", "TUV"), ("UG", "UGA"), ("UA", "UKR"), ("AE", "ARE"), ("GB", "GBR"), ("US", "USA"),
    ("UY", "URY"), ("UZ", "UZB"), ("VU", "VUT"), ("VE", "VEN"), ("VN", "VNM"), ("YD", "YMD"),
    ("YE", "YEM"), ("ZM", "ZMB"), ("ZW", "ZWE"),
];
