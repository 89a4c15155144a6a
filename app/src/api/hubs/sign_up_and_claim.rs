//! "Create an account to claim your credits": a visitor with an invitation makes their client
//! account, becomes a member with the hub's credits, and lands on their dashboard.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(endpoint = "sign_up_and_claim")]
pub async fn sign_up_and_claim(
    hub: Option<String>,
    invite: Option<String>,
    name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    accept_terms: Option<String>,
    timezone: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{set_session_cookie, state};
    use crate::domain::{Role, TERMS_VERSION, Timezone};
    use crate::ports::NewAccount;

    let state = state()?;
    let (hub, invite) = (hub.unwrap_or_default(), invite.unwrap_or_default());
    // an invitation that can't be used makes no account
    state
        .hubs
        .page(hub.trim(), None, Some(invite.trim()), None, None)
        .await
        .map_err(ApiError::from)?;
    let (name, email, password) =
        crate::api::accounts::account_fields(name, email, password, accept_terms)?;
    let signed_in = state
        .accounts
        .sign_up(NewAccount {
            name,
            email,
            password,
            terms_version: TERMS_VERSION,
            timezone: timezone
                .and_then(|t| Timezone::parse(&t).ok())
                .unwrap_or(Timezone::UTC),
            language: crate::i18n::use_language(),
            role: Role::Client,
        })
        .await
        .map_err(ApiError::from)?;
    set_session_cookie(&state, &signed_in);
    state
        .hubs
        .claim(&signed_in.user, hub.trim(), invite.trim())
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/?claimed=1");
    Ok(())
}
