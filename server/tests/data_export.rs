//! "Take my data with me": `GET /account/export` gives the signed-in person everything we hold
//! about them as one JSON file, and nobody anything of anyone else's.

mod support;

use app::domain::{BillStatus, DataExport, TERMS_VERSION};
use chrono::Duration;
use support::practice::{AdaAndCy, ada_books_cy, start_in};
use support::smtp::SmtpServer;
use support::stripe::{VISA, add_card, app_with_stripe};

#[tokio::test]
async fn a_client_downloads_everything_we_hold_about_them_and_nothing_of_anyone_else() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { ada, cy, id, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let eve = app.user("Eve Other", "eve@example.com").await;

    let res = app.export(&cy.browser).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_eq!(
        res.headers()["content-disposition"],
        format!(
            "attachment; filename=\"tandem-data-{}.json\"",
            app.now().format("%Y-%m-%d")
        )
        .as_str()
    );
    let body = res.text().await.unwrap();
    let mine: DataExport = serde_json::from_str(&body).unwrap();
    assert_eq!(mine.account, cy.me);
    assert_eq!(mine.exported_at.date_naive(), app.now().date_naive());
    assert_eq!(mine.terms_accepted.len(), 1);
    assert_eq!(mine.terms_accepted[0].version, TERMS_VERSION);
    let booked: Vec<&str> = mine.bookings.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(booked, [id.as_str()]);
    assert_eq!(mine.bills.len(), 1);
    assert_eq!(mine.bills[0].status, BillStatus::Open);
    assert_eq!(mine.bills[0].booking.as_str(), id);
    assert_eq!(mine.cards.len(), 1);
    assert_eq!(mine.cards[0].last4, "4242");
    assert!(
        !body.contains(VISA),
        "a card's number is never ours to give"
    );
    assert!(!body.contains("eve@example.com"));
    assert!(!body.contains("$argon2"), "no password hash");

    // the professional's: their sessions as professional; Eve's: nothing of Cy's
    let hers: DataExport = app.export(&ada.browser).await.json().await.unwrap();
    assert_eq!(hers.account, ada.me);
    assert_eq!(hers.bookings.len(), 1);
    assert_eq!(hers.bookings[0].id.as_str(), id);
    let body = app.export(&eve.browser).await.text().await.unwrap();
    let theirs: DataExport = serde_json::from_str(&body).unwrap();
    assert_eq!(theirs.account, eve.me);
    assert!(theirs.bookings.is_empty() && theirs.bills.is_empty() && theirs.cards.is_empty());
    assert!(!body.contains(&id) && !body.contains(cy.me.email.as_str()));

    // nobody signed in: nothing
    let res = app.export(&support::bare_client()).await;
    assert_eq!(res.status(), 401);
}
