//! A signed-in client claims a hub's credits with their invitation, and lands on the hub.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "claim_hub")]
pub async fn claim_hub(hub: Option<String>, invite: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    let me = require_user().await?;
    let hub = hub.unwrap_or_default();
    state()?
        .hubs
        .claim(&me, hub.trim(), invite.unwrap_or_default().trim())
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&format!("{}?claimed=1", super::hub_path(hub.trim(), None)));
    Ok(())
}
