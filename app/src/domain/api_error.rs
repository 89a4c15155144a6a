//! The one error type of the server-function boundary, and its HTTP status: shared by both
//! sides like the other domain values, and worded for people by `crate::i18n`.

use super::FieldErrors;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    #[error("invalid fields: {0:?}")]
    Invalid(FieldErrors),
    #[error("email already registered")]
    EmailTaken,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but the role doesn't allow it.
    #[error("forbidden")]
    Forbidden,
    /// Missing, or someone else's: the same answer, so ids can't be probed.
    #[error("not found")]
    NotFound,
    #[error("link expired or used")]
    LinkExpired,
    /// Allowed to ask, but not now: the UI says why.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("internal error")]
    Internal,
    /// Too many changes to the same thing at once; nothing was changed, and trying again works.
    #[error("busy")]
    Busy,
    /// The request never reached our code intact (network down, malformed form).
    #[error("request failed: {0}")]
    Request(String),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::Invalid(_) => 422,
            ApiError::EmailTaken => 409,
            ApiError::InvalidCredentials | ApiError::Unauthenticated => 401,
            ApiError::Forbidden => 403,
            ApiError::NotFound => 404,
            ApiError::LinkExpired => 410,
            ApiError::Refused(_) => 409,
            ApiError::RateLimited { .. } => 429,
            ApiError::Internal => 500,
            ApiError::Busy => 503,
            ApiError::Request(_) => 400,
        }
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            ApiError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = crate::api::JsonText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Request(value.to_string())
    }
}

/// Why a change to a booking was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Past the client's cancellation cut-off.
    TooLateToCancel,
    /// Cancelled or over: nothing more can change.
    Closed,
    /// The video room opens shortly before the start.
    RoomNotOpen,
    /// The video room has closed after the session.
    RoomOver,
    /// Both participants are already in the room.
    RoomFull,
    /// The server carrying the call stopped: join again, and the room moves to a running one.
    RoomMoved,
    /// The server is restarting (an upgrade, say): the page joins again once it is back.
    ServerRestarting,
    /// The card's bank said no; another card may work.
    CardDeclined,
    /// The payment provider could not be reached or failed; nothing was charged twice.
    PaymentsUnavailable,
    /// A payment of this bill is already under way.
    PaymentUnderWay,
    /// "Pay" with no saved card.
    NoCard,
    /// The chosen time was taken by someone else meanwhile (or is no longer free).
    SlotTaken,
    /// Not one who may claim or spend this hub's credits (a plain page says to ask HR).
    NotEligible,
    /// Too few credits left by now to pay with them: the card will pay instead.
    NoCredits,
    /// New Terms & Conditions are in force: the person accepts them before going on.
    TermsDue,
    /// Their role must log in in two steps: they set it up before going on.
    TwoFactorDue,
}
