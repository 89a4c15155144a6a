//! Who is asking: the session cookie read and written for server functions and page renders.

use super::ApiError;
use crate::domain::CurrentUser;
use crate::ports::{AppState, SessionToken};
use axum::http::{HeaderValue, StatusCode, header};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// The cookie's name over plain http (a laptop, tests).
pub const SESSION_COOKIE: &str = "tandem_session";
/// Over https: the `__Host-` prefix makes browsers refuse it unless Secure, Path=/ and no Domain,
/// so a sibling subdomain can never plant or overwrite it (SEC-08).
pub const SECURE_SESSION_COOKIE: &str = "__Host-tandem_session";

fn cookie_name(state: &AppState) -> &'static str {
    if state.cookies.secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

pub fn state() -> Result<AppState, ApiError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        ApiError::Internal
    })
}

fn request_parts() -> Option<axum::http::request::Parts> {
    use_context::<axum::http::request::Parts>()
}

/// The session token from the request's cookies, if any.
pub fn session_token() -> Option<SessionToken> {
    let name = cookie_name(&state().ok()?);
    let parts = request_parts()?;
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| SessionToken::new(v.to_owned()))
}

/// The signed-in user, or `None`. The single place a request becomes an actor.
pub async fn current_user() -> Result<Option<CurrentUser>, ApiError> {
    let Some(token) = session_token() else {
        return Ok(None);
    };
    Ok(state()?.accounts.session_user(&token).await?)
}

/// The signed-in user, or `Unauthenticated`: every server function that acts for a user starts here.
pub async fn require_user() -> Result<CurrentUser, ApiError> {
    current_user()
        .await?
        .ok_or_else(|| reject(ApiError::Unauthenticated))
}

pub fn set_session_cookie(state: &AppState, token: &SessionToken) {
    let secure = if state.cookies.secure { "; Secure" } else { "" };
    let value = format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        cookie_name(state),
        token.expose(),
        state.cookies.max_age_secs
    );
    append_set_cookie(value);
}

pub fn clear_session_cookie(state: &AppState) {
    let secure = if state.cookies.secure { "; Secure" } else { "" };
    append_set_cookie(format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
        cookie_name(state)
    ));
}

fn append_set_cookie(value: String) {
    if let (Some(opts), Ok(v)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        opts.append_header(header::SET_COOKIE, v);
    }
}

/// Gives the error its HTTP status. A plain HTML form post (no wasm yet) keeps the redirect back to
/// its page instead, where the error is shown next to the field.
pub fn reject(e: ApiError) -> ApiError {
    let from_plain_form = request_parts()
        .and_then(|p| {
            p.headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false);
    if !from_plain_form
        && let (Some(opts), Ok(code)) = (
            use_context::<ResponseOptions>(),
            StatusCode::from_u16(e.status()),
        )
    {
        opts.set_status(code);
    }
    e
}
