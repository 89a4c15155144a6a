//! How long a session may sit unused: the page warns before it ends (SEC-10).

use crate::api::ApiError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPolicy {
    /// Seconds without a request after which the server ends the session.
    pub idle_secs: u64,
}

/// The same for everyone, and no secret: it is also what the server enforces.
#[server(output = crate::api::Json, name = SessionPolicyQuery, endpoint = "session_policy")]
pub async fn session_policy() -> Result<SessionPolicy, ApiError> {
    Ok(SessionPolicy {
        idle_secs: crate::api::session::state()?.cookies.idle_secs,
    })
}
