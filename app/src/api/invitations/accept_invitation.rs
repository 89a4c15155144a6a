//! Make the invitee's account from the join link, and go to the appointment.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

/// Creates the invitee's account (the address comes from the invitation, which proves it) and
/// goes to the appointment.
#[server(output = crate::api::Json, endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: Option<String>,
    name: Option<String>,
    password: Option<String>,
    accept_terms: Option<String>,
    timezone: Option<String>,
) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{set_session_cookie, state};
    use crate::domain::{DisplayName, Field, FieldErrors, Password, Problem, Timezone};
    use crate::ports::InvitedAccount;

    let state = state()?;
    let mut errors = FieldErrors::default();
    let name = errors.check(Field::Name, DisplayName::parse(&name.unwrap_or_default()));
    let password = errors.check(
        Field::Password,
        Password::parse(&password.unwrap_or_default()),
    );
    if accept_terms.is_none() {
        errors.push(Field::Terms, Problem::TermsNotAccepted);
    }
    let (Some(name), Some(password), true) = (name, password, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    let (signed_in, booking) = state
        .accounts
        .accept_invitation(
            token.unwrap_or_default().trim(),
            InvitedAccount {
                name,
                password,
                timezone: timezone
                    .and_then(|t| Timezone::parse(&t).ok())
                    .unwrap_or(Timezone::UTC),
                language: crate::i18n::use_language(),
            },
        )
        .await
        .map_err(ApiError::from)?;
    set_session_cookie(&state, &signed_in);
    leptos_axum::redirect(&format!("/appointments/{}", booking.as_str()));
    Ok(signed_in.user)
}
