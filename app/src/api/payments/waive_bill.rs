//! A professional lets a bill of theirs go, while the client still owes it.

use crate::api::ApiError;
use crate::domain::Bill;
use leptos::prelude::*;

/// Back on the appointment the bill is for.
#[server(output = crate::api::Json, endpoint = "waive_bill")]
pub async fn waive_bill(id: Option<String>) -> Result<Bill, ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::BillId;

    let me = require_professional().await?;
    let id = BillId::parse(&id.unwrap_or_default()).ok_or(ApiError::NotFound)?;
    let waived = state()?
        .bills
        .waive(&me.id, &id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&format!(
        "/appointments/{}?saved=waived",
        waived.booking.as_str()
    ));
    Ok(waived)
}
