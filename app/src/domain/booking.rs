//! A booked session: who, what, and when, as a UTC instant that each person sees in their own zone.

use super::{
    BookingId, DisplayName, Email, MeetingType, Money, PictureId, Role, ServiceLength, ServiceName,
    Timezone, UserId,
};
use chrono::{DateTime, LocalResult, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingStatus {
    Booked,
    Cancelled,
}

impl BookingStatus {
    pub fn code(self) -> &'static str {
        match self {
            BookingStatus::Booked => "booked",
            BookingStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [BookingStatus::Booked, BookingStatus::Cancelled]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// Someone on the other side of a booking, as a list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: UserId,
    pub name: DisplayName,
    pub picture: Option<PictureId>,
}

/// A booking as either participant sees it. The service is copied in when booked, so later edits
/// to the service never change what was agreed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: BookingId,
    pub service_name: ServiceName,
    pub meeting_type: MeetingType,
    pub length: ServiceLength,
    pub price: Money,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub professional: Person,
    /// Who was invited, as the professional typed it.
    pub invitee_name: DisplayName,
    pub invitee_email: Email,
    /// The client's account, once the invitee has proven the address (the emailed link).
    pub client: Option<UserId>,
    pub status: BookingStatus,
    /// Who cancelled, when cancelled.
    pub cancelled_by: Option<Role>,
    /// Bumped by every change, so calendars replace the old entry (iCalendar `SEQUENCE`).
    pub sequence: u32,
}

impl Booking {
    /// Whether `user` takes part in it, on either side.
    pub fn is_participant(&self, user: &UserId) -> bool {
        &self.professional.id == user || self.client.as_ref() == Some(user)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error("date is not YYYY-MM-DD")]
    BadDate,
    #[error("time is not HH:MM")]
    BadTime,
    /// Skipped when the clocks went forward.
    #[error("local time does not exist that day")]
    NoSuchTime,
    #[error("start is in the past")]
    InThePast,
    /// Further ahead than anyone books (see `MAX_DAYS_AHEAD`): a typo like 2062 for 2026.
    #[error("start is too far ahead")]
    TooFarAhead,
}

/// How far ahead a session can be booked: two years covers any real plan.
pub const MAX_DAYS_AHEAD: i64 = 730;

/// A 24-hour time as people type it: `14:30`, `9:05`, `14.30` or `1430`.
pub fn parse_clock_time(raw: &str) -> Option<NaiveTime> {
    let raw = raw.trim().replace('.', ":");
    let (hours, minutes) = match raw.split_once(':') {
        Some(parts) => parts,
        None if (3..=4).contains(&raw.len()) && raw.is_char_boundary(raw.len() - 2) => {
            raw.split_at(raw.len() - 2)
        }
        None => return None,
    };
    let digits = |s: &str, max: usize| {
        (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if minutes.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(digits(hours, 2)?, digits(minutes, 2)?, 0)
}

/// A wall-clock date and time in `zone`, as the instant it names. An hour the clocks skip is refused;
/// an hour they repeat means its first occurrence.
pub fn local_to_utc(date: &str, time: &str, zone: Timezone) -> Result<DateTime<Utc>, WhenError> {
    let date = super::iso::parse_date(date).ok_or(WhenError::BadDate)?;
    let time = parse_clock_time(time).ok_or(WhenError::BadTime)?;
    match zone
        .tz()
        .from_local_datetime(&NaiveDateTime::new(date, time))
    {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(WhenError::NoSuchTime),
    }
}

/// The instant as a date and a time in `zone`, e.g. `2026-12-01` and `14:30`.
pub fn utc_to_local(at: DateTime<Utc>, zone: Timezone) -> (String, String) {
    let local = at.with_timezone(&zone.tz());
    (
        super::iso::date(local.date_naive()),
        super::iso::clock(local.time()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn london() -> Timezone {
        Timezone::parse("Europe/London").unwrap()
    }

    #[test]
    fn local_times_become_the_right_instant_on_both_sides_of_a_clock_change() {
        let before = local_to_utc("2027-03-27", "09:00", london()).unwrap();
        let after = local_to_utc("2027-03-29", "09:00", london()).unwrap();
        assert_eq!(before.to_rfc3339(), "2027-03-27T09:00:00+00:00");
        assert_eq!(after.to_rfc3339(), "2027-03-29T08:00:00+00:00");
        assert_eq!(
            utc_to_local(after, london()),
            ("2027-03-29".into(), "09:00".into())
        );
        let reykjavik = Timezone::parse("Atlantic/Reykjavik").unwrap();
        assert_eq!(utc_to_local(after, reykjavik).1, "08:00");
    }

    #[test]
    fn skipped_hours_are_refused_and_repeated_ones_mean_the_first() {
        assert_eq!(
            local_to_utc("2027-03-28", "01:30", london()),
            Err(WhenError::NoSuchTime)
        );
        let repeated = local_to_utc("2027-10-31", "01:30", london()).unwrap();
        assert_eq!(repeated.to_rfc3339(), "2027-10-31T00:30:00+00:00");
    }

    #[test]
    fn shapes_are_checked() {
        assert_eq!(
            local_to_utc("1/12/2026", "10:00", london()),
            Err(WhenError::BadDate)
        );
        assert_eq!(
            local_to_utc("2026-12-01", "10am", london()),
            Err(WhenError::BadTime)
        );
    }

    #[test]
    fn times_are_read_on_the_24_hour_clock_as_typed() {
        let hm = |raw: &str| parse_clock_time(raw).map(|t| t.format("%H:%M").to_string());
        for (raw, read) in [
            ("14:30", "14:30"),
            ("9:05", "09:05"),
            ("14.30", "14:30"),
            ("1430", "14:30"),
            ("905", "09:05"),
            (" 00:00 ", "00:00"),
        ] {
            assert_eq!(hm(raw).as_deref(), Some(read), "{raw}");
        }
        for raw in [
            "24:00",
            "14:60",
            "2:30 PM",
            "14:3",
            "",
            "1",
            "14305",
            "+1:30",
            "١٤:٣٠",
        ] {
            assert_eq!(hm(raw), None, "{raw}");
        }
    }
}
