//! For the unit tests beside the SurrealQL: a fresh in-memory database with its migrations, and
//! the rows a transaction needs around it.

use super::bookings::{self, NewBooking, ReminderDue, Written};
use super::users::{self, NewUser};
use super::{Db, new_key};
use crate::config::DatabaseConfig;
use crate::mail::Mail;
use app::domain::{
    Booking, BookingId, BookingStatus, Currency, CurrentUser, DisplayName, Email, Language,
    MeetingType, Money, Person, Role, ServiceId, ServiceLength, ServiceName, Timezone,
};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// A password hash shaped as the schema requires; nobody logs in with it.
pub const PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

/// The tests' "now": a fixed instant, so nothing depends on the day they run.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2031, 1, 15, 9, 0, 0).unwrap()
}

/// A database of its own for each test.
pub async fn memory() -> Db {
    super::connect(&DatabaseConfig {
        url: "mem://".into(),
        namespace: "tandem".into(),
        database: new_key(),
        credentials: None,
        connect_tries: 1,
    })
    .await
    .expect("in-memory database")
}

pub async fn user(db: &Db, name: &str, role: Role) -> CurrentUser {
    let email = Email::parse(&format!("{}@example.com", name.to_lowercase())).unwrap();
    users::create(
        db,
        NewUser {
            name: &DisplayName::parse(name).unwrap(),
            email: &email,
            password_hash: PASSWORD_HASH.into(),
            terms_version: "test",
            timezone: Timezone::parse("Atlantic/Reykjavik").unwrap(),
            language: Language::En,
            role,
            verified: true,
            now: now(),
        },
    )
    .await
    .expect("user created")
}

/// A 50-minute video booking of `professional`'s, starting `hours` after `now()`, for an
/// invitee without an account (yet).
pub fn booking(professional: &CurrentUser, hours: i64, invitee: &str) -> Booking {
    let starts_at = now() + Duration::hours(hours);
    Booking {
        id: BookingId::new(new_key()),
        service_name: ServiceName::parse("Therapy").unwrap(),
        meeting_type: MeetingType::Video,
        length: ServiceLength::from_minutes(50).unwrap(),
        price: Money::from_minor(15_000, Currency::Eur).unwrap(),
        starts_at,
        ends_at: starts_at + Duration::minutes(50),
        professional: Person {
            id: professional.id.clone(),
            name: professional.name.clone(),
            picture: None,
        },
        invitee_name: DisplayName::parse(invitee).unwrap(),
        invitee_email: Email::parse(&format!("{}@example.com", invitee.to_lowercase())).unwrap(),
        client: None,
        status: BookingStatus::Booked,
        cancelled_by: None,
        sequence: 0,
    }
}

pub fn mail(to: &str, subject: &str) -> Mail {
    Mail {
        recipient: to.into(),
        subject: subject.into(),
        text_body: subject.into(),
        html_body: subject.into(),
        calendar: None,
    }
}

/// Writes `b` as the professional's invitation does, with one reminder an hour before.
pub async fn insert(db: &Db, b: &Booking) -> Written {
    bookings::insert(
        db,
        NewBooking {
            booking: b,
            service: &ServiceId::new(new_key()),
            link_hash: Some(new_key()),
            mails: vec![mail(b.invitee_email.as_str(), "Booked")],
            reminders: vec![ReminderDue {
                lead_minutes: 60,
                due_at: (b.starts_at - Duration::hours(1)).into(),
            }],
            hold: None,
            credits: None,
            buffer: chrono::Duration::zero(),
            now: now(),
        },
    )
    .await
    .expect("insert ran")
}

/// How many rows `table` holds.
pub async fn count(db: &Db, table: &str) -> i64 {
    let n: Option<i64> = db
        .query("RETURN count(SELECT id FROM type::table($table))")
        .bind(("table", table.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    n.unwrap_or(0)
}
