//! Renders the five charts from the bundled record into a folder:
//! cargo run --release -p plenary-analysis --example analysis_charts -- OUT_DIR [en|uk|ru]

use plenary_analysis::agree::{agreement_table, pair_over_time, partners};
use plenary_analysis::blocs::{BlocOptions, blocs};
use plenary_analysis::chart::{self, Labels};
use plenary_analysis::idealpoints::{IdealPointOptions, fit};
use plenary_analysis::load::{default_idealpoints_dir, default_unvotes_dir, load_bridges, load_unvotes};
use plenary_analysis::{By, Continuity, Filter, Measure, VoteMatrix};
use plenary_rules::StateCode;
use plenary_rules::states::Registry;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let out = std::path::PathBuf::from(args.get(1).map(String::as_str).unwrap_or("/tmp/plenary-charts"));
    let lang = plenary_i18n::Lang::parse(args.get(2).map(String::as_str).unwrap_or("en")).ok_or("language: en, uk or ru")?;
    let labels = Labels::new(move |key, args| plenary_i18n::t_strs(lang, key, args));
    std::fs::create_dir_all(&out)?;
    let c = |s: &str| StateCode::parse(s).expect("code");
    let reg = Registry::bundled();
    let name = |s: StateCode| reg.name(s).to_string();
    let calls = load_unvotes(&default_unvotes_dir())?;

    let to2019 = Filter { years: Some((1946, 2019)), ..Filter::default() };
    let by_year = VoteMatrix::build(&calls, &to2019, By::Year, &Continuity::seats());
    let series: Vec<(String, _)> = [("USA", "RUS"), ("USA", "GBR"), ("USA", "IND")]
        .iter()
        .map(|(a, b)| Ok((format!("{} – {}", name(c(a)), name(c(b))), pair_over_time(&by_year, c(a), c(b), Measure::Identical)?)))
        .collect::<Result<_, plenary_analysis::AnalysisError>>()?;
    std::fs::write(out.join("agree.svg"), chart::agree_chart(&series, &name(c("USA")), "RUS, GBR, IND", Measure::Identical, false, &labels))?;

    let f2010 = Filter { years: Some((2010, 2019)), ..Filter::default() };
    let decade = VoteMatrix::build(&calls, &f2010, By::Whole, &Continuity::seats());
    let p = partners(&decade, c("UKR"), Measure::Identical, 10, 50)?;
    std::fs::write(out.join("partners.svg"), chart::partners_chart(&p, &name, Measure::Identical, &labels))?;

    let f2019 = Filter { years: Some((2019, 2019)), ..Filter::default() };
    let y2019 = VoteMatrix::build(&calls, &f2019, By::Whole, &Continuity::seats());
    let b = blocs(&y2019, &BlocOptions { k: 4, ..BlocOptions::default() });
    std::fs::write(out.join("blocs.svg"), chart::blocs_chart(&b[0], "2019", &name, &labels))?;
    // Heat map ordered by bloc, then by the map's first axis.
    let mut t = agreement_table(&y2019, &y2019.periods()[0], Measure::Identical, 0.5);
    let mut order: Vec<usize> = (0..t.states.len()).collect();
    let key = |i: usize| b[0].members.iter().find(|m| m.state == t.states[i]).map(|m| (m.bloc, m.x)).unwrap_or((0, 0.0));
    order.sort_by(|&i, &j| key(i).0.cmp(&key(j).0).then(key(i).1.total_cmp(&key(j).1)));
    t = plenary_analysis::agree::AgreementTable {
        period: t.period,
        states: order.iter().map(|&i| t.states[i]).collect(),
        values: order.iter().map(|&i| order.iter().map(|&j| t.values[i][j]).collect()).collect(),
        votes: order.iter().map(|&i| order.iter().map(|&j| t.votes[i][j]).collect()).collect(),
    };
    std::fs::write(out.join("matrix.svg"), chart::matrix_chart(&t, "2019", Measure::Identical, &labels))?;

    let dir = default_idealpoints_dir();
    let opts = IdealPointOptions { years: Some((1946, 2019)), bridges: load_bridges(&dir.join("identical_resolutions_matches.csv"))?, ..IdealPointOptions::default() };
    let f = fit(&calls, &opts)?;
    let states = [c("USA"), c("RUS"), c("CHN"), c("IND"), c("FRA")];
    std::fs::write(out.join("idealpoints.svg"), chart::idealpoints_chart(&f.points, &states, &name, &labels))?;
    println!("wrote 5 charts to {}", out.display());
    Ok(())
}
