//! The signed-in professional's services.

use crate::api::ApiError;
use crate::domain::Service;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_services")]
pub async fn my_services() -> Result<Vec<Service>, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?.catalog.list(&me.id).await.map_err(ApiError::from)
}
