//! Change the name others see, and what the person is called in greetings.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

/// `preferred_name` left empty: greetings use the first name.
#[server(output = crate::api::Json, endpoint = "update_name")]
pub async fn update_name(
    name: Option<String>,
    preferred_name: Option<String>,
) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{DisplayName, Field, FieldErrors};

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let name = errors.check(Field::Name, DisplayName::parse(&name.unwrap_or_default()));
    let preferred = preferred_name.filter(|p| !p.trim().is_empty());
    let preferred = match preferred {
        Some(p) => errors
            .check(Field::PreferredName, DisplayName::parse(&p))
            .map(Some),
        None => Some(None),
    };
    let (Some(name), Some(preferred)) = (name, preferred) else {
        return Err(ApiError::Invalid(errors));
    };
    let updated = state()?
        .accounts
        .rename(&me.id, &name, preferred.as_ref())
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=name");
    Ok(updated)
}
