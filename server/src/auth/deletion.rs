//! Deleting an account: the password asks for it, the link mailed to the account's address does
//! it. Future bookings are cancelled first by the `Bookings` port (with their usual notices);
//! this erases the rest.

use super::accounts::{AccountService, unexpected};
use super::tokens::{hash_of, random_token};
use crate::db;
use crate::db::account_deletions::{Erased, Erasure, NewDeletion, Pending};
use crate::mail::account_mail;
use app::domain::{CurrentUser, Password};
use app::ports::AccountError;

/// Tries at erasing while other writes to the same rows get in the way.
const ERASE_ATTEMPTS: usize = 3;

/// How long the mailed link works.
const LINK_HOURS: i64 = 1;

/// What an erased account is called where it was named: the person is gone, the record stays.
const ERASED_NAME: &str = "Deleted account";

impl AccountService {
    pub(super) async fn ask_to_delete(
        &self,
        user: &CurrentUser,
        password: &Password,
    ) -> Result<(), AccountError> {
        self.verify_current(&user.id, password).await?;
        let token = random_token();
        let now = self.clock.now();
        let link = format!("{}/delete-account?token={token}", self.public_url);
        db::account_deletions::create(
            &self.db,
            NewDeletion {
                user: &user.id,
                token_hash: hash_of(&token),
                now,
                expires_at: now + chrono::Duration::hours(LINK_HOURS),
                mail: account_mail::account_deletion_link(user, &link),
            },
        )
        .await
        .map_err(unexpected)?;
        tracing::info!(user = user.id.as_str(), "account deletion requested");
        Ok(())
    }

    /// The account a link (unused, unexpired) would delete; `None` once it has.
    pub(super) async fn deletion_pending(
        &self,
        token: &str,
    ) -> Result<Option<CurrentUser>, AccountError> {
        match db::account_deletions::pending(&self.db, &hash_of(token), self.clock.now())
            .await
            .map_err(unexpected)?
        {
            Pending::Deletes(user) => db::users::by_id(&self.db, &user)
                .await
                .map_err(unexpected)?
                .map(Some)
                .ok_or(AccountError::LinkInvalid),
            Pending::Done => Ok(None),
            Pending::Invalid => Err(AccountError::LinkInvalid),
        }
    }

    pub(super) async fn erase(&self, token: &str) -> Result<(), AccountError> {
        let Some(person) = self.deletion_pending(token).await? else {
            // deleted already, by the same link a moment ago
            return Ok(());
        };
        let user = &person.id;
        // a valid argon2 hash of a secret nobody keeps: no password opens the account again
        let unknown =
            Password::for_login(&random_token()).map_err(|e| unexpected(format!("{e:?}")))?;
        let password_hash = self.hasher.hash(&unknown).await.map_err(unexpected)?;
        let erasure = Erasure {
            token_hash: hash_of(token),
            now: self.clock.now(),
            name: ERASED_NAME.to_owned(),
            email: format!("deleted-{}@deleted.invalid", user.as_str()),
            password_hash,
            farewell: account_mail::account_deleted(&person),
        };
        for _ in 0..ERASE_ATTEMPTS {
            match db::account_deletions::erase(&self.db, erasure.clone())
                .await
                .map_err(unexpected)?
            {
                Erased::Done(user) => {
                    tracing::info!(user = user.as_str(), "account deleted");
                    return Ok(());
                }
                // the same link twice at once: the other request may have deleted it
                Erased::Invalid | Erased::Conflict => {
                    if self.deletion_pending(token).await?.is_none() {
                        return Ok(());
                    }
                }
            }
        }
        Err(unexpected("erasing kept conflicting with other writes"))
    }
}
