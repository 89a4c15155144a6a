//! Leave a booking's video room.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "leave_room")]
pub async fn leave_room(id: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BookingId;

    let me = require_user().await?;
    let id = BookingId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?.rooms.leave(&me, &id).await.map_err(ApiError::from)
}
