//! Keeps the card of a SetupIntent Stripe.js confirmed in the browser.

use crate::api::ApiError;
use crate::domain::Card;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "finish_card")]
pub async fn finish_card(setup_intent: Option<String>) -> Result<Card, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .payments
        .finish_card(&me.id, setup_intent.unwrap_or_default().trim())
        .await
        .map_err(ApiError::from)
}
