//! Who is signed in, for pages that show or need it.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

#[server(output = crate::api::Json, name = CurrentUserQuery, endpoint = "current_user")]
pub async fn current_user() -> Result<Option<CurrentUser>, ApiError> {
    use crate::api::session::{remember_language, state};
    use crate::i18n::use_language;

    let user = crate::api::session::current_user().await?;
    // chosen on another device since this browser last heard: render in it from the next page on
    if let Some(u) = &user
        && u.language != use_language()
    {
        remember_language(&state()?, u.language);
    }
    Ok(user)
}
