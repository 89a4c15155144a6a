//! Whether two-step log-in is on for the signed-in person (and a set-up under way, if any; and
//! the recovery codes a plain form post just made, once).

use crate::api::ApiError;
use crate::domain::TwoFactorStatus;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "two_factor_status", name = TwoFactorStatusQuery)]
pub async fn two_factor_status() -> Result<TwoFactorStatus, ApiError> {
    use crate::api::session::{require_user_before_terms, state};

    let me = require_user_before_terms().await?;
    let mut status = state()?
        .accounts
        .two_factor(&me)
        .await
        .map_err(ApiError::from)?;
    status.fresh_codes = crate::api::codes_once::take();
    Ok(status)
}
