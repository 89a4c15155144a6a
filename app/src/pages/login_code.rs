//! /login/code: the password was right and two-step log-in is on; the code from the app (or a
//! recovery code) finishes logging in, then on to where the person was heading.

use crate::PRODUCT_NAME;
use crate::api::accounts::LogInCode;
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::{
    FormError, TextField, check_code, server_field_error, server_form_error,
};
use crate::domain::Field;
use crate::i18n::{fill, t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginCodePage() -> impl IntoView {
    let t = t();
    let next = use_query_map().with_untracked(|q| q.get("next"));
    let action = ServerAction::<LogInCode>::new();
    let value = action.value();
    let lede = fill(t.login_code_lede, &[("product", PRODUCT_NAME)]);
    view! {
        <AuthCard title=t.login_code_title>
            <p>{lede}</p>
            <ActionForm action attr:novalidate=true attr:class="stack">
                <input type="hidden" name="next" value=next/>
                <TextField
                    label=t.tf_code_label
                    field=Field::Code
                    autocomplete="one-time-code"
                    server_error=server_field_error(value, Field::Code)
                    validate=check_code
                />
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=action.pending()>
                    {t.login_code_button}
                </button>
            </ActionForm>
            <p class="switch"><a href="/login">{t.login_code_back}</a></p>
        </AuthCard>
    }
}
