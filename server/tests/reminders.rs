//! Reminders before each appointment: each sent exactly once, late rather than never across a
//! restart, never for a session that has begun or was cancelled, and only when wanted.

mod support;

use app::domain::{Notification, NotificationKind, NotificationSettings};
use chrono::{DateTime, Duration, Utc};
use server::clock::Clock;
use server::config::Config;
use std::sync::Arc;
use support::practice::{ada_books_cy, start_in};
use support::smtp::SmtpServer;
use support::{ShiftedClock, TestApp};

fn config(smtp: &SmtpServer) -> Config {
    let mut config = Config::for_tests();
    config.mail.smtp_url = Some(smtp.url().into());
    config
}

/// Moves the clock to `at` (only ever forward).
fn advance_to(clock: &ShiftedClock, at: DateTime<Utc>) {
    clock.advance(at - clock.now());
}

struct Booked {
    id: String,
    starts_at: DateTime<Utc>,
    client: reqwest::Client,
}

/// A session three days from the clock's now, its client's account made from the link.
async fn book(app: &TestApp, smtp: &SmtpServer) -> Booked {
    let starts_at = start_in(app, Duration::days(3));
    let booked = ada_books_cy(app, smtp, starts_at).await;
    Booked {
        id: booked.id,
        starts_at,
        client: booked.cy.browser,
    }
}

#[tokio::test]
async fn each_reminder_goes_out_once_at_its_time() {
    let smtp = SmtpServer::start();
    let clock = Arc::new(ShiftedClock::default());
    let app = TestApp::spawn_with_clock(config(&smtp), clock.clone()).await;
    let b = book(&app, &smtp).await;

    advance_to(&clock, b.starts_at - Duration::hours(25));
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Reminder"), 0, "not yet");

    advance_to(&clock, b.starts_at - Duration::hours(23));
    let mail = smtp.wait_for("cy@example.com", "Reminder").await;
    assert!(
        mail.text.contains(&format!("/appointments/{}", b.id)),
        "{}",
        mail.text
    );
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Reminder"), 1, "once");

    advance_to(&clock, b.starts_at - Duration::minutes(30));
    app.workers_have_looked().await;
    assert_eq!(
        smtp.count("cy@example.com", "Reminder"),
        2,
        "and the hour-before one"
    );
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Reminder"), 2);

    // days have passed: the old session is long over
    let cy = logged_in(&app, "cy@example.com").await;
    let notes: Vec<Notification> = app.answer(&cy, "my_notifications", &[]).await;
    let reminders = notes
        .iter()
        .filter(|n| n.kind == NotificationKind::Reminder)
        .count();
    assert_eq!(reminders, 2);
    let id = app_domain_id(&b.id);
    assert_eq!(
        server::db::reminders::count(&app.running.db, &id, "sent")
            .await
            .unwrap(),
        2
    );
}

async fn logged_in(app: &TestApp, email: &str) -> reqwest::Client {
    let client = app.client();
    assert_eq!(
        app.log_in(&client, email, support::PASSWORD).await.status(),
        200
    );
    client
}

fn app_domain_id(id: &str) -> app::domain::BookingId {
    app::domain::BookingId::new(id)
}

#[tokio::test]
async fn a_reminder_due_while_the_server_was_down_is_sent_once_when_it_is_back() {
    let smtp = SmtpServer::start();
    let clock = Arc::new(ShiftedClock::default());
    let dir = std::env::temp_dir().join(format!("tandem-test-{}", server::db::new_key()));
    let mut config = config(&smtp);
    config.database.url = format!("surrealkv://{}", dir.join("db").display());

    let app = TestApp::spawn_with_clock(config.clone(), clock.clone()).await;
    let b = book(&app, &smtp).await;
    app.running.shutdown().await.unwrap();

    // down through the 24-hour reminder's time
    advance_to(&clock, b.starts_at - Duration::hours(20));
    let app = TestApp::restart(config.clone(), clock.clone()).await;
    smtp.wait_for("cy@example.com", "Reminder").await;
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Reminder"), 1);

    // a second restart repeats nothing
    app.running.shutdown().await.unwrap();
    let app = TestApp::restart(config.clone(), clock.clone()).await;
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Reminder"), 1);

    // down through the session's start: the hour-before reminder is skipped, not sent late
    app.running.shutdown().await.unwrap();
    advance_to(&clock, b.starts_at + Duration::minutes(5));
    let app = TestApp::restart(config, clock.clone()).await;
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Reminder"), 1);
    let id = app_domain_id(&b.id);
    let db = &app.running.db;
    assert_eq!(
        server::db::reminders::count(db, &id, "sent").await.unwrap(),
        1
    );
    assert_eq!(
        server::db::reminders::count(db, &id, "skipped")
            .await
            .unwrap(),
        1
    );
    app.running.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn reminders_respect_the_email_setting_and_cancellations() {
    let smtp = SmtpServer::start();
    let clock = Arc::new(ShiftedClock::default());
    let app = TestApp::spawn_with_clock(config(&smtp), clock.clone()).await;
    let b = book(&app, &smtp).await;

    // reminders off, updates on: the app still tells, the inbox doesn't
    let res = app
        .call(
            &b.client,
            "save_notification_settings",
            &[("email_booking_updates", "yes")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let settings: NotificationSettings =
        app.answer(&b.client, "my_notification_settings", &[]).await;
    assert_eq!(
        settings,
        NotificationSettings {
            email_reminders: false,
            email_booking_updates: true
        }
    );
    advance_to(&clock, b.starts_at - Duration::hours(23));
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Reminder"), 0);
    let cy = logged_in(&app, "cy@example.com").await;
    let notes: Vec<Notification> = app.answer(&cy, "my_notifications", &[]).await;
    assert!(
        notes.iter().any(|n| n.kind == NotificationKind::Reminder),
        "{notes:?}"
    );

    // a cancelled session gets no more reminders
    let res = app.call(&cy, "cancel_booking", &[("id", &b.id)]).await;
    assert_eq!(res.status(), 409, "inside the 24-hour cut-off");
    let pro = logged_in(&app, "ada@example.com").await;
    assert_eq!(
        app.call(&pro, "cancel_booking", &[("id", &b.id)])
            .await
            .status(),
        200
    );
    let res = app
        .call(
            &cy,
            "save_notification_settings",
            &[("email_reminders", "yes"), ("email_booking_updates", "yes")],
        )
        .await;
    assert_eq!(res.status(), 200);
    advance_to(&clock, b.starts_at - Duration::minutes(30));
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Reminder"), 0);
    let id = app_domain_id(&b.id);
    assert_eq!(
        server::db::reminders::count(&app.running.db, &id, "pending")
            .await
            .unwrap(),
        0
    );
}
