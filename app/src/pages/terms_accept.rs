//! /terms/accept: new Terms & Conditions are in force. A signed-in person who accepted an earlier
//! version reads what changed and accepts them before going on (or logs out).

use crate::PRODUCT_NAME;
use crate::api::accounts::LogOut;
use crate::api::terms::{AcceptTerms, terms_in_force};
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, server_form_error};
use crate::domain::TermsInForce;
use crate::i18n::{dates, fill, t, use_language};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TermsAcceptPage() -> impl IntoView {
    let t = t();
    let terms = Resource::new_blocking(|| (), |()| terms_in_force());
    view! {
        <Title text=t.terms_new_title/>
        <main id="main" class="doc-page">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <h1>{t.terms_new_title}</h1>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match terms.await {
                        Ok(terms) => Either::Left(view! { <WhatChanged terms/> }),
                        Err(e) => Either::Right(view! {
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        }),
                    }
                })}
            </Suspense>
            <AcceptForm/>
        </main>
    }
}

#[component]
fn WhatChanged(terms: TermsInForce) -> impl IntoView {
    let t = t();
    let lede = fill(
        t.terms_new_lede,
        &[(
            "date",
            &dates::long_date_of(terms.published, use_language()),
        )],
    );
    view! {
        <p>{lede}</p>
        {terms.changes.map(|changes| view! {
            <h2>{t.terms_changes_heading}</h2>
            <p class="terms-changes">{changes}</p>
        })}
        <p><a href="/terms" target="_blank">{t.terms_read_full}</a></p>
    }
}

#[component]
fn AcceptForm() -> impl IntoView {
    let t = t();
    let next = use_query_map().with_untracked(|q| q.get("next").unwrap_or_else(|| "/".into()));
    let accept = ServerAction::<AcceptTerms>::new();
    let log_out = ServerAction::<LogOut>::new();
    view! {
        <ActionForm action=accept attr:class="stack narrow">
            <input type="hidden" name="next" value=next/>
            <FormError message=server_form_error(accept.value())/>
            <button type="submit" class="primary" disabled=accept.pending()>{t.terms_accept}</button>
        </ActionForm>
        <ActionForm action=log_out attr:class="inline-form">
            <button type="submit" class="link-button">{t.terms_not_now}</button>
        </ActionForm>
    }
}
