//! /delete-account?token=…: the link mailed to confirm deleting an account, and
//! /account-deleted, where the person lands once it is done.

use crate::api::ApiError;
use crate::api::accounts::DeleteAccount;
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::FormError;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    let action = ServerAction::<DeleteAccount>::new();
    let token = use_query_map().with_untracked(|q| q.get("token"));
    let value = action.value();
    let t = t();
    let error = Signal::derive(move || {
        value.with(|v| match v {
            Some(Err(ApiError::LinkExpired)) => Some(t.delete_link_expired.to_owned()),
            Some(Err(e)) => Some(t.api_error(e)),
            _ => None,
        })
    });
    view! {
        <AuthCard title=t.delete_title>
            <p class="lede">{t.delete_lede}</p>
            // a button, not the link itself: mail scanners open links, and must not delete anything
            <ActionForm action attr:class="stack">
                <input type="hidden" name="token" value=token/>
                <FormError message=error/>
                <button type="submit" class="danger" disabled=action.pending()>
                    {t.delete_button}
                </button>
                <a href="/profile">{t.delete_keep}</a>
            </ActionForm>
        </AuthCard>
    }
}

#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    let t = t();
    view! {
        <AuthCard title=t.deleted_title>
            <p class="lede" role="status">{t.deleted_lede}</p>
            <a class="button" href="/" rel="external">{t.deleted_home}</a>
        </AuthCard>
    }
}
