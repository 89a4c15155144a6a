//! One bill in a list: the session it is for and with whom, when, the amount, and where it
//! stands. The client's list names the professional; the professional's names the client.

use crate::domain::{Bill, BillStatus, Timezone};
use crate::i18n::{dates, fill, t, use_language};
use leptos::prelude::*;

#[component]
pub fn BillLine(
    b: Bill,
    zone: Timezone,
    /// The other side of the booking, as the reader knows them.
    other: String,
    /// What the reader can do about it ("Pay"), under the line.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let t = t();
    let language = use_language();
    let title = format!(
        "{} {}",
        b.service_name.as_str(),
        fill(t.with_name, &[("name", &other)])
    );
    let when = format!(
        "{}, {}",
        dates::long_date(b.starts_at, zone, language),
        dates::clock_time(b.starts_at, zone)
    );
    let href = format!("/appointments/{}", b.booking.as_str());
    let receipt = b.has_receipt().then(|| {
        let href = format!("/payments/receipts/{}", b.id.as_str());
        let label = format!("{} – {title}", t.receipt_link);
        view! { <a href=href aria-label=label>{t.receipt_link}</a> }
    });
    view! {
        <li>
            <a href=href><strong>{title}</strong></a>
            <span class="muted">{when}</span>
            <span>
                <span class="visually-hidden">{t.bill_amount} ": "</span>
                {b.amount.format(language)} " · "
                <BillStatusText status=b.status/>
            </span>
            {receipt}
            {children.map(|c| c())}
        </li>
    }
}

/// Where a bill stands, in plain words, marked for its colour.
#[component]
pub fn BillStatusText(status: BillStatus) -> impl IntoView {
    let class = format!("bill-status {}", status.code());
    view! { <span class=class>{t().bill_status(status)}</span> }
}
