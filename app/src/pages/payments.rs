//! /payments (signed in): cards and bills.

use crate::components::bill_line::BillLine;
use crate::components::billing::Billing;
use crate::contexts::page_data::PageData;
use crate::contexts::user::UserResource;
use crate::domain::{Bill, Role, Timezone};
use crate::i18n::t;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let bills = expect_context::<PageData>().bills;
    view! {
        <Title text=t.payments_title/>
        <h1>{t.payments_title}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (zone, role) = match user.await {
                    Ok(Some(u)) => (u.timezone, u.role),
                    _ => (Timezone::UTC, Role::Client),
                };
                let bills = bills.await.map(Option::unwrap_or_default);
                match (role, bills) {
                    (Role::Professional, Ok(list)) => {
                        EitherOf3::A(view! { <Billing bills=list zone/> })
                    }
                    (Role::Client, Ok(list)) => EitherOf3::B(view! { <ClientPayments bills=list zone/> }),
                    (_, Err(e)) => EitherOf3::C(view! {
                        <p class="form-error" role="alert">{t.api_error(&e)}</p>
                    }),
                }
            })}
        </Suspense>
    }
}

/// A client's Payments: their cards, and their bills.
#[component]
fn ClientPayments(bills: Vec<Bill>, zone: Timezone) -> impl IntoView {
    let t = t();
    view! {
        <section class="panel" aria-labelledby="cards-heading">
            <h2 id="cards-heading">{t.cards}</h2>
            <div class="empty-state">
                <p class="empty-title">{t.no_cards}</p>
                <p>{t.no_cards_body}</p>
            </div>
        </section>
        <section class="panel" aria-labelledby="bills-heading">
            <h2 id="bills-heading">{t.bills}</h2>
            {if bills.is_empty() {
                Either::Left(view! {
                    <div class="empty-state">
                        <p class="empty-title">{t.no_bills}</p>
                        <p>{t.no_bills_body}</p>
                    </div>
                })
            } else {
                Either::Right(view! {
                    <ul class="bill-list">
                        {bills
                            .into_iter()
                            .map(|b| {
                                let other = b.professional.name.as_str().to_owned();
                                view! { <BillLine b zone other/> }
                            })
                            .collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
