//! The slot a hold keeps: what is being booked, with whom, when, and until when it is kept.
//! The hold's token is the credential.

use crate::api::ApiError;
use crate::domain::HeldSlot;
use leptos::prelude::*;

#[server(output = crate::api::Json, name = HeldSlotOf, endpoint = "held_slot")]
pub async fn held_slot(hold: String) -> Result<HeldSlot, ApiError> {
    use crate::api::session::{current_user, state};
    let me = current_user().await?;
    state()?
        .links
        .held(hold.trim(), me.as_ref().map(|u| &u.id))
        .await
        .map_err(ApiError::from)
}
