//! The `Accounts` port: sign-up, log-in and sessions over SurrealDB and argon2.

use super::password::Hasher;
use super::tokens::{new_token, token_hash};
use crate::clock::Clock;
use crate::db::{self, Db, DbError};
use app::domain::{CurrentUser, Email, Password};
use app::ports::{AccountError, Accounts, NewAccount, SessionToken, SignedIn};
use async_trait::async_trait;
use std::sync::Arc;

pub struct AccountService {
    db: Db,
    hasher: Hasher,
    clock: Arc<dyn Clock>,
    session_length: chrono::Duration,
}

impl AccountService {
    pub fn new(db: Db, hasher: Hasher, clock: Arc<dyn Clock>, session_days: u32) -> Self {
        Self {
            db,
            hasher,
            clock,
            session_length: chrono::Duration::days(i64::from(session_days)),
        }
    }

    async fn start_session(&self, user: CurrentUser) -> Result<SignedIn, AccountError> {
        let token = new_token();
        let now = self.clock.now();
        db::sessions::create(
            &self.db,
            &user.id,
            token_hash(&token),
            now,
            now + self.session_length,
        )
        .await
        .map_err(internal)?;
        Ok(SignedIn { user, token })
    }
}

fn internal(e: impl std::fmt::Display) -> AccountError {
    AccountError::Internal(e.to_string())
}

#[async_trait]
impl Accounts for AccountService {
    #[tracing::instrument(skip_all)]
    async fn sign_up(&self, account: NewAccount) -> Result<SignedIn, AccountError> {
        let password_hash = self
            .hasher
            .hash(&account.password)
            .await
            .map_err(internal)?;
        let user = db::users::create(
            &self.db,
            db::users::NewUser {
                name: &account.name,
                email: &account.email,
                password_hash,
                terms_version: account.terms_version,
                now: self.clock.now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict => AccountError::EmailTaken,
            other => internal(other),
        })?;
        tracing::info!(user = user.id.as_str(), "account created");
        self.start_session(user).await
    }

    #[tracing::instrument(skip_all)]
    async fn log_in(&self, email: &Email, password: &Password) -> Result<SignedIn, AccountError> {
        let found = db::users::credentials_by_email(&self.db, email)
            .await
            .map_err(internal)?;
        let (user, stored) = match found {
            Some(c) => (Some(c.user), Some(c.password_hash)),
            None => (None, None),
        };
        // verify even for unknown emails: the answer must not come back faster for them
        let ok = self
            .hasher
            .verify(password, stored)
            .await
            .map_err(internal)?;
        match (ok, user) {
            (true, Some(user)) => {
                tracing::info!(user = user.id.as_str(), "logged in");
                self.start_session(user).await
            }
            _ => Err(AccountError::InvalidCredentials),
        }
    }

    async fn session_user(
        &self,
        token: &SessionToken,
    ) -> Result<Option<CurrentUser>, AccountError> {
        db::sessions::user_for(&self.db, &token_hash(token), self.clock.now())
            .await
            .map_err(internal)
    }

    #[tracing::instrument(skip_all)]
    async fn log_out(&self, token: &SessionToken) -> Result<(), AccountError> {
        db::sessions::delete(&self.db, &token_hash(token))
            .await
            .map_err(internal)
    }
}
