//! /terms: the Terms & Conditions a user accepts at sign-up.

use crate::PRODUCT_NAME;
use crate::domain::{TERMS_UPDATED, TERMS_VERSION};
use crate::i18n::{fill, t};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TermsPage() -> impl IntoView {
    let t = t();
    let version = fill(
        t.terms_version,
        &[("version", TERMS_VERSION), ("date", TERMS_UPDATED)],
    );
    view! {
        <Title text=t.terms_title/>
        <main id="main" class="doc-page">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <h1>{t.terms_title}</h1>
            <p class="muted">{version}</p>
            {t
                .terms_sections
                .iter()
                .map(|(heading, body)| view! {
                    <h2>{*heading}</h2>
                    <p>{*body}</p>
                })
                .collect_view()}
            <p><a href="/signup">{t.terms_back}</a></p>
        </main>
    }
}
