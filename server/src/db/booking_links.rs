//! Booking links: each professional's hours (`availability`), the names of their link
//! (`link_name`), and the times their calendar is taken (bookings, and slots held by others).
//! Holding a slot is a calendar write: see `bookings::hold`.

use super::ids::user_record;
use super::{Db, DbError, key_of};
use app::domain::{Availability, Busy, Slug, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

fn availability_record(professional: &UserId) -> RecordId {
    RecordId::new("availability", professional.as_str().to_owned())
}

fn name_record(slug: &Slug) -> RecordId {
    RecordId::new("link_name", slug.as_str().to_owned())
}

/// The professional's hours and rules, if they have saved any.
pub async fn availability(db: &Db, professional: &UserId) -> Result<Option<Availability>, DbError> {
    let rules: Vec<String> = db
        .query("SELECT VALUE rules FROM $id")
        .bind(("id", availability_record(professional)))
        .await?
        .take(0)?;
    rules
        .first()
        .map(|r| serde_json::from_str(r).map_err(|e| DbError::Data(format!("hours: {e}"))))
        .transpose()
}

pub async fn save_availability(
    db: &Db,
    professional: &UserId,
    availability: &Availability,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let rules =
        serde_json::to_string(availability).map_err(|e| DbError::Data(format!("hours: {e}")))?;
    db.query("UPSERT $id SET rules = $rules, updated_at = $now RETURN NONE")
        .bind(("id", availability_record(professional)))
        .bind(("rules", rules))
        .bind(("now", Datetime::from(now)))
        .await?
        .check()?;
    Ok(())
}

/// The current name of the professional's link.
pub async fn name_of(db: &Db, professional: &UserId) -> Result<Option<Slug>, DbError> {
    let ids: Vec<RecordId> = db
        .query("SELECT VALUE id FROM link_name WHERE owner = $owner AND current = true LIMIT 1")
        .bind(("owner", user_record(professional)))
        .await?
        .take(0)?;
    ids.first()
        .map(|id| Slug::parse(&key_of(id)?).map_err(|e| DbError::Data(e.to_string())))
        .transpose()
}

/// Gives the professional's link the name `slug`, keeping their former names leading to it.
/// False when the name is, or was, another professional's; then nothing changed.
pub async fn rename(
    db: &Db,
    professional: &UserId,
    slug: &Slug,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query("LET $holder = (SELECT VALUE owner FROM ONLY $name)")
        .query("IF $holder != NONE AND $holder != $owner { THROW 'taken' }")
        .query(
            "UPDATE link_name SET current = false
             WHERE owner = $owner AND current = true AND id != $name RETURN NONE",
        )
        .query("UPSERT $name SET owner = $owner, current = true, created_at = $now RETURN NONE")
        .query("COMMIT TRANSACTION")
        .bind(("name", name_record(slug)))
        .bind(("owner", user_record(professional)))
        .bind(("now", Datetime::from(now)))
        .await?;
    let errors: Vec<String> = res
        .take_errors()
        .into_values()
        .map(|e| e.to_string())
        .collect();
    if errors.iter().any(|e| e.contains("taken")) {
        return Ok(false);
    }
    if let Some(e) = errors.first() {
        return Err(DbError::Data(e.clone()));
    }
    Ok(true)
}

#[derive(SurrealValue)]
struct NameRow {
    owner: RecordId,
    current: bool,
}

/// Whose link `slug` names, and whether it is its current name.
pub async fn by_name(db: &Db, slug: &Slug) -> Result<Option<(UserId, bool)>, DbError> {
    let rows: Vec<NameRow> = db
        .query("SELECT owner, current FROM $name")
        .bind(("name", name_record(slug)))
        .await?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(|r| Ok((UserId::new(key_of(&r.owner)?), r.current)))
        .transpose()
}

#[derive(SurrealValue)]
struct BusyRow {
    starts_at: Datetime,
    ends_at: Datetime,
}

/// The professional's booked sessions and the slots others hold (not `except`, a hold's token
/// hash) that end after `from`.
pub async fn busy(
    db: &Db,
    professional: &UserId,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    except: Option<&str>,
) -> Result<Vec<Busy>, DbError> {
    let mut res = db
        .query(
            "SELECT starts_at, ends_at FROM booking
             WHERE professional = $professional AND status = 'booked' AND ends_at > $from;
             SELECT starts_at, ends_at FROM hold
             WHERE professional = $professional AND expires_at > $now AND ends_at > $from
                AND token_hash != $except",
        )
        .bind(("professional", user_record(professional)))
        .bind(("from", Datetime::from(from)))
        .bind(("now", Datetime::from(now)))
        .bind(("except", except.unwrap_or_default().to_owned()))
        .await?;
    let booked: Vec<BusyRow> = res.take(0)?;
    let held: Vec<BusyRow> = res.take(1)?;
    Ok(booked
        .into_iter()
        .chain(held)
        .map(|r| Busy {
            starts_at: r.starts_at.into(),
            ends_at: r.ends_at.into(),
        })
        .collect())
}

/// A slot someone holds, as stored.
pub struct Hold {
    pub professional: UserId,
    pub service: app::domain::ServiceId,
    pub starts_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The booking it became, and that booking's client.
    pub booked: Option<(app::domain::BookingId, Option<UserId>)>,
    /// Held from this company's hub.
    pub company: Option<app::domain::CompanyId>,
    /// The hub invitation's token hash it came with.
    pub invite_hash: Option<String>,
}

#[derive(SurrealValue)]
struct HoldRow {
    professional: RecordId,
    service: RecordId,
    starts_at: Datetime,
    expires_at: Datetime,
    booking: Option<RecordId>,
    client: Option<RecordId>,
    company: Option<RecordId>,
    invite_hash: Option<String>,
}

/// The hold whose token hashes to `token_hash`.
pub async fn hold(db: &Db, token_hash: &str) -> Result<Option<Hold>, DbError> {
    let rows: Vec<HoldRow> = db
        .query(
            "SELECT professional, service, starts_at, expires_at, booking, booking.client AS client,
                company, invite_hash
             FROM hold WHERE token_hash = $hash LIMIT 1",
        )
        .bind(("hash", token_hash.to_owned()))
        .await?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(|r| {
            Ok(Hold {
                professional: UserId::new(key_of(&r.professional)?),
                service: app::domain::ServiceId::new(key_of(&r.service)?),
                starts_at: r.starts_at.into(),
                expires_at: r.expires_at.into(),
                booked: match r.booking {
                    Some(b) => Some((
                        app::domain::BookingId::new(key_of(&b)?),
                        r.client.as_ref().map(key_of).transpose()?.map(UserId::new),
                    )),
                    None => None,
                },
                company: r
                    .company
                    .as_ref()
                    .map(key_of)
                    .transpose()?
                    .map(app::domain::CompanyId::new),
                invite_hash: r.invite_hash,
            })
        })
        .transpose()
}

/// Forgets holds that ran out a while ago (their tokens then lead nowhere).
pub async fn forget_old_holds(db: &Db, before: DateTime<Utc>) -> Result<(), DbError> {
    db.query("DELETE hold WHERE expires_at < $before RETURN NONE")
        .bind(("before", Datetime::from(before)))
        .await?
        .check()?;
    Ok(())
}
