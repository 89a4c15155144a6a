//! The one place an `ApiError` gets its HTTP status. A server function that returns an error is
//! answered 500 by Leptos, with the error as JSON; this reads the error back and gives the answer
//! `ApiError::status()` (a body that could not even be decoded is the caller's mistake: 400).
//! A plain HTML form post is answered with a redirect back to its page instead, and passes
//! untouched, as does anything that is not an `ApiError`.

use app::api::ApiError;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// Error bodies are a few hundred bytes; anything larger is passed on as it is.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn apply(request: Request<Body>, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<ApiError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::routing::post;
    use tower::ServiceExt;

    async fn status_of(answer: &'static str) -> StatusCode {
        let app = Router::new()
            .route(
                "/api/thing",
                post(move || async move { (StatusCode::INTERNAL_SERVER_ERROR, answer) }),
            )
            .layer(axum::middleware::from_fn(apply));
        app.oneshot(Request::post("/api/thing").body(Body::empty()).unwrap())
            .await
            .unwrap()
            .status()
    }

    #[tokio::test]
    async fn each_error_gets_its_own_status() {
        assert_eq!(status_of(r#""NotFound""#).await, StatusCode::NOT_FOUND);
        assert_eq!(
            status_of(r#""Unauthenticated""#).await,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            status_of(r#"{"Refused":"Closed"}"#).await,
            StatusCode::CONFLICT
        );
        assert_eq!(
            status_of(r#"{"Request":"bad form"}"#).await,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status_of(r#""Internal""#).await,
            StatusCode::INTERNAL_SERVER_ERROR
        );
        // not one of ours: left as it was
        assert_eq!(status_of("oops").await, StatusCode::INTERNAL_SERVER_ERROR);
    }
}
