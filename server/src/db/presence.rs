//! The `presence` table: where each person of a video room last said they were, and when. One
//! row per seat (room and person), written by whichever app server took their heartbeat.

use super::{Db, DbError};
use app::domain::Whereabouts;
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId};

fn row(room: &str, user: &str) -> RecordId {
    // both are record keys ([a-z0-9]), so the pair is unambiguous
    RecordId::new("presence", format!("{room}_{user}"))
}

/// Records where the seat's person is; `Away` removes the row.
pub async fn set(
    db: &Db,
    room: &str,
    user: &str,
    here: Whereabouts,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let query = if here == Whereabouts::Away {
        db.query("DELETE $id RETURN NONE")
    } else {
        db.query("UPSERT $id CONTENT { whereabouts: $here, at: $now } RETURN NONE")
            .bind(("here", here.as_str().to_owned()))
            .bind(("now", Datetime::from(now)))
    };
    query.bind(("id", row(room, user))).await?.check()?;
    Ok(())
}

/// Where the seat's person is, if they said so at or after `fresh_since`; `Away` otherwise.
pub async fn of(
    db: &Db,
    room: &str,
    user: &str,
    fresh_since: DateTime<Utc>,
) -> Result<Whereabouts, DbError> {
    let found: Vec<String> = db
        .query("SELECT VALUE whereabouts FROM $id WHERE at >= $since")
        .bind(("id", row(room, user)))
        .bind(("since", Datetime::from(fresh_since)))
        .await?
        .take(0)?;
    Ok(found
        .first()
        .and_then(|w| Whereabouts::parse(w))
        .unwrap_or(Whereabouts::Away))
}
