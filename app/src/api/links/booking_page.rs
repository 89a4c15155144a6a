//! A booking link's public page: the professional, their services, and a service's free slots.
//! Only free times are shown, never who is booked.

use crate::api::ApiError;
use crate::domain::LinkPage;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "booking_page")]
pub async fn booking_page(
    slug: String,
    service: Option<String>,
    hub: Option<String>,
) -> Result<LinkPage, ApiError> {
    use crate::api::session::state;
    use crate::domain::ServiceId;
    let service = service
        .filter(|s| !s.trim().is_empty())
        .map(|s| ServiceId::new(s.trim()));
    state()?
        .links
        .page(
            slug.trim(),
            service.as_ref(),
            hub.as_deref().map(str::trim).filter(|h| !h.is_empty()),
        )
        .await
        .map_err(ApiError::from)
}
