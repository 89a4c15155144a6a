//! Change the name others see.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

#[server(endpoint = "update_name")]
pub async fn update_name(name: Option<String>) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{DisplayName, Field, FieldErrors};

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let Some(name) = errors.check(Field::Name, DisplayName::parse(&name.unwrap_or_default()))
    else {
        return Err(ApiError::Invalid(errors));
    };
    let updated = state()?
        .accounts
        .rename(&me.id, &name)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=name");
    Ok(updated)
}
