//! /payments/receipts/:id (signed in): a paid bill's receipt, for its client or its professional;
//! printable.

use crate::contexts::page_data::PageData;
use crate::contexts::user::UserResource;
use crate::domain::{ApiError, Bill, Timezone};
use crate::i18n::{dates, t, use_language};
use chrono::{DateTime, Utc};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let receipt = expect_context::<PageData>().receipt;
    view! {
        <Title text=t.receipt_title/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let zone = match user.await {
                    Ok(Some(u)) => u.timezone,
                    _ => Timezone::UTC,
                };
                match receipt.await.and_then(|r| r.ok_or(ApiError::NotFound)) {
                    Ok(bill) => Either::Left(view! { <Receipt bill zone/> }),
                    Err(e) => Either::Right(view! {
                        <h1>{t.receipt_title}</h1>
                        <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        <p><a href="/payments">{t.back_to_payments}</a></p>
                    }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Receipt(bill: Bill, zone: Timezone) -> impl IntoView {
    let t = t();
    let language = use_language();
    let when = move |at: DateTime<Utc>| {
        format!(
            "{}, {}",
            dates::long_date(at, zone, language),
            dates::clock_time(at, zone)
        )
    };
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <article class="panel receipt" aria-labelledby="receipt-heading">
            <h1 id="receipt-heading">{t.receipt_title}</h1>
            <p class="muted">{crate::PRODUCT_NAME}</p>
            <dl>
                <dt>{t.receipt_number}</dt>
                <dd>{bill.id.as_str().to_owned()}</dd>
                <dt>{t.receipt_paid_on}</dt>
                <dd>{bill.paid_at.map(when)}</dd>
                <dt>{t.receipt_paid_to}</dt>
                <dd>{bill.professional.name.as_str().to_owned()}</dd>
                <dt>{t.receipt_client}</dt>
                <dd>{format!("{} ({})", bill.client_name.as_str(), bill.client_email.as_str())}</dd>
                <dt>{t.receipt_session}</dt>
                <dd>{format!("{}, {}", bill.service_name.as_str(), when(bill.starts_at))}</dd>
                <dt>{t.bill_amount}</dt>
                <dd>{bill.amount.format(language)}</dd>
                {bill.refunded_at.map(|at| view! {
                    <dt>{t.receipt_refunded_on}</dt>
                    <dd>{when(at)}</dd>
                })}
            </dl>
            <p class="receipt-actions">
                <button type="button" class="secondary" on:click=print hidden=move || !hydrated.get()>
                    {t.receipt_print}
                </button>
                " "
                <a href="/payments">{t.back_to_payments}</a>
            </p>
        </article>
    }
}
