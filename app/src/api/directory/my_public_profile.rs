//! The signed-in professional's public profile, for My profile.

use crate::api::ApiError;
use crate::domain::ProfessionalProfile;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_public_profile")]
pub async fn my_public_profile() -> Result<ProfessionalProfile, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    state()?
        .directory
        .professional(&me.id)
        .await
        .map_err(ApiError::from)?
        .ok_or(ApiError::NotFound)
}
