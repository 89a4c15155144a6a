//! Entering and leaving a booking's video room: the browser's offer in, the SFU's answer out.

use crate::api::ApiError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn room_error(e: crate::ports::RoomError) -> ApiError {
    use crate::api::Refusal;
    use crate::ports::RoomError;
    match e {
        RoomError::NotFound => ApiError::NotFound,
        RoomError::NotYetOpen => ApiError::Refused(Refusal::RoomNotOpen),
        RoomError::Over => ApiError::Refused(Refusal::RoomOver),
        RoomError::Cancelled => ApiError::Refused(Refusal::Closed),
        RoomError::Full => ApiError::Refused(Refusal::RoomFull),
        RoomError::BadOffer(detail) => ApiError::Request(detail),
        RoomError::Internal(detail) => {
            tracing::error!(%detail, "session failed");
            ApiError::Internal
        }
    }
}

/// `offer` is the browser's SDP; the answer is the SFU's.
#[server(endpoint = "join_room")]
pub async fn join_room(id: Option<String>, offer: Option<String>) -> Result<String, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?
        .rooms
        .join(&me, &id, offer.unwrap_or_default())
        .await
        .map_err(room_error)
}

#[server(endpoint = "leave_room")]
pub async fn leave_room(id: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?.rooms.leave(&me, &id).await.map_err(room_error)
}

/// The session page's heartbeat: `here` is where its person is (`checking`, `ready`, `in_room`);
/// the answer is where the other participant is. It counts as activity for the idle log-off, so a
/// long call never logs anyone out.
#[server(endpoint = "room_heartbeat")]
pub async fn room_heartbeat(
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
        .rooms
        .heartbeat(&me, &id, here)
        .await
        .map_err(room_error)
}

/// For a professional's Home: clients ready on their session's page, or already in its room,
/// while the professional isn't.
#[server(endpoint = "waiting_clients")]
pub async fn waiting_clients() -> Result<Vec<crate::domain::WaitingClient>, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?.rooms.waiting(&me).await.map_err(room_error)
}
