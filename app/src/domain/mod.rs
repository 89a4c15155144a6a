//! Typed values shared by the browser and the server: parsed once, trusted everywhere after.
//!
//! Their errors print terse English for logs; what a person reads is worded by `crate::i18n`.
//!
//! # Glossary
//! One word per thing, in the code and the README:
//! - **session**: a log-in, from signing in to signing out or expiry (`SessionToken`, the
//!   `tandem_session` cookie, `db::sessions`). Nothing else.
//! - **booking**: a time a professional has booked with a client, for one of their services
//!   (`Booking`, `ports::Bookings`, `my_bookings`). The client's pages call their bookings
//!   **appointments** (`/appointments/:id`); the interface, in the product's words, calls the
//!   meeting itself a "session" ("Join session", "Upcoming sessions").
//! - **room**: a booking's video call, carried by the SFU (`ports::Rooms`, `RoomError`,
//!   `api::rooms`, `server::rooms`); **presence** is where each participant is (checking their
//!   devices, ready, in the room).
//! - **service**: what a professional offers (name, meeting type, length (`ServiceLength`),
//!   price); a booking keeps a copy of them as they were when booked.
//! - **invitation**: a booking's emailed join link, before and while its client claims it.
//! - **hub**: a company's Wellbeing Hub; its **members** spend **credits** (a ledger of grants,
//!   spends, refunds and expiries) on sessions with the professionals it offers; **HR admins**
//!   run it and see only figures about groups of at least five.
//! - **bill**: what the client owes for a booking that has a price; **payment**: an attempt to
//!   pay one with a card.

mod access;
mod api_error;
mod availability;
mod bill;
mod booking;
mod booking_link;
mod card;
mod case;
mod data_export;
mod display_name;
mod email;
mod field;
mod first_steps;
mod hub;
mod ice_server;
mod ids;
pub mod iso;
mod language;
mod message;
mod money;
mod notification;
mod password;
mod picture;
mod presence;
mod professional;
mod relations;
mod role;
mod schedule;
mod service;
mod slug;
mod terms;
mod timezone;
mod two_factor;
mod user;

pub use access::{AccessEntry, AccessKind};
pub use api_error::{ApiError, Refusal};
pub use availability::{
    Availability, Busy, DateOverride, DayHours, HoursError, MAX_BUFFER_MINUTES, MAX_HORIZON_DAYS,
    MAX_NOTICE_MINUTES, SLOT_STEP_MINUTES, TimeRange, free_slots, is_free_slot, overrides_text,
    parse_overrides,
};
pub use bill::{Bill, BillStatus, MonthlyTotals};
pub use booking::{
    Booking, BookingStatus, MAX_DAYS_AHEAD, Person, WhenError, local_to_utc, utc_to_local,
};
pub use booking_link::{HOLD_MINUTES, HeldSlot, LinkPage, LinkSettings, PREVIEW_DAYS};
pub use card::{Card, CardExpiry, PayOutcome, StripeHandoff};
pub use case::{lowercase, uppercase};
pub use data_export::{DataExport, TermsAccepted};
pub use display_name::{DisplayName, DisplayNameError};
pub use email::{Email, EmailError};
pub use field::{Field, FieldError, FieldErrors, Problem};
pub use first_steps::FirstSteps;
pub use hub::{
    CreditEntry, CreditKind, CreditPolicy, Credits, HUB_INVITE_DAYS, HrDashboard, HrInvite,
    HrMember, HubBadge, HubOffering, HubPage, HubPayment, HubProfessional, HubSettings,
    HubStanding, LOW_CREDITS, MOST_INVITES, MonthFigures, OfferedProfessional, SMALLEST_GROUP,
    ServiceTerms, WELCOME_MAX, is_domain, logo_path, parse_address_list, parse_domains,
    shown_if_enough,
};
pub use ice_server::IceServer;
pub use ids::{BillId, BookingId, CardId, CompanyId, NotificationId, PictureId, ServiceId, UserId};
pub use language::{Language, LanguageError};
pub use message::{MESSAGE_MAX, MessageError, MessageText};
pub use money::{Currency, Money, MoneyError};
pub use notification::{Notification, NotificationKind, NotificationSettings};
pub use password::{Password, PasswordError};
pub use picture::{PICTURE_ACCEPT, PICTURE_MAX_BYTES, PictureError};
pub use presence::{HEARTBEAT_MILLIS, PRESENCE_TTL_SECS, WaitingClient, Whereabouts};
pub use professional::{
    Bio, ProfessionalProfile, ProfessionalTitle, ProfileError, SpokenLanguages,
};
pub use relations::{
    Agenda, AppointmentView, ClientSummary, Connection, Invitation, InvitedSession, mask_email,
};
pub use role::Role;
pub use schedule::{BookingPolicy, Phase, RoomState};
pub use service::{MeetingType, Service, ServiceError, ServiceLength, ServiceName};
pub use slug::{SLUG_MAX, SLUG_MIN, Slug, SlugError};
pub use terms::{TERMS_VERSION, TermsInForce};
pub use timezone::{Timezone, TimezoneError};
pub use two_factor::{
    CodeError, LoginCode, QrImage, RECOVERY_CODES, TwoFactorSetup, TwoFactorStatus,
};
pub use user::CurrentUser;
