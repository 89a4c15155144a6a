//! The one error type of the server-function boundary, and its HTTP status.

use crate::domain::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    #[error("Please correct the fields marked below.")]
    Invalid(FieldErrors),
    #[error("An account with this email already exists.")]
    EmailTaken,
    #[error("That email and password don't match an account.")]
    InvalidCredentials,
    #[error("Please log in to continue.")]
    Unauthenticated,
    #[error("This link has expired or has already been used. Ask for a new one below.")]
    LinkExpired,
    #[error("Too many attempts. Please wait {retry_after_secs} seconds and try again.")]
    RateLimited { retry_after_secs: u64 },
    #[error("Something went wrong on our side. Nothing was changed; please try again.")]
    Internal,
    /// The request never reached our code intact (network down, malformed form).
    #[error("We couldn't send that. Check your connection and try again.")]
    Request(String),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::Invalid(_) => 422,
            ApiError::EmailTaken => 409,
            ApiError::InvalidCredentials | ApiError::Unauthenticated => 401,
            ApiError::LinkExpired => 410,
            ApiError::RateLimited { .. } => 429,
            ApiError::Internal => 500,
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
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Request(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::ports::AccountError> for ApiError {
    fn from(e: crate::ports::AccountError) -> Self {
        use crate::ports::AccountError;
        match e {
            AccountError::EmailTaken => ApiError::EmailTaken,
            AccountError::InvalidCredentials => ApiError::InvalidCredentials,
            AccountError::LinkInvalid => ApiError::LinkExpired,
            AccountError::WeakPassword(problem) => {
                let mut errors = FieldErrors::default();
                errors.push(crate::domain::Field::Password, problem);
                ApiError::Invalid(errors)
            }
            AccountError::Internal(detail) => {
                tracing::error!(%detail, "account store failed");
                ApiError::Internal
            }
        }
    }
}
