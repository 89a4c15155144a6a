//! What a person typed into a form the server refused, kept for the page that says why.
//!
//! With the wasm running, a refused form never leaves the page. Without it (JavaScript off, or
//! the wasm still loading) the browser posts the form and lands back on the page, which would
//! come back empty. So a refused plain post leaves a cookie, for a minute, with the fields worth
//! keeping (never a password), and the form's next render fills them in. A cookie rather than
//! the address: names and emails stay out of logs and browser history.

#[cfg(feature = "ssr")]
const KEPT_COOKIE: &str = "tandem_kept";
#[cfg(feature = "ssr")]
const KEPT_SECONDS: u32 = 60;
/// Longest value kept (a name or an address is far shorter).
#[cfg(feature = "ssr")]
const KEPT_MAX_BYTES: usize = 256;

/// After a refused plain form post: keeps `fields` (name, value) for the form's next render.
/// Nothing is kept for a request from the wasm, whose form still holds what was typed.
#[cfg(feature = "ssr")]
pub fn keep(fields: &[(&str, Option<&str>)]) {
    if !plain_form_post() {
        return;
    }
    // what a person types; a huge value is dropped rather than sent back as a huge header
    let value = fields
        .iter()
        .filter_map(|(name, value)| Some((name, value.as_deref()?)))
        .filter(|(_, value)| value.len() <= KEPT_MAX_BYTES)
        .map(|(name, value)| format!("{name}={}", escape(value)))
        .collect::<Vec<_>>()
        .join("&");
    set_cookie(&value, KEPT_SECONDS);
}

/// After a form went through: nothing kept is shown again.
#[cfg(feature = "ssr")]
pub fn forget() {
    if request_cookie().is_some() {
        set_cookie("", 0);
    }
}

/// What `keep` kept for `field`, while rendering the page a refused plain post came back to.
/// Always `None` in the browser: the form there holds what was typed.
pub fn kept(field: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        request_cookie()?
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| *name == field)
            .map(|(_, value)| leptos_router::location::Url::unescape(value))
            .filter(|value| !value.is_empty())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = field;
        None
    }
}

/// Percent-encoded: only letters, digits and `%` remain, all fine inside a cookie.
#[cfg(feature = "ssr")]
fn escape(value: &str) -> String {
    leptos_router::location::Url::escape(value)
}

/// A form the browser posted itself (it asks for a page back), not a call from the wasm. The
/// same test leptos_axum uses to send such a post back where it came from.
#[cfg(feature = "ssr")]
pub(super) fn plain_form_post() -> bool {
    use axum::http::header;
    leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

#[cfg(feature = "ssr")]
fn request_cookie() -> Option<String> {
    request_cookie_named(KEPT_COOKIE)
}

#[cfg(feature = "ssr")]
pub(super) fn request_cookie_named(name: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    super::session::cookie_value(&parts.headers, name).map(str::to_owned)
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str, max_age: u32) {
    set_cookie_named(KEPT_COOKIE, value, max_age);
}

/// A short-lived cookie only the server reads (HttpOnly), on the response being made.
#[cfg(feature = "ssr")]
pub(super) fn set_cookie_named(name: &str, value: &str, max_age: u32) {
    use axum::http::{HeaderValue, header};
    let secure = super::session::state().is_ok_and(|s| s.cookies.secure);
    let cookie = format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    );
    if let (Some(response), Ok(cookie)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        response.append_header(header::SET_COOKIE, cookie);
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn escaped_values_are_cookie_safe_and_come_back_whole() {
        let raw = "Ann Jónsdóttir; x=1&y, \"z\"";
        let escaped = super::escape(raw);
        assert!(
            escaped
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'%')
        );
        assert_eq!(leptos_router::location::Url::unescape(&escaped), raw);
    }
}
