//! "Pay" on a bill the client owes: with the default card, or another saved one. A plain form post
//! that works before the wasm loads; when the bank asks the client to confirm (3-D Secure),
//! Stripe.js takes them through it and the bill is settled.

use crate::api::payments::PayBill;
use crate::components::action_form::ActionForm;
use crate::components::cards_panel::card_label;
use crate::components::form::{FormError, server_form_error};
use crate::domain::{Bill, Card};
use crate::i18n::{fill, t, use_language};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn PayForm(bill: Bill, cards: Vec<Card>) -> impl IntoView {
    let t = t();
    if cards.is_empty() {
        return Either::Left(view! { <p class="muted">{t.pay_needs_card}</p> });
    }
    let pay = ServerAction::<PayBill>::new();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let value = pay.value();
    // what the page says after "Pay", besides errors
    let note = RwSignal::new(None::<&'static str>);
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    {
        let bill_id = bill.id.as_str().to_owned();
        Effect::new(move |_| match value.get() {
            Some(Ok(crate::domain::PayOutcome::Paid)) => {
                crate::browser::go_to("/payments?saved=paid")
            }
            Some(Ok(crate::domain::PayOutcome::Processing)) => note.set(Some(t.pay_processing)),
            Some(Ok(crate::domain::PayOutcome::NeedsConfirmation(handoff))) => {
                note.set(Some(t.pay_confirming));
                confirming.set(true);
                let bill_id = bill_id.clone();
                leptos::task::spawn_local(async move {
                    let confirmed = match crate::stripe_js::StripeJs::for_handoff(&handoff).await {
                        Ok(stripe) => stripe.confirm_card_payment(&handoff.client_secret).await,
                        Err(e) => Err(e),
                    };
                    // settled either way: a failed check leaves the bill due again
                    let settled = crate::api::payments::settle_bill(Some(bill_id)).await;
                    confirming.set(false);
                    match (confirmed, settled) {
                        (_, Ok(crate::domain::BillStatus::Paid)) => {
                            crate::browser::go_to("/payments?saved=paid")
                        }
                        (Err(message), _) => {
                            note.set(None);
                            error.set(Some(message));
                        }
                        (Ok(()), Ok(_)) => note.set(Some(t.pay_processing)),
                        (Ok(()), Err(e)) => {
                            note.set(None);
                            error.set(Some(t.api_error(&e)));
                        }
                    }
                });
            }
            _ => {}
        });
    }
    // without JavaScript the answer to a 3-D Secure card is this page again, saying what to do
    #[cfg(not(feature = "hydrate"))]
    let _ = (note, confirming, error);
    let language = use_language();
    let label = fill(t.pay_button, &[("amount", &bill.amount.format(language))]);
    let id = bill.id.as_str().to_owned();
    let select_id = format!("pay-card-{id}");
    let choose = (cards.len() > 1).then(|| {
        view! {
            <label for=select_id.clone()>{t.pay_with}</label>
            <select id=select_id name="card">
                {cards
                    .iter()
                    .map(|c| {
                        let value = c.id.as_str().to_owned();
                        view! { <option value=value selected=c.is_default>{card_label(c)}</option> }
                    })
                    .collect_view()}
            </select>
        }
    });
    Either::Right(view! {
        <ActionForm action=pay attr:class="pay-form">
            <input type="hidden" name="id" value=id/>
            // only once the wasm runs (a disabled field is not sent): then 3-D Secure can be shown
            <input type="hidden" name="js" value="1" disabled=move || !hydrated.get()/>
            {choose}
            <button type="submit" disabled=move || pay.pending().get() || confirming.get()>
                {label}
            </button>
            <FormError message=server_form_error(value)/>
            <p class="muted" role="status" hidden=move || note.with(Option::is_none)>
                {move || note.get().unwrap_or_default()}
            </p>
            <p class="form-error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </p>
        </ActionForm>
    })
}
