//! Booking sessions: a professional invites a client to one of their services.

use crate::api::ApiError;
use crate::domain::Booking;
use leptos::prelude::*;

/// `date` and `time` are wall-clock values in the professional's own time zone.
#[server(endpoint = "invite_client")]
pub async fn invite_client(
    service: Option<String>,
    date: Option<String>,
    time: Option<String>,
    client_name: Option<String>,
    client_email: Option<String>,
) -> Result<Booking, ApiError> {
    use crate::api::session::{reject, require_professional, state};
    use crate::domain::{
        DisplayName, Email, Field, FieldErrors, Problem, ServiceId, WhenError, local_to_utc,
    };
    use crate::ports::{BookingError, NewInvite};

    let me = require_professional().await?;
    let mut errors = FieldErrors::default();
    let service = service
        .filter(|s| !s.trim().is_empty())
        .map(|s| ServiceId::new(s.trim()));
    if service.is_none() {
        errors.push(Field::Service, Problem::UnknownService);
    }
    let date = date.unwrap_or_default();
    let time = time.unwrap_or_default();
    let starts_at = match local_to_utc(&date, &time, me.timezone) {
        Ok(t) => Some(t),
        Err(e @ WhenError::BadDate) => {
            errors.push(Field::Date, e);
            None
        }
        Err(e) => {
            errors.push(Field::Time, e);
            None
        }
    };
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
        return Err(reject(ApiError::Invalid(errors)));
    };
    let invite = NewInvite {
        service,
        starts_at,
        invitee_name,
        invitee_email,
    };
    let booking = match state()?.bookings.invite(&me, invite).await {
        Ok(b) => b,
        Err(e) => {
            let (field, problem) = match e {
                BookingError::Overlap => (Field::Time, Problem::Overlap),
                BookingError::InThePast => (Field::Time, Problem::When(WhenError::InThePast)),
                BookingError::UnknownService => (Field::Service, Problem::UnknownService),
                BookingError::Internal(detail) => {
                    tracing::error!(%detail, "booking failed");
                    return Err(reject(ApiError::Internal));
                }
            };
            let mut errors = FieldErrors::default();
            errors.push(field, problem);
            return Err(reject(ApiError::Invalid(errors)));
        }
    };
    leptos_axum::redirect("/?saved=booking");
    Ok(booking)
}

#[server(endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<Booking>, ApiError> {
    use crate::api::session::{reject, require_professional, state};

    let me = require_professional().await?;
    state()?
        .bookings
        .upcoming_for_professional(&me.id)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "bookings unavailable");
            reject(ApiError::Internal)
        })
}
