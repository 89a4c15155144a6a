//! Bookings ("appointments" on screen): a professional books a client, moves a booking and
//! lists their bookings and clients; a client sees their agenda, one appointment, their
//! professionals, and cancels. Every call is limited to the asker's own bookings.

mod appointment;
mod cancel_booking;
mod invite_client;
mod my_agenda;
mod my_bookings;
mod my_clients;
mod my_connections;
mod reschedule_booking;
mod send_message;

pub use appointment::{Appointment, appointment};
pub use cancel_booking::{CancelBooking, cancel_booking};
pub use invite_client::{InviteClient, invite_client};
pub use my_agenda::{MyAgenda, my_agenda};
pub use my_bookings::{MyBookings, my_bookings};
pub use my_clients::{MyClients, my_clients};
pub use my_connections::{MyConnections, my_connections};
pub use reschedule_booking::{RescheduleBooking, reschedule_booking};
pub use send_message::{SendMessage, send_message};

#[cfg(feature = "ssr")]
use crate::api::ApiError;
#[cfg(feature = "ssr")]
use crate::domain::{Field, FieldErrors};

/// A booking error worded against the form field that caused it, where one did.
#[cfg(feature = "ssr")]
pub(super) fn booking_form_error(e: crate::ports::BookingError) -> ApiError {
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
pub(super) fn parse_start(
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
