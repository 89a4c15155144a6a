//! A professional books a client into one of their services and mails them the join link.

#[cfg(feature = "ssr")]
use super::{booking_form_error, parse_start};
use crate::api::ApiError;
use crate::domain::Booking;
#[cfg(feature = "ssr")]
use crate::domain::{Field, FieldErrors};
use leptos::prelude::*;

/// `date` and `time` are wall-clock values in the professional's own time zone.
#[server(output = crate::api::Json, endpoint = "invite_client")]
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
