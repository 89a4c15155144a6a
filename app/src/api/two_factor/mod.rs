//! Two-step log-in on My profile: where one stands, setting an app up, turning it on and off.
//! Each acts only on the signed-in user's own account.

mod begin_two_factor;
mod disable_two_factor;
mod enable_two_factor;
mod two_factor_status;

pub use begin_two_factor::{BeginTwoFactor, begin_two_factor};
pub use disable_two_factor::{DisableTwoFactor, disable_two_factor};
pub use enable_two_factor::{EnableTwoFactor, enable_two_factor};
pub use two_factor_status::{TwoFactorStatusQuery, two_factor_status};

/// A typed code, or its problem next to the code field.
#[cfg(feature = "ssr")]
fn parse_code(raw: Option<String>) -> Result<crate::domain::LoginCode, crate::api::ApiError> {
    use crate::domain::{Field, FieldErrors, LoginCode};
    LoginCode::parse(&raw.unwrap_or_default()).map_err(|problem| {
        let mut errors = FieldErrors::default();
        errors.push(Field::Code, problem);
        crate::api::ApiError::Invalid(errors)
    })
}
