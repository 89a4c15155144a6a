//! Which optional emails the signed-in person wants.

use crate::api::ApiError;
use crate::domain::NotificationSettings;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_notification_settings")]
pub async fn my_notification_settings() -> Result<NotificationSettings, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .notifications
        .settings(&me.id)
        .await
        .map_err(ApiError::from)
}
