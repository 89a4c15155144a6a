//! Probes for a load balancer or an orchestrator: `/healthz` (the process answers: restart it if
//! not) and `/readyz` (send it traffic: the database answers with the schema this build expects,
//! and the SFU's loop runs).

use crate::db::Db;
use crate::sfu::SfuHandle;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// How long each check may take before it counts as failed.
const CHECK_WAIT: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct Probes {
    pub db: Db,
    pub sfu: SfuHandle,
    /// Whether requests are let through to the database (see `db_watch`).
    pub db_watch: super::db_watch::DbWatch,
}

/// Liveness: the process serves requests.
pub async fn live() -> &'static str {
    "ok"
}

/// Readiness: 200 with each check's result when all pass, 503 naming what failed otherwise.
pub async fn ready(State(probes): State<Probes>) -> Response {
    let database = if !probes.db_watch.is_up() {
        Err("unreachable".to_owned())
    } else {
        match tokio::time::timeout(CHECK_WAIT, crate::db::migrations::pending(&probes.db)).await {
            Ok(Ok(0)) => Ok(()),
            Ok(Ok(n)) => Err(format!("{n} migrations not applied")),
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "readiness: the database failed");
                Err("unreachable".to_owned())
            }
            Err(_) => Err(format!("no answer within {CHECK_WAIT:?}")),
        }
    };
    let sfu = if probes.sfu.alive(CHECK_WAIT).await {
        Ok(())
    } else {
        Err("the media loop does not answer".to_owned())
    };
    let ready = database.is_ok() && sfu.is_ok();
    let show = |r: &Result<(), String>| match r {
        Ok(()) => "\"ok\"".to_owned(),
        Err(e) => serde_json::Value::String(e.clone()).to_string(),
    };
    let body = format!(
        "{{\"ready\":{ready},\"database\":{},\"sfu\":{}}}",
        show(&database),
        show(&sfu)
    );
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}
