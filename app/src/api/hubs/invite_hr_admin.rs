//! An HR admin invites a colleague to help run the hub: an account is made for them, and they
//! get a link to choose its password.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "invite_hr_admin")]
pub async fn invite_hr_admin(name: Option<String>, email: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{DisplayName, Email, Field, FieldErrors};
    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let name = errors.check(
        Field::Name,
        DisplayName::parse(name.as_deref().unwrap_or_default()),
    );
    let email = errors.check(
        Field::Email,
        Email::parse(email.as_deref().unwrap_or_default()),
    );
    let (Some(name), Some(email)) = (name, email) else {
        return Err(ApiError::Invalid(errors));
    };
    state()?
        .hubs
        .invite_admin(&me, name, email)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/hr?saved=admin");
    Ok(())
}
