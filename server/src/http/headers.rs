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
    /// What Stripe.js needs beyond our own origin.
    pub stripe: StripeOrigins,
    /// The wasm, JS and CSS under `/pkg/` carry a hash of their content in their names, so a
    /// browser may keep them for a year without asking again.
    pub hashed_assets: bool,
}

/// The origins Stripe.js is loaded from, frames its card fields from, and calls.
#[derive(Clone, Debug, Default)]
pub struct StripeOrigins {
    pub script: String,
    pub frames: Vec<String>,
    pub connect: Vec<String>,
}

/// `https://js.stripe.com` of `https://js.stripe.com/v3/`.
pub fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest)),
        None => url.to_owned(),
    }
}

fn new_nonce() -> String {
    let mut bytes = [0u8; 18];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Nonce-based; Stripe's origins added where Stripe.js needs them (its script, the frames of its
/// card fields, its API), and nothing else.
pub fn content_security_policy(nonce: &str, dev_reload: bool, stripe: &StripeOrigins) -> String {
    let mut connect = String::from("'self'");
    if dev_reload {
        connect.push_str(" ws:");
    }
    for origin in &stripe.connect {
        connect.push(' ');
        connect.push_str(origin);
    }
    let mut frames = String::from("'self'");
    for origin in &stripe.frames {
        frames.push(' ');
        frames.push_str(origin);
    }
    let script = &stripe.script;
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval' {script}; \
         style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src {connect}; \
         frame-src {frames}; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
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
    let asset = path.starts_with("/pkg/") || path == "/favicon.svg";
    let cacheable = asset || path.starts_with("/media/");
    let immutable = policy.hashed_assets && is_hashed(path);
    let mut response = next.run(request).await;
    let found = response.status().is_success();

    let h = response.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    set(
        header::CONTENT_SECURITY_POLICY,
        &content_security_policy(&nonce, policy.dev_reload, &policy.stripe),
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
    } else if asset && found {
        // a hashed name never changes content; an unhashed one (a development build) is asked
        // about each time, which costs a 304 when unchanged
        let keep = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        set(header::CACHE_CONTROL, keep);
    }
    response
}

/// `/pkg/tandem.<22 characters of base64url>.wasm`: the names cargo-leptos gives built files
/// when it hashes them.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.rsplit('.');
    let (Some(_ext), Some(hash), Some(_stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    hash.len() == 22
        && hash
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_the_ones_cargo_leptos_makes() {
        assert!(is_hashed("/pkg/tandem.B1ZsyHNhmEoGgrwHiqIzSA.wasm"));
        assert!(is_hashed("/pkg/tandem.a-b_cdefghijklmnopqrst.css"));
        assert!(!is_hashed("/pkg/tandem.wasm"));
        assert!(!is_hashed("/pkg/tandem_bg.wasm"));
        assert!(!is_hashed("/favicon.svg"));
        assert!(!is_hashed("/pkg/tandem.short.js"));
    }

    fn directive<'a>(csp: &'a str, name: &str) -> &'a str {
        csp.split(';')
            .map(str::trim)
            .find(|d| d.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {csp}"))
    }

    #[test]
    fn the_policy_admits_exactly_what_stripe_js_needs_and_stays_nonce_based() {
        let stripe = StripeOrigins {
            script: origin_of("https://js.stripe.com/v3/"),
            frames: vec![
                "https://js.stripe.com".into(),
                "https://hooks.stripe.com".into(),
            ],
            connect: vec![origin_of("https://api.stripe.com/")],
        };
        let csp = content_security_policy("abc", false, &stripe);
        assert_eq!(
            directive(&csp, "script-src"),
            "script-src 'nonce-abc' 'strict-dynamic' 'wasm-unsafe-eval' https://js.stripe.com"
        );
        assert_eq!(
            directive(&csp, "frame-src"),
            "frame-src 'self' https://js.stripe.com https://hooks.stripe.com"
        );
        assert_eq!(
            directive(&csp, "connect-src"),
            "connect-src 'self' https://api.stripe.com"
        );
        assert_eq!(directive(&csp, "default-src"), "default-src 'self'");
        assert_eq!(directive(&csp, "object-src"), "object-src 'none'");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
    }
}
