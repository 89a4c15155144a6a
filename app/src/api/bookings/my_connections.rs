//! The professionals a client has been booked with.

use crate::api::ApiError;
use crate::domain::Connection;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_connections")]
pub async fn my_connections() -> Result<Vec<Connection>, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .bookings
        .connections(&me.id)
        .await
        .map_err(ApiError::from)
}
