//! What the app needs from the running system, as traits the server implements (never compiled to wasm).
//!
//! The server's implementation of port `X` is `XService`, in the module named for it:
//! `auth::AccountService`, `media::PictureService`, `practice::CatalogService`,
//! `practice::BookingService`, `practice::NotificationService`, `practice::DirectoryService`,
//! `rooms::RoomService`, `payments::BillService`, `payments::PaymentService`.

use crate::domain::{
    AccessEntry, Agenda, AppointmentView, Availability, Bill, BillId, BillStatus, Bio, Booking,
    BookingId, BookingPolicy, Card, CardId, ClientSummary, Connection, Credits, CurrentUser,
    DataExport, DisplayName, Email, HeldSlot, HrDashboard, HubBadge, HubPage, HubSettings,
    IceServer, Invitation, Language, LinkPage, LinkSettings, LoginCode, MeetingType, MessageText,
    Money, Notification, NotificationId, NotificationSettings, Password, PasswordError, PayOutcome,
    PictureError, PictureId, ProfessionalProfile, ProfessionalTitle, Role, Service, ServiceId,
    ServiceLength, ServiceName, Slug, SpokenLanguages, StripeHandoff, Timezone, TwoFactorSetup,
    TwoFactorStatus, UserId, WaitingClient, Whereabouts,
};
use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;

/// Why something failed that the person can't fix (the database, a worker that stopped, a bug).
/// Each port's error keeps it whole as its `Unexpected` variant's source, so the log shows the
/// chain of causes, while the person sees only a plain "something went wrong".
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything a server function may reach, handed to Leptos as context by the server.
#[derive(Clone)]
pub struct AppState {
    pub accounts: Arc<dyn Accounts>,
    pub pictures: Arc<dyn Pictures>,
    pub catalog: Arc<dyn Catalog>,
    pub bookings: Arc<dyn Bookings>,
    pub notifications: Arc<dyn Notifications>,
    pub directory: Arc<dyn Directory>,
    pub rooms: Arc<dyn Rooms>,
    pub bills: Arc<dyn Bills>,
    pub payments: Arc<dyn Payments>,
    pub links: Arc<dyn BookingLinks>,
    pub hubs: Arc<dyn Hubs>,
    pub cookies: CookieSettings,
    /// The version of the Terms & Conditions people accept.
    pub terms: crate::domain::TermsInForce,
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
    pub timezone: Timezone,
    pub language: Language,
    pub role: Role,
}

/// What a right password leads to.
#[derive(Debug)]
pub enum LogInStep {
    SignedIn(SignedIn),
    /// Two-step log-in is on: the code is asked for next, under this challenge (kept in a
    /// short-lived cookie; only its hash is stored).
    CodeNeeded(SessionToken),
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
    /// A code from the authenticator app (or a recovery code) that isn't right now, was used,
    /// or came while the account is locked: one answer for all three.
    #[error("wrong code")]
    WrongCode,
    /// Two-step log-in is on already (set up again after turning it off), or must stay on (the
    /// person's role requires it).
    #[error("two-step log-in can't change this way")]
    TwoFactorLocked,
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// Accounts, their sessions and their recovery.
#[async_trait]
pub trait Accounts: Send + Sync + 'static {
    /// Creates the user and a first session in one go.
    async fn sign_up(&self, account: NewAccount) -> Result<SignedIn, AccountError>;
    /// Verifies the password and starts a new session (always a fresh token), or, when two-step
    /// log-in is on, a short challenge that `log_in_with_code` completes.
    async fn log_in(&self, email: &Email, password: &Password) -> Result<LogInStep, AccountError>;
    /// Completes a challenge with a code from the app or a recovery code. `LinkInvalid` when the
    /// challenge is unknown or over (log in again); `WrongCode` counts towards the lock-out.
    async fn log_in_with_code(
        &self,
        challenge: &SessionToken,
        code: &LoginCode,
    ) -> Result<SignedIn, AccountError>;
    /// Where the user stands with two-step log-in.
    async fn two_factor(&self, user: &CurrentUser) -> Result<TwoFactorStatus, AccountError>;
    /// A new secret to set up an app with (replacing one not confirmed); `TwoFactorLocked` when
    /// it is on.
    async fn begin_two_factor(&self, user: &CurrentUser) -> Result<TwoFactorSetup, AccountError>;
    /// Turns it on once a code from the app proves the set-up; the recovery codes, shown once.
    async fn enable_two_factor(
        &self,
        user: &CurrentUser,
        code: &LoginCode,
    ) -> Result<Vec<String>, AccountError>;
    /// Turns it off with the password and a code; `TwoFactorLocked` for roles that require it.
    async fn disable_two_factor(
        &self,
        user: &CurrentUser,
        password: &Password,
        code: &LoginCode,
    ) -> Result<(), AccountError>;
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
    ) -> Result<LogInStep, AccountError>;
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
    /// The full name, and what the person asked to be called (`None`: from the full name).
    async fn rename(
        &self,
        user: &UserId,
        name: &DisplayName,
        preferred: Option<&DisplayName>,
    ) -> Result<CurrentUser, AccountError>;
    /// `InvalidCredentials` when `current` is wrong (and nothing changes). Otherwise every session of
    /// the user ends, a fresh one starts, and the owner is mailed.
    async fn change_password(
        &self,
        user: &CurrentUser,
        current: &Password,
        new: &Password,
    ) -> Result<SignedIn, AccountError>;
    /// Creates the account an emailed join link was sent to (the link proves the address), binds
    /// the booking to it and starts a session. `LinkInvalid` for an unknown link; `EmailTaken`
    /// when the address has an account by now.
    async fn accept_invitation(
        &self,
        token: &str,
        account: InvitedAccount,
    ) -> Result<(SignedIn, BookingId), AccountError>;
    /// Everything we hold about `user`, for them to download ("take my data with me").
    async fn export(&self, user: &CurrentUser) -> Result<DataExport, AccountError>;
    /// Who opened something about `user`, newest first: the latest [`ACCESS_LOG_SHOWN`].
    async fn access_log(&self, user: &UserId) -> Result<Vec<AccessEntry>, AccountError>;
    /// `user` accepts the Terms in force (dated in their ledger); accepting them twice is one entry.
    async fn accept_terms(&self, user: &UserId) -> Result<(), AccountError>;
    /// Mails `user` a link that deletes their account, once the password is right
    /// (`InvalidCredentials` otherwise). A newer request's link replaces an older one.
    async fn request_deletion(
        &self,
        user: &CurrentUser,
        password: &Password,
    ) -> Result<(), AccountError>;
    /// Whose account a mailed deletion link is for; `None` when the link deleted it already (a
    /// second click), `LinkInvalid` when unknown or expired.
    async fn deletion_for(&self, token: &str) -> Result<Option<CurrentUser>, AccountError>;
    /// Erases the account the link is for, once: every session ends, personal details are
    /// erased, and what must be kept (paid bills, the access log, the Terms ledger) stays without
    /// them. Cancel the person's future bookings first (`Bookings::cancel_for_leaving`). The same
    /// link again (or twice at once) changes nothing more and succeeds.
    async fn erase_account(&self, token: &str) -> Result<(), AccountError>;
}

/// How many access-log entries My profile shows; the data download has them all.
pub const ACCESS_LOG_SHOWN: u32 = 100;

/// What the invitee adds to the invitation to make their account; the address comes from it.
#[derive(Debug)]
pub struct InvitedAccount {
    pub name: DisplayName,
    pub password: Password,
    pub timezone: Timezone,
    pub language: Language,
}

/// Why the `Pictures` port failed: an upload that did not become the user's picture, or the store.
#[derive(Debug, thiserror::Error)]
pub enum PicturesError {
    /// The person's file: they can fix it.
    #[error("{0}")]
    Rejected(PictureError),
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// Profile pictures: stored only as we re-encoded them, served only to those who may see them.
#[async_trait]
pub trait Pictures: Send + Sync + 'static {
    /// Checks the upload by content, decodes and re-encodes it, and makes it the user's picture,
    /// replacing (and deleting) any earlier one.
    async fn replace(&self, user: &UserId, upload: Vec<u8>) -> Result<PictureId, PicturesError>;
    async fn remove(&self, user: &UserId) -> Result<(), PicturesError>;
    /// The JPEG bytes, when it exists and `viewer` may see it; `None` otherwise, alike.
    async fn get(&self, viewer: &UserId, id: &PictureId) -> Result<Option<Vec<u8>>, PicturesError>;
}

/// A service as the professional describes it, before it is stored.
#[derive(Debug)]
pub struct NewService {
    pub name: ServiceName,
    pub meeting_type: MeetingType,
    pub length: ServiceLength,
    pub price: Money,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// Not one of the owner's offered services.
    #[error("not found")]
    NotFound,
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// A professional's catalog of services. Every call names the owner; nothing reaches another's.
#[async_trait]
pub trait Catalog: Send + Sync + 'static {
    async fn create(&self, owner: &UserId, service: NewService) -> Result<Service, CatalogError>;
    /// Changes an offered service; bookings keep what they were booked with.
    async fn update(
        &self,
        owner: &UserId,
        id: &ServiceId,
        service: NewService,
    ) -> Result<Service, CatalogError>;
    /// Stops offering a service: no longer listed or bookable; its bookings stand.
    async fn archive(&self, owner: &UserId, id: &ServiceId) -> Result<(), CatalogError>;
    /// The owner's services, oldest first.
    async fn list(&self, owner: &UserId) -> Result<Vec<Service>, CatalogError>;
}

/// Booking links: a professional's hours and public page, and clients booking themselves from it.
#[async_trait]
pub trait BookingLinks: Send + Sync + 'static {
    /// The professional's hours, rules and link (a link is made from their name on first need),
    /// with a preview of the next two weeks' free slots.
    async fn settings(&self, professional: &CurrentUser) -> Result<LinkSettings, LinkError>;
    /// Whether the professional has set any weekly working hours.
    async fn has_hours(&self, professional: &UserId) -> Result<bool, LinkError>;
    async fn save_hours(
        &self,
        professional: &CurrentUser,
        availability: Availability,
    ) -> Result<(), LinkError>;
    /// Renames the link; the old name keeps leading to it.
    async fn rename(&self, professional: &CurrentUser, slug: &Slug) -> Result<(), LinkError>;
    /// The public page of the link named `slug` (current or former), with `service`'s free slots;
    /// reached from the hub named `hub`, only the services it offers.
    async fn page(
        &self,
        slug: &str,
        service: Option<&ServiceId>,
        hub: Option<&str>,
    ) -> Result<LinkPage, LinkError>;
    /// Keeps a free slot for whoever chose it, for `HOLD_MINUTES`: the token is theirs. From a
    /// hub (`hub`), the slot is to be paid with its credits; the professional must be one it offers.
    async fn hold(
        &self,
        slug: &str,
        service: &ServiceId,
        starts_at: chrono::DateTime<chrono::Utc>,
        hub: Option<HubChoice>,
    ) -> Result<String, LinkError>;
    /// The slot a hold's token keeps (also after it ran out, while the token is known), and
    /// for a hub's, how `viewer` would pay.
    async fn held(&self, token: &str, viewer: Option<&UserId>) -> Result<HeldSlot, LinkError>;
    /// Books the held slot for `client`, as an invitation would, and lets the hold go. A hub's
    /// slot claims the hub's credits first when the hold came with an invitation, and is paid
    /// with credits while they last (else by card, as any booking). `credits_shown`: the page
    /// said credits would pay; if too few are left by now, nothing is booked (`NoCredits`) and the
    /// page says the card will.
    async fn book_held(
        &self,
        client: &CurrentUser,
        token: &str,
        credits_shown: bool,
    ) -> Result<BookingId, LinkError>;
}

/// The hub a slot is chosen from, and the invitation (the emailed link's token) if any.
#[derive(Clone, Debug)]
pub struct HubChoice {
    pub hub: String,
    pub invite: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum HubError {
    /// No such hub (or one the asker may not run): the same answer.
    #[error("not found")]
    NotFound,
    /// The invitation is unknown, used by someone else, expired or revoked; or the person was
    /// removed, or belongs to another hub.
    #[error("not eligible")]
    NotEligible,
    /// Not an HR admin (or not a professional, for a professional's request).
    #[error("forbidden")]
    Forbidden,
    #[error("invalid: {0:?}")]
    Invalid(crate::domain::FieldErrors),
    /// The address already has an account (inviting an HR admin).
    #[error("email taken")]
    EmailTaken,
    /// A logo that isn't a picture we take.
    #[error("logo refused: {0}")]
    Logo(crate::domain::PictureError),
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// Company Wellbeing Hubs: their pages, members claiming and spending credits, and HR.
#[async_trait]
pub trait Hubs: Send + Sync + 'static {
    /// The hub named `slug` as `viewer` sees it (with `invite`, the emailed link's token),
    /// its professionals filtered by spoken language and kind (title).
    async fn page(
        &self,
        slug: &str,
        viewer: Option<&CurrentUser>,
        invite: Option<&str>,
        language: Option<&str>,
        kind: Option<&str>,
    ) -> Result<HubPage, HubError>;
    /// `user` claims the hub's credits with an invitation: a member from now on.
    async fn claim(&self, user: &CurrentUser, slug: &str, invite: &str) -> Result<(), HubError>;
    /// Mails an invitation to `email` if it is on one of the company's email domains; answers
    /// alike either way.
    async fn ask_to_join(&self, slug: &str, email: &Email) -> Result<(), HubError>;
    /// The hub `user` is a member of.
    async fn badge(&self, user: &UserId) -> Result<Option<HubBadge>, HubError>;
    /// `user`'s credits, when they are a member.
    async fn credits(&self, user: &UserId) -> Result<Option<Credits>, HubError>;
    async fn dashboard(&self, hr: &CurrentUser) -> Result<HrDashboard, HubError>;
    async fn save_settings(&self, hr: &CurrentUser, settings: HubSettings) -> Result<(), HubError>;
    /// Invites each address to claim the hub's credits; the number of mails sent.
    async fn invite(&self, hr: &CurrentUser, emails: Vec<Email>) -> Result<usize, HubError>;
    /// Ends a membership; their bookings already paid with credits stand.
    async fn remove_member(&self, hr: &CurrentUser, member: &UserId) -> Result<(), HubError>;
    /// Offers the professional whose booking link is named `link` in the hub.
    async fn offer(&self, hr: &CurrentUser, link: &str) -> Result<(), HubError>;
    async fn withdraw(&self, hr: &CurrentUser, professional: &UserId) -> Result<(), HubError>;
    /// Checks and re-encodes `upload` and makes it the company's logo.
    async fn set_logo(&self, hr: &CurrentUser, upload: Vec<u8>) -> Result<(), HubError>;
    /// The JPEG of a logo (anyone may see it: it is on the hub's page).
    async fn logo(&self, key: &str) -> Result<Option<Vec<u8>>, HubError>;
    /// Leaves a service of an offered professional out of the hub, or sets what it costs.
    async fn set_service_terms(
        &self,
        hr: &CurrentUser,
        service: &ServiceId,
        terms: crate::domain::ServiceTerms,
    ) -> Result<(), HubError>;
    /// Makes an HR admin account for the company and mails them a link to set its password. An
    /// address that has an account already is answered alike (its owner is mailed instead).
    async fn invite_admin(
        &self,
        hr: &CurrentUser,
        name: DisplayName,
        email: Email,
    ) -> Result<(), HubError>;
    /// A professional asks the company that paid for `booking` for more credits for its client;
    /// HR learns only that someone asked.
    async fn request_credits(
        &self,
        professional: &CurrentUser,
        booking: &BookingId,
    ) -> Result<(), HubError>;
}

#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// No such link, service or hold.
    #[error("not found")]
    NotFound,
    /// Not a free slot (any more): taken, held by someone else, or outside the hours.
    #[error("slot taken")]
    SlotTaken,
    #[error("invalid hours: {0}")]
    Invalid(crate::domain::HoursError),
    #[error("link name taken")]
    SlugTaken,
    /// A professional cannot book a session with themselves or as a client.
    #[error("not a client")]
    NotAClient,
    #[error("calendar busy")]
    Busy,
    /// A hub's slot, and the person may not claim or spend its credits.
    #[error("not eligible")]
    NotEligible,
    /// Paying with credits, and too few are left by now: the page says the card will pay.
    #[error("not enough credits")]
    NoCredits,
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
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
    /// Further ahead than `MAX_DAYS_AHEAD`.
    #[error("starts too far ahead")]
    TooFarAhead,
    /// No such booking, or not the asker's: the same answer.
    #[error("not found")]
    NotFound,
    /// The asker takes part, but may not do this (a client rescheduling, say).
    #[error("not allowed")]
    NotAllowed,
    /// Past the client's cancellation cut-off.
    #[error("too late to cancel")]
    TooLateToCancel,
    /// Paying with credits, and the client has too few left (or left the hub) by now.
    #[error("not enough credits")]
    NoCredits,
    /// Cancelled or over: nothing more can change.
    #[error("no longer changeable")]
    Closed,
    /// The calendar had more changes queued than could be made in time; nothing was written.
    #[error("calendar busy")]
    Busy,
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
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
    /// The client's bookings, upcoming and past.
    async fn agenda(&self, client: &UserId) -> Result<Agenda, BookingError>;
    /// One booking with its professional's profile, if `viewer` takes part in it; `NotFound`
    /// alike otherwise.
    async fn appointment(
        &self,
        viewer: &UserId,
        id: &BookingId,
    ) -> Result<AppointmentView, BookingError>;
    /// One person of the booking writes to the other, who gets it by mail with a link back to
    /// the appointment; `NotFound` for anyone else.
    async fn send_message(
        &self,
        sender: &CurrentUser,
        id: &BookingId,
        text: &MessageText,
    ) -> Result<(), BookingError>;
    /// The professional moves their booking; the client is told in the app and by email.
    async fn reschedule(
        &self,
        professional: &CurrentUser,
        id: &BookingId,
        starts_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<Booking, BookingError>;
    /// Either participant cancels (a client only before the cut-off); the other side is told.
    async fn cancel(&self, actor: &CurrentUser, id: &BookingId) -> Result<Booking, BookingError>;
    /// A client deleting their account: every session of theirs not yet started is cancelled,
    /// whatever the cut-off, and each professional told as when a client cancels. Returns how
    /// many were cancelled; running it again cancels none twice.
    async fn cancel_for_leaving(&self, client: &CurrentUser) -> Result<u32, BookingError>;
    /// The professionals a client has upcoming or completed sessions with.
    async fn connections(&self, client: &UserId) -> Result<Vec<Connection>, BookingError>;
    /// The people a professional has booked, soonest next session first.
    async fn clients(&self, professional: &UserId) -> Result<Vec<ClientSummary>, BookingError>;
    /// What an emailed join link leads to for `viewer`; binds the booking to the viewer when
    /// they are signed in at the invited address.
    async fn open_invitation(
        &self,
        token: &str,
        viewer: Option<&CurrentUser>,
    ) -> Result<Invitation, BookingError>;
    fn policy(&self) -> BookingPolicy;
}

#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    /// No such booking, or not the asker's.
    #[error("not found")]
    NotFound,
    #[error("room not open yet")]
    NotYetOpen,
    #[error("room closed after the session")]
    Over,
    #[error("booking cancelled")]
    Cancelled,
    #[error("room full")]
    Full,
    /// The server carrying the call has stopped: join again, and the room moves to a running one.
    #[error("the room's server stopped")]
    Moved,
    /// This server is stopping (a restart, an upgrade) and no other takes its rooms: join again
    /// once it is back.
    #[error("the server is restarting")]
    Restarting,
    #[error("unusable offer: {0}")]
    BadOffer(String),
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// Video rooms: only a booking's two participants, only while its room is open.
#[async_trait]
pub trait Rooms: Send + Sync + 'static {
    /// The browser's SDP offer in, the SFU's answer out.
    async fn join(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
        offer: String,
    ) -> Result<String, RoomError>;
    async fn leave(&self, who: &CurrentUser, booking: &BookingId) -> Result<(), RoomError>;
    /// The relays (TURN) `who` may use to reach the booking's room, with credentials issued for
    /// them now; empty when none is configured. Asked before every offer.
    async fn ice_servers(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
    ) -> Result<Vec<IceServer>, RoomError>;
    /// The pre-join network check: a throwaway connection to the SFU this person would use, in a
    /// room of its own that takes no media from anyone and is gone within a minute. The
    /// browser's offer in, the SFU's answer out.
    async fn check_network(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
        offer: String,
    ) -> Result<String, RoomError>;
    /// Says where `who` is now (the in-call heartbeat, which also keeps their log-in alive) and
    /// returns where the other participant is.
    async fn heartbeat(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
        here: Whereabouts,
    ) -> Result<Whereabouts, RoomError>;
    /// The professional's clients who are on their open session's page while the professional
    /// is not in that room.
    async fn waiting(&self, professional: &CurrentUser) -> Result<Vec<WaitingClient>, RoomError>;
}

#[derive(Debug, thiserror::Error)]
pub enum NotificationError {
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// In-app notifications and the choice of optional emails. Every call names the owner.
#[async_trait]
pub trait Notifications: Send + Sync + 'static {
    async fn list(&self, user: &UserId) -> Result<Vec<Notification>, NotificationError>;
    async fn unread(&self, user: &UserId) -> Result<u64, NotificationError>;
    /// False when there is no such notification of the user's.
    async fn mark_read(
        &self,
        user: &UserId,
        id: &NotificationId,
    ) -> Result<bool, NotificationError>;
    async fn mark_all_read(&self, user: &UserId) -> Result<(), NotificationError>;
    async fn settings(&self, user: &UserId) -> Result<NotificationSettings, NotificationError>;
    async fn save_settings(
        &self,
        user: &UserId,
        settings: NotificationSettings,
    ) -> Result<(), NotificationError>;
}

#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// Professionals' public profiles.
#[async_trait]
pub trait Directory: Send + Sync + 'static {
    /// `None` for anyone who isn't a professional.
    async fn professional(
        &self,
        id: &UserId,
    ) -> Result<Option<ProfessionalProfile>, DirectoryError>;
    async fn save_professional(
        &self,
        professional: &UserId,
        title: Option<ProfessionalTitle>,
        bio: Option<Bio>,
        languages: SpokenLanguages,
    ) -> Result<(), DirectoryError>;
}

#[derive(Debug, thiserror::Error)]
pub enum BillError {
    /// No such bill, or not the asker's: the same answer.
    #[error("not found")]
    NotFound,
    /// Paid, refunded or waived already: nothing is owed to let go.
    #[error("not due")]
    NotDue,
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// What clients owe for their bookings. Every call names the person; nothing reaches another's.
#[async_trait]
pub trait Bills: Send + Sync + 'static {
    /// The client's bills, the latest session first.
    async fn for_client(&self, client: &UserId) -> Result<Vec<Bill>, BillError>;
    /// The professional's bills, the latest session first.
    async fn for_professional(&self, professional: &UserId) -> Result<Vec<Bill>, BillError>;
    /// The professional lets a bill of theirs go, while the client still owes it.
    async fn waive(&self, professional: &UserId, bill: &BillId) -> Result<Bill, BillError>;
    /// A paid bill, for its receipt: only its client's and its professional's.
    async fn receipt(&self, viewer: &UserId, bill: &BillId) -> Result<Bill, BillError>;
}

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// No such bill or card, or not the asker's: the same answer.
    #[error("not found")]
    NotFound,
    /// Paid, refunded or waived: nothing is owed.
    #[error("not due")]
    NotDue,
    /// A payment of this bill is under way already (a second click, another tab).
    #[error("payment under way")]
    UnderWay,
    /// "Pay" with no saved card.
    #[error("no card")]
    NoCard,
    /// The card's bank declined; Stripe's code says why (`card_declined`, `expired_card` ...).
    #[error("declined: {0}")]
    Declined(String),
    /// Stripe could not be reached, timed out or failed: try again later. Nothing is lost or
    /// charged twice (every request that could charge carries an idempotency key).
    #[error("payment provider unavailable")]
    Unavailable(#[source] Cause),
    /// Nothing the person can fix; logged with its causes.
    #[error("unexpected failure")]
    Unexpected(#[source] Cause),
}

/// A client's cards and paying bills with them, through Stripe. Every call names the client;
/// nobody reaches another's cards or bills.
#[async_trait]
pub trait Payments: Send + Sync + 'static {
    /// The client's saved cards, the default first.
    async fn cards(&self, client: &UserId) -> Result<Vec<Card>, PaymentError>;
    /// Starts adding a card: a SetupIntent on the client's Stripe customer (made on first need),
    /// for Stripe.js to confirm in the browser.
    async fn begin_card(&self, client: &UserId) -> Result<StripeHandoff, PaymentError>;
    /// Keeps the card of a SetupIntent Stripe.js confirmed; the first card becomes the default.
    async fn finish_card(&self, client: &UserId, setup_intent: &str) -> Result<Card, PaymentError>;
    async fn make_default(&self, client: &UserId, card: &CardId) -> Result<(), PaymentError>;
    /// Forgets the card here and detaches it at Stripe; another becomes the default if needed.
    async fn remove_card(&self, client: &UserId, card: &CardId) -> Result<(), PaymentError>;
    /// A client leaving: every saved card is forgotten here and detached at Stripe.
    async fn forget_cards(&self, client: &UserId) -> Result<(), PaymentError>;
    /// Pays the bill with `card` (the default when `None`). At most one payment of a bill is
    /// under way at once, and a repeated request never charges twice.
    async fn pay(
        &self,
        client: &UserId,
        bill: &BillId,
        card: Option<&CardId>,
    ) -> Result<PayOutcome, PaymentError>;
    /// After Stripe.js asked the client to confirm: asks Stripe how the bill's payment ended.
    async fn settle(&self, client: &UserId, bill: &BillId) -> Result<BillStatus, PaymentError>;
}
