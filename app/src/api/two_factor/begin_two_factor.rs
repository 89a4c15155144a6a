//! Starts setting up an authenticator app: a new secret, shown on My profile as a QR code and as
//! a key to type in, until a code from the app turns it on.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "begin_two_factor")]
pub async fn begin_two_factor() -> Result<(), ApiError> {
    use crate::api::session::{require_user_before_terms, state};

    let me = require_user_before_terms().await?;
    state()?
        .accounts
        .begin_two_factor(&me)
        .await
        .map_err(ApiError::from)?;
    // a plain form post goes back to the page it came from (My profile, or /two-factor), which
    // now shows the set-up
    Ok(())
}
