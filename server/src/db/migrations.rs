//! Schema changes as numbered `.surql` files, each applied once and recorded.

use super::{Db, DbError};

/// In order. Never edit a file that has shipped; add the next one.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_accounts",
        include_str!("migrations/0001_accounts.surql"),
    ),
    (
        "0002_session_activity_and_login_throttle",
        include_str!("migrations/0002_session_activity_and_login_throttle.surql"),
    ),
    (
        "0003_outbox_and_password_reset",
        include_str!("migrations/0003_outbox_and_password_reset.surql"),
    ),
    (
        "0004_email_change",
        include_str!("migrations/0004_email_change.surql"),
    ),
    (
        "0005_user_timezone",
        include_str!("migrations/0005_user_timezone.surql"),
    ),
    (
        "0006_language_and_picture",
        include_str!("migrations/0006_language_and_picture.surql"),
    ),
    (
        "0007_roles_and_services",
        include_str!("migrations/0007_roles_and_services.surql"),
    ),
    (
        "0008_bookings",
        include_str!("migrations/0008_bookings.surql"),
    ),
    (
        "0009_invites_notifications_reminders",
        include_str!("migrations/0009_invites_notifications_reminders.surql"),
    ),
    ("0010_bills", include_str!("migrations/0010_bills.surql")),
    (
        "0011_payments",
        include_str!("migrations/0011_payments.surql"),
    ),
    (
        "0012_booking_links",
        include_str!("migrations/0012_booking_links.surql"),
    ),
    ("0013_hubs", include_str!("migrations/0013_hubs.surql")),
    (
        "0014_preferred_name",
        include_str!("migrations/0014_preferred_name.surql"),
    ),
    (
        "0015_presence",
        include_str!("migrations/0015_presence.surql"),
    ),
    (
        "0016_room_hosts",
        include_str!("migrations/0016_room_hosts.surql"),
    ),
    (
        "0017_outbox_claims",
        include_str!("migrations/0017_outbox_claims.surql"),
    ),
    (
        "0018_presence_server",
        include_str!("migrations/0018_presence_server.surql"),
    ),
    (
        "0019_access_log",
        include_str!("migrations/0019_access_log.surql"),
    ),
    (
        "0020_terms_ledger",
        include_str!("migrations/0020_terms_ledger.surql"),
    ),
    (
        "0021_two_factor",
        include_str!("migrations/0021_two_factor.surql"),
    ),
    (
        "0022_account_deletion",
        include_str!("migrations/0022_account_deletion.surql"),
    ),
];

pub async fn apply(db: &Db) -> Result<(), DbError> {
    db.query(
        "DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL;
         DEFINE FIELD IF NOT EXISTS name ON migration TYPE string;
         DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime;
         DEFINE INDEX IF NOT EXISTS migration_name ON migration FIELDS name UNIQUE;",
    )
    .await?
    .check()?;
    let mut res = db.query("SELECT VALUE name FROM migration").await?;
    let applied: Vec<String> = res.take(0)?;
    for (name, sql) in MIGRATIONS {
        if applied.iter().any(|a| a == name) {
            continue;
        }
        tracing::info!(migration = name, "applying migration");
        let applied = db
            .query("BEGIN TRANSACTION")
            .query(*sql)
            .query("CREATE migration CONTENT { name: $name, applied_at: time::now() }")
            .query("COMMIT TRANSACTION")
            .bind(("name", name.to_string()))
            .await?
            .check();
        if let Err(e) = applied {
            // servers started together on one database race to migrate it: the one that loses
            // finds the migration recorded by the other (its own transaction wrote nothing)
            if !recorded(db, name).await? {
                return Err(e.into());
            }
            tracing::info!(migration = name, "applied by another server");
        }
    }
    Ok(())
}

async fn recorded(db: &Db, name: &str) -> Result<bool, DbError> {
    let mut res = db
        .query("SELECT VALUE name FROM migration WHERE name = $name")
        .bind(("name", name.to_owned()))
        .await?;
    let found: Vec<String> = res.take(0)?;
    Ok(!found.is_empty())
}

/// How many known migrations this database has not had: 0 once `apply` has run. A readiness
/// probe asks, so a server whose schema is behind takes no traffic.
pub async fn pending(db: &Db) -> Result<usize, DbError> {
    let mut res = db.query("SELECT VALUE name FROM migration").await?;
    let applied: Vec<String> = res.take(0)?;
    Ok(MIGRATIONS
        .iter()
        .filter(|(name, _)| !applied.iter().any(|a| a == name))
        .count())
}
