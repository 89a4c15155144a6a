//! A signed-in client confirms the slot they hold: it is booked, and they land on it.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(endpoint = "book_held")]
pub async fn book_held(hold: Option<String>) -> Result<String, ApiError> {
    use crate::api::session::{require_user, state};
    let me = require_user().await?;
    let booking = state()?
        .links
        .book_held(&me, hold.unwrap_or_default().trim())
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&format!("/appointments/{}", booking.as_str()));
    Ok(booking.as_str().to_owned())
}
