//! A person's in-app notifications and which optional emails they want. Only their own.

use crate::api::ApiError;
use crate::domain::{Notification, NotificationSettings};
use leptos::prelude::*;

#[server(endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<Vec<Notification>, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .notifications
        .list(&me.id)
        .await
        .map_err(ApiError::from)
}

#[server(endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<u64, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .notifications
        .unread(&me.id)
        .await
        .map_err(ApiError::from)
}

/// `id` absent marks them all read.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(id: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::NotificationId;

    let me = require_user().await?;
    let notifications = state()?.notifications;
    match id.filter(|i| !i.is_empty()) {
        Some(raw) => {
            let id = NotificationId::parse(&raw).ok_or(ApiError::NotFound)?;
            let found = notifications
                .mark_read(&me.id, &id)
                .await
                .map_err(ApiError::from)?;
            if !found {
                return Err(ApiError::NotFound);
            }
        }
        None => notifications
            .mark_all_read(&me.id)
            .await
            .map_err(ApiError::from)?,
    }
    leptos_axum::redirect("/notifications");
    Ok(())
}

#[server(endpoint = "my_notification_settings")]
pub async fn my_notification_settings() -> Result<NotificationSettings, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .notifications
        .settings(&me.id)
        .await
        .map_err(ApiError::from)
}

/// Checkboxes: present when ticked.
#[server(endpoint = "save_notification_settings")]
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
