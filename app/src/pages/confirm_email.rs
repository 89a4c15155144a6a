//! /confirm-email?token=…: the link mailed to a new address; one click moves the account there.

use crate::api::ApiError;
use crate::api::profile::ConfirmEmailChange;
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::FormError;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let action = ServerAction::<ConfirmEmailChange>::new();
    let token = use_query_map().with_untracked(|q| q.get("token"));
    let value = action.value();
    let t = t();
    let error = Signal::derive(move || {
        value.with(|v| match v {
            Some(Err(ApiError::EmailTaken)) => Some(t.confirm_email_taken.to_owned()),
            Some(Err(e)) => Some(t.api_error(e)),
            _ => None,
        })
    });
    view! {
        <AuthCard title=t.confirm_title>
            <p class="lede">{t.confirm_lede}</p>
            // a button, not the link itself: mail scanners open links, and must not change anything
            <ActionForm action attr:class="stack">
                <input type="hidden" name="token" value=token/>
                <FormError message=error/>
                <button type="submit" class="primary" disabled=action.pending()>
                    {t.confirm_button}
                </button>
            </ActionForm>
        </AuthCard>
    }
}
