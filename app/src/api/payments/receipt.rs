//! A paid bill's receipt: for its client and its professional only.

use crate::api::ApiError;
use crate::domain::Bill;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "receipt")]
pub async fn receipt(id: Option<String>) -> Result<Bill, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::BillId;

    let me = require_user().await?;
    let id = BillId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    state()?
        .bills
        .receipt(&me.id, &id)
        .await
        .map_err(ApiError::from)
}
