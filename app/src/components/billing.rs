//! A professional's Payments: per client and month, what was billed, paid, owed and refunded,
//! then each bill and where it stands.

use crate::components::bill_line::BillLine;
use crate::domain::{Bill, MonthlyTotals, Timezone};
use crate::i18n::{dates, t, use_language};
use chrono::Datelike;
use leptos::prelude::*;

#[component]
pub fn Billing(bills: Vec<Bill>, zone: Timezone) -> impl IntoView {
    let t = t();
    let language = use_language();
    let totals = MonthlyTotals::of(&bills, zone);
    let mut months: Vec<chrono::NaiveDate> = totals.iter().map(|m| m.month).collect();
    months.dedup();
    view! {
        <section class="panel" aria-labelledby="billing-heading">
            <h2 id="billing-heading">{t.billing_heading}</h2>
            {if totals.is_empty() {
                view! {
                    <div class="empty-state">
                        <p class="empty-title">{t.no_billing}</p>
                        <p>{t.no_billing_body}</p>
                    </div>
                }
                .into_any()
            } else {
                months
                    .into_iter()
                    .map(|month| {
                        let title = format!(
                            "{} {}",
                            dates::month_name(month.month0(), language),
                            month.year()
                        );
                        let rows: Vec<MonthlyTotals> =
                            totals.iter().filter(|m| m.month == month).cloned().collect();
                        view! { <MonthTable title rows/> }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
        {(!bills.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="bills-heading">
                <h2 id="bills-heading">{t.bills}</h2>
                <ul class="bill-list">
                    {bills
                        .into_iter()
                        .map(|b| {
                            let other = b.client_name.as_str().to_owned();
                            view! { <BillLine b zone other/> }
                        })
                        .collect_view()}
                </ul>
            </section>
        })}
    }
}

/// One month's totals, a row per client and currency.
#[component]
fn MonthTable(title: String, rows: Vec<MonthlyTotals>) -> impl IntoView {
    let t = t();
    let language = use_language();
    let money = move |m: &MonthlyTotals, minor: i64| m.currency.format_amount(minor, language);
    view! {
        <div class="table-scroll">
            <table class="totals">
                <caption>{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.client_label}</th>
                        <th scope="col">{t.billed}</th>
                        <th scope="col">{t.bill_paid}</th>
                        <th scope="col">{t.owed}</th>
                        <th scope="col">{t.bill_refunded}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|m| view! {
                            <tr>
                                <th scope="row">
                                    {m.client_name.as_str().to_owned()}
                                    <span class="muted client-email">{m.client_email.as_str().to_owned()}</span>
                                </th>
                                <td>{money(&m, m.billed)}</td>
                                <td>{money(&m, m.paid)}</td>
                                <td>{money(&m, m.owed)}</td>
                                <td>{money(&m, m.refunded)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
