//! Tandem's user interface: rendered on the server, hydrated in the browser.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "hydrate")]
pub mod browser;
pub mod components;
pub mod contexts;
pub mod domain;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;
#[cfg(feature = "hydrate")]
pub mod stripe_js;
pub mod video;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

pub const PRODUCT_NAME: &str = "Tandem";

/// Where the stylesheet is (`/pkg/tandem.<hash>.css` in a build that hashes), found once when
/// the server starts and provided to every page.
#[derive(Clone, Debug)]
pub struct Stylesheet(pub std::sync::Arc<str>);

/// The HTML document around the app; rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::use_language().code();
    let stylesheet = use_context::<Stylesheet>().map_or_else(|| "/pkg/tandem.css".into(), |s| s.0);
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=stylesheet/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    use crate::components::layout::DashboardLayout;
    use crate::pages::*;

    provide_meta_context();
    // the server provides the request's language; the browser reads what the server rendered
    #[cfg(feature = "hydrate")]
    if use_context::<domain::Language>().is_none() {
        provide_context(crate::browser::page_language());
    }
    view! {
        <Title formatter=|page: String| format!("{page} · {PRODUCT_NAME}")/>
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/login/code") view=LoginCodePage/>
                <Route path=path!("/signup") view=SignUpPage/>
                <Route path=path!("/terms") view=TermsPage ssr=SsrMode::Async/>
                <Route path=path!("/terms/accept") view=TermsAcceptPage ssr=SsrMode::Async/>
                <Route path=path!("/two-factor") view=TwoFactorSetupPage ssr=SsrMode::Async/>
                <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                <Route path=path!("/reset-password") view=ResetPasswordPage/>
                <Route path=path!("/confirm-email") view=ConfirmEmailPage/>
                <Route path=path!("/delete-account") view=DeleteAccountPage/>
                <Route path=path!("/account-deleted") view=AccountDeletedPage/>
                <Route path=path!("/join") view=JoinPage ssr=SsrMode::Async/>
                <Route path=path!("/book/confirm") view=BookConfirmPage ssr=SsrMode::Async/>
                <Route path=path!("/book/:slug") view=BookPage ssr=SsrMode::Async/>
                <Route path=path!("/hub/:slug") view=HubPageView ssr=SsrMode::Async/>
                <Route path=path!("/hub/:slug/join") view=HubJoinPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=DashboardLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=HomePage/>
                    <Route path=path!("/appointments/:id") view=AppointmentPage/>
                    <Route path=path!("/appointments/:id/join") view=RoomPage/>
                    <Route path=path!("/connections") view=ConnectionsPage/>
                    <Route path=path!("/notifications") view=NotificationsPage/>
                    <Route path=path!("/payments") view=PaymentsPage/>
                    <Route path=path!("/payments/receipts/:id") view=ReceiptPage/>
                    <Route path=path!("/profile") view=ProfilePage/>
                    <Route path=path!("/hours") view=HoursPage/>
                    <Route path=path!("/hr") view=HrPage/>
                    <Route path=path!("/calendar") view=CalendarPage/>
                    <Route path=path!("/services/:id") view=ServiceEditPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The wasm entry point: takes over the server-rendered page, then marks the body so tests (and CSS)
/// know the interactive version is live.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
