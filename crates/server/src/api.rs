//! The HTTP API. Handlers are thin: they parse, establish who is asking, call one function of
//! [`crate::meeting`] and map its result to JSON. The OpenAPI document is generated from the
//! same annotations (`/api/openapi.json`).

use std::convert::Infallible;

use axum::Json;
use axum::extract::State;
use axum::body::Bytes;
use axum::response::IntoResponse;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::{Actor, Credential};
use crate::error::{ApiError, ApiJson, ApiPath, ErrorBody};
use crate::meeting::{self, *};

#[derive(OpenApi)]
#[openapi(
    info(title = "Plenary", description = "Live meetings of UN-like bodies: drafts, amendments, recorded votes, the Charter's majorities and the veto."),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// The routes and the OpenAPI document that describes them.
pub fn routes() -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(sign_in))
        .routes(routes!(issue_chair))
        .routes(routes!(create_assembly))
        .routes(routes!(get_assembly))
        .routes(routes!(issue_delegation))
        .routes(routes!(set_article_19))
        .routes(routes!(create_meeting))
        .routes(routes!(get_meeting))
        .routes(routes!(open_meeting))
        .routes(routes!(adjourn_meeting))
        .routes(routes!(set_attendance))
        .routes(routes!(table_document))
        .routes(routes!(get_document))
        .routes(routes!(open_vote))
        .routes(routes!(get_question))
        .routes(routes!(cast_vote))
        .routes(routes!(close_vote))
        .routes(routes!(enter_tally))
        .routes(routes!(scheduled))
        .routes(routes!(make_statement, list_statements))
        .routes(routes!(board))
        .split_for_parts()
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub database: String,
    /// The last event of the chain: its number and hash (publish it to anchor the record).
    pub chain_seq: i64,
    pub chain_hash: String,
}

/// Liveness, the database kind and the head of the event chain.
#[utoipa::path(get, path = "/api/health", tag = "server", responses((status = 200, body = Health), (status = 500, body = ErrorBody)))]
async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    use sqlx::Row;
    let r = sqlx::query("SELECT seq, hash FROM event_chain_head WHERE id = 1").fetch_one(&state.db.pool).await?;
    Ok(Json(Health {
        status: "ok".into(),
        database: state.db.dialect.name().into(),
        chain_seq: r.try_get("seq")?,
        chain_hash: r.try_get("hash")?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Token {
    pub token: String,
}

/// Exchanges a username and password for a bearer token.
#[utoipa::path(post, path = "/api/sessions", tag = "accounts", request_body = SignIn,
    responses((status = 200, body = Token), (status = 401, body = ErrorBody)))]
async fn sign_in(State(state): State<AppState>, ApiJson(req): ApiJson<SignIn>) -> Result<Json<Token>, ApiError> {
    Ok(Json(Token { token: meeting::sign_in(&state, &req.username, &req.password).await? }))
}

/// The secretariat issues a presiding officer's credential.
#[utoipa::path(post, path = "/api/chairs", tag = "accounts", request_body = NewChair, security(("bearer" = [])),
    responses((status = 201, body = Credential), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn issue_chair(State(state): State<AppState>, actor: Actor, ApiJson(req): ApiJson<NewChair>) -> Result<(axum::http::StatusCode, Json<Credential>), ApiError> {
    Ok((axum::http::StatusCode::CREATED, Json(meeting::issue_chair(&state, &actor, req).await?)))
}

/// The secretariat sets up an assembly: GA-like, SC-like (by date) or a custom body.
#[utoipa::path(post, path = "/api/assemblies", tag = "assemblies", request_body = NewAssembly, security(("bearer" = [])),
    responses((status = 201, body = AssemblyView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_assembly(State(state): State<AppState>, actor: Actor, ApiJson(req): ApiJson<NewAssembly>) -> Result<(axum::http::StatusCode, Json<AssemblyView>), ApiError> {
    Ok((axum::http::StatusCode::CREATED, Json(meeting::create_assembly(&state, &actor, req).await?)))
}

/// An assembly and its members (public).
#[utoipa::path(get, path = "/api/assemblies/{id}", tag = "assemblies", params(("id" = i64, Path)),
    responses((status = 200, body = AssemblyView), (status = 404, body = ErrorBody)))]
async fn get_assembly(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<AssemblyView>, ApiError> {
    Ok(Json(meeting::get_assembly(&state.db, id).await?))
}

/// The secretariat issues a member's delegation its credential (shown once).
#[utoipa::path(post, path = "/api/assemblies/{id}/delegations", tag = "accounts", params(("id" = i64, Path)), request_body = NewDelegation,
    security(("bearer" = [])),
    responses((status = 201, body = Credential), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn issue_delegation(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>, ApiJson(req): ApiJson<NewDelegation>) -> Result<(axum::http::StatusCode, Json<Credential>), ApiError> {
    Ok((axum::http::StatusCode::CREATED, Json(meeting::issue_delegation(&state, &actor, id, req).await?)))
}

/// The secretariat records that a member has no vote under Art. 19, or restores it.
#[utoipa::path(put, path = "/api/assemblies/{id}/members/{state}/article19", tag = "assemblies",
    params(("id" = i64, Path), ("state" = String, Path, description = "ISO 3166-1 alpha-3")), request_body = Article19Flag,
    security(("bearer" = [])), responses((status = 200, body = MemberView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn set_article_19(State(state): State<AppState>, actor: Actor, ApiPath((id, code)): ApiPath<(i64, String)>, ApiJson(req): ApiJson<Article19Flag>) -> Result<Json<MemberView>, ApiError> {
    Ok(Json(meeting::set_article_19(&state, &actor, id, &code, req).await?))
}

/// The secretariat convenes a meeting.
#[utoipa::path(post, path = "/api/meetings", tag = "meetings", request_body = NewMeeting, security(("bearer" = [])),
    responses((status = 201, body = MeetingView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_meeting(State(state): State<AppState>, actor: Actor, ApiJson(req): ApiJson<NewMeeting>) -> Result<(axum::http::StatusCode, Json<MeetingView>), ApiError> {
    Ok((axum::http::StatusCode::CREATED, Json(meeting::create_meeting(&state, &actor, req).await?)))
}

/// The board of a meeting, as it stands (public).
#[utoipa::path(get, path = "/api/meetings/{id}", tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = ErrorBody)))]
async fn get_meeting(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(meeting::meeting_view(&state.db, id).await?))
}

/// The presiding officer opens the meeting.
#[utoipa::path(post, path = "/api/meetings/{id}/open", tag = "meetings", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn open_meeting(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(meeting::set_meeting_status(&state, &actor, id, true).await?))
}

/// The presiding officer adjourns the meeting.
#[utoipa::path(post, path = "/api/meetings/{id}/adjourn", tag = "meetings", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = MeetingView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn adjourn_meeting(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(meeting::set_meeting_status(&state, &actor, id, false).await?))
}

/// The chair or the secretariat records who is present.
#[utoipa::path(post, path = "/api/meetings/{id}/attendance", tag = "meetings", params(("id" = i64, Path)), request_body = Attendance,
    security(("bearer" = [])), responses((status = 200, body = MeetingView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn set_attendance(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>, ApiJson(req): ApiJson<Attendance>) -> Result<Json<MeetingView>, ApiError> {
    Ok(Json(meeting::set_attendance(&state, &actor, id, req).await?))
}

/// Tables a draft, an amendment (exact edits to a draft's paragraphs) or a motion.
#[utoipa::path(post, path = "/api/meetings/{id}/documents", tag = "documents", params(("id" = i64, Path)), request_body = NewDocument,
    security(("bearer" = [])),
    responses((status = 201, body = DocumentView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn table_document(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>, ApiJson(req): ApiJson<NewDocument>) -> Result<(axum::http::StatusCode, Json<DocumentView>), ApiError> {
    Ok((axum::http::StatusCode::CREATED, Json(meeting::table_document(&state, &actor, id, req).await?)))
}

/// A document with its current text and revision (public).
#[utoipa::path(get, path = "/api/documents/{id}", tag = "documents", params(("id" = i64, Path)),
    responses((status = 200, body = DocumentView), (status = 404, body = ErrorBody)))]
async fn get_document(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<DocumentView>, ApiError> {
    Ok(Json(meeting::get_document(&state.db, id).await?))
}

/// The presiding officer puts a document to the vote; voting opens.
#[utoipa::path(post, path = "/api/meetings/{id}/questions", tag = "votes", params(("id" = i64, Path)), request_body = PutQuestion,
    security(("bearer" = [])),
    responses((status = 201, body = QuestionView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn open_vote(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>, ApiJson(req): ApiJson<PutQuestion>) -> Result<(axum::http::StatusCode, Json<QuestionView>), ApiError> {
    Ok((axum::http::StatusCode::CREATED, Json(meeting::open_vote(&state, &actor, id, req).await?)))
}

/// A question, its votes and, once closed, the decision (public).
#[utoipa::path(get, path = "/api/questions/{id}", tag = "votes", params(("id" = i64, Path)),
    responses((status = 200, body = QuestionView), (status = 404, body = ErrorBody)))]
async fn get_question(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<QuestionView>, ApiError> {
    Ok(Json(meeting::question_view(&state.db, id).await?))
}

/// A delegation casts or changes its state's vote while the vote is open. The receipt is sent
/// only after the vote's event is committed.
#[utoipa::path(put, path = "/api/questions/{id}/votes/{state}", tag = "votes",
    params(("id" = i64, Path), ("state" = String, Path, description = "ISO 3166-1 alpha-3 of the delegation's own state")),
    request_body = CastVote, security(("bearer" = [])),
    responses((status = 200, body = VoteReceipt), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn cast_vote(State(state): State<AppState>, actor: Actor, ApiPath((id, code)): ApiPath<(i64, String)>, ApiJson(req): ApiJson<CastVote>) -> Result<Json<VoteReceipt>, ApiError> {
    Ok(Json(meeting::cast_vote(&state, &actor, id, &code, req).await?))
}

/// The presiding officer closes the vote; the engine decides and the result is announced.
#[utoipa::path(post, path = "/api/questions/{id}/close", tag = "votes", params(("id" = i64, Path)), security(("bearer" = [])),
    responses((status = 200, body = QuestionView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn close_vote(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>) -> Result<Json<QuestionView>, ApiError> {
    Ok(Json(meeting::close_vote(&state, &actor, id).await?))
}

/// The presiding officer closes a vote by show of hands (GA rule 87) by entering its counts;
/// the engine decides from the tally. Refused on a recorded vote, and from anyone but this
/// meeting's presiding officer.
#[utoipa::path(post, path = "/api/questions/{id}/tally", tag = "votes", params(("id" = i64, Path)), request_body = ShowOfHandsTally,
    security(("bearer" = [])),
    responses((status = 200, body = QuestionView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn enter_tally(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>, ApiJson(req): ApiJson<ShowOfHandsTally>) -> Result<Json<QuestionView>, ApiError> {
    Ok(Json(meeting::enter_tally(&state, &actor, id, req).await?))
}

/// The meetings an assembly must hold (public): the General Assembly's debate on each veto
/// cast in the Security Council, with its deadline (A/RES/76/262, para. 1).
#[utoipa::path(get, path = "/api/assemblies/{id}/scheduled", tag = "assemblies", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ScheduledView>), (status = 404, body = ErrorBody)))]
async fn scheduled(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<Vec<ScheduledView>>, ApiError> {
    Ok(Json(meeting::scheduled(&state.db, id).await?))
}

/// The live board (Server-Sent Events): first a `snapshot` (a MeetingView), then each event of
/// the meeting as it is committed (`vote_opened`, `vote_closed`, ...; the SSE id is the event's
/// number, the data `{seq, kind, payload}`), except that votes come as `votes`: the casts on
/// one question committed together, numbered `first`..`last` without a gap, id `last`, data
/// `{"first", "last", "question_id", "votes": [[state, vote, previous or null], ...], "counts":
/// {yes, no, abstain} after the last}` (`votes[i]` is event `first + i`, a `vote_cast` in the
/// log). `resync` means events were missed: fetch `/api/meetings/{id}` again.
#[utoipa::path(get, path = "/api/meetings/{id}/board", tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, description = "text/event-stream", content_type = "text/event-stream"), (status = 404, body = ErrorBody)))]
async fn board(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<axum::response::Response, ApiError> {
    // Subscribe first, then read the snapshot: nothing committed in between is missed, and
    // events the snapshot already shows are skipped by number.
    let rx = state.boards.subscribe(id);
    let snapshot = meeting::meeting_view(&state.db, id).await?;
    let since = snapshot.seq;
    let first = format!("event: snapshot\nid: {since}\ndata: {}\n\n", serde_json::to_string(&snapshot).expect("a view serialises"));
    let events = futures_util::stream::unfold((rx, since), |(mut rx, since)| async move {
        loop {
            let m = match tokio::time::timeout(BOARD_KEEP_ALIVE, rx.recv()).await {
                // A comment line, so proxies and browsers keep an idle stream open.
                Err(_) => return Some((Ok::<Bytes, Infallible>(Bytes::from_static(b":\n\n")), (rx, since))),
                Ok(Err(RecvError::Closed)) => return None,
                Ok(Err(RecvError::Lagged(_))) => crate::board::BoardMessage::resync(),
                Ok(Ok(m)) => m,
            };
            if let Some(chunk) = drain_board(m, &mut rx, since) {
                return Some((Ok(chunk), (rx, since)));
            }
        }
    });
    let mut shutdown = state.shutdown.clone();
    let stream = futures_util::stream::once(std::future::ready(Ok(Bytes::from(first)))).chain(events).take_until(async move {
        let _ = shutdown.wait_for(|stop| *stop).await;
    });
    use axum::http::header;
    Ok((
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
            // Reverse proxies (nginx) must pass each chunk on at once, not buffer the stream.
            (header::HeaderName::from_static("x-accel-buffering"), "no"),
        ],
        axum::body::Body::from_stream(stream),
    )
        .into_response())
}

/// How long a board stream may stay silent before a keep-alive comment.
const BOARD_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(15);

/// Stop draining a board's queue past this many bytes; the rest goes in the next write.
const BOARD_CHUNK_LIMIT: usize = 512 * 1024;

/// Everything already queued for one board, as one chunk: a board woken for one message also
/// takes every message that arrived meanwhile, so a burst of votes costs each connection one
/// wake-up and one write, not one per vote. Events the board's snapshot already shows
/// (`seq <= since`) are skipped. `None` when nothing is left to send.
fn drain_board(first: crate::board::BoardMessage, rx: &mut tokio::sync::broadcast::Receiver<crate::board::BoardMessage>, since: i64) -> Option<Bytes> {
    let keep = |m: &crate::board::BoardMessage| m.is_resync() || m.last_seq > since;
    let mut single = keep(&first).then_some(first);
    let mut joined: Option<Vec<u8>> = None;
    loop {
        let size = joined.as_ref().map(|j| j.len()).or(single.as_ref().map(|m| m.sse.len())).unwrap_or(0);
        if size >= BOARD_CHUNK_LIMIT {
            break;
        }
        let m = match rx.try_recv() {
            Ok(m) => m,
            Err(TryRecvError::Lagged(_)) => crate::board::BoardMessage::resync(),
            Err(TryRecvError::Empty | TryRecvError::Closed) => break,
        };
        if !keep(&m) {
            continue;
        }
        match (&mut joined, single.take()) {
            (Some(j), _) => j.extend_from_slice(&m.sse),
            (None, Some(s)) => {
                let mut j = Vec::with_capacity(s.sse.len() + m.sse.len() * 4);
                j.extend_from_slice(&s.sse);
                j.extend_from_slice(&m.sse);
                joined = Some(j);
            }
            (None, None) => single = Some(m),
        }
    }
    match (joined, single) {
        (Some(j), _) => Some(Bytes::from(j)),
        (None, Some(m)) => Some(m.sse),
        (None, None) => None,
    }
}

/// A delegation explains its vote (before or after the voting), or states after the vote how it
/// intended to vote: noted, the result unchanged.
#[utoipa::path(post, path = "/api/documents/{id}/statements", tag = "votes", params(("id" = i64, Path)), request_body = NewStatement,
    security(("bearer" = [])),
    responses((status = 201, body = StatementView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn make_statement(State(state): State<AppState>, actor: Actor, ApiPath(id): ApiPath<i64>, ApiJson(req): ApiJson<NewStatement>) -> Result<(axum::http::StatusCode, Json<StatementView>), ApiError> {
    Ok((axum::http::StatusCode::CREATED, Json(meeting::make_statement(&state, &actor, id, req).await?)))
}

/// The statements made on a document (public).
#[utoipa::path(get, path = "/api/documents/{id}/statements", tag = "votes", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<StatementView>), (status = 404, body = ErrorBody)))]
async fn list_statements(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<Vec<StatementView>>, ApiError> {
    Ok(Json(meeting::statements(&state.db, id).await?))
}
