//! Assemblies, meetings and votes: the procedure of a live meeting, checked on the server.
//!
//! Every function here is one change: it opens a [`Change`] (which serialises it against all
//! other changes), checks who may do what, writes the live tables and appends one event to the
//! chain in the same transaction. Outcomes come only from the engine (`plenary_rules::decide`).

use std::collections::{BTreeMap, BTreeSet};

use plenary_rules::{Ballot, Body, Date, QuestionKind, StateCode, Subject, Vote};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::{Actor, Credential, Role, create_account};
use crate::chain::{BrokenLink, Change};
use crate::db::{Db, Dialect};
use crate::error::ApiError;

// ---------------------------------------------------------------------------------------------
// Wire types
// ---------------------------------------------------------------------------------------------

/// A deciding body for live meetings.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewAssembly {
    pub name: String,
    /// "GA" (General Assembly-like), "SC" (Security Council-like) or "custom".
    pub body: String,
    /// The date whose membership and majorities apply, YYYY-MM-DD.
    pub date: String,
    /// The members (ISO 3166-1 alpha-3). Optional for GA and SC: default, the body's members on
    /// that date from the bundled membership data.
    #[serde(default)]
    pub members: Option<Vec<String>>,
    /// SC with explicit members: the five permanent members.
    #[serde(default)]
    pub permanent: Option<Vec<String>>,
    /// For "custom": the body definition in TOML (see `plenary_rules::Body::custom_from_toml`).
    #[serde(default)]
    pub custom_toml: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberView {
    pub state: String,
    pub permanent: bool,
    /// Without a vote under Charter Art. 19 (arrears).
    pub without_vote: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssemblyView {
    pub id: i64,
    pub name: String,
    pub body: String,
    pub date: String,
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewDelegation {
    /// The member state (alpha-3) the delegation represents.
    pub state: String,
    #[serde(default)]
    pub username: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewChair {
    pub username: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Article19Flag {
    /// True: the member has no vote under Art. 19; false: the vote is restored (paid, or
    /// exempted by the Assembly because the failure is beyond its control).
    pub without_vote: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewMeeting {
    pub assembly_id: i64,
    pub title: String,
    /// The account of the presiding officer (role chair).
    pub chair_account_id: i64,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Attendance {
    /// Members to mark present.
    #[serde(default)]
    pub present: Vec<String>,
    /// Members to mark absent.
    #[serde(default)]
    pub absent: Vec<String>,
}

/// An exact edit to a draft's paragraphs, numbered from 1 as the draft stood when the
/// amendment was tabled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Edit {
    /// Insert a new paragraph after paragraph `after` (0: at the start).
    Insert { after: usize, text: String },
    /// Delete paragraph `paragraph`.
    Delete { paragraph: usize },
    /// Replace paragraph `paragraph` by `text`.
    Replace { paragraph: usize, text: String },
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewDocument {
    /// "draft", "amendment" or "motion".
    pub kind: String,
    pub symbol: String,
    /// For an amendment: the id of the draft it amends.
    #[serde(default)]
    pub amends: Option<i64>,
    /// "simple", "two_thirds", "procedural" or "substantive".
    pub question: String,
    /// The text, paragraph by paragraph (drafts and motions).
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// An amendment's edits to the draft it amends.
    #[serde(default)]
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DocumentView {
    pub id: i64,
    pub meeting_id: i64,
    pub kind: String,
    pub symbol: String,
    pub amends: Option<i64>,
    pub question: String,
    pub paragraphs: Vec<String>,
    pub edits: Vec<Edit>,
    pub revision: i64,
    /// tabled, adopted, rejected or vetoed.
    pub status: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PutQuestion {
    pub document_id: i64,
    /// The chair proposes adoption without a vote ("May I take it that the Assembly wishes to
    /// adopt ..."), no member asking for a vote: the question is decided at once, adopted, and
    /// recorded with no votes.
    #[serde(default)]
    pub without_vote: bool,
    /// "recorded" (the default: each delegation casts its own vote, recorded by name) or
    /// "show_of_hands" (GA rule 87, and the Security Council's usual way of voting: no
    /// delegation casts a vote on the server; the chair enters the counts with
    /// `POST /api/questions/{id}/tally`, and no state's vote is recorded).
    #[serde(default)]
    pub method: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CastVote {
    /// "Y", "N" or "A".
    pub vote: String,
}

/// The acknowledgement of a vote: sent only after the event recording it is committed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VoteReceipt {
    pub question_id: i64,
    pub state: String,
    pub vote: String,
    pub previous: Option<String>,
    pub seq: i64,
    pub hash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Counts {
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
}

/// What the engine decided, as recorded.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DecisionView {
    /// adopted, rejected or vetoed.
    pub outcome: String,
    pub vetoed_by: Vec<String>,
    pub yes: u64,
    /// `null` only for a vote by show of hands whose negative votes were not reported (a
    /// replayed source that gives only some counts).
    pub no: Option<u64>,
    /// As `no`.
    pub abstain: Option<u64>,
    /// Present and not voting; `null` when a show-of-hands count was not reported.
    pub non_voting: Option<u64>,
    pub absent: u64,
    pub required: u64,
    pub reason: String,
    pub rule: String,
    pub announcement: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuestionView {
    pub id: i64,
    pub document_id: i64,
    pub symbol: String,
    pub kind: String,
    pub question: String,
    /// open or closed.
    pub status: String,
    /// recorded or show_of_hands.
    pub method: String,
    /// The text being voted on: the draft's paragraphs, or for an amendment the paragraphs of
    /// the draft it amends.
    pub paragraphs: Vec<String>,
    pub edits: Vec<Edit>,
    pub votes: BTreeMap<String, String>,
    pub counts: Counts,
    pub decision: Option<DecisionView>,
}

/// The board: everything a screen in the hall shows.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingView {
    pub id: i64,
    pub assembly_id: i64,
    pub body: String,
    pub title: String,
    /// scheduled, open or adjourned.
    pub status: String,
    pub chair_account_id: i64,
    pub present: Vec<String>,
    pub without_vote: Vec<String>,
    pub documents: Vec<DocumentView>,
    /// The question open now, or the last one put.
    pub question: Option<QuestionView>,
    /// The last event reflected in this view.
    pub seq: i64,
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn parse_state(s: &str, field: &str) -> Result<StateCode, ApiError> {
    StateCode::parse(s).ok_or_else(|| {
        ApiError::bad_request("invalid_state", format!("{s:?} is not a state code: expected three letters (ISO 3166-1 alpha-3), e.g. UKR"))
            .field(field)
    })
}

fn parse_date(s: &str) -> Result<Date, ApiError> {
    Date::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| ApiError::bad_request("invalid_date", format!("{s:?} is not a date: expected YYYY-MM-DD")).field("date"))
}

fn parse_question_kind(s: &str) -> Result<QuestionKind, ApiError> {
    QuestionKind::from_code(s).ok_or_else(|| {
        ApiError::bad_request(
            "invalid_question",
            format!("{s:?} is not a kind of question: expected simple, two_thirds, procedural or substantive"),
        )
        .field("question")
    })
}

/// Builds the engine's body for an assembly from its stored definition and its members'
/// current Art. 19 flags.
async fn load_body(conn: &mut sqlx::AnyConnection, assembly_id: i64) -> Result<(Body, String), ApiError> {
    let row = sqlx::query("SELECT body, on_date, spec_json FROM live_assemblies WHERE id = $1")
        .bind(assembly_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| ApiError::not_found("assembly", assembly_id))?;
    let kind: String = row.try_get("body")?;
    let date: String = row.try_get("on_date")?;
    let spec: String = row.try_get("spec_json")?;
    let date = parse_date(&date)?;
    let members = sqlx::query("SELECT state_code, permanent, art19_without_vote FROM live_members WHERE assembly_id = $1 ORDER BY state_code")
        .bind(assembly_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut list = Vec::new();
    let mut art19 = Vec::new();
    for m in &members {
        let code: String = m.try_get("state_code")?;
        let permanent: i64 = m.try_get("permanent")?;
        let without: i64 = m.try_get("art19_without_vote")?;
        let code = StateCode::parse(&code).ok_or_else(|| ApiError::internal(format!("stored state code {code:?}")))?;
        list.push((code, permanent != 0));
        if without != 0 {
            art19.push(code);
        }
    }
    let body = match kind.as_str() {
        "GA" => Body::general_assembly_of(date, list.iter().map(|(c, _)| *c)),
        "SC" => Body::security_council_of(date, list.iter().copied()),
        _ => {
            let spec: Value = serde_json::from_str(&spec).map_err(|e| ApiError::internal(format!("assembly spec: {e}")))?;
            Body::custom_from_toml(spec["custom_toml"].as_str().unwrap_or_default())
        }
    }
    .and_then(|b| b.with_article_19(art19))
    .map_err(|e| ApiError::internal(format!("stored assembly {assembly_id} no longer builds: {e}")))?;
    Ok((body, kind))
}

/// Paragraphs after an amendment's edits. Edits refer to the numbering of `paragraphs`; they are
/// applied from the end so that each keeps its meaning.
pub fn apply_edits(paragraphs: &[String], edits: &[Edit]) -> Result<Vec<String>, String> {
    let n = paragraphs.len();
    let mut touched = BTreeSet::new();
    for e in edits {
        match e {
            Edit::Insert { after, .. } if *after > n => {
                return Err(format!("insert after paragraph {after}, but the draft has {n} paragraphs"));
            }
            Edit::Delete { paragraph } | Edit::Replace { paragraph, .. } => {
                if *paragraph == 0 || *paragraph > n {
                    return Err(format!("paragraph {paragraph} does not exist: the draft has paragraphs 1 to {n}"));
                }
                if !touched.insert(*paragraph) {
                    return Err(format!("paragraph {paragraph} is deleted or replaced twice"));
                }
            }
            _ => {}
        }
    }
    // Position keys: an insert after k sorts just after paragraph k; later inserts after the
    // same k keep their order by being applied first at the same place (reversed below).
    let mut order: Vec<(usize, usize, &Edit)> = edits
        .iter()
        .enumerate()
        .map(|(i, e)| match e {
            Edit::Insert { after, .. } => (after * 2 + 1, i, e),
            Edit::Delete { paragraph } | Edit::Replace { paragraph, .. } => (paragraph * 2, i, e),
        })
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let mut out = paragraphs.to_vec();
    for (_, _, e) in order {
        match e {
            Edit::Insert { after, text } => out.insert(*after, text.clone()),
            Edit::Delete { paragraph } => {
                out.remove(paragraph - 1);
            }
            Edit::Replace { paragraph, text } => out[paragraph - 1] = text.clone(),
        }
    }
    Ok(out)
}

fn subject_of(kind: &str) -> Subject {
    match kind {
        "amendment" => Subject::Amendment,
        "motion" => Subject::Motion,
        _ => Subject::DraftResolution,
    }
}

struct MeetingRow {
    id: i64,
    assembly_id: i64,
    chair_account_id: i64,
    status: String,
}

async fn meeting_row(conn: &mut sqlx::AnyConnection, meeting_id: i64) -> Result<MeetingRow, ApiError> {
    let r = sqlx::query("SELECT assembly_id, chair_account_id, status FROM live_meetings WHERE id = $1")
        .bind(meeting_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| ApiError::not_found("meeting", meeting_id))?;
    Ok(MeetingRow {
        id: meeting_id,
        assembly_id: r.try_get("assembly_id")?,
        chair_account_id: r.try_get("chair_account_id")?,
        status: r.try_get("status")?,
    })
}

/// Only the presiding officer of this meeting may do this.
fn require_chair_of(actor: &Actor, m: &MeetingRow, what: &str) -> Result<(), ApiError> {
    if actor.role == Role::Chair && actor.account_id == m.chair_account_id {
        Ok(())
    } else if actor.role == Role::Chair {
        Err(ApiError::forbidden("not_the_chair", format!("only the presiding officer of this meeting may {what}")))
    } else {
        actor.require(Role::Chair, what)
    }
}

async fn is_member(conn: &mut sqlx::AnyConnection, assembly_id: i64, state: &str) -> Result<Option<bool>, ApiError> {
    let r = sqlx::query("SELECT art19_without_vote FROM live_members WHERE assembly_id = $1 AND state_code = $2")
        .bind(assembly_id)
        .bind(state)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match r {
        Some(r) => Some(r.try_get::<i64, _>("art19_without_vote")? != 0),
        None => None,
    })
}

// ---------------------------------------------------------------------------------------------
// Changes
// ---------------------------------------------------------------------------------------------

/// The secretariat sets up a deciding body: GA-like or SC-like on a date (members from the
/// bundled membership data unless given), or a custom body from TOML. The engine builds the
/// body, so a Council of the wrong size (Art. 23) or a member listed twice is refused here.
pub async fn create_assembly(state: &AppState, actor: &Actor, req: NewAssembly) -> Result<AssemblyView, ApiError> {
    actor.require(Role::Secretariat, "set up an assembly")?;
    if req.name.trim().is_empty() {
        return Err(ApiError::bad_request("missing_field", "an assembly needs a name").field("name"));
    }
    let date = parse_date(&req.date)?;
    let parse_list = |list: &[String], field: &str| -> Result<Vec<StateCode>, ApiError> {
        list.iter().map(|s| parse_state(s, field)).collect()
    };
    let body = match req.body.as_str() {
        "GA" => match &req.members {
            Some(m) => Body::general_assembly_of(date, parse_list(m, "members")?),
            None => Ok(Body::general_assembly(date)),
        },
        "SC" => match &req.members {
            Some(m) => {
                let permanent: BTreeSet<StateCode> = parse_list(req.permanent.as_deref().unwrap_or(&[]), "permanent")?.into_iter().collect();
                Body::security_council_of(date, parse_list(m, "members")?.into_iter().map(|c| (c, permanent.contains(&c))))
            }
            None => Body::security_council(date),
        },
        "custom" => {
            let toml = req.custom_toml.as_deref().ok_or_else(|| {
                ApiError::bad_request("missing_field", "a custom body needs its definition in `custom_toml`").field("custom_toml")
            })?;
            Body::custom_from_toml(toml)
        }
        other => {
            return Err(ApiError::bad_request("invalid_body", format!("{other:?} is not a body: expected GA, SC or custom")).field("body"));
        }
    }
    .map_err(|e| ApiError::bad_request("invalid_body", e.to_string()).field(if req.body == "custom" { "custom_toml" } else { "members" }))?;
    if body.seats() == 0 {
        return Err(ApiError::bad_request("invalid_body", format!("the {} had no members on {date}", body.name())).field("date"));
    }
    let members: Vec<MemberView> = body
        .members()
        .map(|m| MemberView { state: m.code.to_string(), permanent: m.veto, without_vote: body.has_no_vote(m.code) })
        .collect();
    let spec = json!({"body": req.body, "date": req.date, "custom_toml": req.custom_toml});
    let mut change = Change::begin(&state.db).await?;
    let row = sqlx::query("INSERT INTO live_assemblies (name, body, on_date, spec_json, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(req.name.trim())
        .bind(&req.body)
        .bind(date.to_string())
        .bind(crate::chain::canonical_json(&spec))
        .bind(crate::now())
        .fetch_one(change.conn())
        .await?;
    let id: i64 = row.try_get("id")?;
    for m in &members {
        sqlx::query("INSERT INTO live_members (assembly_id, state_code, permanent, art19_without_vote) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(&m.state)
            .bind(m.permanent as i64)
            .bind(m.without_vote as i64)
            .execute(change.conn())
            .await?;
    }
    let view = AssemblyView { id, name: req.name.trim().to_string(), body: req.body.clone(), date: date.to_string(), members };
    state
        .commit(change, "assembly_created", None, Some(actor.account_id), json!({"assembly": view, "spec": spec}))
        .await?;
    Ok(view)
}

pub async fn get_assembly(db: &Db, id: i64) -> Result<AssemblyView, ApiError> {
    let mut conn = db.pool.acquire().await?;
    let r = sqlx::query("SELECT name, body, on_date FROM live_assemblies WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| ApiError::not_found("assembly", id))?;
    let rows = sqlx::query("SELECT state_code, permanent, art19_without_vote FROM live_members WHERE assembly_id = $1 ORDER BY state_code")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    let mut members = Vec::new();
    for m in rows {
        members.push(MemberView {
            state: m.try_get("state_code")?,
            permanent: m.try_get::<i64, _>("permanent")? != 0,
            without_vote: m.try_get::<i64, _>("art19_without_vote")? != 0,
        });
    }
    Ok(AssemblyView { id, name: r.try_get("name")?, body: r.try_get("body")?, date: r.try_get("on_date")?, members })
}

/// The secretariat flags a member without a vote under Art. 19, or restores its vote.
pub async fn set_article_19(state: &AppState, actor: &Actor, assembly_id: i64, code: &str, flag: Article19Flag) -> Result<MemberView, ApiError> {
    actor.require(Role::Secretariat, "record a member's Art. 19 status")?;
    let code = parse_state(code, "state")?.to_string();
    let mut change = Change::begin(&state.db).await?;
    let member = sqlx::query("SELECT permanent FROM live_members WHERE assembly_id = $1 AND state_code = $2")
        .bind(assembly_id)
        .bind(&code)
        .fetch_optional(change.conn())
        .await?
        .ok_or_else(|| ApiError::bad_request("not_a_member", format!("{code} is not a member of assembly {assembly_id}")).field("state"))?;
    let permanent = member.try_get::<i64, _>("permanent")? != 0;
    sqlx::query("UPDATE live_members SET art19_without_vote = $1 WHERE assembly_id = $2 AND state_code = $3")
        .bind(flag.without_vote as i64)
        .bind(assembly_id)
        .bind(&code)
        .execute(change.conn())
        .await?;
    state
        .commit(change, "article_19_flag", None, Some(actor.account_id), json!({"assembly_id": assembly_id, "state": code, "without_vote": flag.without_vote}))
        .await?;
    Ok(MemberView { state: code, permanent, without_vote: flag.without_vote })
}

/// The secretariat issues a member's delegation its credential (one delegation per member).
pub async fn issue_delegation(state: &AppState, actor: &Actor, assembly_id: i64, req: NewDelegation) -> Result<Credential, ApiError> {
    actor.require(Role::Secretariat, "issue delegation credentials")?;
    let code = parse_state(&req.state, "state")?.to_string();
    let password = crate::auth::new_hashed_password().await?;
    let mut change = Change::begin(&state.db).await?;
    if is_member(change.conn(), assembly_id, &code).await?.is_none() {
        let exists = sqlx::query("SELECT id FROM live_assemblies WHERE id = $1").bind(assembly_id).fetch_optional(change.conn()).await?;
        if exists.is_none() {
            return Err(ApiError::not_found("assembly", assembly_id));
        }
        return Err(ApiError::bad_request("not_a_member", format!("{code} is not a member of assembly {assembly_id}")).field("state"));
    }
    let username = req.username.unwrap_or_else(|| format!("{}-{assembly_id}", code.to_ascii_lowercase()));
    let cred = create_account(&mut change, password, &username, Role::Delegation, Some(assembly_id), Some(&code)).await?;
    state
        .commit(
            change,
            "account_created",
            None,
            Some(actor.account_id),
            json!({"account_id": cred.account_id, "username": cred.username, "role": "delegation", "assembly_id": assembly_id, "state": code}),
        )
        .await?;
    Ok(cred)
}

/// The secretariat issues a presiding officer's credential.
pub async fn issue_chair(state: &AppState, actor: &Actor, req: NewChair) -> Result<Credential, ApiError> {
    actor.require(Role::Secretariat, "issue a presiding officer's credential")?;
    if req.username.trim().is_empty() {
        return Err(ApiError::bad_request("missing_field", "a username is needed").field("username"));
    }
    let password = crate::auth::new_hashed_password().await?;
    let mut change = Change::begin(&state.db).await?;
    let cred = create_account(&mut change, password, req.username.trim(), Role::Chair, None, None).await?;
    state
        .commit(change, "account_created", None, Some(actor.account_id), json!({"account_id": cred.account_id, "username": cred.username, "role": "chair"}))
        .await?;
    Ok(cred)
}

/// Exchanges a username and password for a new bearer token.
pub async fn sign_in(state: &AppState, username: &str, password: &str) -> Result<String, ApiError> {
    let row = sqlx::query("SELECT id, password_hash FROM live_accounts WHERE username = $1")
        .bind(username)
        .fetch_optional(&state.db.pool)
        .await?;
    let bad = || ApiError::unauthorized("unknown username or wrong password");
    let Some(row) = row else { return Err(bad()) };
    let id: i64 = row.try_get("id")?;
    let phc: Option<String> = row.try_get("password_hash")?;
    let ok = match phc {
        Some(phc) => {
            let password = password.to_string();
            tokio::task::spawn_blocking(move || crate::auth::verify_password(&password, &phc))
                .await
                .map_err(|e| ApiError::internal(e.to_string()))?
        }
        None => false,
    };
    if !ok {
        return Err(bad());
    }
    let mut change = Change::begin(&state.db).await?;
    let token = crate::auth::issue_token(&mut change, id).await?;
    state.commit(change, "signed_in", None, Some(id), json!({"account_id": id})).await?;
    Ok(token)
}

/// The secretariat convenes a meeting of an assembly, presided over by a chair.
pub async fn create_meeting(state: &AppState, actor: &Actor, req: NewMeeting) -> Result<MeetingView, ApiError> {
    actor.require(Role::Secretariat, "convene a meeting")?;
    let mut change = Change::begin(&state.db).await?;
    let exists = sqlx::query("SELECT id FROM live_assemblies WHERE id = $1").bind(req.assembly_id).fetch_optional(change.conn()).await?;
    if exists.is_none() {
        return Err(ApiError::not_found("assembly", req.assembly_id).field("assembly_id"));
    }
    let chair = sqlx::query("SELECT role FROM live_accounts WHERE id = $1").bind(req.chair_account_id).fetch_optional(change.conn()).await?;
    match chair {
        Some(r) if r.try_get::<String, _>("role")? == "chair" => {}
        _ => {
            return Err(ApiError::bad_request("not_a_chair", format!("account {} is not a presiding officer (role chair)", req.chair_account_id))
                .field("chair_account_id"));
        }
    }
    let row = sqlx::query(
        "INSERT INTO live_meetings (assembly_id, title, chair_account_id, status, created_at) VALUES ($1, $2, $3, 'scheduled', $4) RETURNING id",
    )
    .bind(req.assembly_id)
    .bind(&req.title)
    .bind(req.chair_account_id)
    .bind(crate::now())
    .fetch_one(change.conn())
    .await?;
    let id: i64 = row.try_get("id")?;
    state
        .commit(
            change,
            "meeting_created",
            Some(id),
            Some(actor.account_id),
            json!({"meeting_id": id, "assembly_id": req.assembly_id, "title": req.title, "chair_account_id": req.chair_account_id}),
        )
        .await?;
    meeting_view(&state.db, id).await
}

/// The presiding officer opens or adjourns the meeting.
pub async fn set_meeting_status(state: &AppState, actor: &Actor, meeting_id: i64, open: bool) -> Result<MeetingView, ApiError> {
    let mut change = Change::begin(&state.db).await?;
    let m = meeting_row(change.conn(), meeting_id).await?;
    require_chair_of(actor, &m, if open { "open the meeting" } else { "adjourn the meeting" })?;
    let (from, to) = if open { ("scheduled", "open") } else { ("open", "adjourned") };
    if m.status != from {
        return Err(ApiError::conflict("wrong_meeting_status", format!("the meeting is {}; it must be {from} to become {to}", m.status)));
    }
    if !open {
        let q = sqlx::query("SELECT id FROM live_questions WHERE meeting_id = $1 AND status = 'open'").bind(meeting_id).fetch_optional(change.conn()).await?;
        if q.is_some() {
            return Err(ApiError::conflict("vote_in_progress", "a vote is open: close it before adjourning"));
        }
    }
    sqlx::query("UPDATE live_meetings SET status = $1 WHERE id = $2").bind(to).bind(meeting_id).execute(change.conn()).await?;
    state
        .commit(change, if open { "meeting_opened" } else { "meeting_adjourned" }, Some(meeting_id), Some(actor.account_id), json!({"meeting_id": meeting_id, "status": to}))
        .await?;
    meeting_view(&state.db, meeting_id).await
}

/// The chair or the secretariat records who is present.
pub async fn set_attendance(state: &AppState, actor: &Actor, meeting_id: i64, req: Attendance) -> Result<MeetingView, ApiError> {
    let mut change = Change::begin(&state.db).await?;
    let m = meeting_row(change.conn(), meeting_id).await?;
    if actor.role != Role::Secretariat {
        require_chair_of(actor, &m, "take attendance")?;
    }
    let mut present = BTreeSet::new();
    let mut absent = BTreeSet::new();
    for (list, field, set) in [(&req.present, "present", &mut present), (&req.absent, "absent", &mut absent)] {
        for s in list {
            let code = parse_state(s, field)?.to_string();
            if is_member(change.conn(), m.assembly_id, &code).await?.is_none() {
                return Err(ApiError::bad_request("not_a_member", format!("{code} is not a member of this assembly")).field(field));
            }
            set.insert(code);
        }
    }
    if let Some(both) = present.intersection(&absent).next() {
        return Err(ApiError::bad_request("contradictory_attendance", format!("{both} is marked both present and absent")).field("absent"));
    }
    for (set, flag) in [(&present, 1i64), (&absent, 0i64)] {
        for code in set.iter() {
            sqlx::query(
                "INSERT INTO live_attendance (meeting_id, state_code, present) VALUES ($1, $2, $3) \
                 ON CONFLICT (meeting_id, state_code) DO UPDATE SET present = excluded.present",
            )
            .bind(meeting_id)
            .bind(code)
            .bind(flag)
            .execute(change.conn())
            .await?;
        }
    }
    state
        .commit(change, "attendance", Some(meeting_id), Some(actor.account_id), json!({"present": present, "absent": absent}))
        .await?;
    meeting_view(&state.db, meeting_id).await
}

/// A draft, amendment or motion is tabled: by a delegation of a member, the secretariat or the
/// chair. Amendments are checked against the draft they amend (exact paragraphs).
pub async fn table_document(state: &AppState, actor: &Actor, meeting_id: i64, req: NewDocument) -> Result<DocumentView, ApiError> {
    if actor.role == Role::Observer {
        return Err(ApiError::forbidden("wrong_role", "observers cannot table documents"));
    }
    let kind = req.kind.as_str();
    if !matches!(kind, "draft" | "amendment" | "motion") {
        return Err(ApiError::bad_request("invalid_kind", format!("{kind:?} is not a kind of document: expected draft, amendment or motion")).field("kind"));
    }
    let question = parse_question_kind(&req.question)?;
    if req.symbol.trim().is_empty() {
        return Err(ApiError::bad_request("missing_field", "a document needs a symbol, e.g. A/ES-11/L.10").field("symbol"));
    }
    let mut change = Change::begin(&state.db).await?;
    let m = meeting_row(change.conn(), meeting_id).await?;
    if actor.role == Role::Delegation && actor.assembly_id != Some(m.assembly_id) {
        return Err(ApiError::forbidden("not_your_assembly", "your delegation does not sit in this meeting's assembly"));
    }
    let (body, _) = load_body(change.conn(), m.assembly_id).await?;
    body.rule_for(question).map_err(|e| ApiError::bad_request("invalid_question", e.to_string()).field("question"))?;
    match (kind, req.amends) {
        ("amendment", None) => {
            return Err(ApiError::bad_request("missing_field", "an amendment names the draft it amends in `amends`").field("amends"));
        }
        ("amendment", Some(target)) => {
            if req.edits.is_empty() {
                return Err(ApiError::bad_request("missing_field", "an amendment needs at least one edit").field("edits"));
            }
            let t = sqlx::query("SELECT kind, paragraphs_json, status FROM live_documents WHERE id = $1 AND meeting_id = $2")
                .bind(target)
                .bind(meeting_id)
                .fetch_optional(change.conn())
                .await?
                .ok_or_else(|| ApiError::bad_request("unknown_document", format!("no document {target} in this meeting")).field("amends"))?;
            if t.try_get::<String, _>("kind")? != "draft" {
                return Err(ApiError::bad_request("not_a_draft", format!("document {target} is not a draft")).field("amends"));
            }
            let paragraphs: Vec<String> = serde_json::from_str(&t.try_get::<String, _>("paragraphs_json")?).unwrap_or_default();
            apply_edits(&paragraphs, &req.edits).map_err(|e| ApiError::bad_request("invalid_edit", e).field("edits"))?;
        }
        (_, Some(_)) => return Err(ApiError::bad_request("unexpected_field", "only an amendment amends a draft").field("amends")),
        (_, None) => {
            if !req.edits.is_empty() {
                return Err(ApiError::bad_request("unexpected_field", "only an amendment has edits").field("edits"));
            }
        }
    }
    let dup = sqlx::query("SELECT id FROM live_documents WHERE meeting_id = $1 AND symbol = $2")
        .bind(meeting_id)
        .bind(req.symbol.trim())
        .fetch_optional(change.conn())
        .await?;
    if dup.is_some() {
        return Err(ApiError::conflict("duplicate_symbol", format!("{} is already tabled in this meeting", req.symbol.trim())).field("symbol"));
    }
    let paragraphs_json = serde_json::to_string(&req.paragraphs).expect("strings serialise");
    let edits_json = serde_json::to_string(&req.edits).expect("edits serialise");
    let row = sqlx::query(
        "INSERT INTO live_documents (meeting_id, kind, symbol, amends_id, question_kind, paragraphs_json, edits_json, revision, status, tabled_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, 'tabled', $8) RETURNING id",
    )
    .bind(meeting_id)
    .bind(kind)
    .bind(req.symbol.trim())
    .bind(req.amends)
    .bind(question.code())
    .bind(&paragraphs_json)
    .bind(&edits_json)
    .bind(actor.account_id)
    .fetch_one(change.conn())
    .await?;
    let id: i64 = row.try_get("id")?;
    let view = DocumentView {
        id,
        meeting_id,
        kind: kind.to_string(),
        symbol: req.symbol.trim().to_string(),
        amends: req.amends,
        question: question.code().to_string(),
        paragraphs: req.paragraphs,
        edits: req.edits,
        revision: 1,
        status: "tabled".into(),
    };
    state
        .commit(change, "document_tabled", Some(meeting_id), Some(actor.account_id), json!({"document": view, "by_state": actor.state}))
        .await?;
    Ok(view)
}

async fn document(conn: &mut sqlx::AnyConnection, id: i64) -> Result<DocumentView, ApiError> {
    let r = sqlx::query(
        "SELECT id, meeting_id, kind, symbol, amends_id, question_kind, paragraphs_json, edits_json, revision, status FROM live_documents WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| ApiError::not_found("document", id))?;
    doc_from_row(&r)
}

fn doc_from_row(r: &sqlx::any::AnyRow) -> Result<DocumentView, ApiError> {
    Ok(DocumentView {
        id: r.try_get("id")?,
        meeting_id: r.try_get("meeting_id")?,
        kind: r.try_get("kind")?,
        symbol: r.try_get("symbol")?,
        amends: r.try_get("amends_id")?,
        question: r.try_get("question_kind")?,
        paragraphs: serde_json::from_str(&r.try_get::<String, _>("paragraphs_json")?).unwrap_or_default(),
        edits: serde_json::from_str(&r.try_get::<String, _>("edits_json")?).unwrap_or_default(),
        revision: r.try_get("revision")?,
        status: r.try_get("status")?,
    })
}

pub async fn get_document(db: &Db, id: i64) -> Result<DocumentView, ApiError> {
    let mut conn = db.pool.acquire().await?;
    document(&mut conn, id).await
}

/// The presiding officer puts a tabled document to the vote; voting opens at once. One
/// question at a time: a vote, once begun, is not interrupted (GA rule 88; SC practice).
pub async fn open_vote(state: &AppState, actor: &Actor, meeting_id: i64, req: PutQuestion) -> Result<QuestionView, ApiError> {
    let mut change = Change::begin(&state.db).await?;
    let m = meeting_row(change.conn(), meeting_id).await?;
    require_chair_of(actor, &m, "put a question to the vote")?;
    if m.status != "open" {
        return Err(ApiError::conflict("meeting_not_open", format!("the meeting is {}: open it first", m.status)));
    }
    let open = sqlx::query("SELECT id FROM live_questions WHERE meeting_id = $1 AND status = 'open'").bind(meeting_id).fetch_optional(change.conn()).await?;
    if let Some(r) = open {
        let q: i64 = r.try_get("id")?;
        return Err(ApiError::conflict("vote_in_progress", format!("question {q} is being voted on: close it first")));
    }
    let doc = document(change.conn(), req.document_id).await.map_err(|e| e.field("document_id"))?;
    if doc.meeting_id != meeting_id {
        return Err(ApiError::bad_request("unknown_document", format!("document {} is not before this meeting", doc.id)).field("document_id"));
    }
    if doc.status != "tabled" {
        return Err(ApiError::conflict("already_decided", format!("{} was already decided: {}", doc.symbol, doc.status)).field("document_id"));
    }
    let paragraphs = if let Some(target) = doc.amends {
        let t = document(change.conn(), target).await?;
        apply_edits(&t.paragraphs, &doc.edits).map_err(|e| {
            ApiError::conflict("amendment_no_longer_applies", format!("{} no longer applies to {} as it now stands: {e}", doc.symbol, t.symbol))
        })?;
        t.paragraphs
    } else {
        doc.paragraphs.clone()
    };
    let now = crate::now();
    let method = match req.method.as_deref() {
        None | Some(METHOD_RECORDED) => METHOD_RECORDED,
        Some(METHOD_SHOW_OF_HANDS) => METHOD_SHOW_OF_HANDS,
        Some(other) => {
            return Err(ApiError::bad_request("invalid_method", format!("{other:?} is not a way of voting: expected recorded or show_of_hands")).field("method"));
        }
    };
    if req.without_vote {
        if req.method.is_some() {
            return Err(ApiError::bad_request("unexpected_field", "a decision without a vote has no method of voting").field("method"));
        }
        return adopt_without_vote(state, actor, change, &m, meeting_id, doc, paragraphs, now).await;
    }
    let row = sqlx::query("INSERT INTO live_questions (meeting_id, document_id, status, opened_at, method) VALUES ($1, $2, 'open', $3, $4) RETURNING id")
        .bind(meeting_id)
        .bind(doc.id)
        .bind(&now)
        .bind(method)
        .fetch_one(change.conn())
        .await?;
    let id: i64 = row.try_get("id")?;
    let view = QuestionView {
        id,
        document_id: doc.id,
        symbol: doc.symbol.clone(),
        kind: doc.kind.clone(),
        question: doc.question.clone(),
        status: "open".into(),
        method: method.into(),
        paragraphs,
        edits: doc.edits.clone(),
        votes: BTreeMap::new(),
        counts: Counts::default(),
        decision: None,
    };
    state.commit(change, "vote_opened", Some(meeting_id), Some(actor.account_id), json!({"question": view})).await?;
    Ok(view)
}

/// Adoption without a vote: the chair proposes it and, no member asking for a vote, the
/// proposal is adopted at once. The practice is the General Assembly's: annex IV of its rules of
/// procedure (A/520/Rev.20), the conclusions of the Special Committee on the Rationalization of
/// the Procedures and Organization of the General Assembly, holds adoption by consensus
/// "desirable when it contributes to the effective and lasting settlement of differences"
/// (report A/8426, para. 104); and the Council's (a presidential proposal adopted without
/// objection). The question is opened and closed in one
/// change, with one `vote_closed` event, so the board and `plenary verify` treat it like any
/// other decision; the record stores it with adoption `without-vote` and no positions.
#[allow(clippy::too_many_arguments)]
async fn adopt_without_vote(
    state: &AppState,
    actor: &Actor,
    mut change: Change,
    m: &MeetingRow,
    meeting_id: i64,
    doc: DocumentView,
    paragraphs: Vec<String>,
    now: String,
) -> Result<QuestionView, ApiError> {
    let what = match doc.kind.as_str() {
        "amendment" => "amendment",
        "motion" => "motion",
        _ => "draft resolution",
    };
    let decision = DecisionView {
        outcome: "adopted".into(),
        vetoed_by: Vec::new(),
        yes: 0,
        no: Some(0),
        abstain: Some(0),
        non_voting: Some(0),
        absent: 0,
        required: 0,
        reason: "adopted-without-a-vote".into(),
        rule: "adoption without a vote: rules of procedure of the General Assembly (A/520/Rev.20), annex IV (A/8426, para. 104); Security Council practice".into(),
        announcement: format!("The {what} {} was adopted without a vote.", doc.symbol),
    };
    let decision_json = serde_json::to_string(&decision).expect("a decision serialises");
    let row = sqlx::query(
        "INSERT INTO live_questions (meeting_id, document_id, status, opened_at, closed_at, decision_json) VALUES ($1, $2, 'closed', $3, $3, $4) RETURNING id",
    )
    .bind(meeting_id)
    .bind(doc.id)
    .bind(&now)
    .bind(&decision_json)
    .fetch_one(change.conn())
    .await?;
    let question_id: i64 = row.try_get("id")?;
    sqlx::query("UPDATE live_documents SET status = 'adopted' WHERE id = $1").bind(doc.id).execute(change.conn()).await?;
    let mut amended = Value::Null;
    if let Some(target) = doc.amends {
        let t = document(change.conn(), target).await?;
        let text = apply_edits(&paragraphs, &doc.edits)
            .map_err(|e| ApiError::conflict("amendment_no_longer_applies", format!("{} no longer applies to {}: {e}", doc.symbol, t.symbol)))?;
        sqlx::query("UPDATE live_documents SET paragraphs_json = $1, revision = revision + 1 WHERE id = $2")
            .bind(serde_json::to_string(&text).expect("strings serialise"))
            .bind(target)
            .execute(change.conn())
            .await?;
        amended = json!({"document_id": target, "symbol": t.symbol, "revision": t.revision + 1, "paragraphs": text});
    }
    let seq = change.seq();
    let record_id = enter_into_record(change.conn(), &state.db, m.assembly_id, meeting_id, &doc, &decision, None, BTreeMap::new(), "without_vote", seq).await?;
    state
        .commit(
            change,
            "vote_closed",
            Some(meeting_id),
            Some(actor.account_id),
            json!({"question_id": question_id, "document_id": doc.id, "symbol": doc.symbol, "decision": decision, "positions": {}, "amended": amended,
                   "without_vote": true, "record_decision_id": record_id}),
        )
        .await?;
    question_view(&state.db, question_id).await
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewStatement {
    /// "explanation_before" (while the document is not yet decided and no vote on it is open),
    /// "explanation_after" (once it is decided), or "intended_vote" (once it is decided: how
    /// the delegation meant to vote).
    pub kind: String,
    /// For "intended_vote": Y, N or A.
    #[serde(default)]
    pub vote: Option<String>,
    /// What the delegation says.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatementView {
    pub id: i64,
    pub document_id: i64,
    pub state: String,
    pub kind: String,
    pub vote: Option<String>,
    pub text: String,
    pub seq: i64,
    /// For an intended vote: the decision as it stands, which the statement does not change.
    pub decision: Option<DecisionView>,
}

/// A delegation's statement about a vote on a document: an explanation of vote before or after
/// the voting (GA rule 88: the President may permit members to explain their votes, before or
/// after the voting, but not while it is under way), or, after the vote, the statement that it
/// intended to vote otherwise, which is noted in the record and leaves the result unchanged
/// (the voting is over once the result is announced, GA rule 88). Only a delegation of the
/// meeting's assembly makes one, for its own state.
pub async fn make_statement(state: &AppState, actor: &Actor, document_id: i64, req: NewStatement) -> Result<StatementView, ApiError> {
    actor.require(Role::Delegation, "make a statement on a vote")?;
    let code = actor.state.clone().ok_or_else(|| ApiError::forbidden("not_your_state", "your account represents no state"))?;
    let vote = match (req.kind.as_str(), req.vote.as_deref()) {
        ("intended_vote", Some(v @ ("Y" | "N" | "A"))) => Some(v.to_string()),
        ("intended_vote", other) => {
            return Err(ApiError::bad_request("invalid_vote", format!("{other:?} is not a vote: an intended vote is Y (yes), N (no) or A (abstain)")).field("vote"));
        }
        ("explanation_before" | "explanation_after", None) => None,
        ("explanation_before" | "explanation_after", Some(_)) => {
            return Err(ApiError::bad_request("unexpected_field", "only an intended vote carries a vote").field("vote"));
        }
        (other, _) => {
            return Err(ApiError::bad_request(
                "invalid_kind",
                format!("{other:?} is not a kind of statement: expected explanation_before, explanation_after or intended_vote"),
            )
            .field("kind"));
        }
    };
    if vote.is_none() && req.text.trim().is_empty() {
        return Err(ApiError::bad_request("missing_field", "an explanation of vote needs its text").field("text"));
    }
    let mut change = Change::begin(&state.db).await?;
    let doc = document(change.conn(), document_id).await?;
    let m = meeting_row(change.conn(), doc.meeting_id).await?;
    if actor.assembly_id != Some(m.assembly_id) {
        return Err(ApiError::forbidden("not_your_assembly", "your delegation does not sit in this meeting's assembly"));
    }
    let open = sqlx::query("SELECT id FROM live_questions WHERE document_id = $1 AND status = 'open'").bind(document_id).fetch_optional(change.conn()).await?;
    if open.is_some() {
        return Err(ApiError::conflict("vote_in_progress", format!("the vote on {} is under way: no statement may interrupt it (GA rule 88)", doc.symbol)));
    }
    let decided = doc.status != "tabled";
    match (req.kind.as_str(), decided) {
        ("explanation_before", true) => {
            return Err(ApiError::conflict("already_decided", format!("{} was already decided: explain the vote after it", doc.symbol)).field("kind"));
        }
        ("explanation_after" | "intended_vote", false) => {
            return Err(ApiError::conflict("not_yet_decided", format!("{} has not been voted on yet", doc.symbol)).field("kind"));
        }
        _ => {}
    }
    let decision: Option<DecisionView> = if decided {
        let r = sqlx::query("SELECT decision_json FROM live_questions WHERE document_id = $1 AND status = 'closed' ORDER BY id DESC LIMIT 1")
            .bind(document_id)
            .fetch_optional(change.conn())
            .await?;
        r.and_then(|r| r.try_get::<Option<String>, _>("decision_json").ok().flatten()).and_then(|d| serde_json::from_str(&d).ok())
    } else {
        None
    };
    let seq = change.seq();
    let row = sqlx::query("INSERT INTO live_statements (document_id, state_code, kind, vote, text, event_seq) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(document_id)
        .bind(&code)
        .bind(&req.kind)
        .bind(vote.clone())
        .bind(req.text.trim())
        .bind(seq)
        .fetch_one(change.conn())
        .await?;
    let id: i64 = row.try_get("id")?;
    let view = StatementView { id, document_id, state: code, kind: req.kind.clone(), vote, text: req.text.trim().to_string(), seq, decision };
    state.commit(change, "statement", Some(doc.meeting_id), Some(actor.account_id), json!({"statement": view, "symbol": doc.symbol})).await?;
    Ok(view)
}

/// The statements made on a document, in the order made (public).
pub async fn statements(db: &Db, document_id: i64) -> Result<Vec<StatementView>, ApiError> {
    let mut conn = db.pool.acquire().await?;
    document(&mut conn, document_id).await?;
    let rows = sqlx::query("SELECT id, state_code, kind, vote, text, event_seq FROM live_statements WHERE document_id = $1 ORDER BY id")
        .bind(document_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(StatementView {
                id: r.try_get("id")?,
                document_id,
                state: r.try_get("state_code")?,
                kind: r.try_get("kind")?,
                vote: r.try_get("vote")?,
                text: r.try_get("text")?,
                seq: r.try_get("event_seq")?,
                decision: None,
            })
        })
        .collect()
}

/// A delegation casts, or changes, its state's vote. Refused unless: the caller is that state's
/// delegation in this assembly; the vote is open; the state is present; it has its vote
/// (Charter Art. 19). Acknowledged only after the event is committed: the vote goes to the
/// [`CastWriter`], which writes the votes that arrive together in one transaction.
pub async fn cast_vote(state: &AppState, actor: &Actor, question_id: i64, code: &str, req: CastVote) -> Result<VoteReceipt, ApiError> {
    actor.require(Role::Delegation, "vote")?;
    let code = parse_state(code, "state")?.to_string();
    if actor.state.as_deref() != Some(code.as_str()) {
        return Err(ApiError::forbidden(
            "not_your_state",
            format!("you are the delegation of {}; you cannot vote for {code}", actor.state.as_deref().unwrap_or("no state")),
        )
        .field("state"));
    }
    let vote = match Vote::from_code(&req.vote) {
        Some(v @ (Vote::Yes | Vote::No | Vote::Abstain)) => v,
        _ => {
            return Err(ApiError::bad_request("invalid_vote", format!("{:?} is not a vote: expected Y (yes), N (no) or A (abstain)", req.vote)).field("vote"));
        }
    };
    state.casts.cast(CastJob { actor: actor.clone(), question_id, code, vote }).await
}

/// One vote waiting to be written: who casts it, on what, and how.
#[derive(Debug, Clone)]
pub struct CastJob {
    pub actor: Actor,
    pub question_id: i64,
    /// The state's ISO 3166-1 alpha-3 code, already checked to be the actor's own.
    pub code: String,
    pub vote: Vote,
}

/// Most votes written in one transaction: more than the General Assembly's 193 Members, so a
/// full hall voting at once fits in a batch or two.
const MAX_CAST_BATCH: usize = 512;

/// The group commit of votes. Every cast goes to one writer task through a queue; the writer
/// takes everything queued, writes each vote and its own chained event in one transaction (one
/// fsync for the lot, instead of one per vote, which on SQLite with `synchronous = FULL` made
/// 193 votes wait 193 fsyncs in a row), commits, then publishes the events to the boards, in
/// order, and answers each caller. So each vote is still acknowledged only once its event is
/// durable, the chain stays one ordered chain, and the changes other than votes keep their
/// place in line through the same lock ([`Change::begin`]).
///
/// A vote that is refused (closed, not present, Article 19...) is decided by reads made before
/// that vote writes anything, so it leaves the transaction as it was and the other votes of its
/// batch go on; its caller gets its refusal at once. A database error fails the whole batch:
/// none of its votes is committed, so none is acknowledged, and each caller gets the error.
#[derive(Clone)]
pub struct CastWriter {
    queue: tokio::sync::mpsc::Sender<(CastJob, tokio::sync::oneshot::Sender<Result<VoteReceipt, ApiError>>)>,
}

impl CastWriter {
    /// Starts the writer task; it ends when the last `CastWriter` is dropped.
    pub fn spawn(db: Db, boards: std::sync::Arc<crate::board::Boards>) -> CastWriter {
        let (queue, rx) = tokio::sync::mpsc::channel(4 * MAX_CAST_BATCH);
        tokio::spawn(write_casts(db, boards, rx));
        CastWriter { queue }
    }

    /// Queues a vote and waits for its receipt (once durable) or its refusal.
    pub async fn cast(&self, job: CastJob) -> Result<VoteReceipt, ApiError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.queue.send((job, reply)).await.map_err(|_| ApiError::internal("the vote writer has stopped; the vote was not recorded"))?;
        answer.await.map_err(|_| ApiError::internal("the vote writer stopped before the vote was committed; it may not be recorded"))?
    }
}

type CastReply = tokio::sync::oneshot::Sender<Result<VoteReceipt, ApiError>>;

async fn write_casts(db: Db, boards: std::sync::Arc<crate::board::Boards>, mut rx: tokio::sync::mpsc::Receiver<(CastJob, CastReply)>) {
    let mut jobs = Vec::with_capacity(MAX_CAST_BATCH);
    while rx.recv_many(&mut jobs, MAX_CAST_BATCH).await > 0 {
        let batch = std::mem::take(&mut jobs);
        let n = batch.len();
        let started = std::time::Instant::now();
        write_cast_batch(&db, &boards, batch).await;
        tracing::debug!(votes = n, ms = started.elapsed().as_secs_f64() * 1000.0, "vote batch committed");
    }
}

/// Why a vote of a batch was not written.
enum CastFailure {
    /// Refused before it wrote anything: the batch goes on.
    Refused(ApiError),
    /// The database failed: the batch's transaction cannot be committed.
    Database(ApiError),
}

impl From<sqlx::Error> for CastFailure {
    fn from(e: sqlx::Error) -> Self {
        CastFailure::Database(e.into())
    }
}

/// Writes one batch of votes in one transaction, then answers every caller.
pub async fn write_cast_batch(db: &Db, boards: &crate::board::Boards, batch: Vec<(CastJob, CastReply)>) {
    let fail_all = |replies: Vec<CastReply>, e: ApiError| {
        for r in replies {
            let _ = r.send(Err(e.clone()));
        }
    };
    let mut change = match Change::begin(db).await {
        Ok(c) => c,
        Err(e) => return fail_all(batch.into_iter().map(|(_, r)| r).collect(), e.into()),
    };
    let mut written: Vec<(CastReply, VoteReceipt)> = Vec::with_capacity(batch.len());
    let mut counts = BTreeMap::new();
    let mut jobs = batch.into_iter();
    while let Some((job, reply)) = jobs.next() {
        match cast_in(&mut change, &mut counts, &job).await {
            Ok(receipt) => written.push((reply, receipt)),
            Err(CastFailure::Refused(e)) => {
                let _ = reply.send(Err(e));
            }
            Err(CastFailure::Database(e)) => {
                tracing::error!(error = %e, "a vote batch failed: none of its votes is recorded");
                let mut replies: Vec<CastReply> = written.into_iter().map(|(r, _)| r).collect();
                replies.push(reply);
                replies.extend(jobs.map(|(_, r)| r));
                return fail_all(replies, e);
            }
        }
    }
    match change.finish().await {
        Ok(events) => {
            if db.dialect == Dialect::Sqlite {
                boards.publish_all(&events);
            }
            for (reply, receipt) in written {
                let _ = reply.send(Ok(receipt));
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "a vote batch failed to commit: none of its votes is recorded");
            fail_all(written.into_iter().map(|(r, _)| r).collect(), e.into());
        }
    }
}

/// Checks and writes one vote inside a batch's change, with its event. Every refusal is
/// decided before the vote writes anything. `counts` holds, per question, the running counts
/// as this batch has left them: read from the table once per batch, then kept up to date as
/// each vote is written (one query fewer per vote).
async fn cast_in(change: &mut Change, counts: &mut BTreeMap<i64, Counts>, job: &CastJob) -> Result<VoteReceipt, CastFailure> {
    let (actor, question_id, code, vote) = (&job.actor, job.question_id, &job.code, job.vote);
    // One read for every check: the question, the member, its attendance and its current vote.
    let q = sqlx::query(
        "SELECT q.meeting_id, q.status, q.method, m.assembly_id, mem.art19_without_vote, att.present, v.vote AS previous \
         FROM live_questions q JOIN live_meetings m ON m.id = q.meeting_id \
         LEFT JOIN live_members mem ON mem.assembly_id = m.assembly_id AND mem.state_code = $2 \
         LEFT JOIN live_attendance att ON att.meeting_id = q.meeting_id AND att.state_code = $2 \
         LEFT JOIN live_votes v ON v.question_id = q.id AND v.state_code = $2 \
         WHERE q.id = $1",
    )
    .bind(question_id)
    .bind(code)
    .fetch_optional(change.conn())
    .await?
    .ok_or_else(|| CastFailure::Refused(ApiError::not_found("question", question_id)))?;
    let meeting_id: i64 = q.try_get("meeting_id")?;
    let assembly_id: i64 = q.try_get("assembly_id")?;
    let status: String = q.try_get("status")?;
    let without_vote: Option<i64> = q.try_get("art19_without_vote")?;
    let present: Option<i64> = q.try_get("present")?;
    let previous: Option<String> = q.try_get("previous")?;
    let method: String = q.try_get("method")?;
    let refuse = |e: ApiError| Err(CastFailure::Refused(e));
    if actor.assembly_id != Some(assembly_id) {
        return refuse(ApiError::forbidden("not_your_assembly", "your delegation does not sit in this assembly"));
    }
    if status != "open" {
        return refuse(ApiError::conflict("vote_closed", format!("the vote on question {question_id} is closed")));
    }
    if method == METHOD_SHOW_OF_HANDS {
        return refuse(ApiError::conflict(
            "show_of_hands",
            format!("question {question_id} is put to a vote by show of hands (GA rule 87): no vote is recorded by name; the chair enters the counts"),
        ));
    }
    match without_vote {
        None => return refuse(ApiError::forbidden("not_a_member", format!("{code} is not a member of this assembly"))),
        Some(flag) if flag != 0 => {
            return refuse(ApiError::forbidden(
                "no_vote_article_19",
                format!("{code} has no vote: it is in arrears under Article 19 of the Charter"),
            ));
        }
        Some(_) => {}
    }
    if present.unwrap_or(0) == 0 {
        return refuse(ApiError::forbidden("not_present", format!("{code} is not recorded as present at this meeting")));
    }
    // From here on the vote writes: any failure is the database's, and fails the batch.
    sqlx::query(
        "INSERT INTO live_votes (question_id, state_code, vote, event_seq) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (question_id, state_code) DO UPDATE SET vote = excluded.vote, event_seq = excluded.event_seq",
    )
    .bind(question_id)
    .bind(code)
    .bind(vote.code())
    .bind(change.seq())
    .execute(change.conn())
    .await?;
    let running = match counts.get_mut(&question_id) {
        Some(c) => {
            // The table as this batch left it, plus this vote: the same as counting again.
            match previous.as_deref() {
                Some("Y") => c.yes = c.yes.saturating_sub(1),
                Some("N") => c.no = c.no.saturating_sub(1),
                Some("A") => c.abstain = c.abstain.saturating_sub(1),
                _ => {}
            }
            match vote {
                Vote::Yes => c.yes += 1,
                Vote::No => c.no += 1,
                _ => c.abstain += 1,
            }
            c.clone()
        }
        None => {
            // Read after this vote's write, so it already counts it.
            let c = self::counts(change.conn(), question_id).await.map_err(CastFailure::Database)?;
            counts.insert(question_id, c.clone());
            c
        }
    };
    let counts = running;
    let event = change
        .append(
            "vote_cast",
            Some(meeting_id),
            Some(actor.account_id),
            json!({"question_id": question_id, "state": code, "vote": vote.code(), "previous": previous, "counts": counts}),
        )
        .await?;
    Ok(VoteReceipt { question_id, state: code.clone(), vote: vote.code().to_string(), previous, seq: event.seq, hash: event.hash })
}

async fn counts(conn: &mut sqlx::AnyConnection, question_id: i64) -> Result<Counts, ApiError> {
    let rows = sqlx::query("SELECT vote, COUNT(*) AS n FROM live_votes WHERE question_id = $1 GROUP BY vote")
        .bind(question_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut c = Counts::default();
    for r in rows {
        let v: String = r.try_get("vote")?;
        let n: i64 = r.try_get("n")?;
        match v.as_str() {
            "Y" => c.yes = n as u64,
            "N" => c.no = n as u64,
            "A" => c.abstain = n as u64,
            _ => {}
        }
    }
    Ok(c)
}

/// The presiding officer closes a recorded vote. The engine decides on every member's
/// position: each vote cast; a member present that did not vote is non-voting; one not present
/// is absent. An adopted amendment is applied to the draft it amends (a new revision). A vote
/// by show of hands is closed by entering its counts instead ([`enter_tally`]).
pub async fn close_vote(state: &AppState, actor: &Actor, question_id: i64) -> Result<QuestionView, ApiError> {
    let mut change = Change::begin(&state.db).await?;
    let (meeting_id, document_id, m, method) = open_question(change.conn(), actor, question_id, "close the vote").await?;
    if method == METHOD_SHOW_OF_HANDS {
        return Err(ApiError::conflict(
            "show_of_hands",
            format!("question {question_id} is put to a vote by show of hands: enter its counts with POST /api/questions/{question_id}/tally"),
        ));
    }
    let (body, _) = load_body(change.conn(), m.assembly_id).await?;
    let doc = document(change.conn(), document_id).await?;
    let votes = question_votes(change.conn(), question_id).await?;
    let present = present_members(change.conn(), meeting_id).await?;
    let mut positions = Vec::new();
    for member in body.members() {
        let code = member.code.to_string();
        let position = match votes.get(&code) {
            Some(v) => Vote::from_code(v).ok_or_else(|| ApiError::internal(format!("stored vote {v:?}")))?,
            None if present.contains(&code) => Vote::NonVoting,
            None => Vote::Absent,
        };
        positions.push((member.code, position));
    }
    let ballot = Ballot::from_votes(positions).map_err(|e| ApiError::internal(e.to_string()))?;
    let kind = parse_question_kind(&doc.question)?;
    let question = question_of(&doc, kind);
    let d = plenary_rules::decide(&body, &question, &ballot)
        .map_err(|e| ApiError::conflict("cannot_decide", format!("the engine cannot decide this question: {e}")))?;
    let decision = decision_view(&d, Some(d.no), Some(d.abstain));
    let full: BTreeMap<String, String> = ballot_positions(&ballot).into_iter().map(|(k, v)| (k, v.to_string())).collect();
    conclude(state, actor, change, &m, question_id, doc, &body, kind, decision, full, METHOD_RECORDED).await
}

/// The counts of a vote by show of hands, as the presiding officer announces them.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShowOfHandsTally {
    pub yes: u64,
    /// `null` (or left out) only where the source of a replayed vote does not report it: the
    /// engine then decides for every value it could take and refuses if the outcome depends
    /// on it. A presiding officer in a live meeting enters it.
    #[serde(default)]
    pub no: Option<u64>,
    /// As `no`.
    #[serde(default)]
    pub abstain: Option<u64>,
    /// In a body with the veto: the permanent members that voted no (Charter Art. 27(3)).
    /// Needed when a substantive question has enough affirmative votes and some negative ones;
    /// `[]` declares that no permanent member voted no.
    #[serde(default)]
    pub vetoed_by: Option<Vec<String>>,
}

/// The presiding officer closes a vote taken by show of hands by entering its counts (GA rule
/// 87: "The General Assembly shall normally vote by show of hands or by standing, but any
/// representative may request a recorded vote"; the Security Council also votes by show of
/// hands, SC provisional rules of procedure and practice). The engine decides from the tally
/// (`plenary_rules::VoteRecord::Tally`); the record keeps the counts, the outcome and, for a
/// veto, who cast it, and no row for any state: a show of hands records no state's vote.
///
/// Members present and not counted in any of the three counts are present and not voting.
/// Refused: from anyone but this meeting's presiding officer; on a recorded vote; counts above
/// the members present with a vote; a `vetoed_by` naming a state that is not a permanent member
/// of this body, or more states than the negative votes.
pub async fn enter_tally(state: &AppState, actor: &Actor, question_id: i64, req: ShowOfHandsTally) -> Result<QuestionView, ApiError> {
    let mut change = Change::begin(&state.db).await?;
    let (meeting_id, document_id, m, method) = open_question(change.conn(), actor, question_id, "enter the counts of a vote").await?;
    if method != METHOD_SHOW_OF_HANDS {
        return Err(ApiError::conflict(
            "recorded_vote",
            format!("question {question_id} is a recorded vote: each delegation casts its own vote and the chair closes it (POST /api/questions/{question_id}/close); counts cannot be entered"),
        ));
    }
    let (body, _) = load_body(change.conn(), m.assembly_id).await?;
    let doc = document(change.conn(), document_id).await?;
    let present = present_members(change.conn(), meeting_id).await?;
    let voters = body.members().filter(|x| present.contains(&x.code.to_string()) && !body.has_no_vote(x.code)).count() as u64;
    let given = req.yes + req.no.unwrap_or(0) + req.abstain.unwrap_or(0);
    if given > voters {
        return Err(ApiError::bad_request(
            "counts_above_membership",
            format!("{given} votes counted, but only {voters} members are present with a vote (of {} members)", body.members().count()),
        )
        .field("yes"));
    }
    let mut vetoed = BTreeSet::new();
    for s in req.vetoed_by.iter().flatten() {
        let code = parse_state(s, "vetoed_by")?;
        match body.members().find(|x| x.code == code) {
            Some(x) if x.veto => {
                vetoed.insert(code);
            }
            Some(_) => return Err(ApiError::bad_request("not_permanent", format!("{code} is not a permanent member of this body: it has no veto")).field("vetoed_by")),
            None => return Err(ApiError::bad_request("not_a_member", format!("{code} is not a member of this body")).field("vetoed_by")),
        }
        if !present.contains(&code.to_string()) {
            return Err(ApiError::bad_request("not_present", format!("{code} is not recorded as present: it cast no vote")).field("vetoed_by"));
        }
    }
    let least_no = vetoed.len() as u64;
    if let Some(no) = req.no
        && no < least_no
    {
        return Err(ApiError::bad_request("counts_contradict_veto", format!("{least_no} permanent members voted no, but the tally has {no} negative votes")).field("no"));
    }
    let kind = parse_question_kind(&doc.question)?;
    let question = question_of(&doc, kind);
    // Every reading of the counts not given; all must give the same decision.
    let nos: Vec<u64> = match req.no {
        Some(n) => vec![n],
        None => (least_no..=voters.saturating_sub(req.yes + req.abstain.unwrap_or(0))).collect(),
    };
    let mut readings: Vec<plenary_rules::Decision> = Vec::new();
    for no in nos {
        let rest = voters.saturating_sub(req.yes + no);
        let abstains: Vec<u64> = match req.abstain {
            Some(a) => vec![a],
            None => (0..=rest).collect(),
        };
        for abstain in abstains {
            let tally = plenary_rules::Tally { yes: req.yes, no, abstain, non_voting: voters - req.yes - no - abstain };
            let mut ballot = Ballot::from_tally(tally);
            if req.vetoed_by.is_some() {
                ballot = ballot.with_permanent_against(vetoed.iter().copied());
            }
            let d = plenary_rules::decide(&body, &question, &ballot)
                .map_err(|e| ApiError::conflict("cannot_decide", format!("the engine cannot decide this question from the counts {}-{no}-{abstain}: {e}", req.yes)))?;
            if let Some(first) = readings.first()
                && (first.outcome != d.outcome || first.reason != d.reason || first.required != d.required)
            {
                return Err(ApiError::conflict(
                    "counts_needed",
                    format!(
                        "the outcome depends on the counts not entered: {}-{}-{} gives {} ({}), {}-{no}-{abstain} gives {} ({}); enter them",
                        first.yes, first.no, first.abstain, first.outcome.code(), first.reason.code(), req.yes, d.outcome.code(), d.reason.code()
                    ),
                ));
            }
            if readings.is_empty() {
                readings.push(d);
            }
        }
    }
    let d = readings.pop().ok_or_else(|| ApiError::internal("no reading of the counts"))?;
    let mut decision = decision_view(&d, req.no, req.abstain);
    if req.no.is_none() || req.abstain.is_none() {
        // The members present and not voting are known only when all three counts are.
        decision.non_voting = None;
        decision.announcement = format!("{} (counts not reported: {})", decision.announcement, not_reported(&req).join(", "));
    }
    conclude(state, actor, change, &m, question_id, doc, &body, kind, decision, BTreeMap::new(), METHOD_SHOW_OF_HANDS).await
}

fn not_reported(t: &ShowOfHandsTally) -> Vec<&'static str> {
    [("no", t.no.is_none()), ("abstain", t.abstain.is_none())].into_iter().filter(|x| x.1).map(|x| x.0).collect()
}

/// A question put the usual way: each delegation casts its vote on the server.
pub const METHOD_RECORDED: &str = "recorded";
/// A question put to a vote by show of hands (GA rule 87): the chair enters the counts.
pub const METHOD_SHOW_OF_HANDS: &str = "show_of_hands";

/// The open question `question_id`, checked for the presiding officer: its meeting, document,
/// meeting row and method.
async fn open_question(conn: &mut sqlx::AnyConnection, actor: &Actor, question_id: i64, what: &str) -> Result<(i64, i64, MeetingRow, String), ApiError> {
    let q = sqlx::query("SELECT meeting_id, document_id, status, method FROM live_questions WHERE id = $1")
        .bind(question_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| ApiError::not_found("question", question_id))?;
    let meeting_id: i64 = q.try_get("meeting_id")?;
    let document_id: i64 = q.try_get("document_id")?;
    let status: String = q.try_get("status")?;
    let method: String = q.try_get("method")?;
    let m = meeting_row(conn, meeting_id).await?;
    require_chair_of(actor, &m, what)?;
    if status != "open" {
        return Err(ApiError::conflict("vote_closed", format!("the vote on question {question_id} is already closed")));
    }
    Ok((meeting_id, document_id, m, method))
}

async fn present_members(conn: &mut sqlx::AnyConnection, meeting_id: i64) -> Result<BTreeSet<String>, ApiError> {
    sqlx::query("SELECT state_code FROM live_attendance WHERE meeting_id = $1 AND present = 1")
        .bind(meeting_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get::<String, _>("state_code").map_err(ApiError::from))
        .collect()
}

fn question_of(doc: &DocumentView, kind: QuestionKind) -> plenary_rules::Question {
    let mut question = plenary_rules::Question::new(kind).about(subject_of(&doc.kind));
    question.symbol = Some(doc.symbol.clone());
    question
}

fn decision_view(d: &plenary_rules::Decision, no: Option<u64>, abstain: Option<u64>) -> DecisionView {
    DecisionView {
        outcome: d.outcome.code().to_string(),
        vetoed_by: d.outcome.vetoed_by().iter().map(|c| c.to_string()).collect(),
        yes: d.yes,
        no,
        abstain,
        non_voting: Some(d.non_voting),
        absent: d.absent,
        required: d.required,
        reason: d.reason.code().to_string(),
        rule: d.rule.to_string(),
        announcement: d.announcement.clone(),
    }
}

/// Everything a closed question changes, in the closing change: the question and document
/// rows, an adopted amendment's text, the record, a veto's General Assembly debate, and the
/// one `vote_closed` event that holds them all.
#[allow(clippy::too_many_arguments)]
async fn conclude(
    state: &AppState,
    actor: &Actor,
    mut change: Change,
    m: &MeetingRow,
    question_id: i64,
    doc: DocumentView,
    body: &Body,
    kind: QuestionKind,
    decision: DecisionView,
    full: BTreeMap<String, String>,
    method: &str,
) -> Result<QuestionView, ApiError> {
    let meeting_id = m.id;
    let document_id = doc.id;
    let decision_json = serde_json::to_string(&decision).expect("a decision serialises");
    sqlx::query("UPDATE live_questions SET status = 'closed', closed_at = $1, decision_json = $2 WHERE id = $3")
        .bind(crate::now())
        .bind(&decision_json)
        .bind(question_id)
        .execute(change.conn())
        .await?;
    sqlx::query("UPDATE live_documents SET status = $1 WHERE id = $2")
        .bind(&decision.outcome)
        .bind(document_id)
        .execute(change.conn())
        .await?;
    let mut amended = Value::Null;
    if decision.outcome == "adopted" && let Some(target) = doc.amends {
        let t = document(change.conn(), target).await?;
        let text = apply_edits(&t.paragraphs, &doc.edits)
            .map_err(|e| ApiError::conflict("amendment_no_longer_applies", format!("{} no longer applies to {}: {e}", doc.symbol, t.symbol)))?;
        sqlx::query("UPDATE live_documents SET paragraphs_json = $1, revision = revision + 1 WHERE id = $2")
            .bind(serde_json::to_string(&text).expect("strings serialise"))
            .bind(target)
            .execute(change.conn())
            .await?;
        amended = json!({"document_id": target, "symbol": t.symbol, "revision": t.revision + 1, "paragraphs": text});
    }
    let important = (body.kind() == plenary_rules::BodyKind::GeneralAssembly).then_some(kind == QuestionKind::TwoThirds);
    let seq = change.seq();
    let record_id = enter_into_record(change.conn(), &state.db, m.assembly_id, meeting_id, &doc, &decision, important, full.clone(), method, seq).await?;
    let debates = schedule_veto_debates(change.conn(), m.assembly_id, body, question_id, &doc.symbol, &decision, seq).await?;
    state
        .commit(
            change,
            "vote_closed",
            Some(meeting_id),
            Some(actor.account_id),
            json!({"question_id": question_id, "document_id": document_id, "symbol": doc.symbol, "method": method, "decision": decision, "positions": full,
                   "amended": amended, "record_decision_id": record_id, "veto_debates": debates}),
        )
        .await?;
    question_view(&state.db, question_id).await
}

/// Writes a closed question into the voting record (`plenary_record::live`) inside the
/// closing change, so the record and the chain hold the decision together or not at all
/// (issue 5, section 6: a closed vote is at once in the record). Returns the record's id.
#[allow(clippy::too_many_arguments)]
async fn enter_into_record(
    conn: &mut sqlx::AnyConnection,
    db: &Db,
    assembly_id: i64,
    meeting_id: i64,
    doc: &DocumentView,
    decision: &DecisionView,
    important: Option<bool>,
    votes: BTreeMap<String, String>,
    method: &str,
    event_seq: i64,
) -> Result<i64, ApiError> {
    let a = sqlx::query("SELECT name, body, on_date FROM live_assemblies WHERE id = $1").bind(assembly_id).fetch_one(&mut *conn).await?;
    let body: String = a.try_get("body")?;
    let body = if body == "custom" { a.try_get::<String, _>("name")? } else { body };
    let title: String = sqlx::query("SELECT title FROM live_meetings WHERE id = $1").bind(meeting_id).fetch_one(&mut *conn).await?.try_get("title")?;
    let amends = match doc.amends {
        Some(t) => Some(document(conn, t).await?.symbol),
        None => None,
    };
    let live = plenary_record::live::LiveDecision {
        body,
        date: a.try_get("on_date")?,
        meeting: format!("{title} (live meeting {meeting_id})"),
        symbol: doc.symbol.clone(),
        kind: match doc.kind.as_str() {
            "amendment" => "amendment",
            "motion" => "motion",
            _ => "resolution",
        }
        .to_string(),
        amends,
        important,
        adoption: match method {
            "without_vote" => plenary_record::live::Adoption::WithoutVote,
            METHOD_SHOW_OF_HANDS => plenary_record::live::Adoption::ShowOfHands,
            _ => plenary_record::live::Adoption::RecordedVote,
        },
        outcome: decision.outcome.clone(),
        vetoed_by: decision.vetoed_by.clone(),
        explanation: format!("{}: {} affirmative votes required ({}). {}", decision.reason, decision.required, decision.rule, decision.announcement),
        yes: decision.yes,
        no: decision.no,
        abstain: decision.abstain,
        non_voting: decision.non_voting,
        votes,
        event_seq,
    };
    let backend = match db.dialect {
        Dialect::Sqlite => plenary_record::Backend::Sqlite,
        Dialect::Postgres => plenary_record::Backend::Postgres,
    };
    plenary_record::live::record_live_decision(conn, backend, &live)
        .await
        .map_err(|e| ApiError::internal(format!("cannot enter {} into the record: {e}", doc.symbol)))
}

fn ballot_positions(ballot: &Ballot) -> BTreeMap<String, &'static str> {
    match &ballot.record {
        plenary_rules::VoteRecord::PerMember(map) => map.iter().map(|(c, v)| (c.to_string(), v.code())).collect(),
        _ => BTreeMap::new(),
    }
}

async fn question_votes(conn: &mut sqlx::AnyConnection, question_id: i64) -> Result<BTreeMap<String, String>, ApiError> {
    let rows = sqlx::query("SELECT state_code, vote FROM live_votes WHERE question_id = $1").bind(question_id).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| Ok((r.try_get::<String, _>("state_code")?, r.try_get::<String, _>("vote")?)))
        .collect()
}

async fn question_view_in(conn: &mut sqlx::AnyConnection, question_id: i64) -> Result<QuestionView, ApiError> {
    let q = sqlx::query("SELECT document_id, status, method, decision_json FROM live_questions WHERE id = $1")
        .bind(question_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| ApiError::not_found("question", question_id))?;
    let doc = document(conn, q.try_get("document_id")?).await?;
    let paragraphs = match doc.amends {
        Some(t) => document(conn, t).await?.paragraphs,
        None => doc.paragraphs.clone(),
    };
    let votes = question_votes(conn, question_id).await?;
    let decision: Option<String> = q.try_get("decision_json")?;
    Ok(QuestionView {
        id: question_id,
        document_id: doc.id,
        symbol: doc.symbol,
        kind: doc.kind,
        question: doc.question,
        status: q.try_get("status")?,
        method: q.try_get("method")?,
        paragraphs,
        edits: doc.edits,
        counts: counts(conn, question_id).await?,
        votes,
        decision: decision.and_then(|d| serde_json::from_str(&d).ok()),
    })
}

pub async fn question_view(db: &Db, question_id: i64) -> Result<QuestionView, ApiError> {
    let mut conn = db.pool.acquire().await?;
    question_view_in(&mut conn, question_id).await
}

/// The whole board of a meeting, read in one transaction so it is consistent with `seq`.
pub async fn meeting_view(db: &Db, meeting_id: i64) -> Result<MeetingView, ApiError> {
    let mut tx = db.pool.begin().await?;
    if db.dialect == Dialect::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute(&mut *tx).await?;
    }
    let seq: i64 = sqlx::query("SELECT seq FROM event_chain_head WHERE id = 1").fetch_one(&mut *tx).await?.try_get("seq")?;
    let r = sqlx::query("SELECT m.assembly_id, m.title, m.status, m.chair_account_id, a.body FROM live_meetings m JOIN live_assemblies a ON a.id = m.assembly_id WHERE m.id = $1")
        .bind(meeting_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| ApiError::not_found("meeting", meeting_id))?;
    let assembly_id: i64 = r.try_get("assembly_id")?;
    let present = sqlx::query("SELECT state_code FROM live_attendance WHERE meeting_id = $1 AND present = 1 ORDER BY state_code")
        .bind(meeting_id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get::<String, _>("state_code"))
        .collect::<Result<_, _>>()?;
    let without_vote = sqlx::query("SELECT state_code FROM live_members WHERE assembly_id = $1 AND art19_without_vote = 1 ORDER BY state_code")
        .bind(assembly_id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get::<String, _>("state_code"))
        .collect::<Result<_, _>>()?;
    let docs = sqlx::query(
        "SELECT id, meeting_id, kind, symbol, amends_id, question_kind, paragraphs_json, edits_json, revision, status FROM live_documents WHERE meeting_id = $1 ORDER BY id",
    )
    .bind(meeting_id)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(doc_from_row)
    .collect::<Result<_, _>>()?;
    let last = sqlx::query("SELECT id FROM live_questions WHERE meeting_id = $1 ORDER BY id DESC LIMIT 1").bind(meeting_id).fetch_optional(&mut *tx).await?;
    let question = match last {
        Some(q) => Some(question_view_in(&mut tx, q.try_get("id")?).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(MeetingView {
        id: meeting_id,
        assembly_id,
        body: r.try_get("body")?,
        title: r.try_get("title")?,
        status: r.try_get("status")?,
        chair_account_id: r.try_get("chair_account_id")?,
        present,
        without_vote,
        documents: docs,
        question,
        seq,
    })
}

// ---------------------------------------------------------------------------------------------
// The General Assembly's debate on a veto (A/RES/76/262)
// ---------------------------------------------------------------------------------------------

/// A meeting the General Assembly must hold: for now only the debate on a veto cast in the
/// Security Council.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScheduledView {
    pub id: i64,
    /// The GA-like assembly that must meet.
    pub assembly_id: i64,
    /// "veto_debate".
    pub kind: String,
    /// The SC-like assembly where the veto was cast, and the question vetoed.
    pub source_assembly_id: i64,
    pub source_question_id: i64,
    pub symbol: String,
    pub vetoed_by: Vec<String>,
    /// The date of the veto (the Council's date), YYYY-MM-DD.
    pub vetoed_on: String,
    /// The last day for the formal meeting: ten working days after the veto, Monday to
    /// Friday, UN holidays not modelled (`plenary_rules::veto_debate`).
    pub deadline: String,
    /// Where the duty comes from.
    pub rule: String,
    /// The `vote_closed` event that scheduled it.
    pub seq: i64,
}

const VETO_DEBATE_RULE: &str =
    "A/RES/76/262 (26 April 2022), para. 1: the President of the General Assembly convenes a formal meeting within ten working days of the casting of a veto";

/// A veto in an SC-like body schedules a debate in every GA-like assembly of the deployment
/// (A/RES/76/262, operative paragraph 1), in the closing change: the `vote_closed` event carries
/// the debates it scheduled (`veto_debates`), so the chain holds them with the veto, and a
/// crash cannot leave a veto without its debate. Returns what was scheduled.
async fn schedule_veto_debates(
    conn: &mut sqlx::AnyConnection,
    sc_assembly_id: i64,
    body: &Body,
    question_id: i64,
    symbol: &str,
    decision: &DecisionView,
    seq: i64,
) -> Result<Vec<ScheduledView>, ApiError> {
    if body.kind() != plenary_rules::BodyKind::SecurityCouncil || decision.outcome != "vetoed" {
        return Ok(Vec::new());
    }
    let on: String = sqlx::query("SELECT on_date FROM live_assemblies WHERE id = $1").bind(sc_assembly_id).fetch_one(&mut *conn).await?.try_get("on_date")?;
    let deadline = plenary_rules::veto_debate::debate_deadline(parse_date(&on)?)
        .ok_or_else(|| ApiError::internal(format!("no date ten working days after {on}")))?
        .format("%Y-%m-%d")
        .to_string();
    let gas: Vec<i64> = sqlx::query("SELECT id FROM live_assemblies WHERE body = 'GA' ORDER BY id")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get::<i64, _>("id"))
        .collect::<Result<_, _>>()?;
    let vetoed_json = serde_json::to_string(&decision.vetoed_by).expect("strings serialise");
    let mut out = Vec::new();
    for ga in gas {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO live_scheduled (assembly_id, kind, source_assembly_id, source_question_id, symbol, vetoed_by_json, vetoed_on, deadline, event_seq) \
             VALUES ($1, 'veto_debate', $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(ga)
        .bind(sc_assembly_id)
        .bind(question_id)
        .bind(symbol)
        .bind(&vetoed_json)
        .bind(&on)
        .bind(&deadline)
        .bind(seq)
        .fetch_one(&mut *conn)
        .await?;
        out.push(ScheduledView {
            id,
            assembly_id: ga,
            kind: "veto_debate".into(),
            source_assembly_id: sc_assembly_id,
            source_question_id: question_id,
            symbol: symbol.to_string(),
            vetoed_by: decision.vetoed_by.clone(),
            vetoed_on: on.clone(),
            deadline: deadline.clone(),
            rule: VETO_DEBATE_RULE.into(),
            seq,
        });
    }
    Ok(out)
}

/// What an assembly must hold, earliest deadline first (public).
pub async fn scheduled(db: &Db, assembly_id: i64) -> Result<Vec<ScheduledView>, ApiError> {
    let mut conn = db.pool.acquire().await?;
    sqlx::query("SELECT id FROM live_assemblies WHERE id = $1").bind(assembly_id).fetch_optional(&mut *conn).await?.ok_or_else(|| ApiError::not_found("assembly", assembly_id))?;
    let rows = sqlx::query(
        "SELECT id, kind, source_assembly_id, source_question_id, symbol, vetoed_by_json, vetoed_on, deadline, event_seq FROM live_scheduled WHERE assembly_id = $1 ORDER BY deadline, id",
    )
    .bind(assembly_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let vetoed: String = r.try_get("vetoed_by_json")?;
            Ok(ScheduledView {
                id: r.try_get("id")?,
                assembly_id,
                kind: r.try_get("kind")?,
                source_assembly_id: r.try_get("source_assembly_id")?,
                source_question_id: r.try_get("source_question_id")?,
                symbol: r.try_get("symbol")?,
                vetoed_by: serde_json::from_str(&vetoed).map_err(|e| ApiError::internal(format!("stored vetoed_by: {e}")))?,
                vetoed_on: r.try_get("vetoed_on")?,
                deadline: r.try_get("deadline")?,
                rule: VETO_DEBATE_RULE.into(),
                seq: r.try_get("event_seq")?,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Verification of the live tables against the chain
// ---------------------------------------------------------------------------------------------

/// Replays the verified events and compares what they say with the live vote and decision
/// rows: a vote or a result changed by hand in the tables, with the log untouched, is named
/// by the event that recorded the true value.
pub async fn check_tables_against_events(db: &Db, events: &[(i64, String, Value)]) -> Result<Option<BrokenLink>, sqlx::Error> {
    // (question, state) -> (vote, seq) as the events say, last one wins.
    let mut votes: BTreeMap<(i64, String), (String, i64)> = BTreeMap::new();
    let mut decisions: BTreeMap<i64, (Value, i64)> = BTreeMap::new();
    for (seq, kind, payload) in events {
        match kind.as_str() {
            "vote_cast" => {
                let q = payload["question_id"].as_i64().unwrap_or(-1);
                let s = payload["state"].as_str().unwrap_or_default().to_string();
                let v = payload["vote"].as_str().unwrap_or_default().to_string();
                votes.insert((q, s), (v, *seq));
            }
            "vote_closed" => {
                let q = payload["question_id"].as_i64().unwrap_or(-1);
                decisions.insert(q, (payload["decision"].clone(), *seq));
            }
            _ => {}
        }
    }
    let rows = sqlx::query("SELECT question_id, state_code, vote, event_seq FROM live_votes ORDER BY question_id, state_code")
        .fetch_all(&db.pool)
        .await?;
    let mut seen = BTreeSet::new();
    for r in &rows {
        let key: (i64, String) = (r.try_get("question_id")?, r.try_get("state_code")?);
        let vote: String = r.try_get("vote")?;
        let seq: i64 = r.try_get("event_seq")?;
        match votes.get(&key) {
            None => {
                return Ok(Some(BrokenLink {
                    seq,
                    reason: format!("live_votes has a vote {vote} of {} on question {} that no event records", key.1, key.0),
                }));
            }
            Some((v, s)) if *v != vote || *s != seq => {
                return Ok(Some(BrokenLink {
                    seq: *s,
                    reason: format!(
                        "live_votes says {} voted {vote} on question {} (event {seq}); the chain records {v} (event {s}): the row was altered",
                        key.1, key.0
                    ),
                }));
            }
            Some(_) => {
                seen.insert(key);
            }
        }
    }
    if let Some(((q, s), (v, seq))) = votes.iter().find(|(k, _)| !seen.contains(*k)) {
        return Ok(Some(BrokenLink { seq: *seq, reason: format!("the vote {v} of {s} on question {q} is recorded in the chain but missing from live_votes") }));
    }
    let rows = sqlx::query("SELECT id, decision_json FROM live_questions WHERE decision_json IS NOT NULL").fetch_all(&db.pool).await?;
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let stored: String = r.try_get("decision_json")?;
        let stored: Value = serde_json::from_str(&stored).unwrap_or(Value::Null);
        match decisions.get(&id) {
            Some((d, _)) if *d == stored => {}
            Some((_, seq)) => {
                return Ok(Some(BrokenLink { seq: *seq, reason: format!("the decision stored for question {id} differs from the one the chain records: the row was altered") }));
            }
            None => return Ok(Some(BrokenLink { seq: 0, reason: format!("question {id} has a decision that no event records") })),
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn edits_refer_to_the_paragraphs_as_tabled() {
        let text = p(&["one", "two", "three"]);
        let edits = vec![
            Edit::Delete { paragraph: 1 },
            Edit::Replace { paragraph: 3, text: "THREE".into() },
            Edit::Insert { after: 1, text: "one and a half".into() },
            Edit::Insert { after: 3, text: "four".into() },
        ];
        assert_eq!(apply_edits(&text, &edits).unwrap(), p(&["one and a half", "two", "THREE", "four"]));
    }

    #[test]
    fn two_inserts_at_one_place_keep_their_order() {
        let text = p(&["a"]);
        let edits = vec![Edit::Insert { after: 0, text: "x".into() }, Edit::Insert { after: 0, text: "y".into() }];
        assert_eq!(apply_edits(&text, &edits).unwrap(), p(&["x", "y", "a"]));
    }

    #[test]
    fn an_edit_to_a_paragraph_that_does_not_exist_is_refused() {
        let text = p(&["a", "b"]);
        assert!(apply_edits(&text, &[Edit::Delete { paragraph: 3 }]).unwrap_err().contains("paragraph 3 does not exist"));
        assert!(apply_edits(&text, &[Edit::Replace { paragraph: 0, text: "z".into() }]).is_err());
        assert!(apply_edits(&text, &[Edit::Insert { after: 3, text: "z".into() }]).is_err());
        assert!(apply_edits(&text, &[Edit::Delete { paragraph: 1 }, Edit::Replace { paragraph: 1, text: "z".into() }]).is_err());
    }
}
