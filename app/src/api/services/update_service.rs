//! A professional changes one of their services: name, meeting type, length and price. Sessions
//! already booked keep what they were booked with.

use crate::api::ApiError;
use crate::domain::Service;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "update_service")]
pub async fn update_service(
    id: Option<String>,
    service_name: Option<String>,
    meeting_type: Option<String>,
    length: Option<String>,
    price: Option<String>,
    currency: Option<String>,
) -> Result<Service, ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::ServiceId;

    let me = require_professional().await?;
    let id = id
        .filter(|i| !i.trim().is_empty())
        .map(|i| ServiceId::new(i.trim()))
        .ok_or(ApiError::NotFound)?;
    let service = super::parse_service(service_name, meeting_type, length, price, currency)?;
    let updated = state()?
        .catalog
        .update(&me.id, &id, service)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/?saved=service-updated");
    Ok(updated)
}
