//! "Forgot your password?": email a reset link, without saying whether the account exists.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "request_password_reset")]
pub async fn request_password_reset(email: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::state;
    use crate::domain::{Email, Field, FieldErrors};

    let state = state()?;
    let mut errors = FieldErrors::default();
    let Some(email) = errors.check(Field::Email, Email::parse(&email.unwrap_or_default())) else {
        return Err(ApiError::Invalid(errors));
    };
    state
        .accounts
        .request_password_reset(&email)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}
