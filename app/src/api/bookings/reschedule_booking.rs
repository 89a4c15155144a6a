//! A professional moves one of their bookings to another time.

#[cfg(feature = "ssr")]
use super::{booking_form_error, parse_start};
use crate::api::ApiError;
use crate::domain::Booking;
#[cfg(feature = "ssr")]
use crate::domain::FieldErrors;
use leptos::prelude::*;

/// The professional moves one of their bookings; `date` and `time` are in their own zone.
#[server(output = crate::api::Json, endpoint = "reschedule_booking")]
pub async fn reschedule_booking(
    id: Option<String>,
    date: Option<String>,
    time: Option<String>,
) -> Result<Booking, ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::BookingId;

    let me = require_professional().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    let mut errors = FieldErrors::default();
    let Some(starts_at) = parse_start(date, time, me.timezone, &mut errors) else {
        return Err(ApiError::Invalid(errors));
    };
    let moved = state()?
        .bookings
        .reschedule(&me, &id, starts_at)
        .await
        .map_err(booking_form_error)?;
    leptos_axum::redirect(&format!("/appointments/{}?saved=moved", id.as_str()));
    Ok(moved)
}
