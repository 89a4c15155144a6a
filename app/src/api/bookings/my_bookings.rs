//! A professional's upcoming bookings.

use crate::api::ApiError;
use crate::domain::Booking;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_bookings")]
pub async fn my_bookings() -> Result<Vec<Booking>, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?
        .bookings
        .upcoming_for_professional(&me.id)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "bookings unavailable");
            ApiError::Internal
        })
}
