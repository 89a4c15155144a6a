//! The second step of logging in: the code from the authenticator app, or a recovery code.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

/// `next` is where the person was going when we asked them to log in.
#[server(output = crate::api::Json, endpoint = "log_in_code")]
pub async fn log_in_code(
    code: Option<String>,
    next: Option<String>,
) -> Result<CurrentUser, ApiError> {
    use crate::api::safe_next;
    use crate::api::session::{challenge_token, clear_challenge_cookie, set_session_cookie, state};
    use crate::domain::{Field, FieldErrors, LoginCode};
    use crate::ports::AccountError;

    let state = state()?;
    // no challenge, or one past its five minutes: from the password again
    let challenge = challenge_token(&state).ok_or(ApiError::Unauthenticated)?;
    let code = match LoginCode::parse(&code.unwrap_or_default()) {
        Ok(code) => code,
        Err(problem) => {
            let mut errors = FieldErrors::default();
            errors.push(Field::Code, problem);
            return Err(ApiError::Invalid(errors));
        }
    };
    let signed_in = state
        .accounts
        .log_in_with_code(&challenge, &code)
        .await
        .map_err(|e| match e {
            AccountError::LinkInvalid => ApiError::Unauthenticated,
            other => ApiError::from(other),
        })?;
    clear_challenge_cookie(&state);
    set_session_cookie(&state, &signed_in);
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(signed_in.user)
}
