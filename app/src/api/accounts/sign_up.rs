//! Create a client account and start its first session.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

/// `accept_terms` is a checkbox: present when ticked, absent otherwise. `timezone` is filled in by
/// the browser. `role` is `professional` from the professional sign-up page. A missing text field
/// counts as empty, so it gets a message next to it rather than a failed request.
#[server(output = crate::api::Json, endpoint = "sign_up")]
pub async fn sign_up(
    name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    accept_terms: Option<String>,
    timezone: Option<String>,
    role: Option<String>,
) -> Result<CurrentUser, ApiError> {
    use crate::api::session::state;
    use crate::domain::Role;

    let form = super::SignUpForm {
        name,
        email,
        password,
        accept_terms,
        timezone,
    };
    // the professional sign-up page says so; anything else is a client
    let role = match role.as_deref() {
        Some("professional") => Role::Professional,
        _ => Role::Client,
    };
    let signed_in = super::create_account(&state()?, form, role).await?;
    leptos_axum::redirect("/");
    Ok(signed_in.user)
}
