//! Ask to delete my account: with the password, a link goes to the account's address.

use crate::api::ApiError;
use leptos::prelude::*;

/// Clients only: a professional's or an HR admin's account carries other people's work.
#[server(output = crate::api::Json, endpoint = "request_account_deletion")]
pub async fn request_account_deletion(current_password: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{Field, FieldErrors, Password, Role};

    let me = require_user().await?;
    if me.role != Role::Client {
        return Err(ApiError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let current = errors.check(
        Field::CurrentPassword,
        Password::for_login(&current_password.unwrap_or_default()),
    );
    let Some(current) = current else {
        return Err(ApiError::Invalid(errors));
    };
    state()?
        .accounts
        .request_deletion(&me, &current)
        .await
        .map_err(super::current_password_refused)?;
    leptos_axum::redirect("/profile?saved=deletion-sent");
    Ok(())
}
