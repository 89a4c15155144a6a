//! /reset-password?token=…: choose a new password from the emailed link.

use super::check_new_password;
use crate::api::ApiError;
use crate::api::accounts::ResetPassword;
use crate::components::auth_card::AuthCard;
use crate::components::form::{FormError, TextField, server_field_error, server_form_error};
use crate::domain::Field;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let value = action.value();
    let pending = action.pending();
    let token = use_query_map().with_untracked(|q| q.get("token"));
    let expired = move || value.with(|v| matches!(v, Some(Err(ApiError::LinkExpired))));
    view! {
        <AuthCard title="Choose a new password">
            <ActionForm action attr:novalidate=true attr:class="stack">
                <input type="hidden" name="token" value=token/>
                <TextField
                    label="New password"
                    field=Field::Password
                    kind="password"
                    autocomplete="new-password"
                    hint="At least 12 characters. You'll be logged out everywhere else."
                    server_error=server_field_error(value, Field::Password)
                    validate=check_new_password
                />
                <FormError message=server_form_error(value)/>
                <Show when=expired>
                    <p class="field-help">
                        <a href="/forgot-password">"Send me a new link"</a>
                    </p>
                </Show>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { "Saving…" } else { "Save and log in" }}
                </button>
            </ActionForm>
        </AuthCard>
    }
}
