//! The `reminder` table: one row per reminder due before a booking, each finished exactly once.
//!
//! Finishing a reminder (marking it sent and queueing its mail and notification) is one
//! transaction that only succeeds while the row is still pending: two workers, a retry or a
//! restart can never send it twice, and a reminder that was due while the server was down is
//! still pending when it comes back.

use super::ids::booking_record;
use super::ids::user_record;
use super::notifications::notify_if_set;
use super::outbox;
use super::statements::add_link_if_set;
use super::{Db, DbError, key_of};
use crate::mail::Mail;
use app::domain::{BookingId, NotificationKind, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

#[derive(SurrealValue)]
struct Row {
    id: RecordId,
    booking: RecordId,
    lead_minutes: i64,
}

pub struct Due {
    pub id: String,
    pub booking: BookingId,
    pub lead_minutes: i64,
}

/// Pending reminders whose time has come, oldest first.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: u32) -> Result<Vec<Due>, DbError> {
    let rows: Vec<Row> = db
        .query(
            "SELECT id, booking, lead_minutes, due_at FROM reminder
             WHERE status = 'pending' AND due_at <= $now ORDER BY due_at LIMIT $limit",
        )
        .bind(("now", Datetime::from(now)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok(Due {
                id: key_of(&r.id)?,
                booking: BookingId::new(key_of(&r.booking)?),
                lead_minutes: r.lead_minutes,
            })
        })
        .collect()
}

/// How a reminder ends.
pub struct Finish {
    /// Sent (mail and notification as given), or skipped (the booking passed or was cancelled).
    pub sent: bool,
    pub mail: Option<Mail>,
    /// SHA-256 of a fresh link's token, when the mail carries one.
    pub link_hash: Option<String>,
    pub notify: Option<UserId>,
    pub now: DateTime<Utc>,
}

/// Finishes the reminder if it is still pending; false when someone else already did.
pub async fn finish(db: &Db, due: &Due, f: Finish) -> Result<bool, DbError> {
    let res = db
        .query("BEGIN TRANSACTION")
        .query(
            "LET $done = (UPDATE $reminder SET status = $status, done_at = $now
                WHERE status = 'pending' RETURN VALUE id)",
        )
        .query("IF array::len($done) == 0 { THROW 'stale' }")
        .query(add_link_if_set("booking"))
        .query(notify_if_set(
            "notify",
            NotificationKind::Reminder,
            "booking",
        ))
        .query(outbox::enqueue_if_set())
        .query("COMMIT TRANSACTION")
        .bind(("reminder", RecordId::new("reminder", due.id.clone())))
        .bind(("status", if f.sent { "sent" } else { "skipped" }))
        .bind(("booking", booking_record(&due.booking)))
        .bind(("link_hash", f.link_hash))
        .bind(("notify", f.notify.as_ref().map(user_record)))
        .bind(("mail_key", outbox::mail_key()))
        .bind(("mail", f.mail))
        .bind(("now", Datetime::from(f.now)))
        .await?;
    super::done_unless_stale(res)
}

/// Counts by status, for tests and the operator.
pub async fn count(db: &Db, booking: &BookingId, status: &str) -> Result<u64, DbError> {
    let n: Option<i64> = db
        .query(
            "RETURN count(SELECT id FROM reminder WHERE booking = $booking AND status = $status)",
        )
        .bind(("booking", booking_record(booking)))
        .bind(("status", status.to_owned()))
        .await?
        .take(0)?;
    Ok(n.unwrap_or(0).max(0) as u64)
}
