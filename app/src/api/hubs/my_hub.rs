//! The hub the signed-in person belongs to: the header's way back to it.

use crate::api::ApiError;
use crate::domain::HubBadge;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_hub")]
pub async fn my_hub() -> Result<Option<HubBadge>, ApiError> {
    use crate::api::session::{require_user, state};
    let me = require_user().await?;
    state()?.hubs.badge(&me.id).await.map_err(ApiError::from)
}
