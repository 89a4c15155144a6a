//! The `presence` table: where each person of a video room last said they were, and when. One
//! row per seat (room and person), written by whichever app server took their heartbeat. In a
//! cluster it also keeps which server's SFU carries the person's call, so that anyone's
//! heartbeat can tell them when that server has stopped.

use super::{Db, DbError};
use app::domain::Whereabouts;
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

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
        db.query("UPSERT $id SET whereabouts = $here, at = $now RETURN NONE")
            .bind(("here", here.as_str().to_owned()))
            .bind(("now", Datetime::from(now)))
    };
    query.bind(("id", row(room, user))).await?.check()?;
    Ok(())
}

/// The seat's person is in the room, on `server`'s SFU (none when there is one server).
pub async fn joined(
    db: &Db,
    room: &str,
    user: &str,
    server: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query("UPSERT $id SET whereabouts = 'in_room', at = $now, server = $server RETURN NONE")
        .bind(("id", row(room, user)))
        .bind(("now", Datetime::from(now)))
        .bind((
            "server",
            server.map(|s| RecordId::new("app_server", s.to_owned())),
        ))
        .await?
        .check()?;
    Ok(())
}

#[derive(SurrealValue)]
struct CarriedBy {
    server: Option<RecordId>,
    seen_at: Option<Datetime>,
}

/// Whether the seat's call is on a server that has stopped (it said so, or it last beat before
/// `alive_since`): the person must join again, and the room moves to a running server. False
/// when no server was recorded (one server alone, or not in the room).
pub async fn stranded(
    db: &Db,
    room: &str,
    user: &str,
    alive_since: DateTime<Utc>,
) -> Result<bool, DbError> {
    let found: Option<CarriedBy> = db
        .query("SELECT server, server.seen_at AS seen_at FROM ONLY $id")
        .bind(("id", row(room, user)))
        .await?
        .take(0)?;
    Ok(match found {
        Some(CarriedBy {
            server: Some(_),
            seen_at,
        }) => seen_at.is_none_or(|seen| DateTime::<Utc>::from(seen) < alive_since),
        _ => false,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::cluster;
    use crate::db::test_support::{memory, now};
    use chrono::Duration;

    #[tokio::test]
    async fn a_call_is_stranded_once_its_server_stops_or_goes_quiet() {
        let db = memory().await;
        let alive_since = now() - Duration::seconds(8);
        cluster::beat(&db, "a", "http://a", now()).await.unwrap();
        cluster::beat(&db, "b", "http://b", now()).await.unwrap();
        joined(&db, "room", "ada", Some("a"), now()).await.unwrap();
        joined(&db, "room", "cy", Some("b"), now()).await.unwrap();
        // one server alone records none, and nobody in the room has none
        joined(&db, "alone", "ada", None, now()).await.unwrap();
        for (room, user) in [
            ("room", "ada"),
            ("room", "cy"),
            ("alone", "ada"),
            ("room", "eve"),
        ] {
            assert!(
                !stranded(&db, room, user, alive_since).await.unwrap(),
                "{room} {user}"
            );
        }
        // a heartbeat keeps the seat's server
        set(&db, "room", "ada", Whereabouts::InRoom, now())
            .await
            .unwrap();
        // a stops (it says so): at once; b goes quiet: once it has been for a while
        cluster::forget(&db, "a").await.unwrap();
        assert!(stranded(&db, "room", "ada", alive_since).await.unwrap());
        assert!(!stranded(&db, "room", "cy", alive_since).await.unwrap());
        let quiet_since = now() + Duration::seconds(1);
        assert!(stranded(&db, "room", "cy", quiet_since).await.unwrap());
        // joining again on a running server ends it
        joined(&db, "room", "ada", Some("b"), now()).await.unwrap();
        assert!(!stranded(&db, "room", "ada", alive_since).await.unwrap());
    }
}
