//! A hub's page: the company's welcome and the professionals it offers, filtered by language
//! and kind; what the viewer may do (claim with an invitation, or their balance).

use crate::api::ApiError;
use crate::domain::HubPage;
use leptos::prelude::*;

#[server(output = crate::api::Json, name = HubPageOf, endpoint = "hub_page")]
pub async fn hub_page(
    slug: String,
    invite: Option<String>,
    language: Option<String>,
    kind: Option<String>,
) -> Result<HubPage, ApiError> {
    use crate::api::session::{current_user, state};
    let me = current_user().await?;
    state()?
        .hubs
        .page(
            slug.trim(),
            me.as_ref(),
            invite.as_deref(),
            language.as_deref(),
            kind.as_deref(),
        )
        .await
        .map_err(ApiError::from)
}
