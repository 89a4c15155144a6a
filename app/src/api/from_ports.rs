//! What each port's error means at the boundary. Field-level problems (an overlap, a date in the
//! past, a weak password on the profile page) are worded by the server function whose form caused
//! them; these are the rest. An unexpected failure is logged here with its chain of causes, and the
//! person gets the plain `Internal`.

use super::{ApiError, Refusal};
use crate::domain::{Field, FieldErrors};
use crate::ports::{
    AccountError, BillError, BookingError, CatalogError, Cause, DirectoryError, HubError,
    LinkError, NotificationError, PaymentError, PicturesError, RoomError,
};

/// Logs `cause` with every cause under it, as one line ("a: b: c"); the person gets `Internal`.
fn unexpected(port: &'static str, cause: &Cause) -> ApiError {
    tracing::error!(port, error = %chain(cause.as_ref()), "unexpected failure");
    ApiError::Internal
}

/// The messages of `e` and its sources, joined by ": ". A source whose message its parent already
/// ends with (`#[error("database: {0}")]`) is not repeated.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        let text = cause.to_string();
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        next = cause.source();
    }
    out
}

impl From<AccountError> for ApiError {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::EmailTaken => ApiError::EmailTaken,
            AccountError::InvalidCredentials => ApiError::InvalidCredentials,
            AccountError::LinkInvalid => ApiError::LinkExpired,
            AccountError::WrongCode => {
                let mut errors = FieldErrors::default();
                errors.push(Field::Code, crate::domain::Problem::WrongCode);
                ApiError::Invalid(errors)
            }
            AccountError::TwoFactorLocked => ApiError::Forbidden,
            AccountError::WeakPassword(problem) => {
                let mut errors = FieldErrors::default();
                errors.push(Field::Password, problem);
                ApiError::Invalid(errors)
            }
            AccountError::Unexpected(cause) => unexpected("accounts", &cause),
        }
    }
}

impl From<BookingError> for ApiError {
    fn from(e: BookingError) -> Self {
        match e {
            BookingError::NotFound => ApiError::NotFound,
            BookingError::NotAllowed => ApiError::Forbidden,
            BookingError::TooLateToCancel => ApiError::Refused(Refusal::TooLateToCancel),
            BookingError::Closed => ApiError::Refused(Refusal::Closed),
            BookingError::NoCredits => ApiError::Refused(Refusal::NoCredits),
            BookingError::Busy => ApiError::Busy,
            BookingError::Overlap
            | BookingError::InThePast
            | BookingError::TooFarAhead
            | BookingError::UnknownService => ApiError::Refused(Refusal::Closed),
            BookingError::Unexpected(cause) => unexpected("bookings", &cause),
        }
    }
}

impl From<LinkError> for ApiError {
    fn from(e: LinkError) -> Self {
        match e {
            LinkError::NotFound => ApiError::NotFound,
            LinkError::SlotTaken => ApiError::Refused(Refusal::SlotTaken),
            LinkError::Invalid(problem) => {
                let mut errors = crate::domain::FieldErrors::default();
                errors.push(crate::domain::Field::Overrides, problem);
                ApiError::Invalid(errors)
            }
            LinkError::SlugTaken => {
                let mut errors = crate::domain::FieldErrors::default();
                errors.push(crate::domain::Field::Slug, crate::domain::SlugError::Taken);
                ApiError::Invalid(errors)
            }
            LinkError::NotAClient => ApiError::Forbidden,
            LinkError::Busy => ApiError::Busy,
            LinkError::NotEligible => ApiError::Refused(Refusal::NotEligible),
            LinkError::NoCredits => ApiError::Refused(Refusal::NoCredits),
            LinkError::Unexpected(cause) => unexpected("links", &cause),
        }
    }
}

impl From<HubError> for ApiError {
    fn from(e: HubError) -> Self {
        match e {
            HubError::NotFound => ApiError::NotFound,
            HubError::NotEligible => ApiError::Refused(Refusal::NotEligible),
            HubError::Forbidden => ApiError::Forbidden,
            HubError::Invalid(errors) => ApiError::Invalid(errors),
            HubError::EmailTaken => ApiError::EmailTaken,
            HubError::Logo(_) => ApiError::Request("not a picture".into()),
            HubError::Unexpected(cause) => unexpected("hubs", &cause),
        }
    }
}

impl From<RoomError> for ApiError {
    fn from(e: RoomError) -> Self {
        match e {
            RoomError::NotFound => ApiError::NotFound,
            RoomError::NotYetOpen => ApiError::Refused(Refusal::RoomNotOpen),
            RoomError::Over => ApiError::Refused(Refusal::RoomOver),
            RoomError::Cancelled => ApiError::Refused(Refusal::Closed),
            RoomError::Full => ApiError::Refused(Refusal::RoomFull),
            RoomError::Moved => ApiError::Refused(Refusal::RoomMoved),
            RoomError::Restarting => ApiError::Refused(Refusal::ServerRestarting),
            RoomError::BadOffer(detail) => ApiError::Request(detail),
            RoomError::Unexpected(cause) => unexpected("rooms", &cause),
        }
    }
}

impl From<PicturesError> for ApiError {
    fn from(e: PicturesError) -> Self {
        match e {
            // only an upload is rejected, and uploads answer outside server functions
            PicturesError::Rejected(problem) => ApiError::Request(problem.code().to_owned()),
            PicturesError::Unexpected(cause) => unexpected("pictures", &cause),
        }
    }
}

impl From<CatalogError> for ApiError {
    fn from(e: CatalogError) -> Self {
        match e {
            CatalogError::NotFound => ApiError::NotFound,
            CatalogError::Unexpected(cause) => unexpected("catalog", &cause),
        }
    }
}

impl From<NotificationError> for ApiError {
    fn from(e: NotificationError) -> Self {
        match e {
            NotificationError::Unexpected(cause) => unexpected("notifications", &cause),
        }
    }
}

impl From<PaymentError> for ApiError {
    fn from(e: PaymentError) -> Self {
        match e {
            PaymentError::NotFound => ApiError::NotFound,
            PaymentError::NotDue => ApiError::Refused(Refusal::Closed),
            PaymentError::UnderWay => ApiError::Refused(Refusal::PaymentUnderWay),
            PaymentError::NoCard => ApiError::Refused(Refusal::NoCard),
            PaymentError::Declined(code) => {
                tracing::info!(code, "card declined");
                ApiError::Refused(Refusal::CardDeclined)
            }
            PaymentError::Unavailable(cause) => {
                tracing::warn!(cause = %chain(cause.as_ref()), "payment provider unavailable");
                ApiError::Refused(Refusal::PaymentsUnavailable)
            }
            PaymentError::Unexpected(cause) => unexpected("payments", &cause),
        }
    }
}

impl From<BillError> for ApiError {
    fn from(e: BillError) -> Self {
        match e {
            BillError::NotFound => ApiError::NotFound,
            BillError::NotDue => ApiError::Refused(Refusal::Closed),
            BillError::Unexpected(cause) => unexpected("bills", &cause),
        }
    }
}

impl From<DirectoryError> for ApiError {
    fn from(e: DirectoryError) -> Self {
        match e {
            DirectoryError::Unexpected(cause) => unexpected("directory", &cause),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("database: {0}")]
    struct Db(#[source] std::io::Error);

    #[test]
    fn the_log_line_carries_every_cause_once() {
        let e = BookingError::Unexpected(Box::new(Db(std::io::Error::other("disk full"))));
        assert_eq!(chain(&e), "unexpected failure: database: disk full");
    }
}
