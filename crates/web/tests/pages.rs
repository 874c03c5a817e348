//! The pages rendered from real records, in the three languages: what they list, what the map
//! colours, their size, their markup, and that nothing on a Ukrainian or Russian page is left
//! in English.

use std::collections::BTreeMap;
use std::path::PathBuf;

use plenary_i18n::Lang;
use plenary_i18n::coverage::{self, CoveredBody, CoveredOutcome};
use plenary_record::sources::{self, Adoption, SourceDecision, dgacm};
use plenary_rules::states::Registry;
use plenary_rules::{StateCode, Vote};
use plenary_web::*;

/// The page budget of issue 6 §4: HTML, CSS, JavaScript and map together.
const PAGE_BUDGET: usize = 200 * 1024;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn code(s: &str) -> StateCode {
    StateCode::parse(s).unwrap()
}

fn es11() -> Vec<SourceDecision> {
    let path = repo().join("data/record/dgacm/ES-11.json.gz");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    dgacm::parse("ES-11.json.gz", &bytes, Registry::bundled()).unwrap().decisions
}

fn es11_batch() -> sources::Batch {
    let bytes = std::fs::read(repo().join("data/record/dgacm/ES-11.json.gz")).unwrap();
    dgacm::parse("ES-11.json.gz", &bytes, Registry::bundled()).unwrap()
}

/// A decision page's view model from a DGACM record, as the server's handler builds it: the
/// states listed get their vote, every other Member on the date is non-voting (the source does
/// not say which were absent), as the importer counts them.
fn decision_view(symbol: &str) -> DecisionView {
    let batch = es11_batch();
    let d = batch.decisions.iter().find(|d| d.symbol.as_deref() == Some(symbol)).unwrap_or_else(|| panic!("{symbol} in ES-11"));
    let reg = Registry::bundled();
    let mut votes: BTreeMap<StateCode, Light> = reg.ga_members(d.date).into_iter().map(|c| (c, Light::NonVoting)).collect();
    for v in &d.votes {
        votes.insert(v.state, Light::from(v.vote));
    }
    let yes = d.votes.iter().filter(|v| v.vote == Vote::Yes).count();
    let no = d.votes.iter().filter(|v| v.vote == Vote::No).count();
    let outcome = if 3 * yes >= 2 * (yes + no) { CoveredOutcome::Adopted } else { CoveredOutcome::Rejected };
    DecisionView {
        path: format!("/decisions/{symbol}"),
        body: CoveredBody::GeneralAssembly,
        symbol: symbol.to_string(),
        resolution: symbol.strip_prefix("A/RES/").map(str::to_string),
        draft: d.draft.clone(),
        meeting: d.meeting.clone(),
        title: d.title.clone(),
        date: d.date,
        published: PublishedCounts {
            yes: d.published.yes,
            no: d.published.no,
            abstain: d.published.abstain,
            non_voting: d.published.non_voting,
        },
        votes,
        // Emergency special session resolutions under "Uniting for Peace" (A/RES/377 (V)) are
        // recommendations on peace and security: an important question, Art. 18(2).
        rule: if d.adoption == Adoption::WithoutVote { Rule::WithoutVote } else { Rule::TwoThirdsPresentAndVoting },
        outcome,
        findings: batch
            .findings
            .iter()
            .filter(|f| f.source_key.as_deref() == Some(d.source_key.as_str()))
            .map(|f| FindingView { kind: f.kind.clone(), message: f.message.clone() })
            .collect(),
        provenance: Some(ProvenanceView {
            format: d.provenance.source.clone(),
            file: d.provenance.file.clone(),
            line: d.provenance.line,
            version: d.provenance.version.clone(),
        }),
        amendments: vec![],
        document_href: None,
        amendment_links: vec![],
    }
}

/// The question as the chair puts it: the draft's first symbol (the record joins it and its
/// addendum with an English "and").
fn question(d: &DecisionView) -> String {
    d.draft.as_deref().unwrap().split(" and ").next().unwrap().to_string()
}

fn board_view(open: bool) -> BoardView {
    // The vote on A/RES/ES-11/1 replayed on the board: the 193 Members, their recorded votes.
    let d = decision_view("A/RES/ES-11/1");
    let result = (!open).then(|| BoardResult {
        outcome: d.outcome.clone(),
        announcement: coverage::sentence(Lang::En, &d.covered()),
    });
    BoardView {
        path: "/meetings/es-11-5/board".into(),
        meeting_id: "es-11-5".into(),
        body: CoveredBody::GeneralAssembly,
        question: question(&d),
        question_id: Some(1),
        lights: if open {
            d.votes.keys().take(40).map(|c| (*c, d.votes[c])).chain(d.votes.keys().skip(40).map(|c| (*c, Light::Absent))).collect()
        } else {
            d.votes.clone()
        },
        open,
        result,
    }
}

fn board_view_lang(open: bool, lang: Lang) -> BoardView {
    let mut b = board_view(open);
    if let Some(r) = &mut b.result {
        r.announcement = coverage::sentence(lang, &decision_view("A/RES/ES-11/1").covered());
    }
    b
}

fn delegation_view(signed_in: bool) -> DelegationView {
    let d = decision_view("A/RES/ES-11/1");
    DelegationView {
        path: "/meetings/es-11-5/delegation".into(),
        meeting_id: "es-11-5".into(),
        state: signed_in.then(|| code("UKR")),
        csrf: "c5f1d0a9e2".into(),
        question: question(&d),
        text: d.title.clone(),
        open: true,
        recorded: signed_in.then_some(Light::Yes),
    }
}

fn chair_view() -> ChairView {
    let d = decision_view("A/RES/ES-11/1");
    ChairView {
        path: "/meetings/es-11-5/chair".into(),
        meeting_id: "es-11-5".into(),
        csrf: "c5f1d0a9e2".into(),
        question: question(&d),
        attendance: d.votes.iter().map(|(c, l)| (*c, *l != Light::NonVoting)).collect(),
        order: vec![OrderStep { item: question(&d), reason: StepReason::ProposalInOrder }],
        open: false,
        result: None,
        veto_debates: Vec::new(),
        show_of_hands: false,
        permanent: Vec::new(),
    }
}

/// The Security Council's chair with a question open by show of hands (GA rule 87; the
/// Council votes so too): the console asks for the counts and which permanent members voted
/// against.
fn chair_hands_view() -> ChairView {
    let p5: Vec<StateCode> = ["CHN", "FRA", "GBR", "RUS", "USA"].iter().map(|c| StateCode::parse(c).unwrap()).collect();
    ChairView {
        path: "/meetings/7/chair".into(),
        meeting_id: "7".into(),
        csrf: "c5f1d0a9e2".into(),
        question: "S/2025/L.1".into(),
        attendance: p5.iter().map(|c| (*c, true)).collect(),
        order: Vec::new(),
        open: true,
        result: None,
        veto_debates: Vec::new(),
        show_of_hands: true,
        permanent: p5,
    }
}

fn home_view() -> HomeView {
    let decisions = es11();
    let mut recent: Vec<&SourceDecision> = decisions.iter().filter(|d| d.symbol.is_some()).collect();
    recent.sort_by_key(|d| std::cmp::Reverse(d.date));
    HomeView {
        path: "/".into(),
        recent: recent
            .iter()
            .take(10)
            .map(|d| DecisionLink {
                href: format!("/decisions/{}", d.symbol.clone().unwrap()),
                symbol: d.symbol.clone().unwrap(),
                title: d.title.clone(),
                date: d.date,
                outcome: CoveredOutcome::Adopted, // every DGACM record is an adopted resolution
            })
            .collect(),
        meetings: vec![MeetingLink { href: "/meetings/es-11-5/board".into(), body: CoveredBody::GeneralAssembly, name: "A/ES-11/PV.5".into() }],
        query: String::new(),
    }
}

fn country_view() -> CountryView {
    let decisions = es11();
    let ukr = code("UKR");
    CountryView {
        path: "/states/UKR".into(),
        state: ukr,
        rows: decisions
            .iter()
            .filter_map(|d| {
                let v = d.votes.iter().find(|v| v.state == ukr)?;
                Some(CountryVoteRow {
                    href: format!("/decisions/{}", d.symbol.clone()?),
                    symbol: d.symbol.clone()?,
                    date: d.date,
                    title: d.title.clone(),
                    light: Light::from(v.vote),
                })
            })
            .collect(),
        charts: vec![],
        // The page before the background fit: its message must be translated like the rest.
        idealpoints: CountryIdealPoints::Computing,
    }
}

fn tally(d: &serde_json::Value, field: &str) -> Option<u32> {
    d[field].as_u64().or_else(|| d["votes"][field].as_array().map(|a| a.len() as u64)).map(|n| n as u32)
}

/// The vetoes page as the server builds it, from the verified fixtures (data/fixtures): every
/// Security Council draft they record as vetoed, with its real tally and vetoing states.
fn vetoes_view(state: Option<&str>) -> VetoesView {
    let text = std::fs::read_to_string(repo().join("data/fixtures/real_votes_public.json")).unwrap();
    let all: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let reg = Registry::bundled();
    let mut rows = Vec::new();
    for d in all.iter().filter(|d| d["body"] == "SC" && d["outcome"] == "vetoed") {
        let date = plenary_rules::Date::parse_from_str(d["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let vetoed_by: Vec<StateCode> = d["vetoed_by"].as_array().unwrap().iter().map(|n| reg.resolve(n.as_str().unwrap(), date).unwrap()).collect();
        if state.is_some_and(|s| !vetoed_by.contains(&code(s))) {
            continue;
        }
        // An amendment has no symbol of its own: its page is by the record's id.
        let symbol = d["draft"].as_str().map(str::to_string);
        rows.push(VetoRow {
            href: symbol.as_ref().map(|s| format!("/decision/{s}")).unwrap_or_else(|| "/decisions/id/1".into()),
            meeting: d["meeting"].as_str().map(|m| (format!("/meeting/{m}"), m.to_string())),
            symbol,
            date,
            vetoed_by,
            // Published where the fixture has them, else counted from its lists (as
            // `Store::decision` gives them).
            yes: tally(d, "yes").unwrap(),
            no: tally(d, "no"),
            abstain: tally(d, "abstain"),
            title: d["title"].as_str().map(str::to_string),
        });
    }
    VetoesView {
        path: "/vetoes".into(),
        state: state.map(code),
        from: "2022".into(),
        to: String::new(),
        permanent: ["CHN", "FRA", "GBR", "RUS", "USA"].into_iter().map(code).collect(),
        rows,
    }
}

/// A meeting's page: the coverage of the eleventh emergency special session's vote of
/// 2 March 2022 (A/RES/ES-11/1, DGACM's record), as `document::load_coverage` gives it.
fn meeting_view(lang: Lang) -> MeetingRecordView {
    let d = decision_view("A/RES/ES-11/1");
    let meeting = d.meeting.clone().expect("ES-11/1 has its meeting in DGACM's record");
    let cov = plenary_web::document::Coverage {
        body: d.body,
        date: d.date,
        meeting: Some(meeting.clone()),
        items: vec![plenary_web::document::CoverageItem { decision: (d.covered(), coverage::Known::ALL), amendments: vec![] }],
    };
    MeetingRecordView {
        path: format!("/meeting/{meeting}"),
        symbol: meeting,
        heading: cov.heading(lang),
        paragraphs: cov.paragraphs(lang),
        decisions: vec![MeetingDecision { href: "/decision/A/RES/ES-11/1".into(), label: d.symbol.clone(), described: false, outcome: Some(d.outcome.clone()) }],
    }
}

/// Every page of the crate, in one language.
fn all_pages(lang: Lang) -> Vec<(&'static str, String)> {
    vec![
        ("decision", render_decision(lang, &decision_view("A/RES/ES-11/1")).unwrap()),
        ("board-open", render_board(lang, &board_view(true)).unwrap()),
        ("board-closed", render_board(lang, &board_view_lang(false, lang)).unwrap()),
        ("delegation-signin", render_delegation(lang, &delegation_view(false)).unwrap()),
        ("delegation", render_delegation(lang, &delegation_view(true)).unwrap()),
        ("chair", render_chair(lang, &chair_view()).unwrap()),
        ("chair-show-of-hands", render_chair(lang, &chair_hands_view()).unwrap()),
        ("home", render_home(lang, &home_view()).unwrap()),
        ("country", render_country(lang, &country_view()).unwrap()),
        ("vetoes", render_vetoes(lang, &vetoes_view(None)).unwrap()),
        ("vetoes-rus", render_vetoes(lang, &vetoes_view(Some("RUS"))).unwrap()),
        ("meeting", render_meeting_record(lang, &meeting_view(lang)).unwrap()),
    ]
}

mod common;
use common::{english_words, read_html};

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// The `<li>` items of the list of states with class `class`.
fn listed(html: &str, class: &str) -> Vec<String> {
    let start = html.find(&format!("<ul class=\"states {class}\">")).expect("the list of states");
    let end = start + html[start..].find("</ul>").unwrap();
    html[start..end].split("<li>").skip(1).map(|s| s.trim_end_matches("</li>").to_string()).collect()
}

// --- the tests ---------------------------------------------------------------------------------

#[test]
fn es_11_1_decision_page_lists_the_141_states_in_favour_and_its_map_colours_them() {
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        let html = render_decision(lang, &decision_view("A/RES/ES-11/1")).unwrap();
        assert_eq!(listed(&html, "y").len(), 141, "{lang}: in favour");
        assert_eq!(listed(&html, "n").len(), 5, "{lang}: against");
        assert_eq!(listed(&html, "a").len(), 35, "{lang}: abstaining");
        let yes_paths = html.matches("<path data-iso3=").filter(|_| true).count();
        assert!(yes_paths >= 193, "{lang}: every Member has a path ({yes_paths})");
        let fill = |class: &str| {
            html.split("<path data-iso3=\"").skip(1).filter(|p| p[3..].starts_with(&format!("\" class=\"{class}"))).count()
        };
        assert_eq!(fill("y"), 141, "{lang}: map paths with the yes fill");
        assert_eq!(fill("n"), 5, "{lang}: map paths with the no fill");
        assert_eq!(fill("a"), 35, "{lang}: map paths with the abstain fill");
    }
    let en = render_decision(Lang::En, &decision_view("A/RES/ES-11/1")).unwrap();
    assert!(listed(&en, "y").contains(&"Ukraine".to_string()));
    assert!(listed(&en, "n").contains(&"Russian Federation".to_string()));
    assert!(en.contains("<path data-iso3=\"UKR\" class=\"y\""));
    assert!(en.contains("<path data-iso3=\"RUS\" class=\"n\""));
    assert!(en.contains("<path data-iso3=\"CHN\" class=\"a\""));
    let uk = render_decision(Lang::Uk, &decision_view("A/RES/ES-11/1")).unwrap();
    assert!(listed(&uk, "y").contains(&"Україна".to_string()), "state names in Ukrainian");
}

#[test]
fn decision_page_says_why_with_the_charter_article_and_the_uns_sentence() {
    let html = render_decision(Lang::En, &decision_view("A/RES/ES-11/1")).unwrap();
    assert!(html.contains("adopted resolution ES-11/1 by a recorded vote of 141 in favour to 5 against"), "the UN's sentence");
    // 141 + 5 = 146 present and voting; two thirds is 97.33, so 98 are needed.
    assert!(html.contains("141 in favour is at least two thirds of the 146 present and voting (needed 98; Charter, Article 18(2))"));
    assert!(html.contains("A/ES-11/PV.5"), "the meeting");
    assert!(html.contains("<code>dgacm</code>"), "the source");
}

#[test]
fn a_resolution_without_a_vote_says_no_count_was_taken() {
    let mut v = decision_view("A/RES/ES-11/1");
    v.rule = Rule::WithoutVote;
    assert!(render_decision(Lang::En, &v).unwrap().contains("Adopted without a vote: no count was taken."));
}

#[test]
fn every_page_fits_the_200_kb_budget_in_every_language() {
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        for (name, html) in all_pages(lang) {
            assert!(html.len() < PAGE_BUDGET, "{name} in {lang}: {} bytes", html.len());
        }
    }
}

#[test]
fn every_page_closes_every_tag_it_opens() {
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        for (name, html) in all_pages(lang) {
            if let Err(e) = read_html(&html) {
                panic!("{name} in {lang}: {e}");
            }
        }
    }
}

#[test]
fn no_english_is_left_on_ukrainian_and_russian_pages() {
    for lang in [Lang::Uk, Lang::Ru] {
        for (name, html) in all_pages(lang) {
            let texts = read_html(&html).unwrap();
            let left: Vec<String> = texts
                .iter()
                .filter(|t| !t.exempt)
                .filter(|t| !english_words(&t.text).is_empty())
                .map(|t| t.text.clone())
                .collect();
            assert!(left.is_empty(), "{name} in {lang}: English left: {left:?}");
        }
    }
}

#[test]
fn the_english_check_would_catch_an_untranslated_label() {
    // The check above is only worth something if it fails on English.
    let html = "<html lang=\"uk\"><body><p>За</p><p>In favour</p><span lang=\"en\">Situation in Ukraine</span></body></html>";
    let texts = read_html(html).unwrap();
    let flagged: Vec<&str> = texts.iter().filter(|t| !t.exempt && !english_words(&t.text).is_empty()).map(|t| t.text.as_str()).collect();
    assert_eq!(flagged, ["In favour"]);
    assert!(read_html("<div><p>unclosed</div>").is_err());
}

#[test]
fn the_language_switcher_links_ua_en_ru_and_marks_the_current_one() {
    let html = render_home(Lang::Ru, &home_view()).unwrap();
    let i_ua = html.find(">UA</a>").unwrap();
    let i_en = html.find(">EN</a>").unwrap();
    let i_ru = html.find(">RU</a>").unwrap();
    assert!(i_ua < i_en && i_en < i_ru);
    assert!(html.contains("href=\"/?lang=uk\" hreflang=\"uk\" lang=\"uk\">UA</a>"));
    assert!(html.contains("href=\"/?lang=ru\" hreflang=\"ru\" lang=\"ru\" aria-current=\"true\">RU</a>"));
    assert!(html.contains("<html lang=\"ru\">"));
    for landmark in ["<header", "<nav aria-label=", "<main id=\"main\"", "<footer", "class=\"skip\" href=\"#main\""] {
        assert!(html.contains(landmark), "{landmark}");
    }
}

#[test]
fn the_board_shows_every_member_with_a_light_and_text_and_the_banner_at_the_close() {
    let open = render_board(Lang::En, &board_view(true)).unwrap();
    assert_eq!(count(&open, "<li class=\"light "), 193);
    assert!(open.contains("class=\"result hidden\""), "no banner while open");
    assert!(open.contains("new EventSource(\"/api/meetings/\""));
    assert!(open.contains("data-l-Y=\"Yes\"") && open.contains("data-s-N=\"✗\""));
    let closed = render_board(Lang::En, &board_view(false)).unwrap();
    assert_eq!(count(&closed, "<li class=\"light y\""), 141);
    assert!(closed.contains("<strong id=\"count-y\">141</strong>"));
    assert!(closed.contains("<strong id=\"count-n\">5</strong>"));
    assert!(closed.contains("<strong id=\"count-a\">35</strong>"));
    assert!(closed.contains("class=\"result adopted\""));
    assert!(closed.contains("The General Assembly adopted resolution ES-11/1"));
    // Colour is never the only cue: each light carries a symbol and the vote in words.
    assert!(closed.contains("data-iso3=\"UKR\"><span class=\"sym\" aria-hidden=\"true\">✓</span><span class=\"nm\">Ukraine</span> <span class=\"vt\">Yes</span>"));
}

#[test]
fn the_delegation_console_votes_through_a_real_form_with_a_csrf_field() {
    let signin = render_delegation(Lang::En, &delegation_view(false)).unwrap();
    assert!(signin.contains("<form method=\"post\" action=\"/login\""));
    assert!(signin.contains("type=\"password\""));
    assert!(signin.contains("<label for=\"user\">"));
    let html = render_delegation(Lang::Uk, &delegation_view(true)).unwrap();
    assert!(html.contains("<input type=\"hidden\" name=\"csrf\" value=\"c5f1d0a9e2\">"));
    for v in ["Y", "N", "A"] {
        assert!(html.contains(&format!("name=\"vote\" value=\"{v}\"")));
    }
    assert!(html.contains("value=\"Y\" class=\"vote-btn y\" aria-pressed=\"true\""));
    assert!(html.contains("Ваш голос у записі: За"));
    assert!(html.contains("Делегація: Україна"));
}

#[test]
fn the_chair_console_shows_attendance_the_order_and_its_reason() {
    let html = render_chair(Lang::En, &chair_view()).unwrap();
    assert_eq!(count(&html, "name=\"present\""), 193);
    assert!(html.contains("(GA rule 91; SC rule 32)"));
    assert!(html.contains("action=\"/meetings/es-11-5/open\""));
    assert!(html.contains("Present: 181"), "181 states listed by DGACM");
}

#[test]
fn the_chair_enters_the_counts_of_a_show_of_hands_and_chooses_how_a_question_is_put() {
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        let html = render_chair(lang, &chair_hands_view()).unwrap();
        assert!(html.contains("action=\"/meetings/7/tally\""), "{html}");
        assert!(!html.contains("action=\"/meetings/7/close\""), "a show of hands is not closed like a recorded vote");
        assert!(html.contains("name=\"csrf\" value=\"c5f1d0a9e2\""));
        for count in ["yes", "no", "abstain"] {
            assert!(html.contains(&format!("name=\"{count}\" type=\"number\" min=\"0\"")), "{lang}: {count}");
            // Each count labelled (for a screen reader too).
            assert!(html.contains(&format!("<label for=\"tally-{count}\">")), "{lang}: {count}'s label");
        }
        assert_eq!(count(&html, "name=\"vetoed_by\""), 5, "{lang}: one checkbox per permanent member");
        assert!(html.contains(&plenary_i18n::t(lang, "web-hands-submit")));
    }
    // The General Assembly has no veto: no checkbox.
    let mut ga = chair_hands_view();
    ga.permanent.clear();
    assert_eq!(count(&render_chair(Lang::En, &ga).unwrap(), "name=\"vetoed_by\""), 0);
    // Before the vote: the chair chooses a recorded vote (the default) or a show of hands.
    let html = render_chair(Lang::Uk, &chair_view()).unwrap();
    assert!(html.contains("name=\"method\" value=\"recorded\" checked"), "{html}");
    assert!(html.contains("name=\"method\" value=\"show_of_hands\""));
    assert!(html.contains("Голосування підняттям рук (правило 87)"));
}

#[test]
fn user_text_is_escaped() {
    let mut v = delegation_view(true);
    v.question = "<script>alert(1)</script>".into();
    let html = render_delegation(Lang::En, &v).unwrap();
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"));
}

#[test]
fn names_sort_in_the_order_of_each_alphabet() {
    let mut uk: Vec<String> = ["Японія", "Єгипет", "Естонія", "Іран", "Зімбабве", "Ґана"].map(String::from).to_vec();
    sort_names(Lang::Uk, &mut uk);
    assert_eq!(uk, ["Ґана", "Естонія", "Єгипет", "Зімбабве", "Іран", "Японія"]);
    let mut ru: Vec<String> = ["Эстония", "Ёлки", "Египет", "Ямайка", "Жёлтый"].map(String::from).to_vec();
    sort_names(Lang::Ru, &mut ru);
    assert_eq!(ru, ["Египет", "Ёлки", "Жёлтый", "Эстония", "Ямайка"]);
    let mut en: Vec<String> = ["Cuba", "Côte d'Ivoire", "Croatia", "Colombia"].map(String::from).to_vec();
    sort_names(Lang::En, &mut en);
    assert_eq!(en, ["Colombia", "Côte d'Ivoire", "Croatia", "Cuba"]);
}

/// Writes every page in every language under target/screenshots-web/ for a look in a browser.
#[test]
fn write_pages_for_screenshots() {
    let dir = repo().join("target/screenshots-web");
    std::fs::create_dir_all(&dir).unwrap();
    for lang in [Lang::En, Lang::Uk, Lang::Ru] {
        for (name, html) in all_pages(lang) {
            std::fs::write(dir.join(format!("{name}-{lang}.html")), html).unwrap();
        }
    }
}

#[test]
fn the_vetoes_page_lists_who_vetoed_what_with_the_tally_and_says_where_the_vetoes_come_from() {
    let en = render_vetoes(Lang::En, &vetoes_view(Some("RUS"))).unwrap();
    assert!(en.contains("<a href=\"/decision/S/2022/155\" translate=\"no\">S/2022/155</a>"), "the draft linked to its page");
    assert!(en.contains("11 in favour, 1 against, 3 abstaining"), "the tally of S/2022/155");
    assert!(en.contains("<option value=\"RUS\" selected>Russian Federation</option>"), "the form keeps the state chosen");
    assert!(en.contains("value=\"2022\""), "the form keeps the year typed");
    assert!(en.contains("the Security Council archive lists adopted resolutions only"), "where the vetoes come from");
    assert!(en.contains("China, Russian Federation"), "both vetoing states of S/2022/431, sorted");
    // The European amendment of 24 February 2025: 9 in favour, the rest not reported.
    assert!(en.contains("9 in favour; the record does not give the votes against and the abstentions"));
    assert!(!en.contains("9 in favour, 0 against"), "no count the record lacks shown as 0");
    let uk = render_vetoes(Lang::Uk, &vetoes_view(Some("RUS"))).unwrap();
    assert!(uk.contains("Китай, Росія"), "state names in Ukrainian");
    assert!(uk.contains("11 «за», 1 «проти», 3 утрималися"));
    let ru = render_vetoes(Lang::Ru, &vetoes_view(Some("RUS"))).unwrap();
    assert!(ru.contains("Китай, Россия"), "state names in Russian");
    // The language switcher keeps the filters.
    assert!(en.contains("href=\"/vetoes?state=RUS&#38;from=2022&#38;lang=uk\""), "{}", &en[..en.find("</header>").unwrap()]);
    // Every row of the filtered page names the Russian Federation among who vetoed.
    let rows = vetoes_view(Some("RUS")).rows;
    assert!(rows.len() >= 2 && rows.iter().all(|r| r.vetoed_by.contains(&code("RUS"))));
}

#[test]
fn the_meeting_page_shows_the_meetings_coverage_in_each_language() {
    let en = render_meeting_record(Lang::En, &meeting_view(Lang::En)).unwrap();
    assert!(en.contains("adopted resolution ES-11/1 by a recorded vote of 141 in favour to 5 against"), "the UN's sentence");
    assert!(en.contains("<a href=\"/decision/A/RES/ES-11/1\" translate=\"no\">A/RES/ES-11/1</a>"));
    let uk = render_meeting_record(Lang::Uk, &meeting_view(Lang::Uk)).unwrap();
    assert!(uk.contains("Огляд засідання") && uk.contains("141"));
    let ru = render_meeting_record(Lang::Ru, &meeting_view(Lang::Ru)).unwrap();
    assert!(ru.contains("Обзор заседания") && ru.contains("141"));
}
