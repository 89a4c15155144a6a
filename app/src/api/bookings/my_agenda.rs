//! A client's Home: their upcoming and past appointments.

use crate::api::ApiError;
use crate::domain::Agenda;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_agenda")]
pub async fn my_agenda() -> Result<Agenda, ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .bookings
        .agenda(&me.id)
        .await
        .map_err(ApiError::from)
}
