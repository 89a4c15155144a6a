//! Refuses state-changing requests that another site made a browser send (SEC-13). Leptos server
//! functions have no CSRF defence of their own, and must stay callable from plain HTML forms.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The origins our own pages are served from, e.g. `https://tandem.example`.
#[derive(Clone, Debug)]
pub struct AllowedOrigins(pub Arc<Vec<String>>);

pub async fn guard(
    State(allowed): State<AllowedOrigins>,
    request: Request<Body>,
    next: Next,
) -> Response {
    if is_safe(request.method()) || same_origin(request.headers(), &allowed) {
        next.run(request).await
    } else {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            "This request came from another site and was refused.",
        )
            .into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Fetch metadata first (every current browser sends it); the Origin header where it is missing;
/// and a request with neither is refused, since a browser form post always carries one of them.
fn same_origin(headers: &HeaderMap, allowed: &AllowedOrigins) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        // "none": typed into the address bar or a bookmark, never a cross-site page
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    if allowed.0.iter().any(|a| a == origin) {
        return true;
    }
    // our own origin as the browser reached us (a port picked at start, or a second hostname)
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    matches!((origin.split_once("://"), host), (Some((_, authority)), Some(host)) if authority == host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn allowed() -> AllowedOrigins {
        AllowedOrigins(Arc::new(vec!["https://tandem.example".into()]))
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &allowed()
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &allowed()
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            &allowed()
        ));
        // a matching Origin does not rescue a cross-site fetch
        assert!(!same_origin(
            &headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://tandem.example")
            ]),
            &allowed()
        ));
    }

    #[test]
    fn origin_is_checked_without_fetch_metadata() {
        assert!(same_origin(
            &headers(&[("origin", "https://tandem.example")]),
            &allowed()
        ));
        assert!(!same_origin(
            &headers(&[("origin", "https://evil.example")]),
            &allowed()
        ));
        assert!(same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:4000"),
                ("host", "127.0.0.1:4000")
            ]),
            &allowed()
        ));
        assert!(!same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:4000"),
                ("host", "127.0.0.1:4001")
            ]),
            &allowed()
        ));
        assert!(!same_origin(&headers(&[("origin", "null")]), &allowed()));
        assert!(!same_origin(&headers(&[]), &allowed()));
    }
}
