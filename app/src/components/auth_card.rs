//! The centred card around the pages of someone not (yet) signed in: log-in, sign-up, recovery.

use crate::PRODUCT_NAME;
use crate::api::accounts::ChooseLanguage;
use crate::components::action_form::ActionForm;
use crate::domain::Language;
use crate::i18n::{t, use_language};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

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
            <LanguagePicker/>
        </main>
    }
}

/// One button per other language, each named in its own language (and marked up as such).
#[component]
fn LanguagePicker() -> impl IntoView {
    let choose = ServerAction::<ChooseLanguage>::new();
    let location = use_location();
    let here = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    // every word on the page changes: render it again
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(choose.value().get(), Some(Ok(()))) {
            crate::browser::reload();
        }
    });
    let current = use_language();
    view! {
        <nav class="language-picker" aria-label=t().language_picker>
            {Language::ALL
                .into_iter()
                .filter(|l| *l != current)
                .map(|l| view! {
                    <ActionForm action=choose>
                        <input type="hidden" name="next" value=here/>
                        <input type="hidden" name="language" value=l.code()/>
                        <button type="submit" class="link-button" lang=l.code()>
                            {l.native_name()}
                        </button>
                    </ActionForm>
                })
                .collect_view()}
        </nav>
    }
}
