//! One booking as its participant sees it (the page at `/appointments/:id`).

use crate::api::ApiError;
use crate::domain::AppointmentView;
use leptos::prelude::*;

/// One booking, for either of its participants; anyone else gets `NotFound`, as for no booking.
#[server(output = crate::api::Json, endpoint = "appointment")]
pub async fn appointment(id: Option<String>) -> Result<AppointmentView, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?
        .bookings
        .appointment(&me.id, &id)
        .await
        .map_err(ApiError::from)
}
