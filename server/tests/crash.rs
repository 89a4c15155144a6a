//! kill -9 mid-stream: the server binary, on its embedded on-disk database, is killed while
//! sign-ups, bookings and payments pour in; restarted on the same data, every write it
//! acknowledged is there, every mail it queued goes out, and no bill is charged twice.

mod support;

use app::domain::{Bill, BillStatus, Card, PayOutcome, StripeHandoff};
use server::payments::standin::StandIn;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::PASSWORD;
use support::practice::token_of;
use support::process::{self, ServerProcess, browser as client, free_port};
use support::smtp::{SmtpServer, link_containing};
use support::stripe::{VISA, confirm_setup_at_stripe, payment_intents};

/// The server binary on `data`, sending its mail to `smtp` and its payments to `stripe` (a
/// stand-in the test owns, so that it outlives the killed server, as Stripe would).
fn start(port: u16, data: &Path, smtp: &SmtpServer, stripe: &StandIn) -> ServerProcess {
    let api = format!("{}/", stripe.base_url);
    ServerProcess::start(
        port,
        &[
            ("TANDEM_DB_URL", format!("surrealkv://{}", data.display())),
            ("TANDEM_SMTP_URL", smtp.url()),
            ("TANDEM_OUTBOX_POLL_MS", "50".into()),
            // a mail claimed by the killed server goes out soon after, not in five minutes
            ("TANDEM_OUTBOX_LEASE_SECS", "2".into()),
            ("TANDEM_STRIPE_SECRET_KEY", "sk_test_crash".into()),
            ("TANDEM_STRIPE_PUBLISHABLE_KEY", "pk_test_crash".into()),
            ("TANDEM_STRIPE_API_BASE", api.clone()),
            ("TANDEM_STRIPE_JS_URL", format!("{api}js.stripe.com/v3/")),
            ("TANDEM_STRIPE_WEBHOOK_SECRET", "whsec_crash".into()),
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

/// A server function's answer; None when the server is gone (refused, or cut off mid-answer).
async fn answer<T: serde::de::DeserializeOwned>(
    base: &str,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> Option<T> {
    let res = call(base, client, endpoint, form).await.ok()?;
    if res.status() != 200 {
        panic!(
            "{endpoint} refused: {} {:?}",
            res.status(),
            res.text().await
        );
    }
    res.json().await.ok()
}

/// The join link's token in the booking mail to `email`, once it has come; None when the server is
/// gone first (its mail then goes out after the restart).
async fn invitation_token(base: &str, smtp: &SmtpServer, email: &str) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mail = smtp
            .received()
            .into_iter()
            .find(|m| m.to == email && m.subject.starts_with("Booked:"));
        if let Some(mail) = mail {
            return Some(token_of(&link_containing(&mail.text, "token=")));
        }
        if reqwest::get(format!("{base}/healthz")).await.is_err() {
            return None;
        }
        assert!(
            Instant::now() < deadline,
            "the booking mail to {email} never came"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The client saves a card (its details go to Stripe only) and pays the booking's bill: the
/// bill's id once the server says it is paid; None when the server is gone first.
async fn pay(base: &str, cy: &reqwest::Client, booking: &str) -> Option<String> {
    let handoff: StripeHandoff = answer(base, cy, "begin_card", &[]).await?;
    let (status, _) = confirm_setup_at_stripe(&handoff, VISA).await;
    assert_eq!(status, 200, "Stripe took the card");
    let seti = handoff.client_secret.split("_secret_").next().unwrap();
    let _: Card = answer(base, cy, "finish_card", &[("setup_intent", seti)]).await?;
    let bills: Vec<Bill> = answer(base, cy, "my_bills", &[]).await?;
    let bill = bills
        .into_iter()
        .find(|b| b.booking.as_str() == booking)
        .expect("the booking's bill is the client's");
    let paid: PayOutcome = answer(base, cy, "pay_bill", &[("id", bill.id.as_str())]).await?;
    assert_eq!(paid, PayOutcome::Paid);
    Some(bill.id.as_str().to_owned())
}

/// What the killed server said it had done.
#[derive(Default)]
struct Acknowledged {
    sign_ups: Vec<String>,
    /// (the invitee's address, the booking's id)
    bookings: Vec<(String, String)>,
    /// the ids of the bills it said were paid
    payments: Vec<String>,
}

/// One stream of writes: a client signs up, the professional books them, the client takes the
/// booking from its mail and pays; until a request fails (the server is gone).
async fn write_until_refused(
    base: String,
    smtp: Arc<SmtpServer>,
    pro: reqwest::Client,
    service: String,
    next: Arc<AtomicUsize>,
    acked: Arc<Mutex<Acknowledged>>,
) {
    let start = chrono::Utc::now().date_naive() + chrono::Days::new(2);
    loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        let email = format!("client{i}@crash.example");
        let cy = client();
        let signed_up = call(
            &base,
            &cy,
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
                acked
                    .lock()
                    .unwrap()
                    .bookings
                    .push((email.clone(), id.clone()));
                let Some(token) = invitation_token(&base, &smtp, &email).await else {
                    return;
                };
                let taken: Option<serde_json::Value> =
                    answer(&base, &cy, "open_invitation", &[("token", &token)]).await;
                if taken.is_none() {
                    return;
                }
                let Some(bill) = pay(&base, &cy, &id).await else {
                    return;
                };
                acked.lock().unwrap().payments.push(bill);
            }
            Ok(res) => panic!("booking refused: {} {:?}", res.status(), res.text().await),
            Err(_) => return,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_and_queued_mail_survives_kill_9() {
    let smtp = Arc::new(SmtpServer::start());
    let stripe = StandIn::start(0, None).await.expect("the stand-in starts");
    let dir = std::env::temp_dir().join(format!("tandem-crash-{}", server::db::new_key()));
    let data = dir.join("tandem.db");
    let port = free_port(false);
    let base = format!("http://127.0.0.1:{port}");

    let first = start(port, &data, &smtp, &stripe);
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
                smtp.clone(),
                pro.clone(),
                service.clone(),
                next.clone(),
                acked.clone(),
            ))
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(120);
    while acked.lock().unwrap().payments.len() < 8 {
        assert!(Instant::now() < deadline, "the writes are too slow");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    drop(first); // SIGKILL: no shutdown, no flush
    for stream in streams {
        stream.await.unwrap();
    }
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    assert!(acked.payments.len() >= 8);

    // the same binary on the same data delivers what the killed one had queued
    let second = start(port, &data, &smtp, &stripe);
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
    // and the money: a bill is charged at most once, every payment it acknowledged is paid, and
    // a bill Stripe charged (the kill may land between Stripe's answer and our write) is never
    // open to be charged again: paid, or settling with the reconciler
    let intents = payment_intents(&stripe.base_url).await;
    assert!(intents.len() < 100, "the stand-in's list holds them all");
    let mut charged: HashMap<String, usize> = HashMap::new();
    for pi in intents.iter().filter(|pi| pi["status"] == "succeeded") {
        let bill = pi["metadata"]["tandem_bill"]
            .as_str()
            .expect("the bill it pays");
        *charged.entry(bill.to_owned()).or_default() += 1;
    }
    let bill_status = async |id: &str| {
        let found = server::db::bills::with_client(&db, &app::domain::BillId::new(id))
            .await
            .unwrap();
        found
            .unwrap_or_else(|| panic!("bill {id} is lost"))
            .0
            .status
    };
    for (bill, times) in &charged {
        assert_eq!(*times, 1, "bill {bill} was charged {times} times");
        let status = bill_status(bill).await;
        assert!(
            matches!(status, BillStatus::Paid | BillStatus::Processing),
            "bill {bill} was charged and is {status:?}"
        );
    }
    for bill in &acked.payments {
        assert_eq!(
            bill_status(bill).await,
            BillStatus::Paid,
            "the acknowledged payment of bill {bill} is lost"
        );
        assert_eq!(charged.get(bill), Some(&1), "bill {bill} paid, once");
    }
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}
