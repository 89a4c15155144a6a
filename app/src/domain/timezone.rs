//! IANA time zones: every time we show a person is in theirs.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A zone from the IANA database, such as `Atlantic/Reykjavik`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timezone(Tz);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TimezoneError {
    #[error("unknown IANA time zone")]
    Unknown,
}

impl Timezone {
    pub const UTC: Timezone = Timezone(Tz::UTC);

    pub fn parse(raw: &str) -> Result<Self, TimezoneError> {
        raw.trim()
            .parse::<Tz>()
            .map(Self)
            .map_err(|_| TimezoneError::Unknown)
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    pub fn tz(&self) -> Tz {
        self.0
    }

    /// Every zone a person can pick, sorted by name.
    pub fn all() -> impl Iterator<Item = Timezone> {
        chrono_tz::TZ_VARIANTS.iter().copied().map(Timezone)
    }
}

impl TryFrom<String> for Timezone {
    type Error = TimezoneError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Timezone> for String {
    fn from(value: Timezone) -> Self {
        value.name().to_owned()
    }
}

impl std::fmt::Display for Timezone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_iana_zones_and_nothing_else() {
        assert_eq!(
            Timezone::parse("Atlantic/Reykjavik").unwrap().name(),
            "Atlantic/Reykjavik"
        );
        assert_eq!(
            Timezone::parse(" Europe/London ").unwrap().name(),
            "Europe/London"
        );
        assert_eq!(Timezone::parse("Mars/Olympus"), Err(TimezoneError::Unknown));
        assert_eq!(Timezone::parse(""), Err(TimezoneError::Unknown));
        assert!(Timezone::all().count() > 400);
    }
}
