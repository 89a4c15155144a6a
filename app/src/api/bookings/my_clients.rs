//! The people a professional has booked, soonest next booking first.

use crate::api::ApiError;
use crate::domain::ClientSummary;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_clients")]
pub async fn my_clients() -> Result<Vec<ClientSummary>, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?
        .bookings
        .clients(&me.id)
        .await
        .map_err(ApiError::from)
}
