//! Turns two-step log-in on with a code from the app just set up; answers the recovery codes,
//! which are shown this once.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "enable_two_factor")]
pub async fn enable_two_factor(code: Option<String>) -> Result<Vec<String>, ApiError> {
    use crate::api::session::{require_user_before_terms, state};

    let me = require_user_before_terms().await?;
    let code = super::parse_code(code)?;
    let codes = state()?
        .accounts
        .enable_two_factor(&me, &code)
        .await
        .map_err(ApiError::from)?;
    crate::api::codes_once::hand_over(&codes);
    Ok(codes)
}
