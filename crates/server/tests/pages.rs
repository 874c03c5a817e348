//! The web pages as `plenary serve` serves them (issue 6): the record's pages from a real
//! import, the language switcher and its cookie, and the browser sessions' refusals (no
//! cookie, a wrong CSRF token, a delegation voting for another state), on SQLite and
//! PostgreSQL.

mod common;
mod pages_fixture;

use std::collections::BTreeMap;

use common::{Harness, TestDb};
use pages_fixture::{LiveHall, Login, import_es11, import_fixtures, live_council, live_hall};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, COOKIE, LOCATION, SET_COOKIE};

/// A browser without a browser: keeps the cookies it is sent, follows no redirect by itself.
struct Browser {
    base: String,
    client: reqwest::Client,
    cookies: BTreeMap<String, String>,
    /// Every Set-Cookie line seen, verbatim, for checking their attributes.
    set_cookie_lines: Vec<String>,
}

struct Got {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

impl Browser {
    fn new(h: &Harness) -> Browser {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Browser { base: h.base.clone(), client, cookies: BTreeMap::new(), set_cookie_lines: Vec::new() }
    }
    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }
    async fn send(&mut self, req: reqwest::RequestBuilder) -> Got {
        let req = if self.cookies.is_empty() { req } else { req.header(COOKIE, self.cookie_header()) };
        let resp = req.send().await.unwrap();
        for v in resp.headers().get_all(SET_COOKIE) {
            let line = v.to_str().unwrap().to_string();
            let (pair, _) = line.split_once(';').unwrap_or((&line, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if val.is_empty() {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), val.to_string());
            }
            self.set_cookie_lines.push(line);
        }
        let status = resp.status();
        let location = resp.headers().get(LOCATION).map(|l| l.to_str().unwrap().to_string());
        Got { status, location, body: resp.text().await.unwrap() }
    }
    async fn get(&mut self, path: &str) -> Got {
        let req = self.client.get(format!("{}{path}", self.base));
        self.send(req).await
    }
    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Got {
        let body: String = form.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
        let req = self.client.post(format!("{}{path}", self.base)).header("content-type", "application/x-www-form-urlencoded").body(body);
        self.send(req).await
    }
    /// Opens a console, signs in with its form, and returns the console page.
    async fn sign_in(&mut self, console: &str, who: &Login) -> Got {
        let form = self.get(console).await;
        assert_eq!(form.status, 200, "{}", form.body);
        let csrf = hidden(&form.body, "csrf").expect("the sign-in form has a CSRF field");
        let r = self.post("/login", &[("csrf", &csrf), ("next", console), ("user", &who.username), ("password", &who.password)]).await;
        assert_eq!(r.status, 303, "sign-in: {}", r.body);
        assert_eq!(r.location.as_deref(), Some(console));
        self.get(console).await
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The value of the first hidden input named `name`.
fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at + name.len() + 15..];
    Some(rest[..rest.find('"')?].to_string())
}

async fn recorded_votes(h: &Harness, hall: &LiveHall) -> serde_json::Value {
    let m = h.get(&format!("/api/meetings/{}", hall.meeting_id)).await;
    m.ok()["question"]["votes"].clone()
}

async fn chair_opens_the_vote(h: &Harness, hall: &LiveHall) {
    let mut chair = Browser::new(h);
    let console = format!("/meetings/{}/chair", hall.meeting_id);
    let page = chair.sign_in(&console, &hall.chair).await;
    let csrf = hidden(&page.body, "csrf").unwrap();
    let item = hidden(&page.body, "item").expect("the order of voting proposes the draft");
    assert_eq!(item, "A/ES-11/L.99");
    let r = chair.post(&format!("/meetings/{}/open", hall.meeting_id), &[("csrf", &csrf), ("item", &item)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
}

on_both_databases!(
    the_decision_page_of_es_11_1_lists_141_states_in_favour,
    the_home_page_lists_recent_decisions_and_the_meetings_in_progress,
    the_language_comes_from_the_switcher_then_the_cookie_then_accept_language,
    a_delegation_signs_in_votes_and_changes_its_vote_in_the_browser,
    a_form_without_a_session_cookie_is_refused,
    a_form_with_a_wrong_csrf_token_is_refused,
    a_sign_in_without_its_csrf_cookie_is_refused,
    a_delegation_cannot_vote_for_another_state_from_the_browser,
    the_chair_closes_and_the_board_shows_the_outcome_in_each_language,
    the_decision_page_of_s_res_2774_links_its_document_and_its_amendments_by_id,
    the_document_page_of_es_11_1_shows_its_text_and_sponsors_in_each_language,
    the_analysis_page_keeps_its_form_across_languages_and_refuses_a_bad_year,
    the_country_page_charts_agreement_with_the_permanent_members_or_the_chosen_partners,
    two_cookie_sessions_behind_one_address_are_rate_limited_separately,
    the_chair_puts_a_question_by_show_of_hands_and_enters_its_counts_in_the_browser,
    the_council_chair_declares_a_veto_with_the_counts_of_a_show_of_hands,
);

/// The `href`s of a page that start with `prefix`, in order.
fn hrefs(html: &str, prefix: &str) -> Vec<String> {
    let pat = format!("href=\"{prefix}");
    html.match_indices(&pat).map(|(i, _)| {
        let rest = &html[i + 6..];
        rest[..rest.find('"').unwrap()].replace("&amp;", "&").replace("&#38;", "&")
    }).collect()
}

async fn the_decision_page_of_s_res_2774_links_its_document_and_its_amendments_by_id(db: TestDb) {
    let h = db.start().await;
    import_fixtures(&db).await;
    let mut b = Browser::new(&h);
    let page = b.get("/decision/S/RES/2774%20(2025)?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let docs = hrefs(&page.body, "/document/");
    assert_eq!(docs.len(), 1, "one link to the document page: {docs:?}");
    // The two European amendments have no symbol: linked by decision id.
    let amendments = hrefs(&page.body, "/decisions/id/");
    assert_eq!(amendments.len(), 2, "{}", page.body);
    assert!(page.body.contains("Amendments voted on this draft"));
    for a in &amendments {
        let p = b.get(&format!("{a}?lang=en")).await;
        assert_eq!(p.status, 200, "{a}: {}", p.body);
        assert!(p.body.contains("Security Council"), "{a}");
        assert_eq!(hrefs(&p.body, "/document/"), docs, "an amendment's page links to the draft it amends");
    }
    let doc = b.get(&format!("{}?lang=en", docs[0])).await;
    assert_eq!(doc.status, 200, "{}", doc.body);
    assert!(doc.body.contains("[−]") && doc.body.contains("[+]"), "tracked changes of the amendments");
    for a in &amendments {
        assert!(doc.body.contains(&format!("href=\"{a}\"")), "the document page links to {a}");
    }
    // An id the record does not hold, or not a number: not found.
    assert_eq!(b.get("/decisions/id/999999").await.status, 404);
    assert_eq!(b.get("/decisions/id/x1").await.status, 404);
    assert_eq!(b.get("/document/S/RES/99999").await.status, 404);
}

async fn the_document_page_of_es_11_1_shows_its_text_and_sponsors_in_each_language(db: TestDb) {
    let h = db.start().await;
    import_es11(&db).await;
    let mut b = Browser::new(&h);
    let decision = b.get("/decision/A/RES/ES-11/1?lang=en").await;
    let docs = hrefs(&decision.body, "/document/");
    assert_eq!(docs, ["/document/A/RES/ES-11/1"], "the resolution's page links to its document");
    for (lang, marker) in [("en", "Aggression against Ukraine"), ("uk", "<html lang=\"uk\">"), ("ru", "<html lang=\"ru\">")] {
        let p = b.get(&format!("/document/A/RES/ES-11/1?lang={lang}")).await;
        assert_eq!(p.status, 200, "{lang}: {}", p.body);
        assert!(p.body.contains(marker), "{lang}");
        assert!(p.body.len() < 200 * 1024, "{lang}: {} bytes", p.body.len());
        // The same header as every page: the switcher keeps the document's path.
        assert!(p.body.contains("href=\"/document/A/RES/ES-11/1?lang=uk\""), "{lang}");
        assert!(p.body.contains(&format!("href=\"/analysis?lang={lang}\"")), "{lang}: the nav links to the analysis page");
    }
}

async fn the_analysis_page_keeps_its_form_across_languages_and_refuses_a_bad_year(db: TestDb) {
    let h = db.start().await;
    import_es11(&db).await;
    let mut b = Browser::new(&h);
    let home = b.get("/?lang=en").await;
    assert!(home.body.contains("href=\"/analysis?lang=en\""), "the home page links to the analysis page");
    let p = b.get("/analysis?from=2022&to=2023&blocs=3&lang=en").await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(p.body.contains("<svg"), "the charts are drawn");
    assert!(p.body.len() < 200 * 1024, "{} bytes", p.body.len());
    // Switching language keeps the form's choices.
    assert!(p.body.contains("href=\"/analysis?from=2022&#38;to=2023&#38;blocs=3&#38;lang=uk\""), "{}", p.body);
    let uk = b.get("/analysis?from=2022&to=2023&blocs=3&lang=uk").await;
    assert!(uk.body.contains("<html lang=\"uk\">") && uk.body.contains("value=\"2022\""));
    // The second request is served from the cache: the same page.
    let again = b.get("/analysis?from=2022&to=2023&blocs=3&lang=en").await;
    assert_eq!(again.body, p.body);
    for (q, field, expected) in [("from=19", "from", "expected a year from 1946"), ("blocs=40", "blocs", "a number of blocs from 2 to 8"), ("states=US", "states", "alpha-3")] {
        let bad = b.get(&format!("/analysis?{q}&lang=en")).await;
        assert_eq!(bad.status, 400, "{q}: {}", bad.body);
        assert!(bad.body.contains(&format!("field “{field}”")), "{q}: {}", bad.body);
        assert!(bad.body.contains(expected), "{q}: {}", bad.body);
    }
}

async fn the_country_page_charts_agreement_with_the_permanent_members_or_the_chosen_partners(db: TestDb) {
    let h = db.start().await;
    import_es11(&db).await;
    let mut b = Browser::new(&h);
    let p = b.get("/country/UKR?lang=en").await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(p.body.len() < 200 * 1024, "{} bytes", p.body.len());
    assert!(p.body.contains("Ukraine: agreement with other states in the General Assembly"), "the agreement chart");
    assert!(p.body.contains("Closest and farthest partners of Ukraine"), "the partners chart");
    // The default partners: the five permanent members, in the legend.
    for name in ["China", "France", "United Kingdom", "Russia", "United States"] {
        assert!(p.body.contains(name), "{name} in the legend");
    }
    let chosen = b.get("/country/RUS?with=BLR,usa&lang=en").await;
    assert_eq!(chosen.status, 200, "{}", chosen.body);
    assert!(chosen.body.contains("Belarus"));
    let bad = b.get("/country/RUS?with=BLR,XX&lang=en").await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.body.contains("field “with”") && bad.body.contains("alpha-3"), "{}", bad.body);
    // The Security Council's record only: no General Assembly chart.
    let sc = b.get("/country/RUS?body=SC&lang=en").await;
    assert_eq!(sc.status, 200);
    assert!(!sc.body.contains("<svg"));
}

async fn two_cookie_sessions_behind_one_address_are_rate_limited_separately(db: TestDb) {
    let mut config = db.config();
    config.rate_per_second = Some(1);
    config.rate_burst = 3;
    let h = db.start_with(config).await;
    let client = reqwest::Client::new();
    let get = async |cookie: Option<&str>, bearer: Option<&str>| {
        let mut req = client.get(format!("{}/static/site.css", h.base));
        if let Some(c) = cookie {
            req = req.header(COOKIE, format!("plenary_lang=en; plenary_session={c}"));
        }
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        req.send().await.unwrap().status()
    };
    // One browser spends its burst of 3 ...
    for _ in 0..3 {
        assert_eq!(get(Some("plen_session_a"), None).await, 200);
    }
    assert_eq!(get(Some("plen_session_a"), None).await, 429, "the fourth request of a burst of 3 is refused");
    // ... and another browser at the same address still has its own.
    for _ in 0..3 {
        assert_eq!(get(Some("plen_session_b"), None).await, 200, "a second session is limited on its own");
    }
    // The bearer token comes first, then the cookie, then the address.
    assert_eq!(get(Some("plen_session_a"), Some("plen_token_c")).await, 200, "a bearer token has its own budget");
    for _ in 0..3 {
        assert_eq!(get(None, None).await, 200);
    }
    assert_eq!(get(None, None).await, 429, "without a token or a session: the address's budget");
}

async fn the_decision_page_of_es_11_1_lists_141_states_in_favour(db: TestDb) {
    let h = db.start().await;
    import_es11(&db).await;
    let mut b = Browser::new(&h);
    let page = b.get("/decision/A/RES/ES-11/1?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<h1>A/RES/ES-11/1</h1>"));
    assert!(page.body.contains("In favour <small>(141 states)</small>"), "the in-favour group names 141 states");
    // The map colours 141 states as yes (class "y" on their shapes).
    let yes_shapes = page.body.matches("class=\"y").count();
    assert!(yes_shapes >= 141, "{yes_shapes} yes shapes on the map and lists");
    // The loose forms of the symbol find the same decision; a symbol not in the record is a
    // 404 page in the reader's language.
    let again = b.get("/search?q=ES-11%2F1").await;
    assert_eq!(again.status, 303);
    assert_eq!(again.location.as_deref(), Some("/decision/A/RES/ES-11/1"));
    let missing = b.get("/decision/A/RES/ES-11/99?lang=uk").await;
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("У записі немає рішення з символом A/RES/ES-11/99"), "{}", missing.body);
}

async fn the_home_page_lists_recent_decisions_and_the_meetings_in_progress(db: TestDb) {
    let h = db.start().await;
    import_es11(&db).await;
    let hall = live_hall(&h, &["POL", "UKR", "USA"]).await;
    let mut b = Browser::new(&h);
    let page = b.get("/?lang=en").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("href=\"/decision/A/RES/ES-11/"), "recent decisions link to their pages");
    assert!(page.body.contains(&format!("href=\"/meetings/{}/board\"", hall.meeting_id)), "the open meeting is listed");
    assert!(page.body.contains("role=\"search\""));
    let country = b.get("/country/UKR?lang=en").await;
    assert_eq!(country.status, 200);
    assert!(country.body.contains("<h1>Ukraine</h1>") && country.body.contains("href=\"/decision/A/RES/ES-11/1\""));
    let css = b.get("/static/site.css").await;
    assert_eq!(css.status, 200);
    // The API is untouched: its 404 is still JSON.
    let api = h.get("/api/no-such-route").await;
    api.refused(404, "not_found");
}

async fn the_language_comes_from_the_switcher_then_the_cookie_then_accept_language(db: TestDb) {
    let h = db.start().await;
    import_es11(&db).await;
    let client = reqwest::Client::new();
    let page = client.get(format!("{}/", h.base)).header(ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9,en;q=0.5").send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"ru\">"), "Accept-Language chooses Russian");
    let mut b = Browser::new(&h);
    let chosen = b.get("/?lang=uk").await;
    assert!(chosen.body.contains("<html lang=\"uk\">"));
    assert_eq!(b.cookies.get("plenary_lang").map(String::as_str), Some("uk"), "the choice is remembered");
    // The cookie wins over Accept-Language afterwards.
    let req = b.client.get(format!("{}/decision/A/RES/ES-11/1", h.base)).header(ACCEPT_LANGUAGE, "en");
    let later = b.send(req).await;
    assert!(later.body.contains("<html lang=\"uk\">"));
    assert!(later.body.contains("UA") && later.body.contains("EN") && later.body.contains("RU"), "the switcher is on the page");
}

async fn a_delegation_signs_in_votes_and_changes_its_vote_in_the_browser(db: TestDb) {
    let h = db.start().await;
    let hall = live_hall(&h, &["POL", "UKR", "USA"]).await;
    chair_opens_the_vote(&h, &hall).await;
    let mut b = Browser::new(&h);
    let console = format!("/meetings/{}/delegation", hall.meeting_id);
    let page = b.sign_in(&console, &hall.delegations["UKR"]).await;
    let session = b.set_cookie_lines.iter().find(|l| l.starts_with("plenary_session=")).expect("a session cookie").clone();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"), "{session}");
    // The cookie holds the token; the database only its SHA-256.
    let token = b.cookies["plenary_session"].clone();
    let pool = sqlx::AnyPool::connect(&db.url).await.unwrap();
    let stored: (i64,) = sqlx::query_as(sqlx::AssertSqlSafe("SELECT COUNT(*) FROM live_tokens WHERE token_sha256 = $1".to_string()))
        .bind(plenary_server::auth::token_sha256(&token))
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored.0, 1);
    let raw: (i64,) = sqlx::query_as(sqlx::AssertSqlSafe("SELECT COUNT(*) FROM live_tokens WHERE token_sha256 = $1".to_string())).bind(&token).fetch_one(&pool).await.unwrap();
    assert_eq!(raw.0, 0);
    pool.close().await;
    assert!(page.body.contains("Delegation of Ukraine"));
    let csrf = hidden(&page.body, "csrf").unwrap();
    let vote = format!("/meetings/{}/vote", hall.meeting_id);
    let r = b.post(&vote, &[("csrf", &csrf), ("state", "UKR"), ("vote", "N")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = b.post(&vote, &[("csrf", &csrf), ("state", "UKR"), ("vote", "Y")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(recorded_votes(&h, &hall).await["UKR"], "Y", "the changed vote is the one recorded");
    let page = b.get(&console).await;
    assert!(page.body.contains("Your vote as recorded: Yes"), "the console shows the vote as recorded");
}

async fn a_form_without_a_session_cookie_is_refused(db: TestDb) {
    let h = db.start().await;
    let hall = live_hall(&h, &["POL", "UKR", "USA"]).await;
    chair_opens_the_vote(&h, &hall).await;
    let mut b = Browser::new(&h);
    let r = b.post(&format!("/meetings/{}/vote", hall.meeting_id), &[("csrf", "x"), ("state", "UKR"), ("vote", "Y")]).await;
    assert_eq!(r.status, 401);
    assert!(r.body.contains("Sign in first"), "{}", r.body);
    let r = b.post(&format!("/meetings/{}/close", hall.meeting_id), &[("csrf", "x")]).await;
    assert_eq!(r.status, 401);
    assert_eq!(recorded_votes(&h, &hall).await, serde_json::json!({}), "nothing was recorded");
}

async fn a_form_with_a_wrong_csrf_token_is_refused(db: TestDb) {
    let h = db.start().await;
    let hall = live_hall(&h, &["POL", "UKR", "USA"]).await;
    chair_opens_the_vote(&h, &hall).await;
    let mut b = Browser::new(&h);
    let console = format!("/meetings/{}/delegation", hall.meeting_id);
    let page = b.sign_in(&console, &hall.delegations["UKR"]).await;
    let good = hidden(&page.body, "csrf").unwrap();
    let vote = format!("/meetings/{}/vote", hall.meeting_id);
    for bad in ["", "0000", &good[..good.len() - 1]] {
        let r = b.post(&vote, &[("csrf", bad), ("state", "UKR"), ("vote", "Y")]).await;
        assert_eq!(r.status, 403, "csrf {bad:?}: {}", r.body);
        assert!(r.body.contains("The form has expired or did not come from this site"));
    }
    // Another session's token does not do either.
    let mut other = Browser::new(&h);
    let page = other.sign_in(&console, &hall.delegations["POL"]).await;
    let theirs = hidden(&page.body, "csrf").unwrap();
    assert_ne!(theirs, good);
    let r = b.post(&vote, &[("csrf", &theirs), ("state", "UKR"), ("vote", "Y")]).await;
    assert_eq!(r.status, 403);
    assert_eq!(recorded_votes(&h, &hall).await, serde_json::json!({}), "nothing was recorded");
}

async fn a_sign_in_without_its_csrf_cookie_is_refused(db: TestDb) {
    let h = db.start().await;
    let hall = live_hall(&h, &["POL", "UKR", "USA"]).await;
    let who = &hall.delegations["UKR"];
    let mut b = Browser::new(&h);
    // A form posted from elsewhere: no plenary_csrf cookie to match.
    let r = b.post("/login", &[("csrf", "plen_forged"), ("user", &who.username), ("password", &who.password)]).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(!b.cookies.contains_key("plenary_session"));
    // The right token and a wrong password: refused, no session.
    let form = b.get(&format!("/meetings/{}/delegation", hall.meeting_id)).await;
    let csrf = hidden(&form.body, "csrf").unwrap();
    let r = b.post("/login", &[("csrf", &csrf), ("user", &who.username), ("password", "wrong")]).await;
    assert_eq!(r.status, 401);
    assert!(!b.cookies.contains_key("plenary_session"));
}

async fn a_delegation_cannot_vote_for_another_state_from_the_browser(db: TestDb) {
    let h = db.start().await;
    let hall = live_hall(&h, &["POL", "UKR", "USA"]).await;
    chair_opens_the_vote(&h, &hall).await;
    let mut b = Browser::new(&h);
    let console = format!("/meetings/{}/delegation", hall.meeting_id);
    let page = b.sign_in(&console, &hall.delegations["UKR"]).await;
    let csrf = hidden(&page.body, "csrf").unwrap();
    let r = b.post(&format!("/meetings/{}/vote?lang=en", hall.meeting_id), &[("csrf", &csrf), ("state", "USA"), ("vote", "N")]).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("A delegation can cast only its own state"), "{}", r.body);
    // A delegation cannot use the chair's console either.
    let r = b.post(&format!("/meetings/{}/close", hall.meeting_id), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(recorded_votes(&h, &hall).await, serde_json::json!({}), "nothing was recorded");
}

async fn the_chair_closes_and_the_board_shows_the_outcome_in_each_language(db: TestDb) {
    let h = db.start().await;
    let hall = live_hall(&h, &["POL", "UKR", "USA"]).await;
    chair_opens_the_vote(&h, &hall).await;
    for (state, v) in [("POL", "Y"), ("UKR", "Y"), ("USA", "N")] {
        let mut b = Browser::new(&h);
        let page = b.sign_in(&format!("/meetings/{}/delegation", hall.meeting_id), &hall.delegations[state]).await;
        let csrf = hidden(&page.body, "csrf").unwrap();
        let r = b.post(&format!("/meetings/{}/vote", hall.meeting_id), &[("csrf", &csrf), ("state", state), ("vote", v)]).await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    let mut chair = Browser::new(&h);
    let console = format!("/meetings/{}/chair", hall.meeting_id);
    let page = chair.sign_in(&console, &hall.chair).await;
    let csrf = hidden(&page.body, "csrf").unwrap();
    let r = chair.post(&format!("/meetings/{}/close", hall.meeting_id), &[("csrf", &csrf)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    // 2 in favour, 1 against: 2 >= two thirds of 3, adopted (Charter Art. 18(2)).
    let mut b = Browser::new(&h);
    let en = b.get(&format!("/meetings/{}/board?lang=en", hall.meeting_id)).await;
    assert!(en.body.contains("Result: <span id=\"result-outcome\">Adopted</span>"), "{}", en.body);
    assert!(en.body.contains("2 in favour to 1 against"), "{}", en.body);
    let uk = b.get(&format!("/meetings/{}/board?lang=uk", hall.meeting_id)).await;
    assert!(uk.body.contains("<html lang=\"uk\">") && !uk.body.contains("Adopted"));
    let ru = b.get(&format!("/meetings/{}/board?lang=ru", hall.meeting_id)).await;
    assert!(ru.body.contains("<html lang=\"ru\">") && !ru.body.contains("Adopted"));
}

/// The chair's console, signed in, after opening the vote on the order's first item by show of
/// hands through the console's own form (GA rule 87).
async fn chair_opens_by_show_of_hands(h: &Harness, hall: &LiveHall) -> (Browser, String) {
    let mut chair = Browser::new(h);
    let console = format!("/meetings/{}/chair", hall.meeting_id);
    let page = chair.sign_in(&console, &hall.chair).await;
    assert!(page.body.contains("name=\"method\" value=\"show_of_hands\""), "the console offers a show of hands: {}", page.body);
    let csrf = hidden(&page.body, "csrf").unwrap();
    let item = hidden(&page.body, "item").unwrap();
    let r = chair.post(&format!("/meetings/{}/open", hall.meeting_id), &[("csrf", &csrf), ("item", &item), ("method", "show_of_hands")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    (chair, csrf)
}

async fn question(h: &Harness, hall: &LiveHall) -> serde_json::Value {
    h.get(&format!("/api/meetings/{}", hall.meeting_id)).await.ok()["question"].clone()
}

async fn the_chair_puts_a_question_by_show_of_hands_and_enters_its_counts_in_the_browser(db: TestDb) {
    let h = db.start().await;
    let hall = live_hall(&h, &["POL", "UKR", "USA"]).await;
    let (mut chair, csrf) = chair_opens_by_show_of_hands(&h, &hall).await;
    assert_eq!(question(&h, &hall).await["method"], "show_of_hands");
    let tally = format!("/meetings/{}/tally", hall.meeting_id);
    for lang in ["en", "uk", "ru"] {
        let page = chair.get(&format!("/meetings/{}/chair?lang={lang}", hall.meeting_id)).await;
        assert!(page.body.contains(&format!("action=\"{tally}\"")), "{lang}: the tally form: {}", page.body);
        assert!(!page.body.contains("/close\""), "{lang}: no close button for a show of hands");
        assert_eq!(page.body.matches("name=\"vetoed_by\"").count(), 0, "{lang}: the General Assembly has no veto");
    }
    // Refused, the question staying open: a wrong CSRF token, a count that is not a number,
    // more votes than members present with a vote.
    let r = chair.post(&tally, &[("csrf", "forged"), ("yes", "2"), ("no", "1"), ("abstain", "0")]).await;
    assert_eq!(r.status, 403, "{}", r.body);
    // The language of a form's answer is the reader's, kept in the switcher's cookie.
    let _ = chair.get("/?lang=en").await;
    let r = chair.post(&tally, &[("csrf", &csrf), ("yes", "two"), ("no", "1"), ("abstain", "0")]).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("“In favour”") && r.body.contains("“two”"), "the field named as the form labels it: {}", r.body);
    let _ = chair.get("/?lang=uk").await;
    let r = chair.post(&tally, &[("csrf", &csrf), ("yes", "3"), ("no", "1"), ("abstain", "0")]).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("Пораховано більше голосів, ніж є присутніх членів із правом голосу."), "in the reader's language: {}", r.body);
    assert_eq!(question(&h, &hall).await["status"], "open");
    // The counts as announced: 2 in favour, 1 against, none abstaining; adopted by two thirds
    // of the members present and voting (Charter Art. 18(2)), no state's vote recorded.
    let r = chair.post(&tally, &[("csrf", &csrf), ("yes", "2"), ("no", "1"), ("abstain", "0")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some(format!("/meetings/{}/chair", hall.meeting_id).as_str()));
    let q = question(&h, &hall).await;
    assert_eq!((q["status"].as_str(), q["decision"]["outcome"].as_str()), (Some("closed"), Some("adopted")), "{q}");
    assert_eq!((q["decision"]["yes"].as_u64(), q["decision"]["no"].as_u64(), q["decision"]["abstain"].as_u64()), (Some(2), Some(1), Some(0)));
    assert_eq!(q["votes"], serde_json::json!({}), "a show of hands records no state's vote");
    let en = chair.get(&format!("/meetings/{}/chair?lang=en", hall.meeting_id)).await;
    assert!(en.body.contains("<span id=\"result-outcome\">Adopted</span>"), "{}", en.body);
}

async fn the_council_chair_declares_a_veto_with_the_counts_of_a_show_of_hands(db: TestDb) {
    let h = db.start().await;
    let hall = live_council(&h).await;
    let (mut chair, csrf) = chair_opens_by_show_of_hands(&h, &hall).await;
    let page = chair.get(&format!("/meetings/{}/chair?lang=ru", hall.meeting_id)).await;
    for p5 in ["CHN", "FRA", "GBR", "RUS", "USA"] {
        assert!(page.body.contains(&format!("name=\"vetoed_by\" value=\"{p5}\"")), "{p5}: {}", page.body);
    }
    assert_eq!(page.body.matches("name=\"vetoed_by\"").count(), 5, "only the permanent members");
    assert!(page.body.contains("Постоянные члены, голосовавшие против (Устав, статья 27(3))"));
    let tally = format!("/meetings/{}/tally", hall.meeting_id);
    // The Russian Federation marked as voting against, but no vote against counted.
    let _ = chair.get("/?lang=en").await;
    let r = chair.post(&tally, &[("csrf", &csrf), ("yes", "9"), ("no", "0"), ("abstain", "6"), ("vetoed_by", "RUS")]).await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("Fewer votes against were counted than the permanent members marked as voting against."), "{}", r.body);
    assert_eq!(question(&h, &hall).await["status"], "open");
    // 9 in favour, 1 against (a permanent member), 5 abstaining: the nine affirmative votes
    // are there, but "including the concurring votes of the permanent members" is not
    // (Charter Art. 27(3)): vetoed.
    let r = chair.post(&tally, &[("csrf", &csrf), ("yes", "9"), ("no", "1"), ("abstain", "5"), ("vetoed_by", "RUS")]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let q = question(&h, &hall).await;
    assert_eq!(q["decision"]["outcome"], "vetoed", "{q}");
    assert_eq!(q["decision"]["vetoed_by"], serde_json::json!(["RUS"]));
}
