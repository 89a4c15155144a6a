//! How many notifications are unread, for the header's badge.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<u64, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .notifications
        .unread(&me.id)
        .await
        .map_err(ApiError::from)
}
