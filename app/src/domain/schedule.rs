//! When a booking may be joined or cancelled, and what state it is in at a given instant.

use super::{Booking, BookingStatus};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The rules every booking follows; set by the server's configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingPolicy {
    /// "Join" opens this many minutes before the start, and stays open until the end.
    pub join_early_minutes: u32,
    /// A client may cancel until this many hours before the start.
    pub client_cancel_cutoff_hours: u32,
    /// The video room stays open this long after the booked end, for a session that overruns.
    pub room_open_after_end_minutes: u32,
}

/// Whether the video room of a booking lets its participants in at a given instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoomState {
    NotYetOpen,
    Open,
    Over,
    Cancelled,
}

impl Default for BookingPolicy {
    fn default() -> Self {
        Self {
            join_early_minutes: 10,
            client_cancel_cutoff_hours: 24,
            room_open_after_end_minutes: 60,
        }
    }
}

/// Where a booking stands, as people say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Upcoming,
    InProgress,
    Done,
    Cancelled,
}

impl BookingPolicy {
    pub fn phase(&self, booking: &Booking, now: DateTime<Utc>) -> Phase {
        if booking.status == BookingStatus::Cancelled {
            Phase::Cancelled
        } else if now >= booking.ends_at {
            Phase::Done
        } else if now >= booking.starts_at {
            Phase::InProgress
        } else {
            Phase::Upcoming
        }
    }

    pub fn join_opens_at(&self, booking: &Booking) -> DateTime<Utc> {
        booking.starts_at - Duration::minutes(i64::from(self.join_early_minutes))
    }

    /// From shortly before the start until the end, unless cancelled.
    pub fn can_join(&self, booking: &Booking, now: DateTime<Utc>) -> bool {
        booking.status == BookingStatus::Booked
            && now >= self.join_opens_at(booking)
            && now < booking.ends_at
    }

    /// From the join window's opening until a while after the end, unless cancelled.
    pub fn room(&self, booking: &Booking, now: DateTime<Utc>) -> RoomState {
        let closes =
            booking.ends_at + Duration::minutes(i64::from(self.room_open_after_end_minutes));
        if booking.status == BookingStatus::Cancelled {
            RoomState::Cancelled
        } else if now < self.join_opens_at(booking) {
            RoomState::NotYetOpen
        } else if now >= closes {
            RoomState::Over
        } else {
            RoomState::Open
        }
    }

    /// The last instant the client may cancel it themselves.
    pub fn client_cancel_until(&self, booking: &Booking) -> DateTime<Utc> {
        booking.starts_at - Duration::hours(i64::from(self.client_cancel_cutoff_hours))
    }

    pub fn client_may_cancel(&self, booking: &Booking, now: DateTime<Utc>) -> bool {
        booking.status == BookingStatus::Booked && now < self.client_cancel_until(booking)
    }

    /// The professional may change or cancel a booking until it has ended.
    pub fn professional_may_change(&self, booking: &Booking, now: DateTime<Utc>) -> bool {
        booking.status == BookingStatus::Booked && now < booking.ends_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        BookingId, Currency, DisplayName, Email, MeetingType, Money, Person, ServiceLength,
        ServiceName, UserId,
    };

    fn booking(starts_at: DateTime<Utc>) -> Booking {
        Booking {
            id: BookingId::new("b"),
            service_name: ServiceName::parse("Therapy").unwrap(),
            meeting_type: MeetingType::Video,
            length: ServiceLength::from_minutes(50).unwrap(),
            price: Money::from_minor(100, Currency::parse("EUR").unwrap()).unwrap(),
            starts_at,
            ends_at: starts_at + Duration::minutes(50),
            professional: Person {
                id: UserId::new("p"),
                name: DisplayName::parse("Pro").unwrap(),
                picture: None,
            },
            invitee_name: DisplayName::parse("Cy").unwrap(),
            invitee_email: Email::parse("cy@example.com").unwrap(),
            client: None,
            status: BookingStatus::Booked,
            cancelled_by: None,
            sequence: 0,
        }
    }

    #[test]
    fn join_opens_ten_minutes_early_and_closes_at_the_end() {
        let start = "2031-01-01T10:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let b = booking(start);
        let p = BookingPolicy::default();
        assert!(!p.can_join(&b, start - Duration::minutes(11)));
        assert!(p.can_join(&b, start - Duration::minutes(10)));
        assert!(p.can_join(&b, start + Duration::minutes(49)));
        assert!(!p.can_join(&b, start + Duration::minutes(50)));
        assert_eq!(p.phase(&b, start - Duration::minutes(1)), Phase::Upcoming);
        assert_eq!(p.phase(&b, start), Phase::InProgress);
        assert_eq!(p.phase(&b, start + Duration::minutes(50)), Phase::Done);
        let mut cancelled = b.clone();
        cancelled.status = BookingStatus::Cancelled;
        assert!(!p.can_join(&cancelled, start));
        assert_eq!(p.phase(&cancelled, start), Phase::Cancelled);
        assert_eq!(
            p.room(&b, start - Duration::minutes(11)),
            RoomState::NotYetOpen
        );
        assert_eq!(p.room(&b, start + Duration::minutes(109)), RoomState::Open);
        assert_eq!(p.room(&b, start + Duration::minutes(110)), RoomState::Over);
        assert_eq!(p.room(&cancelled, start), RoomState::Cancelled);
    }

    #[test]
    fn clients_cancel_until_the_cut_off() {
        let start = "2031-01-02T10:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let b = booking(start);
        let p = BookingPolicy::default();
        assert!(p.client_may_cancel(&b, start - Duration::hours(25)));
        assert!(!p.client_may_cancel(&b, start - Duration::hours(24)));
        assert!(p.professional_may_change(&b, start + Duration::minutes(10)));
        assert!(!p.professional_may_change(&b, start + Duration::minutes(50)));
    }
}
