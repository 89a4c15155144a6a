//! Mark one notification read, or all of them.

use crate::api::ApiError;
use leptos::prelude::*;

/// `id` absent marks them all read.
#[server(output = crate::api::Json, endpoint = "mark_notifications_read")]
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
