//! Choose a new password with the emailed link, and be logged in (after the code, when two-step
//! log-in is on).

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "reset_password")]
pub async fn reset_password(
    token: Option<String>,
    password: Option<String>,
) -> Result<Option<CurrentUser>, ApiError> {
    use crate::api::session::{after_password, state};
    use crate::domain::{Field, FieldErrors, Password};

    let state = state()?;
    let token = token.unwrap_or_default();
    if token.is_empty() || token.len() > 128 {
        return Err(ApiError::LinkExpired);
    }
    let mut errors = FieldErrors::default();
    let Some(password) = errors.check(
        Field::Password,
        Password::parse(&password.unwrap_or_default()),
    ) else {
        return Err(ApiError::Invalid(errors));
    };
    let step = state
        .accounts
        .reset_password(&token, &password)
        .await
        .map_err(ApiError::from)?;
    Ok(after_password(&state, step, "/"))
}
