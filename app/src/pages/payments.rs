//! /payments (signed in): cards and bills.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PaymentsPage() -> impl IntoView {
    view! {
        <Title text="Payments"/>
        <h1>"Payments"</h1>
        <section class="panel" aria-labelledby="cards-heading">
            <h2 id="cards-heading">"Cards"</h2>
            <div class="empty-state">
                <p class="empty-title">"No saved cards"</p>
                <p>"Adding a card becomes possible once a professional bills you for a session."</p>
            </div>
        </section>
        <section class="panel" aria-labelledby="bills-heading">
            <h2 id="bills-heading">"Bills"</h2>
            <div class="empty-state">
                <p class="empty-title">"No bills yet"</p>
            </div>
        </section>
    }
}
