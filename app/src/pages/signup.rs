//! /signup: create a client account; /signup?as=professional: a professional one.

use crate::api::accounts::SignUp;
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::{FormError, NewAccountErrors, NewAccountFields, server_form_error};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let value = action.value();
    let pending = action.pending();
    let professional =
        use_query_map().with_untracked(|q| q.get("as").as_deref() == Some("professional"));
    let t = t();
    let (title, lede) = if professional {
        (t.signup_pro_title, t.signup_pro_lede)
    } else {
        (t.signup_title, t.signup_lede)
    };
    view! {
        <AuthCard title=title>
            <p class="lede">{lede}</p>
            <ActionForm action attr:novalidate=true attr:class="stack">
                {professional.then(|| view! { <input type="hidden" name="role" value="professional"/> })}
                <NewAccountFields errors=NewAccountErrors::of(value) log_in="/login".to_owned()/>
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { t.creating_account } else { t.create_account }}
                </button>
            </ActionForm>
            <p class="switch">{t.have_account} <a href="/login">{t.log_in}</a></p>
            {(!professional).then(|| view! {
                <p class="switch">
                    {t.signup_pro_question}
                    // a full load: this page reads which sign-up it is once, when it is made
                    <a href="/signup?as=professional" rel="external">{t.signup_pro_link}</a>
                </p>
            })}
        </AuthCard>
    }
}
