//! Who opened something about the signed-in person (their access log), newest first. Only their
//! own: the log is read by the user it is about.

use crate::api::ApiError;
use crate::domain::AccessEntry;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_access_log")]
pub async fn my_access_log() -> Result<Vec<AccessEntry>, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .accounts
        .access_log(&me.id)
        .await
        .map_err(ApiError::from)
}
