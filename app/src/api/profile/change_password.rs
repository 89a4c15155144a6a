//! Change the password, given the current one; other sessions end.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "change_password")]
pub async fn change_password(
    current_password: Option<String>,
    new_password: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_user, set_session_cookie, state};
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
        return Err(ApiError::Invalid(errors));
    };
    let signed_in = match state.accounts.change_password(&me, &current, &new).await {
        Ok(s) => s,
        Err(AccountError::WeakPassword(problem)) => {
            let mut errors = FieldErrors::default();
            errors.push(Field::NewPassword, problem);
            return Err(ApiError::Invalid(errors));
        }
        Err(e) => return Err(super::current_password_refused(e)),
    };
    set_session_cookie(&state, &signed_in);
    leptos_axum::redirect("/profile?saved=password");
    Ok(())
}
