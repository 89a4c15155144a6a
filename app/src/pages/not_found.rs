//! Any unknown path.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <main id="main" class="auth-page">
            <div class="auth-card">
                <h1>"Page not found"</h1>
                <p>"The page you asked for doesn't exist or has moved."</p>
                <p><a href="/">"Go to your dashboard"</a></p>
            </div>
        </main>
    }
}
