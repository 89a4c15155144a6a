//! The slot a hold keeps: what is being booked, with whom, when, and until when it is kept.
//! The hold's token is the credential.

use crate::api::ApiError;
use crate::domain::HeldSlot;
use leptos::prelude::*;

#[server(name = HeldSlotOf, endpoint = "held_slot")]
pub async fn held_slot(hold: String) -> Result<HeldSlot, ApiError> {
    use crate::api::session::state;
    state()?
        .links
        .held(hold.trim())
        .await
        .map_err(ApiError::from)
}
