//! The `email_change` table: asking to move an account to a new address, and confirming it.

use super::statements::{ENQUEUE, mails, returned};
use super::{Db, DbError, threw};
use crate::mail::Mail;
use app::domain::{Email, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId};

pub struct NewEmailChange<'a> {
    pub user: &'a UserId,
    pub new_email: &'a Email,
    pub token_hash: String,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The link, to the new address.
    pub confirm: Mail,
    /// The heads-up, to the current address.
    pub notice: Mail,
}

/// Stores the request and queues both mails, together or not at all.
pub async fn create(db: &Db, change: NewEmailChange<'_>) -> Result<(), DbError> {
    let NewEmailChange {
        user,
        new_email,
        token_hash,
        now,
        expires_at,
        confirm,
        notice,
    } = change;
    db.query("BEGIN TRANSACTION")
        .query(
            "CREATE email_change CONTENT {
                user: $user, new_email: $new_email, new_email_key: $new_email_key,
                token_hash: $token_hash, created_at: $now, expires_at: $expires_at
            } RETURN NONE",
        )
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("user", RecordId::new("user", user.as_str().to_owned())))
        .bind(("new_email", new_email.as_str().to_owned()))
        .bind(("new_email_key", new_email.key()))
        .bind(("token_hash", token_hash))
        .bind(("now", Datetime::from(now)))
        .bind(("expires_at", Datetime::from(expires_at)))
        .bind(("mails", mails([confirm, notice])))
        .await?
        .check()?;
    Ok(())
}

pub enum Confirmed {
    Changed(UserId),
    /// Unknown, expired or already used.
    Invalid,
    /// Another account took the address in the meantime.
    Taken,
}

/// Moves the account to the new address, once, in one transaction.
pub async fn confirm(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<Confirmed, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query(
            "LET $change = (SELECT * FROM ONLY email_change
                WHERE token_hash = $token_hash AND used_at IS NONE AND expires_at > $now LIMIT 1)",
        )
        .query("IF $change IS NONE { THROW 'link no longer valid' }")
        .query("UPDATE $change.id SET used_at = $now RETURN NONE")
        .query(
            "UPDATE $change.user SET email = $change.new_email, email_key = $change.new_email_key,
                email_verified_at = $now RETURN NONE",
        )
        .query("RETURN record::id($change.user)")
        .query("COMMIT TRANSACTION")
        .bind(("token_hash", token_hash.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?;
    let errors = res.take_errors();
    if threw(errors.values(), "no longer valid") {
        return Ok(Confirmed::Invalid);
    }
    if errors
        .values()
        .any(|e| e.is_already_exists() || e.message().contains("already contains"))
    {
        return Ok(Confirmed::Taken);
    }
    if !errors.is_empty() {
        return Err(DbError::from_transaction(errors.into_values()));
    }
    let key: Option<String> = res.take(returned(&res))?;
    key.map(|k| Confirmed::Changed(UserId::new(k)))
        .ok_or_else(|| DbError::Data("email change returned no user".into()))
}
