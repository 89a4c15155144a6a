//! Per-address limits on the routes people could hammer: log-in, sign-up (SEC-04, SEC-05, SEC-22).
//! Keyed on the TCP peer, never on a header a client can write; IPv6 keys are masked to /64.
//!
//! Kept in this server's memory, on purpose: they are a wall against floods, and a flood is when
//! a database write per request would hurt most. Behind a load balancer of N servers an address
//! gets up to N times the allowance. What guards accounts is shared: the lock-out after failed
//! log-ins lives in the database (`db::login_throttle`), so guessing a password is slowed the
//! same whichever server a guess reaches.

use app::api::ApiError;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::ServerFnUrlError;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A token bucket: `burst` requests at once, refilled at `per_hour`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub burst: u32,
    pub per_hour: u32,
}

#[derive(Clone)]
pub struct RateLimiter {
    /// Path prefix -> its limit.
    routes: Arc<Vec<(&'static str, Limit)>>,
    buckets: Arc<Mutex<HashMap<(&'static str, IpAddr), Bucket>>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    pub fn new(routes: Vec<(&'static str, Limit)>) -> Self {
        Self {
            routes: Arc::new(routes),
            buckets: Arc::default(),
        }
    }

    /// Takes one token, or says how long until one is free.
    fn check(
        &self,
        route: &'static str,
        limit: Limit,
        ip: IpAddr,
        now: Instant,
    ) -> Result<(), Duration> {
        let rate = f64::from(limit.per_hour.max(1)) / 3600.0;
        let burst = f64::from(limit.burst.max(1));
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() > 100_000 {
            // drop buckets that have refilled completely: they carry no information
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let b = buckets.entry((route, key(ip))).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * rate).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - b.tokens) / rate))
        }
    }
}

/// One bucket per IPv4 address, per IPv6 /64 (one subscriber's whole allocation).
fn key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::from([s[0], s[1], s[2], s[3], 0, 0, 0, 0])
        }
    }
}

pub async fn limit(
    State(limiter): State<RateLimiter>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let hit = limiter
        .routes
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .copied();
    if let Some((route, limit)) = hit
        && let Err(wait) = limiter.check(route, limit, peer.ip(), Instant::now())
    {
        let secs = wait.as_secs().max(1);
        tracing::warn!(route, "rate limited");
        return too_many(&request, &path, secs);
    }
    next.run(request).await
}

/// The same error the server functions use, so the app shows it like any other: as JSON to the
/// hydrated app, and for a plain HTML form (no wasm yet) as a redirect back to the form with the
/// error in the URL, exactly as Leptos reports a server function's own errors.
fn too_many(request: &Request<Body>, path: &str, retry_after_secs: u64) -> Response {
    let error = ApiError::RateLimited { retry_after_secs };
    let headers = request.headers();
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| {
            ServerFnUrlError::new(path, error.clone())
                .to_url(referer)
                .ok()
        });
    let mut res = match (wants_html, back) {
        (true, Some(url)) => {
            (StatusCode::SEE_OTHER, [(header::LOCATION, url.to_string())]).into_response()
        }
        _ => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&error).unwrap_or_default(),
        )
            .into_response(),
    };
    if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refill() {
        let l = RateLimiter::new(vec![]);
        let lim = Limit {
            burst: 3,
            per_hour: 3600,
        };
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.check("/a", lim, ip, t0).is_ok());
        }
        let wait = l.check("/a", lim, ip, t0).unwrap_err();
        assert!(wait <= Duration::from_secs(1));
        assert!(
            l.check("/a", lim, ip, t0 + Duration::from_millis(1010))
                .is_ok()
        );
        // another address, another route: unaffected
        assert!(l.check("/a", lim, "10.0.0.2".parse().unwrap(), t0).is_ok());
        assert!(l.check("/b", lim, ip, t0).is_ok());
    }

    #[test]
    fn ipv6_addresses_in_one_64_share_a_bucket() {
        let l = RateLimiter::new(vec![]);
        let lim = Limit {
            burst: 2,
            per_hour: 1,
        };
        let t0 = Instant::now();
        assert!(
            l.check("/a", lim, "2001:db8:1:2::1".parse().unwrap(), t0)
                .is_ok()
        );
        assert!(
            l.check("/a", lim, "2001:db8:1:2::ffff".parse().unwrap(), t0)
                .is_ok()
        );
        assert!(
            l.check("/a", lim, "2001:db8:1:2:abcd::9".parse().unwrap(), t0)
                .is_err()
        );
        assert!(
            l.check("/a", lim, "2001:db8:1:3::1".parse().unwrap(), t0)
                .is_ok()
        );
    }
}
