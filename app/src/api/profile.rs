//! My profile: name and password. Each acts only on the signed-in user's own account.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

#[server(endpoint = "update_name")]
pub async fn update_name(name: Option<String>) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{reject, require_user, state};
    use crate::domain::{DisplayName, Field, FieldErrors};

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let Some(name) = errors.check(Field::Name, DisplayName::parse(&name.unwrap_or_default()))
    else {
        return Err(reject(ApiError::Invalid(errors)));
    };
    let updated = state()?
        .accounts
        .rename(&me.id, &name)
        .await
        .map_err(|e| reject(e.into()))?;
    leptos_axum::redirect("/profile?saved=name");
    Ok(updated)
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: Option<String>,
    new_password: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{reject, require_user, set_session_cookie, state};
    use crate::domain::{Field, FieldErrors, Password};
    use crate::ports::AccountError;

    let me = require_user().await?;
    let state = state()?;
    let mut errors = FieldErrors::default();
    let current = errors.check(
        Field::CurrentPassword,
        Password::for_login(&current_password.unwrap_or_default()),
    );
    let new = errors.check(
        Field::NewPassword,
        Password::parse(&new_password.unwrap_or_default()),
    );
    let (Some(current), Some(new)) = (current, new) else {
        return Err(reject(ApiError::Invalid(errors)));
    };
    let signed_in = match state.accounts.change_password(&me, &current, &new).await {
        Ok(s) => s,
        Err(AccountError::InvalidCredentials) => {
            let mut errors = FieldErrors::default();
            errors.push(Field::CurrentPassword, "That isn't your current password.");
            return Err(reject(ApiError::Invalid(errors)));
        }
        Err(e) => return Err(reject(e.into())),
    };
    set_session_cookie(&state, &signed_in.token);
    leptos_axum::redirect("/profile?saved=password");
    Ok(())
}
