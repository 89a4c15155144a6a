//! The signed-in person's notifications, newest first.

use crate::api::ApiError;
use crate::domain::Notification;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<Vec<Notification>, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .notifications
        .list(&me.id)
        .await
        .map_err(ApiError::from)
}
