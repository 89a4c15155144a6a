//! The local Stripe stand-in (`stripe_standin.py`: localstripe, shaped to today's API), started
//! by the server when no Stripe key is configured, and by tests. It stops with us: it exits when
//! its standard input closes, and is killed when its handle is dropped.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

const SCRIPT: &str = include_str!("stripe_standin.py");

/// Long enough for Python to import aiohttp and localstripe on a slow machine.
const START_TIMEOUT: Duration = Duration::from_secs(30);

pub struct StandIn {
    /// `http://127.0.0.1:<port>`: the API, and Stripe.js at `/js.stripe.com/v3/`.
    pub base_url: String,
    _child: Child,
}

#[derive(Debug, thiserror::Error)]
#[error(
    "the local Stripe stand-in did not start ({0}); `bash .ci/setup` installs it (localstripe), \
     or set TANDEM_STRIPE_SECRET_KEY to use Stripe"
)]
pub struct StandInError(String);

impl StandIn {
    /// Starts it on `port` (0: any free one), keeping its data in `state` if given.
    pub async fn start(port: u16, state: Option<PathBuf>) -> Result<StandIn, StandInError> {
        let fail = |e: &dyn std::fmt::Display| StandInError(e.to_string());
        let mut cmd = Command::new("python3");
        cmd.arg("-c")
            .arg(SCRIPT)
            .arg("--port")
            .arg(port.to_string());
        if let Some(state) = state {
            if let Some(dir) = state.parent() {
                std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
            }
            cmd.arg("--state").arg(state);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| fail(&e))?;
        let stdout = child.stdout.take().ok_or_else(|| fail(&"no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        let first = tokio::time::timeout(START_TIMEOUT, lines.next_line())
            .await
            .map_err(|_| fail(&"no answer in 30 s"))?
            .map_err(|e| fail(&e))?
            .ok_or_else(|| fail(&"it exited"))?;
        let port: u16 = first
            .strip_prefix("listening ")
            .and_then(|p| p.trim().parse().ok())
            .ok_or_else(|| fail(&format!("it said {first:?}")))?;
        // keep reading what it prints, so it never blocks on a full pipe
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(StandIn {
            base_url: format!("http://127.0.0.1:{port}"),
            _child: child,
        })
    }

    /// Where Stripe.js is served.
    pub fn js_url(&self) -> String {
        format!("{}/js.stripe.com/v3/", self.base_url)
    }

    /// Has the stand-in send its events to `url`, signed with `secret`.
    pub async fn send_events_to(&self, url: &str, secret: &str) -> std::io::Result<()> {
        let body = format!("url={}&secret={}", form_escape(url), form_escape(secret));
        self.post(
            "/_config/webhooks/tandem",
            "application/x-www-form-urlencoded",
            &body,
        )
        .await
    }

    /// Tests: the next request to a path starting with `path` runs, and its answer is lost.
    pub async fn lose_next_answer(&self, path: &str) -> std::io::Result<()> {
        let body = serde_json::json!({ "path": path }).to_string();
        self.post("/_config/lose-next", "application/json", &body)
            .await
    }

    /// Tests: the next request to a path starting with `path` is not run, and gets a 500.
    pub async fn fail_next(&self, path: &str) -> std::io::Result<()> {
        let body = serde_json::json!({ "path": path }).to_string();
        self.post("/_config/fail-next", "application/json", &body)
            .await
    }

    async fn post(&self, path: &str, content_type: &str, body: &str) -> std::io::Result<()> {
        let authority = self.base_url.trim_start_matches("http://");
        let mut stream = tokio::net::TcpStream::connect(authority).await?;
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await?;
        if answer.starts_with("HTTP/1.1 200") {
            Ok(())
        } else {
            Err(std::io::Error::other(format!(
                "the stand-in answered {}",
                answer.lines().next().unwrap_or_default()
            )))
        }
    }
}

fn form_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
