//! The centred card around the pages of someone not (yet) signed in: log-in, sign-up, recovery.

use crate::PRODUCT_NAME;
use leptos::prelude::*;
use leptos_meta::Title;

/// `title` is both the document title and the page's heading.
#[component]
pub fn AuthCard(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <Title text=title/>
        <main id="main" class="auth-page">
            <div class="auth-card">
                <a class="brand" href="/">{PRODUCT_NAME}</a>
                <h1>{title}</h1>
                {children()}
            </div>
        </main>
    }
}
