//! Where each person of a session is, as the other one sees it: what lets the professional know
//! that their client is ready, and the room say "Waiting for …" until the other person arrives.

use serde::{Deserialize, Serialize};

/// How long a participant counts as present after their page last said so. Pages say it every
/// couple of seconds, so a closed tab or a lost network shows within this time.
pub const PRESENCE_TTL_SECS: i64 = 6;

/// How often an open session page says where its person is.
pub const HEARTBEAT_MILLIS: u64 = 2_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Whereabouts {
    /// Not on the session's page (or not for a while).
    #[default]
    Away,
    /// On the session's page, checking camera and microphone.
    Checking,
    /// Camera and microphone work; about to join.
    Ready,
    /// In the video room.
    InRoom,
}

impl Whereabouts {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Away => "away",
            Self::Checking => "checking",
            Self::Ready => "ready",
            Self::InRoom => "in_room",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Away, Self::Checking, Self::Ready, Self::InRoom]
            .into_iter()
            .find(|w| w.as_str() == s)
    }
}

/// A client on their session's page, ready or already in the room, while their professional
/// isn't there yet: what the professional's Home shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingClient {
    pub booking: super::BookingId,
    pub name: super::DisplayName,
    pub whereabouts: Whereabouts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whereabouts_round_trip_through_their_names() {
        for w in [
            Whereabouts::Away,
            Whereabouts::Checking,
            Whereabouts::Ready,
            Whereabouts::InRoom,
        ] {
            assert_eq!(Whereabouts::parse(w.as_str()), Some(w));
        }
        assert_eq!(Whereabouts::parse("lobby"), None);
    }
}
