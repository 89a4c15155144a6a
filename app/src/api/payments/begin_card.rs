//! Starts adding a card: what Stripe.js needs to take the card's details straight to Stripe.

use crate::api::ApiError;
use crate::domain::StripeHandoff;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "begin_card")]
pub async fn begin_card() -> Result<StripeHandoff, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .payments
        .begin_card(&me.id)
        .await
        .map_err(ApiError::from)
}
