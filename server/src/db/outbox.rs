//! The `outbox` table: mail to send, claimed by one worker at a time.

use super::{Db, DbError, key_of};
use crate::mail::Mail;
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// Queues one mail on its own (a mail that tells of no change written with it).
pub async fn enqueue(db: &Db, mail: Mail, now: DateTime<Utc>) -> Result<(), DbError> {
    db.query(super::statements::ENQUEUE)
        .bind(("mails", super::statements::mails([mail])))
        .bind(("now", Datetime::from(now)))
        .await?
        .check()?;
    Ok(())
}

/// A stored message.
#[derive(Clone, Debug)]
pub struct Stored {
    pub id: String,
    pub mail: Mail,
    pub status: String,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
}

#[derive(SurrealValue)]
struct Row {
    id: RecordId,
    recipient: String,
    subject: String,
    text_body: String,
    html_body: String,
    calendar: Option<String>,
    status: String,
    attempts: i64,
    created_at: Datetime,
}

impl TryFrom<Row> for Stored {
    type Error = DbError;
    fn try_from(r: Row) -> Result<Self, DbError> {
        Ok(Stored {
            id: key_of(&r.id)?,
            mail: Mail {
                recipient: r.recipient,
                subject: r.subject,
                text_body: r.text_body,
                html_body: r.html_body,
                calendar: r.calendar,
            },
            status: r.status,
            attempts: u32::try_from(r.attempts).unwrap_or(0),
            created_at: r.created_at.into(),
        })
    }
}

/// Takes up to `limit` due messages for sending, for the worker `claimer`. The status change is
/// conditional, so two workers never take the same message; a worker that died mid-send leaves it
/// to be retried after `lease`, one that stops hands it back (`release`).
pub async fn claim_due(
    db: &Db,
    now: DateTime<Utc>,
    lease: chrono::Duration,
    limit: u32,
    claimer: &str,
) -> Result<Vec<Stored>, DbError> {
    let mut res = db
        .query(
            "UPDATE (SELECT VALUE id FROM outbox
                    WHERE status IN ['pending', 'sending'] AND next_attempt_at <= $now
                    ORDER BY next_attempt_at LIMIT $limit)
                SET status = 'sending', next_attempt_at = $lease_until, claimed_by = $claimer
                WHERE status IN ['pending', 'sending'] AND next_attempt_at <= $now
                RETURN AFTER",
        )
        .bind(("claimer", claimer.to_owned()))
        .bind(("now", Datetime::from(now)))
        .bind(("lease_until", Datetime::from(now + lease)))
        .bind(("limit", i64::from(limit)))
        .await?;
    let rows: Vec<Row> = res.take(0)?;
    rows.into_iter().map(Stored::try_from).collect()
}

/// The worker `claimer` is stopping: what it claimed and has not sent is due again now, for any
/// worker. How many it handed back.
pub async fn release(db: &Db, claimer: &str, now: DateTime<Utc>) -> Result<usize, DbError> {
    let released: Vec<RecordId> = db
        .query(
            "UPDATE outbox SET status = 'pending', next_attempt_at = $now, claimed_by = NONE
             WHERE status = 'sending' AND claimed_by = $claimer RETURN VALUE id",
        )
        .bind(("claimer", claimer.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    Ok(released.len())
}

/// Sent: the bodies (which may hold single-use links) are no longer kept.
pub async fn mark_sent(db: &Db, id: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    db.query(
        "UPDATE $id SET status = 'sent', sent_at = $now, text_body = '', html_body = '',
            calendar = NONE, last_error = NONE RETURN NONE",
    )
    .bind(("id", RecordId::new("outbox", id.to_owned())))
    .bind(("now", Datetime::from(now)))
    .await?
    .check()?;
    Ok(())
}

/// Not sent this time: try again at `retry_at`, or give up (`None`).
pub async fn mark_failed(
    db: &Db,
    id: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), DbError> {
    let (status, next) = match retry_at {
        Some(t) => ("pending", t),
        None => ("failed", Utc::now()),
    };
    db.query(
        "UPDATE $id SET status = $status, attempts += 1, next_attempt_at = $next,
            last_error = $error RETURN NONE",
    )
    .bind(("id", RecordId::new("outbox", id.to_owned())))
    .bind(("status", status.to_owned()))
    .bind(("next", Datetime::from(next)))
    .bind(("error", error.chars().take(500).collect::<String>()))
    .await?
    .check()?;
    Ok(())
}

/// Newest first, for the development mailbox.
pub async fn recent(db: &Db, limit: u32) -> Result<Vec<Stored>, DbError> {
    let mut res = db
        .query("SELECT * FROM outbox ORDER BY created_at DESC LIMIT $limit")
        .bind(("limit", i64::from(limit)))
        .await?;
    let rows: Vec<Row> = res.take(0)?;
    rows.into_iter().map(Stored::try_from).collect()
}

/// Mail waiting to go out (queued, or claimed and not yet sent): the outbox's depth.
pub async fn depth(db: &Db) -> Result<u64, DbError> {
    let mut res = db
        .query("SELECT VALUE count() FROM outbox WHERE status IN ['pending', 'sending'] GROUP ALL")
        .await?;
    let counts: Vec<i64> = res.take(0)?;
    Ok(counts.first().copied().unwrap_or(0).max(0) as u64)
}
