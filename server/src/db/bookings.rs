//! The `booking` table, and the one transaction that may add to a professional's calendar.

use super::users::user_record;
use super::{Db, DbError, key_of, new_key};
use app::domain::{
    Booking, BookingId, BookingStatus, Currency, DisplayName, Email, MeetingType, Money, Service,
    ServiceName, SessionLength, UserId,
};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

#[derive(SurrealValue)]
struct BookingRow {
    id: RecordId,
    service_name: String,
    meeting_type: String,
    length_minutes: i64,
    price_minor: i64,
    currency: String,
    starts_at: Datetime,
    ends_at: Datetime,
    invitee_name: String,
    invitee_email: String,
    status: String,
}

const BOOKING_FIELDS: &str = "id, service_name, meeting_type, length_minutes, price_minor, \
    currency, starts_at, ends_at, invitee_name, invitee_email, status";

impl TryFrom<BookingRow> for Booking {
    type Error = DbError;
    fn try_from(r: BookingRow) -> Result<Self, DbError> {
        let data = |e: &dyn std::fmt::Display| DbError::Data(e.to_string());
        let currency = Currency::parse(&r.currency).map_err(|e| data(&e))?;
        Ok(Booking {
            id: BookingId::new(key_of(&r.id)?),
            service_name: ServiceName::parse(&r.service_name).map_err(|e| data(&e))?,
            meeting_type: MeetingType::parse(&r.meeting_type).map_err(|e| data(&e))?,
            length: u16::try_from(r.length_minutes)
                .map_err(|e| data(&e))
                .and_then(|m| SessionLength::from_minutes(m).map_err(|e| data(&e)))?,
            price: Money::from_minor(r.price_minor, currency).map_err(|e| data(&e))?,
            starts_at: DateTime::<Utc>::from(r.starts_at),
            ends_at: DateTime::<Utc>::from(r.ends_at),
            invitee_name: DisplayName::parse(&r.invitee_name).map_err(|e| data(&e))?,
            invitee_email: Email::parse(&r.invitee_email).map_err(|e| data(&e))?,
            status: BookingStatus::parse(&r.status)
                .ok_or_else(|| DbError::Data(format!("status {}", r.status)))?,
        })
    }
}

pub struct NewBooking<'a> {
    pub professional: &'a UserId,
    pub service: &'a Service,
    pub starts_at: DateTime<Utc>,
    pub invitee_name: &'a DisplayName,
    pub invitee_email: &'a Email,
    pub now: DateTime<Utc>,
}

pub enum Inserted {
    Booked(Booking),
    /// Another booking of the professional overlaps; nothing was written.
    Overlap,
}

/// How often a transaction that lost a race with another for the same calendar is run again.
const ATTEMPTS: usize = 100;

/// Books it unless it overlaps one of the professional's bookings, atomically: every such
/// transaction writes the professional's `calendar` row, so concurrent ones conflict, and the loser
/// runs again and sees the winner's booking.
pub async fn insert(db: &Db, new: NewBooking<'_>) -> Result<Inserted, DbError> {
    let ends_at =
        new.starts_at + chrono::Duration::minutes(i64::from(new.service.length.minutes()));
    let id = RecordId::new("booking", new_key());
    for attempt in 1..=ATTEMPTS {
        let result = db
            .query("BEGIN TRANSACTION")
            .query("UPSERT $calendar SET touched_at = $now RETURN NONE")
            .query(
                "IF count(SELECT id FROM booking WHERE professional = $professional
                    AND status = 'booked' AND starts_at < $ends_at AND ends_at > $starts_at) > 0
                 { THROW 'overlap' }",
            )
            .query(
                "CREATE $id CONTENT {
                    professional: $professional, service: $service,
                    service_name: $service_name, meeting_type: $meeting_type,
                    length_minutes: $length_minutes, price_minor: $price_minor, currency: $currency,
                    starts_at: $starts_at, ends_at: $ends_at,
                    invitee_name: $invitee_name, invitee_email: $invitee_email,
                    invitee_email_key: $invitee_email_key, status: 'booked', created_at: $now
                } RETURN NONE",
            )
            .query("COMMIT TRANSACTION")
            .bind((
                "calendar",
                RecordId::new("calendar", new.professional.as_str().to_owned()),
            ))
            .bind(("professional", user_record(new.professional)))
            .bind(("id", id.clone()))
            .bind((
                "service",
                RecordId::new("service", new.service.id.as_str().to_owned()),
            ))
            .bind(("service_name", new.service.name.as_str().to_owned()))
            .bind(("meeting_type", new.service.meeting_type.code()))
            .bind(("length_minutes", i64::from(new.service.length.minutes())))
            .bind(("price_minor", new.service.price.minor()))
            .bind(("currency", new.service.price.currency().code()))
            .bind(("starts_at", Datetime::from(new.starts_at)))
            .bind(("ends_at", Datetime::from(ends_at)))
            .bind(("invitee_name", new.invitee_name.as_str().to_owned()))
            .bind(("invitee_email", new.invitee_email.as_str().to_owned()))
            .bind(("invitee_email_key", new.invitee_email.key()))
            .bind(("now", Datetime::from(new.now)))
            .await;
        // a failed transaction reports every statement as failed: look at all of them
        let errors: Vec<surrealdb::Error> = match result {
            Ok(mut response) => response.take_errors().into_values().collect(),
            Err(e) => vec![e],
        };
        if errors.is_empty() {
            return by_id(db, &id).await.map(Inserted::Booked);
        }
        if errors.iter().any(|e| e.to_string().contains("overlap")) {
            return Ok(Inserted::Overlap);
        }
        if !(errors.iter().any(retryable) && attempt < ATTEMPTS) {
            return Err(DbError::Surreal(
                errors.into_iter().next().expect("an error"),
            ));
        }
        // back off a little, differently for each loser, so they don't collide again
        let jitter = rand::random::<u64>() % (5 * attempt as u64 + 1);
        tokio::time::sleep(std::time::Duration::from_millis(jitter)).await;
    }
    Err(DbError::Data("booking kept conflicting".into()))
}

fn retryable(e: &surrealdb::Error) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("conflict") || text.contains("retried") || text.contains("retry")
}

async fn by_id(db: &Db, id: &RecordId) -> Result<Booking, DbError> {
    let mut res = db
        .query(format!("SELECT {BOOKING_FIELDS} FROM $id"))
        .bind(("id", id.clone()))
        .await?;
    let rows: Vec<BookingRow> = res.take(0)?;
    rows.into_iter()
        .next()
        .ok_or_else(|| DbError::Data("booking vanished".into()))?
        .try_into()
}

/// The professional's booked sessions that have not ended by `now`, soonest first.
pub async fn upcoming_for_professional(
    db: &Db,
    professional: &UserId,
    now: DateTime<Utc>,
) -> Result<Vec<Booking>, DbError> {
    let mut res = db
        .query(format!(
            "SELECT {BOOKING_FIELDS} FROM booking WHERE professional = $professional
                AND status = 'booked' AND ends_at > $now ORDER BY starts_at"
        ))
        .bind(("professional", user_record(professional)))
        .bind(("now", Datetime::from(now)))
        .await?;
    let rows: Vec<BookingRow> = res.take(0)?;
    rows.into_iter().map(Booking::try_from).collect()
}

/// Every booking of the professional, cancelled ones too: for tests and audits.
pub async fn count_for_professional(db: &Db, professional: &UserId) -> Result<u64, DbError> {
    let mut res = db
        .query("RETURN count(SELECT id FROM booking WHERE professional = $professional)")
        .bind(("professional", user_record(professional)))
        .await?;
    let n: Option<i64> = res.take(0)?;
    Ok(n.unwrap_or(0).max(0) as u64)
}
