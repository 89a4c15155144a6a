//! A client's bills, the latest session first (a professional has none as a client).

use crate::api::ApiError;
use crate::domain::Bill;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_bills")]
pub async fn my_bills() -> Result<Vec<Bill>, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .bills
        .for_client(&me.id)
        .await
        .map_err(ApiError::from)
}
