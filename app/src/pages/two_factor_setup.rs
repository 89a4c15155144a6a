//! /two-factor: a professional or HR admin whose account must log in in two steps sets it up
//! here before anything else, then goes on to where they were heading.

use crate::PRODUCT_NAME;
use crate::api::two_factor::two_factor_status;
use crate::components::two_factor_panel::TwoFactorPanel;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TwoFactorSetupPage() -> impl IntoView {
    let t = t();
    let next = use_query_map().with_untracked(|q| crate::api::safe_next(q.get("next").as_deref()));
    let status = Resource::new_blocking(|| (), |()| async { two_factor_status().await.map(Some) });
    view! {
        <Title text=t.tf_heading/>
        <main id="main" class="doc-page">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <h1>{t.tf_heading}</h1>
            <p class="notice">{t.tf_required}</p>
            <TwoFactorPanel status continue_to=next/>
        </main>
    }
}
