//! HR invites employees: a pasted list of addresses or the text of a CSV file; each gets a link
//! to claim the hub's credits.

use crate::api::ApiError;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "invite_employees")]
pub async fn invite_employees(emails: Option<String>) -> Result<usize, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{
        EmailError, Field, FieldErrors, MOST_INVITES, Problem, parse_address_list,
    };
    let me = require_user().await?;
    let (good, bad) = parse_address_list(emails.as_deref().unwrap_or_default());
    let mut errors = FieldErrors::default();
    if !bad.is_empty() {
        errors.push(Field::Emails, Problem::Email(EmailError::Malformed));
    } else if good.is_empty() || good.len() > MOST_INVITES {
        errors.push(Field::Emails, Problem::Missing);
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let sent = state()?
        .hubs
        .invite(&me, good)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect(&format!("/hr?invited={sent}"));
    Ok(sent)
}
