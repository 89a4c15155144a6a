//! Who is signed in, as the pages see them.

use super::{DisplayName, Email, Language, PictureId, Role, Timezone, UserId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub name: DisplayName,
    pub email: Email,
    pub timezone: Timezone,
    pub language: Language,
    pub picture: Option<PictureId>,
    pub role: Role,
}
