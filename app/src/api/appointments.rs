//! A client's side of their bookings: the agenda, one appointment, cancelling, and the
//! professionals they see. Every call is limited to the asker's own bookings.

use crate::api::ApiError;
use crate::domain::{Agenda, AppointmentView, Booking, Connection};
use leptos::prelude::*;

#[server(endpoint = "my_agenda")]
pub async fn my_agenda() -> Result<Agenda, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .bookings
        .agenda(&me.id)
        .await
        .map_err(ApiError::from)
}

/// One booking, for either of its participants; anyone else gets `NotFound`, as for no booking.
#[server(endpoint = "appointment")]
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

/// Either participant cancels; a client only until the cut-off.
#[server(endpoint = "cancel_booking")]
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

#[server(endpoint = "my_connections")]
pub async fn my_connections() -> Result<Vec<Connection>, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .bookings
        .connections(&me.id)
        .await
        .map_err(ApiError::from)
}
