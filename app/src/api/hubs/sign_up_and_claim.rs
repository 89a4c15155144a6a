//! "Create an account to claim your credits": a visitor with an invitation makes their client
//! account, becomes a member with the hub's credits, and lands on their dashboard.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "sign_up_and_claim")]
pub async fn sign_up_and_claim(
    hub: Option<String>,
    invite: Option<String>,
    name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    accept_terms: Option<String>,
    timezone: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::accounts::{SignUpForm, create_account};
    use crate::api::session::state;
    use crate::domain::Role;

    let state = state()?;
    let (hub, invite) = (hub.unwrap_or_default(), invite.unwrap_or_default());
    // an invitation that can't be used makes no account
    state
        .hubs
        .page(hub.trim(), None, Some(invite.trim()), None, None)
        .await
        .map_err(ApiError::from)?;
    let form = SignUpForm {
        name,
        email,
        password,
        accept_terms,
        timezone,
    };
    let signed_in = create_account(&state, form, Role::Client).await?;
    state
        .hubs
        .claim(&signed_in.user, hub.trim(), invite.trim())
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/?claimed=1");
    Ok(())
}
