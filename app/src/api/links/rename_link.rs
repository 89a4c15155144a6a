//! A professional renames their booking link; the old name keeps leading to it.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "rename_link")]
pub async fn rename_link(slug: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::{Field, FieldErrors, Slug};

    let me = require_professional().await?;
    let mut errors = FieldErrors::default();
    let Some(slug) = errors.check(Field::Slug, Slug::parse(&slug.unwrap_or_default())) else {
        return Err(ApiError::Invalid(errors));
    };
    state()?
        .links
        .rename(&me, &slug)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/hours?saved=link");
    Ok(())
}
