//! A professional asks the company that pays for a booking for more credits for its client.
//! The company learns only that someone asked.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "request_credits")]
pub async fn request_credits(booking: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;
    let me = require_user().await?;
    let id = booking
        .as_deref()
        .and_then(|b| BookingId::parse(b.trim()))
        .ok_or(ApiError::NotFound)?;
    state()?
        .hubs
        .request_credits(&me, &id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&format!(
        "/appointments/{}?saved=credits-asked",
        id.as_str()
    ));
    Ok(())
}
