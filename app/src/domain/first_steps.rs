//! A new professional's first steps, as the checklist on their Home shows them.

use serde::{Deserialize, Serialize};

/// The steps the server knows about (services and clients the page already has).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstSteps {
    /// A picture, or a title or a few words about themselves, for clients to see.
    pub profile: bool,
    /// Working hours for the booking link.
    pub hours: bool,
}
