//! The `session` table: one row per login, found by the hash of the cookie value.

use super::{Db, DbError, users};
use app::domain::{CurrentUser, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

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

/// A request within this long of the last recorded use doesn't record it again: most requests of
/// a page load then only read, and the idle limit is off by at most this much.
const TOUCH_EVERY_SECS: i64 = 60;

#[derive(SurrealValue)]
struct LiveSession {
    user: users::UserRow,
    terms_version: String,
    two_factor_on: bool,
    expires_at: Datetime,
    last_seen_at: Datetime,
}

/// What a session's user has done that the pages may ask of them before going on.
pub struct Held {
    /// The version of the Terms they accepted last.
    pub terms_version: String,
    /// Two-step log-in is on.
    pub two_factor_on: bool,
}

/// The user of a live session with what they `Held`, marking it used now. A session past its absolute expiry or idle for
/// longer than `idle` is deleted instead, so it can never come back.
///
/// A page makes several requests at once; they all read the session, and at most one of them
/// records its use. Two that try together conflict in the database; the loser's request goes on,
/// since the winner has recorded the same use.
pub async fn user_for(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
    idle: chrono::Duration,
) -> Result<Option<(CurrentUser, Held)>, DbError> {
    let mut res = db
        .query(
            "SELECT user.{ id, name, preferred_name, email, timezone, language, picture, role } AS user,
                user.terms_version AS terms_version,
                count(SELECT id FROM two_factor WHERE user = $parent.user AND enabled_at != NONE) > 0
                    AS two_factor_on,
                expires_at, last_seen_at FROM session WHERE token_hash = $token_hash LIMIT 1",
        )
        .bind(("token_hash", token_hash.to_owned()))
        .await?;
    let Some(live): Option<LiveSession> = res.take(0)? else {
        return Ok(None);
    };
    let expires_at = DateTime::<Utc>::from(live.expires_at);
    let last_seen_at = DateTime::<Utc>::from(live.last_seen_at);
    if expires_at <= now || last_seen_at <= now - idle {
        delete(db, token_hash).await.or_else(ignore_conflict)?;
        return Ok(None);
    }
    if now - last_seen_at >= chrono::Duration::seconds(TOUCH_EVERY_SECS) {
        db.query(
            "UPDATE session SET last_seen_at = $now WHERE token_hash = $token_hash RETURN NONE",
        )
        .bind(("token_hash", token_hash.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await
        .and_then(|r| r.check())
        .map(|_| ())
        .or_else(|e| ignore_conflict(DbError::Surreal(e)))?;
    }
    Ok(Some((
        CurrentUser::try_from(live.user)?,
        Held {
            terms_version: live.terms_version,
            two_factor_on: live.two_factor_on,
        },
    )))
}

/// A write that lost to a concurrent one on the same row: the other one did the same work.
fn ignore_conflict(e: DbError) -> Result<(), DbError> {
    match &e {
        DbError::Surreal(inner) if inner.to_string().to_lowercase().contains("conflict") => {
            tracing::debug!("session write lost to a concurrent request");
            Ok(())
        }
        _ => Err(e),
    }
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
