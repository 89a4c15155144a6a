//! A client's saved cards, the default first.

use crate::api::ApiError;
use crate::domain::Card;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_cards")]
pub async fn my_cards() -> Result<Vec<Card>, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .payments
        .cards(&me.id)
        .await
        .map_err(ApiError::from)
}
