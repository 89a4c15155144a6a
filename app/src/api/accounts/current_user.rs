//! Who is signed in, for pages that show or need it.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

#[server(name = CurrentUserQuery, endpoint = "current_user")]
pub async fn current_user() -> Result<Option<CurrentUser>, ApiError> {
    crate::api::session::current_user().await
}
