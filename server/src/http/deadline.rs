//! Every request gets a deadline: a handler still working when it passes is answered with a 503
//! page and logged with its route, and a response body that stops moving is cut off, so no
//! visitor (or test) waits for ever on something that went wrong inside.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tower_http::timeout::TimeoutBody;

#[derive(Clone, Copy, Debug)]
pub struct Deadline(pub Duration);

pub async fn apply(
    State(Deadline(limit)): State<Deadline>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(limit, next.run(request)).await {
        // the same limit again for each piece of the body: a stream that stalls errors out
        Ok(response) => response.map(|body| Body::new(TimeoutBody::new(limit, body))),
        Err(_) => {
            tracing::warn!(%method, %path, limit_ms = limit.as_millis() as u64, "request took too long");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::RETRY_AFTER, "5"),
                ],
                super::error_page(
                    "This took too long",
                    "We could not answer in time. Please try again in a moment.",
                ),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::to_bytes;
    use axum::middleware::from_fn_with_state;
    use axum::routing::get;
    use tower::ServiceExt;

    fn app(limit: Duration) -> Router {
        Router::new()
            .route("/quick", get(|| async { "done" }))
            .route(
                "/stuck",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    "never"
                }),
            )
            .route(
                "/stalls",
                get(|| async {
                    // headers at once, then a body that never finishes
                    let stream = futures_util::stream::pending::<Result<Vec<u8>, std::io::Error>>();
                    Body::from_stream(stream)
                }),
            )
            .layer(from_fn_with_state(Deadline(limit), apply))
    }

    async fn get_path(app: Router, path: &str) -> Response {
        app.oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    // real time, short deadlines: a paused clock needs tokio's test-util, which would give the
    // tests' build its own copy of every crate that uses tokio

    #[tokio::test]
    async fn a_quick_answer_passes_untouched() {
        let res = get_path(app(Duration::from_secs(30)), "/quick").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(to_bytes(res.into_body(), 1024).await.unwrap(), "done");
    }

    #[tokio::test]
    async fn a_handler_past_the_deadline_gets_a_503_page() {
        let res = get_path(app(Duration::from_millis(200)), "/stuck").await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = to_bytes(res.into_body(), 64 * 1024).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains("try again"));
    }

    #[tokio::test]
    async fn a_body_that_stops_moving_is_cut_off() {
        let res = get_path(app(Duration::from_millis(200)), "/stalls").await;
        assert_eq!(res.status(), StatusCode::OK);
        let read = tokio::time::timeout(Duration::from_secs(120), to_bytes(res.into_body(), 1024));
        assert!(read.await.expect("the body ends by the deadline").is_err());
    }
}
