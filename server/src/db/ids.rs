//! Typed ids and SurrealDB record ids, both ways: the one place a table's name meets an id type.

use super::DbError;
use app::domain::{BillId, BookingId, CardId, PictureId, UserId};
use surrealdb::types::{RecordId, RecordIdKey};

pub(super) fn user_record(id: &UserId) -> RecordId {
    RecordId::new("user", id.as_str().to_owned())
}

pub(super) fn booking_record(id: &BookingId) -> RecordId {
    RecordId::new("booking", id.as_str().to_owned())
}

pub(super) fn bill_record(id: &BillId) -> RecordId {
    RecordId::new("bill", id.as_str().to_owned())
}

pub(super) fn card_record(id: &CardId) -> RecordId {
    RecordId::new("card", id.as_str().to_owned())
}

pub(super) fn picture_record(id: &PictureId) -> RecordId {
    RecordId::new("picture", id.as_str().to_owned())
}

/// The key of a record id, as our typed ids hold it.
pub(super) fn key_of(id: &RecordId) -> Result<String, DbError> {
    match &id.key {
        RecordIdKey::String(s) => Ok(s.clone()),
        other => Err(DbError::Data(format!("unexpected record key {other:?}"))),
    }
}
