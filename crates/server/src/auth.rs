//! Accounts and credentials.
//!
//! Four roles, as in a UN meeting room: the presiding officer (`chair`), the `secretariat`,
//! one `delegation` per member state of an assembly, and `observer`s (the public, who read
//! without signing in). Passwords are stored as argon2id PHC strings; the API takes opaque
//! random bearer tokens, stored only as their SHA-256, so a copy of the database does not let
//! anyone sign in.

use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;
use utoipa::ToSchema;

use crate::AppState;
use crate::chain::Change;
use crate::db::Db;
use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The presiding officer: opens the meeting, puts questions, opens and closes votes.
    Chair,
    /// The secretariat: sets up assemblies and meetings, issues credentials, takes attendance.
    Secretariat,
    /// A member state's delegation: votes for its own state only.
    Delegation,
    /// The public: reads the board.
    Observer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Secretariat => "secretariat",
            Role::Delegation => "delegation",
            Role::Observer => "observer",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "chair" => Some(Role::Chair),
            "secretariat" => Some(Role::Secretariat),
            "delegation" => Some(Role::Delegation),
            "observer" => Some(Role::Observer),
            _ => None,
        }
    }
}

/// Who is making a request, established from a bearer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub account_id: i64,
    pub username: String,
    pub role: Role,
    /// For a delegation: the assembly it sits in and the state it represents.
    pub assembly_id: Option<i64>,
    pub state: Option<String>,
}

impl Actor {
    pub fn require(&self, role: Role, what: &str) -> Result<(), ApiError> {
        if self.role == role {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "wrong_role",
                format!("only the {} may {what}; you are signed in as {}", role_title(role), self.role.as_str()),
            ))
        }
    }
}

fn role_title(role: Role) -> &'static str {
    match role {
        Role::Chair => "presiding officer (chair)",
        Role::Secretariat => "secretariat",
        Role::Delegation => "delegation",
        Role::Observer => "observer",
    }
}

/// A new random opaque token: 32 bytes from the operating system, hex, with a prefix so a
/// leaked token is recognisable.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    format!("plen_{}", hex::encode(bytes))
}

/// A new random password for a credential the secretariat issues (20 characters, no
/// look-alike letters).
pub fn new_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect()
}

pub fn token_sha256(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format!("argon2: {e}")))
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    Argon2::default().verify_password(password.as_bytes(), phc).is_ok()
}

/// Looks up the account behind a bearer token.
pub async fn actor_for_token(db: &Db, token: &str) -> Result<Option<Actor>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT a.id, a.username, a.role, a.assembly_id, a.state_code FROM live_tokens t \
         JOIN live_accounts a ON a.id = t.account_id \
         WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL",
    )
    .bind(token_sha256(token))
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let role: String = r.try_get("role")?;
    Ok(Some(Actor {
        account_id: r.try_get("id")?,
        username: r.try_get("username")?,
        role: Role::parse(&role).unwrap_or(Role::Observer),
        assembly_id: r.try_get("assembly_id")?,
        state: r.try_get("state_code")?,
    }))
}

fn bearer(parts: &Parts) -> Result<Option<&str>, ApiError> {
    let Some(value) = parts.headers.get(axum::http::header::AUTHORIZATION) else { return Ok(None) };
    let value = value
        .to_str()
        .map_err(|_| ApiError::unauthorized("the Authorization header is not ASCII").field("Authorization"))?;
    match value.strip_prefix("Bearer ") {
        Some(t) if !t.trim().is_empty() => Ok(Some(t.trim())),
        _ => Err(ApiError::unauthorized("expected `Authorization: Bearer <token>`").field("Authorization")),
    }
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?
            .ok_or_else(|| ApiError::unauthorized("sign in first: send `Authorization: Bearer <token>`").field("Authorization"))?;
        actor_for_token(&state.db, token)
            .await?
            .ok_or_else(|| ApiError::unauthorized("the bearer token is not valid (unknown or revoked)").field("Authorization"))
    }
}

/// A new account's credential, shown once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Credential {
    pub account_id: i64,
    pub username: String,
    pub role: Role,
    pub state: Option<String>,
    pub assembly_id: Option<i64>,
    /// Shown only now; stored as an argon2id hash.
    pub password: String,
    /// A bearer token for the API; stored as its SHA-256.
    pub token: String,
}

/// A new password and its argon2id hash, computed off the async threads (and before any
/// change begins, so the chain is never held while hashing).
pub async fn new_hashed_password() -> Result<(String, String), ApiError> {
    tokio::task::spawn_blocking(|| {
        let password = new_password();
        hash_password(&password).map(|phc| (password, phc))
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))?
}

/// Creates an account inside `change` and returns its credential (password and a first token).
pub async fn create_account(
    change: &mut Change,
    (password, phc): (String, String),
    username: &str,
    role: Role,
    assembly_id: Option<i64>,
    state: Option<&str>,
) -> Result<Credential, ApiError> {
    let now = crate::now();
    let taken = sqlx::query("SELECT id FROM live_accounts WHERE username = $1")
        .bind(username)
        .fetch_optional(change.conn())
        .await?;
    if taken.is_some() {
        return Err(ApiError::conflict("username_taken", format!("the username {username:?} is taken")).field("username"));
    }
    if role == Role::Delegation {
        let existing = sqlx::query(
            "SELECT username FROM live_accounts WHERE role = 'delegation' AND assembly_id = $1 AND state_code = $2",
        )
        .bind(assembly_id)
        .bind(state)
        .fetch_optional(change.conn())
        .await?;
        if let Some(r) = existing {
            let name: String = r.try_get("username")?;
            return Err(ApiError::conflict(
                "delegation_exists",
                format!("{} already has a delegation in this assembly ({name}): one delegation per member", state.unwrap_or("?")),
            )
            .field("state"));
        }
    }
    let row = sqlx::query(
        "INSERT INTO live_accounts (username, role, assembly_id, state_code, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(username)
    .bind(role.as_str())
    .bind(assembly_id)
    .bind(state)
    .bind(&phc)
    .bind(&now)
    .fetch_one(change.conn())
    .await?;
    let account_id: i64 = row.try_get("id")?;
    let token = issue_token(change, account_id).await?;
    Ok(Credential {
        account_id,
        username: username.to_string(),
        role,
        state: state.map(str::to_string),
        assembly_id,
        password,
        token,
    })
}

pub async fn issue_token(change: &mut Change, account_id: i64) -> Result<String, ApiError> {
    let token = new_token();
    sqlx::query("INSERT INTO live_tokens (token_sha256, account_id, created_at) VALUES ($1, $2, $3)")
        .bind(token_sha256(&token))
        .bind(account_id)
        .bind(crate::now())
        .execute(change.conn())
        .await?;
    Ok(token)
}

/// Where the first secretariat token is written.
pub fn token_file(data_dir: &Path) -> PathBuf {
    data_dir.join("secretariat.token")
}

/// First start: with no account at all, create the secretariat's credential and write its
/// token to `data_dir/secretariat.token`, readable only by the owner (0600). Returns the path
/// when it created one.
pub async fn bootstrap_secretariat(db: &Db, data_dir: &Path) -> Result<Option<PathBuf>, Box<dyn std::error::Error + Send + Sync>> {
    let any = sqlx::query("SELECT id FROM live_accounts LIMIT 1").fetch_optional(&db.pool).await?;
    if any.is_some() {
        return Ok(None);
    }
    let password = new_hashed_password().await?;
    let mut change = Change::begin(db).await?;
    let any = sqlx::query("SELECT id FROM live_accounts LIMIT 1").fetch_optional(change.conn()).await?;
    if any.is_some() {
        return Ok(None); // another process was first; dropping the change rolls it back
    }
    let cred = create_account(&mut change, password, "secretariat", Role::Secretariat, None, None).await?;
    std::fs::create_dir_all(data_dir)?;
    let path = token_file(data_dir);
    write_owner_only(&path, &format!("{}\n", cred.token))?;
    change
        .commit(
            "account_created",
            None,
            None,
            serde_json::json!({"account_id": cred.account_id, "username": cred.username, "role": "secretariat", "first_start": true}),
        )
        .await?;
    Ok(Some(path))
}

fn write_owner_only(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let mut f = options.open(path)?;
        // The file may have existed with wider permissions.
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        f.write_all(contents.as_bytes())?;
        f.sync_all()?;
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let mut f = options.open(path)?;
        f.write_all(contents.as_bytes())?;
        f.sync_all()
    }
}
