//! "Who saw my record": each time someone other than the client (today: their professional) opens
//! something about them, an entry is written (who, what, when) that the client can read and
//! nobody can change.

use super::DisplayName;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessKind {
    /// A booking's appointment page.
    Appointment,
    /// Their profile picture.
    Picture,
    /// A bill's receipt.
    Receipt,
}

impl AccessKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Appointment => "appointment",
            Self::Picture => "picture",
            Self::Receipt => "receipt",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Appointment, Self::Picture, Self::Receipt]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One entry of a client's access log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    /// Who opened it, as they were named then.
    pub viewer: DisplayName,
    pub what: AccessKind,
    /// Which one: the booking's or the bill's id (none for the picture).
    pub item: Option<String>,
    pub at: DateTime<Utc>,
}
