//! A client deletes their account: asked for with the password, done from the link mailed to
//! the account's address. Their sessions end everywhere, upcoming sessions are cancelled with
//! the usual notice to the professional, personal details are erased everywhere we keep them,
//! and what must be kept (the paid bill, the access log, the Terms ledger) stays without them.

mod support;

use app::api::ApiError;
use app::domain::{
    Bill, BillStatus, Booking, BookingId, BookingStatus, CurrentUser, Field, PayOutcome, Problem,
};
use chrono::Duration;
use support::PASSWORD;
use support::practice::{AdaAndCy, ada_books_cy, booked_at, start_in, token_of};
use support::smtp::{SmtpServer, link_containing};
use support::stripe::{VISA, add_card, app_with_stripe, customer_cards, listed, standin};

/// Every table a person's details could be in, besides the outbox (mail other people received
/// tells of them; its own rows are checked apart).
const TABLES: &[&str] = &[
    "user",
    "session",
    "booking",
    "booking_link",
    "bill",
    "card",
    "notification",
    "reminder",
    "password_reset",
    "email_change",
    "account_deletion",
    "two_factor",
    "login_challenge",
    "login_throttle",
    "picture",
    "presence",
    "hub_invite",
    "hub_member",
    "credit",
    "hold",
    "access_log",
    "terms_acceptance",
];

/// The rows (as the database's own debug text) that still hold `needle`.
async fn rows_holding(app: &support::TestApp, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for table in TABLES {
        let rows: Vec<surrealdb::types::Value> = app
            .running
            .db
            .query(format!("SELECT * FROM {table}"))
            .await
            .unwrap()
            .take(0)
            .unwrap();
        found.extend(
            rows.iter()
                .map(|r| format!("{table}: {r:?}"))
                .filter(|r| r.contains(needle)),
        );
    }
    found
}

async fn count(app: &support::TestApp, query: &str, user: &CurrentUser) -> i64 {
    let n: Option<i64> = app
        .running
        .db
        .query(query)
        .bind((
            "user",
            surrealdb::types::RecordId::new("user", user.id.as_str().to_owned()),
        ))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    n.unwrap()
}

async fn log_in_again(app: &support::TestApp, who: &[(&reqwest::Client, &str)]) {
    for (browser, email) in who {
        assert_eq!(app.log_in(browser, email, PASSWORD).await.status(), 200);
    }
}

#[tokio::test]
async fn a_client_deletes_their_account_and_only_what_must_be_kept_stays() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    // a session tomorrow, paid, and one in three days
    let AdaAndCy {
        ada,
        therapy,
        id: first,
        cy,
    } = ada_books_cy(&app, &smtp, start_in(&app, Duration::days(1))).await;
    let ahead = booked_at(
        &app,
        &ada,
        &therapy,
        start_in(&app, Duration::days(3)),
        cy.email(),
    )
    .await;
    add_card(&cy, VISA).await.expect("saved");
    let bills: Vec<Bill> = cy.answer("my_bills", &[]).await;
    let bill = bills.iter().find(|b| b.booking.as_str() == first).unwrap();
    let paid: PayOutcome = cy.answer("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(paid, PayOutcome::Paid);
    let _: serde_json::Value = ada.answer("appointment", &[("id", &first)]).await;
    // the first session is over (and the idle sessions with it: they log in again)
    app.clock.advance(Duration::days(2));
    log_in_again(
        &app,
        &[(&ada.browser, ada.email()), (&cy.browser, cy.email())],
    )
    .await;
    let logged = count(
        &app,
        "RETURN count(SELECT id FROM access_log WHERE subject = $user)",
        &cy.me,
    )
    .await;
    assert_eq!(logged, 1);

    // only a client's own account, and only with their password
    let (status, refused) = ada
        .refusal(
            "request_account_deletion",
            &[("current_password", PASSWORD)],
        )
        .await;
    assert_eq!((status, refused), (403, ApiError::Forbidden));
    let errors = cy
        .invalid(
            "request_account_deletion",
            &[("current_password", "not my password")],
        )
        .await;
    assert_eq!(
        (errors.0[0].field, errors.0[0].problem),
        (Field::CurrentPassword, Problem::WrongCurrentPassword)
    );

    // the link mailed expires within the hour; a newer one replaces it
    let res = cy
        .call(
            "request_account_deletion",
            &[("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let mail = cy.mail(&smtp, "Confirm deleting").await;
    let stale = token_of(&link_containing(&mail.text, "delete-account?token="));
    app.clock.advance(Duration::minutes(61));
    let res = app
        .call(&app.client(), "delete_account", &[("token", &stale)])
        .await;
    assert_eq!(res.status(), 410, "an expired link");
    assert!(cy.can_log_in().await, "nothing changed");

    // back an hour later, Cy on a second device too
    let phone = app.client();
    log_in_again(
        &app,
        &[
            (&ada.browser, ada.email()),
            (&cy.browser, cy.email()),
            (&phone, cy.email()),
        ],
    )
    .await;

    let res = cy
        .call(
            "request_account_deletion",
            &[("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);
    let token = {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let links: Vec<String> = smtp
                .received()
                .into_iter()
                .filter(|m| m.to == cy.email() && m.subject.contains("Confirm deleting"))
                .map(|m| token_of(&link_containing(&m.text, "delete-account?token=")))
                .filter(|t| *t != stale)
                .collect();
            if let Some(t) = links.into_iter().next() {
                break t;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "never: the second link"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    };
    let page = app
        .page(&app.client(), &format!("/delete-account?token={token}"))
        .await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Delete my account for good")
    );
    assert!(cy.can_log_in().await, "opening the page deletes nothing");

    let cards_at_stripe = customer_cards(&app, cy.email()).await;
    assert_eq!(
        listed(&standin(&app).base_url, &cards_at_stripe)
            .await
            .len(),
        1
    );

    // confirmed from the link, in a browser that isn't logged in: sent twice at once (a double
    // click without JavaScript), both answer that it's done
    let (a, b) = (app.client(), app.client());
    let form = [("token", token.as_str())];
    let (first_try, second_try) = tokio::join!(
        app.call(&a, "delete_account", &form),
        app.call(&b, "delete_account", &form),
    );
    assert_eq!(
        (first_try.status().as_u16(), second_try.status().as_u16()),
        (200, 200)
    );

    // logged out everywhere, and the password opens nothing
    for browser in [&cy.browser, &phone] {
        let me: Option<CurrentUser> = app.answer(browser, "current_user", &[]).await;
        assert!(me.is_none(), "a session outlived the account");
    }

    // the upcoming session is cancelled and Ada told, as when a client cancels
    ada.mail(&smtp, "Cancelled by").await;
    assert!(
        ada.answer::<Vec<Booking>>("my_bookings", &[])
            .await
            .is_empty()
    );
    let find = async |id: &str| {
        server::db::bookings::by_id(&app.running.db, &BookingId::new(id.to_owned()))
            .await
            .unwrap()
            .unwrap()
    };
    assert_eq!(find(&ahead).await.status, BookingStatus::Cancelled);
    // the past one stays in Ada's records, without Cy's name or address
    let past = find(&first).await;
    assert_eq!(past.status, BookingStatus::Booked);
    assert_eq!(past.invitee_name.as_str(), "Deleted account");
    assert!(!past.invitee_email.as_str().contains("cy@"));
    // the paid bill is kept, without them too
    let billing: Vec<Bill> = ada.answer("my_billing", &[]).await;
    let kept = billing
        .iter()
        .find(|b| b.booking.as_str() == first)
        .unwrap();
    assert_eq!(kept.status, BillStatus::Paid);
    assert_eq!(kept.client_name.as_str(), "Deleted account");

    // the card is detached at Stripe, not just forgotten here
    assert!(
        listed(&standin(&app).base_url, &cards_at_stripe)
            .await
            .is_empty()
    );

    // a last mail says it's done; then nothing anywhere holds their name or address
    cy.mail(&smtp, "was deleted").await;
    for needle in ["cy@example.com", "Cy Client"] {
        assert_eq!(
            rows_holding(&app, needle).await,
            Vec::<String>::new(),
            "{needle}"
        );
    }
    let outbox: Vec<String> = app
        .running
        .db
        .query("SELECT VALUE subject FROM outbox WHERE recipient = 'cy@example.com'")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(
        outbox,
        ["Your Tandem account was deleted"],
        "only the last mail's record"
    );
    // the access log and the Terms ledger stay, about a record with nothing personal in it
    assert_eq!(
        count(
            &app,
            "RETURN count(SELECT id FROM access_log WHERE subject = $user)",
            &cy.me
        )
        .await,
        logged
    );
    assert_eq!(
        count(
            &app,
            "RETURN count(SELECT id FROM terms_acceptance WHERE user = $user)",
            &cy.me
        )
        .await,
        1
    );

    // (a failed log-in counts against the address from here on, like any address's)
    assert!(!cy.can_log_in().await);

    // the link again finds it done, and changes nothing more; the address is free for a new
    // account, which starts empty
    let again = app
        .call(&app.client(), "delete_account", &[("token", &token)])
        .await;
    assert_eq!(again.status(), 200);
    app.workers_have_looked().await;
    assert_eq!(
        smtp.count("cy@example.com", "was deleted"),
        1,
        "one farewell"
    );
    assert_eq!(
        smtp.count("ada@example.com", "Cancelled by"),
        1,
        "one notice"
    );
    let back = app.user("Cy Again", "cy@example.com").await;
    let mine: Vec<Bill> = back.answer("my_bills", &[]).await;
    assert!(mine.is_empty());
}
