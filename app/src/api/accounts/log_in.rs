//! Log in with email and password; with two-step log-in on, the code is asked for next
//! (`log_in_code`).

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

/// `next` is where the person was going when we asked them to log in.
#[server(output = crate::api::Json, endpoint = "log_in")]
pub async fn log_in(
    email: Option<String>,
    password: Option<String>,
    next: Option<String>,
) -> Result<Option<CurrentUser>, ApiError> {
    use crate::api::kept;

    let typed = email.clone();
    let result = check_and_log_in(email, password, next).await;
    match &result {
        Ok(_) => kept::forget(),
        // a refused plain post comes back to the form with the address filled in
        Err(_) => kept::keep(&[("email", typed.as_deref())]),
    }
    result
}

#[cfg(feature = "ssr")]
async fn check_and_log_in(
    email: Option<String>,
    password: Option<String>,
    next: Option<String>,
) -> Result<Option<CurrentUser>, ApiError> {
    use crate::api::safe_next;
    use crate::api::session::{after_password, state};
    use crate::domain::{Email, Field, FieldErrors, Password};

    let state = state()?;
    let mut errors = FieldErrors::default();
    let email = errors.check(Field::Email, Email::parse(&email.unwrap_or_default()));
    let password = errors.check(
        Field::Password,
        Password::for_login(&password.unwrap_or_default()),
    );
    let (Some(email), Some(password)) = (email, password) else {
        return Err(ApiError::Invalid(errors));
    };

    let step = state
        .accounts
        .log_in(&email, &password)
        .await
        .map_err(ApiError::from)?;
    Ok(after_password(&state, step, &safe_next(next.as_deref())))
}
