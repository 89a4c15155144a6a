//! A database server that stops answering: requests get a plain 503 at once (a page, or `Busy`
//! to the app's calls) instead of hanging until their deadline, and a request waiting on the
//! database when it goes is answered the same way. The client library reconnects by itself; a
//! ping every second says when the database is back, and requests pass again.
//!
//! Nothing is half-written: every write is one transaction, which the database applies whole or
//! not at all, whether or not its answer reached us.

use crate::db::Db;
use app::api::ApiError;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How often the database is asked whether it is there, and how long it has to say so.
const PING_EVERY: Duration = Duration::from_secs(1);
const PING_WAIT: Duration = Duration::from_secs(2);

/// Whether the database answered its last ping. Cheap to clone.
#[derive(Clone)]
pub struct DbWatch {
    up: watch::Receiver<bool>,
}

impl DbWatch {
    /// Pings `db` every second until aborted.
    pub fn spawn(db: Db) -> (Self, JoinHandle<()>) {
        let (tell, up) = watch::channel(true);
        let task = tokio::spawn(async move {
            loop {
                let answered = matches!(
                    tokio::time::timeout(PING_WAIT, crate::db::ping(&db)).await,
                    Ok(Ok(_))
                );
                if answered != *tell.borrow() {
                    if answered {
                        tracing::info!("the database answers again");
                    } else {
                        tracing::error!("the database does not answer: requests get a 503");
                    }
                    let _ = tell.send(answered);
                }
                tokio::time::sleep(PING_EVERY).await;
            }
        });
        (Self { up }, task)
    }

    /// One that always says the database is there (an embedded one is, while we run).
    pub fn always_up() -> Self {
        let (tell, up) = watch::channel(true);
        // the sender may go: a receiver keeps the last value
        drop(tell);
        Self { up }
    }
}

/// What works without the database: the probes (a load balancer must still hear "alive"), the
/// metrics, the static files, and the SFU's signalling between servers.
fn needs_no_database(path: &str) -> bool {
    ["/healthz", "/readyz", "/metrics"].contains(&path)
        || path.starts_with("/pkg/")
        || path.starts_with("/internal/")
}

impl DbWatch {
    /// Whether the last ping was answered: requests pass only then.
    pub fn is_up(&self) -> bool {
        *self.up.borrow()
    }
}

/// Middleware: refuses at once while the database is away, and answers a request that is
/// waiting on it when it goes.
pub async fn guard(State(watch): State<DbWatch>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if needs_no_database(path) {
        return next.run(request).await;
    }
    let is_api = path.starts_with("/api/");
    if !*watch.up.borrow() {
        return unavailable(is_api);
    }
    let mut up = watch.up.clone();
    let gone = async move {
        // a watch whose pinger has stopped never calls the database gone
        if up.wait_for(|up| !*up).await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        response = next.run(request) => response,
        () = gone => unavailable(is_api),
    }
}

fn unavailable(is_api: bool) -> Response {
    let retry = [(header::RETRY_AFTER, "5")];
    if is_api {
        let body = serde_json::to_string(&ApiError::Busy).unwrap_or_default();
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            retry,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    (
        StatusCode::SERVICE_UNAVAILABLE,
        retry,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        super::error_page(
            "We'll be right back",
            "We can't reach our database just now. Anything you were saving was saved whole \
             or not at all. Please try again in a minute.",
        ),
    )
        .into_response()
}
