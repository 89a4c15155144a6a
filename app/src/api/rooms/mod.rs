//! Entering and leaving a booking's video room: the browser's offer in, the SFU's answer out.

mod join_room;
mod leave_room;
mod room_heartbeat;
mod waiting_clients;

pub use join_room::{JoinRoom, join_room};
pub use leave_room::{LeaveRoom, leave_room};
pub use room_heartbeat::{RoomHeartbeat, room_heartbeat};
pub use waiting_clients::{WaitingClients, waiting_clients};

#[cfg(feature = "ssr")]
use crate::api::ApiError;

#[cfg(feature = "ssr")]
pub(super) fn room_error(e: crate::ports::RoomError) -> ApiError {
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
