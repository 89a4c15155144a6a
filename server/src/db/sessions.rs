//! The `session` table: one row per login, found by the hash of the cookie value.

use super::{Db, DbError, users};
use app::domain::{CurrentUser, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId};

pub async fn create(
    db: &Db,
    user: &UserId,
    token_hash: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query(
        "CREATE session CONTENT {
            user: $user, token_hash: $token_hash, created_at: $now, last_seen_at: $now,
            expires_at: $expires_at
        } RETURN NONE",
    )
    .bind(("user", RecordId::new("user", user.as_str().to_owned())))
    .bind(("token_hash", token_hash))
    .bind(("now", Datetime::from(now)))
    .bind(("expires_at", Datetime::from(expires_at)))
    .await?
    .check()
    .map_err(DbError::from_write)?;
    Ok(())
}

/// The user of a live session, marking it used now. A session past its absolute expiry or idle for
/// longer than `idle` is deleted instead, so it can never come back.
pub async fn user_for(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
    idle: chrono::Duration,
) -> Result<Option<CurrentUser>, DbError> {
    let mut res = db
        .query(
            "DELETE session WHERE token_hash = $token_hash
                AND (expires_at <= $now OR last_seen_at <= $idle_cutoff);
             UPDATE session SET last_seen_at = $now WHERE token_hash = $token_hash RETURN NONE;
             SELECT VALUE user.{ id, name, email, timezone, language, picture, role } FROM session
                WHERE token_hash = $token_hash LIMIT 1;",
        )
        .bind(("token_hash", token_hash.to_owned()))
        .bind(("now", Datetime::from(now)))
        .bind(("idle_cutoff", Datetime::from(now - idle)))
        .await?
        .check()?;
    let row: Option<users::UserRow> = res.take(2)?;
    row.map(CurrentUser::try_from).transpose()
}

pub async fn delete(db: &Db, token_hash: &str) -> Result<(), DbError> {
    db.query("DELETE session WHERE token_hash = $token_hash")
        .bind(("token_hash", token_hash.to_owned()))
        .await?
        .check()?;
    Ok(())
}

pub async fn count_for_user(db: &Db, user: &UserId) -> Result<u64, DbError> {
    let mut res = db
        .query("RETURN count(SELECT id FROM session WHERE user = $user)")
        .bind(("user", RecordId::new("user", user.as_str().to_owned())))
        .await?;
    let n: Option<i64> = res.take(0)?;
    Ok(n.unwrap_or(0).max(0) as u64)
}
