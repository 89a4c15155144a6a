//! A professional saves their title, bio and languages.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "save_public_profile")]
pub async fn save_public_profile(
    title: Option<String>,
    bio: Option<String>,
    languages: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::{Bio, Field, FieldErrors, ProfessionalTitle, SpokenLanguages};

    let me = require_professional().await?;
    let mut errors = FieldErrors::default();
    let title = errors.check(
        Field::Title,
        ProfessionalTitle::parse(&title.unwrap_or_default()),
    );
    let bio = errors.check(Field::Bio, Bio::parse(&bio.unwrap_or_default()));
    let languages = errors.check(
        Field::SpokenLanguages,
        SpokenLanguages::parse(&languages.unwrap_or_default()),
    );
    let (Some(title), Some(bio), Some(languages)) = (title, bio, languages) else {
        return Err(ApiError::Invalid(errors));
    };
    state()?
        .directory
        .save_professional(&me.id, title, bio, languages)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=public-profile");
    Ok(())
}
