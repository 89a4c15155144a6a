//! Spawns the real server on a free port with an in-memory database, and a browser-like client.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the support module"
)]

pub mod authenticator;
pub mod ics;
pub mod media;
pub mod pictures;
pub mod practice;
pub mod process;
pub mod smtp;
pub mod stripe;
pub mod turn;
pub mod user;

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap};
use reqwest::redirect::Policy;
use server::config::Config;
use server::startup::Running;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Time as it passes from a starting instant, plus an offset the test moves forward. The start is
/// the real time, or `TANDEM_TEST_NOW` (RFC 3339) to run the suite as if it were another moment:
/// every test takes "now" from here, never from the machine's date.
pub struct ShiftedClock {
    start: chrono::DateTime<chrono::Utc>,
    began: std::time::Instant,
    offset_secs: AtomicI64,
}

impl Default for ShiftedClock {
    fn default() -> Self {
        let start = match std::env::var("TANDEM_TEST_NOW") {
            Ok(at) => chrono::DateTime::parse_from_rfc3339(&at)
                .unwrap_or_else(|e| panic!("TANDEM_TEST_NOW={at}: {e}"))
                .to_utc(),
            Err(_) => chrono::Utc::now(),
        };
        Self::starting_at(start)
    }
}

impl ShiftedClock {
    /// A clock that reads `start` now, for a test about particular dates (a DST change, say).
    pub fn starting_at(start: chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            start,
            began: std::time::Instant::now(),
            offset_secs: AtomicI64::new(0),
        }
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.offset_secs
            .fetch_add(by.num_seconds(), Ordering::SeqCst);
    }
}

impl server::clock::Clock for ShiftedClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        let passed = chrono::Duration::from_std(self.began.elapsed()).expect("test runs for years");
        self.start + passed + chrono::Duration::seconds(self.offset_secs.load(Ordering::SeqCst))
    }
}

/// A clock that starts at 2031-01-15 12:00 UTC: see `TestApp::spawn_dated`.
pub fn dated_clock() -> Arc<ShiftedClock> {
    Arc::new(ShiftedClock::starting_at(
        "2031-01-15T12:00:00Z".parse().expect("an instant"),
    ))
}

pub struct TestApp {
    pub running: Running,
    pub base: String,
    /// The server's clock: tests place bookings relative to its now.
    pub clock: Arc<ShiftedClock>,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(Config::for_tests()).await
    }

    /// A server whose clock reads mid-January 2031, for tests about particular calendar dates
    /// (the DST changes of March 2031, say), which then hold whenever the test runs.
    pub async fn spawn_dated() -> Self {
        Self::spawn_with_clock(Config::for_tests(), dated_clock()).await
    }

    pub async fn spawn_with(config: Config) -> Self {
        Self::spawn_with_clock(config, Arc::new(ShiftedClock::default())).await
    }

    pub async fn spawn_with_clock(config: Config, clock: Arc<ShiftedClock>) -> Self {
        // the server's own log, shown with a failing test's output
        server::telemetry::init();
        let running = server::startup::spawn_with_clock(config, clock.clone())
            .await
            .expect("server starts");
        let base = format!("http://{}", running.addr);
        Self {
            running,
            base,
            clock,
        }
    }

    /// Waits until the reminder worker, then the mail worker, have each made two full passes
    /// from now: whatever was due by now is then sent, so the absence of a mail means something.
    pub async fn workers_have_looked(&self) {
        use std::sync::atomic::Ordering;
        let passes = &self.running.passes;
        for counter in [&passes.reminders, &passes.outbox] {
            let from = counter.load(Ordering::SeqCst);
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
            while counter.load(Ordering::SeqCst) < from + 2 {
                assert!(
                    std::time::Instant::now() < deadline,
                    "the background workers stopped making passes"
                );
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        }
    }

    /// The server's now.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        server::clock::Clock::now(self.clock.as_ref())
    }

    /// Starts again on a database another server just used: the embedded store closes in the
    /// background once the last handle is gone, so this waits for its lock.
    pub async fn restart(config: Config, clock: Arc<ShiftedClock>) -> Self {
        for _ in 0..100 {
            match server::startup::spawn_with_clock(config.clone(), clock.clone()).await {
                Ok(running) => {
                    let base = format!("http://{}", running.addr);
                    return Self {
                        running,
                        base,
                        clock,
                    };
                }
                Err(e) if e.to_string().contains("locked") => {
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("restart failed: {e}"),
            }
        }
        panic!("database lock not released after shutdown");
    }

    /// A client with its own cookie jar that does not follow redirects, so tests can see them.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            // a hang fails the test with the request named, instead of stalling the suite
            .timeout(REQUEST_TIMEOUT)
            .build()
            .unwrap()
    }

    /// Loads a page as a browser does (asking for HTML).
    pub async fn page(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(self.url(path))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .send()
            .await
            .unwrap()
    }

    /// The person's data file, as "Download my data" on My profile fetches it.
    pub async fn export(&self, client: &reqwest::Client) -> reqwest::Response {
        client
            .get(self.url("/account/export"))
            .send()
            .await
            .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Calls a server function the way the hydrated app does (form-encoded body, JSON answer).
    pub async fn call(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("origin", &self.base)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Submits a form the way a browser without wasm does: HTML accepted, Referer set.
    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        from_page: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header("referer", self.url(from_page))
            .header("origin", &self.base)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_up(
        &self,
        client: &reqwest::Client,
        name: &str,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.call(
            client,
            "sign_up",
            &[
                ("name", name),
                ("email", email),
                ("password", password),
                ("accept_terms", "yes"),
            ],
        )
        .await
    }

    /// Signs up and insists it worked: the new user, as the app sees them.
    pub async fn signed_up(
        &self,
        client: &reqwest::Client,
        name: &str,
        email: &str,
        password: &str,
    ) -> app::domain::CurrentUser {
        let res = self.sign_up(client, name, email, password).await;
        assert_eq!(
            res.status(),
            200,
            "sign-up of {email}: {:?}",
            res.text().await
        );
        res.json().await.expect("the new user")
    }

    pub async fn log_in(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.call(
            client,
            "log_in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Whether a fresh browser can log in with these details.
    pub async fn can_log_in(&self, email: &str, password: &str) -> bool {
        let res = self.log_in(&self.client(), email, password).await;
        let status = res.status();
        assert!(status == 200 || status == 401, "log-in answered {status}");
        // a right password that leads to a code asked for starts no session yet
        status == 200 && session_value(res.headers()).is_some()
    }

    pub async fn user_count(&self) -> u64 {
        server::db::users::count(&self.running.db).await.unwrap()
    }
}

/// A client without a cookie jar, for requests that set every header themselves.
pub fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap()
}

pub fn set_cookies(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// The session cookie's value from a response's Set-Cookie headers.
pub fn session_value(headers: &HeaderMap) -> Option<String> {
    set_cookies(headers).iter().find_map(|c| {
        c.strip_prefix("tandem_session=")
            .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
    })
}

pub const PASSWORD: &str = "a long enough passphrase";

/// The longest any request of a test may take: far above any answer, far below CI's patience.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(90);

/// Runs all the futures at once on this task and collects their outputs in order.
pub async fn join_all<F: std::future::Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let handles: Vec<_> = futures.map(Box::pin).collect();
    let mut outputs = Vec::with_capacity(handles.len());
    let mut pending: Vec<_> = handles.into_iter().map(Some).collect();
    let mut done: Vec<Option<F::Output>> = (0..pending.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all = true;
        for (i, slot) in pending.iter_mut().enumerate() {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(out) => {
                        done[i] = Some(out);
                        *slot = None;
                    }
                    std::task::Poll::Pending => all = false,
                }
            }
        }
        if all {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    outputs.extend(done.into_iter().map(|o| o.expect("finished")));
    outputs
}
