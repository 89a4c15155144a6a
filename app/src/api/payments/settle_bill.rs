//! After Stripe.js asked the client to confirm with their bank: how the bill's payment ended.

use crate::api::ApiError;
use crate::domain::BillStatus;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "settle_bill")]
pub async fn settle_bill(id: Option<String>) -> Result<BillStatus, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BillId;

    let me = require_user().await?;
    let id = BillId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?
        .payments
        .settle(&me.id, &id)
        .await
        .map_err(ApiError::from)
}
