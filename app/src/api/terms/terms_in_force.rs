//! Which version of the Terms is in force, and what changed in it: public, like the Terms.

use crate::api::ApiError;
use crate::domain::TermsInForce;
use leptos::prelude::*;

#[server(output = crate::api::Json, endpoint = "terms_in_force", name = TermsInForceQuery)]
pub async fn terms_in_force() -> Result<TermsInForce, ApiError> {
    Ok(crate::api::session::state()?.terms.clone())
}
