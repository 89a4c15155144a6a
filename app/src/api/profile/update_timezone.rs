//! Change the time zone every date and time is shown in.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "update_timezone")]
pub async fn update_timezone(timezone: Option<String>) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{Field, FieldErrors, Timezone};

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let Some(zone) = errors.check(
        Field::Timezone,
        Timezone::parse(&timezone.unwrap_or_default()),
    ) else {
        return Err(ApiError::Invalid(errors));
    };
    let updated = state()?
        .accounts
        .set_timezone(&me.id, zone)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=timezone");
    Ok(updated)
}
