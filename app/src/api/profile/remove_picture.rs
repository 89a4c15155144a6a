//! Remove the signed-in person's picture.

use crate::api::ApiError;
use leptos::prelude::*;

/// The upload itself is a multipart form handled outside server functions (it streams a file and
/// reports progress); removing needs nothing but the signed-in user.
#[server(output = crate::api::Json, endpoint = "remove_picture")]
pub async fn remove_picture() -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .pictures
        .remove(&me.id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=picture-removed");
    Ok(())
}
