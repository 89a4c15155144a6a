//! What every request passes through before the app sees it: CSRF guard, rate limits, security
//! headers, a deadline, a 500 page for a panic, and compression; and how accepted connections
//! are set up; and what operators read: health probes and metrics.

pub mod api_status;
pub mod compress;
pub mod csrf;
pub mod data_export;
pub mod db_watch;
pub mod deadline;
pub mod headers;
pub mod health;
pub mod listener;
pub mod metrics;
pub mod panics;
pub mod rate_limit;

static STYLESHEET: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Whether the request carries `Authorization: Bearer <secret>`: for the metrics page's token and
/// the cluster's secret between servers. Compared as digests, so the time taken says nothing
/// about how much of it matched.
pub fn bearer_matches(headers: &axum::http::HeaderMap, secret: &secrecy::SecretString) -> bool {
    use secrecy::ExposeSecret;
    use sha2::{Digest, Sha256};
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    Sha256::digest(given.as_bytes()) == Sha256::digest(secret.expose_secret().as_bytes())
}

/// Where the site's stylesheet is: its name carries a hash in builds that hash (set once, at
/// startup, for the plain pages below).
pub fn set_stylesheet(href: String) {
    let _ = STYLESHEET.set(href);
}

/// The stylesheet's path, for pages made outside the app.
pub fn stylesheet() -> &'static str {
    STYLESHEET.get().map_or("/pkg/tandem.css", String::as_str)
}

/// A plain page for an answer the app itself could not render; `title` and `message` are ours.
fn error_page(title: &str, message: &str) -> String {
    let stylesheet = stylesheet();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Tandem</title><link rel=\"stylesheet\" href=\"{stylesheet}\"></head>\
         <body><main id=\"main\" class=\"page\"><h1>{title}</h1><p>{message}</p>\
         <p><a href=\"/\">Home</a></p></main></body></html>"
    )
}
