//! The `account_deletion` table, and erasing an account: what is personal goes, what must be kept
//! (paid bills, the access log, the Terms ledger) stays, pointing at a user row with nothing
//! personal left in it.

use super::ids::user_record;
use super::statements::{ENQUEUE, mails, returned};
use super::{Db, DbError, key_of, retryable, threw};
use crate::mail::Mail;
use app::domain::UserId;
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

pub struct NewDeletion<'a> {
    pub user: &'a UserId,
    pub token_hash: String,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The link, to the account's address.
    pub mail: Mail,
}

/// Stores the request and queues its mail, together or not at all. An earlier request's link
/// stops working: only the latest one mailed is good.
pub async fn create(db: &Db, d: NewDeletion<'_>) -> Result<(), DbError> {
    db.query("BEGIN TRANSACTION")
        .query("DELETE account_deletion WHERE user = $user AND used_at IS NONE RETURN NONE")
        .query(
            "CREATE account_deletion CONTENT {
                user: $user, token_hash: $token_hash, created_at: $now, expires_at: $expires_at
            } RETURN NONE",
        )
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("user", user_record(d.user)))
        .bind(("token_hash", d.token_hash))
        .bind(("now", Datetime::from(d.now)))
        .bind(("expires_at", Datetime::from(d.expires_at)))
        .bind(("mails", mails([d.mail])))
        .await?
        .check()?;
    Ok(())
}

/// What a mailed deletion link stands for.
pub enum Pending {
    /// Unused and unexpired: whose account it deletes.
    Deletes(UserId),
    /// Used already: the account is gone (a second click, or a form sent twice).
    Done,
    /// Unknown or expired.
    Invalid,
}

#[derive(SurrealValue)]
struct LinkRow {
    user: RecordId,
    used: bool,
}

pub async fn pending(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<Pending, DbError> {
    let mut res = db
        .query(
            "SELECT user, used_at IS NOT NONE AS used FROM ONLY account_deletion
                WHERE token_hash = $token_hash AND (used_at IS NOT NONE OR expires_at > $now)
                LIMIT 1",
        )
        .bind(("token_hash", token_hash.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?;
    let row: Option<LinkRow> = res.take(0)?;
    Ok(match row {
        Some(LinkRow { used: true, .. }) => Pending::Done,
        Some(LinkRow { user, .. }) => Pending::Deletes(UserId::new(key_of(&user)?)),
        None => Pending::Invalid,
    })
}

/// What an erased account is left with instead of its own details.
#[derive(Clone)]
pub struct Erasure {
    pub token_hash: String,
    pub now: DateTime<Utc>,
    /// Shown where the person was named (a professional's past sessions, bills).
    pub name: String,
    /// An address nobody can receive mail at or sign up with, unique to the account.
    pub email: String,
    /// A password hash nobody knows the password of.
    pub password_hash: String,
    /// The last mail to the old address, saying it is done.
    pub farewell: Mail,
}

pub enum Erased {
    Done(UserId),
    /// Unknown, expired or already used.
    Invalid,
    /// Another write to the same rows at the same moment (the same link twice at once): nothing
    /// was changed; look again.
    Conflict,
}

/// Erases the account in one transaction, once: sessions end everywhere, everything personal is
/// deleted or replaced, and the bookings keep only what the professional and the law need (when,
/// what, the price, the bill). Future bookings are cancelled before this, with their notices.
pub async fn erase(db: &Db, e: Erasure) -> Result<Erased, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query(
            "LET $d = (SELECT * FROM ONLY account_deletion
                WHERE token_hash = $token_hash AND used_at IS NONE AND expires_at > $now LIMIT 1)",
        )
        .query("IF $d IS NONE { THROW 'link no longer valid' }")
        .query("LET $u = $d.user")
        .query("LET $key = $u.email_key")
        .query("UPDATE $d.id SET used_at = $now RETURN NONE")
        .query(ERASE)
        .query(ENQUEUE)
        .query("RETURN record::id($u)")
        .query("COMMIT TRANSACTION")
        .bind(("token_hash", e.token_hash))
        .bind(("now", Datetime::from(e.now)))
        .bind(("gone_name", e.name))
        .bind(("gone_key", e.email.to_lowercase()))
        .bind(("gone_email", e.email))
        .bind(("gone_hash", e.password_hash))
        .bind(("mails", mails([e.farewell])))
        .await?;
    let errors = res.take_errors();
    if threw(errors.values(), "no longer valid") {
        return Ok(Erased::Invalid);
    }
    if errors.values().any(retryable) {
        return Ok(Erased::Conflict);
    }
    if !errors.is_empty() {
        return Err(DbError::from_transaction(errors.into_values()));
    }
    let key: Option<String> = res.take(returned(&res))?;
    key.map(|k| Erased::Done(UserId::new(k)))
        .ok_or_else(|| DbError::Data("erasing returned no user".into()))
}

/// Everything personal of `$u` (whose address key is `$key`), for `erase`.
const ERASE: &str = "
    UPDATE booking SET invitee_name = $gone_name, invitee_email = $gone_email,
        invitee_email_key = $gone_key
        WHERE client = $u OR invitee_email_key = $key RETURN NONE;
    DELETE booking_link WHERE booking.client = $u OR booking.invitee_email_key = $gone_key
        RETURN NONE;
    DELETE notification WHERE user = $u RETURN NONE;
    DELETE session WHERE user = $u RETURN NONE;
    DELETE login_challenge WHERE user = $u RETURN NONE;
    DELETE two_factor WHERE user = $u RETURN NONE;
    DELETE password_reset WHERE user = $u RETURN NONE;
    DELETE email_change WHERE user = $u RETURN NONE;
    DELETE account_deletion WHERE user = $u AND used_at IS NONE RETURN NONE;
    DELETE card WHERE owner = $u RETURN NONE;
    DELETE picture WHERE owner = $u RETURN NONE;
    DELETE presence WHERE string::ends_with(record::id(id), '_' + record::id($u)) RETURN NONE;
    DELETE type::record('login_throttle', $key) RETURN NONE;
    DELETE outbox WHERE string::lowercase(recipient) = $key AND status IN ['sent', 'failed']
        RETURN NONE;
    UPDATE hub_member SET removed_at = $now WHERE user = $u AND removed_at IS NONE RETURN NONE;
    UPDATE hub_invite SET email = $gone_email, email_key = $gone_key
        WHERE used_by = $u OR email_key = $key RETURN NONE;
    UPDATE $u SET name = $gone_name, preferred_name = NONE, email = $gone_email,
        email_key = $gone_key, password_hash = $gone_hash, picture = NONE, title = NONE,
        bio = NONE, spoken_languages = [], stripe_customer = NONE, email_verified_at = NONE,
        deleted_at = $now RETURN NONE;
";
