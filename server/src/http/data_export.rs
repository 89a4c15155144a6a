//! `GET /account/export`: the signed-in person's data as one JSON file to keep ("take my data
//! with me"). Only ever their own: there is nothing in the request to name anyone else.

use app::api::session::user_from_headers;
use app::ports::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn download(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let user = match user_from_headers(&headers, &state).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            return (StatusCode::UNAUTHORIZED, "Log in to download your data.\n").into_response();
        }
        Err(e) => return failed(&e),
    };
    let export = match state.accounts.export(&user).await {
        Ok(export) => export,
        Err(e) => return failed(&e),
    };
    let Ok(json) = serde_json::to_vec_pretty(&export) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let file = format!(
        "attachment; filename=\"tandem-data-{}.json\"",
        export.exported_at.format("%Y-%m-%d")
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&file).expect("a date is a header value"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ],
        json,
    )
        .into_response()
}

fn failed(e: &(dyn std::error::Error + 'static)) -> Response {
    tracing::error!(error = %app::api::from_ports::chain(e), "data export failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}
