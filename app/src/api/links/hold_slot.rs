//! Anyone picks a free slot on a booking link: it is kept for them while they log in or sign up,
//! and they go on to confirm it. From a hub (`hub`, with the `invite` they came with), it is to
//! be paid with the hub's credits.

use crate::api::ApiError;
use leptos::prelude::*;

/// `starts_at` is the slot's instant (RFC 3339), as the page lists it.
#[server(output = crate::api::Json, endpoint = "hold_slot")]
pub async fn hold_slot(
    slug: Option<String>,
    service: Option<String>,
    starts_at: Option<String>,
    hub: Option<String>,
    invite: Option<String>,
) -> Result<String, ApiError> {
    use crate::api::session::state;
    use crate::domain::{Refusal, ServiceId};
    use crate::ports::HubChoice;

    let (Some(slug), Some(service)) = (slug, service) else {
        return Err(ApiError::NotFound);
    };
    let starts_at = starts_at
        .as_deref()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s.trim()).ok())
        .map(|t| t.with_timezone(&chrono::Utc))
        .ok_or(ApiError::Refused(Refusal::SlotTaken))?;
    let token = state()?
        .links
        .hold(
            slug.trim(),
            &ServiceId::new(service.trim()),
            starts_at,
            hub.filter(|h| !h.trim().is_empty())
                .map(|hub| HubChoice { hub, invite }),
        )
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&super::confirm_path(&token));
    Ok(token)
}
