//! Bills: a booking with a price brings its client a bill, shown on Payments in their own words;
//! a cancellation before anything was paid lets it go; nobody sees another's.

mod support;

use app::domain::{ApiError, AppointmentView, Bill, BillStatus, Currency, Refusal};
use chrono::Duration;
use support::practice::{
    AdaAndCy, ada_books_cy, app_with_mail, booked_at, professional, service, start_in,
};
use support::smtp::SmtpServer;

#[tokio::test]
async fn a_booked_client_sees_their_bill_until_a_cancellation_lets_it_go() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { ada, id, cy, .. } = ada_books_cy(&app, &smtp, start).await;
    let eve = app.user("Eve Other", "eve@example.com").await;

    let bills: Vec<Bill> = cy.answer("my_bills", &[]).await;
    assert_eq!(bills.len(), 1);
    let bill = &bills[0];
    assert_eq!(bill.booking.as_str(), id);
    assert_eq!(bill.starts_at, start);
    assert_eq!(bill.amount.minor(), 12_500);
    assert_eq!(bill.amount.currency(), Currency::Isk);
    assert_eq!(bill.professional.name.as_str(), "Dr. Ada Lovelace");
    assert_eq!(bill.status, BillStatus::Open);

    // Payments, as the page is first rendered: the session, the amount, what to do
    let page = cy.page("/payments").await.text().await.unwrap();
    assert!(
        page.contains("Individual therapy with Dr. Ada Lovelace"),
        "{page}"
    );
    assert!(page.contains("ISK 12,500"), "{page}");
    assert!(page.contains("To pay"), "{page}");
    assert!(page.contains(&format!("/appointments/{id}")), "{page}");

    // nobody else's, and nothing without a session
    let theirs: Vec<Bill> = eve.answer("my_bills", &[]).await;
    assert!(theirs.is_empty(), "{theirs:?}");
    let eve_page = eve.page("/payments").await.text().await.unwrap();
    assert!(eve_page.contains("No bills yet"), "{eve_page}");
    assert!(!eve_page.contains(&id), "{eve_page}");
    let (status, _) = app.refusal(&app.client(), "my_bills", &[]).await;
    assert_eq!(status, 401);
    let pros: Vec<Bill> = ada.answer("my_bills", &[]).await;
    assert!(pros.is_empty(), "the professional owes nothing: {pros:?}");

    // cancelled before the cut-off, with nothing paid: nothing to pay
    let res = cy.call("cancel_booking", &[("id", &id)]).await;
    assert_eq!(res.status(), 200);
    let bills: Vec<Bill> = cy.answer("my_bills", &[]).await;
    assert_eq!(bills[0].status, BillStatus::Waived);
    let page = cy.page("/payments").await.text().await.unwrap();
    assert!(page.contains("Nothing to pay"), "{page}");
}

#[tokio::test]
async fn only_its_professional_waives_a_bill_and_only_while_it_is_owed() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { ada, id, cy, .. } = ada_books_cy(&app, &smtp, start).await;
    let bo = professional(&app, "bo@example.com", "UTC").await;
    let seen: AppointmentView = cy.answer("appointment", &[("id", &id)]).await;
    let bill = seen.bill.expect("a priced booking has a bill");
    assert_eq!(bill.status, BillStatus::Open);
    let page = ada
        .page(&format!("/appointments/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Waive this bill"), "{page}");

    // another professional: the same answer as for no bill; the client may not
    let (status, _) = bo.refusal("waive_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(status, 404);
    let (status, _) = bo.refusal("waive_bill", &[("id", "nosuchbill")]).await;
    assert_eq!(status, 404);
    let (status, _) = cy.refusal("waive_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(status, 403);
    let still: Vec<Bill> = cy.answer("my_bills", &[]).await;
    assert_eq!(still[0].status, BillStatus::Open);

    let waived: Bill = ada.answer("waive_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(waived.status, BillStatus::Waived);
    let seen: AppointmentView = cy.answer("appointment", &[("id", &id)]).await;
    assert_eq!(seen.bill.map(|b| b.status), Some(BillStatus::Waived));
    let page = cy.page("/payments").await.text().await.unwrap();
    assert!(page.contains("Nothing to pay"), "{page}");

    // once let go, there is nothing left to waive
    let (status, error) = ada.refusal("waive_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!((status, error), (409, ApiError::Refused(Refusal::Closed)));
    let page = ada
        .page(&format!("/appointments/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Waive this bill"), "{page}");
}

#[tokio::test]
async fn a_professional_sees_each_clients_bills_totalled_by_month() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let ada = professional(&app, "ada@example.com", "UTC").await;
    let bo = professional(&app, "bo@example.com", "UTC").await;
    let therapy = service(&app, &ada, "50").await;
    let first = start_in(&app, Duration::days(3));
    let second = first + Duration::days(7);
    let a = booked_at(&app, &ada, &therapy, first, "cy@example.com").await;
    booked_at(&app, &ada, &therapy, second, "cy@example.com").await;
    booked_at(
        &app,
        &ada,
        &therapy,
        second + Duration::hours(2),
        "di@example.com",
    )
    .await;

    let billing: Vec<Bill> = ada.answer("my_billing", &[]).await;
    assert_eq!(billing.len(), 3);
    assert!(billing.iter().all(|b| b.status == BillStatus::Open));
    let cys: Vec<_> = billing
        .iter()
        .filter(|b| b.client_email.as_str() == "cy@example.com")
        .collect();
    assert_eq!(cys.len(), 2);
    assert_eq!(cys[0].client_name.as_str(), "Cy Client");

    // one waived: it counts nowhere, and the page says so in its totals
    let waived = billing.iter().find(|b| b.booking.as_str() == a).unwrap();
    let _: Bill = ada
        .answer("waive_bill", &[("id", waived.id.as_str())])
        .await;
    let page = ada.page("/payments").await.text().await.unwrap();
    assert!(page.contains("Billing"), "{page}");
    let month = first.format("%B %Y").to_string();
    assert!(page.contains(&month), "{month} in {page}");
    assert!(page.contains("Nothing to pay"), "{page}");
    // a row per client (told apart by address, since names repeat) with its totals
    for (email, billed) in [
        ("cy@example.com", "ISK 12,500"),
        ("di@example.com", "ISK 12,500"),
    ] {
        let row = page
            .split("<tr>")
            .find(|row| row.contains(email))
            .unwrap_or_else(|| panic!("no row for {email} in {page}"));
        assert!(row.contains(billed), "{email}: {row}");
    }
    assert!(page.contains("Individual therapy with Cy Client"), "{page}");

    // nobody else's; a client has no billing
    let theirs: Vec<Bill> = bo.answer("my_billing", &[]).await;
    assert!(theirs.is_empty(), "{theirs:?}");
    let eve = app.user("Eve Other", "eve@example.com").await;
    let (status, _) = eve.refusal("my_billing", &[]).await;
    assert_eq!(status, 403);
}
