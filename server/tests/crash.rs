//! kill -9 mid-stream: the server binary, on its embedded on-disk database, is killed while
//! sign-ups and bookings pour in; restarted on the same data, every write it acknowledged is there
//! and every mail it queued goes out.

mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::smtp::SmtpServer;
use support::{PASSWORD, REQUEST_TIMEOUT};

/// The server binary, started with the test's settings; its log lines come through `lines`.
struct Process {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Process {
    fn start(port: u16, data: &Path, smtp: &SmtpServer) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("TANDEM_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            .env("TANDEM_SFU_ADDR", "127.0.0.1:0")
            .env("TANDEM_DB_URL", format!("surrealkv://{}", data.display()))
            .env("TANDEM_SMTP_URL", smtp.url())
            .env("TANDEM_OUTBOX_POLL_MS", "50")
            // a mail claimed by the killed server goes out soon after, not in five minutes
            .env("TANDEM_OUTBOX_LEASE_SECS", "2")
            .env("TANDEM_AUTH_BURST", "100000")
            .env("TANDEM_AUTH_PER_HOUR", "1000000")
            // a Stripe that is never called: no stand-in process to outlive the killed server
            .env("TANDEM_STRIPE_SECRET_KEY", "sk_test_unused")
            .env("TANDEM_STRIPE_PUBLISHABLE_KEY", "pk_test_unused")
            .env("TANDEM_STRIPE_WEBHOOK_SECRET", "whsec_unused")
            .env("TANDEM_STRIPE_API_BASE", "http://127.0.0.1:9/")
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
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
        let process = Self { child, lines };
        process.wait_for_line("Tandem is running at");
        process
    }

    fn wait_for_line(&self, needle: &str) {
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
    fn stop(mut self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                assert!(exit.success(), "the restarted server ended with {exit}");
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

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap()
}

async fn call(
    base: &str,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Result<reqwest::Response, reqwest::Error> {
    client
        .post(format!("{base}/api/{endpoint}"))
        .header("origin", base)
        .form(form)
        .send()
        .await
}

/// What the killed server said it had done.
#[derive(Default)]
struct Acknowledged {
    sign_ups: Vec<String>,
    /// (the invitee's address, the booking's id)
    bookings: Vec<(String, String)>,
}

/// One stream of writes: a client signs up, then the professional books them; until a request
/// fails (the server is gone).
async fn write_until_refused(
    base: String,
    pro: reqwest::Client,
    service: String,
    next: Arc<AtomicUsize>,
    acked: Arc<Mutex<Acknowledged>>,
) {
    let start = chrono::Utc::now().date_naive() + chrono::Days::new(2);
    loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        let email = format!("client{i}@crash.example");
        let signed_up = call(
            &base,
            &client(),
            "sign_up",
            &[
                ("name", "Cy Client"),
                ("email", &email),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
            ],
        )
        .await;
        match signed_up {
            Ok(res) if res.status() == 200 => acked.lock().unwrap().sign_ups.push(email.clone()),
            Ok(res) => panic!("sign-up refused: {} {:?}", res.status(), res.text().await),
            Err(_) => return,
        }
        // one booking a day, so none overlaps another
        let day = start + chrono::Days::new(i as u64);
        let booked = call(
            &base,
            &pro,
            "invite_client",
            &[
                ("service", &service),
                ("date", &day.format("%Y-%m-%d").to_string()),
                ("time", "10:00"),
                ("client_name", "Cy Client"),
                ("client_email", &email),
            ],
        )
        .await;
        match booked {
            Ok(res) if res.status() == 200 => {
                let Ok(booking) = res.json::<app::domain::Booking>().await else {
                    return; // cut off mid-answer: not acknowledged
                };
                let id = booking.id.as_str().to_owned();
                acked.lock().unwrap().bookings.push((email, id));
            }
            Ok(res) => panic!("booking refused: {} {:?}", res.status(), res.text().await),
            Err(_) => return,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_and_queued_mail_survives_kill_9() {
    let smtp = SmtpServer::start();
    let dir = std::env::temp_dir().join(format!("tandem-crash-{}", server::db::new_key()));
    let data = dir.join("tandem.db");
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}");

    let first = Process::start(port, &data, &smtp);
    let pro = client();
    let res = call(
        &base,
        &pro,
        "sign_up",
        &[
            ("name", "Dr. Ada Lovelace"),
            ("email", "ada@crash.example"),
            ("password", PASSWORD),
            ("accept_terms", "yes"),
            ("role", "professional"),
            ("timezone", "UTC"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200);
    let res = call(
        &base,
        &pro,
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
    assert_eq!(res.status(), 200);
    let service: app::domain::Service = res.json().await.unwrap();

    // four streams of writes at once; the kill lands while they are in flight
    let next = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let streams: Vec<_> = (0..4)
        .map(|_| {
            tokio::spawn(write_until_refused(
                base.clone(),
                pro.clone(),
                service.id.as_str().to_owned(),
                next.clone(),
                acked.clone(),
            ))
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(120);
    while acked.lock().unwrap().bookings.len() < 12 {
        assert!(Instant::now() < deadline, "the writes are too slow");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    drop(first); // SIGKILL: no shutdown, no flush
    for stream in streams {
        stream.await.unwrap();
    }
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    assert!(acked.bookings.len() >= 12);

    // the same binary on the same data delivers what the killed one had queued
    let second = Process::start(port, &data, &smtp);
    let deadline = Instant::now() + Duration::from_secs(60);
    for (email, _) in &acked.bookings {
        while smtp.count(email, "Booked:") == 0 {
            assert!(
                Instant::now() < deadline,
                "the booking mail to {email} never went out"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    // a mail the killed server was sending may go out again (its lease ran out), but as the
    // same message: one Message-ID per booking mail, so the receiving side shows it once
    let mut ids: HashMap<String, Vec<String>> = HashMap::new();
    for mail in smtp.received() {
        if mail.subject.starts_with("Booked:") {
            ids.entry(mail.to.clone())
                .or_default()
                .push(mail.message_id);
        }
    }
    for (to, sent) in &ids {
        assert!(
            sent.iter().all(|id| id == &sent[0]),
            "{to} got different booking mails: {sent:?}"
        );
    }
    second.stop();

    // and the data itself: every acknowledged account and booking is on disk
    let db = server::db::connect(&server::config::DatabaseConfig {
        url: format!("surrealkv://{}", data.display()),
        namespace: "tandem".into(),
        database: "main".into(),
        credentials: None,
        connect_tries: 1,
    })
    .await
    .expect("the data opens after the restart");
    for email in &acked.sign_ups {
        let parsed = app::domain::Email::parse(email).unwrap();
        let found = server::db::users::credentials_by_email(&db, &parsed)
            .await
            .unwrap();
        assert!(
            found.is_some(),
            "the acknowledged sign-up of {email} is lost"
        );
    }
    for (email, id) in &acked.bookings {
        let booking = server::db::bookings::by_id(&db, &app::domain::BookingId::new(id.clone()))
            .await
            .unwrap();
        assert!(
            booking.is_some(),
            "the acknowledged booking of {email} ({id}) is lost"
        );
    }
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}
