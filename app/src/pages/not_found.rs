//! Any unknown path.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = t();
    view! {
        <Title text=t.not_found_title/>
        <main id="main" class="auth-page">
            <div class="auth-card">
                <h1>{t.not_found_title}</h1>
                <p>{t.not_found_body}</p>
                <p><a href="/">{t.not_found_link}</a></p>
            </div>
        </main>
    }
}
