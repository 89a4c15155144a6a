//! A member's credits: balance and every entry (their own only).

use crate::api::ApiError;
use crate::domain::Credits;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_credits")]
pub async fn my_credits() -> Result<Option<Credits>, ApiError> {
    use crate::api::session::{require_user, state};
    let me = require_user().await?;
    state()?.hubs.credits(&me.id).await.map_err(ApiError::from)
}
