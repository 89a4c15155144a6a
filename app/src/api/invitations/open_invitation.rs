//! What a join link leads to; binds the booking to its invitee when signed in.

use crate::api::ApiError;
use crate::domain::Invitation;
use leptos::prelude::*;

/// Public: the token is the credential. Binds the booking to the signed-in user when they are
/// the invitee.
#[server(output = crate::api::Json, endpoint = "open_invitation")]
pub async fn open_invitation(token: Option<String>) -> Result<Invitation, ApiError> {
    use crate::api::session::{current_user, state};

    let me = current_user().await?;
    state()?
        .bookings
        .open_invitation(token.unwrap_or_default().trim(), me.as_ref())
        .await
        .map_err(ApiError::from)
}
