//! Removes a saved card (here, and from the client's customer at Stripe). A plain form post.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "remove_card")]
pub async fn remove_card(id: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::CardId;

    let me = require_user().await?;
    let id = CardId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?
        .payments
        .remove_card(&me.id, &id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/payments?saved=card-removed");
    Ok(())
}
