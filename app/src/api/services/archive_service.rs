//! A professional stops offering a service: it is no longer listed or bookable (through an
//! invitation or their link); sessions already booked with it stand.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "archive_service")]
pub async fn archive_service(id: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::ServiceId;

    let me = require_professional().await?;
    let id = id
        .filter(|i| !i.trim().is_empty())
        .map(|i| ServiceId::new(i.trim()))
        .ok_or(ApiError::NotFound)?;
    state()?
        .catalog
        .archive(&me.id, &id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/?saved=service-archived");
    Ok(())
}
