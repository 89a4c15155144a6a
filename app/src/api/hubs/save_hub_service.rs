//! HR leaves a service of an offered professional out of their hub, or sets what a session of
//! it costs in credits (blank: the hub's usual cost).

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "save_hub_service")]
pub async fn save_hub_service(
    service: Option<String>,
    offered: Option<String>,
    credits: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{Field, FieldErrors, Problem, ServiceId, ServiceTerms};
    let me = require_user().await?;
    let service = service
        .as_deref()
        .and_then(|s| ServiceId::parse(s.trim()))
        .ok_or(ApiError::NotFound)?;
    let credits = match credits.as_deref().map(str::trim).unwrap_or_default() {
        "" => None,
        raw => match raw.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                let mut errors = FieldErrors::default();
                errors.push(Field::SessionCredits, Problem::OutOfRange);
                return Err(ApiError::Invalid(errors));
            }
        },
    };
    let terms = ServiceTerms {
        offered: offered.is_some_and(|o| !o.is_empty()),
        credits,
    };
    state()?
        .hubs
        .set_service_terms(&me, &service, terms)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/hr?saved=service");
    Ok(())
}
