//! /login: log in, then go back where you were heading.

use crate::components::auth_card::AuthCard;
use crate::components::login_form::LoginForm;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let (next, idle) = use_query_map()
        .with_untracked(|q| (q.get("next"), q.get("reason").as_deref() == Some("idle")));
    let t = t();
    view! {
        <AuthCard title=t.login_title>
            <Show when=move || idle>
                <p class="notice" role="status">{t.logged_out_idle}</p>
            </Show>
            <LoginForm next/>
            <p class="switch">{t.new_here} <a href="/signup">{t.create_account_link}</a></p>
        </AuthCard>
    }
}
