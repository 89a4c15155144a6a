//! HR's dashboard: their company's hub only.

use crate::api::ApiError;
use crate::domain::HrDashboard;
use leptos::prelude::*;

#[server(output = crate::api::Json, name = HrDashboardOf, endpoint = "hr_dashboard")]
pub async fn hr_dashboard() -> Result<HrDashboard, ApiError> {
    use crate::api::session::{require_user, state};
    let me = require_user().await?;
    state()?.hubs.dashboard(&me).await.map_err(ApiError::from)
}
