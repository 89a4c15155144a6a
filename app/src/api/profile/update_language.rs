//! Change the language of the pages and of the mail.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "update_language")]
pub async fn update_language(language: Option<String>) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{remember_language, require_user, state};
    use crate::domain::{Field, FieldErrors, Language};

    let me = require_user().await?;
    let state = state()?;
    let mut errors = FieldErrors::default();
    let Some(language) = errors.check(
        Field::Language,
        Language::parse(&language.unwrap_or_default()),
    ) else {
        return Err(ApiError::Invalid(errors));
    };
    let updated = state
        .accounts
        .set_language(&me.id, language)
        .await
        .map_err(ApiError::from)?;
    remember_language(&state, language);
    leptos_axum::redirect("/profile?saved=language");
    Ok(updated)
}
