//! /payments (signed in): cards and bills, and a hub member's credits.

use crate::components::bill_line::BillLine;
use crate::components::billing::Billing;
use crate::components::cards_panel::CardsPanel;
use crate::components::pay_form::PayForm;
use crate::contexts::page_data::PageData;
use crate::contexts::user::UserResource;
use crate::domain::{Bill, Card, CreditKind, Credits, Role, Timezone};
use crate::i18n::{dates, fill, t};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let data = expect_context::<PageData>();
    let (bills, cards, credits) = (data.bills, data.cards, data.credits);
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
                let cards = cards.await.map(Option::unwrap_or_default);
                let bills = bills.and_then(|b| cards.map(|c| (b, c)));
                match (role, bills) {
                    (Role::Professional | Role::HrAdmin, Ok((list, _))) => {
                        EitherOf3::A(view! { <Billing bills=list zone/> })
                    }
                    (Role::Client, Ok((bills, cards))) => {
                        let credits = credits.await.ok().flatten();
                        EitherOf3::B(view! {
                            {credits.map(|c| view! { <CreditsPanel credits=c zone/> })}
                            <ClientPayments bills cards zone/>
                        })
                    }
                    (_, Err(e)) => EitherOf3::C(view! {
                        <p class="form-error" role="alert">{t.api_error(&e)}</p>
                    }),
                }
            })}
        </Suspense>
    }
}

/// A hub member's credits: what's left, and every grant, spend, refund and expiry.
#[component]
fn CreditsPanel(credits: Credits, zone: Timezone) -> impl IntoView {
    let t = t();
    let language = crate::i18n::use_language();
    let hub = format!("/hub/{}", credits.hub.slug.as_str());
    view! {
        <section class="panel" aria-labelledby="credits-heading">
            <h2 id="credits-heading">{fill(t.credits_heading, &[("company", &credits.hub.company)])}</h2>
            <p class="credit-balance" data-testid="credit-balance">
                {fill(t.credits_balance, &[("balance", &credits.balance.to_string()), ("cost", &credits.session_credits.to_string())])}
            </p>
            <p><a href=hub>{t.credits_to_hub}</a></p>
            <ul class="resource-list">
                {credits.entries.into_iter().map(|e| {
                    let what = match e.kind {
                        CreditKind::Grant => t.credit_grant,
                        CreditKind::Spend => t.credit_spend,
                        CreditKind::Refund => t.credit_refund,
                        CreditKind::Expiry => t.credit_expiry,
                    };
                    let amount = if e.amount > 0 { format!("+{}", e.amount) } else { e.amount.to_string() };
                    let until = e.expires_at.map(|x| fill(t.credit_until, &[("date", &dates::long_date(x, zone, language))]));
                    view! {
                        <li>
                            <span>{what} {until.map(|u| view! { <span class="muted">" · " {u}</span> })}</span>
                            <span class="muted">{dates::long_date(e.at, zone, language)}</span>
                            <strong>{amount}</strong>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A client's Payments: their cards, and their bills, each they owe with "Pay".
#[component]
fn ClientPayments(bills: Vec<Bill>, cards: Vec<Card>, zone: Timezone) -> impl IntoView {
    let t = t();
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    let saved_note = match saved.as_deref() {
        Some("paid") => Some(t.paid_saved),
        Some("card-added") => Some(t.card_saved),
        Some("card-removed") => Some(t.card_removed),
        Some("default-card") => Some(t.default_card_saved),
        Some("confirm-needs-js") => Some(t.pay_needs_js),
        _ => None,
    };
    view! {
        <p class="saved" role="status" hidden=saved_note.is_none()>{saved_note}</p>
        <CardsPanel cards=cards.clone()/>
        <ClientBills bills zone cards/>
    }
}

#[component]
fn ClientBills(bills: Vec<Bill>, zone: Timezone, cards: Vec<Card>) -> impl IntoView {
    let t = t();
    view! {
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
                                let pay = b.status.is_due().then(|| {
                                    let (bill, cards) = (b.clone(), cards.clone());
                                    view! { <PayForm bill cards/> }
                                });
                                view! { <BillLine b zone other>{pay}</BillLine> }
                            })
                            .collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
