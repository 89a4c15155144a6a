//! The link mailed to a new address confirms it is theirs and makes it the account's.

use crate::api::ApiError;
use leptos::prelude::*;

/// Opened from the link mailed to the new address; the token proves the address is theirs.
#[server(output = crate::api::Json, endpoint = "confirm_email_change")]
pub async fn confirm_email_change(token: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::state;

    let token = token.unwrap_or_default();
    if token.is_empty() || token.len() > 128 {
        return Err(ApiError::LinkExpired);
    }
    state()?
        .accounts
        .confirm_email_change(&token)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=email");
    Ok(())
}
