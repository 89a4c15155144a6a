//! On an appointment: its bill, where it stands, and what each side can do about it (the client
//! pays it here or on Payments; the professional may waive it while it is owed).

use crate::api::payments::WaiveBill;
use crate::components::action_form::ActionForm;
use crate::components::bill_line::BillStatusText;
use crate::components::form::{FormError, server_form_error};
use crate::components::pay_form::PayForm;
use crate::domain::{Bill, Card};
use crate::i18n::{t, use_language};
use leptos::prelude::*;

#[component]
pub fn BillPanel(
    bill: Bill,
    /// The client's saved cards, to pay with.
    cards: Vec<Card>,
    viewer_is_professional: bool,
) -> impl IntoView {
    let t = t();
    let language = use_language();
    let waive = ServerAction::<WaiveBill>::new();
    let value = waive.value();
    // shown as the server now has it
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            crate::browser::go_to("?saved=waived");
        }
    });
    let due = bill.status.is_due();
    let id = bill.id.as_str().to_owned();
    view! {
        <section class="panel" aria-labelledby="bill-heading">
            <h2 id="bill-heading">{t.bill_heading}</h2>
            <p>
                {bill.amount.format(language)} " · "
                <BillStatusText status=bill.status/>
            </p>
            {(due && !viewer_is_professional).then(|| {
                let bill = bill.clone();
                view! {
                    <PayForm bill cards/>
                    <p><a href="/payments">{t.see_bills}</a></p>
                }
            })}
            {(due && viewer_is_professional).then(|| view! {
                <p class="muted">{t.waive_note}</p>
                <ActionForm action=waive>
                    <input type="hidden" name="id" value=id/>
                    <FormError message=server_form_error(value)/>
                    <button type="submit" class="secondary" disabled=waive.pending()>
                        {t.waive_button}
                    </button>
                </ActionForm>
            })}
        </section>
    }
}
