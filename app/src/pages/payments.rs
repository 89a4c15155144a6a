//! /payments (signed in): cards and bills.

use crate::components::billing::Billing;
use crate::contexts::page_data::PageData;
use crate::contexts::user::UserResource;
use crate::domain::{Bill, Role, Timezone};
use crate::i18n::{dates, fill, t, use_language};
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
                        {bills.into_iter().map(|b| view! { <BillItem b zone/> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// One bill: the session it is for, when, the amount, and where it stands.
#[component]
fn BillItem(b: Bill, zone: Timezone) -> impl IntoView {
    let t = t();
    let language = use_language();
    let title = format!(
        "{} {}",
        b.service_name.as_str(),
        fill(t.with_name, &[("name", b.professional.name.as_str())])
    );
    let when = format!(
        "{}, {}",
        dates::long_date(b.starts_at, zone, language),
        dates::clock_time(b.starts_at, zone)
    );
    let href = format!("/appointments/{}", b.booking.as_str());
    let status_class = format!("bill-status {}", b.status.code());
    view! {
        <li>
            <a href=href><strong>{title}</strong></a>
            <span class="muted">{when}</span>
            <span>
                <span class="visually-hidden">{t.bill_amount} ": "</span>
                {b.amount.format(language)} " · "
                <span class=status_class>{t.bill_status(b.status)}</span>
            </span>
        </li>
    }
}
