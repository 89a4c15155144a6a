//! Terms & Conditions versions: each version a person accepted is a dated ledger entry (in the
//! data they download); when configuration publishes a new version, a signed-in person is asked
//! to accept it, seeing what changed, before anything else works.

mod support;

use app::api::ApiError;
use app::domain::{DataExport, Refusal, TERMS_VERSION, TermsInForce};
use chrono::Duration;
use std::sync::Arc;
use support::{PASSWORD, ShiftedClock, TestApp};

async fn ledger(
    app: &TestApp,
    browser: &reqwest::Client,
) -> Vec<(String, chrono::DateTime<chrono::Utc>)> {
    let export: DataExport = app.export(browser).await.json().await.unwrap();
    export
        .terms_accepted
        .into_iter()
        .map(|t| (t.version, t.accepted_at))
        .collect()
}

#[tokio::test]
async fn new_terms_are_accepted_at_the_next_visit_before_going_on() {
    let dir = std::env::temp_dir().join(format!("tandem-test-{}", server::db::new_key()));
    let mut config = server::config::Config::for_tests();
    config.database.url = format!("surrealkv://{}", dir.join("db").display());
    let clock = Arc::new(ShiftedClock::default());

    let app = TestApp::spawn_with_clock(config.clone(), clock.clone()).await;
    let browser = app.client();
    app.signed_up(&browser, "Cy Client", "cy@example.com", PASSWORD)
        .await;
    let signed_up = ledger(&app, &browser).await;
    assert_eq!(signed_up.len(), 1);
    assert_eq!(signed_up[0].0, TERMS_VERSION);
    app.running.shutdown().await.unwrap();

    // a month on, a new version is published
    clock.advance(Duration::days(30));
    let published = clock_day(&clock);
    let changes = "Sessions cancelled within 24 hours are charged in full.";
    config.terms = TermsInForce::published_on(&published, Some(changes.into())).unwrap();
    let app = TestApp::restart(config, clock.clone()).await;

    // Cy logs in as usual, but each page of the account leads to the new Terms first
    let res = app.log_in(&browser, "cy@example.com", PASSWORD).await;
    assert_eq!(res.status(), 200);
    for path in ["/", "/notifications"] {
        let res = app.page(&browser, path).await;
        assert_eq!(res.status(), 302, "{path}");
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(to.starts_with("/terms/accept?next="), "{path} went to {to}");
    }
    // and nothing is done for them until they accept
    let (status, error) = app.refusal(&browser, "my_notifications", &[]).await;
    assert_eq!((status, error), (409, ApiError::Refused(Refusal::TermsDue)));
    let me: Option<app::domain::CurrentUser> = app.answer(&browser, "current_user", &[]).await;
    assert!(me.expect("signed in").terms_due);

    // the page says when the new version came and what changed, and works without JavaScript
    let page = app
        .page(&browser, "/terms/accept?next=/notifications")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Our Terms &amp; Conditions have changed"),
        "{page}"
    );
    assert!(page.contains(changes), "{page}");
    let res = app
        .post_form(
            &browser,
            "accept_terms",
            "/terms/accept?next=/notifications",
            &[("next", "/notifications")],
        )
        .await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/notifications");
    // accepted twice (a double click) is still one entry
    let _: () = app.answer(&browser, "accept_terms", &[("next", "/")]).await;

    assert_eq!(app.page(&browser, "/notifications").await.status(), 200);
    let _: Vec<app::domain::Notification> = app.answer(&browser, "my_notifications", &[]).await;
    let entries = ledger(&app, &browser).await;
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(
        entries[0], signed_up[0],
        "the first acceptance is kept as it was"
    );
    assert_eq!(entries[1].0, published);
    assert!((entries[1].1 - app.now()).num_seconds().abs() < 60);

    // someone signing up now accepts the new version
    let other = app.client();
    app.signed_up(&other, "Dee New", "dee@example.com", PASSWORD)
        .await;
    assert_eq!(app.page(&other, "/").await.status(), 200);
    let theirs = ledger(&app, &other).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].0, published);
    app.running.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(dir);
}

/// The clock's day, as a Terms version is named.
fn clock_day(clock: &ShiftedClock) -> String {
    server::clock::Clock::now(clock)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

#[tokio::test]
async fn a_published_version_must_be_a_day() {
    let err = server::config::Config::from_lookup(|k| {
        (k == "TANDEM_TERMS_VERSION").then(|| "next week".to_owned())
    })
    .unwrap_err();
    assert!(err.to_string().contains("TANDEM_TERMS_VERSION"), "{err}");
}
