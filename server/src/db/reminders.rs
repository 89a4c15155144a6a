//! The `reminder` table: one row per reminder due before a booking, each finished exactly once.
//!
//! Finishing a reminder (marking it sent and queueing its mail and notification) is one
//! transaction that only succeeds while the row is still pending: two workers, a retry or a
//! restart can never send it twice, and a reminder that was due while the server was down is
//! still pending when it comes back.

use super::ids::booking_record;
use super::statements::{ADD_LINKS, ENQUEUE, NOTIFY, links, mails, notices};
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

/// How long the oldest reminder that is due and not yet sent has waited: zero when none is late.
pub async fn lag(db: &Db, now: DateTime<Utc>) -> Result<chrono::Duration, DbError> {
    let oldest: Vec<Datetime> = db
        .query(
            "SELECT VALUE due_at FROM reminder
             WHERE status = 'pending' AND due_at <= $now ORDER BY due_at LIMIT 1",
        )
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    Ok(oldest
        .into_iter()
        .next()
        .map_or(chrono::Duration::zero(), |due| {
            (now - DateTime::<Utc>::from(due)).max(chrono::Duration::zero())
        }))
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
        .query(ADD_LINKS)
        .query(NOTIFY)
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("reminder", RecordId::new("reminder", due.id.clone())))
        .bind(("status", if f.sent { "sent" } else { "skipped" }))
        .bind(("links", links(&due.booking, f.link_hash)))
        .bind((
            "notices",
            notices(f.notify.as_ref(), NotificationKind::Reminder, &due.booking),
        ))
        .bind(("mails", mails(f.mail)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_support::{self as t, count, insert, memory};
    use app::domain::Role;
    use chrono::Duration;

    fn sent(to: &str) -> Finish {
        Finish {
            sent: true,
            mail: Some(t::mail(to, "Reminder")),
            link_hash: Some("a fresh link".into()),
            notify: None,
            now: t::now(),
        }
    }

    #[tokio::test]
    async fn a_reminder_is_finished_once_whoever_tries() {
        let db = memory().await;
        let pro = t::user(&db, "Ada", Role::Professional).await;
        let b = t::booking(&pro, 24, "Cy");
        insert(&db, &b).await;
        let when = b.starts_at - Duration::minutes(59);
        assert!(
            due(&db, when - Duration::minutes(2), 10)
                .await
                .unwrap()
                .is_empty()
        );
        let found = due(&db, when, 10).await.unwrap();
        assert_eq!(found.len(), 1);
        let (mails, links) = (count(&db, "outbox").await, count(&db, "booking_link").await);

        // two workers with the same due reminder: one sends it
        assert!(
            finish(&db, &found[0], sent("cy@example.com"))
                .await
                .unwrap()
        );
        assert!(
            !finish(&db, &found[0], sent("cy@example.com"))
                .await
                .unwrap()
        );
        assert_eq!(count(&db, "outbox").await, mails + 1);
        assert_eq!(count(&db, "booking_link").await, links + 1);
        assert_eq!(super::count(&db, &b.id, "sent").await.unwrap(), 1);
        assert!(due(&db, when, 10).await.unwrap().is_empty());
    }
}
