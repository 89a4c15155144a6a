//! The `two_factor` and `login_challenge` tables: authenticator secrets, the last step taken,
//! unused recovery codes (hashed), and passwords accepted that wait for their code.

use super::ids::user_record;
use super::statements::{ENQUEUE, mails};
use super::{Db, DbError, key_of, threw};
use crate::mail::Mail;
use app::domain::UserId;
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// A user's authenticator, set up or being set up.
#[derive(SurrealValue)]
pub struct Authenticator {
    /// Hex.
    pub secret: String,
    pub enabled_at: Option<Datetime>,
    pub last_step: Option<i64>,
    /// SHA-256 (hex) of each recovery code not used yet.
    pub recovery: Vec<String>,
}

impl Authenticator {
    pub fn on(&self) -> bool {
        self.enabled_at.is_some()
    }
}

pub async fn get(db: &Db, user: &UserId) -> Result<Option<Authenticator>, DbError> {
    let mut res = db
        .query(
            "SELECT secret, enabled_at, last_step, recovery FROM two_factor
                WHERE user = $user LIMIT 1",
        )
        .bind(("user", user_record(user)))
        .await?;
    Ok(res.take(0)?)
}

/// Starts setting up with `secret` (hex), replacing a set-up not finished. `false`, changing
/// nothing, when two-step log-in is on already.
pub async fn begin(db: &Db, user: &UserId, secret: &str) -> Result<bool, DbError> {
    let mut res = db
        .query(
            "BEGIN TRANSACTION;
             LET $on = (SELECT VALUE id FROM two_factor WHERE user = $user AND enabled_at != NONE);
             IF array::len($on) = 0 {
                 DELETE two_factor WHERE user = $user;
                 CREATE two_factor CONTENT {
                     user: $user, secret: $secret, enabled_at: NONE, last_step: NONE, recovery: []
                 };
             };
             RETURN array::len($on) = 0;
             COMMIT TRANSACTION;",
        )
        .bind(("user", user_record(user)))
        .bind(("secret", secret.to_owned()))
        .await
        .map_err(DbError::from_write)?;
    let at = super::statements::returned(&res);
    let began: Option<bool> = res.take(at).map_err(DbError::from_write)?;
    Ok(began.unwrap_or(false))
}

/// Turns it on after a code proved the set-up (`step` is that code's), with the recovery codes'
/// hashes, and queues `notice` to the account's address. `false` (and no mail) when it was on
/// already or no set-up was under way.
pub async fn enable(
    db: &Db,
    user: &UserId,
    step: i64,
    recovery: Vec<String>,
    notice: Mail,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query(
            "LET $changed = (UPDATE two_factor SET enabled_at = $now, last_step = $step,
                recovery = $recovery WHERE user = $user AND enabled_at = NONE RETURN VALUE id)",
        )
        .query("IF array::len($changed) == 0 { THROW 'not being set up' }")
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("user", user_record(user)))
        .bind(("step", step))
        .bind(("recovery", recovery))
        .bind(("mails", mails([notice])))
        .bind(("now", Datetime::from(now)))
        .await
        .map_err(DbError::from_write)?;
    let errors = res.take_errors();
    if threw(errors.values(), "not being set up") {
        return Ok(false);
    }
    if !errors.is_empty() {
        return Err(DbError::from_transaction(errors.into_values()));
    }
    Ok(true)
}

/// Takes the code of `step`: `true` once, for a step later than any taken before. Two requests
/// with the same code: one of them gets it.
pub async fn take_step(db: &Db, user: &UserId, step: i64) -> Result<bool, DbError> {
    let mut res = db
        .query(
            "UPDATE two_factor SET last_step = $step
                WHERE user = $user AND enabled_at != NONE AND (last_step = NONE OR last_step < $step)
                RETURN VALUE id",
        )
        .bind(("user", user_record(user)))
        .bind(("step", step))
        .await
        .map_err(DbError::from_write)?;
    let changed: Vec<RecordId> = res.take(0).map_err(DbError::from_write)?;
    Ok(!changed.is_empty())
}

/// Uses up the recovery code hashed `hash`: `true` once.
pub async fn take_recovery(db: &Db, user: &UserId, hash: &str) -> Result<bool, DbError> {
    let mut res = db
        .query(
            "UPDATE two_factor SET recovery -= $hash
                WHERE user = $user AND enabled_at != NONE AND recovery CONTAINS $hash
                RETURN VALUE id",
        )
        .bind(("user", user_record(user)))
        .bind(("hash", hash.to_owned()))
        .await
        .map_err(DbError::from_write)?;
    let changed: Vec<RecordId> = res.take(0).map_err(DbError::from_write)?;
    Ok(!changed.is_empty())
}

/// Turns it off, and queues `notice` to the account's address, together.
pub async fn remove(
    db: &Db,
    user: &UserId,
    notice: Mail,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query("BEGIN TRANSACTION")
        .query("DELETE two_factor WHERE user = $user RETURN NONE")
        .query(ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("user", user_record(user)))
        .bind(("mails", mails([notice])))
        .bind(("now", Datetime::from(now)))
        .await?
        .check()
        .map_err(DbError::from_write)?;
    Ok(())
}

/// A password accepted for `user`, waiting for its code until `expires_at`.
pub async fn create_challenge(
    db: &Db,
    token_hash: &str,
    user: &UserId,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query("CREATE login_challenge CONTENT { token_hash: $hash, user: $user, expires_at: $at }")
        .bind(("hash", token_hash.to_owned()))
        .bind(("user", user_record(user)))
        .bind(("at", Datetime::from(expires_at)))
        .await?
        .check()
        .map_err(DbError::from_write)?;
    Ok(())
}

#[derive(SurrealValue)]
struct ChallengeRow {
    user: RecordId,
}

/// Whose password the challenge `token_hash` stands for, while it lasts.
pub async fn challenge_user(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, DbError> {
    let mut res = db
        .query(
            "SELECT user FROM login_challenge WHERE token_hash = $hash AND expires_at > $now
                LIMIT 1",
        )
        .bind(("hash", token_hash.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?;
    let row: Option<ChallengeRow> = res.take(0)?;
    row.map(|r| key_of(&r.user).map(UserId::new)).transpose()
}

/// Ends the challenge (its code was taken), and any that expired.
pub async fn end_challenge(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<(), DbError> {
    db.query("DELETE login_challenge WHERE token_hash = $hash OR expires_at <= $now")
        .bind(("hash", token_hash.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?
        .check()
        .map_err(DbError::from_write)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_support::{self as t, memory};
    use app::domain::Role;

    fn notice() -> Mail {
        Mail {
            recipient: "ann@example.com".into(),
            subject: "Two-step log-in".into(),
            text_body: String::new(),
            html_body: String::new(),
            calendar: None,
        }
    }

    #[tokio::test]
    async fn a_step_and_a_recovery_code_are_taken_once() {
        let db = memory().await;
        let ann = t::user(&db, "Ann", Role::Professional).await.id;
        assert!(begin(&db, &ann, "00ff").await.unwrap());
        assert!(!take_step(&db, &ann, 10).await.unwrap(), "not on yet");
        assert!(
            enable(
                &db,
                &ann,
                10,
                vec!["h1".into(), "h2".into()],
                notice(),
                chrono::Utc::now()
            )
            .await
            .unwrap()
        );
        assert!(
            !enable(&db, &ann, 12, vec![], notice(), chrono::Utc::now())
                .await
                .unwrap(),
            "on already"
        );
        assert!(
            !begin(&db, &ann, "0101").await.unwrap(),
            "on: no new set-up over it"
        );
        assert!(
            !take_step(&db, &ann, 10).await.unwrap(),
            "the step that turned it on"
        );
        assert!(take_step(&db, &ann, 11).await.unwrap());
        assert!(!take_step(&db, &ann, 11).await.unwrap());
        assert!(take_recovery(&db, &ann, "h2").await.unwrap());
        assert!(!take_recovery(&db, &ann, "h2").await.unwrap());
        let a = get(&db, &ann).await.unwrap().unwrap();
        assert_eq!(
            (a.on(), a.secret.as_str(), a.recovery),
            (true, "00ff", vec!["h1".to_owned()])
        );
        remove(&db, &ann, notice(), chrono::Utc::now())
            .await
            .unwrap();
        assert!(get(&db, &ann).await.unwrap().is_none());
    }
}
