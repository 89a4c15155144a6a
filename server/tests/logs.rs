//! Passwords and session ids never reach the logs, even at the most verbose level.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use support::{PASSWORD, TestApp, session_value};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_never_appear_in_logs() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        // everything the server says; the test's own HTTP client (reqwest, its cookie jar) is not
        // the server and legitimately handles the cookie
        .with_env_filter(
            "trace,surrealdb=info,surrealkv=info,surrealdb_core=info,cookie_store=off,reqwest=off",
        )
        .with_writer(move || writer.clone())
        .init();

    let app = TestApp::spawn().await;
    let client = app.client();
    let res = app
        .sign_up(&client, "Ann", "ann@example.com", PASSWORD)
        .await;
    let signup_token = session_value(res.headers()).unwrap();
    let res = app.log_in(&app.client(), "ann@example.com", PASSWORD).await;
    let login_token = session_value(res.headers()).unwrap();
    app.log_in(&app.client(), "ann@example.com", "a wrong password here")
        .await;
    app.page(&client, "/").await;
    app.call(&client, "log_out", &[]).await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("request"), "requests are logged with a span");
    assert!(logs.contains("account created"));
    for secret in [
        PASSWORD,
        "a wrong password here",
        &signup_token,
        &login_token,
    ] {
        let leaks: Vec<&str> = logs.lines().filter(|l| l.contains(secret)).collect();
        assert!(
            leaks.is_empty(),
            "logs leak a secret:\n{}",
            leaks.join("\n")
        );
    }
}
