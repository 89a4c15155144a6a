//! The language picker on pages for people not signed in (signed-in people choose on My profile).

use crate::api::ApiError;
use leptos::prelude::*;

/// Remembers `language` for this browser and goes back to `next`.
#[server(output = crate::api::Json, endpoint = "choose_language")]
pub async fn choose_language(
    language: Option<String>,
    next: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::safe_next;
    use crate::api::session::{remember_language, state};
    use crate::domain::{Field, FieldErrors, Language};

    let mut errors = FieldErrors::default();
    let Some(language) = errors.check(
        Field::Language,
        Language::parse(&language.unwrap_or_default()),
    ) else {
        return Err(ApiError::Invalid(errors));
    };
    remember_language(&state()?, language);
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}
