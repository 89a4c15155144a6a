//! "Take my data with me": everything we hold about a person, gathered for the one JSON file they
//! download from My profile.

use crate::db::{self, Db, DbError};
use app::domain::{CurrentUser, DataExport, Role};
use chrono::{DateTime, Utc};

/// More than anyone has; the lists are whole, not a page of them.
const ALL: u32 = 100_000;

pub async fn gather(
    db: &Db,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<DataExport, DbError> {
    let bookings = if user.role == Role::Professional {
        db::bookings::all_for_professional(db, &user.id, ALL).await?
    } else {
        db::bookings::all_for_client(db, &user.id, ALL).await?
    };
    Ok(DataExport {
        exported_at: now,
        account: user.clone(),
        terms_accepted: db::terms::ledger(db, &user.id).await?,
        bookings,
        notifications: db::notifications::list(db, &user.id, ALL).await?,
        bills: db::bills::for_client(db, &user.id, ALL).await?,
        cards: db::cards::list(db, &user.id).await?,
        access_log: db::access_log::about(db, &user.id, ALL).await?,
    })
}
