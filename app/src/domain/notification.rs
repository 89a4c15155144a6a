//! In-app notifications: what happened to one of a person's bookings.

use super::{BookingId, DisplayName, NotificationId, ServiceName};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotificationKind {
    BookingCreated,
    BookingChanged,
    BookingCancelled,
    Reminder,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 4] = [
        NotificationKind::BookingCreated,
        NotificationKind::BookingChanged,
        NotificationKind::BookingCancelled,
        NotificationKind::Reminder,
    ];

    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::BookingCreated => "booking_created",
            NotificationKind::BookingChanged => "booking_changed",
            NotificationKind::BookingCancelled => "booking_cancelled",
            NotificationKind::Reminder => "reminder",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One notification, with what a list needs to say it in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub booking: BookingId,
    pub service_name: ServiceName,
    /// The person on the other side of the booking.
    pub other_party: DisplayName,
    pub starts_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// Which emails a person wants, besides the ones they can't do without (invitations, security).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationSettings {
    /// Reminders before each appointment.
    pub email_reminders: bool,
    /// A booking was changed or cancelled.
    pub email_booking_updates: bool,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        Self {
            email_reminders: true,
            email_booking_updates: true,
        }
    }
}
