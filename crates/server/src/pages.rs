//! The web pages served by `plenary serve` (issue 6): the home page, the decision and country
//! pages from the historic record, and the live board, delegation and chair consoles.
//!
//! The pages are rendered by `plenary_web` from view models built here; this module knows
//! HTTP, cookies and the two databases' rows, `plenary_web` knows HTML. The API under `/api`
//! is untouched: these routes only add `/`, `/search`, `/decision/...`, `/decisions/id/{id}`
//! (amendments have no symbol), `/document/...`, `/analysis`, `/country/...`, `/vetoes`,
//! `/meeting/...` (a meeting of the record and its coverage), `/meetings/{id}/...`, `/login`,
//! `/logout` and `/static/...`.
//!
//! **Languages.** `?lang=uk|en|ru` (the "UA EN RU" switcher) chooses and is remembered in the
//! `plenary_lang` cookie; without either, `Accept-Language` decides (RFC 9110 §12.5.4).
//!
//! **Browser sessions.** The API takes bearer tokens; a browser gets the same opaque token in
//! an `HttpOnly; SameSite=Strict` cookie (`plenary_session`), stored only as its SHA-256 in
//! `live_tokens`, as the API's tokens are (issued by [`meeting::sign_in`]). Every form that
//! changes something carries a CSRF token (OWASP CSRF Prevention Cheat Sheet): after sign-in a
//! synchronizer token derived from the session token (`SHA-256("plenary-csrf\0" + token)`,
//! which a page on another origin can neither read nor compute); on the sign-in form itself a
//! double-submit token (the `plenary_csrf` cookie must equal the form's field), which stops
//! login CSRF. The authorisation rules are those of the API: [`meeting`] decides who may do
//! what (a delegation votes only for its own state).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use plenary_i18n::coverage::{CoveredBody, CoveredDecision, CoveredKind, CoveredOutcome};
use plenary_i18n::{Arg, Lang, t, t_args};
use plenary_record::Store;
use plenary_rules::states::Registry;
use plenary_rules::{Date, StateCode};
use plenary_web as web;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::AppState;
use crate::auth::{Actor, Role, actor_for_token, new_token};
use crate::error::ApiError;
use crate::meeting::{self, Attendance, CastVote, MeetingView, PutQuestion, QuestionView, ShowOfHandsTally};

/// The cookie that remembers the reader's language.
pub const LANG_COOKIE: &str = "plenary_lang";
/// The browser session: the opaque token, HttpOnly.
pub const SESSION_COOKIE: &str = "plenary_session";
/// The double-submit CSRF token of the sign-in form.
pub const CSRF_COOKIE: &str = "plenary_csrf";

/// How many decisions the home page lists, and a country page at most (the 200 KB budget of
/// issue 6 §4: a state's whole record is ~6,000 rows).
const RECENT: i64 = 20;
const COUNTRY_ROWS: usize = 300;

/// What the page handlers share: the live server's state and the record, opened on first use
/// on the same database URL (the record's tables live beside the live ones).
#[derive(Clone)]
pub struct PagesState {
    pub app: AppState,
    store: Arc<tokio::sync::OnceCell<Store>>,
    cache: Arc<tokio::sync::Mutex<RecordCache>>,
}

/// The analysis pages' inputs and results, kept between requests: reading every General
/// Assembly roll call of the record (~6,000 roll calls, ~1 million vote rows) and computing the
/// blocs of a period take far longer than a page should (see the report of issue 6).
///
/// **Invalidation.** Everything here is dropped when the record's [`RecordSignal`] changes: the
/// number of imports and the highest decision id. Every write to the record's decisions is an
/// import (one row in `imports`, ARCHITECTURE: "an import is one transaction") or a live
/// decision recorded with a new id, so either number moves when the roll calls can have
/// changed; reading both is two index lookups.
#[derive(Default)]
struct RecordCache {
    signal: Option<RecordSignal>,
    calls: Option<Arc<Vec<web::analysis::RollCall>>>,
    /// The whole record's matrix by year, for the country pages without a period filter.
    matrix: Option<Arc<web::analysis::VoteMatrix>>,
    /// Analysis pages by (language, canonical query), most recently used last.
    analysis: Vec<((Lang, String), Arc<web::analysis::AnalysisView>)>,
    /// Country pages' agreement and partner charts, most recently used last: over the whole
    /// record they take ~70 ms (release build), over the 20 ms a page may take.
    country: Vec<(CountryChartsKey, Arc<Vec<String>>)>,
    /// Country pages' voting records (at most [`COUNTRY_ROWS`] rows each), most recently used
    /// last: `Store::votes_of` walks every decision of the record (~60 ms on the bundled
    /// record, release build) to find one state's rows.
    country_rows: Vec<(CountryRowsKey, Arc<Vec<web::CountryVoteRow>>)>,
    /// The search page's index of every decision's title, description and symbol
    /// (`web::search`): `Store::search` scans them all per request (~30 ms on the bundled
    /// record, over the page's 20 ms).
    search: Option<Arc<web::search::SearchIndex>>,
    /// Meetings' pages by record symbol (upper-cased, no spaces), most recently used last:
    /// finding a meeting's decisions scans the record's meetings (~10 ms, bench/pages.sh).
    meetings: Vec<(String, Arc<MeetingRecord>)>,
}

/// A meeting of the record as its page needs it, in no language yet.
struct MeetingRecord {
    coverage: web::document::Coverage,
    decisions: Vec<web::MeetingDecision>,
}

/// How many meetings' pages the cache keeps (each a few KB).
const MEETING_CACHE: usize = 64;

/// A country page's voting record: state, body, from, to.
type CountryRowsKey = (StateCode, Option<String>, Option<Date>, Option<Date>);

/// The entry for `key` of a most-recently-used-last list, moved to the end.
fn lru_hit<K: PartialEq, V>(list: &mut Vec<(K, Arc<V>)>, key: &K) -> Option<Arc<V>> {
    let i = list.iter().position(|(k, _)| k == key)?;
    let hit = list.remove(i);
    let value = hit.1.clone();
    list.push(hit);
    Some(value)
}

/// Puts `value` at the end of a most-recently-used-last list of at most `cap` entries.
fn lru_put<K: PartialEq, V>(list: &mut Vec<(K, Arc<V>)>, key: K, value: Arc<V>, cap: usize) {
    list.retain(|(k, _)| *k != key);
    if list.len() >= cap {
        list.remove(0);
    }
    list.push((key, value));
}

/// A country page's charts: language, state, partners, years of the filter.
type CountryChartsKey = (Lang, StateCode, Vec<StateCode>, Option<(i32, i32)>);

/// What changes whenever the record's decisions can have changed (see [`RecordCache`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RecordSignal {
    imports: i64,
    last_decision: i64,
}

/// How many analysis pages the cache keeps (each ~150 KB of SVG): a hall's readers look at a
/// handful of periods at a time.
const ANALYSIS_CACHE: usize = 32;
/// How many country pages' charts the cache keeps (each ~60 KB of SVG).
const COUNTRY_CACHE: usize = 64;

impl PagesState {
    /// The record (opened on first use).
    pub(crate) async fn store(&self) -> Result<&Store, PageError> {
        self.store
            .get_or_try_init(|| Store::open(&self.app.db.url))
            .await
            .map_err(|e| PageError::internal(format!("cannot open the record at {}: {e}", self.app.db.url)))
    }

    /// The record's change signal (see [`RecordCache`]).
    async fn signal(&self, store: &Store) -> Result<RecordSignal, PageError> {
        let r = sqlx::query(
            "SELECT CAST((SELECT COUNT(*) FROM imports) AS BIGINT), CAST(COALESCE((SELECT MAX(id) FROM decisions), 0) AS BIGINT)",
        )
        .fetch_one(store.pool())
        .await
        .map_err(|e| PageError::internal(e.to_string()))?;
        Ok(RecordSignal {
            imports: r.try_get(0).map_err(|e| PageError::internal(e.to_string()))?,
            last_decision: r.try_get(1).map_err(|e| PageError::internal(e.to_string()))?,
        })
    }

    /// The cache, emptied first if the record changed since it was filled.
    async fn fresh_cache(&self, store: &Store) -> Result<tokio::sync::MutexGuard<'_, RecordCache>, PageError> {
        let now = self.signal(store).await?;
        let mut c = self.cache.lock().await;
        if c.signal != Some(now) {
            *c = RecordCache { signal: Some(now), ..RecordCache::default() };
        }
        Ok(c)
    }

    /// Every General Assembly roll call of the record, read once per change of the record.
    async fn ga_calls(&self, store: &Store) -> Result<Arc<Vec<web::analysis::RollCall>>, PageError> {
        let mut c = self.fresh_cache(store).await?;
        if let Some(calls) = &c.calls {
            return Ok(calls.clone());
        }
        let started = std::time::Instant::now();
        let calls = Arc::new(web::analysis::load_ga_calls(store).await.map_err(|e| PageError::internal(e.to_string()))?);
        tracing::info!(roll_calls = calls.len(), ms = started.elapsed().as_millis() as u64, "read the General Assembly's roll calls for the analysis pages");
        c.calls = Some(calls.clone());
        Ok(calls)
    }

    /// The country charts' matrix for `years` (the whole record's kept, see [`RecordCache`]).
    async fn country_matrix(&self, store: &Store, years: Option<(i32, i32)>) -> Result<Arc<web::analysis::VoteMatrix>, PageError> {
        let calls = self.ga_calls(store).await?;
        if years.is_some() {
            return tokio::task::spawn_blocking(move || Arc::new(web::analysis::country_matrix(&calls, years)))
                .await
                .map_err(|e| PageError::internal(e.to_string()));
        }
        if let Some(m) = &self.cache.lock().await.matrix {
            return Ok(m.clone());
        }
        let m = tokio::task::spawn_blocking(move || Arc::new(web::analysis::country_matrix(&calls, None)))
            .await
            .map_err(|e| PageError::internal(e.to_string()))?;
        self.cache.lock().await.matrix = Some(m.clone());
        Ok(m)
    }

    /// A country page's agreement and partner charts, computed once per change of the record.
    async fn country_charts(&self, store: &Store, lang: Lang, state: StateCode, with: Vec<StateCode>, years: Option<(i32, i32)>) -> Result<Arc<Vec<String>>, PageError> {
        let key: CountryChartsKey = (lang, state, with, years);
        let signal = {
            let mut c = self.fresh_cache(store).await?;
            if let Some(hit) = lru_hit(&mut c.country, &key) {
                return Ok(hit);
            }
            c.signal
        };
        let m = self.country_matrix(store, years).await?;
        let with = key.2.clone();
        let charts = tokio::task::spawn_blocking(move || Arc::new(web::analysis::country_charts(lang, &m, state, &with)))
            .await
            .map_err(|e| PageError::internal(e.to_string()))?;
        let mut c = self.cache.lock().await;
        // Kept only if the record has not changed meanwhile.
        if c.signal == signal {
            lru_put(&mut c.country, key, charts.clone(), COUNTRY_CACHE);
        }
        Ok(charts)
    }

    /// A country page's voting record, newest first, read once per change of the record.
    async fn country_rows(&self, store: &Store, state: StateCode, filter: &plenary_record::query::Filter) -> Result<Arc<Vec<web::CountryVoteRow>>, PageError> {
        let key: CountryRowsKey = (state, filter.body.clone(), filter.from, filter.to);
        let signal = {
            let mut c = self.fresh_cache(store).await?;
            if let Some(hit) = lru_hit(&mut c.country_rows, &key) {
                return Ok(hit);
            }
            c.signal
        };
        let rows = store.votes_of(&[state], filter).await.map_err(|e| PageError::internal(e.to_string()))?;
        let rows: Arc<Vec<web::CountryVoteRow>> = Arc::new(
            rows.into_iter()
                .rev()
                .filter_map(|r| {
                    let symbol = r.symbol?;
                    Some(web::CountryVoteRow { href: decision_href(&symbol), symbol, date: parse_date(&r.date)?, title: r.title, light: light_of(&r.vote) })
                })
                .take(COUNTRY_ROWS)
                .collect(),
        );
        let mut c = self.cache.lock().await;
        if c.signal == signal {
            lru_put(&mut c.country_rows, key, rows.clone(), COUNTRY_CACHE);
        }
        Ok(rows)
    }

    /// The ideal points as they are now, without waiting ([`crate::fits`]); first starts a fit
    /// of the record in the background if the record changed since the latest one and none is
    /// running.
    async fn idealpoints(&self) -> Result<(crate::fits::FitStatus, crate::fits::RecordVersion), PageError> {
        let store = self.store().await?;
        let now = self.signal(store).await?;
        let version = (now.imports, now.last_decision);
        if self.app.fits.claim(version) {
            tokio::spawn(self.clone().run_fits(version));
        }
        Ok((self.app.fits.status(), version))
    }

    /// Fits the record of `version` (claimed by the caller), publishes the result, and fits
    /// again while the record keeps changing under it.
    async fn run_fits(self, mut version: crate::fits::RecordVersion) {
        loop {
            let fitted = match self.fit_input().await {
                Ok((calls, rcids)) => tokio::task::spawn_blocking(move || crate::fits::fit_record(version, &calls, &rcids))
                    .await
                    .unwrap_or_else(|e| crate::fits::Fitted { version, estimates: crate::fits::Estimates::Failed(format!("the fit stopped: {e}")), seconds: 0.0 }),
                Err(e) => crate::fits::Fitted { version, estimates: crate::fits::Estimates::Failed(e.detail.unwrap_or_else(|| e.key.to_string())), seconds: 0.0 },
            };
            match &fitted.estimates {
                crate::fits::Estimates::Fitted { points, converged, roll_calls } => {
                    tracing::info!(roll_calls, estimates = points.len(), converged, seconds = fitted.seconds, "fitted the ideal points for the country pages");
                }
                crate::fits::Estimates::TooLittle => tracing::info!("no contested General Assembly recorded vote: no ideal points yet"),
                crate::fits::Estimates::Failed(e) => tracing::error!(error = %e, "the ideal points could not be fitted"),
            }
            self.app.fits.finish(fitted);
            let Ok(store) = self.store().await else { return };
            let Ok(now) = self.signal(store).await else { return };
            let next = (now.imports, now.last_decision);
            // The record changed during the fit: once more (unless a page has claimed it).
            if next == version || !self.app.fits.claim(next) {
                return;
            }
            version = next;
        }
    }

    /// The fit's input: the General Assembly's roll calls (shared with the analysis pages'
    /// cache) and the Voeten rcid of each decision that has one, for the bridging pairs.
    async fn fit_input(&self) -> Result<(Arc<Vec<web::analysis::RollCall>>, std::collections::HashMap<i64, u32>), PageError> {
        let store = self.store().await?;
        let calls = self.ga_calls(store).await?;
        let rows = sqlx::query("SELECT id, rcid FROM decisions WHERE rcid IS NOT NULL")
            .fetch_all(store.pool())
            .await
            .map_err(|e| PageError::internal(e.to_string()))?;
        let mut rcids = std::collections::HashMap::with_capacity(rows.len());
        for r in rows {
            let id: i64 = r.try_get(0).map_err(|e| PageError::internal(e.to_string()))?;
            let rcid: i64 = r.try_get(1).map_err(|e| PageError::internal(e.to_string()))?;
            if let Ok(id) = u32::try_from(id) {
                rcids.insert(rcid, id);
            }
        }
        Ok((calls, rcids))
    }

    /// The search page's index, read once per change of the record.
    async fn search_index(&self, store: &Store) -> Result<Arc<web::search::SearchIndex>, PageError> {
        let signal = {
            let c = self.fresh_cache(store).await?;
            if let Some(i) = &c.search {
                return Ok(i.clone());
            }
            c.signal
        };
        let started = std::time::Instant::now();
        let index = Arc::new(web::search::SearchIndex::load(store).await.map_err(|e| PageError::internal(e.to_string()))?);
        tracing::info!(decisions = index.len(), case = ?index.case_map(), ms = started.elapsed().as_millis() as u64, "indexed the record for the search page");
        let mut c = self.cache.lock().await;
        // Kept only if the record has not changed meanwhile.
        if c.signal == signal {
            c.search = Some(index.clone());
        }
        Ok(index)
    }

    /// The analysis page for `q` in `lang`, computed once per change of the record.
    async fn analysis(&self, store: &Store, lang: Lang, q: &web::analysis::AnalysisQuery) -> Result<Arc<web::analysis::AnalysisView>, PageError> {
        let calls = self.ga_calls(store).await?;
        // The defaults filled in, so "?" and "?from=2021&to=2025" share one entry.
        let to = q.to.unwrap_or_else(|| web::analysis::last_year(&calls).unwrap_or(2019));
        let q = web::analysis::AnalysisQuery { from: Some(q.from.unwrap_or(to - 4)), to: Some(to), ..q.clone() };
        let key = (lang, q.to_query());
        {
            let mut c = self.cache.lock().await;
            if let Some(i) = c.analysis.iter().position(|(k, _)| *k == key) {
                let hit = c.analysis.remove(i);
                let view = hit.1.clone();
                c.analysis.push(hit);
                return Ok(view);
            }
        }
        // Computed outside the lock (tens of milliseconds of CPU), on a blocking thread.
        let view = tokio::task::spawn_blocking(move || Arc::new(web::analysis::analysis_of(lang, "/analysis", &calls, &q)))
            .await
            .map_err(|e| PageError::internal(e.to_string()))?;
        let mut c = self.cache.lock().await;
        c.analysis.retain(|(k, _)| *k != key);
        if c.analysis.len() >= ANALYSIS_CACHE {
            c.analysis.remove(0);
        }
        c.analysis.push((key, view.clone()));
        Ok(view)
    }
}

/// The pages' routes, ready to merge into the API router (see [`crate::router`]).
///
/// A further page mounts here the same way: a handler
/// `async fn(State<PagesState>, HeaderMap, Path<..>, RawQuery) -> Page` and a `.route(...)`
/// line below.
pub fn router(app: AppState) -> Router<AppState> {
    let state = PagesState { app, store: Arc::new(tokio::sync::OnceCell::new()), cache: Arc::new(tokio::sync::Mutex::new(RecordCache::default())) };
    // The country pages' ideal points are fitted from the start, not on the first request
    // ([`crate::fits`]); outside a runtime (a router built for inspection) they wait for one.
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        let s = state.clone();
        rt.spawn(async move {
            if let Err(e) = s.idealpoints().await {
                tracing::error!(?e, "the ideal points' first fit could not start");
            }
        });
    }
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/decision/{*symbol}", get(decision))
        .route("/decisions/id/{id}", get(decision_by_id))
        .route("/document/{*symbol}", get(document))
        .route("/analysis", get(analysis))
        .route("/country/{code}", get(country))
        .route("/vetoes", get(vetoes))
        .route("/meeting/{*symbol}", get(meeting_record))
        .route("/meetings/{id}/board", get(board))
        .route("/meetings/{id}/delegation", get(delegation))
        .route("/meetings/{id}/chair", get(chair))
        .route("/meetings/{id}/vote", post(vote))
        .route("/meetings/{id}/open", post(open_vote))
        .route("/meetings/{id}/close", post(close_vote))
        .route("/meetings/{id}/tally", post(tally))
        .route("/meetings/{id}/attendance", post(attendance))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/static/site.css", get(|| async { asset("text/css; charset=utf-8", web::CSS) }))
        .route("/static/board.js", get(|| async { asset("text/javascript; charset=utf-8", web::BOARD_JS) }))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .with_state(state)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=3600")], body).into_response()
}

// ---------------------------------------------------------------------------------------------
// Request context: language, cookies, session
// ---------------------------------------------------------------------------------------------

/// The browser session's token (the `plenary_session` cookie), if the request carries one:
/// the rate limiter's key for cookie sessions (see `crate::router`).
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookies(headers).remove(SESSION_COOKIE).filter(|t| !t.is_empty())
}

/// Cookies of a request, by name (the first of each name).
fn cookies(headers: &HeaderMap) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for v in headers.get_all(header::COOKIE) {
        let Ok(v) = v.to_str() else { continue };
        for pair in v.split(';') {
            if let Some((k, val)) = pair.trim().split_once('=') {
                out.entry(k.trim().to_string()).or_insert_with(|| val.trim().to_string());
            }
        }
    }
    out
}

/// Decodes `application/x-www-form-urlencoded` (also a query string): pairs in order, repeated
/// names kept (the attendance form sends one `present` per state).
pub fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    fn decode(s: &[u8]) -> String {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            match s[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < s.len() => {
                    let hex = std::str::from_utf8(&s[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                    match hex {
                        Some(b) => {
                            out.push(b);
                            i += 2;
                        }
                        None => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    body.split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.iter().position(|b| *b == b'=') {
            Some(i) => (decode(&p[..i]), decode(&p[i + 1..])),
            None => (decode(p), String::new()),
        })
        .collect()
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// What every page handler knows of its request.
pub struct Ctx {
    pub lang: Lang,
    /// Set-Cookie values to send with the response (the language chosen by `?lang=`).
    set_cookies: Vec<String>,
    cookies: BTreeMap<String, String>,
    query: Vec<(String, String)>,
    /// Whether cookies may be marked `Secure`: not on plain HTTP to the loopback address, where
    /// `plenary serve` listens by default (a browser would drop them there).
    secure: bool,
}

impl Ctx {
    pub(crate) fn new(headers: &HeaderMap, query: Option<&str>) -> Ctx {
        let cookies = cookies(headers);
        let query = query.map(|q| form_pairs(q.as_bytes())).unwrap_or_default();
        let mut set_cookies = Vec::new();
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let host = host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host);
        let https = headers.get("x-forwarded-proto").and_then(|h| h.to_str().ok()) == Some("https");
        let secure = https || !matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "");
        let chosen = field(&query, "lang").and_then(Lang::parse);
        let lang = if let Some(l) = chosen {
            if cookies.get(LANG_COOKIE).map(String::as_str) != Some(l.tag()) {
                set_cookies.push(format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", l.tag()));
            }
            l
        } else if let Some(l) = cookies.get(LANG_COOKIE).and_then(|c| Lang::parse(c)) {
            l
        } else {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|h| h.to_str().ok())
                .map(Lang::negotiate)
                .unwrap_or(Lang::En)
        };
        Ctx { lang, set_cookies, cookies, query, secure }
    }

    pub(crate) fn q(&self, name: &str) -> Option<&str> {
        field(&self.query, name)
    }

    fn cookie_attrs(&self) -> &'static str {
        if self.secure { "; Path=/; HttpOnly; SameSite=Strict; Secure" } else { "; Path=/; HttpOnly; SameSite=Strict" }
    }

    /// The session behind the `plenary_session` cookie, if it is valid.
    async fn session(&self, state: &PagesState) -> Result<Option<Session>, PageError> {
        let Some(token) = self.cookies.get(SESSION_COOKIE).filter(|t| !t.is_empty()) else { return Ok(None) };
        let actor = actor_for_token(&state.app.db, token).await.map_err(|e| PageError::internal(e.to_string()))?;
        Ok(actor.map(|actor| Session { csrf: session_csrf(token), actor }))
    }

    /// The sign-in form's double-submit token: the cookie's, or a new one (and its cookie).
    fn login_csrf(&mut self) -> String {
        if let Some(c) = self.cookies.get(CSRF_COOKIE).filter(|c| c.len() >= 32) {
            return c.clone();
        }
        let token = new_token();
        self.set_cookies.push(format!("{CSRF_COOKIE}={token}{}", self.cookie_attrs()));
        self.cookies.insert(CSRF_COOKIE.into(), token.clone());
        token
    }
}

struct Session {
    actor: Actor,
    csrf: String,
}

/// The synchronizer CSRF token of a session: computable only from the session token, which
/// only the server and the browser's HttpOnly cookie hold.
pub fn session_csrf(session_token: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"plenary-csrf\0");
    h.update(session_token.as_bytes());
    hex::encode(h.finalize())
}

/// Compares two tokens in time independent of where they differ.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/// An HTML page with its status and cookies.
pub struct Page {
    status: StatusCode,
    html: String,
    cookies: Vec<String>,
    /// A redirect (303 See Other) after a form, instead of a body.
    location: Option<String>,
}

impl Page {
    pub(crate) fn html(ctx: &Ctx, html: String) -> Page {
        Page { status: StatusCode::OK, html, cookies: ctx.set_cookies.clone(), location: None }
    }
    fn redirect(ctx: &Ctx, to: String) -> Page {
        Page { status: StatusCode::SEE_OTHER, html: String::new(), cookies: ctx.set_cookies.clone(), location: Some(to) }
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let mut res = (self.status, self.html).into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        // Pages show live state and consoles carry tokens: never cached.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
        // Everything is inline or from this origin (no CDN); no framing (clickjacking).
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
        );
        for c in self.cookies {
            if let Ok(v) = HeaderValue::from_str(&c) {
                h.append(header::SET_COOKIE, v);
            }
        }
        if let Some(l) = self.location
            && let Ok(v) = HeaderValue::from_str(&l)
        {
            h.insert(header::LOCATION, v);
        }
        res
    }
}

/// A refusal or failure, shown as a page in the reader's language.
#[derive(Debug)]
pub struct PageError {
    status: StatusCode,
    /// The Fluent key of the message.
    key: &'static str,
    args: Vec<(&'static str, String)>,
    /// The server's own words (English), if they add something.
    detail: Option<String>,
}

impl PageError {
    fn new(status: StatusCode, key: &'static str) -> PageError {
        PageError { status, key, args: Vec::new(), detail: None }
    }
    pub(crate) fn internal(detail: String) -> PageError {
        tracing::error!(%detail, "page failed");
        PageError { detail: Some(detail), ..PageError::new(StatusCode::INTERNAL_SERVER_ERROR, "web-error-internal") }
    }
    pub(crate) fn not_found() -> PageError {
        PageError::new(StatusCode::NOT_FOUND, "web-error-not-found")
    }
    fn csrf() -> PageError {
        PageError::new(StatusCode::FORBIDDEN, "web-error-csrf")
    }
    fn not_signed_in() -> PageError {
        PageError::new(StatusCode::UNAUTHORIZED, "web-error-not-signed-in")
    }
    fn arg(mut self, name: &'static str, value: impl Into<String>) -> PageError {
        self.args.push((name, value.into()));
        self
    }

    fn render(self, ctx: &Ctx, path: &str) -> Page {
        let lang = ctx.lang;
        let title = t(lang, if self.status == StatusCode::NOT_FOUND { "web-error-not-found-title" } else { "web-error-title" });
        let message = t_args(lang, self.key, self.args.iter().map(|(k, v)| (*k, Arg::from(v.as_str()))));
        let view = web::MessageView {
            path: path.to_string(),
            title,
            message,
            detail: self.detail,
            back: Some((format!("/?lang={}", lang.tag()), t(lang, "web-nav-home"))),
        };
        let html = web::render_message(lang, &view).unwrap_or_else(|e| e.to_string());
        Page { status: self.status, html, cookies: ctx.set_cookies.clone(), location: None }
    }
}

impl From<ApiError> for PageError {
    /// The API's refusals, by their stable codes, to messages in the reader's language; the
    /// server's English message is kept as the detail.
    fn from(e: ApiError) -> PageError {
        let key = match e.code {
            "not_your_state" | "not_your_assembly" => "web-error-not-your-state",
            "vote_closed" => "web-error-vote-closed",
            "not_present" => "web-error-not-present",
            "no_vote_article_19" => "web-error-no-vote",
            "wrong_role" | "not_the_chair" => "web-error-wrong-role",
            "counts_above_membership" => "web-error-counts-above-membership",
            "counts_contradict_veto" => "web-error-counts-contradict-veto",
            "recorded_vote" => "web-error-recorded-vote",
            "show_of_hands" => "web-error-show-of-hands",
            "unauthorized" => "web-error-signin-failed",
            "not_found" => "web-error-not-found",
            "internal" => "web-error-internal",
            _ if e.status == StatusCode::CONFLICT => "web-error-conflict",
            _ if e.status == StatusCode::FORBIDDEN => "web-error-wrong-role",
            _ => "web-error-bad-request",
        };
        if e.status.is_server_error() {
            tracing::error!(code = e.code, message = %e.message, "page failed");
        }
        PageError { status: e.status, key, args: Vec::new(), detail: Some(e.message) }
    }
}

/// Runs a page handler's body and turns its error into a page in the reader's language.
pub(crate) fn respond(ctx: &Ctx, path: &str, r: Result<Page, PageError>) -> Page {
    r.unwrap_or_else(|e| e.render(ctx, path))
}

pub(crate) fn rendered(r: Result<String, web::RenderError>) -> Result<String, PageError> {
    r.map_err(|e| PageError::internal(e.to_string()))
}

// ---------------------------------------------------------------------------------------------
// The record: home, search, decision, country
// ---------------------------------------------------------------------------------------------

fn parse_date(s: &str) -> Option<Date> {
    Date::parse_from_str(s, "%Y-%m-%d").ok()
}

fn covered_body(body: &str) -> CoveredBody {
    if body.eq_ignore_ascii_case("SC") { CoveredBody::SecurityCouncil } else { CoveredBody::GeneralAssembly }
}

fn covered_outcome(outcome: &str, vetoed_by: Vec<StateCode>) -> Option<CoveredOutcome> {
    match outcome {
        "adopted" => Some(CoveredOutcome::Adopted),
        "rejected" => Some(CoveredOutcome::Rejected),
        "vetoed" => Some(CoveredOutcome::Vetoed { by: vetoed_by }),
        _ => None,
    }
}

/// The path of a decision's page: the symbol's own slashes kept (`/decision/A/RES/ES-11/1`).
pub fn decision_href(symbol: &str) -> String {
    let safe: String = symbol
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "/-._()".contains(c) { c.to_string() } else { format!("%{:02X}", c as u32 & 0xff) })
        .collect();
    format!("/decision/{safe}")
}

/// The newest decisions of the record, with a symbol.
async fn recent_decisions(store: &Store, limit: i64) -> Result<Vec<web::DecisionLink>, PageError> {
    let rows = sqlx::query(
        "SELECT symbol, date, title, outcome FROM decisions WHERE symbol IS NOT NULL ORDER BY date DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(store.pool())
    .await
    .map_err(|e| PageError::internal(e.to_string()))?;
    let mut out = Vec::new();
    for r in rows {
        let symbol: String = r.try_get(0).map_err(|e| PageError::internal(e.to_string()))?;
        let date: String = r.try_get(1).map_err(|e| PageError::internal(e.to_string()))?;
        let title: Option<String> = r.try_get(2).map_err(|e| PageError::internal(e.to_string()))?;
        let outcome: Option<String> = r.try_get(3).map_err(|e| PageError::internal(e.to_string()))?;
        let (Some(date), Some(outcome)) = (parse_date(&date), outcome.as_deref().and_then(|o| covered_outcome(o, vec![]))) else {
            continue; // undetermined outcomes are listed on their own page, not here
        };
        out.push(web::DecisionLink { href: decision_href(&symbol), symbol, title, date, outcome });
    }
    Ok(out)
}

/// Meetings whose status is open.
async fn meetings_in_progress(state: &PagesState) -> Result<Vec<web::MeetingLink>, PageError> {
    let rows = sqlx::query(
        "SELECT m.id, m.title, a.body FROM live_meetings m JOIN live_assemblies a ON a.id = m.assembly_id WHERE m.status = 'open' ORDER BY m.id",
    )
    .fetch_all(&state.app.db.pool)
    .await
    .map_err(|e| PageError::internal(e.to_string()))?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            let body: String = r.try_get(2)?;
            Ok(web::MeetingLink { href: format!("/meetings/{id}/board"), body: covered_body(&body), name: r.try_get(1)? })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(|e| PageError::internal(e.to_string()))
}

async fn home(State(state): State<PagesState>, headers: HeaderMap, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let r = async {
        let store = state.store().await?;
        let view = web::HomeView {
            path: "/".into(),
            recent: recent_decisions(store, RECENT).await?,
            meetings: meetings_in_progress(&state).await?,
            query: String::new(),
        };
        Ok(Page::html(&ctx, rendered(web::render_home(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, "/", r)
}

/// How many decisions the search asks the record for, and how many of them the page lists
/// (the newest of those found). The search answers oldest first, so the limit is above the
/// size of any record (11,000 decisions bundled): a lower one would list the newest of the
/// oldest matches, not the newest matches.
const SEARCH_LIMIT: i64 = 1_000_000;
const SEARCH_ROWS: usize = 100;

async fn search(State(state): State<PagesState>, headers: HeaderMap, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let r = async {
        let store = state.store().await?;
        let query = ctx.q("q").unwrap_or("").trim().to_string();
        let index = if query.is_empty() { None } else { Some(state.search_index(store).await?) };
        // A symbol goes straight to its page ("ES-11/1", "A/RES/ES-11/1", "res 2774").
        if let Some(index) = &index {
            let ids = match index.find_symbol(&query) {
                Some(ids) => ids,
                None => store.find_symbol(&query).await.map_err(|e| PageError::internal(e.to_string()))?,
            };
            if ids.len() == 1
                && let Some(d) = store.decision(ids[0]).await.map_err(|e| PageError::internal(e.to_string()))?
                && let Some(sym) = d.symbol.or(d.draft)
            {
                return Ok(Page::redirect(&ctx, decision_href(&sym)));
            }
        }
        let recent = match &index {
            None => recent_decisions(store, RECENT).await?,
            Some(index) => {
                let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
                let filter = plenary_record::query::Filter::default();
                // From memory; from the record where the index cannot be sure of the same answer.
                let hits: Vec<(plenary_record::query::SearchHit, Option<String>)> = match index.search(&words, &filter, SEARCH_LIMIT) {
                    Some(found) => found.into_iter().map(|f| (f.hit.clone(), f.outcome.map(str::to_string))).collect(),
                    None => {
                        let mut hits = store.search(&words, &filter, SEARCH_LIMIT).await.map_err(|e| PageError::internal(e.to_string()))?;
                        // Outcomes only for the newest, which are the ones listed (some have no
                        // symbol and are skipped, hence the margin).
                        hits.drain(..hits.len().saturating_sub(2 * SEARCH_ROWS));
                        let mut out = Vec::with_capacity(hits.len());
                        for h in hits {
                            let outcome: Option<String> = sqlx::query("SELECT outcome FROM decisions WHERE id = $1")
                                .bind(h.id)
                                .fetch_one(store.pool())
                                .await
                                .and_then(|r| r.try_get(0))
                                .map_err(|e| PageError::internal(e.to_string()))?;
                            out.push((h, outcome));
                        }
                        out
                    }
                };
                // Newest first; SEARCH_ROWS at most on a page.
                let mut links: Vec<web::DecisionLink> = Vec::new();
                for (h, outcome) in hits.into_iter().rev().take(SEARCH_ROWS) {
                    let Some(symbol) = h.symbol else { continue };
                    let Some(date) = parse_date(&h.date) else { continue };
                    let Some(outcome) = outcome.as_deref().and_then(|o| covered_outcome(o, vec![])) else { continue };
                    links.push(web::DecisionLink { href: decision_href(&symbol), symbol, title: h.title, date, outcome });
                }
                links
            }
        };
        let view = web::HomeView { path: "/search".into(), recent, meetings: meetings_in_progress(&state).await?, query };
        Ok(Page::html(&ctx, rendered(web::render_home(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, "/search", r)
}

/// A record's vote code to a light ("-" and anything else: absent).
fn light_of(code: &str) -> web::Light {
    match code {
        "Y" => web::Light::Yes,
        "N" => web::Light::No,
        "A" => web::Light::Abstain,
        "X" => web::Light::NonVoting,
        _ => web::Light::Absent,
    }
}

async fn decision(State(state): State<PagesState>, headers: HeaderMap, Path(symbol): Path<String>, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let path = decision_href(&symbol);
    let r = async {
        let store = state.store().await?;
        let ids = store.find_symbol(&symbol).await.map_err(|e| PageError::internal(e.to_string()))?;
        let Some(&id) = ids.first() else {
            return Err(PageError::new(StatusCode::NOT_FOUND, "web-error-no-decision").arg("symbol", symbol.clone()));
        };
        decision_page(&ctx, store, id, &path).await
    }
    .await;
    respond(&ctx, &path, r)
}

/// A decision's page by its id: amendments have no symbol of their own.
async fn decision_by_id(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<String>, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let path = format!("/decisions/id/{}", id.chars().filter(char::is_ascii_digit).collect::<String>());
    let r = async {
        let id: i64 = id.parse().map_err(|_| PageError::not_found())?;
        let store = state.store().await?;
        decision_page(&ctx, store, id, &path).await
    }
    .await;
    respond(&ctx, &path, r)
}

/// The page of a decision: by its symbol where it has one, else by its id.
fn decision_link(id: i64, symbol: Option<&str>) -> String {
    match symbol {
        Some(s) => decision_href(s),
        None => format!("/decisions/id/{id}"),
    }
}

/// The path of a document's page: the symbol's own slashes kept (`/document/A/ES-11/L.1`).
pub fn document_href(symbol: &str) -> String {
    format!("/document/{}", decision_href(symbol).trim_start_matches("/decision/"))
}

async fn decision_page(ctx: &Ctx, store: &Store, id: i64, path: &str) -> Result<Page, PageError> {
    let d = store.decision(id).await.map_err(|e| PageError::internal(e.to_string()))?.ok_or_else(PageError::not_found)?;
    let important: Option<i64> = sqlx::query("SELECT important FROM decisions WHERE id = $1")
        .bind(id)
        .fetch_one(store.pool())
        .await
        .and_then(|r| r.try_get(0))
        .map_err(|e| PageError::internal(e.to_string()))?;
    let mut view = decision_view(&d, important, path)?;
    // The document this vote was on: the draft itself, or for an amendment the draft it amends.
    let doc_symbol = if d.kind == "amendment" { d.amends.clone() } else { d.symbol.clone().or_else(|| d.draft.clone()) };
    if let Some(sym) = doc_symbol {
        let doc = web::document::load_document(store, &sym, &document_href(&sym), &decision_link)
            .await
            .map_err(|e| PageError::internal(e.to_string()))?;
        if let Some(doc) = doc {
            view.document_href = Some(document_href(&sym));
            if d.kind != "amendment" {
                for v in doc.votes.iter().filter(|v| v.is_amendment()) {
                    view.amendment_links.push((v.href.clone(), v.description.clone()));
                    view.amendments.push(v.covered.clone());
                }
            }
        }
    }
    Ok(Page::html(ctx, rendered(web::render_decision(ctx.lang, &view))?))
}

async fn document(State(state): State<PagesState>, headers: HeaderMap, Path(symbol): Path<String>, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let path = document_href(&symbol);
    let r = async {
        let store = state.store().await?;
        let view = web::document::load_document(store, &symbol, &path, &decision_link)
            .await
            .map_err(|e| PageError::internal(e.to_string()))?
            .ok_or_else(|| PageError::new(StatusCode::NOT_FOUND, "web-error-no-decision").arg("symbol", symbol.clone()))?;
        Ok(Page::html(&ctx, rendered(web::document::render_document(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, &path, r)
}

/// A form field the page cannot use: 400, the field and the value in the reader's language,
/// the expected form in the server's words.
fn bad_query(e: &web::analysis::QueryError) -> PageError {
    PageError { detail: Some(e.to_string()), ..PageError::new(StatusCode::BAD_REQUEST, "web-error-bad-query") }
        .arg("field", e.field.clone())
        .arg("value", e.value.clone())
}

async fn analysis(State(state): State<PagesState>, headers: HeaderMap, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let path = "/analysis";
    let r = async {
        let query = web::analysis::AnalysisQuery::parse(q.as_deref().unwrap_or("")).map_err(|e| bad_query(&e))?;
        let store = state.store().await?;
        let view = state.analysis(store, ctx.lang, &query).await?;
        Ok(Page::html(&ctx, rendered(web::analysis::render_analysis(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, path, r)
}

/// The decision page's view model from the record. Every Member of the General Assembly on
/// the date that the source does not list is shown as non-voting, as the importer counts
/// them (DGACM lists only Y/N/A).
fn decision_view(d: &plenary_record::query::DecisionView, important: Option<i64>, path: &str) -> Result<web::DecisionView, PageError> {
    let date = parse_date(&d.date).ok_or_else(|| PageError::internal(format!("decision {}: date {:?} is not YYYY-MM-DD", d.id, d.date)))?;
    let body = covered_body(&d.body);
    let reg = Registry::bundled();
    let mut votes: BTreeMap<StateCode, web::Light> = BTreeMap::new();
    if body == CoveredBody::GeneralAssembly && !d.votes.is_empty() {
        for c in reg.ga_members(date) {
            votes.insert(c, web::Light::NonVoting);
        }
    }
    for (s, v) in &d.votes {
        if let Some(c) = StateCode::parse(s) {
            votes.insert(c, light_of(v));
        }
    }
    let without_vote = d.adoption == "without_vote" || d.adoption == "without-vote";
    let vetoed_by: Vec<StateCode> = if d.outcome.as_deref() == Some("vetoed") {
        reg.sc_members(date).into_iter().filter(|(c, p)| *p && votes.get(c) == Some(&web::Light::No)).map(|(c, _)| c).collect()
    } else {
        vec![]
    };
    let outcome = d
        .outcome
        .as_deref()
        .and_then(|o| covered_outcome(o, vetoed_by.clone()))
        .or_else(|| d.published_outcome.as_deref().and_then(|o| covered_outcome(&o.to_lowercase(), vetoed_by.clone())))
        .unwrap_or(CoveredOutcome::Adopted);
    let rule = if without_vote {
        web::Rule::WithoutVote
    } else if body == CoveredBody::SecurityCouncil {
        web::Rule::SecurityCouncil
    } else if important == Some(0) {
        web::Rule::MajorityPresentAndVoting
    } else {
        // Unmarked General Assembly votes: the record's own explanation says which majority
        // the engine applied; "two thirds" unless it says otherwise.
        match d.outcome_explanation.as_deref() {
            Some(e) if e.contains("simple") || e.contains("majority of the members present and voting") && !e.contains("two") => {
                web::Rule::MajorityPresentAndVoting
            }
            _ => web::Rule::TwoThirdsPresentAndVoting,
        }
    };
    let src = d.sources.first();
    let symbol = d.symbol.clone().or_else(|| d.draft.clone()).unwrap_or_else(|| format!("#{}", d.id));
    Ok(web::DecisionView {
        path: path.to_string(),
        body,
        resolution: d.symbol.as_deref().and_then(|s| s.strip_prefix("A/RES/").or_else(|| s.strip_prefix("S/RES/"))).map(str::to_string),
        symbol,
        draft: d.draft.clone(),
        meeting: d.meeting.clone(),
        title: d.title.clone(),
        date,
        published: web::PublishedCounts {
            yes: src.and_then(|s| s.yes).map(|n| n as u32),
            no: src.and_then(|s| s.no).map(|n| n as u32),
            abstain: src.and_then(|s| s.abstain).map(|n| n as u32),
            non_voting: src.and_then(|s| s.non_voting).map(|n| n as u32),
        },
        votes,
        rule,
        outcome,
        findings: d.findings.iter().map(|f| web::FindingView { kind: f.kind.clone(), message: f.message.clone() }).collect(),
        provenance: src.map(|s| web::ProvenanceView {
            format: s.source.clone(),
            file: s.file.clone(),
            line: s.line.max(0) as u64,
            version: s.version.clone(),
        }),
        amendments: Vec::new(),
        document_href: None,
        amendment_links: Vec::new(),
    })
}

async fn country(State(state): State<PagesState>, headers: HeaderMap, Path(code): Path<String>, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let path = format!("/country/{code}");
    let r = async {
        let c = StateCode::parse(&code.to_ascii_uppercase()).ok_or_else(PageError::not_found)?;
        let store = state.store().await?;
        // Filters: ?from=YYYY-MM-DD&to=YYYY-MM-DD&body=GA|SC.
        let filter = plenary_record::query::Filter {
            body: ctx.q("body").filter(|b| matches!(b.to_ascii_uppercase().as_str(), "GA" | "SC")).map(str::to_string),
            from: ctx.q("from").and_then(parse_date),
            to: ctx.q("to").and_then(parse_date),
            ..Default::default()
        };
        let rows = state.country_rows(store, c, &filter).await?.as_ref().clone();
        // The charts: agreement with `?with=` (default: the permanent members) and the closest
        // partners, over the years of the filter, from the cached roll calls.
        let with = match ctx.q("with").map(str::trim).filter(|w| !w.is_empty()) {
            None => web::analysis::default_partners(c),
            Some(w) => {
                let mut out = Vec::new();
                for code in w.split([',', ' ']).filter(|x| !x.is_empty()) {
                    let p = StateCode::parse(&code.to_ascii_uppercase()).ok_or_else(|| {
                        bad_query(&web::analysis::QueryError {
                            field: "with".into(),
                            value: code.to_string(),
                            expected: "ISO 3166 alpha-3 codes separated by commas, e.g. USA,RUS",
                        })
                    })?;
                    if p != c && !out.contains(&p) {
                        out.push(p);
                    }
                }
                if out.len() > 8 {
                    return Err(bad_query(&web::analysis::QueryError { field: "with".into(), value: w.to_string(), expected: "at most 8 states" }));
                }
                out
            }
        };
        use chrono::Datelike;
        let years = match (filter.from, filter.to) {
            (None, None) => None,
            (f, t) => Some((f.map(|d| d.year()).unwrap_or(1946), t.map(|d| d.year()).unwrap_or(9999))),
        };
        let charts = if filter.body.as_deref().is_some_and(|b| b.eq_ignore_ascii_case("SC")) {
            Vec::new() // the charts read the General Assembly's votes
        } else {
            state.country_charts(store, ctx.lang, c, with, years).await?.as_ref().clone()
        };
        let idealpoints = if filter.body.as_deref().is_some_and(|b| b.eq_ignore_ascii_case("SC")) {
            web::CountryIdealPoints::Hidden
        } else {
            let (status, version) = state.idealpoints().await?;
            country_idealpoints(ctx.lang, &status, version, c, years)
        };
        let view = web::CountryView { path: path.clone(), state: c, rows, charts, idealpoints };
        Ok(Page::html(&ctx, rendered(web::render_country(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, &path, r)
}

/// The permanent members of the Security Council as the vetoes page offers them (Charter Art.
/// 23(1): the seats, so the USSR's vetoes are the Russian Federation's, see `Store::vetoes`).
const PERMANENT: [&str; 5] = ["CHN", "FRA", "GBR", "RUS", "USA"];

/// A vetoes page date: "YYYY" (from its 1 January, or to its 31 December) or "YYYY-MM-DD".
fn veto_date(field: &'static str, value: &str, end_of_year: bool) -> Result<Option<Date>, PageError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    plenary_record::query::period_bound(v, end_of_year).map(Some).ok_or_else(|| {
        bad_query(&web::analysis::QueryError { field: field.into(), value: v.to_string(), expected: "a year (2022) or a date YYYY-MM-DD (2022-02-25)" })
    })
}

/// `/vetoes?state=RUS&from=2022&to=2025`: the Council's vetoed drafts and amendments in the
/// record (`Store::vetoes`), oldest first, with who vetoed each.
async fn vetoes(State(state): State<PagesState>, headers: HeaderMap, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let path = "/vetoes";
    let r = async {
        let registry = Registry::bundled();
        let by = match ctx.q("state").map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => {
                let c = StateCode::parse(&s.to_ascii_uppercase()).filter(|c| PERMANENT.contains(&registry.seat(*c).to_string().as_str()));
                Some(c.ok_or_else(|| {
                    bad_query(&web::analysis::QueryError {
                        field: "state".into(),
                        value: s.to_string(),
                        expected: "a permanent member of the Security Council: CHN, FRA, GBR, RUS or USA (Charter Art. 23(1), 27(3))",
                    })
                })?)
            }
        };
        let from_text = ctx.q("from").unwrap_or("").trim().to_string();
        let to_text = ctx.q("to").unwrap_or("").trim().to_string();
        let filter = plenary_record::query::Filter { from: veto_date("from", &from_text, false)?, to: veto_date("to", &to_text, true)?, ..Default::default() };
        let store = state.store().await?;
        let found = store.vetoes(&filter, by, registry).await.map_err(|e| PageError::internal(e.to_string()))?;
        let mut rows = Vec::with_capacity(found.len());
        for v in found {
            let Some(date) = parse_date(&v.date) else {
                return Err(PageError::internal(format!("decision {}: date {:?} is not YYYY-MM-DD", v.decision_id, v.date)));
            };
            rows.push(web::VetoRow {
                href: decision_link(v.decision_id, v.symbol.as_deref()),
                symbol: v.symbol.clone(),
                date,
                meeting: v.meeting.clone().filter(|m| m.contains("/PV.")).map(|m| (meeting_href(&m), m)),
                vetoed_by: v.vetoed_by.iter().filter_map(|c| StateCode::parse(c)).collect(),
                yes: v.yes,
                no: v.no,
                abstain: v.abstain,
                title: v.title,
            });
        }
        let view = web::VetoesView {
            path: path.into(),
            state: by,
            from: from_text,
            to: to_text,
            permanent: PERMANENT.iter().filter_map(|c| StateCode::parse(c)).collect(),
            rows,
        };
        Ok(Page::html(&ctx, rendered(web::render_vetoes(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, path, r)
}

/// The path of a meeting's page: its record symbol's slashes kept (`/meeting/S/PV.9866`).
pub fn meeting_href(symbol: &str) -> String {
    format!("/meeting/{}", decision_href(symbol).trim_start_matches("/decision/"))
}

/// A meeting of the record (`/meeting/S/PV.9866`, `/meeting/A/ES-11/PV.5`): the
/// press-release summary of its decisions in the reader's language (issue 6 §3; the same
/// reading as `plenary coverage MEETING`) and the decisions, linked to their pages.
async fn meeting_record(State(state): State<PagesState>, headers: HeaderMap, Path(symbol): Path<String>, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let path = meeting_href(&symbol);
    let r = async {
        let store = state.store().await?;
        let no_meeting = || PageError::new(StatusCode::NOT_FOUND, "web-error-no-decision").arg("symbol", symbol.clone());
        // Only a meeting: a decision's symbol has its own page.
        if !symbol.to_ascii_uppercase().contains("/PV.") {
            return Err(no_meeting());
        }
        let m = state.meeting_record(store, &symbol).await?.ok_or_else(no_meeting)?;
        let view = web::MeetingRecordView {
            path: path.clone(),
            symbol: m.coverage.meeting.clone().unwrap_or_else(|| symbol.clone()),
            heading: m.coverage.heading(ctx.lang),
            paragraphs: m.coverage.paragraphs(ctx.lang),
            decisions: m.decisions.clone(),
        };
        Ok(Page::html(&ctx, rendered(web::render_meeting_record(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, &path, r)
}

impl PagesState {
    /// A meeting of the record, read once per change of the record; `None` if the record
    /// holds no decision at a meeting of that symbol.
    async fn meeting_record(&self, store: &Store, symbol: &str) -> Result<Option<Arc<MeetingRecord>>, PageError> {
        let key = symbol.replace(' ', "").to_uppercase();
        let signal = {
            let mut c = self.fresh_cache(store).await?;
            if let Some(hit) = lru_hit(&mut c.meetings, &key) {
                return Ok(Some(hit));
            }
            c.signal
        };
        let internal = |e: &dyn std::fmt::Display| PageError::internal(e.to_string());
        let Some(coverage) = web::document::load_coverage(store, symbol).await.map_err(|e| internal(&e))? else { return Ok(None) };
        let rows = sqlx::query("SELECT id FROM decisions WHERE UPPER(REPLACE(meeting, ' ', '')) = $1 ORDER BY date, id")
            .bind(&key)
            .fetch_all(store.pool())
            .await
            .map_err(|e| internal(&e))?;
        let mut ids: Vec<i64> = rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>().map_err(|e| internal(&e))?;
        let mut found = Vec::with_capacity(ids.len());
        for &id in &ids {
            found.extend(store.decision(id).await.map_err(|e| internal(&e))?);
        }
        // The drafts the meeting's amendments amend, voted after them the same day but recorded
        // without the meeting (S/RES/2774 (2025) and S/PV.9866), as the coverage counts them
        // (`document::load_coverage`).
        let targets: Vec<(String, String)> = found.iter().filter_map(|d| Some((d.amends.clone()?, d.date.clone()))).collect();
        for (target, date) in targets {
            let mut candidates = store.find_symbol(&target).await.map_err(|e| internal(&e))?;
            if candidates.is_empty() {
                candidates = store.find_symbol(&format!("{} (as amended)", target.trim())).await.map_err(|e| internal(&e))?;
            }
            for id in candidates {
                if ids.contains(&id) {
                    continue;
                }
                if let Some(d) = store.decision(id).await.map_err(|e| internal(&e))?
                    && d.date == date
                    && d.kind != "amendment"
                    && d.kind != "part"
                {
                    ids.push(id);
                    found.push(d);
                    break;
                }
            }
        }
        let decisions = found
            .into_iter()
            .map(|d| {
                let by = d.vetoed_by.iter().filter_map(|c| StateCode::parse(c)).collect();
                // An amendment without a symbol is named by its title as recorded (English);
                // its description holds the importer's notes.
                let (label, described) = match (d.symbol.as_ref().or(d.draft.as_ref()), d.title.as_ref()) {
                    (Some(s), _) => (s.clone(), false),
                    (None, Some(t)) => (t.clone(), true),
                    (None, None) => (format!("#{}", d.id), false),
                };
                web::MeetingDecision {
                    href: decision_link(d.id, d.symbol.as_deref()),
                    label,
                    described,
                    outcome: d.outcome.as_deref().and_then(|o| covered_outcome(o, by)),
                }
            })
            .collect();
        let m = Arc::new(MeetingRecord { coverage, decisions });
        let mut c = self.cache.lock().await;
        if c.signal == signal {
            lru_put(&mut c.meetings, key, m.clone(), MEETING_CACHE);
        }
        Ok(Some(m))
    }
}

/// The country page's ideal-point section from the fits' status: the latest estimates if there
/// are any (marked as being updated when the record has changed since), else what is going on.
fn country_idealpoints(
    lang: Lang,
    status: &crate::fits::FitStatus,
    version: crate::fits::RecordVersion,
    state: StateCode,
    years: Option<(i32, i32)>,
) -> web::CountryIdealPoints {
    use crate::fits::Estimates;
    let updating = !status.is_current(version);
    match status.latest.as_deref().map(|f| &f.estimates) {
        None => web::CountryIdealPoints::Computing,
        Some(Estimates::TooLittle | Estimates::Failed(_)) if status.running.is_some() => web::CountryIdealPoints::Computing,
        Some(Estimates::TooLittle) => web::CountryIdealPoints::TooLittle,
        Some(Estimates::Failed(_)) => web::CountryIdealPoints::Failed,
        Some(Estimates::Fitted { points, .. }) => match web::analysis::country_idealpoints_chart(lang, points, state, years) {
            Some(svg) => web::CountryIdealPoints::Chart { svg, updating },
            None => web::CountryIdealPoints::NoEstimate { updating },
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Live meetings: board, delegation console, chair console
// ---------------------------------------------------------------------------------------------

/// A closed question's result in the reader's language: the UN's sentence written by the
/// coverage module from the recorded decision (the engine's own announcement is English).
fn board_result(lang: Lang, body: CoveredBody, q: &QuestionView) -> Option<web::BoardResult> {
    let d = q.decision.as_ref()?;
    let by = d.vetoed_by.iter().filter_map(|s| StateCode::parse(s)).collect();
    let outcome = covered_outcome(&d.outcome, by)?;
    if d.no.is_none() || d.abstain.is_none() {
        // A show of hands whose source did not report every count: the coverage sentence
        // would print a made-up 0, so the engine's own announcement (which names the counts
        // not reported) is shown instead.
        return Some(web::BoardResult { outcome, announcement: d.announcement.clone() });
    }
    let with = |v: &str| -> Vec<StateCode> { q.votes.iter().filter(|(_, x)| x.as_str() == v).filter_map(|(s, _)| StateCode::parse(s)).collect() };
    let covered = CoveredDecision {
        body,
        kind: if q.kind == "amendment" { CoveredKind::Amendment } else { CoveredKind::Draft },
        resolution: None,
        draft: Some(q.symbol.clone()),
        title: None,
        outcome: outcome.clone(),
        without_vote: false,
        yes: d.yes as u32,
        no: d.no.unwrap_or_default() as u32,
        abstain: d.abstain.unwrap_or_default() as u32,
        states_no: with("N"),
        states_abstain: with("A"),
    };
    Some(web::BoardResult { outcome, announcement: plenary_i18n::coverage::sentence(lang, &covered) })
}

async fn members_of(state: &PagesState, assembly_id: i64) -> Result<Vec<StateCode>, PageError> {
    let a = meeting::get_assembly(&state.app.db, assembly_id).await?;
    Ok(a.members.iter().filter_map(|m| StateCode::parse(&m.state)).collect())
}

/// The question as the board and the consoles name it: the document's symbol. Its text, as
/// tabled (in whatever language the secretariat typed it), is on the delegation console under
/// "Text", so no untranslated sentence sits in a Ukrainian or Russian heading.
fn question_line(q: Option<&QuestionView>) -> String {
    q.map(|q| q.symbol.clone()).unwrap_or_default()
}

async fn board(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<i64>, RawQuery(q): RawQuery) -> Page {
    let ctx = Ctx::new(&headers, q.as_deref());
    let path = format!("/meetings/{id}/board");
    let r = async {
        let m = meeting::meeting_view(&state.app.db, id).await?;
        let body = covered_body(&m.body);
        let q = m.question.as_ref();
        let mut lights: BTreeMap<StateCode, web::Light> = members_of(&state, m.assembly_id).await?.into_iter().map(|c| (c, web::Light::Absent)).collect();
        if let Some(q) = q {
            for (s, v) in &q.votes {
                if let Some(c) = StateCode::parse(s) {
                    lights.insert(c, light_of(v));
                }
            }
        }
        let view = web::BoardView {
            path: path.clone(),
            meeting_id: id.to_string(),
            body,
            question: question_line(q),
            question_id: q.map(|q| q.id),
            lights,
            open: q.is_some_and(|q| q.status == "open"),
            result: q.and_then(|q| board_result(ctx.lang, body, q)),
        };
        Ok(Page::html(&ctx, rendered(web::render_board(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, &path, r)
}

/// The sign-in form (the delegation console's first state), for either console.
fn signin_page(ctx: &mut Ctx, path: &str, id: i64, status: StatusCode) -> Result<Page, PageError> {
    let view = web::DelegationView {
        path: path.to_string(),
        meeting_id: id.to_string(),
        state: None,
        csrf: ctx.login_csrf(),
        question: String::new(),
        text: None,
        open: false,
        recorded: None,
    };
    let mut page = Page::html(ctx, rendered(web::render_delegation(ctx.lang, &view))?);
    page.status = status;
    Ok(page)
}

async fn delegation(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<i64>, RawQuery(q): RawQuery) -> Page {
    let mut ctx = Ctx::new(&headers, q.as_deref());
    let path = format!("/meetings/{id}/delegation");
    let r = async {
        let m = meeting::meeting_view(&state.app.db, id).await?;
        let Some(s) = ctx.session(&state).await?.filter(|s| s.actor.role == Role::Delegation) else {
            return signin_page(&mut ctx, &path, id, StatusCode::OK);
        };
        if s.actor.assembly_id != Some(m.assembly_id) {
            return Err(PageError::from(ApiError::forbidden("not_your_assembly", "your delegation does not sit in this meeting's assembly")));
        }
        let code = s.actor.state.as_deref().and_then(StateCode::parse);
        let q = m.question.as_ref();
        let view = web::DelegationView {
            path: path.clone(),
            meeting_id: id.to_string(),
            state: code,
            csrf: s.csrf.clone(),
            question: question_line(q),
            text: q.map(|q| q.paragraphs.join("\n\n")).filter(|t| !t.is_empty()),
            open: q.is_some_and(|q| q.status == "open"),
            recorded: q.and_then(|q| s.actor.state.as_ref().and_then(|c| q.votes.get(c))).map(|v| light_of(v)),
        };
        Ok(Page::html(&ctx, rendered(web::render_delegation(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, &path, r)
}

/// The order of voting for what is tabled and not yet decided, with the engine's reason for
/// each step (`plenary_rules::VotingOrder`: GA rules 76-91, SC rules 32-36). Motions are put
/// first (GA rule 77; SC rule 33).
fn order_of(m: &MeetingView) -> Vec<web::OrderStep> {
    use plenary_rules::QuestionKind;
    use plenary_rules::order::{Action, Item, VotingOrder};
    let tabled: Vec<&meeting::DocumentView> = m.documents.iter().filter(|d| d.status == "tabled").collect();
    let mut steps: Vec<web::OrderStep> = tabled
        .iter()
        .filter(|d| d.kind == "motion")
        .map(|d| web::OrderStep { item: d.symbol.clone(), reason: web::StepReason::MotionFirst })
        .collect();
    let by_id: BTreeMap<i64, &meeting::DocumentView> = m.documents.iter().map(|d| (d.id, d)).collect();
    let items: Vec<Item> = tabled
        .iter()
        .filter(|d| d.kind != "motion")
        .map(|d| match d.amends.and_then(|t| by_id.get(&t)) {
            Some(target) => Item::amendment(&d.symbol, &target.symbol),
            None => Item::proposal(&d.symbol, QuestionKind::from_code(&d.question).unwrap_or(QuestionKind::Simple)),
        })
        .collect();
    let kind = if m.body.eq_ignore_ascii_case("SC") { plenary_rules::BodyKind::SecurityCouncil } else { plenary_rules::BodyKind::GeneralAssembly };
    let planned = VotingOrder::new(kind, items.clone()).map(|o| o.plan());
    match planned {
        Ok(plan) => {
            let mut seen = BTreeSet::new();
            for s in plan {
                let (item, reason) = match s.action {
                    Action::Motion { motion, .. } => (motion, web::StepReason::MotionFirst),
                    Action::Amendment { amendment, .. } => (amendment, web::StepReason::AmendmentFirst),
                    Action::Part { proposal, .. } => (proposal, web::StepReason::PartFirst),
                    Action::Proposal { proposal, .. } => (proposal, web::StepReason::ProposalInOrder),
                    _ => continue,
                };
                // Only what can be put now: a tabled document (not the parts of a division).
                if seen.insert(item.clone()) && tabled.iter().any(|d| d.symbol == item) {
                    steps.push(web::OrderStep { item, reason });
                }
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, meeting = m.id, "the order of voting could not be planned; listing in the order tabled");
            steps.extend(items.iter().map(|i| web::OrderStep {
                item: i.id().to_string(),
                reason: if matches!(i, Item::Amendment { .. }) { web::StepReason::AmendmentFirst } else { web::StepReason::ProposalInOrder },
            }));
        }
    }
    steps
}

async fn chair_session(ctx: &Ctx, state: &PagesState, m: &MeetingView) -> Result<Option<Session>, PageError> {
    let Some(s) = ctx.session(state).await? else { return Ok(None) };
    if s.actor.role != Role::Chair || s.actor.account_id != m.chair_account_id {
        return Err(PageError::from(ApiError::forbidden("wrong_role", "only the presiding officer of this meeting may use its console")));
    }
    Ok(Some(s))
}

/// The debates on a Security Council veto the assembly must hold (A/RES/76/262, para. 1), for
/// the chair's console (`meeting::scheduled`).
async fn veto_debates(state: &PagesState, assembly_id: i64) -> Result<Vec<web::VetoDebate>, PageError> {
    let date = |s: &str| plenary_rules::Date::parse_from_str(s, "%Y-%m-%d").ok();
    Ok(meeting::scheduled(&state.app.db, assembly_id)
        .await?
        .into_iter()
        .filter(|d| d.kind == "veto_debate")
        .filter_map(|d| {
            Some(web::VetoDebate {
                vetoed_on: date(&d.vetoed_on)?,
                deadline: date(&d.deadline)?,
                vetoed_by: d.vetoed_by.iter().filter_map(|c| StateCode::parse(c)).collect(),
                symbol: d.symbol,
            })
        })
        .collect())
}

async fn chair(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<i64>, RawQuery(q): RawQuery) -> Page {
    let mut ctx = Ctx::new(&headers, q.as_deref());
    let path = format!("/meetings/{id}/chair");
    let r = async {
        let m = meeting::meeting_view(&state.app.db, id).await?;
        let s = match ctx.session(&state).await? {
            Some(s) if s.actor.role == Role::Chair => chair_session(&ctx, &state, &m).await?.expect("signed in"),
            _ => return signin_page(&mut ctx, &path, id, StatusCode::OK),
        };
        let present: BTreeSet<&str> = m.present.iter().map(String::as_str).collect();
        let attendance = members_of(&state, m.assembly_id).await?.into_iter().map(|c| (c, present.contains(c.to_string().as_str()))).collect();
        let q = m.question.as_ref();
        let open = q.is_some_and(|q| q.status == "open");
        // The tally form asks which permanent members present voted against (Charter Art.
        // 27(3)); a body without the veto has none.
        let permanent = meeting::get_assembly(&state.app.db, m.assembly_id)
            .await?
            .members
            .iter()
            .filter(|x| x.permanent && present.contains(x.state.as_str()))
            .filter_map(|x| StateCode::parse(&x.state))
            .collect();
        let view = web::ChairView {
            path: path.clone(),
            meeting_id: id.to_string(),
            csrf: s.csrf.clone(),
            question: question_line(q),
            attendance,
            order: order_of(&m),
            open,
            result: q.and_then(|q| board_result(ctx.lang, covered_body(&m.body), q)),
            veto_debates: veto_debates(&state, m.assembly_id).await?,
            show_of_hands: q.is_some_and(|q| q.method == meeting::METHOD_SHOW_OF_HANDS),
            permanent,
        };
        Ok(Page::html(&ctx, rendered(web::render_chair(ctx.lang, &view))?))
    }
    .await;
    respond(&ctx, &path, r)
}

// ---------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------

/// The signed-in session of a form, with its CSRF token checked.
async fn form_session(ctx: &Ctx, state: &PagesState, form: &[(String, String)]) -> Result<Session, PageError> {
    let s = ctx.session(state).await?.ok_or_else(PageError::not_signed_in)?;
    match field(form, "csrf") {
        Some(c) if same_token(c, &s.csrf) => Ok(s),
        _ => Err(PageError::csrf()),
    }
}

/// A path on this site to return to after a form (never another site: `//host` is refused).
fn local_path(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && !n.contains(['\r', '\n']) => n.to_string(),
        _ => "/".to_string(),
    }
}

async fn login(State(state): State<PagesState>, headers: HeaderMap, body: Bytes) -> Page {
    let mut ctx = Ctx::new(&headers, None);
    let form = form_pairs(&body);
    let next = local_path(field(&form, "next"));
    let r = async {
        let cookie = ctx.cookies.get(CSRF_COOKIE).cloned().unwrap_or_default();
        match field(&form, "csrf") {
            Some(c) if !cookie.is_empty() && same_token(c, &cookie) => {}
            _ => return Err(PageError::csrf()),
        }
        let user = field(&form, "user").unwrap_or("").trim();
        let password = field(&form, "password").unwrap_or("");
        let token = match meeting::sign_in(&state.app, user, password).await {
            Ok(t) => t,
            Err(e) if e.status == StatusCode::UNAUTHORIZED => {
                return Err(PageError::new(StatusCode::UNAUTHORIZED, "web-error-signin-failed"));
            }
            Err(e) => return Err(e.into()),
        };
        ctx.set_cookies.push(format!("{SESSION_COOKIE}={token}{}", ctx.cookie_attrs()));
        Ok(Page::redirect(&ctx, next.clone()))
    }
    .await;
    respond(&ctx, "/login", r)
}

async fn logout(State(state): State<PagesState>, headers: HeaderMap, body: Bytes) -> Page {
    let mut ctx = Ctx::new(&headers, None);
    let form = form_pairs(&body);
    let r = async {
        form_session(&ctx, &state, &form).await?;
        if let Some(token) = ctx.cookies.get(SESSION_COOKIE) {
            sqlx::query("UPDATE live_tokens SET revoked_at = $1 WHERE token_sha256 = $2")
                .bind(crate::now())
                .bind(crate::auth::token_sha256(token))
                .execute(&state.app.db.pool)
                .await
                .map_err(|e| PageError::internal(e.to_string()))?;
        }
        ctx.set_cookies.push(format!("{SESSION_COOKIE}=; Max-Age=0{}", ctx.cookie_attrs()));
        Ok(Page::redirect(&ctx, local_path(field(&form, "next"))))
    }
    .await;
    respond(&ctx, "/logout", r)
}

async fn current_question(state: &PagesState, id: i64) -> Result<(MeetingView, Option<QuestionView>), PageError> {
    let m = meeting::meeting_view(&state.app.db, id).await?;
    let q = m.question.clone();
    Ok((m, q))
}

async fn vote(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<i64>, body: Bytes) -> Page {
    let ctx = Ctx::new(&headers, None);
    let form = form_pairs(&body);
    let path = format!("/meetings/{id}/delegation");
    let r = async {
        let s = form_session(&ctx, &state, &form).await?;
        let (_, q) = current_question(&state, id).await?;
        let q = q.filter(|q| q.status == "open").ok_or_else(|| PageError::from(ApiError::conflict("vote_closed", "no vote is open at this meeting")))?;
        // The state voted for is the form's; the server refuses any but the delegation's own.
        let code = field(&form, "state").filter(|c| !c.is_empty()).map(str::to_string).or_else(|| s.actor.state.clone()).unwrap_or_default();
        let vote = field(&form, "vote").unwrap_or("").to_string();
        meeting::cast_vote(&state.app, &s.actor, q.id, &code, CastVote { vote }).await?;
        Ok(Page::redirect(&ctx, path.clone()))
    }
    .await;
    respond(&ctx, &path, r)
}

async fn open_vote(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<i64>, body: Bytes) -> Page {
    let ctx = Ctx::new(&headers, None);
    let form = form_pairs(&body);
    let path = format!("/meetings/{id}/chair");
    let r = async {
        let s = form_session(&ctx, &state, &form).await?;
        let (mut m, _) = current_question(&state, id).await?;
        if m.status != "open" {
            m = meeting::set_meeting_status(&state.app, &s.actor, id, true).await?;
        }
        let item = field(&form, "item").unwrap_or("");
        let doc = m
            .documents
            .iter()
            .find(|d| d.symbol == item && d.status == "tabled")
            .ok_or_else(|| PageError::from(ApiError::bad_request("unknown_document", format!("{item:?} is not tabled at this meeting")).field("item")))?;
        // "recorded" (the default) or "show_of_hands" (GA rule 87); the API refuses any other.
        let method = field(&form, "method").filter(|m| !m.is_empty() && *m != meeting::METHOD_RECORDED).map(str::to_string);
        meeting::open_vote(&state.app, &s.actor, id, PutQuestion { document_id: doc.id, without_vote: false, method }).await?;
        Ok(Page::redirect(&ctx, path.clone()))
    }
    .await;
    respond(&ctx, &path, r)
}

async fn close_vote(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<i64>, body: Bytes) -> Page {
    let ctx = Ctx::new(&headers, None);
    let form = form_pairs(&body);
    let path = format!("/meetings/{id}/chair");
    let r = async {
        let s = form_session(&ctx, &state, &form).await?;
        let (_, q) = current_question(&state, id).await?;
        let q = q.filter(|q| q.status == "open").ok_or_else(|| PageError::from(ApiError::conflict("vote_closed", "no vote is open at this meeting")))?;
        meeting::close_vote(&state.app, &s.actor, q.id).await?;
        Ok(Page::redirect(&ctx, path.clone()))
    }
    .await;
    respond(&ctx, &path, r)
}

/// A count of the tally form: a whole number, not left empty (a presiding officer in a live
/// meeting announces every count; only a replayed source may leave one out, through the API).
fn count_field(form: &[(String, String)], name: &'static str, label_key: &'static str, lang: Lang) -> Result<u64, PageError> {
    let v = field(form, name).unwrap_or("").trim();
    v.parse::<u64>().map_err(|_| {
        PageError::new(StatusCode::BAD_REQUEST, "web-error-bad-query")
            .arg("field", t(lang, label_key))
            .arg("value", v)
    })
}

/// The chair enters the counts of a vote by show of hands (GA rule 87), as
/// `POST /api/questions/{id}/tally` does: `meeting::enter_tally` decides from them and refuses
/// counts above the members present, a veto by a state that is not a permanent member present,
/// and fewer negative votes than the permanent members marked against. In a body with the veto
/// the checkboxes declare who voted against, none checked declaring that no permanent member
/// did; in the General Assembly the form has none and declares nothing.
async fn tally(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<i64>, body: Bytes) -> Page {
    let ctx = Ctx::new(&headers, None);
    let form = form_pairs(&body);
    let path = format!("/meetings/{id}/chair");
    let r = async {
        let s = form_session(&ctx, &state, &form).await?;
        let (m, q) = current_question(&state, id).await?;
        let q = q.filter(|q| q.status == "open").ok_or_else(|| PageError::from(ApiError::conflict("vote_closed", "no vote is open at this meeting")))?;
        let yes = count_field(&form, "yes", "vote-cat-yes", ctx.lang)?;
        let no = count_field(&form, "no", "vote-cat-no", ctx.lang)?;
        let abstain = count_field(&form, "abstain", "vote-cat-abstain", ctx.lang)?;
        let has_veto = meeting::get_assembly(&state.app.db, m.assembly_id).await?.members.iter().any(|x| x.permanent);
        let vetoed_by = has_veto.then(|| form.iter().filter(|(k, _)| k == "vetoed_by").map(|(_, v)| v.trim().to_ascii_uppercase()).collect());
        meeting::enter_tally(&state.app, &s.actor, q.id, ShowOfHandsTally { yes, no: Some(no), abstain: Some(abstain), vetoed_by }).await?;
        Ok(Page::redirect(&ctx, path.clone()))
    }
    .await;
    respond(&ctx, &path, r)
}

async fn attendance(State(state): State<PagesState>, headers: HeaderMap, Path(id): Path<i64>, body: Bytes) -> Page {
    let ctx = Ctx::new(&headers, None);
    let form = form_pairs(&body);
    let path = format!("/meetings/{id}/chair");
    let r = async {
        let s = form_session(&ctx, &state, &form).await?;
        let (m, _) = current_question(&state, id).await?;
        let present: BTreeSet<String> = form.iter().filter(|(k, _)| k == "present").map(|(_, v)| v.to_ascii_uppercase()).collect();
        let absent = members_of(&state, m.assembly_id).await?.iter().map(|c| c.to_string()).filter(|c| !present.contains(c)).collect();
        meeting::set_attendance(&state.app, &s.actor, id, Attendance { present: present.into_iter().collect(), absent }).await?;
        Ok(Page::redirect(&ctx, path.clone()))
    }
    .await;
    respond(&ctx, &path, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding_keeps_repeated_names_and_decodes_percent_and_plus() {
        let f = form_pairs(b"present=UKR&present=POL&q=ES-11%2F1+vote&x=%zz&e=");
        assert_eq!(field(&f, "q"), Some("ES-11/1 vote"));
        assert_eq!(f.iter().filter(|(k, _)| k == "present").count(), 2);
        assert_eq!(field(&f, "x"), Some("%zz"));
        assert_eq!(field(&f, "e"), Some(""));
    }

    #[test]
    fn a_redirect_after_a_form_never_leaves_the_site() {
        assert_eq!(local_path(Some("/meetings/1/delegation")), "/meetings/1/delegation");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn the_csrf_token_is_bound_to_the_session() {
        assert_ne!(session_csrf("plen_a"), session_csrf("plen_b"));
        assert!(same_token(&session_csrf("plen_a"), &session_csrf("plen_a")));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "abcd"));
    }

    #[test]
    fn decision_urls_keep_the_symbol_slashes() {
        assert_eq!(decision_href("A/RES/ES-11/1"), "/decision/A/RES/ES-11/1");
        assert_eq!(decision_href("S/RES/2774 (2025)"), "/decision/S/RES/2774%20(2025)");
    }
}
