//! Save which optional emails the signed-in person wants.

use crate::api::ApiError;
use crate::domain::NotificationSettings;
use leptos::prelude::*;

/// Checkboxes: present when ticked.
#[server(output = crate::api::Json, endpoint = "save_notification_settings")]
pub async fn save_notification_settings(
    email_reminders: Option<String>,
    email_booking_updates: Option<String>,
) -> Result<NotificationSettings, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    let settings = NotificationSettings {
        email_reminders: email_reminders.is_some(),
        email_booking_updates: email_booking_updates.is_some(),
    };
    state()?
        .notifications
        .save_settings(&me.id, settings)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/notifications?saved=settings");
    Ok(settings)
}
