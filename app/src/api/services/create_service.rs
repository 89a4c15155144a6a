//! A professional adds a service: name, meeting type, length and price.

use crate::api::ApiError;
use crate::domain::Service;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "create_service")]
pub async fn create_service(
    service_name: Option<String>,
    meeting_type: Option<String>,
    length: Option<String>,
    price: Option<String>,
    currency: Option<String>,
) -> Result<Service, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    let service = super::parse_service(service_name, meeting_type, length, price, currency)?;
    let created = state()?
        .catalog
        .create(&me.id, service)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/?saved=service");
    Ok(created)
}
