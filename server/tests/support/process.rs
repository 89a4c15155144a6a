//! The real server binary as its own process, for tests that kill it (SIGKILL) or run several:
//! what a test can't do to a server inside its own process.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free port on loopback (TCP, or UDP with `udp`), for a server the test starts.
pub fn free_port(udp: bool) -> u16 {
    if udp {
        let s = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        s.local_addr().unwrap().port()
    } else {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    }
}

/// The server binary listening on `port`; its log lines come through `lines`. Killed (SIGKILL)
/// when dropped.
pub struct ServerProcess {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
    pub port: u16,
}

impl ServerProcess {
    /// Starts the binary on `port` with `env` on top of settings every such test wants: info
    /// logs, a Stripe that is never called (no stand-in process to outlive a killed server), and
    /// generous limits on log-in and sign-up. Returns once it says it is running.
    pub fn start(port: u16, env: &[(&str, String)]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("TANDEM_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            .env("TANDEM_SFU_ADDR", "127.0.0.1:0")
            // professionals here aren't about two-step log-in (two_factor.rs is)
            .env("TANDEM_REQUIRE_TWO_FACTOR", "false")
            .env("TANDEM_AUTH_BURST", "100000")
            .env("TANDEM_AUTH_PER_HOUR", "1000000")
            .env("TANDEM_STRIPE_SECRET_KEY", "sk_test_unused")
            .env("TANDEM_STRIPE_PUBLISHABLE_KEY", "pk_test_unused")
            .env("TANDEM_STRIPE_WEBHOOK_SECRET", "whsec_unused")
            .env("TANDEM_STRIPE_API_BASE", "http://127.0.0.1:9/")
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .env_remove("TANDEM_LOG_FORMAT");
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let (tx, lines) = std::sync::mpsc::channel::<String>();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let process = Self { child, lines, port };
        process.wait_for_line("Tandem is running at");
        process
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn wait_for_line(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return,
                Ok(_) => {}
                Err(e) => panic!("no log line with {needle:?}: {e}"),
            }
        }
    }

    /// SIGTERM, and waits for a clean exit.
    pub fn stop(mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                assert!(exit.success(), "the server ended with {exit}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "still running 30 s after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser-like client with its own cookie jar (cookies are per host, not per port: one jar
/// serves every server of a test on 127.0.0.1, as one jar serves a site behind a load balancer).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(super::REQUEST_TIMEOUT)
        .build()
        .unwrap()
}

/// Dr. Ada Lovelace (working in UTC) signs up as `email` through `sign_up_on`, and adds her
/// 50-minute "Individual therapy" through `service_on` (the same server, or another behind the
/// same `origin`); the service's id.
pub async fn professional_with_service(
    sign_up_on: &str,
    service_on: &str,
    origin: &str,
    pro: &reqwest::Client,
    email: &str,
) -> String {
    let res = call(
        sign_up_on,
        origin,
        pro,
        "sign_up",
        &[
            ("name", "Dr. Ada Lovelace"),
            ("email", email),
            ("password", super::PASSWORD),
            ("accept_terms", "yes"),
            ("role", "professional"),
            ("timezone", "UTC"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200);
    let res = call(
        service_on,
        origin,
        pro,
        "create_service",
        &[
            ("service_name", "Individual therapy"),
            ("meeting_type", "video"),
            ("length", "50"),
            ("price", "12500"),
            ("currency", "ISK"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200, "the session lives in the database");
    let service: app::domain::Service = res.json().await.unwrap();
    service.id.as_str().to_owned()
}

/// Calls a server function on `base`, as a page of `origin` does.
pub async fn call(
    base: &str,
    origin: &str,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Result<reqwest::Response, reqwest::Error> {
    client
        .post(format!("{base}/api/{endpoint}"))
        .header("origin", origin)
        .form(form)
        .send()
        .await
}
