//! A visitor who holds a slot creates their client account (name, email, password, the Terms),
//! and the slot is booked for them: they land on the appointment.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "sign_up_and_book")]
pub async fn sign_up_and_book(
    hold: Option<String>,
    name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    accept_terms: Option<String>,
    timezone: Option<String>,
    pay: Option<String>,
) -> Result<String, ApiError> {
    use crate::api::accounts::{SignUpForm, create_account};
    use crate::api::session::state;
    use crate::domain::Role;

    let state = state()?;
    let hold = hold.unwrap_or_default();
    // a hold that leads nowhere makes no account
    state
        .links
        .held(hold.trim(), None)
        .await
        .map_err(ApiError::from)?;
    let form = SignUpForm {
        name,
        email,
        password,
        accept_terms,
        timezone,
    };
    let signed_in = create_account(&state, form, Role::Client).await?;
    // the account stands either way; if the time went meanwhile, the confirm page says so
    match state
        .links
        .book_held(
            &signed_in.user,
            hold.trim(),
            pay.as_deref() == Some("credits"),
        )
        .await
    {
        Ok(booking) => {
            leptos_axum::redirect(&format!("/appointments/{}", booking.as_str()));
            Ok(booking.as_str().to_owned())
        }
        Err(e) => {
            let e = ApiError::from(e);
            // the page again, saying why: the credits ran out, the time went, or (the
            // invitation stopped working meanwhile) these credits aren't theirs
            let why = match e {
                ApiError::Refused(crate::domain::Refusal::NoCredits) => "&credits=gone",
                ApiError::Refused(crate::domain::Refusal::NotEligible) => "",
                _ => "&taken=1",
            };
            leptos_axum::redirect(&format!("{}{why}", super::confirm_path(hold.trim())));
            Err(e)
        }
    }
}
