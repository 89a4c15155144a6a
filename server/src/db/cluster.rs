//! The `app_server` and `room_host` tables: which app servers are alive, and which one's SFU
//! carries each video room.

use super::{Db, DbError, key_of};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// The server carrying a room: its id and the URL the others reach it at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    pub server: String,
    pub url: String,
}

/// Says this server is alive (and where it is), now.
pub async fn beat(db: &Db, server: &str, url: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    db.query("UPSERT $id CONTENT { url: $url, seen_at: $now } RETURN NONE")
        .bind(("id", RecordId::new("app_server", server.to_owned())))
        .bind(("url", url.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?
        .check()?;
    Ok(())
}

/// This server is stopping: its rooms move on their next join, without waiting for it to go
/// quiet.
pub async fn forget(db: &Db, server: &str) -> Result<(), DbError> {
    db.query("DELETE $id RETURN NONE")
        .bind(("id", RecordId::new("app_server", server.to_owned())))
        .await?
        .check()?;
    Ok(())
}

#[derive(SurrealValue)]
struct Current {
    server: RecordId,
    url: Option<String>,
    seen_at: Option<Datetime>,
}

/// The room's server: the one recorded, while it beat at or after `alive_since`; otherwise `me`,
/// recorded now. Two servers asking at once agree: the record is made (or taken from a silent
/// server) conditionally, and the one that loses reads the winner.
pub async fn host_of(
    db: &Db,
    room: &str,
    me: &Host,
    alive_since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Host, DbError> {
    let id = RecordId::new("room_host", room.to_owned());
    let mine = RecordId::new("app_server", me.server.clone());
    for _ in 0..8 {
        let current: Option<Current> = db
            .query("SELECT server, server.url AS url, server.seen_at AS seen_at FROM ONLY $id")
            .bind(("id", id.clone()))
            .await?
            .take(0)?;
        match current {
            Some(c) => {
                if let (Some(url), Some(seen)) = (&c.url, &c.seen_at)
                    && DateTime::<Utc>::from(*seen) >= alive_since
                {
                    return Ok(Host {
                        server: key_of(&c.server)?,
                        url: url.clone(),
                    });
                }
                // its server went quiet or stopped: take the room, unless another just did
                let taken: Vec<RecordId> = db
                    .query(
                        "UPDATE $id SET server = $mine, since = $now WHERE server = $old
                         RETURN VALUE id",
                    )
                    .bind(("id", id.clone()))
                    .bind(("mine", mine.clone()))
                    .bind(("old", c.server))
                    .bind(("now", Datetime::from(now)))
                    .await?
                    .take(0)?;
                if !taken.is_empty() {
                    return Ok(me.clone());
                }
            }
            None => {
                let made = db
                    .query("CREATE $id CONTENT { server: $mine, since: $now } RETURN NONE")
                    .bind(("id", id.clone()))
                    .bind(("mine", mine.clone()))
                    .bind(("now", Datetime::from(now)))
                    .await?
                    .check();
                match made.map_err(DbError::from_write) {
                    Ok(_) => return Ok(me.clone()),
                    Err(DbError::Conflict) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Err(DbError::Data(format!("room {room}: no host after 8 tries")))
}
