//! "Forgot your password?" end to end: the mail really leaves over SMTP and its link works once.

mod support;

use app::domain::{PasswordError, Problem};
use chrono::Duration;
use server::config::Config;
use std::sync::Arc;
use support::smtp::{SmtpServer, link_containing};
use support::{PASSWORD, ShiftedClock, TestApp, session_value};

const NEW_PASSWORD: &str = "a brand new passphrase";

async fn app_with_mail(smtp: &SmtpServer, clock: Arc<ShiftedClock>) -> TestApp {
    let mut config = Config::for_tests();
    config.mail.smtp_url = Some(smtp.url().into());
    config.public_url = "http://tandem.test".into();
    TestApp::spawn_with_clock(config, clock).await
}

async fn ask_for_reset(app: &TestApp, email: &str) -> reqwest::Response {
    app.call(&app.client(), "request_password_reset", &[("email", email)])
        .await
}

/// Asks for a reset link and returns the token from the mail that arrives.
async fn emailed_reset_token(app: &TestApp, smtp: &SmtpServer, email: &str) -> String {
    ask_for_reset(app, email).await;
    let mail = smtp.wait_for(email, "Reset your").await;
    token_from(&link_containing(&mail.text, "token="))
}

/// The token from the emailed link.
fn token_from(link: &str) -> String {
    link.split("token=").nth(1).unwrap().to_owned()
}

#[tokio::test]
async fn the_emailed_link_resets_the_password_once_and_ends_other_sessions() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Arc::default()).await;
    let phone = app.client();
    app.signed_up(&phone, "Ann Smith", "ann@example.com", PASSWORD)
        .await;
    assert_eq!(app.page(&phone, "/").await.status(), 200);

    let res = ask_for_reset(&app, "ANN@example.com").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["location"], "/forgot-password?sent=1");

    let mail = smtp
        .wait_for("ann@example.com", "Reset your Tandem password")
        .await;
    assert!(mail.text.contains("Hello Ann Smith"));
    assert!(mail.html.contains("Choose a new password"));
    let link = link_containing(&mail.text, "/reset-password?token=");
    assert!(
        link.starts_with("http://tandem.test/reset-password?token="),
        "{link}"
    );
    assert!(mail.html.contains(&link), "both bodies carry the link");
    assert!(
        mail.message_id.contains("@localhost"),
        "{}",
        mail.message_id
    );

    // the link opens the form
    let path = link.strip_prefix("http://tandem.test").unwrap();
    let page = app.page(&app.client(), path).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Choose a new password"));

    let laptop = app.client();
    let token = token_from(&link);
    // a common password is refused, and the link stays good for a better one (SEC-03)
    let weak = app
        .invalid(
            &laptop,
            "reset_password",
            &[("token", &token), ("password", "password1234")],
        )
        .await;
    assert_eq!(weak.0[0].problem, Problem::Password(PasswordError::Common));
    assert!(app.can_log_in("ann@example.com", PASSWORD).await);
    let res = app
        .call(
            &laptop,
            "reset_password",
            &[("token", &token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["location"], "/");
    assert!(session_value(res.headers()).is_some(), "logged in");
    assert_eq!(app.page(&laptop, "/").await.status(), 200);

    // every other session is over, the old password is dead, the new one works
    assert_eq!(app.page(&phone, "/").await.status(), 302);
    assert!(!app.can_log_in("ann@example.com", PASSWORD).await);
    assert!(app.can_log_in("ann@example.com", NEW_PASSWORD).await);

    // the link works once
    let again = app
        .call(
            &app.client(),
            "reset_password",
            &[("token", &token), ("password", "yet another passphrase")],
        )
        .await;
    assert_eq!(again.status(), 410);
    assert!(again.text().await.unwrap().contains("LinkExpired"));

    // and the owner is told
    let told = smtp
        .wait_for("ann@example.com", "password was changed")
        .await;
    assert!(told.text.contains("every other device was logged out"));
    // the outbox no longer keeps the link
    let leftovers = server::db::outbox::recent(&app.running.db, 10)
        .await
        .unwrap();
    assert!(
        leftovers
            .iter()
            .all(|m| m.status == "sent" && !m.mail.text_body.contains(&token))
    );
}

#[tokio::test]
async fn links_expire_after_30_minutes() {
    let smtp = SmtpServer::start();
    let clock = Arc::new(ShiftedClock::default());
    let app = app_with_mail(&smtp, clock.clone()).await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    let token = emailed_reset_token(&app, &smtp, "ann@example.com").await;

    clock.advance(Duration::minutes(31));
    let res = app
        .call(
            &app.client(),
            "reset_password",
            &[("token", &token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 410);
    assert!(app.can_log_in("ann@example.com", PASSWORD).await);
}

#[tokio::test]
async fn unknown_and_known_addresses_get_the_same_answer_and_only_owners_get_mail() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Arc::default()).await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;

    // the unknown address first: once the known one's mail has arrived, any for it would have too
    let unknown = ask_for_reset(&app, "nobody@example.com").await;
    let known = ask_for_reset(&app, "ann@example.com").await;
    assert_eq!(known.status(), unknown.status());
    let names = |r: &reqwest::Response| {
        let mut v: Vec<String> = r.headers().keys().map(|k| k.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(names(&known), names(&unknown));
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());

    smtp.wait_for("ann@example.com", "Reset your").await;
    app.workers_have_looked().await;
    assert!(smtp.received().iter().all(|m| !m.to.contains("nobody")));
}

#[tokio::test]
async fn a_reset_lifts_the_log_in_lock() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Arc::default()).await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    for _ in 0..5 {
        app.log_in(&app.client(), "ann@example.com", "not the password")
            .await;
    }
    assert!(!app.can_log_in("ann@example.com", PASSWORD).await, "locked");

    let token = emailed_reset_token(&app, &smtp, "ann@example.com").await;
    app.call(
        &app.client(),
        "reset_password",
        &[("token", &token), ("password", NEW_PASSWORD)],
    )
    .await;
    assert!(app.can_log_in("ann@example.com", NEW_PASSWORD).await);
}

#[tokio::test]
async fn without_smtp_mail_waits_in_the_development_mailbox_with_clickable_links() {
    let app = TestApp::spawn().await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    ask_for_reset(&app, "ann@example.com").await;
    let mut html = String::new();
    for _ in 0..50 {
        html = app
            .page(&app.client(), "/dev/mailbox")
            .await
            .text()
            .await
            .unwrap();
        if html.contains("Reset your Tandem password") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(html.contains("Reset your Tandem password"), "{html}");
    assert!(
        html.contains("<a href=\"http://127.0.0.1/reset-password?token="),
        "{html}"
    );

    // it is a page like the others: same security headers
    let res = app.page(&app.client(), "/dev/mailbox").await;
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(res.headers()["cache-control"], "no-store");

    // a visitor through a reverse proxy on this machine is not local: no mail for them
    let res = app
        .client()
        .get(app.url("/dev/mailbox"))
        .header("x-forwarded-for", "192.0.2.7")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(
        !res.text()
            .await
            .unwrap()
            .contains("Reset your Tandem password")
    );

    // with SMTP configured there is no mailbox page
    let smtp = SmtpServer::start();
    let with_smtp = app_with_mail(&smtp, Arc::default()).await;
    let res = with_smtp.page(&with_smtp.client(), "/dev/mailbox").await;
    assert_eq!(res.status(), 404);
}
