//! A booking's video room, entered in the steps a page takes: the relays to offer through, the
//! browser's offer in, the SFU's answer out.

use crate::api::ApiError;
use leptos::prelude::*;

/// The room's signalling, in the order a page uses it:
/// - no `offer`: the relays (TURN) this person may reach the room through, with credentials
///   issued now, as a JSON list of `IceServer`s in the shape of `RTCConfiguration.iceServers`
///   (`[]` when none is configured). The page hands it to the browser untouched, before it makes
///   its offer, since the browser gathers its ways out as it makes it.
/// - an `offer` with `check=network`: the pre-join network check's test connection, in a room of
///   the person's own, which carries nothing and ends by itself (`Rooms::check_network`).
/// - an `offer`: joins the room; the answer is the SFU's.
///
/// One server function for the three: one place that authorizes the booking's two people, one
/// rate limit on signalling, and a little less wasm in the first download, which is at its budget.
#[server(output = crate::api::Json, endpoint = "join_room")]
pub async fn join_room(
    id: Option<String>,
    offer: Option<String>,
    check: Option<String>,
) -> Result<String, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    let rooms = &state()?.rooms;
    let offer = offer.filter(|o| !o.is_empty());
    match (offer, check.as_deref()) {
        (None, _) => {
            let relays = rooms.ice_servers(&me, &id).await?;
            serde_json::to_string(&relays).map_err(|_| ApiError::Internal)
        }
        (Some(offer), None | Some("")) => Ok(rooms.join(&me, &id, offer).await?),
        (Some(offer), Some("network")) => Ok(rooms.check_network(&me, &id, offer).await?),
        (Some(_), Some(_)) => Err(ApiError::Request("unknown check".into())),
    }
}
