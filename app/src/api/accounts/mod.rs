//! Sign up, log in, log out, reset a password, who is signed in, and the language of the pages
//! before anyone is.

mod choose_language;
mod current_user;
mod log_in;
mod log_out;
mod request_password_reset;
mod reset_password;
mod session_policy;
mod sign_up;

/// The sign-up form's name, email, password and Terms, checked, or every problem by its field.
#[cfg(feature = "ssr")]
pub(crate) fn account_fields(
    name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    accept_terms: Option<String>,
) -> Result<
    (
        crate::domain::DisplayName,
        crate::domain::Email,
        crate::domain::Password,
    ),
    crate::api::ApiError,
> {
    use crate::api::ApiError;
    use crate::domain::{DisplayName, Email, Field, FieldErrors, Password, Problem};
    let mut errors = FieldErrors::default();
    let name = errors.check(Field::Name, DisplayName::parse(&name.unwrap_or_default()));
    let email = errors.check(Field::Email, Email::parse(&email.unwrap_or_default()));
    let password = errors.check(
        Field::Password,
        Password::parse(&password.unwrap_or_default()),
    );
    if accept_terms.is_none() {
        errors.push(Field::Terms, Problem::TermsNotAccepted);
    }
    let (Some(name), Some(email), Some(password), true) =
        (name, email, password, errors.is_empty())
    else {
        return Err(ApiError::Invalid(errors));
    };
    Ok((name, email, password))
}

pub use choose_language::{ChooseLanguage, choose_language};
pub use current_user::{CurrentUserQuery, current_user};
pub use log_in::{LogIn, log_in};
pub use log_out::{LogOut, log_out};
pub use request_password_reset::{RequestPasswordReset, request_password_reset};
pub use reset_password::{ResetPassword, reset_password};
pub use session_policy::{SessionPolicy, SessionPolicyQuery, session_policy};
pub use sign_up::{SignUp, sign_up};
