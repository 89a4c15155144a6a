//! One person of a booking writes to the other, who gets it by mail.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "send_message")]
pub async fn send_message(id: Option<String>, message: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{BookingId, Field, FieldErrors, MessageText};

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    let mut errors = FieldErrors::default();
    let Some(text) = errors.check(
        Field::Message,
        MessageText::parse(&message.unwrap_or_default()),
    ) else {
        return Err(ApiError::Invalid(errors));
    };
    state()?
        .bookings
        .send_message(&me, &id, &text)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&format!("/appointments/{}?saved=message", id.as_str()));
    Ok(())
}
