//! The signed-in person accepts the Terms in force, then goes on to where they were going.

use crate::api::ApiError;
use leptos::prelude::*;

/// `next` is the page they were on when they were asked.
#[server(output = crate::api::Json, endpoint = "accept_terms")]
pub async fn accept_terms(next: Option<String>) -> Result<(), ApiError> {
    use crate::api::safe_next;
    use crate::api::session::{require_user_before_terms, state};

    let me = require_user_before_terms().await?;
    state()?
        .accounts
        .accept_terms(&me.id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}
