//! For a professional's Home: clients waiting on their booking's page.

use crate::api::ApiError;
use leptos::prelude::*;

/// For a professional's Home: clients ready on their session's page, or already in its room,
/// while the professional isn't.
#[server(output = crate::api::Json, endpoint = "waiting_clients")]
pub async fn waiting_clients() -> Result<Vec<crate::domain::WaitingClient>, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?.rooms.waiting(&me).await.map_err(ApiError::from)
}
