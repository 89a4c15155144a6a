//! /reset-password?token=…: choose a new password from the emailed link.

use crate::api::ApiError;
use crate::api::accounts::ResetPassword;
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::{
    FormError, TextField, check_new_password, server_field_error, server_form_error,
};
use crate::domain::Field;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let value = action.value();
    let pending = action.pending();
    let token = use_query_map().with_untracked(|q| q.get("token"));
    let expired = move || value.with(|v| matches!(v, Some(Err(ApiError::LinkExpired))));
    let t = t();
    view! {
        <AuthCard title=t.reset_title>
            <ActionForm action attr:novalidate=true attr:class="stack">
                <input type="hidden" name="token" value=token/>
                <TextField
                    label=t.new_password
                    field=Field::Password
                    kind="password"
                    autocomplete="new-password"
                    hint=t.reset_password_hint
                    server_error=server_field_error(value, Field::Password)
                    validate=check_new_password
                />
                <FormError message=server_form_error(value)/>
                <Show when=expired>
                    <p class="field-help">
                        <a href="/forgot-password">{t.send_new_link}</a>
                    </p>
                </Show>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { t.saving } else { t.save_and_log_in }}
                </button>
            </ActionForm>
        </AuthCard>
    }
}
