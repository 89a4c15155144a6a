//! /terms: the Terms & Conditions a user accepts at sign-up.

use crate::PRODUCT_NAME;
use crate::domain::{TERMS_UPDATED, TERMS_VERSION};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TermsPage() -> impl IntoView {
    view! {
        <Title text="Terms & Conditions"/>
        <main id="main" class="doc-page">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <h1>"Terms & Conditions"</h1>
            <p class="muted">"Version " {TERMS_VERSION} ", last updated " {TERMS_UPDATED} "."</p>
            <h2>"1. What " {PRODUCT_NAME} " is"</h2>
            <p>{PRODUCT_NAME} " connects clients with independent professionals (therapists, psychologists, counsellors and coaches) for sessions by video. The professional, not " {PRODUCT_NAME} ", is responsible for the care or coaching they provide."</p>
            <h2>"2. Not for emergencies"</h2>
            <p>"If you or someone else is in danger, call your local emergency number. " {PRODUCT_NAME} " is not an emergency service."</p>
            <h2>"3. Your account"</h2>
            <p>"Give your real name and an email address you can read. Keep your password to yourself; you are responsible for what happens under your account. Tell us at once if you think someone else has used it."</p>
            <h2>"4. Your data"</h2>
            <p>"We keep what you tell us to run the service: your account details, your appointments and your payments. Session video and audio travel through our servers to the other participant and are never recorded. We do not sell your data and do not show you advertising."</p>
            <h2>"5. Payments and cancellations"</h2>
            <p>"Prices are shown before you book. Card details are handled by our payment processor and never reach our servers. Each professional sets their own cancellation terms, which are shown with the appointment."</p>
            <h2>"6. Acceptable use"</h2>
            <p>"Treat professionals and other users with respect. Don't record sessions without everyone's consent, and don't try to break or misuse the service."</p>
            <h2>"7. Changes"</h2>
            <p>"When these terms change materially we will tell you and ask you to accept the new version."</p>
            <p><a href="/signup">"Back to creating your account"</a></p>
        </main>
    }
}
