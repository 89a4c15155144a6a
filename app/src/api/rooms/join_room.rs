//! Enter a booking's video room: the browser's offer in, the SFU's answer out.

use crate::api::ApiError;
use leptos::prelude::*;

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
        .map_err(ApiError::from)
}
