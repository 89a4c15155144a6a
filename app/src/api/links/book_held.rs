//! A signed-in client confirms the slot they hold: it is booked, and they land on it.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "book_held")]
pub async fn book_held(hold: Option<String>, pay: Option<String>) -> Result<String, ApiError> {
    use crate::api::session::{require_user, state};
    let me = require_user().await?;
    let hold = hold.unwrap_or_default();
    let booking = match state()?
        .links
        .book_held(&me, hold.trim(), pay.as_deref() == Some("credits"))
        .await
    {
        Ok(b) => b,
        Err(e) => {
            let e = ApiError::from(e);
            if e == ApiError::Refused(crate::domain::Refusal::NoCredits) {
                // the page again, saying the card pays now
                leptos_axum::redirect(&format!(
                    "{}&credits=gone",
                    super::confirm_path(hold.trim())
                ));
            }
            return Err(e);
        }
    };
    leptos_axum::redirect(&format!("/appointments/{}", booking.as_str()));
    Ok(booking.as_str().to_owned())
}
