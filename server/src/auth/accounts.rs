//! The `Accounts` port: sign-up, log-in and sessions over SurrealDB and argon2.

use super::password::Hasher;
use super::password_screen::screen;
use super::tokens::{hash_of, new_token, random_token, token_hash};
use super::two_factor;
use crate::clock::Clock;
use crate::config::SessionConfig;
use crate::db::email_changes::{Confirmed, NewEmailChange};
use crate::db::{self, Db, DbError};
use crate::mail::{account_mail, templates};
use app::domain::BookingId;
use app::domain::{
    AccessEntry, CurrentUser, DataExport, DisplayName, Email, Language, LoginCode, Password, Role,
    TermsInForce, Timezone, TwoFactorSetup, TwoFactorStatus, UserId,
};
use app::ports::{
    AccountError, Accounts, Cause, InvitedAccount, LogInStep, NewAccount, SessionToken, SignedIn,
};
use async_trait::async_trait;
use std::sync::Arc;

#[derive(Clone)]
pub struct AccountService {
    pub(super) db: Db,
    pub(super) hasher: Hasher,
    pub(super) clock: Arc<dyn Clock>,
    session_length: chrono::Duration,
    session_idle: chrono::Duration,
    /// Professionals and HR admins set up two-step log-in before going on.
    require_two_factor: bool,
    /// The version of the Terms people accept (at sign-up, or before going on).
    terms: TermsInForce,
    /// Where emailed links point, e.g. `https://tandem.example`.
    pub(super) public_url: String,
}

/// How long an emailed reset link works.
const RESET_LINK_MINUTES: i64 = 30;

/// Failed log-ins in a row before an account is locked (SEC-04).
const FAILURES_BEFORE_LOCK: u32 = 5;
/// The first lock; it doubles with each further failure, up to `MAX_LOCK`.
const FIRST_LOCK: chrono::Duration = chrono::Duration::seconds(30);
const MAX_LOCK: chrono::Duration = chrono::Duration::minutes(15);

/// Past this many failures in a row the account waits a full hour between guesses (SEC-04c: at most
/// about 100 guesses an hour, however they are spread).
const HARD_CAP: u32 = 100;

/// How long the `failures`-th consecutive failure locks the account for.
pub fn lock_for(failures: u32) -> Option<chrono::Duration> {
    if failures >= HARD_CAP {
        return Some(chrono::Duration::hours(1));
    }
    let over = failures.checked_sub(FAILURES_BEFORE_LOCK)?;
    let doubled = FIRST_LOCK * 2_i32.saturating_pow(over.min(10));
    Some(doubled.min(MAX_LOCK))
}

impl AccountService {
    pub fn new(
        db: Db,
        hasher: Hasher,
        clock: Arc<dyn Clock>,
        sessions: SessionConfig,
        public_url: String,
        terms: TermsInForce,
    ) -> Self {
        Self {
            terms,
            require_two_factor: sessions.require_two_factor,
            db,
            hasher,
            clock,
            session_length: chrono::Duration::hours(i64::from(sessions.absolute_hours)),
            session_idle: chrono::Duration::minutes(i64::from(sessions.idle_minutes)),
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }

    /// My profile, where the person sees and changes how their account is kept safe.
    fn profile_link(&self) -> String {
        format!("{}/profile", self.public_url)
    }

    /// Re-authentication for sensitive changes: `InvalidCredentials` unless `password` is theirs.
    pub(super) async fn verify_current(
        &self,
        user: &UserId,
        password: &Password,
    ) -> Result<(), AccountError> {
        let stored = db::users::password_hash(&self.db, user)
            .await
            .map_err(unexpected)?;
        if self
            .hasher
            .verify(password, stored)
            .await
            .map_err(unexpected)?
        {
            Ok(())
        } else {
            Err(AccountError::InvalidCredentials)
        }
    }

    async fn send_reset_link(&self, email: &Email) -> Result<(), AccountError> {
        let Some(found) = db::users::credentials_by_email(&self.db, email)
            .await
            .map_err(unexpected)?
        else {
            return Ok(());
        };
        let token = random_token();
        let now = self.clock.now();
        let link = format!("{}/reset-password?token={token}", self.public_url);
        let mail = templates::password_reset(&found.user, &link, RESET_LINK_MINUTES);
        db::password_resets::create(
            &self.db,
            &found.user.id,
            hash_of(&token),
            now,
            now + chrono::Duration::minutes(RESET_LINK_MINUTES),
            mail,
        )
        .await
        .map_err(unexpected)?;
        tracing::info!(user = found.user.id.as_str(), "password reset link queued");
        Ok(())
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
        .map_err(unexpected)?;
        Ok(SignedIn { user, token })
    }

    /// One more failed log-in for the address keyed `key`, locking it when there are enough.
    async fn count_failure(
        &self,
        key: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), AccountError> {
        let failures = db::login_throttle::record_failure(&self.db, key, now)
            .await
            .map_err(unexpected)?;
        if let Some(lock) = lock_for(failures) {
            tracing::warn!(failures, "log-in locked after repeated failures");
            db::login_throttle::lock(&self.db, key, now + lock)
                .await
                .map_err(unexpected)?;
        }
        Ok(())
    }

    /// A right password (or reset link) for `user`: when two-step log-in is on, the challenge
    /// its code completes; `None` when a session may start at once.
    async fn code_challenge(
        &self,
        user: &UserId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<SessionToken>, AccountError> {
        if !two_factor::is_on(&self.db, user)
            .await
            .map_err(unexpected)?
        {
            return Ok(None);
        }
        two_factor::challenge(&self.db, user, now)
            .await
            .map(Some)
            .map_err(unexpected)
    }
}

pub(super) fn unexpected(e: impl Into<Cause>) -> AccountError {
    AccountError::Unexpected(e.into())
}

#[async_trait]
impl Accounts for AccountService {
    #[tracing::instrument(skip_all)]
    async fn sign_up(&self, account: NewAccount) -> Result<SignedIn, AccountError> {
        screen(&account.password, &account.name, &account.email)
            .map_err(AccountError::WeakPassword)?;
        let password_hash = self
            .hasher
            .hash(&account.password)
            .await
            .map_err(unexpected)?;
        let user = db::users::create(
            &self.db,
            db::users::NewUser {
                name: &account.name,
                email: &account.email,
                password_hash,
                terms_version: &self.terms.version(),
                timezone: account.timezone,
                language: account.language,
                role: account.role,
                verified: false,
                now: self.clock.now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict => AccountError::EmailTaken,
            other => unexpected(other),
        })?;
        tracing::info!(user = user.id.as_str(), "account created");
        self.start_session(user).await
    }

    #[tracing::instrument(skip_all)]
    async fn log_in(&self, email: &Email, password: &Password) -> Result<LogInStep, AccountError> {
        let key = email.key();
        let now = self.clock.now();
        let locked = db::login_throttle::locked_until(&self.db, &key)
            .await
            .map_err(unexpected)?
            .is_some_and(|until| until > now);
        let found = if locked {
            None
        } else {
            db::users::credentials_by_email(&self.db, email)
                .await
                .map_err(unexpected)?
        };
        let (user, stored) = match found {
            Some(c) => (Some(c.user), Some(c.password_hash)),
            None => (None, None),
        };
        // verify even for unknown or locked accounts: the answer must not come back faster for them
        let ok = self
            .hasher
            .verify(password, stored)
            .await
            .map_err(unexpected)?;
        if locked {
            // the same answer as a wrong password: a lock tells an attacker nothing
            return Err(AccountError::InvalidCredentials);
        }
        match (ok, user) {
            (true, Some(user)) => {
                // the failures are forgiven once the code is right too
                if let Some(challenge) = self.code_challenge(&user.id, now).await? {
                    tracing::info!(user = user.id.as_str(), "password right; code asked for");
                    return Ok(LogInStep::CodeNeeded(challenge));
                }
                db::login_throttle::clear(&self.db, &key)
                    .await
                    .map_err(unexpected)?;
                tracing::info!(user = user.id.as_str(), "logged in");
                self.start_session(user).await.map(LogInStep::SignedIn)
            }
            _ => {
                self.count_failure(&key, now).await?;
                Err(AccountError::InvalidCredentials)
            }
        }
    }

    async fn log_in_with_code(
        &self,
        challenge: &SessionToken,
        code: &LoginCode,
    ) -> Result<SignedIn, AccountError> {
        let now = self.clock.now();
        let hash = token_hash(challenge);
        let user_id = db::two_factor::challenge_user(&self.db, &hash, now)
            .await
            .map_err(unexpected)?
            .ok_or(AccountError::LinkInvalid)?;
        let user = db::users::by_id(&self.db, &user_id)
            .await
            .map_err(unexpected)?
            .ok_or(AccountError::LinkInvalid)?;
        let key = user.email.key();
        let locked = db::login_throttle::locked_until(&self.db, &key)
            .await
            .map_err(unexpected)?
            .is_some_and(|until| until > now);
        // a locked account takes no code, with the same answer as a wrong one
        let right = !locked
            && two_factor::take_code(&self.db, &user.id, code, now)
                .await
                .map_err(unexpected)?;
        if !right {
            if !locked {
                self.count_failure(&key, now).await?;
            }
            return Err(AccountError::WrongCode);
        }
        db::login_throttle::clear(&self.db, &key)
            .await
            .map_err(unexpected)?;
        db::two_factor::end_challenge(&self.db, &hash, now)
            .await
            .map_err(unexpected)?;
        tracing::info!(
            user = user.id.as_str(),
            recovery = matches!(code, LoginCode::Recovery(_)),
            "logged in with a code"
        );
        self.start_session(user).await
    }

    async fn two_factor(&self, user: &CurrentUser) -> Result<TwoFactorStatus, AccountError> {
        let found = db::two_factor::get(&self.db, &user.id)
            .await
            .map_err(unexpected)?;
        let on = found.as_ref().is_some_and(|a| a.on());
        let setup = match found.as_ref().filter(|_| !on) {
            Some(pending) => Some(
                two_factor::setup_of(
                    &hex::decode(&pending.secret).map_err(unexpected)?,
                    app::PRODUCT_NAME,
                    user.email.as_str(),
                )
                .map_err(unexpected)?,
            ),
            None => None,
        };
        Ok(TwoFactorStatus {
            on,
            required: user.role != Role::Client,
            recovery_left: found
                .filter(|_| on)
                .map_or(0, |a| u32::try_from(a.recovery.len()).unwrap_or(0)),
            setup,
            fresh_codes: Vec::new(),
        })
    }

    async fn begin_two_factor(&self, user: &CurrentUser) -> Result<TwoFactorSetup, AccountError> {
        two_factor::begin(&self.db, &user.id, app::PRODUCT_NAME, user.email.as_str())
            .await
            .map_err(unexpected)?
            .ok_or(AccountError::TwoFactorLocked)
    }

    async fn enable_two_factor(
        &self,
        user: &CurrentUser,
        code: &LoginCode,
    ) -> Result<Vec<String>, AccountError> {
        let notice = account_mail::two_factor_turned(user, true, &self.profile_link());
        let codes = two_factor::enable(&self.db, &user.id, code, notice, self.clock.now())
            .await
            .map_err(unexpected)?
            .ok_or(AccountError::WrongCode)?;
        tracing::info!(user = user.id.as_str(), "two-step log-in turned on");
        Ok(codes)
    }

    async fn disable_two_factor(
        &self,
        user: &CurrentUser,
        password: &Password,
        code: &LoginCode,
    ) -> Result<(), AccountError> {
        if user.role != Role::Client {
            return Err(AccountError::TwoFactorLocked);
        }
        self.verify_current(&user.id, password).await?;
        if !two_factor::take_code(&self.db, &user.id, code, self.clock.now())
            .await
            .map_err(unexpected)?
        {
            return Err(AccountError::WrongCode);
        }
        let notice = account_mail::two_factor_turned(user, false, &self.profile_link());
        db::two_factor::remove(&self.db, &user.id, notice, self.clock.now())
            .await
            .map_err(unexpected)?;
        tracing::info!(user = user.id.as_str(), "two-step log-in turned off");
        Ok(())
    }

    async fn session_user(
        &self,
        token: &SessionToken,
    ) -> Result<Option<CurrentUser>, AccountError> {
        let found = db::sessions::user_for(
            &self.db,
            &token_hash(token),
            self.clock.now(),
            self.session_idle,
        )
        .await
        .map_err(unexpected)?;
        Ok(found.map(|(mut user, held)| {
            user.terms_due = held.terms_version != self.terms.version();
            user.two_factor_due =
                self.require_two_factor && user.role != Role::Client && !held.two_factor_on;
            user
        }))
    }

    async fn accept_terms(&self, user: &UserId) -> Result<(), AccountError> {
        let version = self.terms.version();
        db::terms::accept(&self.db, user, &version, self.clock.now())
            .await
            .map_err(unexpected)?;
        tracing::info!(user = user.as_str(), version, "terms accepted");
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn request_deletion(
        &self,
        user: &CurrentUser,
        password: &Password,
    ) -> Result<(), AccountError> {
        self.ask_to_delete(user, password).await
    }

    #[tracing::instrument(skip_all)]
    async fn deletion_for(&self, token: &str) -> Result<Option<CurrentUser>, AccountError> {
        self.deletion_pending(token).await
    }

    #[tracing::instrument(skip_all)]
    async fn erase_account(&self, token: &str) -> Result<(), AccountError> {
        self.erase(token).await
    }

    #[tracing::instrument(skip_all)]
    async fn log_out(&self, token: &SessionToken) -> Result<(), AccountError> {
        db::sessions::delete(&self.db, &token_hash(token))
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all)]
    async fn request_password_reset(&self, email: &Email) -> Result<(), AccountError> {
        // done after answering, so a known address takes no longer to answer than an unknown one
        let service = self.clone();
        let email = email.clone();
        tokio::spawn(async move {
            if let Err(e) = service.send_reset_link(&email).await {
                tracing::error!(error = %e, "password reset link not queued");
            }
        });
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn request_email_change(
        &self,
        user: &CurrentUser,
        new_email: &Email,
        current: &Password,
    ) -> Result<(), AccountError> {
        self.verify_current(&user.id, current).await?;
        let token = random_token();
        let now = self.clock.now();
        let link = format!("{}/confirm-email?token={token}", self.public_url);
        db::email_changes::create(
            &self.db,
            NewEmailChange {
                user: &user.id,
                new_email,
                token_hash: hash_of(&token),
                now,
                expires_at: now + chrono::Duration::hours(24),
                confirm: templates::confirm_new_email(user, new_email.as_str(), &link),
                notice: templates::email_change_requested(user, new_email.as_str()),
            },
        )
        .await
        .map_err(unexpected)?;
        tracing::info!(user = user.id.as_str(), "email change requested");
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    async fn confirm_email_change(&self, token: &str) -> Result<(), AccountError> {
        match db::email_changes::confirm(&self.db, &hash_of(token), self.clock.now())
            .await
            .map_err(unexpected)?
        {
            Confirmed::Changed(user) => {
                tracing::info!(user = user.as_str(), "email changed");
                Ok(())
            }
            Confirmed::Invalid => Err(AccountError::LinkInvalid),
            Confirmed::Taken => Err(AccountError::EmailTaken),
        }
    }

    #[tracing::instrument(skip_all)]
    async fn set_timezone(
        &self,
        user: &UserId,
        timezone: Timezone,
    ) -> Result<CurrentUser, AccountError> {
        db::users::set_timezone(&self.db, user, timezone)
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all)]
    async fn set_language(
        &self,
        user: &UserId,
        language: Language,
    ) -> Result<CurrentUser, AccountError> {
        db::users::set_language(&self.db, user, language)
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all)]
    async fn rename(
        &self,
        user: &UserId,
        name: &DisplayName,
        preferred: Option<&DisplayName>,
    ) -> Result<CurrentUser, AccountError> {
        db::users::rename(&self.db, user, name, preferred)
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all)]
    async fn change_password(
        &self,
        user: &CurrentUser,
        current: &Password,
        new: &Password,
    ) -> Result<SignedIn, AccountError> {
        self.verify_current(&user.id, current).await?;
        screen(new, &user.name, &user.email).map_err(AccountError::WeakPassword)?;
        let password_hash = self.hasher.hash(new).await.map_err(unexpected)?;
        let mail = templates::password_changed(user, &format!("{}/login", self.public_url));
        db::users::replace_password(
            &self.db,
            &user.id,
            &user.email.key(),
            password_hash,
            self.clock.now(),
            mail,
        )
        .await
        .map_err(unexpected)?;
        tracing::info!(
            user = user.id.as_str(),
            "password changed; sessions renewed"
        );
        self.start_session(user.clone()).await
    }

    #[tracing::instrument(skip_all)]
    async fn reset_password(
        &self,
        token: &str,
        password: &Password,
    ) -> Result<LogInStep, AccountError> {
        let token_hash = hash_of(token);
        let now = self.clock.now();
        let user_id = db::password_resets::user_for(&self.db, &token_hash, now)
            .await
            .map_err(unexpected)?
            .ok_or(AccountError::LinkInvalid)?;
        let user = db::users::by_id(&self.db, &user_id)
            .await
            .map_err(unexpected)?
            .ok_or(AccountError::LinkInvalid)?;
        // refused before the link is used up, so the person can try another password with it
        screen(password, &user.name, &user.email).map_err(AccountError::WeakPassword)?;
        let password_hash = self.hasher.hash(password).await.map_err(unexpected)?;
        let mail = templates::password_changed(&user, &format!("{}/login", self.public_url));
        let used = db::password_resets::consume(
            &self.db,
            &token_hash,
            &user.id,
            &user.email.key(),
            password_hash,
            now,
            mail,
        )
        .await
        .map_err(unexpected)?;
        if !used {
            return Err(AccountError::LinkInvalid);
        }
        tracing::info!(
            user = user.id.as_str(),
            "password reset; other sessions ended"
        );
        // a reset link proves the mailbox, not the phone: the code is still asked for
        match self.code_challenge(&user.id, now).await? {
            Some(challenge) => Ok(LogInStep::CodeNeeded(challenge)),
            None => self.start_session(user).await.map(LogInStep::SignedIn),
        }
    }

    #[tracing::instrument(skip_all)]
    async fn accept_invitation(
        &self,
        token: &str,
        account: InvitedAccount,
    ) -> Result<(SignedIn, BookingId), AccountError> {
        use crate::db::invites::{self, Claim};
        let booking = invites::booking_for(&self.db, &hash_of(token))
            .await
            .map_err(unexpected)?
            .ok_or(AccountError::LinkInvalid)?;
        if booking.client.is_some() {
            // the invitation already has its account: log in to it
            return Err(AccountError::EmailTaken);
        }
        screen(&account.password, &account.name, &booking.invitee_email)
            .map_err(AccountError::WeakPassword)?;
        let password_hash = self
            .hasher
            .hash(&account.password)
            .await
            .map_err(unexpected)?;
        let created = invites::create_account_and_claim(
            &self.db,
            &booking.id,
            db::users::NewUser {
                name: &account.name,
                email: &booking.invitee_email,
                password_hash,
                terms_version: &self.terms.version(),
                timezone: account.timezone,
                language: account.language,
                role: app::domain::Role::Client,
                // the emailed link reached them: the address is theirs
                verified: true,
                now: self.clock.now(),
            },
        )
        .await
        .map_err(|e| match e {
            DbError::Conflict => AccountError::EmailTaken,
            other => unexpected(other),
        })?;
        match created {
            (Claim::Claimed, Some(user)) => {
                tracing::info!(
                    user = user.id.as_str(),
                    booking = booking.id.as_str(),
                    "account created from an invitation"
                );
                Ok((self.start_session(user).await?, booking.id))
            }
            (Claim::Claimed, None) => Err(unexpected("account created but not returned")),
            (Claim::Stale, _) => Err(AccountError::EmailTaken),
        }
    }

    async fn export(&self, user: &CurrentUser) -> Result<DataExport, AccountError> {
        let export = super::export::gather(&self.db, user, self.clock.now())
            .await
            .map_err(unexpected)?;
        tracing::info!(user = user.id.as_str(), "data exported");
        Ok(export)
    }

    async fn access_log(&self, user: &UserId) -> Result<Vec<AccessEntry>, AccountError> {
        db::access_log::about(&self.db, user, app::ports::ACCESS_LOG_SHOWN)
            .await
            .map_err(unexpected)
    }
}

#[cfg(test)]
mod tests {
    use super::lock_for;
    use chrono::Duration;

    #[test]
    fn lock_starts_at_the_fifth_failure_doubles_and_is_capped() {
        assert_eq!(lock_for(4), None);
        assert_eq!(lock_for(5), Some(Duration::seconds(30)));
        assert_eq!(lock_for(6), Some(Duration::seconds(60)));
        assert_eq!(lock_for(9), Some(Duration::seconds(480)));
        assert_eq!(lock_for(10), Some(Duration::minutes(15)));
        assert_eq!(lock_for(99), Some(Duration::minutes(15)));
        assert_eq!(lock_for(100), Some(Duration::hours(1)));
    }
}
