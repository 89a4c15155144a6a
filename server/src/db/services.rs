//! The `service` table: what each professional offers.

use super::ids::user_record;
use super::{Db, DbError, key_of, new_key};
use app::domain::{
    Currency, MeetingType, Money, Service, ServiceId, ServiceLength, ServiceName, UserId,
};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

#[derive(SurrealValue)]
struct ServiceRow {
    id: RecordId,
    name: String,
    meeting_type: String,
    length_minutes: i64,
    price_minor: i64,
    currency: String,
}

impl TryFrom<ServiceRow> for Service {
    type Error = DbError;
    fn try_from(r: ServiceRow) -> Result<Self, DbError> {
        let data = |e: &dyn std::fmt::Display| DbError::Data(e.to_string());
        let currency = Currency::parse(&r.currency).map_err(|e| data(&e))?;
        Ok(Service {
            id: ServiceId::new(key_of(&r.id)?),
            name: ServiceName::parse(&r.name).map_err(|e| data(&e))?,
            meeting_type: MeetingType::parse(&r.meeting_type).map_err(|e| data(&e))?,
            length: u16::try_from(r.length_minutes)
                .map_err(|e| data(&e))
                .and_then(|m| ServiceLength::from_minutes(m).map_err(|e| data(&e)))?,
            price: Money::from_minor(r.price_minor, currency).map_err(|e| data(&e))?,
        })
    }
}

const SERVICE_FIELDS: &str = "id, name, meeting_type, length_minutes, price_minor, currency";

pub struct NewServiceRow<'a> {
    pub owner: &'a UserId,
    pub name: &'a ServiceName,
    pub meeting_type: MeetingType,
    pub length: ServiceLength,
    pub price: Money,
    pub now: DateTime<Utc>,
}

pub async fn create(db: &Db, new: NewServiceRow<'_>) -> Result<Service, DbError> {
    let mut res = db
        .query(format!(
            "CREATE ONLY $id CONTENT {{
                owner: $owner, name: $name, meeting_type: $meeting_type,
                length_minutes: $length, price_minor: $price_minor, currency: $currency,
                created_at: $now
            }} RETURN {SERVICE_FIELDS}"
        ))
        .bind(("id", RecordId::new("service", new_key())))
        .bind(("owner", user_record(new.owner)))
        .bind(("name", new.name.as_str().to_owned()))
        .bind(("meeting_type", new.meeting_type.code()))
        .bind(("length", i64::from(new.length.minutes())))
        .bind(("price_minor", new.price.minor()))
        .bind(("currency", new.price.currency().code()))
        .bind(("now", Datetime::from(new.now)))
        .await?;
    let row: Option<ServiceRow> = res.take(0)?;
    row.ok_or_else(|| DbError::Data("service not created".into()))?
        .try_into()
}

/// The owner's services, oldest first.
pub async fn of_owner(db: &Db, owner: &UserId) -> Result<Vec<Service>, DbError> {
    let mut res = db
        .query(format!(
            "SELECT {SERVICE_FIELDS}, created_at FROM service
             WHERE owner = $owner AND archived_at IS NONE ORDER BY created_at"
        ))
        .bind(("owner", user_record(owner)))
        .await?;
    let rows: Vec<ServiceRow> = res.take(0)?;
    rows.into_iter().map(Service::try_from).collect()
}

/// The service, if it exists, belongs to `owner` and is offered (not archived); `None` alike
/// otherwise.
pub async fn owned(db: &Db, owner: &UserId, id: &ServiceId) -> Result<Option<Service>, DbError> {
    let mut res = db
        .query(format!(
            "SELECT {SERVICE_FIELDS} FROM $id WHERE owner = $owner AND archived_at IS NONE"
        ))
        .bind(("id", RecordId::new("service", id.as_str().to_owned())))
        .bind(("owner", user_record(owner)))
        .await?;
    let rows: Vec<ServiceRow> = res.take(0)?;
    rows.into_iter().next().map(Service::try_from).transpose()
}

/// Changes the owner's offered service `id`; `None` when it is not theirs or is archived.
/// Bookings keep the name, length and price they were booked with (they hold a copy).
pub async fn update(
    db: &Db,
    id: &ServiceId,
    new: NewServiceRow<'_>,
) -> Result<Option<Service>, DbError> {
    let mut res = db
        .query(format!(
            "UPDATE $id SET name = $name, meeting_type = $meeting_type, length_minutes = $length,
                price_minor = $price_minor, currency = $currency, updated_at = $now
             WHERE owner = $owner AND archived_at IS NONE RETURN {SERVICE_FIELDS}"
        ))
        .bind(("id", RecordId::new("service", id.as_str().to_owned())))
        .bind(("owner", user_record(new.owner)))
        .bind(("name", new.name.as_str().to_owned()))
        .bind(("meeting_type", new.meeting_type.code()))
        .bind(("length", i64::from(new.length.minutes())))
        .bind(("price_minor", new.price.minor()))
        .bind(("currency", new.price.currency().code()))
        .bind(("now", Datetime::from(new.now)))
        .await?;
    let rows: Vec<ServiceRow> = res.take(0)?;
    rows.into_iter().next().map(Service::try_from).transpose()
}

/// Stops offering the owner's service `id` (it stays for the bookings made with it); false when
/// it is not theirs or already archived.
pub async fn archive(
    db: &Db,
    owner: &UserId,
    id: &ServiceId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let archived: Vec<RecordId> = db
        .query(
            "UPDATE $id SET archived_at = $now
             WHERE owner = $owner AND archived_at IS NONE RETURN VALUE id",
        )
        .bind(("id", RecordId::new("service", id.as_str().to_owned())))
        .bind(("owner", user_record(owner)))
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    Ok(!archived.is_empty())
}
