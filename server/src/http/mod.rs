//! What every request passes through before the app sees it: CSRF guard, rate limits, security
//! headers, a deadline, and a 500 page for a panic; and how accepted connections are set up.

pub mod api_status;
pub mod csrf;
pub mod deadline;
pub mod headers;
pub mod listener;
pub mod panics;
pub mod rate_limit;

/// A plain page for an answer the app itself could not render; `title` and `message` are ours.
fn error_page(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Tandem</title><link rel=\"stylesheet\" href=\"/pkg/tandem.css\"></head>\
         <body><main id=\"main\" class=\"page\"><h1>{title}</h1><p>{message}</p>\
         <p><a href=\"/\">Home</a></p></main></body></html>"
    )
}
