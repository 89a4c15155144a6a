//! HR stops offering a professional in their hub; bookings made stand.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "withdraw_professional")]
pub async fn withdraw_professional(professional: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::UserId;
    let me = require_user().await?;
    let professional = professional
        .as_deref()
        .and_then(|p| UserId::parse(p.trim()))
        .ok_or(ApiError::NotFound)?;
    state()?
        .hubs
        .withdraw(&me, &professional)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/hr?saved=withdrawn");
    Ok(())
}
