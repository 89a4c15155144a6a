//! `POST /profile/picture` (upload) and `GET /media/pictures/{id}` (download); a company's
//! logo: `POST /hr/logo` (its HR admins) and `GET /media/logos/{key}` (anyone: its hub shows it).
//!
//! The upload is a plain multipart form, so it works before the wasm loads: a browser without
//! JavaScript is redirected back to the profile page; the page's script asks for JSON instead and
//! shows upload progress meanwhile.

use app::api::session::user_from_headers;
use app::domain::{PICTURE_MAX_BYTES, PictureError, PictureId};
use app::ports::{AppState, HubError, PicturesError};
use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// The file field's name in the form.
pub const FIELD: &str = "picture";
/// Room for the multipart framing around the file.
pub const BODY_LIMIT: usize = PICTURE_MAX_BYTES as usize + 64 * 1024;

pub async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let json = wants_json(&headers);
    let user = match user_from_headers(&headers, &state).await {
        Ok(Some(user)) => user,
        Ok(None) if json => return StatusCode::UNAUTHORIZED.into_response(),
        Ok(None) => return Redirect::to("/login?next=/profile").into_response(),
        Err(e) => return internal(e),
    };
    let upload = match multipart {
        Ok(m) => read_file(m, FIELD).await,
        Err(_) => Err(PictureError::Missing),
    };
    let result = match upload {
        Ok(bytes) => state.pictures.replace(&user.id, bytes).await,
        Err(e) => Err(PicturesError::Rejected(e)),
    };
    match (result, json) {
        (Ok(id), true) => Json(serde_json::json!({ "picture": id })).into_response(),
        (Ok(_), false) => Redirect::to("/profile?saved=picture").into_response(),
        (Err(PicturesError::Rejected(e)), true) => {
            (status_of(e), Json(serde_json::json!({ "error": e.code() }))).into_response()
        }
        (Err(PicturesError::Rejected(e)), false) => {
            Redirect::to(&format!("/profile?picture_error={}", e.code())).into_response()
        }
        (Err(e @ PicturesError::Unexpected(_)), _) => internal(e),
    }
}

/// The file field's name in the logo form.
pub const LOGO_FIELD: &str = "logo";

/// An HR admin's new logo for their company's hub. A plain form: the answer is the dashboard
/// again, saying what happened.
pub async fn logo_upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let user = match user_from_headers(&headers, &state).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to("/login?next=/hr").into_response(),
        Err(e) => return internal(e),
    };
    let upload = match multipart {
        Ok(m) => read_file(m, LOGO_FIELD).await,
        Err(_) => Err(PictureError::Missing),
    };
    let result = match upload {
        Ok(bytes) => state.hubs.set_logo(&user, bytes).await,
        Err(e) => Err(HubError::Logo(e)),
    };
    match result {
        Ok(()) => Redirect::to("/hr?saved=logo").into_response(),
        Err(HubError::Logo(e)) => {
            Redirect::to(&format!("/hr?logo_error={}", e.code())).into_response()
        }
        Err(HubError::Forbidden | HubError::NotFound) => StatusCode::FORBIDDEN.into_response(),
        Err(e) => internal(e),
    }
}

/// A company's logo, to anyone.
pub async fn logo_download(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let plausible = !key.is_empty()
        && key.len() <= 40
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if !plausible {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.hubs.logo(&key).await {
        Ok(Some(jpeg)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
                // a new logo gets a new key, so this URL's bytes never change
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ),
            ],
            jpeg,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => internal(e),
    }
}

/// The `field` field's bytes, reading no further than one byte past the limit.
async fn read_file(mut multipart: Multipart, name: &str) -> Result<Vec<u8>, PictureError> {
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(PictureError::Missing),
            Err(e) => return Err(body_error(e.status())),
        };
        if field.name() != Some(name) {
            continue;
        }
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() as u64 > PICTURE_MAX_BYTES {
                        return Err(PictureError::TooLarge);
                    }
                }
                Ok(None) if bytes.is_empty() => return Err(PictureError::Missing),
                Ok(None) => return Ok(bytes),
                Err(e) => return Err(body_error(e.status())),
            }
        }
    }
}

fn body_error(status: StatusCode) -> PictureError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        PictureError::TooLarge
    } else {
        PictureError::Missing
    }
}

fn status_of(e: PictureError) -> StatusCode {
    match e {
        PictureError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        PictureError::NotAnImage => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        PictureError::Missing | PictureError::TooManyPixels | PictureError::Unreadable => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// Logged with its chain of causes; the person gets a bare 500.
fn internal(e: impl std::error::Error + 'static) -> Response {
    tracing::error!(error = %app::api::from_ports::chain(&e), "picture request failed");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The picture's JPEG, to those who may see it; anyone else gets the same 404 as for no picture.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let plausible = !id.is_empty()
        && id.len() <= 40
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let viewer = match user_from_headers(&headers, &state).await {
        Ok(v) => v,
        Err(e) => return internal(e),
    };
    let (true, Some(viewer)) = (plausible, viewer) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.pictures.get(&viewer.id, &PictureId::new(id)).await {
        Ok(Some(jpeg)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
                // a new upload gets a new id, so this URL's bytes never change
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, max-age=31536000, immutable"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("inline; filename=\"picture.jpg\""),
                ),
                (
                    HeaderName::from_static("cross-origin-resource-policy"),
                    HeaderValue::from_static("same-origin"),
                ),
            ],
            jpeg,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => internal(e),
    }
}
