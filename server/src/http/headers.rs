//! Security headers on every response, and a fresh CSP nonce per request that Leptos stamps on the
//! scripts it writes (SEC-17, SEC-18).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use rand::RngCore;

/// The nonce of this request's Content-Security-Policy.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

#[derive(Clone, Debug)]
pub struct HeaderPolicy {
    /// Adds Strict-Transport-Security: only when we are served over https.
    pub https: bool,
    /// cargo-leptos' live reload connects to its own websocket port in development.
    pub dev_reload: bool,
}

fn new_nonce() -> String {
    let mut bytes = [0u8; 18];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn content_security_policy(nonce: &str, dev_reload: bool) -> String {
    let connect = if dev_reload { "'self' ws:" } else { "'self'" };
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src {connect}; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

pub async fn apply(
    State(policy): State<HeaderPolicy>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let nonce = new_nonce();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let path = request.uri().path();
    // static assets, and pictures whose handler sets its own private caching
    let cacheable =
        path.starts_with("/pkg/") || path == "/favicon.svg" || path.starts_with("/media/");
    let mut response = next.run(request).await;

    let h = response.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    set(
        header::CONTENT_SECURITY_POLICY,
        &content_security_policy(&nonce, policy.dev_reload),
    );
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(self), microphone=(self), geolocation=(), payment=()",
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if policy.https {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if !cacheable {
        // pages and API answers are personal: never keep them in a shared or back-button cache
        set(header::CACHE_CONTROL, "no-store");
    }
    response
}
