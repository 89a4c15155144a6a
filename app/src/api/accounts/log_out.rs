//! End the current session, on the server and in the browser.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "log_out")]
pub async fn log_out() -> Result<(), ApiError> {
    use crate::api::session::{clear_session_cookie, session_token, state};

    let state = state()?;
    if let Some(token) = session_token() {
        state
            .accounts
            .log_out(&token)
            .await
            .map_err(ApiError::from)?;
    }
    clear_session_cookie(&state);
    // a shared computer keeps nothing of the account in its cache or storage (SEC-11)
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.insert_header(
            axum::http::HeaderName::from_static("clear-site-data"),
            axum::http::HeaderValue::from_static("\"cache\", \"storage\""),
        );
    }
    leptos_axum::redirect("/login");
    Ok(())
}
