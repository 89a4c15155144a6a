//! What every request passes through before the app sees it: CSRF guard, rate limits, security headers.

pub mod bad_requests;
pub mod csrf;
pub mod headers;
pub mod rate_limit;
