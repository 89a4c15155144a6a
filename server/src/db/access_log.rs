//! The `access_log` table: who opened what about a client, and when. Written, and read by the
//! client it is about; never changed (the table refuses updates and deletes).

use super::ids::user_record;
use super::{Db, DbError};
use app::domain::{AccessEntry, AccessKind, DisplayName, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, SurrealValue};

/// One opening of something about `subject` by `viewer`.
pub struct Opened<'a> {
    pub subject: &'a UserId,
    pub viewer: &'a UserId,
    pub viewer_name: &'a DisplayName,
    pub what: AccessKind,
    pub item: Option<&'a str>,
    pub at: DateTime<Utc>,
}

pub async fn record(db: &Db, o: Opened<'_>) -> Result<(), DbError> {
    db.query(
        "CREATE access_log CONTENT {
            subject: $subject, viewer: $viewer, viewer_name: $name, what: $what, item: $item,
            at: $at
        } RETURN NONE",
    )
    .bind(("subject", user_record(o.subject)))
    .bind(("viewer", user_record(o.viewer)))
    .bind(("name", o.viewer_name.as_str().to_owned()))
    .bind(("what", o.what.as_str().to_owned()))
    .bind(("item", o.item.map(str::to_owned)))
    .bind(("at", Datetime::from(o.at)))
    .await?
    .check()?;
    Ok(())
}

#[derive(SurrealValue)]
struct Row {
    viewer_name: String,
    what: String,
    item: Option<String>,
    at: Datetime,
}

/// The entries about `subject`, newest first, at most `limit`.
pub async fn about(db: &Db, subject: &UserId, limit: u32) -> Result<Vec<AccessEntry>, DbError> {
    let rows: Vec<Row> = db
        .query(
            "SELECT viewer_name, what, item, at FROM access_log WHERE subject = $subject
                ORDER BY at DESC LIMIT $limit",
        )
        .bind(("subject", user_record(subject)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| {
            Ok(AccessEntry {
                viewer: DisplayName::parse(&r.viewer_name)
                    .map_err(|e| DbError::Data(e.to_string()))?,
                what: AccessKind::parse(&r.what)
                    .ok_or_else(|| DbError::Data(format!("access kind {}", r.what)))?,
                item: r.item,
                at: r.at.into(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_support::{self as t, memory};
    use app::domain::Role;

    #[tokio::test]
    async fn entries_are_read_by_their_subject_and_never_changed() {
        let db = memory().await;
        let cy = t::user(&db, "Cy", Role::Client).await;
        let ada = t::user(&db, "Ada", Role::Professional).await;
        let eve = t::user(&db, "Eve", Role::Client).await;
        for (what, minutes) in [(AccessKind::Appointment, 0), (AccessKind::Picture, 5)] {
            record(
                &db,
                Opened {
                    subject: &cy.id,
                    viewer: &ada.id,
                    viewer_name: &ada.name,
                    what,
                    item: Some("b1"),
                    at: t::now() + chrono::Duration::minutes(minutes),
                },
            )
            .await
            .unwrap();
        }
        let entries = about(&db, &cy.id, 10).await.unwrap();
        let kinds: Vec<AccessKind> = entries.iter().map(|e| e.what).collect();
        assert_eq!(kinds, [AccessKind::Picture, AccessKind::Appointment]);
        assert_eq!(entries[0].viewer, ada.name);
        assert!(about(&db, &eve.id, 10).await.unwrap().is_empty());

        // neither changed nor deleted, by anyone
        for statement in [
            "UPDATE access_log SET viewer_name = 'Someone else'",
            "DELETE access_log",
        ] {
            let refused = db.query(statement).await.unwrap().check();
            assert!(refused.is_err(), "{statement} went through");
        }
        assert_eq!(about(&db, &cy.id, 10).await.unwrap(), entries);
    }
}
