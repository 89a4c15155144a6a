//! What a new professional has done of their first steps: the checklist on their Home.

use crate::api::ApiError;
use crate::domain::FirstSteps;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "my_first_steps")]
pub async fn my_first_steps() -> Result<FirstSteps, ApiError> {
    use crate::api::session::{require_professional, state};

    let me = require_professional().await?;
    let state = state()?;
    let described = state
        .directory
        .professional(&me.id)
        .await
        .map_err(ApiError::from)?
        .is_some_and(|p| p.title.is_some() || p.bio.is_some());
    let hours = state
        .links
        .has_hours(&me.id)
        .await
        .map_err(ApiError::from)?;
    Ok(FirstSteps {
        profile: described || me.picture.is_some(),
        hours,
    })
}
