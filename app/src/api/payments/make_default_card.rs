//! Makes a saved card the one "Pay" uses. A plain form post: works without JavaScript.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "make_default_card")]
pub async fn make_default_card(id: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::CardId;

    let me = require_user().await?;
    let id = CardId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?
        .payments
        .make_default(&me.id, &id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/payments?saved=default-card");
    Ok(())
}
