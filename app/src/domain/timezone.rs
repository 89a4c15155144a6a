//! IANA time zones: every time we show a person is in theirs.
//!
//! The server knows every zone from chrono-tz's database. The browser build leaves that database
//! out (it was a third of the wasm) and asks the browser's own `Intl`, which knows the same zones:
//! [`Zone`] is `chrono_tz::Tz` on the server and [`intl::Zone`] in the browser, both chrono
//! `TimeZone`s, so every conversion is written once.

use serde::{Deserialize, Serialize};

#[cfg(target_arch = "wasm32")]
mod intl;

/// The chrono time zone behind a [`Timezone`]: the zone database on the server, `Intl` in the
/// browser.
#[cfg(not(target_arch = "wasm32"))]
pub type Zone = chrono_tz::Tz;
#[cfg(target_arch = "wasm32")]
pub use intl::Zone;

/// A zone from the IANA database, such as `Atlantic/Reykjavik`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timezone(Zone);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TimezoneError {
    #[error("unknown IANA time zone")]
    Unknown,
}

impl Timezone {
    #[cfg(not(target_arch = "wasm32"))]
    pub const UTC: Timezone = Timezone(chrono_tz::Tz::UTC);
    #[cfg(target_arch = "wasm32")]
    pub const UTC: Timezone = Timezone(Zone::UTC);

    pub fn parse(raw: &str) -> Result<Self, TimezoneError> {
        #[cfg(not(target_arch = "wasm32"))]
        let zone = raw.trim().parse::<Zone>().ok();
        #[cfg(target_arch = "wasm32")]
        let zone = Zone::named(raw.trim());
        zone.map(Self).ok_or(TimezoneError::Unknown)
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The place people know the zone by: its city, as in "New York" for `America/New_York`,
    /// or the whole name where there is none ("UTC").
    pub fn place(&self) -> String {
        let name = self.name();
        name.rsplit('/').next().unwrap_or(name).replace('_', " ")
    }

    pub fn tz(&self) -> Zone {
        self.0
    }

    /// Every zone a person can pick, sorted by name (the browser's own list in the browser).
    pub fn all() -> impl Iterator<Item = Timezone> {
        #[cfg(not(target_arch = "wasm32"))]
        let zones = chrono_tz::TZ_VARIANTS.iter().copied();
        #[cfg(target_arch = "wasm32")]
        let zones = Zone::all().into_iter();
        zones.map(Timezone)
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

    #[test]
    fn a_zone_is_named_by_its_place() {
        let place = |id: &str| Timezone::parse(id).unwrap().place();
        assert_eq!(place("America/New_York"), "New York");
        assert_eq!(place("Atlantic/Reykjavik"), "Reykjavik");
        assert_eq!(place("America/Argentina/Buenos_Aires"), "Buenos Aires");
        assert_eq!(place("UTC"), "UTC");
    }
}
