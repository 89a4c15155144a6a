//! The Terms & Conditions a user accepted: the `terms_acceptance` ledger, written by the database
//! whenever `user.terms_version` is set (migration 0020) and never changed.

use super::ids::user_record;
use super::{Db, DbError};
use app::domain::{TermsAccepted, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, SurrealValue};

/// `user` accepts `version` now. Accepting the version they already have changes nothing (a
/// double click writes one entry).
pub async fn accept(
    db: &Db,
    user: &UserId,
    version: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query(
        "UPDATE $user SET terms_version = $version, terms_accepted_at = $now
            WHERE terms_version != $version RETURN NONE",
    )
    .bind(("user", user_record(user)))
    .bind(("version", version.to_owned()))
    .bind(("now", Datetime::from(now)))
    .await?
    .check()
    .map_err(DbError::from_write)?;
    Ok(())
}

#[derive(SurrealValue)]
struct Row {
    version: String,
    accepted_at: Datetime,
}

/// Each version `user` accepted and when, oldest first.
pub async fn ledger(db: &Db, user: &UserId) -> Result<Vec<TermsAccepted>, DbError> {
    let rows: Vec<Row> = db
        .query(
            "SELECT version, accepted_at FROM terms_acceptance WHERE user = $user
                ORDER BY accepted_at ASC",
        )
        .bind(("user", user_record(user)))
        .await?
        .take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| TermsAccepted {
            version: r.version,
            accepted_at: r.accepted_at.into(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_support::{self as t, memory};
    use app::domain::Role;
    use chrono::Duration;

    #[tokio::test]
    async fn each_version_accepted_is_a_dated_entry_that_never_changes() {
        let db = memory().await;
        let cy = t::user(&db, "Cy", Role::Client).await.id;
        let first = ledger(&db, &cy).await.unwrap();
        assert_eq!(first.len(), 1, "signing up accepted a version");
        assert_eq!(first[0].version, "test");

        let later = first[0].accepted_at + Duration::days(40);
        accept(&db, &cy, "2027-01-15", later).await.unwrap();
        accept(&db, &cy, "2027-01-15", later + Duration::minutes(1))
            .await
            .unwrap();
        let entries = ledger(&db, &cy).await.unwrap();
        assert_eq!(
            entries
                .iter()
                .map(|e| (e.version.as_str(), e.accepted_at))
                .collect::<Vec<_>>(),
            [("test", first[0].accepted_at), ("2027-01-15", later)],
            "the first entry is kept; accepting the same version twice writes one entry"
        );

        for change in [
            "UPDATE terms_acceptance SET version = 'forged'",
            "DELETE terms_acceptance",
        ] {
            let res = db.query(change).await.unwrap().check();
            assert!(res.is_err(), "{change} must fail");
        }
        assert_eq!(ledger(&db, &cy).await.unwrap(), entries);
    }
}
