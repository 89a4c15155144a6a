//! HR changes their hub's welcome, credit policy and email domains.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "save_hub_settings")]
pub async fn save_hub_settings(
    welcome: Option<String>,
    credits_per_period: Option<String>,
    period_months: Option<String>,
    session_credits: Option<String>,
    domains: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{CreditPolicy, Field, FieldErrors, HubSettings, Problem, parse_domains};
    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let mut number = |field: Field, raw: Option<String>| -> u32 {
        match raw
            .as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .parse::<u32>()
        {
            Ok(n) => n,
            Err(_) => {
                errors.push(field, Problem::OutOfRange);
                0
            }
        }
    };
    let policy = CreditPolicy {
        credits_per_period: number(Field::Credits, credits_per_period),
        period_months: number(Field::Period, period_months),
        session_credits: number(Field::SessionCredits, session_credits),
    };
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    state()?
        .hubs
        .save_settings(
            &me,
            HubSettings {
                welcome: welcome.unwrap_or_default().trim().to_owned(),
                policy,
                domains: parse_domains(&domains.unwrap_or_default()),
            },
        )
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/hr?saved=settings");
    Ok(())
}
