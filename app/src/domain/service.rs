//! What a professional offers: a named session of a set length, kind and price.

use super::{Money, ServiceId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingType {
    Video,
    Phone,
    InPerson,
}

impl MeetingType {
    pub const ALL: [MeetingType; 3] = [
        MeetingType::Video,
        MeetingType::Phone,
        MeetingType::InPerson,
    ];

    /// As stored and sent in forms.
    pub fn code(self) -> &'static str {
        match self {
            MeetingType::Video => "video",
            MeetingType::Phone => "phone",
            MeetingType::InPerson => "in_person",
        }
    }

    pub fn parse(code: &str) -> Result<Self, ServiceError> {
        Self::ALL
            .into_iter()
            .find(|m| m.code() == code.trim())
            .ok_or(ServiceError::UnknownMeetingType)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    #[error("service name is empty")]
    NameEmpty,
    #[error("service name is over 80 characters")]
    NameTooLong,
    #[error("unknown meeting type")]
    UnknownMeetingType,
    #[error("length is not one we offer")]
    UnsupportedLength,
}

/// What the client sees the session called, e.g. "Individual therapy".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ServiceName(String);

impl ServiceName {
    pub fn parse(raw: &str) -> Result<Self, ServiceError> {
        let s = raw.trim();
        if s.is_empty() {
            Err(ServiceError::NameEmpty)
        } else if s.chars().count() > 80 {
            Err(ServiceError::NameTooLong)
        } else if s.chars().any(char::is_control) {
            Err(ServiceError::NameEmpty)
        } else {
            Ok(Self(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ServiceName {
    type Error = ServiceError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ServiceName> for String {
    fn from(value: ServiceName) -> Self {
        value.0
    }
}

/// How long a session lasts, from a fixed menu so calendars stay tidy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServiceLength(u16);

impl ServiceLength {
    pub const CHOICES: [u16; 8] = [15, 20, 30, 45, 50, 60, 90, 120];

    pub fn from_minutes(minutes: u16) -> Result<Self, ServiceError> {
        if Self::CHOICES.contains(&minutes) {
            Ok(Self(minutes))
        } else {
            Err(ServiceError::UnsupportedLength)
        }
    }

    pub fn parse(raw: &str) -> Result<Self, ServiceError> {
        raw.trim()
            .parse::<u16>()
            .map_err(|_| ServiceError::UnsupportedLength)
            .and_then(Self::from_minutes)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub name: ServiceName,
    pub meeting_type: MeetingType,
    pub length: ServiceLength,
    pub price: Money,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            ServiceName::parse("  Couples therapy ").unwrap().as_str(),
            "Couples therapy"
        );
        assert_eq!(ServiceName::parse(" "), Err(ServiceError::NameEmpty));
        assert_eq!(
            ServiceName::parse(&"x".repeat(81)),
            Err(ServiceError::NameTooLong)
        );
    }

    #[test]
    fn lengths_come_from_the_menu() {
        assert_eq!(ServiceLength::parse("50").unwrap().minutes(), 50);
        assert_eq!(
            ServiceLength::parse("51"),
            Err(ServiceError::UnsupportedLength)
        );
        assert_eq!(
            ServiceLength::parse("fifty"),
            Err(ServiceError::UnsupportedLength)
        );
    }

    #[test]
    fn meeting_types_round_trip() {
        for m in MeetingType::ALL {
            assert_eq!(MeetingType::parse(m.code()), Ok(m));
        }
        assert!(MeetingType::parse("carrier pigeon").is_err());
    }
}
