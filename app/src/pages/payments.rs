//! /payments (signed in): cards and bills.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=t.payments_title/>
        <h1>{t.payments_title}</h1>
        <section class="panel" aria-labelledby="cards-heading">
            <h2 id="cards-heading">{t.cards}</h2>
            <div class="empty-state">
                <p class="empty-title">{t.no_cards}</p>
                <p>{t.no_cards_body}</p>
            </div>
        </section>
        <section class="panel" aria-labelledby="bills-heading">
            <h2 id="bills-heading">{t.bills}</h2>
            <div class="empty-state">
                <p class="empty-title">{t.no_bills}</p>
            </div>
        </section>
    }
}
