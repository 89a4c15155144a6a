//! The `picture` table: each user's current profile picture, as we re-encoded it.

use super::ids::{picture_record, user_record};
use super::{Db, DbError, key_of, new_key};
use app::domain::{PictureId, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Bytes, Datetime, RecordId, SurrealValue};

/// Stores `jpeg` as the user's picture and drops the one it replaces, in one transaction.
pub async fn replace(
    db: &Db,
    user: &UserId,
    jpeg: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<PictureId, DbError> {
    let id = PictureId::new(new_key());
    db.query("BEGIN TRANSACTION")
        .query("DELETE picture WHERE owner = $user")
        .query(
            "CREATE $id CONTENT {
                owner: $user, data: $data, content_type: 'image/jpeg', created_at: $now
            } RETURN NONE",
        )
        .query("UPDATE $user SET picture = $id RETURN NONE")
        .query("COMMIT TRANSACTION")
        .bind(("id", picture_record(&id)))
        .bind(("user", user_record(user)))
        .bind(("data", Bytes::from(jpeg)))
        .bind(("now", Datetime::from(now)))
        .await?
        .check()?;
    Ok(id)
}

/// The user has no picture afterwards, whether or not they had one.
pub async fn remove(db: &Db, user: &UserId) -> Result<(), DbError> {
    db.query("BEGIN TRANSACTION")
        .query("DELETE picture WHERE owner = $user")
        .query("UPDATE $user SET picture = NONE RETURN NONE")
        .query("COMMIT TRANSACTION")
        .bind(("user", user_record(user)))
        .await?
        .check()?;
    Ok(())
}

#[derive(SurrealValue)]
struct PictureRow {
    owner: RecordId,
    data: Bytes,
}

/// A stored picture and whose it is.
pub struct StoredPicture {
    pub owner: UserId,
    pub jpeg: Vec<u8>,
}

pub async fn get(db: &Db, id: &PictureId) -> Result<Option<StoredPicture>, DbError> {
    let mut res = db
        .query("SELECT owner, data FROM $id")
        .bind(("id", picture_record(id)))
        .await?;
    let rows: Vec<PictureRow> = res.take(0)?;
    rows.into_iter()
        .next()
        .map(|r| {
            Ok(StoredPicture {
                owner: UserId::new(key_of(&r.owner)?),
                jpeg: r.data.into_inner().to_vec(),
            })
        })
        .transpose()
}
