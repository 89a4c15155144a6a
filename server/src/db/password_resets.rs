//! The `password_reset` table, and the two transactions around it: asking for a link, using it.

use super::{Db, DbError, key_of, threw};
use crate::mail::Mail;
use app::domain::UserId;
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId};

/// Stores the link's hash and queues its email, together or not at all.
pub async fn create(
    db: &Db,
    user: &UserId,
    token_hash: String,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    mail: Mail,
) -> Result<(), DbError> {
    db.query("BEGIN TRANSACTION")
        .query(
            "CREATE password_reset CONTENT {
                user: $user, token_hash: $token_hash, created_at: $now, expires_at: $expires_at
            } RETURN NONE",
        )
        .query(super::statements::ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("user", RecordId::new("user", user.as_str().to_owned())))
        .bind(("token_hash", token_hash))
        .bind(("now", Datetime::from(now)))
        .bind(("expires_at", Datetime::from(expires_at)))
        .bind(("mails", super::statements::mails([mail])))
        .await?
        .check()?;
    Ok(())
}

/// The user a live, unused link belongs to.
pub async fn user_for(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, DbError> {
    let mut res = db
        .query(
            "SELECT VALUE user FROM password_reset
             WHERE token_hash = $token_hash AND used_at IS NONE AND expires_at > $now LIMIT 1",
        )
        .bind(("token_hash", token_hash.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?;
    let ids: Vec<RecordId> = res.take(0)?;
    ids.first()
        .map(key_of)
        .transpose()
        .map(|k| k.map(UserId::new))
}

/// Uses the link: in one transaction, marks it used (failing if someone else just did), sets the new
/// hash, ends every session of the user, forgets failed log-ins, and queues the "password changed"
/// mail. Returns false when the link was no longer valid.
pub async fn consume(
    db: &Db,
    token_hash: &str,
    user: &UserId,
    email_key: &str,
    password_hash: String,
    now: DateTime<Utc>,
    mail: Mail,
) -> Result<bool, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query(
            "LET $used = (UPDATE password_reset SET used_at = $now
                WHERE token_hash = $token_hash AND used_at IS NONE AND expires_at > $now
                    AND user = $user
                RETURN VALUE id)",
        )
        .query("IF array::len($used) == 0 { THROW 'reset link no longer valid' }")
        .query(super::users::REPLACE_PASSWORD)
        // the link reached them: the address is theirs
        .query("UPDATE $user SET email_verified_at = $now RETURN NONE")
        .query(super::statements::ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("token_hash", token_hash.to_owned()))
        .bind(("user", RecordId::new("user", user.as_str().to_owned())))
        .bind(("email_key", email_key.to_owned()))
        .bind(("password_hash", password_hash))
        .bind(("now", Datetime::from(now)))
        .bind(("mails", super::statements::mails([mail])))
        .await?;
    let errors = res.take_errors();
    if errors.is_empty() {
        Ok(true)
    } else if threw(errors.values(), "no longer valid") {
        Ok(false)
    } else {
        Err(DbError::Data(
            errors
                .into_values()
                .map(|e| e.message().to_owned())
                .collect::<Vec<_>>()
                .join("; "),
        ))
    }
}
