//! A panic inside a request (a broken invariant, never user input) becomes a logged 500 page
//! instead of a connection closed without an answer.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::any::Any;
use tower_http::catch_panic::CatchPanicLayer;

pub fn layer() -> CatchPanicLayer<fn(Box<dyn Any + Send + 'static>) -> Response> {
    CatchPanicLayer::custom(answer as fn(Box<dyn Any + Send + 'static>) -> Response)
}

fn answer(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    // the request span around this names the method and path
    tracing::error!(panic = message, "a request panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        super::error_page(
            "Something went wrong",
            "Something went wrong on our side. Please go back and try again.",
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_a_500_page() {
        let app = Router::new()
            .route(
                "/broken",
                get(|| async {
                    // what `leptos_axum::redirect` does with a header value it can't use
                    axum::http::HeaderValue::from_str("/\r\n").expect("valid header value");
                    "unreachable"
                }),
            )
            .layer(super::layer());
        let res = app
            .oneshot(Request::get("/broken").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(res.into_body(), 64 * 1024).await.unwrap();
        assert!(String::from_utf8_lossy(&body).contains("Something went wrong"));
    }
}
