//! HR adds a professional to their hub, by the professional's booking link (or its name).

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "offer_professional")]
/// `slug`: the professional's booking link, or its name.
pub async fn offer_professional(slug: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{Field, FieldErrors, SlugError};
    let me = require_user().await?;
    match state()?
        .hubs
        .offer(&me, slug.unwrap_or_default().trim().trim_end_matches('/'))
        .await
    {
        Ok(()) => {
            leptos_axum::redirect("/hr?saved=offered");
            Ok(())
        }
        // no professional's link by that name: said next to the field
        Err(crate::ports::HubError::NotFound) => {
            let mut errors = FieldErrors::default();
            errors.push(Field::Slug, SlugError::BadCharacters);
            Err(ApiError::Invalid(errors))
        }
        Err(e) => Err(ApiError::from(e)),
    }
}
