//! Views that gather bookings around people: a client's agenda, their connections, a
//! professional's clients, and what an emailed join link leads to.

use super::{
    Bill, Booking, BookingId, BookingPolicy, DisplayName, Email, MeetingType, ProfessionalProfile,
    ServiceLength, ServiceName, Timezone,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person's bookings with the rules and the instant they were read at, so a page can tell what
/// may be joined or cancelled (and keep telling as time passes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// Not ended and not cancelled, soonest first.
    pub upcoming: Vec<Booking>,
    /// Ended or cancelled, latest first.
    pub past: Vec<Booking>,
    pub policy: BookingPolicy,
    pub now: DateTime<Utc>,
}

/// One booking, with the professional's profile and the rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentView {
    pub booking: Booking,
    pub professional: ProfessionalProfile,
    pub policy: BookingPolicy,
    pub now: DateTime<Utc>,
    /// Whether the viewer is the professional (else the client).
    pub viewer_is_professional: bool,
    /// What the client owes for it, when it has a price.
    pub bill: Option<Bill>,
    /// The company whose hub credits paid for it.
    pub paid_by_company: Option<String>,
}

/// A professional the client works with, and their bookings together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    pub professional: ProfessionalProfile,
    /// Latest first; cancelled ones left out.
    pub bookings: Vec<Booking>,
}

/// Someone a professional has booked, as their client list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSummary {
    pub name: DisplayName,
    pub email: Email,
    /// They have opened an invitation and have an account.
    pub has_account: bool,
    pub next_booking: Option<DateTime<Utc>>,
    pub bookings: u32,
}

/// What an emailed join link leads to, for whoever opened it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Invitation {
    /// The viewer's own booking.
    Yours(BookingId),
    /// Nobody has an account at the invited address yet: make one.
    CreateAccount {
        email: Email,
        name: DisplayName,
        professional: DisplayName,
        /// What the invitation books, shown beside the sign-up form.
        session: Box<InvitedSession>,
    },
    /// The invited address has an account: log in to it.
    LogIn {
        email: Email,
        professional: DisplayName,
    },
    /// Signed in, but to another account than the invited one; the address is partly hidden.
    OtherAccount { invited: String },
    /// Unknown link.
    Invalid,
}

/// The session an invitation books, as its sign-up page shows it (who, what and when: the price
/// waits for the account); `zone` is the professional's, which the page uses until the browser
/// says its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitedSession {
    pub service: ServiceName,
    pub meeting_type: MeetingType,
    pub length: ServiceLength,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub zone: Timezone,
}

/// `ann@example.com` as `a…@example.com`: enough to recognise, not to harvest.
pub fn mask_email(email: &Email) -> String {
    let s = email.as_str();
    match s.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => "…".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_the_local_part() {
        let e = super::Email::parse("annie@example.com").unwrap();
        assert_eq!(super::mask_email(&e), "a…@example.com");
    }
}
