//! /signup: create a client account.

use super::{check_email, check_name, check_new_password};
use crate::api::ApiError;
use crate::api::accounts::SignUp;
use crate::components::auth_card::AuthCard;
use crate::components::form::{FormError, TextField, server_field_error, server_form_error};
use crate::domain::Field;
use leptos::prelude::*;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let value = action.value();
    let terms_error = server_field_error(value, Field::Terms);
    let email_taken = move || value.with(|v| matches!(v, Some(Err(ApiError::EmailTaken))));
    let pending = action.pending();
    // filled in once the wasm runs; without it the account starts on UTC
    let browser_zone = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        browser_zone.set(crate::components::browser::time_zone().unwrap_or_default());
    });
    view! {
        <AuthCard title="Create your account">
            <p class="lede">"Meet your therapist, psychologist or coach by video, all in one place."</p>
            <ActionForm action attr:novalidate=true attr:class="stack">
                <input type="hidden" name="timezone" prop:value=browser_zone/>
                <TextField
                    label="Full name"
                    field=Field::Name
                    autocomplete="name"
                    server_error=server_field_error(value, Field::Name)
                    validate=check_name
                />
                <TextField
                    label="Email"
                    field=Field::Email
                    kind="email"
                    autocomplete="email"
                    server_error=server_field_error(value, Field::Email)
                    validate=check_email
                />
                <Show when=email_taken>
                    <p class="field-help">
                        <a href="/login">"Log in instead"</a>
                        ", or choose “Forgot your password?” there to set a new one."
                    </p>
                </Show>
                <TextField
                    label="Password"
                    field=Field::Password
                    kind="password"
                    autocomplete="new-password"
                    hint="At least 12 characters. A few words you'll remember work well."
                    server_error=server_field_error(value, Field::Password)
                    validate=check_new_password
                />
                <div class="field checkbox" class:invalid=move || terms_error.get().is_some()>
                    <input
                        id="field-accept_terms"
                        type="checkbox"
                        name="accept_terms"
                        value="yes"
                        aria-describedby="field-accept_terms-error"
                        aria-invalid=move || if terms_error.get().is_some() { "true" } else { "false" }
                    />
                    <label for="field-accept_terms">
                        "I accept the "
                        <a href="/terms" target="_blank" rel="noopener">"Terms & Conditions"</a>
                    </label>
                    <p class="field-error" id="field-accept_terms-error" aria-live="polite">
                        {terms_error}
                    </p>
                </div>
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { "Creating your account…" } else { "Create account" }}
                </button>
            </ActionForm>
            <p class="switch">"Already have an account? " <a href="/login">"Log in"</a></p>
        </AuthCard>
    }
}
