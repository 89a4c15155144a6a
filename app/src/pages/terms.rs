//! /terms: the Terms & Conditions a user accepts at sign-up.

use crate::PRODUCT_NAME;
use crate::api::terms::terms_in_force;
use crate::i18n::{dates, fill, t, use_language};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TermsPage() -> impl IntoView {
    let t = t();
    let terms = Resource::new_blocking(|| (), |()| terms_in_force());
    let language = use_language();
    let version = move || {
        Suspend::new(async move {
            terms.await.ok().map(|terms| {
                fill(
                    t.terms_version,
                    &[
                        ("version", &terms.version()),
                        ("date", &dates::long_date_of(terms.published, language)),
                    ],
                )
            })
        })
    };
    view! {
        <Title text=t.terms_title/>
        <main id="main" class="doc-page">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <h1>{t.terms_title}</h1>
            <Suspense fallback=|| ()>
                <p class="muted">{version}</p>
            </Suspense>
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
