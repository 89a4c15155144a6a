//! What the app needs from the running system, as traits the server implements (never compiled to wasm).

use crate::domain::{
    Booking, CurrentUser, DisplayName, Email, Language, MeetingType, Money, Password,
    PasswordError, PictureError, PictureId, Role, Service, ServiceId, ServiceName, SessionLength,
    Timezone, UserId,
};
use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;

/// Everything a server function may reach, handed to Leptos as context by the server.
#[derive(Clone)]
pub struct AppState {
    pub accounts: Arc<dyn Accounts>,
    pub pictures: Arc<dyn Pictures>,
    pub services: Arc<dyn Services>,
    pub bookings: Arc<dyn Bookings>,
    pub cookies: CookieSettings,
}

/// How the session cookie is issued.
#[derive(Clone, Debug)]
pub struct CookieSettings {
    /// Set the `Secure` flag: true whenever the public URL is https.
    pub secure: bool,
    /// Lifetime the browser keeps the cookie; the server enforces its own expiry too.
    pub max_age_secs: u64,
    /// A session unused this long ends (the page warns before, SEC-10).
    pub idle_secs: u64,
}

/// The opaque value in the session cookie. Only its hash is ever stored; it never prints.
#[derive(Clone, Debug)]
pub struct SessionToken(SecretString);

impl SessionToken {
    pub fn new(raw: String) -> Self {
        Self(SecretString::from(raw))
    }
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

#[derive(Debug)]
pub struct NewAccount {
    pub name: DisplayName,
    pub email: Email,
    pub password: Password,
    pub terms_version: &'static str,
    pub timezone: Timezone,
    pub language: Language,
    pub role: Role,
}

#[derive(Debug)]
pub struct SignedIn {
    pub user: CurrentUser,
    pub token: SessionToken,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("email already registered")]
    EmailTaken,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("emailed link expired, used or unknown")]
    LinkInvalid,
    /// The new password is common or guessable (SEC-03); nothing changed.
    #[error("weak password: {0:?}")]
    WeakPassword(PasswordError),
    #[error("internal: {0}")]
    Internal(String),
}

/// Accounts, their sessions and their recovery.
#[async_trait]
pub trait Accounts: Send + Sync + 'static {
    /// Creates the user and a first session in one go.
    async fn sign_up(&self, account: NewAccount) -> Result<SignedIn, AccountError>;
    /// Verifies the password and starts a new session (always a fresh token).
    async fn log_in(&self, email: &Email, password: &Password) -> Result<SignedIn, AccountError>;
    /// The user behind a live session, refreshing its idle timer; `None` when unknown or expired.
    async fn session_user(&self, token: &SessionToken)
    -> Result<Option<CurrentUser>, AccountError>;
    /// Ends the session on the server, so a copied cookie is worthless afterwards.
    async fn log_out(&self, token: &SessionToken) -> Result<(), AccountError>;
    /// Emails a single-use reset link if the address has an account. Returns at once either way,
    /// so neither the answer nor its timing tells whether the account exists.
    async fn request_password_reset(&self, email: &Email) -> Result<(), AccountError>;
    /// Sets a new password with a reset link's token, ends every other session, mails the owner,
    /// and logs them in.
    async fn reset_password(
        &self,
        token: &str,
        password: &Password,
    ) -> Result<SignedIn, AccountError>;
    /// Mails a confirmation link to `new_email` and a notice to the current address; nothing
    /// changes until the link is opened. `InvalidCredentials` when `current` is wrong.
    async fn request_email_change(
        &self,
        user: &CurrentUser,
        new_email: &Email,
        current: &Password,
    ) -> Result<(), AccountError>;
    /// Moves the account to the confirmed address: `LinkInvalid` or `EmailTaken` otherwise.
    async fn confirm_email_change(&self, token: &str) -> Result<(), AccountError>;
    async fn set_timezone(
        &self,
        user: &UserId,
        timezone: Timezone,
    ) -> Result<CurrentUser, AccountError>;
    async fn set_language(
        &self,
        user: &UserId,
        language: Language,
    ) -> Result<CurrentUser, AccountError>;
    async fn rename(&self, user: &UserId, name: &DisplayName) -> Result<CurrentUser, AccountError>;
    /// `InvalidCredentials` when `current` is wrong (and nothing changes). Otherwise every session of
    /// the user ends, a fresh one starts, and the owner is mailed.
    async fn change_password(
        &self,
        user: &CurrentUser,
        current: &Password,
        new: &Password,
    ) -> Result<SignedIn, AccountError>;
}

/// Why an upload did not become the user's picture.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// The person's file: they can fix it.
    #[error("{0}")]
    Rejected(PictureError),
    #[error("internal: {0}")]
    Internal(String),
}

/// Profile pictures: stored only as we re-encoded them, served only to those who may see them.
#[async_trait]
pub trait Pictures: Send + Sync + 'static {
    /// Checks the upload by content, decodes and re-encodes it, and makes it the user's picture,
    /// replacing (and deleting) any earlier one.
    async fn replace(&self, user: &UserId, upload: Vec<u8>) -> Result<PictureId, UploadError>;
    async fn remove(&self, user: &UserId) -> Result<(), AccountError>;
    /// The JPEG bytes, when it exists and `viewer` may see it; `None` otherwise, alike.
    async fn get(&self, viewer: &UserId, id: &PictureId) -> Result<Option<Vec<u8>>, AccountError>;
}

/// A service as the professional describes it, before it is stored.
#[derive(Debug)]
pub struct NewService {
    pub name: ServiceName,
    pub meeting_type: MeetingType,
    pub length: SessionLength,
    pub price: Money,
}

/// A professional's services. Every call names the owner; nothing reaches another's.
#[async_trait]
pub trait Services: Send + Sync + 'static {
    async fn create(&self, owner: &UserId, service: NewService) -> Result<Service, AccountError>;
    /// The owner's services, oldest first.
    async fn list(&self, owner: &UserId) -> Result<Vec<Service>, AccountError>;
}

/// A professional's invitation, before it is booked.
#[derive(Debug)]
pub struct NewInvite {
    pub service: ServiceId,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub invitee_name: DisplayName,
    pub invitee_email: Email,
}

#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    /// The professional already has a session overlapping this time.
    #[error("overlaps another booking")]
    Overlap,
    /// Not one of the professional's own services.
    #[error("unknown service")]
    UnknownService,
    #[error("starts in the past")]
    InThePast,
    #[error("internal: {0}")]
    Internal(String),
}

/// Bookings. A professional is never double-booked: overlapping ones are refused atomically.
#[async_trait]
pub trait Bookings: Send + Sync + 'static {
    async fn invite(
        &self,
        professional: &CurrentUser,
        invite: NewInvite,
    ) -> Result<Booking, BookingError>;
    /// The professional's bookings that have not ended, soonest first.
    async fn upcoming_for_professional(
        &self,
        professional: &UserId,
    ) -> Result<Vec<Booking>, BookingError>;
}
