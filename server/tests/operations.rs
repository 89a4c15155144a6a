//! What operators read: liveness and readiness probes, Prometheus metrics, JSON logs.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{PASSWORD, TestApp};

#[tokio::test]
async fn a_running_server_is_live_and_ready() {
    let app = TestApp::spawn().await;
    let res = support::bare_client()
        .get(app.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = support::bare_client()
        .get(app.url("/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["ready"], true);
    assert_eq!(body["database"], "ok");
    assert_eq!(body["sfu"], "ok");
}

#[tokio::test]
async fn a_database_behind_this_builds_schema_is_not_ready() {
    let app = TestApp::spawn().await;
    app.running
        .db
        .query("DELETE migration WHERE name = '0017_outbox_claims'")
        .await
        .unwrap()
        .check()
        .unwrap();
    let res = support::bare_client()
        .get(app.url("/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["ready"], false);
    assert_eq!(body["database"], "1 migrations not applied");
    assert_eq!(body["sfu"], "ok");
}

/// The value of the metric line that starts with `prefix` (name and labels), if there is one.
fn metric(page: &str, prefix: &str) -> Option<f64> {
    page.lines()
        .find_map(|l| l.strip_prefix(prefix))
        .and_then(|rest| rest.trim().parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_and_show_the_queues() {
    let app = TestApp::spawn().await;
    let browser = app.client();
    app.signed_up(&browser, "Ada", "ada@example.com", PASSWORD)
        .await;
    // two refused log-ins and a page with an id in its path
    for _ in 0..2 {
        let res = app
            .log_in(&app.client(), "ada@example.com", "wrong password!")
            .await;
        assert_eq!(res.status(), 401);
    }
    app.page(&browser, "/appointments/nosuchbooking").await;
    // a reset request queues a mail; without SMTP it stays in the outbox
    let res = app
        .call(
            &app.client(),
            "request_password_reset",
            &[("email", "ada@example.com")],
        )
        .await;
    assert_eq!(res.status(), 200);

    // the reset mail is queued off the request (its timing must not tell whether the
    // address has an account), so read the page until it shows, within a deadline
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let page = loop {
        let res = support::bare_client()
            .get(app.url("/metrics"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/plain; version=0.0.4")
        );
        let page = res.text().await.unwrap();
        if metric(&page, "tandem_outbox_depth") == Some(1.0) {
            break page;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the reset mail never showed in the outbox depth:\n{page}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let requests = "tandem_http_requests_total";
    assert_eq!(
        metric(
            &page,
            &format!("{requests}{{route=\"/api/log_in\",method=\"POST\",status=\"401\"}}")
        ),
        Some(2.0),
        "{page}"
    );
    assert_eq!(
        metric(
            &page,
            &format!("{requests}{{route=\"/api/sign_up\",method=\"POST\",status=\"200\"}}")
        ),
        Some(1.0)
    );
    assert_eq!(
        metric(
            &page,
            "tandem_http_request_duration_seconds_count{route=\"/api/log_in\"}"
        ),
        Some(2.0)
    );
    // paths are labelled by their route, never with the id in them
    assert!(!page.contains("nosuchbooking"));
    assert_eq!(metric(&page, "tandem_reminder_lag_seconds"), Some(0.0));
    assert_eq!(metric(&page, "tandem_sfu_rooms"), Some(0.0));
    assert_eq!(metric(&page, "tandem_sfu_participants"), Some(0.0));
    assert!(metric(&page, "tandem_sfu_datagrams_sent_total").is_some());
}

#[tokio::test]
async fn a_metrics_token_keeps_the_page_to_those_who_have_it() {
    let mut config = server::config::Config::for_tests();
    config.metrics_token = Some("s3cret-scrape-token".to_owned().into());
    let app = TestApp::spawn_with(config).await;
    let client = support::bare_client();
    let res = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let res = client
        .get(app.url("/metrics"))
        .bearer_auth("not-the-token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = client
        .get(app.url("/metrics"))
        .bearer_auth("s3cret-scrape-token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("tandem_sfu_rooms"));
}

#[test]
fn logs_are_json_lines_when_asked() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("TANDEM_SFU_ADDR", "127.0.0.1:0")
        .env("TANDEM_DB_URL", "mem://")
        .env("TANDEM_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env_remove("TANDEM_SMTP_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let stdout = child.stdout.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    let running = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines.recv_timeout(left).unwrap_or_else(|e| {
            let _ = child.kill();
            panic!("no start-up line ({e}); saw {seen:#?}")
        });
        let parsed: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
        seen.push(line);
        if parsed["fields"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Tandem is running at"))
        {
            break parsed;
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(running["level"], "INFO");
    assert!(running["timestamp"].is_string());
}
