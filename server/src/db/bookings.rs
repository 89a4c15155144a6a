//! The `booking` table, and the transactions that may add to or change a professional's calendar.
//!
//! Every write that puts a booking at a time also writes the professional's `calendar` row, so two
//! such transactions for one professional conflict, and the loser runs again and sees the winner.

use super::hubs::{company_record, purse_record};
use super::ids::{booking_record, user_record};
use super::statements::{ADD_LINKS, ENQUEUE, NOTIFY, links, mails, notices};
use super::{Db, DbError, key_of, retryable};
use crate::mail::Mail;
use app::domain::{
    Booking, BookingId, BookingStatus, CompanyId, Currency, CurrentUser, DisplayName, Email,
    MeetingType, Money, NotificationKind, Person, PictureId, Role, ServiceId, ServiceLength,
    ServiceName, UserId,
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
    professional: RecordId,
    professional_name: String,
    professional_picture: Option<RecordId>,
    invitee_name: String,
    invitee_email: String,
    client: Option<RecordId>,
    status: String,
    cancelled_by: Option<String>,
    sequence: i64,
}

/// The projection every query that yields a `Booking` selects.
pub(super) const BOOKING_FIELDS: &str = "id, service_name, meeting_type, length_minutes, \
    price_minor, currency, starts_at, ends_at, professional, professional.name AS professional_name, \
    professional.picture AS professional_picture, invitee_name, invitee_email, client, status, \
    cancelled_by, sequence";

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
                .and_then(|m| ServiceLength::from_minutes(m).map_err(|e| data(&e)))?,
            price: Money::from_minor(r.price_minor, currency).map_err(|e| data(&e))?,
            starts_at: DateTime::<Utc>::from(r.starts_at),
            ends_at: DateTime::<Utc>::from(r.ends_at),
            professional: Person {
                id: UserId::new(key_of(&r.professional)?),
                name: DisplayName::parse(&r.professional_name).map_err(|e| data(&e))?,
                picture: r
                    .professional_picture
                    .as_ref()
                    .map(key_of)
                    .transpose()?
                    .map(PictureId::new),
            },
            invitee_name: DisplayName::parse(&r.invitee_name).map_err(|e| data(&e))?,
            invitee_email: Email::parse(&r.invitee_email).map_err(|e| data(&e))?,
            client: r.client.as_ref().map(key_of).transpose()?.map(UserId::new),
            status: BookingStatus::parse(&r.status)
                .ok_or_else(|| DbError::Data(format!("status {}", r.status)))?,
            cancelled_by: r.cancelled_by.as_deref().and_then(Role::parse),
            sequence: u32::try_from(r.sequence).map_err(|e| data(&e))?,
        })
    }
}

/// A reminder to schedule with a booking.
#[derive(Clone, Debug, SurrealValue)]
pub struct ReminderDue {
    pub lead_minutes: i64,
    pub due_at: Datetime,
}

/// Everything one invitation writes, together or not at all.
pub struct NewBooking<'a> {
    /// Built by the caller, with a fresh id and no client unless one is known.
    pub booking: &'a Booking,
    pub service: &'a ServiceId,
    /// SHA-256 of the emailed link's token.
    /// SHA-256 of the emailed join link's token, when the mail carries one.
    pub link_hash: Option<String>,
    /// The confirmation, and any other mail the booking sends.
    pub mails: Vec<Mail>,
    pub reminders: Vec<ReminderDue>,
    /// The hold (its token's hash) this booking comes from: it is let go, and no one else's
    /// hold may overlap. `None` for a professional's invitation, which holds do not stop.
    pub hold: Option<String>,
    /// The break kept around the professional's sessions, checked when booking from a hold.
    pub buffer: chrono::Duration,
    /// Paid with the client's credits from a company's hub, instead of a bill.
    pub credits: Option<CreditSpend<'a>>,
    pub now: DateTime<Utc>,
}

/// A booking paid with credits: spent in its transaction, only while the client is a member
/// with enough of them.
pub struct CreditSpend<'a> {
    pub company: &'a CompanyId,
    pub cost: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    Done,
    /// Another booking of the professional overlaps; nothing was written.
    Overlap,
    /// The booking was no longer in a state that allows it (cancelled, changed meanwhile).
    Stale,
    /// Not enough credits (or no longer a member) to pay with them; nothing was written.
    NoCredits,
}

/// How often a transaction that lost a race with another for the same calendar is run again.
const ATTEMPTS: usize = 100;

/// Runs a calendar transaction, again when it lost a race; `overlap` and `stale` thrown inside it
/// come back as `Written`.
async fn run_calendar_write<'a, F>(build: F) -> Result<Written, DbError>
where
    F: Fn() -> surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
{
    for attempt in 1..=ATTEMPTS {
        let errors: Vec<surrealdb::Error> = match build().await {
            Ok(mut response) => response.take_errors().into_values().collect(),
            Err(e) => vec![e],
        };
        // a failed transaction reports every statement as failed: look at all of them
        if errors.is_empty() {
            return Ok(Written::Done);
        }
        if errors.iter().any(|e| e.to_string().contains("overlap")) {
            return Ok(Written::Overlap);
        }
        if errors.iter().any(|e| e.to_string().contains("stale")) {
            return Ok(Written::Stale);
        }
        if errors.iter().any(|e| e.to_string().contains("no_credits")) {
            return Ok(Written::NoCredits);
        }
        if !(errors.iter().any(retryable) && attempt < ATTEMPTS) {
            return Err(DbError::from_transaction(errors));
        }
        // back off a little, differently for each loser, so they don't collide again
        let jitter = rand::random::<u64>() % (5 * attempt as u64 + 1);
        tokio::time::sleep(std::time::Duration::from_millis(jitter)).await;
    }
    Err(DbError::Data("booking kept conflicting".into()))
}

/// Whether another of `$professional`'s bookings (not `$id`) overlaps `$starts_at` to
/// `$ends_at`: one expression for the quick look and the check inside each write.
macro_rules! overlapping {
    () => {
        "count(SELECT id FROM booking WHERE professional = $professional
        AND id != $id AND status = 'booked' AND starts_at < $ends_at AND ends_at > $starts_at) > 0"
    };
}

const OVERLAP_CHECK: &str = concat!("IF ", overlapping!(), " { THROW 'overlap' }");

/// Whether a slot someone else holds (not the hold `$hold`) overlaps `$busy_from` to `$busy_to`.
macro_rules! held_by_others {
    () => {
        "count(SELECT id FROM hold WHERE professional = $professional AND token_hash != $hold
        AND expires_at > $now AND starts_at < $busy_to AND ends_at > $busy_from) > 0"
    };
}

/// Booking from a hold: no other booking, and no one else's hold, within the break around it.
const HELD_CHECK: &str = concat!(
    "IF $hold != NONE AND (",
    held_by_others!(),
    " OR count(SELECT id FROM booking WHERE professional = $professional AND id != $id
        AND status = 'booked' AND starts_at < $busy_to AND ends_at > $busy_from) > 0)
        { THROW 'overlap' }"
);

/// Whether a booking or an unexpired hold of `$professional` overlaps `$busy_from` to
/// `$busy_to` (a slot widened by the break kept around sessions).
const BUSY_CHECK: &str = "IF count(SELECT id FROM booking WHERE professional = $professional
        AND status = 'booked' AND starts_at < $busy_to AND ends_at > $busy_from) > 0
        { THROW 'overlap' };
    IF count(SELECT id FROM hold WHERE professional = $professional
        AND expires_at > $now AND starts_at < $busy_to AND ends_at > $busy_from) > 0
        { THROW 'overlap' }";

/// A slot held while a visitor signs up: kept for them unless it comes within the break of a
/// booking or another hold, checked inside the calendar's transaction like any booking.
pub struct NewHold<'a> {
    pub professional: &'a UserId,
    pub service: &'a ServiceId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The break kept before and after sessions.
    pub buffer: chrono::Duration,
    pub expires_at: DateTime<Utc>,
    pub token_hash: String,
    /// Held from this company's hub, to be paid with its credits.
    pub company: Option<&'a CompanyId>,
    /// The hub invitation (its token's hash) the visitor came with.
    pub invite_hash: Option<String>,
    pub now: DateTime<Utc>,
}

/// Times held (not yet booked) for one professional at once; a hold beyond is answered `Stale`.
pub const MOST_LIVE_HOLDS: i64 = 20;

/// Holds the time unless it comes within the break of a booking or another hold (`Overlap`), or
/// the professional already has `MOST_LIVE_HOLDS` times held (`Stale`).
pub async fn hold(db: &Db, h: NewHold<'_>) -> Result<Written, DbError> {
    run_calendar_write(|| {
        db.query("BEGIN TRANSACTION")
            .query("UPSERT $calendar SET touched_at = $now RETURN NONE")
            .query(BUSY_CHECK)
            // so many times held and not booked is someone holding the calendar, not people
            .query(
                "IF count(SELECT id FROM hold WHERE professional = $professional
                    AND expires_at > $now AND booking IS NONE) >= $most { THROW 'stale' }",
            )
            .query(
                "CREATE hold CONTENT {
                    professional: $professional, service: $service, starts_at: $starts_at,
                    ends_at: $ends_at, expires_at: $expires_at, token_hash: $hold,
                    created_at: $now, company: $company, invite_hash: $invite_hash
                } RETURN NONE",
            )
            .query("COMMIT TRANSACTION")
            .bind((
                "calendar",
                RecordId::new("calendar", h.professional.as_str().to_owned()),
            ))
            .bind(("professional", user_record(h.professional)))
            .bind((
                "service",
                RecordId::new("service", h.service.as_str().to_owned()),
            ))
            .bind(("starts_at", Datetime::from(h.starts_at)))
            .bind(("ends_at", Datetime::from(h.ends_at)))
            .bind(("busy_from", Datetime::from(h.starts_at - h.buffer)))
            .bind(("busy_to", Datetime::from(h.ends_at + h.buffer)))
            .bind(("expires_at", Datetime::from(h.expires_at)))
            .bind(("most", MOST_LIVE_HOLDS))
            .bind(("company", h.company.map(company_record)))
            .bind(("invite_hash", h.invite_hash.clone()))
            .bind(("hold", h.token_hash.clone()))
            .bind(("now", Datetime::from(h.now)))
    })
    .await
}

/// Whether the time already overlaps one of the professional's other bookings: a quick look,
/// outside any transaction, so a hopeless request is refused without waiting for the calendar.
pub async fn overlaps(
    db: &Db,
    professional: &UserId,
    except: &BookingId,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<bool, DbError> {
    let found: Option<bool> = db
        .query(concat!("RETURN ", overlapping!()))
        .bind(("professional", user_record(professional)))
        .bind(("id", booking_record(except)))
        .bind(("starts_at", Datetime::from(starts_at)))
        .bind(("ends_at", Datetime::from(ends_at)))
        .await?
        .take(0)?;
    Ok(found.unwrap_or(false))
}

/// Spends `$cost` of the client's credits with `$paid_by`, when the booking is paid with them:
/// only for a member with enough left (the purse row makes two spends take turns).
const SPEND_CREDITS: &str = "IF $paid_by != NONE {
        UPSERT $purse SET touched_at = $now RETURN NONE;
        IF count(SELECT id FROM hub_member WHERE user = $client AND company = $paid_by
            AND removed_at IS NONE) == 0 { THROW 'no_credits' };
        IF math::sum(SELECT VALUE amount FROM credit WHERE member = $client
            AND company = $paid_by) < $cost { THROW 'no_credits' };
        CREATE credit CONTENT { member: $client, company: $paid_by, kind: 'spend',
            amount: 0 - $cost, booking: $id, at: $now } RETURN NONE;
    }";

/// Gives back the credits a cancelled booking was paid with. They end with the member's latest
/// grant (at once, when its period is over), so a late refund never outlives the credits it
/// came from.
const REFUND_CREDITS: &str = "LET $paid = (SELECT paid_by, credits_spent, client FROM ONLY $id);
    IF $paid.paid_by != NONE AND $paid.client != NONE {
        UPSERT $purse SET touched_at = $now RETURN NONE;
        LET $ends = (SELECT VALUE expires_at FROM credit WHERE member = $paid.client
            AND company = $paid.paid_by AND kind = 'grant' ORDER BY expires_at DESC LIMIT 1)[0];
        CREATE credit CONTENT { member: $paid.client, company: $paid.paid_by, kind: 'refund',
            amount: $paid.credits_spent, booking: $id, at: $now,
            expires_at: $ends ?? $now } RETURN NONE;
    }";

const SCHEDULE_REMINDERS: &str = "FOR $r IN $reminders {
        CREATE reminder CONTENT {
            booking: $id, lead_minutes: $r.lead_minutes, due_at: $r.due_at, status: 'pending'
        } RETURN NONE;
    }";

/// Books it unless it overlaps one of the professional's bookings, atomically, with its bill (when
/// it has a price), its emailed link, its confirmation mail, its reminders and (for a known client)
/// a notification.
pub async fn insert(db: &Db, new: NewBooking<'_>) -> Result<Written, DbError> {
    let b = new.booking;
    let id = booking_record(&b.id);
    let client = b.client.as_ref().map(user_record);
    let links = links(&b.id, new.link_hash);
    let mails = mails(new.mails);
    let notices = notices(b.client.as_ref(), NotificationKind::BookingCreated, &b.id);
    let paid_by = new.credits.as_ref().map(|c| company_record(c.company));
    let cost = new.credits.as_ref().map(|c| i64::from(c.cost));
    let purse = b.client.as_ref().map(purse_record);
    run_calendar_write(|| {
        db.query("BEGIN TRANSACTION")
            .query("UPSERT $calendar SET touched_at = $now RETURN NONE")
            .query(OVERLAP_CHECK)
            .query(HELD_CHECK)
            .query(
                "IF $hold != NONE {
                    UPDATE hold SET booking = $id, expires_at = $now WHERE token_hash = $hold
                    RETURN NONE
                }",
            )
            .query(SPEND_CREDITS)
            .query(
                "CREATE $id CONTENT {
                    professional: $professional, service: $service,
                    service_name: $service_name, meeting_type: $meeting_type,
                    length_minutes: $length_minutes, price_minor: $price_minor, currency: $currency,
                    starts_at: $starts_at, ends_at: $ends_at,
                    invitee_name: $invitee_name, invitee_email: $invitee_email,
                    invitee_email_key: $invitee_email_key, client: $client, status: 'booked',
                    sequence: 0, created_at: $now, paid_by: $paid_by, credits_spent: $cost
                } RETURN NONE",
            )
            .query(super::bills::OPEN_FOR_BOOKING)
            .query(ADD_LINKS)
            .query(ENQUEUE)
            .query(SCHEDULE_REMINDERS)
            .query(NOTIFY)
            .query("COMMIT TRANSACTION")
            .bind((
                "calendar",
                RecordId::new("calendar", b.professional.id.as_str().to_owned()),
            ))
            .bind(("professional", user_record(&b.professional.id)))
            .bind(("id", id.clone()))
            .bind((
                "service",
                RecordId::new("service", new.service.as_str().to_owned()),
            ))
            .bind(("service_name", b.service_name.as_str().to_owned()))
            .bind(("meeting_type", b.meeting_type.code()))
            .bind(("length_minutes", i64::from(b.length.minutes())))
            .bind(("price_minor", b.price.minor()))
            .bind(("currency", b.price.currency().code()))
            .bind(("starts_at", Datetime::from(b.starts_at)))
            .bind(("ends_at", Datetime::from(b.ends_at)))
            .bind(("invitee_name", b.invitee_name.as_str().to_owned()))
            .bind(("invitee_email", b.invitee_email.as_str().to_owned()))
            .bind(("invitee_email_key", b.invitee_email.key()))
            .bind(("client", client.clone()))
            .bind(("links", links.clone()))
            .bind(("mails", mails.clone()))
            .bind(("notices", notices.clone()))
            .bind(("reminders", new.reminders.clone()))
            .bind(("hold", new.hold.clone()))
            .bind(("paid_by", paid_by.clone()))
            .bind(("cost", cost))
            .bind(("purse", purse.clone()))
            .bind(("busy_from", Datetime::from(b.starts_at - new.buffer)))
            .bind(("busy_to", Datetime::from(b.ends_at + new.buffer)))
            .bind(("now", Datetime::from(new.now)))
    })
    .await
}

/// A change of time by the professional, with everything it brings.
pub struct Moved<'a> {
    /// As it was read, so a change made meanwhile is noticed (`sequence`).
    pub before: &'a Booking,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub mail: Option<Mail>,
    /// SHA-256 of a fresh link's token, when the mail carries one.
    pub link_hash: Option<String>,
    pub reminders: Vec<ReminderDue>,
    pub now: DateTime<Utc>,
}

/// Moves the booking unless the new time overlaps another, or it changed since it was read.
/// Pending reminders are replaced; the client, when known, is notified.
pub async fn reschedule(db: &Db, m: Moved<'_>) -> Result<Written, DbError> {
    let b = m.before;
    let links = links(&b.id, m.link_hash);
    let mails = mails(m.mail);
    let notices = notices(b.client.as_ref(), NotificationKind::BookingChanged, &b.id);
    run_calendar_write(|| {
        db.query("BEGIN TRANSACTION")
            .query("UPSERT $calendar SET touched_at = $now RETURN NONE")
            .query(OVERLAP_CHECK)
            .query(
                "LET $moved = (UPDATE $id SET starts_at = $starts_at, ends_at = $ends_at,
                    sequence += 1 WHERE status = 'booked' AND sequence = $sequence RETURN VALUE id)",
            )
            .query("IF array::len($moved) == 0 { THROW 'stale' }")
            .query("DELETE reminder WHERE booking = $id AND status = 'pending'")
            .query(SCHEDULE_REMINDERS)
            .query(NOTIFY)
            .query(ADD_LINKS)
            .query(ENQUEUE)
            .query("COMMIT TRANSACTION")
            .bind((
                "calendar",
                RecordId::new("calendar", b.professional.id.as_str().to_owned()),
            ))
            .bind(("professional", user_record(&b.professional.id)))
            .bind(("id", booking_record(&b.id)))
            .bind(("sequence", i64::from(b.sequence)))
            .bind(("starts_at", Datetime::from(m.starts_at)))
            .bind(("ends_at", Datetime::from(m.ends_at)))
            .bind(("links", links.clone()))
            .bind(("mails", mails.clone()))
            .bind(("notices", notices.clone()))
            .bind(("reminders", m.reminders.clone()))
            .bind(("now", Datetime::from(m.now)))
    })
    .await
}

/// A cancellation, with the notice to the other side.
pub struct Cancelled<'a> {
    pub before: &'a Booking,
    pub by: Role,
    /// Told in the app: the other participant, when they have an account.
    pub notify: Option<&'a UserId>,
    pub mail: Option<Mail>,
    pub now: DateTime<Utc>,
}

/// Cancels it if still booked; its pending reminders are dropped and an unpaid bill let go.
/// Run again when it lost a race (with the member's purse, say).
pub async fn cancel(db: &Db, c: Cancelled<'_>) -> Result<Written, DbError> {
    let notices = notices(c.notify, NotificationKind::BookingCancelled, &c.before.id);
    let mails = mails(c.mail);
    let purse = c
        .before
        .client
        .as_ref()
        .map_or_else(|| RecordId::new("purse", "none"), purse_record);
    run_calendar_write(|| {
        db.query("BEGIN TRANSACTION")
        .query(
            "LET $done = (UPDATE $id SET status = 'cancelled', cancelled_at = $now,
                cancelled_by = $by, sequence += 1 WHERE status = 'booked' RETURN VALUE id)",
        )
        .query("IF array::len($done) == 0 { THROW 'stale' }")
        .query("UPDATE reminder SET status = 'skipped', done_at = $now WHERE booking = $id AND status = 'pending' RETURN NONE")
        .query(super::bills::ON_CANCEL)
        .query(REFUND_CREDITS)
        .query(NOTIFY)
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("id", booking_record(&c.before.id)))
        .bind(("by", c.by.code()))
        .bind(("notices", notices.clone()))
        .bind(("mails", mails.clone()))
        .bind(("purse", purse.clone()))
        .bind(("now", Datetime::from(c.now)))
    })
    .await
}

fn to_bookings(rows: Vec<BookingRow>) -> Result<Vec<Booking>, DbError> {
    rows.into_iter().map(Booking::try_from).collect()
}

pub async fn by_id(db: &Db, id: &BookingId) -> Result<Option<Booking>, DbError> {
    let rows: Vec<BookingRow> = db
        .query(format!("SELECT {BOOKING_FIELDS} FROM $id"))
        .bind(("id", booking_record(id)))
        .await?
        .take(0)?;
    Ok(to_bookings(rows)?.into_iter().next())
}

/// The professional's bookings that have not ended by `now`, soonest first.
pub async fn upcoming_for_professional(
    db: &Db,
    professional: &UserId,
    now: DateTime<Utc>,
) -> Result<Vec<Booking>, DbError> {
    let rows: Vec<BookingRow> = db
        .query(format!(
            "SELECT {BOOKING_FIELDS} FROM booking WHERE professional = $professional
                AND status = 'booked' AND ends_at > $now ORDER BY starts_at"
        ))
        .bind(("professional", user_record(professional)))
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    to_bookings(rows)
}

/// The professional's bookings whose video room is open at `now`: started by
/// `opens_before` (now plus the early join) and not ended by `closes_after` (now less the time a
/// room stays open after the end).
pub async fn open_rooms_for_professional(
    db: &Db,
    professional: &UserId,
    opens_before: DateTime<Utc>,
    closes_after: DateTime<Utc>,
) -> Result<Vec<Booking>, DbError> {
    let rows: Vec<BookingRow> = db
        .query(format!(
            "SELECT {BOOKING_FIELDS} FROM booking WHERE professional = $professional
                AND status = 'booked' AND starts_at <= $opens_before AND ends_at > $closes_after
                ORDER BY starts_at"
        ))
        .bind(("professional", user_record(professional)))
        .bind(("opens_before", Datetime::from(opens_before)))
        .bind(("closes_after", Datetime::from(closes_after)))
        .await?
        .take(0)?;
    to_bookings(rows)
}

/// Every booking of the professional, latest start first, at most `limit`.
pub async fn all_for_professional(
    db: &Db,
    professional: &UserId,
    limit: u32,
) -> Result<Vec<Booking>, DbError> {
    let rows: Vec<BookingRow> = db
        .query(format!(
            "SELECT {BOOKING_FIELDS} FROM booking WHERE professional = $professional
                ORDER BY starts_at DESC LIMIT $limit"
        ))
        .bind(("professional", user_record(professional)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    to_bookings(rows)
}

/// Every booking of the client, latest start first, at most `limit`.
pub async fn all_for_client(db: &Db, client: &UserId, limit: u32) -> Result<Vec<Booking>, DbError> {
    let rows: Vec<BookingRow> = db
        .query(format!(
            "SELECT {BOOKING_FIELDS} FROM booking WHERE client = $client
                ORDER BY starts_at DESC LIMIT $limit"
        ))
        .bind(("client", user_record(client)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    to_bookings(rows)
}

/// The client's bookings still booked that haven't started by `now`, soonest first: those made
/// for their account, and invitations to their address not yet linked to it.
pub async fn not_started_for_client(
    db: &Db,
    client: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Vec<Booking>, DbError> {
    let rows: Vec<BookingRow> = db
        .query(format!(
            "SELECT {BOOKING_FIELDS} FROM booking
                WHERE (client = $client OR (client IS NONE AND invitee_email_key = $key))
                AND status = 'booked' AND starts_at > $now ORDER BY starts_at"
        ))
        .bind(("client", user_record(&client.id)))
        .bind(("key", client.email.key()))
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    to_bookings(rows)
}

/// Whether the two have a booking together, either way round (for seeing each other's picture).
pub async fn connected(db: &Db, a: &UserId, b: &UserId) -> Result<bool, DbError> {
    let mut res = db
        .query(
            "RETURN count(SELECT id FROM booking WHERE
                (professional = $a AND client = $b) OR (professional = $b AND client = $a)) > 0",
        )
        .bind(("a", user_record(a)))
        .bind(("b", user_record(b)))
        .await?;
    let yes: Option<bool> = res.take(0)?;
    Ok(yes.unwrap_or(false))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_support::{self as t, count, insert, memory};
    use chrono::Duration;

    fn moved(before: &Booking, hours: i64) -> Moved<'_> {
        let starts_at = t::now() + Duration::hours(hours);
        Moved {
            before,
            starts_at,
            ends_at: starts_at + Duration::minutes(50),
            mail: Some(t::mail(before.invitee_email.as_str(), "Moved")),
            link_hash: None,
            reminders: Vec::new(),
            now: t::now(),
        }
    }

    #[tokio::test]
    async fn an_overlapping_booking_is_refused_and_writes_nothing() {
        let db = memory().await;
        let pro = t::user(&db, "Ada", Role::Professional).await;
        assert_eq!(
            insert(&db, &t::booking(&pro, 24, "Cy")).await,
            Written::Done
        );
        let (links, mails, reminders, bills) = (
            count(&db, "booking_link").await,
            count(&db, "outbox").await,
            count(&db, "reminder").await,
            count(&db, "bill").await,
        );

        // half an hour into the first one
        let mut clash = t::booking(&pro, 24, "Dee");
        clash.starts_at += Duration::minutes(30);
        clash.ends_at += Duration::minutes(30);
        assert_eq!(insert(&db, &clash).await, Written::Overlap);
        assert_eq!(by_id(&db, &clash.id).await.unwrap(), None);
        assert_eq!(count(&db, "booking_link").await, links);
        assert_eq!(count(&db, "outbox").await, mails);
        assert_eq!(count(&db, "reminder").await, reminders);
        assert_eq!(count(&db, "bill").await, bills);

        // starting as the first one ends is fine
        let mut next = t::booking(&pro, 24, "Dee");
        next.starts_at += Duration::minutes(50);
        next.ends_at += Duration::minutes(50);
        assert_eq!(insert(&db, &next).await, Written::Done);
        // and another professional's calendar is their own
        let other = t::user(&db, "Bea", Role::Professional).await;
        assert_eq!(
            insert(&db, &t::booking(&other, 24, "Cy")).await,
            Written::Done
        );
    }

    #[tokio::test]
    async fn a_move_made_from_an_old_reading_is_stale() {
        let db = memory().await;
        let pro = t::user(&db, "Ada", Role::Professional).await;
        let read = t::booking(&pro, 24, "Cy");
        insert(&db, &read).await;
        assert_eq!(
            reschedule(&db, moved(&read, 48)).await.unwrap(),
            Written::Done
        );
        let mails = count(&db, "outbox").await;

        // the same reading again: the booking changed since
        assert_eq!(
            reschedule(&db, moved(&read, 72)).await.unwrap(),
            Written::Stale
        );
        let now = by_id(&db, &read.id).await.unwrap().unwrap();
        assert_eq!(now.starts_at, t::now() + Duration::hours(48));
        assert_eq!(now.sequence, 1);
        assert_eq!(
            count(&db, "outbox").await,
            mails,
            "no mail for a move that didn't happen"
        );

        // a move onto another booking is an overlap, not a change
        let other = t::booking(&pro, 96, "Dee");
        insert(&db, &other).await;
        assert_eq!(
            reschedule(&db, moved(&now, 96)).await.unwrap(),
            Written::Overlap
        );
    }

    #[tokio::test]
    async fn a_booking_is_cancelled_once_and_its_reminders_with_it() {
        let db = memory().await;
        let pro = t::user(&db, "Ada", Role::Professional).await;
        let b = t::booking(&pro, 24, "Cy");
        insert(&db, &b).await;
        let cancel_it = || Cancelled {
            before: &b,
            by: Role::Professional,
            notify: None,
            mail: Some(t::mail("cy@example.com", "Cancelled")),
            now: t::now(),
        };
        assert_eq!(cancel(&db, cancel_it()).await.unwrap(), Written::Done);
        let mails = count(&db, "outbox").await;
        assert_eq!(cancel(&db, cancel_it()).await.unwrap(), Written::Stale);
        assert_eq!(count(&db, "outbox").await, mails);
        assert_eq!(
            crate::db::reminders::count(&db, &b.id, "pending")
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            crate::db::reminders::count(&db, &b.id, "skipped")
                .await
                .unwrap(),
            1
        );
    }
}
