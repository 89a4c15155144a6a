//! My profile: name and password changes act on the signed-in user only.

mod support;

use support::{PASSWORD, TestApp, session_value};

const NEW_PASSWORD: &str = "a brand new passphrase";

#[tokio::test]
async fn renaming_changes_only_my_name_and_needs_a_login() {
    let app = TestApp::spawn().await;
    let ann = app.client();
    app.sign_up(&ann, "Ann", "ann@example.com", PASSWORD).await;
    let bea = app.client();
    app.sign_up(&bea, "Bea", "bea@example.com", PASSWORD).await;

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
    app.sign_up(&me, "Ann", "ann@example.com", PASSWORD).await;
    let res = app
        .call(
            &me,
            "change_password",
            &[
                ("current_password", "not my password"),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["Invalid"][0]["field"], "CurrentPassword");
    assert_eq!(
        body["Invalid"][0]["message"],
        "That isn't your current password."
    );
    assert_eq!(app.page(&me, "/").await.status(), 200, "still logged in");
    assert_eq!(
        app.log_in(&app.client(), "ann@example.com", PASSWORD)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.log_in(&app.client(), "ann@example.com", NEW_PASSWORD)
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn changing_the_password_renews_my_session_and_ends_the_others() {
    let app = TestApp::spawn().await;
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
    assert_eq!(
        app.log_in(&app.client(), "ann@example.com", NEW_PASSWORD)
            .await
            .status(),
        200
    );

    // the owner is told, through the outbox
    let mails = server::db::outbox::recent(&app.running.db, 10)
        .await
        .unwrap();
    assert!(
        mails
            .iter()
            .any(|m| m.mail.subject.contains("password was changed")
                && m.mail.recipient == "ann@example.com")
    );
}
