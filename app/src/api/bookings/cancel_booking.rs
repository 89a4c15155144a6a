//! Cancel a booking, by either participant; a client only until the cut-off.

use crate::api::ApiError;
use crate::domain::Booking;
use leptos::prelude::*;

/// Either participant cancels; a client only until the cut-off.
#[server(output = crate::api::Json, endpoint = "cancel_booking")]
pub async fn cancel_booking(id: Option<String>) -> Result<Booking, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    let cancelled = state()?
        .bookings
        .cancel(&me, &id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&format!("/appointments/{}?saved=cancelled", id.as_str()));
    Ok(cancelled)
}
