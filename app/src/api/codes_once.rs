//! Recovery codes shown once, without JavaScript too. With the wasm running, turning two-step
//! log-in on answers the codes to the page, which shows them. A plain form post lands back on
//! the page instead, and the answer is lost; so after a plain post the codes ride in a cookie
//! only the server reads (HttpOnly, five minutes), and the next status read shows them and
//! clears it. They are never stored on the server.

#[cfg(feature = "ssr")]
const CODES_COOKIE: &str = "tandem_codes";
#[cfg(feature = "ssr")]
const CODES_SECONDS: u32 = 300;

/// After turning it on: keeps `codes` for the page a plain post lands on.
#[cfg(feature = "ssr")]
pub fn hand_over(codes: &[String]) {
    if super::kept::plain_form_post() {
        super::kept::set_cookie_named(CODES_COOKIE, &codes.join("."), CODES_SECONDS);
    }
}

/// The codes `hand_over` kept, once: reading them clears the cookie.
#[cfg(feature = "ssr")]
pub fn take() -> Vec<String> {
    let Some(value) = super::kept::request_cookie_named(CODES_COOKIE) else {
        return Vec::new();
    };
    super::kept::set_cookie_named(CODES_COOKIE, "", 0);
    let looks_right = |c: &&str| {
        !c.is_empty() && c.len() <= 16 && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    value
        .split('.')
        .filter(looks_right)
        .take(crate::domain::RECOVERY_CODES)
        .map(str::to_owned)
        .collect()
}
