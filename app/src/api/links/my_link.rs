//! A professional's own booking link: its name, their hours and rules, and the slots they leave.

use crate::api::ApiError;
use crate::domain::LinkSettings;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_link")]
pub async fn my_link() -> Result<LinkSettings, ApiError> {
    use crate::api::session::{require_professional, state};
    let me = require_professional().await?;
    state()?.links.settings(&me).await.map_err(ApiError::from)
}
