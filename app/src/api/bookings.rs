//! Booking: a professional invites a client to one of their services, moves a booking, and
//! lists their bookings and clients.

use crate::api::ApiError;
use crate::domain::{Booking, ClientSummary};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::domain::{Field, FieldErrors};

/// A booking error worded against the form field that caused it, where one did.
#[cfg(feature = "ssr")]
fn booking_form_error(e: crate::ports::BookingError) -> ApiError {
    use crate::domain::{Problem, WhenError};
    use crate::ports::BookingError;
    let (field, problem) = match e {
        BookingError::Overlap => (Field::Time, Problem::Overlap),
        BookingError::InThePast => (Field::Time, Problem::When(WhenError::InThePast)),
        BookingError::TooFarAhead => (Field::Date, Problem::When(WhenError::TooFarAhead)),
        BookingError::UnknownService => (Field::Service, Problem::UnknownService),
        other => return other.into(),
    };
    let mut errors = FieldErrors::default();
    errors.push(field, problem);
    ApiError::Invalid(errors)
}

/// The wall-clock `date` and `time` in the professional's zone, or its problem against its field.
#[cfg(feature = "ssr")]
fn parse_start(
    date: Option<String>,
    time: Option<String>,
    zone: crate::domain::Timezone,
    errors: &mut FieldErrors,
) -> Option<chrono::DateTime<chrono::Utc>> {
    use crate::domain::{WhenError, local_to_utc};
    match local_to_utc(&date.unwrap_or_default(), &time.unwrap_or_default(), zone) {
        Ok(t) => Some(t),
        Err(e @ WhenError::BadDate) => {
            errors.push(Field::Date, e);
            None
        }
        Err(e) => {
            errors.push(Field::Time, e);
            None
        }
    }
}

/// `date` and `time` are wall-clock values in the professional's own time zone.
#[server(endpoint = "invite_client")]
pub async fn invite_client(
    service: Option<String>,
    date: Option<String>,
    time: Option<String>,
    client_name: Option<String>,
    client_email: Option<String>,
) -> Result<Booking, ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::{DisplayName, Email, Problem, ServiceId};
    use crate::ports::NewInvite;

    let me = require_professional().await?;
    let mut errors = FieldErrors::default();
    let service = service
        .filter(|s| !s.trim().is_empty())
        .map(|s| ServiceId::new(s.trim()));
    if service.is_none() {
        errors.push(Field::Service, Problem::UnknownService);
    }
    let starts_at = parse_start(date, time, me.timezone, &mut errors);
    let name = errors.check(
        Field::ClientName,
        DisplayName::parse(&client_name.unwrap_or_default()),
    );
    let email = errors.check(
        Field::ClientEmail,
        Email::parse(&client_email.unwrap_or_default()),
    );
    let (Some(service), Some(starts_at), Some(invitee_name), Some(invitee_email)) =
        (service, starts_at, name, email)
    else {
        return Err(ApiError::Invalid(errors));
    };
    let invite = NewInvite {
        service,
        starts_at,
        invitee_name,
        invitee_email,
    };
    let booking = state()?
        .bookings
        .invite(&me, invite)
        .await
        .map_err(booking_form_error)?;
    leptos_axum::redirect("/?saved=booking");
    Ok(booking)
}

#[server(endpoint = "my_bookings")]
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

/// The professional moves one of their bookings; `date` and `time` are in their own zone.
#[server(endpoint = "reschedule_booking")]
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

#[server(endpoint = "my_clients")]
pub async fn my_clients() -> Result<Vec<ClientSummary>, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?
        .bookings
        .clients(&me.id)
        .await
        .map_err(ApiError::from)
}
