//! My profile: name, email, password, language, time zone and picture. Each acts only on the
//! signed-in user's own account.

mod change_password;
mod confirm_email_change;
mod my_access_log;
mod remove_picture;
mod request_account_deletion;
mod request_email_change;
mod update_language;
mod update_name;
mod update_timezone;

pub use change_password::{ChangePassword, change_password};
pub use confirm_email_change::{ConfirmEmailChange, confirm_email_change};
pub use my_access_log::{MyAccessLog, my_access_log};
pub use remove_picture::{RemovePicture, remove_picture};
pub use request_account_deletion::{RequestAccountDeletion, request_account_deletion};
pub use request_email_change::{RequestEmailChange, request_email_change};
pub use update_language::{UpdateLanguage, update_language};
pub use update_name::{UpdateName, update_name};
pub use update_timezone::{UpdateTimezone, update_timezone};

/// A port's refusal of the current password (`InvalidCredentials`), worded next to the current
/// password field as the profile's forms show it; anything else as usual.
#[cfg(feature = "ssr")]
pub(crate) fn current_password_refused(e: crate::ports::AccountError) -> crate::api::ApiError {
    use crate::domain::{Field, FieldErrors, Problem};
    match e {
        crate::ports::AccountError::InvalidCredentials => {
            let mut errors = FieldErrors::default();
            errors.push(Field::CurrentPassword, Problem::WrongCurrentPassword);
            crate::api::ApiError::Invalid(errors)
        }
        other => other.into(),
    }
}
