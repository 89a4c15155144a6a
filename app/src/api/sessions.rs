//! Entering and leaving a booking's video room: the browser's offer in, the SFU's answer out.

use crate::api::ApiError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn session_error(e: crate::ports::SessionError) -> ApiError {
    use crate::api::Refusal;
    use crate::ports::SessionError;
    match e {
        SessionError::NotFound => ApiError::NotFound,
        SessionError::NotYetOpen => ApiError::Refused(Refusal::RoomNotOpen),
        SessionError::Over => ApiError::Refused(Refusal::RoomOver),
        SessionError::Cancelled => ApiError::Refused(Refusal::Closed),
        SessionError::Full => ApiError::Refused(Refusal::RoomFull),
        SessionError::BadOffer(detail) => ApiError::Request(detail),
        SessionError::Internal(detail) => {
            tracing::error!(%detail, "session failed");
            ApiError::Internal
        }
    }
}

/// `offer` is the browser's SDP; the answer is the SFU's.
#[server(endpoint = "join_session")]
pub async fn join_session(id: Option<String>, offer: Option<String>) -> Result<String, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?
        .sessions
        .join(&me, &id, offer.unwrap_or_default())
        .await
        .map_err(session_error)
}

#[server(endpoint = "leave_session")]
pub async fn leave_session(id: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?
        .sessions
        .leave(&me, &id)
        .await
        .map_err(session_error)
}

/// The session page's heartbeat: `here` is where its person is (`checking`, `ready`, `in_room`);
/// the answer is where the other participant is. It counts as activity for the idle log-off, so a
/// long call never logs anyone out.
#[server(endpoint = "session_heartbeat")]
pub async fn session_heartbeat(
    id: Option<String>,
    here: Option<String>,
) -> Result<crate::domain::Whereabouts, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{BookingId, Whereabouts};

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    let here = Whereabouts::parse(here.as_deref().unwrap_or_default())
        .ok_or_else(|| ApiError::Request("unknown whereabouts".into()))?;
    state()?
        .sessions
        .heartbeat(&me, &id, here)
        .await
        .map_err(session_error)
}

/// For a professional's Home: clients ready on their session's page, or already in its room,
/// while the professional isn't.
#[server(endpoint = "waiting_clients")]
pub async fn waiting_clients() -> Result<Vec<crate::domain::WaitingClient>, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?.sessions.waiting(&me).await.map_err(session_error)
}
