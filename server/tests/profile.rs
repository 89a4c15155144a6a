//! My profile: name and password changes act on the signed-in user only.

mod support;

use app::domain::{CurrentUser, Field, PasswordError, Problem};
use support::practice::app_with_mail;
use support::smtp::{Received, SmtpServer};
use support::{PASSWORD, TestApp, session_value};

const NEW_PASSWORD: &str = "a brand new passphrase";

#[tokio::test]
async fn renaming_changes_only_my_name_and_needs_a_login() {
    let app = TestApp::spawn().await;
    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    let bea = app.client();
    app.signed_up(&bea, "Bea", "bea@example.com", PASSWORD)
        .await;

    let res = app
        .call(&ann, "update_name", &[("name", "  Ann Smith ")])
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["location"], "/profile?saved=name");
    let html = app.page(&ann, "/profile").await.text().await.unwrap();
    assert!(html.contains("Ann Smith"));
    assert!(
        app.page(&bea, "/")
            .await
            .text()
            .await
            .unwrap()
            .contains("Bea")
    );

    let res = app.call(&ann, "update_name", &[("name", "   ")]).await;
    assert_eq!(res.status(), 422);
    assert!(
        app.page(&ann, "/")
            .await
            .text()
            .await
            .unwrap()
            .contains("Ann Smith")
    );

    let res = app
        .call(&app.client(), "update_name", &[("name", "Mallory")])
        .await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn a_wrong_current_password_changes_nothing() {
    let app = TestApp::spawn().await;
    let me = app.client();
    app.signed_up(&me, "Ann", "ann@example.com", PASSWORD).await;
    let errors = app
        .invalid(
            &me,
            "change_password",
            &[
                ("current_password", "not my password"),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        (errors.0[0].field, errors.0[0].problem),
        (Field::CurrentPassword, Problem::WrongCurrentPassword)
    );
    assert_eq!(app.page(&me, "/").await.status(), 200, "still logged in");
    assert!(app.can_log_in("ann@example.com", PASSWORD).await);
    assert!(!app.can_log_in("ann@example.com", NEW_PASSWORD).await);
}

#[tokio::test]
async fn changing_the_password_renews_my_session_and_ends_the_others() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Default::default()).await;
    let me = app.client();
    let first = app.sign_up(&me, "Ann", "ann@example.com", PASSWORD).await;
    let old_cookie = session_value(first.headers()).unwrap();
    let other = app.client();
    app.log_in(&other, "ann@example.com", PASSWORD).await;

    let res = app
        .call(
            &me,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let new_cookie = session_value(res.headers()).expect("a fresh session");
    assert_ne!(new_cookie, old_cookie);
    assert_eq!(app.page(&me, "/").await.status(), 200);
    assert_eq!(app.page(&other, "/").await.status(), 302);
    let replay = app
        .client()
        .get(app.url("/"))
        .header("accept", "text/html")
        .header("cookie", format!("tandem_session={old_cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 302, "the old session id is dead");
    assert!(app.can_log_in("ann@example.com", NEW_PASSWORD).await);

    // the owner is told, by mail
    smtp.wait_for("ann@example.com", "password was changed")
        .await;
}

/// The mail to `to` about `subject`, as the SMTP server received it.
async fn mail(smtp: &SmtpServer, to: &str, subject: &str) -> Received {
    smtp.wait_for(to, subject).await
}

fn token_in(text: &str) -> String {
    text.split_whitespace()
        .find_map(|w| w.split("token=").nth(1))
        .expect("a link with a token")
        .to_owned()
}

#[tokio::test]
async fn a_new_email_takes_effect_only_through_the_link_sent_to_it() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Default::default()).await;
    let me = app.client();
    app.signed_up(&me, "Ann", "ann@example.com", PASSWORD).await;

    // the current password is required, and a wrong one changes nothing
    let res = app
        .call(
            &me,
            "request_email_change",
            &[
                ("email", "ann@new.example"),
                ("current_password", "wrong one"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("CurrentPassword"));

    let res = app
        .call(
            &me,
            "request_email_change",
            &[("email", "Ann@New.example"), ("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);
    // the old address is told; nothing has changed yet
    let notice = mail(&smtp, "ann@example.com", "change of your Tandem email").await;
    assert!(notice.text.contains("Ann@New.example"));
    assert!(app.can_log_in("ann@example.com", PASSWORD).await);

    let confirm = mail(&smtp, "Ann@New.example", "Confirm your new").await;
    let token = token_in(&confirm.text);
    // the link opens a page with a button; opening it changes nothing by itself
    let page = app
        .page(&app.client(), &format!("/confirm-email?token={token}"))
        .await;
    assert!(page.text().await.unwrap().contains("Confirm new email"));
    assert!(app.can_log_in("ann@example.com", PASSWORD).await);

    let res = app
        .call(&app.client(), "confirm_email_change", &[("token", &token)])
        .await;
    assert_eq!(res.status(), 200);
    assert!(!app.can_log_in("ann@example.com", PASSWORD).await);
    assert!(app.can_log_in("ann@new.example", PASSWORD).await);

    let again = app
        .call(&app.client(), "confirm_email_change", &[("token", &token)])
        .await;
    assert_eq!(again.status(), 410, "the link works once");
}

#[tokio::test]
async fn an_address_taken_meanwhile_is_not_stolen() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Default::default()).await;
    let me = app.client();
    app.signed_up(&me, "Ann", "ann@example.com", PASSWORD).await;
    app.call(
        &me,
        "request_email_change",
        &[
            ("email", "shared@example.com"),
            ("current_password", PASSWORD),
        ],
    )
    .await;
    let token = token_in(&mail(&smtp, "shared@example.com", "Confirm").await.text);
    app.signed_up(&app.client(), "Bea", "shared@example.com", PASSWORD)
        .await;

    let res = app
        .call(&app.client(), "confirm_email_change", &[("token", &token)])
        .await;
    assert_eq!(res.status(), 409);
    assert!(app.can_log_in("ann@example.com", PASSWORD).await);
}

#[tokio::test]
async fn the_time_zone_comes_from_sign_up_and_can_be_changed() {
    let app = TestApp::spawn().await;
    let me = app.client();
    app.call(
        &me,
        "sign_up",
        &[
            ("name", "Ann"),
            ("email", "ann@example.com"),
            ("password", PASSWORD),
            ("accept_terms", "yes"),
            ("timezone", "Atlantic/Reykjavik"),
        ],
    )
    .await;
    assert_eq!(timezone_of(&app, &me).await, "Atlantic/Reykjavik");

    // a browser that sent nothing usable starts on UTC
    let other = app.client();
    app.call(
        &other,
        "sign_up",
        &[
            ("name", "Bea"),
            ("email", "bea@example.com"),
            ("password", PASSWORD),
            ("accept_terms", "yes"),
            ("timezone", "Mars/Olympus"),
        ],
    )
    .await;
    assert_eq!(timezone_of(&app, &other).await, "UTC");

    let res = app
        .call(&me, "update_timezone", &[("timezone", "Asia/Tokyo")])
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(timezone_of(&app, &me).await, "Asia/Tokyo");
    let res = app
        .call(&me, "update_timezone", &[("timezone", "Nowhere/Land")])
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(timezone_of(&app, &me).await, "Asia/Tokyo");
    let res = app
        .call(&app.client(), "update_timezone", &[("timezone", "UTC")])
        .await;
    assert_eq!(res.status(), 401);
}

async fn timezone_of(app: &TestApp, client: &reqwest::Client) -> String {
    let me: Option<CurrentUser> = app.answer(client, "current_user", &[]).await;
    me.expect("signed in").timezone.name().to_owned()
}

#[tokio::test]
async fn a_common_new_password_is_refused_next_to_the_new_password() {
    let app = TestApp::spawn().await;
    let me = app.client();
    app.signed_up(&me, "Ann", "ann@example.com", PASSWORD).await;
    let errors = app
        .invalid(
            &me,
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "iloveyou1234"),
            ],
        )
        .await;
    assert_eq!(
        (errors.0[0].field, errors.0[0].problem),
        (Field::NewPassword, Problem::Password(PasswordError::Common))
    );
    assert!(app.can_log_in("ann@example.com", PASSWORD).await);
}
