//! Sign-up, log-in, sessions and log-out against the real server.

mod support;

use app::api::ApiError;
use app::domain::{CurrentUser, Email, Field, PasswordError, Problem, TERMS_VERSION};
use support::user::field_errors;
use support::{PASSWORD, TestApp, session_value, set_cookies};

#[tokio::test]
async fn sign_up_creates_the_account_logs_in_and_records_terms() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let res = app
        .sign_up(&client, "Ann Smith", "ann@example.com", PASSWORD)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["location"],
        "/",
        "the app goes to the dashboard"
    );
    assert!(session_value(res.headers()).is_some());
    let body: CurrentUser = res.json().await.unwrap();
    assert_eq!(body.name.as_str(), "Ann Smith");
    assert_eq!(body.email.as_str(), "ann@example.com");

    // the dashboard knows who we are
    let home = app.page(&client, "/").await;
    assert_eq!(home.status(), 200);
    let html = home.text().await.unwrap();
    assert!(html.contains("Ann Smith"), "header shows the name: {html}");
    assert!(html.contains("No upcoming appointments"));

    let terms = server::db::users::terms_acceptance(
        &app.running.db,
        &Email::parse("ann@example.com").unwrap(),
    )
    .await
    .unwrap()
    .expect("user stored");
    assert_eq!(terms.terms_version, TERMS_VERSION);
    let accepted: chrono::DateTime<chrono::Utc> = terms.terms_accepted_at.into();
    assert!((app.now() - accepted).num_seconds().abs() < 60);
    assert_eq!(app.user_count().await, 1);
}

#[tokio::test]
async fn sign_up_without_accepting_terms_is_refused_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let res = app
        .call(
            &client,
            "sign_up",
            &[
                ("name", "Ann"),
                ("email", "ann@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(session_value(res.headers()).is_none());
    let errors = field_errors(res.json::<ApiError>().await.unwrap());
    assert_eq!(
        (errors.0[0].field, errors.0[0].problem),
        (Field::Terms, Problem::TermsNotAccepted),
        "{errors:?}"
    );
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn invalid_fields_are_all_reported_with_their_field() {
    let app = TestApp::spawn().await;
    let errors = app
        .invalid(
            &app.client(),
            "sign_up",
            &[
                ("name", "  "),
                ("email", "not-an-email"),
                ("password", "short"),
                ("accept_terms", "yes"),
            ],
        )
        .await;
    let fields: Vec<Field> = errors.0.iter().map(|e| e.field).collect();
    assert_eq!(fields, [Field::Name, Field::Email, Field::Password]);
    assert_eq!(
        errors.0[2].problem,
        Problem::Password(PasswordError::TooShort)
    );
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn a_taken_email_is_refused_whatever_its_case_with_a_way_to_log_in() {
    let app = TestApp::spawn().await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    let res = app
        .sign_up(&app.client(), "Other Ann", "ANN@Example.com", PASSWORD)
        .await;
    assert_eq!(res.status(), 409);
    assert!(session_value(res.headers()).is_none());
    assert_eq!(app.user_count().await, 1);

    // a browser without wasm is sent back to the form, which explains and links to log-in
    let client = app.client();
    let res = app
        .post_form(
            &client,
            "sign_up",
            "/signup",
            &[
                ("name", "Other Ann"),
                ("email", "ann@EXAMPLE.com"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 302);
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(&app.url("/signup?")), "{back}");
    let back = back.strip_prefix(&app.base).unwrap();
    let html = app.page(&client, back).await.text().await.unwrap();
    assert!(html.contains("An account with this email already exists."));
    assert!(html.contains(r#"href="/login""#));
    assert!(html.contains("Forgot your password?"));
}

#[tokio::test]
async fn log_in_with_the_right_password_starts_a_fresh_session() {
    let app = TestApp::spawn().await;
    let first = app
        .sign_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    let signup_session = session_value(first.headers()).unwrap();

    let client = app.client();
    let res = app.log_in(&client, "Ann@Example.com", PASSWORD).await;
    assert_eq!(res.status(), 200);
    let login_session = session_value(res.headers()).unwrap();
    assert_ne!(login_session, signup_session, "a new session id at login");
    let html = app.page(&client, "/").await.text().await.unwrap();
    assert!(html.contains("Welcome"));
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_refusal() {
    let app = TestApp::spawn().await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    let wrong = app
        .log_in(&app.client(), "ann@example.com", "not the password at all")
        .await;
    let unknown = app
        .log_in(
            &app.client(),
            "nobody@example.com",
            "not the password at all",
        )
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    assert!(session_value(wrong.headers()).is_none());
    assert!(session_value(unknown.headers()).is_none());
    assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
}

#[tokio::test]
async fn session_cookie_is_http_only_lax_and_secure_only_over_https() {
    let app = TestApp::spawn().await;
    let res = app
        .sign_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    let cookie = set_cookies(res.headers())
        .into_iter()
        .find(|c| c.starts_with("tandem_session="))
        .unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");

    let mut config = server::config::Config::for_tests();
    config.public_url = "https://tandem.example".into();
    let https = TestApp::spawn_with(config).await;
    let res = https
        .sign_up(&https.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    let cookie = set_cookies(res.headers())
        .into_iter()
        .find(|c| c.starts_with("__Host-tandem_session="))
        .expect("over https the cookie carries the __Host- prefix");
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(
        cookie.contains("Path=/") && !cookie.contains("Domain"),
        "{cookie}"
    );
    let value = cookie.split(';').next().unwrap().to_owned();
    assert!(
        value.len() > "__Host-tandem_session=".len() + 32,
        "256-bit token"
    );
    // and it is the one that identifies the user there
    let home = https
        .client()
        .get(https.url("/"))
        .header("accept", "text/html")
        .header("cookie", &value)
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("Welcome"));
}

#[tokio::test]
async fn log_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let res = app
        .sign_up(&client, "Ann", "ann@example.com", PASSWORD)
        .await;
    let stolen = session_value(res.headers()).unwrap();

    let res = app.call(&client, "log_out", &[]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["location"], "/login");
    assert!(
        set_cookies(res.headers())
            .iter()
            .any(|c| c.starts_with("tandem_session=;") && c.contains("Max-Age=0"))
    );
    assert_eq!(res.headers()["clear-site-data"], "\"cache\", \"storage\"");

    // replaying the old cookie by hand gets nothing: the session is gone server-side
    let replay = app
        .client()
        .get(app.url("/"))
        .header("accept", "text/html")
        .header("cookie", format!("tandem_session={stolen}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 302);
    assert!(
        replay.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
    let who = app
        .client()
        .post(app.url("/api/current_user"))
        .header("origin", &app.base)
        .header("cookie", format!("tandem_session={stolen}"))
        .send()
        .await
        .unwrap();
    assert_eq!(who.json::<Option<CurrentUser>>().await.unwrap(), None);
}

#[tokio::test]
async fn pages_that_need_a_user_send_visitors_to_log_in_and_back() {
    let app = TestApp::spawn().await;
    let res = app.page(&app.client(), "/payments").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/login?next=/payments");

    let client = app.client();
    app.signed_up(&client, "Ann", "ann@example.com", PASSWORD)
        .await;
    let client = app.client();
    let res = app
        .call(
            &client,
            "log_in",
            &[
                ("email", "ann@example.com"),
                ("password", PASSWORD),
                ("next", "/payments"),
            ],
        )
        .await;
    assert_eq!(res.headers()["location"], "/payments");
    let page = app.page(&client, "/payments").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("No saved cards"));

    // and never anywhere else
    let res = app
        .call(
            &app.client(),
            "log_in",
            &[
                ("email", "ann@example.com"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(res.headers()["location"], "/");
}

/// What browsers strip or fold while parsing a URL (tabs, newlines, backslashes, leading
/// spaces and controls) must not turn a `next` into another origin, and a value that can't be a
/// header must not kill the request: each answers, and goes home.
#[tokio::test]
async fn a_crafted_next_after_log_in_always_lands_on_our_site() {
    // more log-ins from one address than the rate limit lets through
    let mut config = server::config::Config::for_tests();
    config.auth_rate.burst = 100;
    let app = TestApp::spawn_with(config).await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\\evil.example",
        " //evil.example",
        "/\r\n/evil.example",
        "/\u{7f}/evil.example",
        "/path\r\nSet-Cookie: stolen=1",
        "/\u{3000}/evil.example",
    ] {
        let form = [
            ("email", "ann@example.com"),
            ("password", PASSWORD),
            ("next", next),
        ];
        // with JavaScript (the app follows the redirect header) and without (a plain 302)
        let res = app.call(&app.client(), "log_in", &form).await;
        assert_eq!(res.status(), 200, "{next:?}");
        assert_eq!(res.headers()["location"], "/", "{next:?}");
        let res = app
            .post_form(&app.client(), "log_in", "/login", &form)
            .await;
        assert_eq!(res.status(), 302, "{next:?}");
        assert_eq!(res.headers()["location"], "/", "{next:?}");
        assert!(res.headers().get("set-cookie").is_some());
        let res = app
            .post_form(
                &app.client(),
                "choose_language",
                "/login",
                &[("language", "is"), ("next", next)],
            )
            .await;
        assert_eq!(res.status(), 302, "{next:?}");
        assert_eq!(res.headers()["location"], "/", "{next:?}");
    }
}

#[tokio::test]
async fn accounts_survive_a_restart_on_disk() {
    let dir = std::env::temp_dir().join(format!("tandem-test-{}", server::db::new_key()));
    let mut config = server::config::Config::for_tests();
    config.database.url = format!("surrealkv://{}", dir.join("db").display());

    let app = TestApp::spawn_with(config.clone()).await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    app.running.shutdown().await.unwrap();

    // migrations run once; the user is still there and can log in
    let app = TestApp::restart(config, app.clock.clone()).await;
    assert_eq!(app.user_count().await, 1);
    let res = app.log_in(&app.client(), "ann@example.com", PASSWORD).await;
    assert_eq!(res.status(), 200);
    assert!(session_value(res.headers()).is_some());
    app.running.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn common_and_guessable_passwords_are_refused_at_sign_up() {
    let app = TestApp::spawn().await;
    for (password, problem) in [
        ("password1234", PasswordError::Common),
        ("Qwertyuiop123", PasswordError::Common),
        ("Tandem2025!!", PasswordError::Guessable),
        ("anne-marie-1990", PasswordError::Guessable),
    ] {
        let res = app
            .sign_up(
                &app.client(),
                "Anne-Marie Lee",
                "anne@example.com",
                password,
            )
            .await;
        assert_eq!(res.status(), 422, "{password}");
        assert!(session_value(res.headers()).is_none());
        let errors = field_errors(res.json::<ApiError>().await.unwrap());
        assert_eq!(
            (errors.0[0].field, errors.0[0].problem),
            (Field::Password, Problem::Password(problem)),
            "{password}"
        );
    }
    assert_eq!(app.user_count().await, 0);
    let res = app
        .sign_up(
            &app.client(),
            "Anne-Marie Lee",
            "anne@example.com",
            PASSWORD,
        )
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_requests_at_once_on_one_session_all_succeed() {
    // a page load asks several things at once; each may want to record that the session was used
    let clock = std::sync::Arc::new(support::ShiftedClock::default());
    let app = TestApp::spawn_with_clock(server::config::Config::for_tests(), clock.clone()).await;
    let me = app.client();
    let res = app.sign_up(&me, "Ann", "ann@example.com", PASSWORD).await;
    assert_eq!(res.status(), 200);
    for _ in 0..3 {
        clock.advance(chrono::Duration::seconds(20));
        let calls = (0..20).map(|_| app.call(&me, "current_user", &[]));
        let answers = support::join_all(calls).await;
        // every one of them still sees Ann signed in (an anonymous caller is also answered 200)
        for res in answers {
            assert_eq!(res.status(), 200);
            let who: Option<CurrentUser> = res.json().await.unwrap();
            assert_eq!(
                who.map(|u| u.email.as_str().to_owned()).as_deref(),
                Some("ann@example.com")
            );
        }
    }
}
