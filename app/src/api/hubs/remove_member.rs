//! HR removes someone who left the company: no more credits to claim or spend.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "remove_member")]
pub async fn remove_member(member: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::UserId;
    let me = require_user().await?;
    let member = member
        .as_deref()
        .and_then(|m| UserId::parse(m.trim()))
        .ok_or(ApiError::NotFound)?;
    state()?
        .hubs
        .remove_member(&me, &member)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/hr?saved=removed");
    Ok(())
}
