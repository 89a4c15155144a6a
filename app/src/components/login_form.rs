//! The log-in form, on /login and on an invitation's link for someone who has an account.

use crate::api::accounts::LogIn;
use crate::components::action_form::ActionForm;
use crate::components::form::{
    FormError, TextField, check_email, check_login_password, server_field_error, server_form_error,
};
use crate::domain::Field;
use crate::i18n::t;
use leptos::prelude::*;

/// Email and password, then on to `next`; `email` fills in the address when we know it.
#[component]
pub fn LoginForm(next: Option<String>, #[prop(optional)] email: Option<String>) -> impl IntoView {
    let action = ServerAction::<LogIn>::new();
    let value = action.value();
    let pending = action.pending();
    let t = t();
    view! {
            <ActionForm action attr:novalidate=true attr:class="stack">
                <input type="hidden" name="next" value=next/>
                <TextField
                    label=t.email
                    field=Field::Email
                    kind="email"
                    autocomplete="username"
                    // after a refused plain post, the address typed
                    initial=email.or_else(|| crate::api::kept::kept("email")).unwrap_or_default()
                    server_error=server_field_error(value, Field::Email)
                    validate=check_email
                />
                <TextField
                    label=t.password
                    field=Field::Password
                    kind="password"
                    autocomplete="current-password"
                    server_error=server_field_error(value, Field::Password)
                    validate=check_login_password
                />
                <p class="field-help">
                    <a href="/forgot-password">{t.forgot_password_link}</a>
                </p>
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { t.logging_in } else { t.log_in }}
                </button>
            </ActionForm>
    }
}
