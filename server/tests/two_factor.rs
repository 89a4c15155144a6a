//! Two-step log-in: set up from the key My profile shows (as an authenticator app would), then
//! every log-in asks for the code after the password; a code is taken once, wrong codes lock the
//! account like wrong passwords, a recovery code works once, and turning it off takes the
//! password and a code (and is not offered to professionals, who must keep it).

mod support;

use app::api::ApiError;
use app::domain::{Field, Problem, TwoFactorStatus};
use chrono::Duration;
use support::authenticator::code;
use support::user::User;
use support::{PASSWORD, TestApp, session_value};

const EMAIL: &str = "cy@example.com";

fn wrong_code(errors: &app::domain::FieldErrors) -> bool {
    errors
        .0
        .iter()
        .any(|e| e.field == Field::Code && e.problem == Problem::WrongCode)
}

/// Logs in with the password in a fresh browser, which is then asked for the code.
async fn password_step(app: &TestApp) -> reqwest::Client {
    let browser = app.client();
    let res = app.log_in(&browser, EMAIL, PASSWORD).await;
    assert_eq!(res.status(), 200);
    assert!(
        session_value(res.headers()).is_none(),
        "no session before the code"
    );
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/login/code"), "{to}");
    assert_eq!(
        app.page(&browser, "/").await.status(),
        302,
        "not signed in yet"
    );
    browser
}

/// The key of the set-up under way, as My profile shows it.
async fn shown_key(user: &User<'_>) -> String {
    user.answer::<TwoFactorStatus>("two_factor_status", &[])
        .await
        .setup
        .expect("a set-up under way")
        .key
}

/// Sets an app up from the key shown and turns two-step log-in on with its code: the key.
async fn turn_on(app: &TestApp, user: &User<'_>) -> String {
    let _: () = user.answer("begin_two_factor", &[]).await;
    let key = shown_key(user).await;
    let _: Vec<String> = user
        .answer("enable_two_factor", &[("code", &code(&key, app.now()))])
        .await;
    key
}

#[tokio::test]
async fn a_client_turns_it_on_and_each_log_in_then_takes_a_fresh_code() {
    let app = TestApp::spawn().await;
    let cy = app.user("Cy Client", EMAIL).await;
    let status: TwoFactorStatus = cy.answer("two_factor_status", &[]).await;
    assert_eq!(
        status,
        TwoFactorStatus::default(),
        "off, and optional for a client"
    );

    // setting up shows a QR code and the same key as text
    let _: () = cy.answer("begin_two_factor", &[]).await;
    let status: TwoFactorStatus = cy.answer("two_factor_status", &[]).await;
    let setup = status.setup.expect("a set-up under way");
    assert!(!status.on && setup.qr.size > 21 && !setup.qr.path.is_empty());
    let page = cy.page("/profile").await.text().await.unwrap();
    assert!(
        page.contains(&setup.key),
        "the key is on the page, beside the QR code"
    );
    assert!(
        page.contains("aria-label=\"QR code for your authenticator app\""),
        "{page}"
    );

    // a wrong code doesn't turn it on; the app's code does, and gives the recovery codes
    assert!(
        wrong_code(&cy.invalid("enable_two_factor", &[("code", "000000")]).await)
            || code(&setup.key, app.now()) == "000000"
    );
    assert!(
        !cy.answer::<TwoFactorStatus>("two_factor_status", &[])
            .await
            .on
    );
    let first = code(&setup.key, app.now());
    let recovery: Vec<String> = cy.answer("enable_two_factor", &[("code", &first)]).await;
    assert_eq!(recovery.len(), 10);
    let status: TwoFactorStatus = cy.answer("two_factor_status", &[]).await;
    assert!(status.on && status.setup.is_none());
    assert_eq!(status.recovery_left, 10);

    // the password alone no longer signs in; the code that turned it on can't be used again
    let browser = password_step(&app).await;
    let refused = app
        .invalid(&browser, "log_in_code", &[("code", &first)])
        .await;
    assert!(wrong_code(&refused), "{refused:?}");
    // the next code does, once
    app.clock.advance(Duration::seconds(30));
    let next = code(&setup.key, app.now());
    let res = app
        .call(
            &browser,
            "log_in_code",
            &[("code", &next), ("next", "/profile")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(session_value(res.headers()).is_some());
    assert_eq!(res.headers()["location"], "/profile");
    assert_eq!(app.page(&browser, "/").await.status(), 200);
    let again = password_step(&app).await;
    assert!(wrong_code(
        &app.invalid(&again, "log_in_code", &[("code", &next)]).await
    ));

    // a recovery code works once
    let res = app
        .call(
            &again,
            "log_in_code",
            &[("code", &recovery[0].to_uppercase())],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.page(&again, "/").await.status(), 200);
    let other = password_step(&app).await;
    assert!(wrong_code(
        &app.invalid(&other, "log_in_code", &[("code", &recovery[0])])
            .await
    ));
    let status: TwoFactorStatus = cy.answer("two_factor_status", &[]).await;
    assert_eq!(status.recovery_left, 9);

    // without the password step there is nothing to give a code to
    let (status, error) = app
        .refusal(&app.client(), "log_in_code", &[("code", &recovery[1])])
        .await;
    assert_eq!((status, error), (401, ApiError::Unauthenticated));

    // turning it off takes the password and a code
    app.clock.advance(Duration::seconds(30));
    let now_code = code(&setup.key, app.now());
    let errors = cy
        .invalid(
            "disable_two_factor",
            &[
                ("current_password", "not the password at all"),
                ("code", &now_code),
            ],
        )
        .await;
    assert!(
        errors.0.iter().any(|e| e.field == Field::CurrentPassword),
        "{errors:?}"
    );
    assert!(
        cy.answer::<TwoFactorStatus>("two_factor_status", &[])
            .await
            .on
    );
    let _: () = cy
        .answer(
            "disable_two_factor",
            &[("current_password", PASSWORD), ("code", &now_code)],
        )
        .await;
    assert!(
        !cy.answer::<TwoFactorStatus>("two_factor_status", &[])
            .await
            .on
    );
    assert!(app.can_log_in(EMAIL, PASSWORD).await);
}

#[tokio::test]
async fn wrong_codes_lock_the_account_like_wrong_passwords() {
    let app = TestApp::spawn().await;
    let cy = app.user("Cy Client", EMAIL).await;
    let key = turn_on(&app, &cy).await;
    app.clock.advance(Duration::seconds(30));

    let browser = password_step(&app).await;
    let right = code(&key, app.now());
    let wrong = if right == "123456" {
        "654321"
    } else {
        "123456"
    };
    for _ in 0..5 {
        assert!(wrong_code(
            &app.invalid(&browser, "log_in_code", &[("code", wrong)])
                .await
        ));
    }
    // locked: the right code gets the same answer as a wrong one
    assert!(wrong_code(
        &app.invalid(&browser, "log_in_code", &[("code", &right)])
            .await
    ));
    assert_eq!(app.page(&browser, "/").await.status(), 302);
    // and so does the password, until the lock ends
    let res = app.log_in(&app.client(), EMAIL, PASSWORD).await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn a_professional_must_keep_it_on() {
    let app = TestApp::spawn().await;
    let ann = support::practice::professional(&app, "ann@example.com", "UTC").await;
    let status: TwoFactorStatus = ann.answer("two_factor_status", &[]).await;
    assert!(status.required && !status.on);
    let key = turn_on(&app, &ann).await;
    app.clock.advance(Duration::seconds(30));
    let (status, error) = ann
        .refusal(
            "disable_two_factor",
            &[
                ("current_password", PASSWORD),
                ("code", &code(&key, app.now())),
            ],
        )
        .await;
    assert_eq!((status, error), (403, ApiError::Forbidden));
    assert!(
        ann.answer::<TwoFactorStatus>("two_factor_status", &[])
            .await
            .on
    );
}

#[tokio::test]
async fn where_it_is_required_a_professional_sets_it_up_before_anything_else() {
    let mut config = server::config::Config::for_tests();
    config.sessions.require_two_factor = true;
    let app = TestApp::spawn_with(config).await;
    let ann = support::practice::professional(&app, "ann@example.com", "UTC").await;
    let cy = app.user("Cy Client", EMAIL).await;

    // every page of her account leads to the set-up first, and nothing is done for her
    for path in ["/", "/profile"] {
        let res = ann.page(path).await;
        assert_eq!(res.status(), 302, "{path}");
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(to.starts_with("/two-factor?next="), "{path} went to {to}");
    }
    let (status, error) = ann.refusal("my_services", &[]).await;
    assert_eq!(
        (status, error),
        (409, ApiError::Refused(app::domain::Refusal::TwoFactorDue))
    );
    // a client goes straight on
    assert_eq!(cy.page("/").await.status(), 200);

    // the page to set it up works without JavaScript, and once it is on she goes on
    let res = app
        .post_form(
            &ann.browser,
            "begin_two_factor",
            "/two-factor?next=/hours",
            &[],
        )
        .await;
    assert_eq!(res.status(), 302);
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        back.ends_with("/two-factor?next=/hours") || back.ends_with("/two-factor?next=%2Fhours"),
        "back to the page it came from: {back}"
    );
    let page = ann
        .page("/two-factor?next=/hours")
        .await
        .text()
        .await
        .unwrap();
    let key = shown_key(&ann).await;
    assert!(page.contains(&key), "{page}");
    let _: Vec<String> = ann
        .answer("enable_two_factor", &[("code", &code(&key, app.now()))])
        .await;
    let page = ann
        .page("/two-factor?next=/hours")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("href=\"/hours\""), "a way on: {page}");
    assert_eq!(ann.page("/").await.status(), 200);
    let _: serde_json::Value = ann.answer("my_services", &[]).await;
}

#[tokio::test]
async fn the_account_is_told_by_mail_when_it_is_turned_on_or_off() {
    let smtp = support::smtp::SmtpServer::start();
    let app = support::practice::app_with_mail(&smtp, Default::default()).await;
    let cy = app.user("Cy Client", EMAIL).await;
    let key = turn_on(&app, &cy).await;
    let on = cy.mail(&smtp, "Two-step log-in is on").await;
    assert!(on.text.contains("/profile"), "{}", on.text);

    // a wrong code turns nothing off, and tells nobody
    app.clock.advance(Duration::seconds(30));
    let wrong = if code(&key, app.now()) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let _ = cy
        .invalid(
            "disable_two_factor",
            &[("current_password", PASSWORD), ("code", wrong)],
        )
        .await;
    let _: () = cy
        .answer(
            "disable_two_factor",
            &[
                ("current_password", PASSWORD),
                ("code", &code(&key, app.now())),
            ],
        )
        .await;
    cy.mail(&smtp, "was turned off").await;
    app.workers_have_looked().await;
    assert_eq!(smtp.count(EMAIL, "Two-step log-in"), 2, "one mail each way");
}

/// The recovery codes listed on a rendered page.
fn codes_on(page: &str) -> Vec<String> {
    page.split("<li><code>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</code>"))
        // without the hydration marker the page may put after text
        .map(|(code, _)| code.trim_end_matches("<!>").to_owned())
        .collect()
}

#[tokio::test]
async fn without_javascript_the_recovery_codes_are_shown_once_too() {
    let app = TestApp::spawn().await;
    let cy = app.user("Cy Client", EMAIL).await;
    let _: () = cy.answer("begin_two_factor", &[]).await;
    let key = shown_key(&cy).await;
    let res = app
        .post_form(
            &cy.browser,
            "enable_two_factor",
            "/profile",
            &[("code", &code(&key, app.now()))],
        )
        .await;
    assert_eq!(res.status(), 302);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("tandem_codes="))
        .expect("the codes kept for the page");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Max-Age=300"),
        "{cookie}"
    );

    // the page it lands on shows them, once
    let page = cy.page("/profile").await.text().await.unwrap();
    assert!(page.contains("Your recovery codes"), "{page}");
    let codes = codes_on(&page);
    assert_eq!(codes.len(), 10, "{codes:?}");
    let again = cy.page("/profile").await.text().await.unwrap();
    assert!(codes_on(&again).is_empty(), "shown a second time");
    assert!(!again.contains("Your recovery codes"));

    // and they are the real ones: one logs in
    let browser = password_step(&app).await;
    let res = app
        .call(&browser, "log_in_code", &[("code", &codes[3])])
        .await;
    assert_eq!(res.status(), 200, "{codes:?}");
    assert!(session_value(res.headers()).is_some());
}
