//! /confirm-email?token=…: the link mailed to a new address; one click moves the account there.

use crate::api::ApiError;
use crate::api::profile::ConfirmEmailChange;
use crate::components::auth_card::AuthCard;
use crate::components::form::FormError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmailChange>::new();
    let token = use_query_map().with_untracked(|q| q.get("token"));
    let value = action.value();
    let error = Signal::derive(move || {
        value.with(|v| match v {
            Some(Err(ApiError::EmailTaken)) => Some(
                "This address now belongs to another account, so yours was not changed.".to_owned(),
            ),
            Some(Err(e)) => Some(e.to_string()),
            _ => None,
        })
    });
    view! {
        <AuthCard title="Confirm your new email">
            <p class="lede">"Use this address for your account from now on."</p>
            // a button, not the link itself: mail scanners open links, and must not change anything
            <ActionForm action attr:class="stack">
                <input type="hidden" name="token" value=token/>
                <FormError message=error/>
                <button type="submit" class="primary" disabled=action.pending()>
                    "Confirm new email"
                </button>
            </ActionForm>
        </AuthCard>
    }
}
