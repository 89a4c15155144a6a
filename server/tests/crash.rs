//! kill -9 mid-stream: the server binary, on its embedded on-disk database, is killed while
//! sign-ups and bookings pour in; restarted on the same data, every write it acknowledged is there
//! and every mail it queued goes out.

mod support;

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::PASSWORD;
use support::process::{self, ServerProcess, browser as client, free_port};
use support::smtp::SmtpServer;

/// The server binary on `data`, sending its mail to `smtp`.
fn start(port: u16, data: &Path, smtp: &SmtpServer) -> ServerProcess {
    ServerProcess::start(
        port,
        &[
            ("TANDEM_DB_URL", format!("surrealkv://{}", data.display())),
            ("TANDEM_SMTP_URL", smtp.url()),
            ("TANDEM_OUTBOX_POLL_MS", "50".into()),
            // a mail claimed by the killed server goes out soon after, not in five minutes
            ("TANDEM_OUTBOX_LEASE_SECS", "2".into()),
        ],
    )
}

async fn call(
    base: &str,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Result<reqwest::Response, reqwest::Error> {
    process::call(base, base, client, endpoint, form).await
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
    let port = free_port(false);
    let base = format!("http://127.0.0.1:{port}");

    let first = start(port, &data, &smtp);
    let pro = client();
    let service =
        process::professional_with_service(&base, &base, &base, &pro, "ada@crash.example").await;

    // four streams of writes at once; the kill lands while they are in flight
    let next = Arc::new(AtomicUsize::new(0));
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let streams: Vec<_> = (0..4)
        .map(|_| {
            tokio::spawn(write_until_refused(
                base.clone(),
                pro.clone(),
                service.clone(),
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
    let second = start(port, &data, &smtp);
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
