//! Ask to change the email address: a link goes to the new one.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "request_email_change")]
pub async fn request_email_change(
    email: Option<String>,
    current_password: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{Email, Field, FieldErrors, Password, Problem};

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let email = errors.check(Field::Email, Email::parse(&email.unwrap_or_default()));
    let current = errors.check(
        Field::CurrentPassword,
        Password::for_login(&current_password.unwrap_or_default()),
    );
    if email.as_ref().is_some_and(|e| e.key() == me.email.key()) {
        errors.push(Field::Email, Problem::SameEmail);
    }
    let (Some(email), Some(current), true) = (email, current, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    state()?
        .accounts
        .request_email_change(&me, &email, &current)
        .await
        .map_err(super::current_password_refused)?;
    leptos_axum::redirect("/profile?saved=email-sent");
    Ok(())
}
