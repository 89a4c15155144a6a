//! "Who saw my record": each time their professional opens a client's appointment, picture or
//! receipt, the client's access log gets an entry (who, what, when); the client reads it on My
//! profile and in the data they download. Their own openings, and other people's records, add
//! nothing to it.

mod support;

use app::domain::{AccessEntry, AccessKind, DataExport, PayOutcome};
use chrono::Duration;
use support::pictures::{my_picture, png, upload_json};
use support::practice::{AdaAndCy, ada_books_cy, start_in};
use support::smtp::SmtpServer;
use support::stripe::{VISA, add_card, app_with_stripe};

async fn access_log(
    app: &support::TestApp,
    browser: &reqwest::Client,
) -> Vec<(AccessKind, String)> {
    let export: DataExport = app.export(browser).await.json().await.unwrap();
    export
        .access_log
        .into_iter()
        .map(|e| (e.what, e.viewer.as_str().to_owned()))
        .collect()
}

/// A small picture uploaded as the signed-in person's; its URL.
async fn upload_picture(app: &support::TestApp, browser: &reqwest::Client) -> String {
    let res = upload_json(app, browser, png(8, 8)).await;
    assert_eq!(res.status(), 200);
    let picture = my_picture(app, browser).await.expect("a picture");
    format!("/media/pictures/{picture}")
}

#[tokio::test]
async fn a_client_sees_each_time_their_professional_opened_their_record() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { ada, cy, id, .. } = ada_books_cy(&app, &smtp, start).await;
    let eve = app.user("Eve Other", "eve@example.com").await;
    assert!(access_log(&app, &cy.browser).await.is_empty());

    // Cy's own openings are not in it
    let _: serde_json::Value = cy.answer("appointment", &[("id", &id)]).await;
    let picture = upload_picture(&app, &cy.browser).await;
    let res = cy.browser.get(app.url(&picture)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    add_card(&cy, VISA).await.expect("saved");
    let bills: Vec<app::domain::Bill> = cy.answer("my_bills", &[]).await;
    let bill = bills[0].id.as_str().to_owned();
    let paid: PayOutcome = cy.answer("pay_bill", &[("id", &bill)]).await;
    assert_eq!(paid, PayOutcome::Paid);
    let _: serde_json::Value = cy.answer("receipt", &[("id", &bill)]).await;
    assert!(access_log(&app, &cy.browser).await.is_empty());

    // Ada's are, newest first, with her name
    let _: serde_json::Value = ada.answer("appointment", &[("id", &id)]).await;
    let res = ada.browser.get(app.url(&picture)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let _: serde_json::Value = ada.answer("receipt", &[("id", &bill)]).await;
    let ada_name = ada.me.name.as_str().to_owned();
    assert_eq!(
        access_log(&app, &cy.browser).await,
        [
            (AccessKind::Receipt, ada_name.clone()),
            (AccessKind::Picture, ada_name.clone()),
            (AccessKind::Appointment, ada_name.clone()),
        ]
    );
    // and Cy reads the same entries on My profile
    let shown: Vec<AccessEntry> = cy.answer("my_access_log", &[]).await;
    assert_eq!(
        shown.iter().map(|e| e.what).collect::<Vec<_>>(),
        [
            AccessKind::Receipt,
            AccessKind::Picture,
            AccessKind::Appointment
        ]
    );
    let page = app
        .page(&cy.browser, "/profile")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Who opened your record"), "{page}");
    assert_eq!(page.matches(&format!("{ada_name} opened your")).count(), 2);
    assert_eq!(
        page.matches(&format!("{ada_name} viewed your picture"))
            .count(),
        1
    );
    // Eve may open none of it, and her refused tries are no one's entries
    let res = eve.browser.get(app.url(&picture)).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let (status, _) = eve.refusal("appointment", &[("id", &id)]).await;
    assert_eq!(status, 404);
    assert_eq!(access_log(&app, &cy.browser).await.len(), 3);
    assert!(access_log(&app, &eve.browser).await.is_empty());
    // Cy's record is not in Ada's own log
    assert!(access_log(&app, &ada.browser).await.is_empty());
    let ada_shown: Vec<AccessEntry> = ada.answer("my_access_log", &[]).await;
    assert!(ada_shown.is_empty());
    let eve_shown: Vec<AccessEntry> = eve.answer("my_access_log", &[]).await;
    assert!(eve_shown.is_empty());
    let page = app
        .page(&eve.browser, "/profile")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Nobody has opened your record yet."),
        "{page}"
    );
}
