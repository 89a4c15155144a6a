//! The security baseline, proven against the running server: CSRF on every server function,
//! headers and CSP nonces, rate limits, account lock-out, session timeouts.

mod support;

use app::api::ApiError;
use app::domain::CurrentUser;
use chrono::Duration;
use server::config::Config;
use std::sync::Arc;
use support::{PASSWORD, ShiftedClock, TestApp, session_value};

#[tokio::test]
async fn every_server_function_refuses_cross_site_requests() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let res = app
        .sign_up(&client, "Ann", "ann@example.com", PASSWORD)
        .await;
    let cookie = format!("tandem_session={}", session_value(res.headers()).unwrap());

    let paths = server::startup::server_fn_paths();
    assert!(
        paths.len() >= 4,
        "the registry lists our server functions: {paths:?}"
    );
    for (path, method) in &paths {
        assert_eq!(
            method, "POST",
            "{path} must not be callable by GET (SameSite=Lax lets those through)"
        );
        let cross_site: [&[(&str, String)]; 3] = [
            &[("sec-fetch-site", "cross-site".into())],
            &[("origin", "https://evil.example".into())],
            &[],
        ];
        for headers in cross_site {
            let mut req = support::bare_client()
                .post(app.url(path))
                .header("cookie", &cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("name=Mallory&email=m%40evil.example&password=aaaaaaaaaaaaaaaa&accept_terms=yes");
            for (k, v) in headers {
                req = req.header(*k, v);
            }
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 403, "{path} with {headers:?}");
        }
    }
    // nothing happened: no account for Mallory, and Ann is still logged in
    assert_eq!(app.user_count().await, 1);
    assert!(
        app.page(&client, "/")
            .await
            .text()
            .await
            .unwrap()
            .contains("Welcome")
    );

    // the same request from our own pages goes through
    let res = support::bare_client()
        .post(app.url("/api/current_user"))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("ann@example.com"));
}

/// Server functions anyone may call; every other one acts for a signed-in user.
const PUBLIC_SERVER_FUNCTIONS: &[&str] = &[
    "/api/sign_up",
    "/api/log_in",
    "/api/log_in_code",
    "/api/log_out",
    "/api/current_user",
    "/api/terms_in_force",
    "/api/request_password_reset",
    "/api/reset_password",
    "/api/confirm_email_change",
    // the mailed link's token (asked for with the password) is the credential
    "/api/delete_account",
    "/api/choose_language",
    "/api/session_policy",
    // the emailed link's token is the credential
    "/api/open_invitation",
    "/api/accept_invitation",
    // a booking link is public: its page, holding a slot, and what a hold's token keeps
    "/api/booking_page",
    "/api/hold_slot",
    "/api/held_slot",
    "/api/sign_up_and_book",
    // a hub is reached by its link; an invitation's token is the credential to claim
    "/api/hub_page",
    "/api/ask_to_join",
    "/api/sign_up_and_claim",
];

#[tokio::test]
async fn every_other_server_function_refuses_anonymous_callers() {
    let app = TestApp::spawn().await;
    let anonymous = app.client();
    let mut checked = 0;
    for (path, _) in server::startup::server_fn_paths() {
        if PUBLIC_SERVER_FUNCTIONS.contains(&path.as_str()) {
            continue;
        }
        let endpoint = path.trim_start_matches("/api/");
        let res = app
            .call(
                &anonymous,
                endpoint,
                &[("name", "Mallory"), ("language", "is")],
            )
            .await;
        assert_eq!(res.status(), 401, "{path} answers anonymous callers");
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} checked");
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .unwrap_or_else(|| panic!("{} has no {name}", res.url()))
        .to_str()
        .unwrap()
}

fn nonce_of(csp: &str) -> String {
    let start = csp.find("'nonce-").expect("CSP has a nonce") + 7;
    csp[start..].split('\'').next().unwrap().to_owned()
}

#[tokio::test]
async fn pages_carry_a_fresh_csp_nonce_on_every_script_and_the_other_headers() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let first = app.page(&client, "/login").await;
    let csp = header(&first, "content-security-policy").to_owned();
    for part in [
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "'wasm-unsafe-eval'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(header(&first, "x-content-type-options"), "nosniff");
    assert_eq!(
        header(&first, "referrer-policy"),
        "strict-origin-when-cross-origin"
    );
    assert_eq!(header(&first, "x-frame-options"), "DENY");
    assert_eq!(header(&first, "cache-control"), "no-store");
    assert!(header(&first, "permissions-policy").contains("camera=(self)"));
    assert!(
        first.headers().get("strict-transport-security").is_none(),
        "not over http"
    );

    let nonce = nonce_of(&csp);
    assert!(nonce.len() >= 22, "{nonce}");
    let html = first.text().await.unwrap();
    let script_tags: Vec<&str> = html
        .split("<script")
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(""))
        .collect();
    assert!(!script_tags.is_empty(), "the page hydrates with a script");
    for tag in &script_tags {
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")),
            "a script without this response's nonce: <script{tag}>"
        );
    }

    let second = app.page(&client, "/login").await;
    assert_ne!(nonce_of(header(&second, "content-security-policy")), nonce);

    // server functions, unknown pages and refusals get the headers too
    let api = app.call(&client, "current_user", &[]).await;
    assert_eq!(header(&api, "x-content-type-options"), "nosniff");
    assert_eq!(header(&api, "cache-control"), "no-store");
    let missing = app.page(&client, "/no-such-page").await;
    assert_eq!(missing.status(), 404);
    assert!(header(&missing, "content-security-policy").contains("frame-ancestors 'none'"));

    let mut https = Config::for_tests();
    https.public_url = "https://tandem.example".into();
    let https = TestApp::spawn_with(https).await;
    let res = https.page(&https.client(), "/login").await;
    assert!(header(&res, "strict-transport-security").contains("max-age=31536000"));
}

#[tokio::test]
async fn log_in_and_sign_up_are_rate_limited_per_address_not_per_header() {
    let mut config = Config::for_tests();
    config.auth_rate.burst = 3;
    config.auth_rate.per_hour = 60;
    let app = TestApp::spawn_with(config).await;

    for i in 0..3 {
        let res = app
            .client()
            .post(app.url("/api/log_in"))
            .header("origin", &app.base)
            .header("x-forwarded-for", format!("203.0.113.{i}"))
            .form(&[("email", "a@example.com"), ("password", "whatever it is")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    // a forged X-Forwarded-For changes nothing: the TCP peer is the key
    let res = app
        .client()
        .post(app.url("/api/log_in"))
        .header("origin", &app.base)
        .header("x-forwarded-for", "198.51.100.77")
        .form(&[("email", "a@example.com"), ("password", "whatever it is")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let retry: u64 = header(&res, "retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let body: ApiError = res.json().await.unwrap();
    assert!(matches!(body, ApiError::RateLimited { .. }), "{body:?}");

    // sign-up has its own bucket, and other server functions are not limited
    for _ in 0..3 {
        let res = app.call(&app.client(), "sign_up", &[("name", "x")]).await;
        assert_eq!(res.status(), 422);
    }
    let res = app.call(&app.client(), "sign_up", &[("name", "x")]).await;
    assert_eq!(res.status(), 429);

    // a browser without wasm is sent back to its form, which says what happened
    let client = app.client();
    let res = app
        .post_form(&client, "sign_up", "/signup", &[("name", "x")])
        .await;
    assert_eq!(res.status(), 303);
    assert!(res.headers().get("retry-after").is_some());
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    let html = app
        .page(&client, back.strip_prefix(&app.base).unwrap())
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Too many attempts. Please wait"), "{html}");
    for _ in 0..10 {
        let res = app.call(&app.client(), "current_user", &[]).await;
        assert_eq!(res.status(), 200);
    }
}

#[tokio::test]
async fn five_failures_lock_the_account_with_the_same_answer_as_a_wrong_password() {
    let clock = Arc::new(ShiftedClock::default());
    let app = TestApp::spawn_with_clock(Config::for_tests(), clock.clone()).await;
    app.signed_up(&app.client(), "Ann", "ann@example.com", PASSWORD)
        .await;
    app.signed_up(&app.client(), "Bea", "bea@example.com", PASSWORD)
        .await;

    let mut wrong_body = String::new();
    for _ in 0..5 {
        let res = app
            .log_in(&app.client(), "ann@example.com", "not her password")
            .await;
        assert_eq!(res.status(), 401);
        wrong_body = res.text().await.unwrap();
    }
    // locked: even the right password gets exactly the wrong-password answer
    let res = app.log_in(&app.client(), "ann@example.com", PASSWORD).await;
    assert_eq!(res.status(), 401);
    assert!(session_value(res.headers()).is_none());
    assert_eq!(res.text().await.unwrap(), wrong_body);

    // someone else is not affected
    let res = app.log_in(&app.client(), "bea@example.com", PASSWORD).await;
    assert_eq!(res.status(), 200);

    // the first lock lasts 30 seconds
    clock.advance(Duration::seconds(31));
    let res = app.log_in(&app.client(), "ann@example.com", PASSWORD).await;
    assert_eq!(res.status(), 200);
    assert!(session_value(res.headers()).is_some());

    // and success forgets the failures: one more mistake does not lock again
    app.log_in(&app.client(), "ann@example.com", "not her password")
        .await;
    let res = app.log_in(&app.client(), "ann@example.com", PASSWORD).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn sessions_end_after_30_idle_minutes_or_12_hours() {
    let clock = Arc::new(ShiftedClock::default());
    let app = TestApp::spawn_with_clock(Config::for_tests(), clock.clone()).await;
    let idle = app.client();
    app.signed_up(&idle, "Ann", "ann@example.com", PASSWORD)
        .await;
    let busy = app.client();
    app.log_in(&busy, "ann@example.com", PASSWORD).await;
    let ann: Option<CurrentUser> = app.answer(&busy, "current_user", &[]).await;
    let ann_id = ann.expect("signed in").id;

    clock.advance(Duration::minutes(29));
    assert_eq!(
        app.page(&idle, "/").await.status(),
        200,
        "29 idle minutes are fine"
    );
    clock.advance(Duration::minutes(31));
    assert_eq!(
        app.page(&idle, "/").await.status(),
        302,
        "31 idle minutes are not"
    );
    // that session's row is gone; the busy one (which never used the page) has expired too
    assert_eq!(
        server::db::sessions::count_for_user(&app.running.db, &ann_id)
            .await
            .unwrap(),
        1
    );

    // a session used every 10 minutes lives until its 12 hours are up
    let busy = app.client();
    app.log_in(&busy, "ann@example.com", PASSWORD).await;
    for _ in 0..71 {
        clock.advance(Duration::minutes(10));
        assert_eq!(app.page(&busy, "/").await.status(), 200);
    }
    clock.advance(Duration::minutes(11));
    assert_eq!(
        app.page(&busy, "/").await.status(),
        302,
        "12 h 1 min after log-in"
    );
}

#[tokio::test]
async fn a_body_that_cannot_be_decoded_is_a_400_not_a_500() {
    let app = TestApp::spawn().await;
    let res = app
        .client()
        .post(app.url("/api/log_in"))
        .header("origin", &app.base)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a%40example.com&email=b%40example.com&password=x")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: ApiError = res.json().await.unwrap();
    assert!(matches!(body, ApiError::Request(_)), "{body:?}");
    // and a real answer is untouched
    let res = app
        .log_in(&app.client(), "nobody@example.com", "a wrong password")
        .await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_they_are_read() {
    let app = TestApp::spawn().await;
    let huge = format!("name={}", "x".repeat(200 * 1024));
    let res = app
        .client()
        .post(app.url("/api/sign_up"))
        .header("origin", &app.base)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(app.user_count().await, 0);
}

#[tokio::test]
async fn answers_carry_only_what_the_page_shows() {
    // SEC-16: no hashes, tokens or internal keys leave the server
    let app = TestApp::spawn().await;
    let me = app.client();
    app.signed_up(&me, "Ann", "ann@example.com", PASSWORD).await;
    // raw JSON on purpose: the test is about which keys go over the wire, not what they decode to
    let body: serde_json::Value = app
        .call(&me, "current_user", &[])
        .await
        .json()
        .await
        .unwrap();
    let mut keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "email",
            "id",
            "language",
            "name",
            "picture",
            "preferred_name",
            "role",
            "terms_due",
            "timezone",
            "two_factor_due"
        ]
    );
    let text = body.to_string();
    for secret in ["argon2", "password", "token", "hash", "email_key"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

/// Tests run many servers in one process, and a server may start while another renders a page.
/// Starting one once made every resource created meanwhile wait for ever (Leptos finds the
/// routes with a process-wide flag set), so a page's status came and its body never did.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starting_another_server_never_stalls_a_page_being_rendered() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.signed_up(&client, "Ann", "ann@example.com", PASSWORD)
        .await;
    let starter = tokio::spawn(async {
        for _ in 0..15 {
            let other = TestApp::spawn().await;
            other.running.shutdown().await.unwrap();
        }
    });
    let mut loads = 0;
    while !starter.is_finished() || loads == 0 {
        let page = tokio::time::timeout(std::time::Duration::from_secs(10), async {
            app.page(&client, "/").await.text().await.unwrap()
        })
        .await
        .unwrap_or_else(|_| panic!("page {loads} stalled while another server started"));
        assert!(page.contains("Ann"), "{page}");
        loads += 1;
    }
    starter.await.unwrap();
}
