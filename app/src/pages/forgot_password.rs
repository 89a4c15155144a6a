//! /forgot-password: ask for a reset link by email.

use crate::api::accounts::RequestPasswordReset;
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::{
    FormError, TextField, check_email, server_field_error, server_form_error,
};
use crate::domain::Field;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let value = action.value();
    let pending = action.pending();
    // the plain-form path lands on ?sent=1; the hydrated one has the action's answer
    let sent_query = use_query_map().with_untracked(|q| q.get("sent").is_some());
    let sent = move || sent_query || matches!(value.get(), Some(Ok(())));
    let t = t();
    view! {
        <AuthCard title=t.forgot_title>
            <Show
                when=sent
                fallback=move || {
                    view! {
                        <p class="lede">
                            {t.forgot_lede}
                        </p>
                        <ActionForm action attr:novalidate=true attr:class="stack">
                            <TextField
                                label=t.email
                                field=Field::Email
                                kind="email"
                                autocomplete="email"
                                server_error=server_field_error(value, Field::Email)
                                validate=check_email
                            />
                            <FormError message=server_form_error(value)/>
                            <button type="submit" class="primary" disabled=pending>
                                {move || if pending.get() { t.sending } else { t.send_reset_link }}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <div class="notice" role="status">
                    <p class="empty-title">{t.check_inbox}</p>
                    <p>
                        {t.check_inbox_body}
                    </p>
                </div>
            </Show>
            <p class="switch"><a href="/login">{t.back_to_login}</a></p>
        </AuthCard>
    }
}
