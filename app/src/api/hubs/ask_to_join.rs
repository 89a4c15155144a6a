//! Someone with an address on the company's domains asks to join its hub: a link is mailed to
//! it. The answer is the same whatever the address, so it tells nothing about who may join.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "ask_to_join")]
pub async fn ask_to_join(hub: Option<String>, email: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::state;
    use crate::domain::{Email, Field, FieldErrors};
    let email = match Email::parse(email.as_deref().unwrap_or_default()) {
        Ok(e) => e,
        Err(e) => {
            let mut errors = FieldErrors::default();
            errors.push(Field::Email, e);
            return Err(ApiError::Invalid(errors));
        }
    };
    let hub = hub.unwrap_or_default();
    state()?
        .hubs
        .ask_to_join(hub.trim(), &email)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&format!("/hub/{}/join?asked=1", hub.trim()));
    Ok(())
}
