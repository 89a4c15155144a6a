//! Pays a bill with a saved card (the default unless `card` names another). A plain form post
//! works without JavaScript; when the bank asks the client to confirm (3-D Secure), the page hands
//! the answer to Stripe.js.

use crate::api::ApiError;
use crate::domain::PayOutcome;
use leptos::prelude::*;

/// `js`: sent by the page once its wasm runs; a plain post without it can't show the bank's
/// check, so it is told to turn JavaScript on (nothing is charged twice meanwhile).
#[server(output = crate::api::Json, endpoint = "pay_bill")]
pub async fn pay_bill(
    id: Option<String>,
    card: Option<String>,
    js: Option<String>,
) -> Result<PayOutcome, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{BillId, CardId};

    let me = require_user().await?;
    let id = BillId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    let card = match card.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Some(CardId::parse(c).ok_or(ApiError::NotFound)?),
        None => None,
    };
    let outcome = state()?
        .payments
        .pay(&me.id, &id, card.as_ref())
        .await
        .map_err(ApiError::from)?;
    match (&outcome, js.is_some()) {
        (PayOutcome::Paid, _) => leptos_axum::redirect("/payments?saved=paid"),
        (PayOutcome::NeedsConfirmation(_), false) => {
            leptos_axum::redirect("/payments?saved=confirm-needs-js")
        }
        _ => {}
    }
    Ok(outcome)
}
