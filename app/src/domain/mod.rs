//! Typed values shared by the browser and the server: parsed once, trusted everywhere after.

mod display_name;
mod email;
mod field;
mod ids;
mod language;
mod password;
mod picture;
mod terms;
mod timezone;
mod user;

pub use display_name::{DisplayName, DisplayNameError};
pub use email::{Email, EmailError};
pub use field::{Field, FieldError, FieldErrors, Problem};
pub use ids::UserId;
pub use language::{Language, LanguageError};
pub use password::{Password, PasswordError};
pub use picture::{PICTURE_ACCEPT, PICTURE_MAX_BYTES, PictureError, PictureId};
pub use terms::{TERMS_UPDATED, TERMS_VERSION};
pub use timezone::{Timezone, TimezoneError};
pub use user::CurrentUser;
