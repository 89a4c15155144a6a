//! The `login_throttle` table: consecutive failed log-ins per email, and the lock they earn.

use super::{Db, DbError};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId};

fn id(email_key: &str) -> RecordId {
    RecordId::new("login_throttle", email_key.to_owned())
}

pub async fn locked_until(db: &Db, email_key: &str) -> Result<Option<DateTime<Utc>>, DbError> {
    let mut res = db
        .query("SELECT VALUE locked_until FROM $id")
        .bind(("id", id(email_key)))
        .await?;
    let rows: Vec<Option<Datetime>> = res.take(0)?;
    Ok(rows.into_iter().flatten().next().map(Into::into))
}

/// Counts one more failure and returns the running count.
pub async fn record_failure(db: &Db, email_key: &str, now: DateTime<Utc>) -> Result<u32, DbError> {
    let mut res = db
        .query(
            "UPSERT ONLY $id SET failures = (failures ?? 0) + 1, updated_at = $now
             RETURN VALUE failures",
        )
        .bind(("id", id(email_key)))
        .bind(("now", Datetime::from(now)))
        .await?;
    let n: Option<i64> = res.take(0)?;
    Ok(u32::try_from(n.unwrap_or(1)).unwrap_or(u32::MAX))
}

pub async fn lock(db: &Db, email_key: &str, until: DateTime<Utc>) -> Result<(), DbError> {
    db.query("UPDATE $id SET locked_until = $until RETURN NONE")
        .bind(("id", id(email_key)))
        .bind(("until", Datetime::from(until)))
        .await?
        .check()?;
    Ok(())
}

/// A successful log-in (or, later, a password reset) forgets past failures.
pub async fn clear(db: &Db, email_key: &str) -> Result<(), DbError> {
    db.query("DELETE $id")
        .bind(("id", id(email_key)))
        .await?
        .check()?;
    Ok(())
}
