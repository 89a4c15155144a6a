//! A room page's heartbeat: where its person is, and where the other one is.

use crate::api::ApiError;
use leptos::prelude::*;

/// The session page's heartbeat: `here` is where its person is (`checking`, `ready`, `in_room`);
/// the answer is where the other participant is. It counts as activity for the idle log-off, so a
/// long call never logs anyone out.
#[server(output = crate::api::Json, endpoint = "room_heartbeat")]
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
        .map_err(ApiError::from)
}
