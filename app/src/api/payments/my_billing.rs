//! A professional's bills to their clients, the latest session first.

use crate::api::ApiError;
use crate::domain::Bill;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_billing")]
pub async fn my_billing() -> Result<Vec<Bill>, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?
        .bills
        .for_professional(&me.id)
        .await
        .map_err(ApiError::from)
}
