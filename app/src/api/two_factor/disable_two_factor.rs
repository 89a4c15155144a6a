//! Turns two-step log-in off, with the password and a code (clients only: professionals and HR
//! admins must keep it).

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "disable_two_factor")]
pub async fn disable_two_factor(
    current_password: Option<String>,
    code: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{Field, FieldErrors, LoginCode, Password};

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let password = errors.check(
        Field::CurrentPassword,
        Password::for_login(&current_password.unwrap_or_default()),
    );
    let code = errors.check(Field::Code, LoginCode::parse(&code.unwrap_or_default()));
    let (Some(password), Some(code)) = (password, code) else {
        return Err(ApiError::Invalid(errors));
    };
    state()?
        .accounts
        .disable_two_factor(&me, &password, &code)
        .await
        .map_err(crate::api::profile::current_password_refused)?;
    leptos_axum::redirect("/profile?saved=two-factor-off");
    Ok(())
}
