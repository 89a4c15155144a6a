//! Create a client account and start its first session.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

/// `accept_terms` is a checkbox: present when ticked, absent otherwise. `timezone` is filled in by
/// the browser. `role` is `professional` from the professional sign-up page. A missing text field
/// counts as empty, so it gets a message next to it rather than a failed request.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    accept_terms: Option<String>,
    timezone: Option<String>,
    role: Option<String>,
) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{set_session_cookie, state};
    use crate::domain::{TERMS_VERSION, Timezone};
    use crate::ports::NewAccount;

    let state = state()?;
    let (name, email, password) = super::account_fields(name, email, password, accept_terms)?;

    let signed_in = state
        .accounts
        .sign_up(NewAccount {
            name,
            email,
            password,
            terms_version: TERMS_VERSION,
            // the browser's zone when the wasm could tell us; UTC until the person picks one
            timezone: timezone
                .and_then(|t| Timezone::parse(&t).ok())
                .unwrap_or(Timezone::UTC),
            // the language the sign-up page was shown in
            language: crate::i18n::use_language(),
            // the professional sign-up page says so; anything else is a client
            role: match role.as_deref() {
                Some("professional") => crate::domain::Role::Professional,
                _ => crate::domain::Role::Client,
            },
        })
        .await
        .map_err(ApiError::from)?;
    set_session_cookie(&state, &signed_in);
    leptos_axum::redirect("/");
    Ok(signed_in.user)
}
