//! End the current session, on the server and in the browser.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), ApiError> {
    use crate::api::session::{clear_session_cookie, reject, session_token, state};

    let state = state()?;
    if let Some(token) = session_token() {
        state
            .accounts
            .log_out(&token)
            .await
            .map_err(|e| reject(e.into()))?;
    }
    clear_session_cookie(&state);
    leptos_axum::redirect("/login");
    Ok(())
}
