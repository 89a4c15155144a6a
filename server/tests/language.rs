//! Language: pages follow the person's choice (or their browser's), and so do their emails.

mod support;

use app::domain::{CurrentUser, Field, Language};
use reqwest::header::{ACCEPT, ACCEPT_LANGUAGE};
use support::practice::app_with_mail;
use support::smtp::SmtpServer;
use support::{PASSWORD, TestApp, set_cookies};

async fn html(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    app.page(client, path).await.text().await.unwrap()
}

#[tokio::test]
async fn signed_out_pages_follow_the_browser_then_the_picker() {
    let app = TestApp::spawn().await;
    let browser = app.client();
    let page = browser
        .get(app.url("/login"))
        .header(ACCEPT, "text/html")
        .header(ACCEPT_LANGUAGE, "is-IS,is;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<html lang=\"is\""), "{page}");
    assert!(page.contains("Gleymdirðu lykilorðinu?"));

    let english = html(&app, &browser, "/login").await;
    assert!(english.contains("<html lang=\"en\""));
    assert!(english.contains("Forgot your password?"));

    // the picker remembers the choice for this browser and goes back where it was
    let res = app
        .post_form(
            &browser,
            "choose_language",
            "/login",
            &[("language", "is"), ("next", "/signup")],
        )
        .await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/signup");
    assert!(
        set_cookies(res.headers())
            .iter()
            .any(|c| c.starts_with("tandem_lang=is;") && c.contains("SameSite=Lax"))
    );
    assert!(
        html(&app, &browser, "/signup")
            .await
            .contains("Stofnaðu aðganginn þinn")
    );

    let res = app
        .call(
            &browser,
            "choose_language",
            &[("language", "de"), ("next", "/")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .call(
            &browser,
            "choose_language",
            &[("language", "en"), ("next", "https://evil.example")],
        )
        .await;
    assert_eq!(res.headers()["location"], "/", "stays on our site");
}

#[tokio::test]
async fn signing_up_in_icelandic_keeps_pages_and_emails_in_icelandic() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Default::default()).await;
    let thora = app.client();
    app.call(
        &thora,
        "choose_language",
        &[("language", "is"), ("next", "/")],
    )
    .await;
    app.signed_up(&thora, "Þóra Jónsdóttir", "thora@example.com", PASSWORD)
        .await;
    let me: Option<CurrentUser> = app.answer(&thora, "current_user", &[]).await;
    assert_eq!(me.expect("signed in").language, Language::Is);

    // a new browser with no cookie: logging in brings her language back
    let laptop = app.client();
    let res = app.log_in(&laptop, "thora@example.com", PASSWORD).await;
    assert!(
        set_cookies(res.headers())
            .iter()
            .any(|c| c.starts_with("tandem_lang=is;"))
    );
    let home = html(&app, &laptop, "/").await;
    assert!(home.contains("Gaman að sjá þig, Þóra"), "{home}");
    assert!(home.contains(">Greiðslur<"));

    // the reset email is in her language too
    app.call(
        &app.client(),
        "request_password_reset",
        &[("email", "thora@example.com")],
    )
    .await;
    // as delivered: subject and body decoded from the message the SMTP server received
    let mail = smtp
        .wait_for("thora@example.com", "Endurstilltu lykilorðið")
        .await;
    assert!(
        mail.text.starts_with("Hæ Þóra Jónsdóttir,"),
        "{}",
        mail.text
    );
}

#[tokio::test]
async fn changing_language_on_the_profile_switches_pages_and_emails() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Default::default()).await;
    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    let other_device = app.client();
    app.log_in(&other_device, "ann@example.com", PASSWORD).await;
    assert!(html(&app, &ann, "/profile").await.contains("My profile"));

    let res = app
        .call(&ann, "update_language", &[("language", "is")])
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["location"], "/profile?saved=language");
    let profile = html(&app, &ann, "/profile?saved=language").await;
    assert!(profile.contains("Prófíllinn minn"));
    assert!(profile.contains("Tungumálið þitt er vistað."));

    // the other device still has the English cookie: its next page fixes it
    let res = app.page(&other_device, "/").await;
    assert!(
        set_cookies(res.headers())
            .iter()
            .any(|c| c.starts_with("tandem_lang=is;")),
        "the stale language cookie is corrected"
    );
    assert!(
        html(&app, &other_device, "/")
            .await
            .contains("Gaman að sjá þig")
    );

    let errors = app
        .invalid(&ann, "update_language", &[("language", "klingon")])
        .await;
    assert_eq!(errors.0[0].field, Field::Language);
    assert_eq!(
        app.call(&app.client(), "update_language", &[("language", "en")])
            .await
            .status(),
        401
    );

    app.call(
        &ann,
        "change_password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "a brand new passphrase"),
        ],
    )
    .await;
    let mail = smtp.wait_for("ann@example.com", "var breytt").await;
    assert!(mail.text.contains("Ann"), "{}", mail.text);
}
