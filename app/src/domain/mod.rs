//! Typed values shared by the browser and the server: parsed once, trusted everywhere after.

mod display_name;
mod email;
mod field;
mod ids;
mod password;
mod terms;
mod timezone;
mod user;

pub use display_name::{DisplayName, DisplayNameError};
pub use email::{Email, EmailError};
pub use field::{Field, FieldError, FieldErrors};
pub use ids::UserId;
pub use password::{Password, PasswordError};
pub use terms::{TERMS_UPDATED, TERMS_VERSION};
pub use timezone::{Timezone, TimezoneError};
pub use user::CurrentUser;
