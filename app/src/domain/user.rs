//! Who is signed in, as the pages see them.

use super::{DisplayName, Email, Language, PictureId, Role, Timezone, UserId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: DisplayName,
    /// What they asked to be called, if it isn't the first word of their name.
    pub preferred_name: Option<DisplayName>,
    pub email: Email,
    pub timezone: Timezone,
    pub language: Language,
    pub picture: Option<PictureId>,
    pub role: Role,
    /// A later version of the Terms is in force than the one they accepted: they accept it before
    /// anything else (set where a session becomes a user; false elsewhere).
    #[serde(default)]
    pub terms_due: bool,
    /// Their role must log in in two steps and they haven't set it up: they do, before anything
    /// else (set where a session becomes a user; false elsewhere).
    #[serde(default)]
    pub two_factor_due: bool,
}

impl CurrentUser {
    /// What to call them in a greeting: the name they asked for, else their first name.
    pub fn called(&self) -> &str {
        self.preferred_name
            .as_ref()
            .map_or_else(|| self.name.first_name(), DisplayName::as_str)
    }
}
