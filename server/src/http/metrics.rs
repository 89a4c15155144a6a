//! `/metrics` in Prometheus' text format: requests by route and status, latency histograms, the
//! SFU's rooms, people and datagrams, the outbox's depth and how late reminders are. Counters are
//! this server's; the outbox and reminders are the whole database's (every server shows them).

use crate::clock::Clock;
use crate::db::Db;
use crate::sfu::SfuHandle;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use secrecy::SecretString;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    /// Requests at or under each bound (not cumulative here; summed when shown).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// A request's labels: route, method, status.
type RequestKey = (String, String, u16);

/// What this server has answered since it started. Cheap to clone.
#[derive(Clone, Default)]
pub struct Metrics {
    requests: Arc<Mutex<BTreeMap<RequestKey, u64>>>,
    latency: Arc<Mutex<BTreeMap<String, Histogram>>>,
}

impl Metrics {
    fn record(&self, route: String, method: String, status: u16, seconds: f64) {
        let mut requests = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        *requests.entry((route.clone(), method, status)).or_default() += 1;
        drop(requests);
        let mut latency = self.latency.lock().unwrap_or_else(|p| p.into_inner());
        let h = latency.entry(route).or_default();
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            h.buckets[i] += 1;
        }
        h.count += 1;
        h.sum += seconds;
    }
}

/// The route a request matched (its pattern, never the path itself: ids and tokens stay out of
/// the labels, and their number stays small).
fn route_of(request: &Request) -> String {
    if let Some(matched) = request.extensions().get::<MatchedPath>() {
        return matched.as_str().to_owned();
    }
    let path = request.uri().path();
    if path.starts_with("/pkg/") {
        "/pkg/*".to_owned()
    } else {
        "unmatched".to_owned()
    }
}

/// Middleware: counts each request and times it to its response's head.
pub async fn count(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let route = route_of(&request);
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.record(
        route,
        method,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

#[derive(Clone)]
pub struct MetricsPage {
    pub metrics: Metrics,
    pub db: Db,
    pub sfu: SfuHandle,
    pub clock: Arc<dyn Clock>,
    /// `TANDEM_METRICS_TOKEN`: when set, the page asks for `Authorization: Bearer <token>`.
    pub token: Option<SecretString>,
}

pub async fn page(State(page): State<MetricsPage>, headers: HeaderMap) -> Response {
    if let Some(token) = &page.token
        && !super::bearer_matches(&headers, token)
    {
        return (StatusCode::UNAUTHORIZED, "a bearer token is required\n").into_response();
    }
    let mut out = String::new();
    render_requests(&page.metrics, &mut out);
    let traffic = &page.sfu.traffic;
    gauge(
        &mut out,
        "tandem_sfu_rooms",
        "Video rooms with someone in them on this server.",
        traffic.rooms.load(Ordering::Relaxed) as f64,
    );
    gauge(
        &mut out,
        "tandem_sfu_participants",
        "People connected to this server's SFU.",
        traffic.participants.load(Ordering::Relaxed) as f64,
    );
    counter(
        &mut out,
        "tandem_sfu_datagrams_received_total",
        "Datagrams the SFU received (media, and its ICE and DTLS).",
        traffic.received.load(Ordering::Relaxed),
    );
    counter(
        &mut out,
        "tandem_sfu_datagrams_sent_total",
        "Datagrams the SFU sent: mostly media forwarded to the others in a room.",
        traffic.sent.load(Ordering::Relaxed),
    );
    // the database's figures: absent (not zero) when it doesn't answer
    if let Ok(depth) = crate::db::outbox::depth(&page.db).await {
        gauge(
            &mut out,
            "tandem_outbox_depth",
            "Mail queued or being sent, across all servers.",
            depth as f64,
        );
    }
    if let Ok(lag) = crate::db::reminders::lag(&page.db, page.clock.now()).await {
        gauge(
            &mut out,
            "tandem_reminder_lag_seconds",
            "How long the oldest due reminder has waited to be sent (0: none is late).",
            lag.num_milliseconds() as f64 / 1000.0,
        );
    }
    (
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        out,
    )
        .into_response()
}

fn render_requests(metrics: &Metrics, out: &mut String) {
    out.push_str(
        "# HELP tandem_http_requests_total Requests answered, by route, method and status.\n\
         # TYPE tandem_http_requests_total counter\n",
    );
    for ((route, method, status), n) in metrics
        .requests
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
    {
        let route = label(route);
        let _ = writeln!(
            out,
            "tandem_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
        );
    }
    out.push_str(
        "# HELP tandem_http_request_duration_seconds Time to each response's head, by route.\n\
         # TYPE tandem_http_request_duration_seconds histogram\n",
    );
    for (route, h) in metrics
        .latency
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
    {
        let route = label(route);
        let mut cumulative = 0;
        for (bound, n) in BUCKETS.iter().zip(h.buckets) {
            cumulative += n;
            let _ = writeln!(
                out,
                "tandem_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
            );
        }
        let _ = writeln!(
            out,
            "tandem_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\n\
             tandem_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\n\
             tandem_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
            h.count, h.sum, h.count
        );
    }
}

fn gauge(out: &mut String, name: &str, help: &str, value: f64) {
    let _ = writeln!(
        out,
        "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
    );
}

fn counter(out: &mut String, name: &str, help: &str, value: u64) {
    let _ = writeln!(
        out,
        "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
    );
}

/// A label value as the format wants it: backslash, quote and newline escaped.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::{Metrics, label};

    #[test]
    fn a_histogram_counts_each_request_in_its_bucket_and_every_one_above() {
        let m = Metrics::default();
        m.record("/".into(), "GET".into(), 200, 0.003);
        m.record("/".into(), "GET".into(), 200, 0.2);
        m.record("/".into(), "GET".into(), 503, 30.0);
        let mut out = String::new();
        super::render_requests(&m, &mut out);
        assert!(
            out.contains("tandem_http_requests_total{route=\"/\",method=\"GET\",status=\"200\"} 2")
        );
        assert!(out.contains("status=\"503\"} 1"));
        assert!(out.contains("{route=\"/\",le=\"0.005\"} 1\n"));
        assert!(out.contains("{route=\"/\",le=\"0.1\"} 1\n"));
        assert!(out.contains("{route=\"/\",le=\"0.25\"} 2\n"));
        assert!(out.contains("{route=\"/\",le=\"10\"} 2\n"));
        assert!(out.contains("{route=\"/\",le=\"+Inf\"} 3\n"));
        assert!(out.contains("tandem_http_request_duration_seconds_count{route=\"/\"} 3"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
