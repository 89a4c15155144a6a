//! The link mailed to confirm deleting an account: one click cancels the person's upcoming
//! sessions, detaches their cards at Stripe, erases the account and ends every session of it.

use crate::api::ApiError;
use leptos::prelude::*;

/// Opened from the mailed link; the token (and the password given to get it) prove it's theirs.
#[server(output = crate::api::Json, endpoint = "delete_account")]
pub async fn delete_account(token: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{clear_session_cookie, state};

    let token = token.unwrap_or_default();
    if token.is_empty() || token.len() > 128 {
        return Err(ApiError::LinkExpired);
    }
    let state = state()?;
    // a second click of the same link (or the form sent twice) finds it done, and says so
    if let Some(leaving) = state
        .accounts
        .deletion_for(&token)
        .await
        .map_err(ApiError::from)?
    {
        state
            .bookings
            .cancel_for_leaving(&leaving)
            .await
            .map_err(ApiError::from)?;
        state
            .payments
            .forget_cards(&leaving.id)
            .await
            .map_err(ApiError::from)?;
    }
    state
        .accounts
        .erase_account(&token)
        .await
        .map_err(ApiError::from)?;
    clear_session_cookie(&state);
    leptos_axum::redirect("/account-deleted");
    Ok(())
}
