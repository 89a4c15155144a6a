//! The `notification` table: what happened to a person's bookings, newest first.

use super::ids::user_record;
use super::{Db, DbError, key_of};
use app::domain::{
    BookingId, DisplayName, Notification, NotificationId, NotificationKind, ServiceName, UserId,
};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

#[derive(SurrealValue)]
struct Row {
    id: RecordId,
    kind: String,
    booking: RecordId,
    service_name: String,
    /// The professional's name for a client, the invitee's for a professional.
    other_party: String,
    starts_at: Datetime,
    created_at: Datetime,
    read_at: Option<Datetime>,
}

impl TryFrom<Row> for Notification {
    type Error = DbError;
    fn try_from(r: Row) -> Result<Self, DbError> {
        let data = |e: &dyn std::fmt::Display| DbError::Data(e.to_string());
        Ok(Notification {
            id: NotificationId::new(key_of(&r.id)?),
            kind: NotificationKind::parse(&r.kind)
                .ok_or_else(|| DbError::Data(format!("kind {}", r.kind)))?,
            booking: BookingId::new(key_of(&r.booking)?),
            service_name: ServiceName::parse(&r.service_name).map_err(|e| data(&e))?,
            other_party: DisplayName::parse(&r.other_party).map_err(|e| data(&e))?,
            starts_at: r.starts_at.into(),
            created_at: r.created_at.into(),
            read: r.read_at.is_some(),
        })
    }
}

/// The user's newest notifications, at most `limit`.
pub async fn list(db: &Db, user: &UserId, limit: u32) -> Result<Vec<Notification>, DbError> {
    let rows: Vec<Row> = db
        .query(
            "SELECT id, kind, booking, booking.service_name AS service_name,
                (IF booking.professional = $user THEN booking.invitee_name
                 ELSE booking.professional.name END) AS other_party,
                booking.starts_at AS starts_at, created_at, read_at
             FROM notification WHERE user = $user ORDER BY created_at DESC LIMIT $limit",
        )
        .bind(("user", user_record(user)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    rows.into_iter().map(Notification::try_from).collect()
}

pub async fn unread_count(db: &Db, user: &UserId) -> Result<u64, DbError> {
    let n: Option<i64> = db
        .query("RETURN count(SELECT id FROM notification WHERE user = $user AND read_at = NONE)")
        .bind(("user", user_record(user)))
        .await?
        .take(0)?;
    Ok(n.unwrap_or(0).max(0) as u64)
}

/// Marks one of the user's notifications read; another's is left alone (and reported as absent).
pub async fn mark_read(
    db: &Db,
    user: &UserId,
    id: &NotificationId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let changed: Vec<RecordId> = db
        .query("UPDATE $id SET read_at = (read_at ?? $now) WHERE user = $user RETURN VALUE id")
        .bind(("id", RecordId::new("notification", id.as_str().to_owned())))
        .bind(("user", user_record(user)))
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    Ok(!changed.is_empty())
}

pub async fn mark_all_read(db: &Db, user: &UserId, now: DateTime<Utc>) -> Result<(), DbError> {
    db.query(
        "UPDATE notification SET read_at = $now WHERE user = $user AND read_at = NONE RETURN NONE",
    )
    .bind(("user", user_record(user)))
    .bind(("now", Datetime::from(now)))
    .await?
    .check()?;
    Ok(())
}
