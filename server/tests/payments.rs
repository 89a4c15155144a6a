//! Cards and paying bills, against a real local Stripe stand-in (localstripe) each server starts:
//! a card's details go from the "browser" to the stand-in only; a bill is charged once whatever
//! is repeated, raced, lost or crashed; declines leave it open; a cancellation in time refunds it.

mod support;

use app::domain::{ApiError, Bill, BillStatus, Card, PayOutcome, Refusal};
use chrono::Duration;
use support::practice::{AdaAndCy, ada_books_cy, start_in};
use support::smtp::SmtpServer;
use support::stripe::{
    DECLINED_ON_CHARGE, DECLINED_ON_SAVE, THREE_D_SECURE, VISA, add_card, app_with_stripe,
    authenticate_payment, charges, config_for_account, confirm_setup_at_stripe, customer_cards,
    listed, payment_intents, post_event, standin, stripe_signature,
};

/// The next charge goes through at Stripe, and neither its answer nor that of the lookup for it
/// reaches us: the bill stays "processing".
async fn lose_charge_and_lookup(stripe: &server::payments::standin::StandIn) {
    for _ in 0..2 {
        stripe
            .lose_next_answer("/v1/payment_intents")
            .await
            .unwrap();
    }
}

async fn bill_of(user: &support::user::User<'_>) -> Bill {
    let bills: Vec<Bill> = user.answer("my_bills", &[]).await;
    assert_eq!(bills.len(), 1, "{bills:?}");
    bills.into_iter().next().unwrap()
}

#[tokio::test]
async fn a_client_saves_a_card_and_pays_their_bill_once() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { ada, cy, .. } = ada_books_cy(&app, &smtp, start).await;
    let eve = app.user("Eve Other", "eve@example.com").await;

    let none: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert!(none.is_empty());
    let card = add_card(&cy, VISA).await.expect("saved");
    assert_eq!((card.brand.as_str(), card.last4.as_str()), ("visa", "4242"));
    assert_eq!((card.exp_month, card.exp_year), (12, 2034));
    assert!(card.is_default, "the first card is the default");
    let cards: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert_eq!(cards, vec![card.clone()]);

    // nobody else's cards or bills
    let theirs: Vec<Card> = eve.answer("my_cards", &[]).await;
    assert!(theirs.is_empty());
    let bill = bill_of(&cy).await;
    assert_eq!(bill.status, BillStatus::Open);
    let (status, _) = eve.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(status, 404);
    for endpoint in ["remove_card", "make_default_card"] {
        let (status, _) = eve.refusal(endpoint, &[("id", card.id.as_str())]).await;
        assert_eq!(status, 404, "{endpoint}");
    }
    let (status, _) = eve
        .refusal("settle_bill", &[("id", bill.id.as_str())])
        .await;
    assert_eq!(status, 404);
    // a SetupIntent of Cy's customer is not Eve's card, even with Eve's own customer
    let cys: app::domain::StripeHandoff = cy.answer("begin_card", &[]).await;
    let _: app::domain::StripeHandoff = eve.answer("begin_card", &[]).await;
    let (status, _) = confirm_setup_at_stripe(&cys, VISA).await;
    assert_eq!(status, 200);
    let seti = cys.client_secret.split("_secret_").next().unwrap();
    let (status, _) = eve.refusal("finish_card", &[("setup_intent", seti)]).await;
    assert_eq!(status, 404);
    let theirs: Vec<Card> = eve.answer("my_cards", &[]).await;
    assert!(theirs.is_empty());

    let paid: PayOutcome = cy.answer("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(paid, PayOutcome::Paid);
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
    // ISK 12,500 goes to Stripe as 1,250,000: ISK is two-decimal there
    assert_eq!(
        charges(&standin(&app).base_url).await,
        vec![(1_250_000, "isk".to_owned())]
    );

    // paid is paid: a second "Pay" charges nothing
    let (status, again) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!((status, again), (409, ApiError::Refused(Refusal::Closed)));
    assert_eq!(charges(&standin(&app).base_url).await.len(), 1);

    // the professional sees it paid
    let billed: Vec<Bill> = ada.answer("my_billing", &[]).await;
    assert_eq!(billed[0].status, BillStatus::Paid);

    // the receipt comes by mail, and its link opens it; for Cy and Ada only
    let mail = smtp.wait_for("cy@example.com", "Receipt").await;
    assert!(mail.subject.contains("ISK 12,500"), "{}", mail.subject);
    assert!(mail.text.contains(bill.id.as_str()), "{}", mail.text);
    let link = support::smtp::link_containing(&mail.text, "/payments/receipts/");
    let path = &link[link.find("/payments/receipts/").unwrap()..];
    let page = cy.page(path).await.text().await.unwrap();
    assert!(
        page.contains("Receipt number") && page.contains(bill.id.as_str()),
        "{page}"
    );
    let receipt: Bill = cy.answer("receipt", &[("id", bill.id.as_str())]).await;
    // paid by the server's clock, just now
    let paid_at = receipt.paid_at.expect("paid");
    assert!(paid_at <= app.now() && paid_at > app.now() - Duration::minutes(1));
    let _: Bill = ada.answer("receipt", &[("id", bill.id.as_str())]).await;
    let (status, _) = eve.refusal("receipt", &[("id", bill.id.as_str())]).await;
    assert_eq!(status, 404);
    assert_eq!(smtp.count("cy@example.com", "Receipt"), 1);
}

#[tokio::test]
async fn the_same_bill_paid_twice_at_once_is_charged_once() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;

    let form = [("id", bill.id.as_str())];
    let (a, b) = tokio::join!(cy.call("pay_bill", &form), cy.call("pay_bill", &form));
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses[0], 200, "one of them pays");
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
    assert_eq!(charges(&standin(&app).base_url).await.len(), 1);
}

#[tokio::test]
async fn a_declined_card_leaves_the_bill_open_and_a_card_declined_on_saving_is_not_kept() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;

    // declined as it is saved: Stripe.js gets the refusal, and we keep nothing
    let handoff: app::domain::StripeHandoff = cy.answer("begin_card", &[]).await;
    let (status, answer) = confirm_setup_at_stripe(&handoff, DECLINED_ON_SAVE).await;
    assert_eq!(status, 402, "{answer}");
    let seti = handoff.client_secret.split("_secret_").next().unwrap();
    let (status, _) = cy.refusal("finish_card", &[("setup_intent", seti)]).await;
    assert_eq!(status, 409);
    let none: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert!(none.is_empty(), "{none:?}");

    // saved, then declined when charged
    add_card(&cy, DECLINED_ON_CHARGE).await.expect("saved");
    let bill = bill_of(&cy).await;
    let (status, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(
        (status, refusal),
        (409, ApiError::Refused(Refusal::CardDeclined))
    );
    assert_eq!(bill_of(&cy).await.status, BillStatus::Open);
    assert!(charges(&standin(&app).base_url).await.is_empty());

    // another card pays it
    let visa = add_card(&cy, VISA).await.expect("saved");
    assert!(!visa.is_default, "the first card stays the default");
    let paid: PayOutcome = cy
        .answer(
            "pay_bill",
            &[("id", bill.id.as_str()), ("card", visa.id.as_str())],
        )
        .await;
    assert_eq!(paid, PayOutcome::Paid);
    assert_eq!(charges(&standin(&app).base_url).await.len(), 1);
}

#[tokio::test]
async fn a_lost_answer_from_stripe_is_settled_by_the_reconciler_with_one_charge() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;

    // Stripe charges the card, and its answer never reaches us, nor that of our asking after it
    lose_charge_and_lookup(standin(&app)).await;
    let (status, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(
        (status, refusal),
        (409, ApiError::Refused(Refusal::PaymentsUnavailable))
    );
    assert_eq!(bill_of(&cy).await.status, BillStatus::Processing);
    assert_eq!(charges(&standin(&app).base_url).await.len(), 1);
    // another click meanwhile starts nothing new
    let (_, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(refusal, ApiError::Refused(Refusal::PaymentUnderWay));

    // later, the reconciler finds the attempt's PaymentIntent at Stripe
    app.clock.advance(Duration::minutes(2));
    app.payments_have_looked().await;
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
    assert_eq!(charges(&standin(&app).base_url).await.len(), 1);
}

#[tokio::test]
async fn a_lost_answer_is_looked_up_at_once_and_the_bill_is_paid() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;

    standin(&app)
        .lose_next_answer("/v1/payment_intents")
        .await
        .unwrap();
    let paid: PayOutcome = cy.answer("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(paid, PayOutcome::Paid);
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
    assert_eq!(charges(&standin(&app).base_url).await.len(), 1);
}

#[tokio::test]
async fn when_stripe_fails_before_charging_the_bill_stays_to_pay() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;
    let stripe = standin(&app);

    // a 500 from Stripe, which made nothing of the request: Stripe is asked, and the bill is open
    stripe.fail_next("/v1/payment_intents").await.unwrap();
    let (status, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(
        (status, refusal),
        (409, ApiError::Refused(Refusal::PaymentsUnavailable))
    );
    assert_eq!(bill_of(&cy).await.status, BillStatus::Open);
    assert!(charges(&stripe.base_url).await.is_empty());

    // a 500, and the answer to our asking lost too: "processing" until the reconciler asks
    stripe.fail_next("/v1/payment_intents").await.unwrap();
    stripe
        .lose_next_answer("/v1/payment_intents")
        .await
        .unwrap();
    let (_, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(refusal, ApiError::Refused(Refusal::PaymentsUnavailable));
    assert_eq!(bill_of(&cy).await.status, BillStatus::Processing);
    app.clock.advance(Duration::minutes(2));
    app.payments_have_looked().await;
    assert_eq!(bill_of(&cy).await.status, BillStatus::Open);
    assert!(
        charges(&stripe.base_url).await.is_empty(),
        "nothing charged"
    );

    // and "Pay" works again, once
    let paid: PayOutcome = cy.answer("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(paid, PayOutcome::Paid);
    assert_eq!(charges(&stripe.base_url).await.len(), 1);
    app.payments_have_looked().await;
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
    assert_eq!(charges(&stripe.base_url).await.len(), 1);
}

#[tokio::test]
async fn a_payment_stripe_took_after_we_gave_up_on_it_pays_the_bill_or_is_given_back() {
    let smtp = SmtpServer::start();
    let stripe = owned_standin().await;
    let config = config_for_account(&smtp, &stripe.base_url, "whsec_late");
    let app = support::TestApp::spawn_with_clock(config, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;
    // attempt 1 failed at Stripe and was let go
    stripe.fail_next("/v1/payment_intents").await.unwrap();
    let _ = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(bill_of(&cy).await.status, BillStatus::Open);

    let customer = only_customer(&stripe.base_url).await;
    let late_payment = |event: &'static str| {
        let (app, stripe, bill, customer) = (&app, &stripe, &bill, &customer);
        async move {
            // Stripe says after all that attempt 1 went through
            let pi: serde_json::Value = reqwest::Client::new()
                .post(format!("{}/v1/payment_intents", stripe.base_url))
                .basic_auth("sk_test_owned", Some(""))
                .form(&[
                    ("amount", "1250000"),
                    ("currency", "isk"),
                    ("customer", customer.as_str()),
                    ("payment_method", card_pm(stripe, customer).await.as_str()),
                    ("confirm", "true"),
                    ("metadata[tandem_bill]", bill.id.as_str()),
                    ("metadata[tandem_attempt]", "1"),
                ])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(pi["status"], "succeeded", "{pi}");
            let body = serde_json::json!({
                "id": event, "object": "event", "type": "payment_intent.succeeded",
                "data": {"object": {"id": pi["id"], "object": "payment_intent"}},
            })
            .to_string();
            let now = chrono::Utc::now().timestamp();
            let signature = stripe_signature("whsec_late", now, &body);
            assert_eq!(post_event(app, &signature, &body).await, 200);
            pi["id"].as_str().unwrap().to_owned()
        }
    };

    // the bill was still to pay: this payment pays it, and the receipt goes
    late_payment("evt_late_1").await;
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
    smtp.wait_for("cy@example.com", "Receipt").await;
    assert!(listed(&stripe.base_url, "/v1/refunds").await.is_empty());

    // once more: the bill is paid already, so the second payment is given back
    let second = late_payment("evt_late_2").await;
    let refunds = listed(&stripe.base_url, "/v1/refunds").await;
    assert_eq!(refunds.len(), 1, "{refunds:?}");
    assert_eq!(refunds[0]["payment_intent"], second.as_str());
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
}

/// The one customer at the stand-in.
async fn only_customer(base_url: &str) -> String {
    let customers = listed(base_url, "/v1/customers?limit=100").await;
    assert_eq!(customers.len(), 1, "{customers:?}");
    customers[0]["id"].as_str().unwrap().to_owned()
}

/// The customer's card at Stripe.
async fn card_pm(stripe: &server::payments::standin::StandIn, customer: &str) -> String {
    let cards = listed(
        &stripe.base_url,
        &format!("/v1/payment_methods?type=card&customer={customer}"),
    )
    .await;
    cards[0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_client_whose_stripe_customer_was_deleted_adds_a_card_afresh() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let stripe = standin(&app);
    let customer = only_customer(&stripe.base_url).await;

    // deleted in Stripe's dashboard, with its cards
    let deleted = reqwest::Client::new()
        .delete(format!("{}/v1/customers/{customer}", stripe.base_url))
        .basic_auth("sk_test_tandem_local", Some(""))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 200);
    // paying with the card Stripe no longer has: nothing charged, the bill still to pay, and
    // the client is asked for a card
    let bill = bill_of(&cy).await;
    let (_, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(refusal, ApiError::Refused(Refusal::NoCard));
    assert_eq!(bill_of(&cy).await.status, BillStatus::Open);
    let cards: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert!(cards.is_empty(), "{cards:?}");

    let card = add_card(&cy, DECLINED_ON_CHARGE)
        .await
        .expect("saved afresh");
    let cards: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert_eq!(cards, vec![card], "the old card went with the old customer");
    assert_ne!(only_customer(&stripe.base_url).await, customer);
}

#[tokio::test]
async fn cancelling_a_paid_session_in_time_refunds_it_once() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, id, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;
    let _: PayOutcome = cy.answer("pay_bill", &[("id", bill.id.as_str())]).await;

    let res = cy.call("cancel_booking", &[("id", &id)]).await;
    assert_eq!(res.status(), 200);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while bill_of(&cy).await.status != BillStatus::Refunded {
        assert!(std::time::Instant::now() < deadline, "not refunded");
        app.payments_have_looked().await;
    }
    let refunds = listed(&standin(&app).base_url, "/v1/refunds").await;
    assert_eq!(refunds.len(), 1, "{refunds:?}");
    assert_eq!(refunds[0]["amount"], 1_250_000);
    // more passes refund nothing more, and the client is told once
    app.payments_have_looked().await;
    assert_eq!(bill_of(&cy).await.status, BillStatus::Refunded);
    let mail = smtp.wait_for("cy@example.com", "Refunded").await;
    assert!(mail.text.contains("refunded in full"), "{}", mail.text);
    app.workers_have_looked().await;
    assert_eq!(smtp.count("cy@example.com", "Refunded"), 1);
    let receipt: Bill = cy.answer("receipt", &[("id", bill.id.as_str())]).await;
    assert!(receipt.refunded_at.is_some());
}

/// A stand-in of the test's own (it outlives the servers), without webhooks: only what the test
/// sends reaches `/stripe/webhook`.
async fn owned_standin() -> server::payments::standin::StandIn {
    server::payments::standin::StandIn::start(0, None)
        .await
        .expect("the stand-in starts")
}

#[tokio::test]
async fn a_crash_between_stripes_answer_and_our_write_is_settled_after_the_restart_with_one_charge()
{
    let smtp = SmtpServer::start();
    let stripe = owned_standin().await;
    let clock = support::dated_clock();
    let dir = std::env::temp_dir().join(format!("tandem-test-{}", server::db::new_key()));
    let mut config = config_for_account(&smtp, &stripe.base_url, "whsec_crash");
    config.database.url = format!("surrealkv://{}", dir.join("db").display());

    let app = support::TestApp::spawn_with_clock(config.clone(), clock.clone()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;
    lose_charge_and_lookup(&stripe).await;
    let (_, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(refusal, ApiError::Refused(Refusal::PaymentsUnavailable));
    assert_eq!(charges(&stripe.base_url).await.len(), 1, "Stripe charged");
    let (email, password) = (cy.email().to_owned(), cy.password.clone());
    drop(cy);
    app.running.shutdown().await.unwrap();

    // back up later: the reconciler finds the attempt's PaymentIntent at Stripe
    clock.advance(Duration::minutes(5));
    let app = support::TestApp::restart(config, clock.clone()).await;
    app.running.payments.reconcile().await;
    let cy = app.logged_in(&email, &password).await;
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
    assert_eq!(charges(&stripe.base_url).await.len(), 1, "and only once");
    app.running.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn stripe_events_are_believed_only_when_signed_and_handled_once() {
    let smtp = SmtpServer::start();
    let stripe = owned_standin().await;
    let config = config_for_account(&smtp, &stripe.base_url, "whsec_events");
    let app = support::TestApp::spawn_with_clock(config, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;
    lose_charge_and_lookup(&stripe).await;
    let _ = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(bill_of(&cy).await.status, BillStatus::Processing);
    let intents = payment_intents(&stripe.base_url).await;
    assert_eq!(intents.len(), 1);
    let pi = intents[0]["id"].as_str().unwrap();

    let event = serde_json::json!({
        "id": "evt_paid_1", "object": "event", "type": "payment_intent.succeeded",
        "data": {"object": {"id": pi, "object": "payment_intent"}},
    })
    .to_string();
    let now = chrono::Utc::now().timestamp();
    let deliver = |signature: String| {
        let event = event.clone();
        let app = &app;
        async move { post_event(app, &signature, &event).await }
    };

    // forged, stale, or for another body: 400, and nothing changes
    for bad in [
        stripe_signature("whsec_other", now, &event),
        stripe_signature("whsec_events", now - 3600, &event),
        stripe_signature("whsec_events", now, "{}"),
        String::new(),
    ] {
        assert_eq!(deliver(bad).await, 400);
    }
    assert_eq!(bill_of(&cy).await.status, BillStatus::Processing);

    // signed: Stripe is asked about the PaymentIntent, and the bill is paid
    assert_eq!(
        deliver(stripe_signature("whsec_events", now, &event)).await,
        200
    );
    assert_eq!(bill_of(&cy).await.status, BillStatus::Paid);
    // delivered again, at once and later: acknowledged, noted once
    let (a, b) = tokio::join!(
        deliver(stripe_signature("whsec_events", now, &event)),
        deliver(stripe_signature("whsec_events", now, &event))
    );
    assert_eq!((a, b), (200, 200));
    let noted: Option<i64> = app
        .running
        .db
        .query("RETURN count(SELECT id FROM stripe_event)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(noted, Some(1));
    assert_eq!(charges(&stripe.base_url).await.len(), 1);

    // refunded in Stripe's dashboard: its event marks the bill refunded, and the client is told
    let refund = reqwest::Client::new()
        .post(format!("{}/v1/refunds", stripe.base_url))
        .basic_auth("sk_test_owned", Some(""))
        .form(&[("payment_intent", pi)])
        .send()
        .await
        .unwrap();
    assert_eq!(refund.status(), 200);
    let event = serde_json::json!({
        "id": "evt_refund_1", "object": "event", "type": "charge.refunded",
        "data": {"object": {"id": "ch_x", "object": "charge", "payment_intent": pi}},
    })
    .to_string();
    let signature = stripe_signature("whsec_events", now, &event);
    assert_eq!(post_event(&app, &signature, &event).await, 200);
    assert_eq!(bill_of(&cy).await.status, BillStatus::Refunded);
    smtp.wait_for("cy@example.com", "Refunded").await;

    // a card Stripe saved while the browser closed before telling us: its event keeps it
    let handoff: app::domain::StripeHandoff = cy.answer("begin_card", &[]).await;
    let (status, setup) = confirm_setup_at_stripe(&handoff, DECLINED_ON_CHARGE).await;
    assert_eq!(status, 200);
    let event = serde_json::json!({
        "id": "evt_setup_1", "object": "event", "type": "setup_intent.succeeded",
        "data": {"object": {"id": setup["id"], "object": "setup_intent"}},
    })
    .to_string();
    let signature = stripe_signature("whsec_events", now, &event);
    assert_eq!(post_event(&app, &signature, &event).await, 200);
    let cards: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert_eq!(cards.len(), 2, "{cards:?}");
    assert!(cards.iter().any(|c| c.last4 == "0341"));
}

#[tokio::test]
async fn when_the_bank_asks_the_client_confirms_in_the_browser_and_the_bill_is_settled() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, THREE_D_SECURE)
        .await
        .expect("saved after the bank's check");
    let bill = bill_of(&cy).await;

    // a plain form post (no JavaScript) can't show the bank's check: the page says what to do
    let res = app
        .post_form(&cy, "pay_bill", "/payments", &[("id", bill.id.as_str())])
        .await;
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, "/payments?saved=confirm-needs-js");
    let page = cy.page(&location).await.text().await.unwrap();
    assert!(page.contains("which needs JavaScript"), "{page}");
    assert_eq!(bill_of(&cy).await.status, BillStatus::Processing);
    // with it, the same payment's check is shown; failing it leaves the bill due
    let PayOutcome::NeedsConfirmation(handoff) = cy
        .answer("pay_bill", &[("id", bill.id.as_str()), ("js", "1")])
        .await
    else {
        panic!("the bank asks")
    };
    assert_eq!(authenticate_payment(&handoff, false).await, 200);
    let status: BillStatus = cy.answer("settle_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(status, BillStatus::Open);

    // the client fails the bank's check: the bill is due again, nothing charged
    let PayOutcome::NeedsConfirmation(handoff) =
        cy.answer("pay_bill", &[("id", bill.id.as_str())]).await
    else {
        panic!("the bank asks")
    };
    assert_eq!(bill_of(&cy).await.status, BillStatus::Processing);
    assert_eq!(authenticate_payment(&handoff, false).await, 200);
    let status: BillStatus = cy.answer("settle_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(status, BillStatus::Open);
    assert!(charges(&standin(&app).base_url).await.is_empty());

    // and then passes it
    let PayOutcome::NeedsConfirmation(handoff) =
        cy.answer("pay_bill", &[("id", bill.id.as_str())]).await
    else {
        panic!("the bank asks")
    };
    // a reload meanwhile gets the same question, not a second payment
    let again: PayOutcome = cy.answer("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(again, PayOutcome::NeedsConfirmation(handoff.clone()));
    assert_eq!(authenticate_payment(&handoff, true).await, 200);
    let status: BillStatus = cy.answer("settle_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(status, BillStatus::Paid);
    assert_eq!(charges(&standin(&app).base_url).await.len(), 1);
}

#[tokio::test]
async fn a_client_chooses_their_default_card_and_removes_cards() {
    let smtp = SmtpServer::start();
    let app = app_with_stripe(&smtp, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    let first = add_card(&cy, VISA).await.expect("saved");
    let second = add_card(&cy, DECLINED_ON_CHARGE).await.expect("saved");
    let defaults = |cards: &[Card]| -> Vec<String> {
        cards
            .iter()
            .filter(|c| c.is_default)
            .map(|c| c.last4.clone())
            .collect()
    };

    // the second becomes the default, listed first; "Pay" then uses it (and it is declined)
    let res = cy
        .call("make_default_card", &[("id", second.id.as_str())])
        .await;
    assert_eq!(res.status(), 200);
    let cards: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert_eq!(defaults(&cards), ["0341"]);
    assert_eq!(cards[0].id, second.id);
    let bill = bill_of(&cy).await;
    let (_, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(refusal, ApiError::Refused(Refusal::CardDeclined));

    // removing the default makes the other one the default, and detaches it at Stripe
    let res = cy.call("remove_card", &[("id", second.id.as_str())]).await;
    assert_eq!(res.status(), 200);
    let cards: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].id, first.id);
    assert!(cards[0].is_default);
    let at_stripe = listed(
        &standin(&app).base_url,
        &customer_cards(&app, "cy@example.com").await,
    )
    .await;
    let last4s: Vec<&str> = at_stripe
        .iter()
        .map(|pm| pm["card"]["last4"].as_str().unwrap())
        .collect();
    assert_eq!(last4s, ["4242"], "the removed card is detached at Stripe");
    let paid: PayOutcome = cy.answer("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(paid, PayOutcome::Paid);

    // the last card goes too: nothing to pay with
    let res = cy.call("remove_card", &[("id", first.id.as_str())]).await;
    assert_eq!(res.status(), 200);
    let cards: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert!(cards.is_empty());
}

#[tokio::test]
async fn when_stripe_cannot_be_reached_the_bill_stays_to_pay() {
    let smtp = SmtpServer::start();
    let stripe = owned_standin().await;
    let base_url = stripe.base_url.clone();
    let config = config_for_account(&smtp, &base_url, "whsec_down");
    let app = support::TestApp::spawn_with_clock(config, support::dated_clock()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    add_card(&cy, VISA).await.expect("saved");
    let bill = bill_of(&cy).await;

    // Stripe goes away
    drop(stripe);
    let authority = base_url.trim_start_matches("http://").to_owned();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while tokio::net::TcpStream::connect(&authority).await.is_ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "the stand-in is still up"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let (status, refusal) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(
        (status, refusal),
        (409, ApiError::Refused(Refusal::PaymentsUnavailable))
    );
    // nothing left Stripe's way: the bill is to pay, and "Pay" can be pressed again
    assert_eq!(bill_of(&cy).await.status, BillStatus::Open);
    let (_, again) = cy.refusal("pay_bill", &[("id", bill.id.as_str())]).await;
    assert_eq!(again, ApiError::Refused(Refusal::PaymentsUnavailable));
    assert_eq!(bill_of(&cy).await.status, BillStatus::Open);
}

#[tokio::test]
async fn a_card_expiring_this_month_is_flagged_and_then_expired() {
    let smtp = SmtpServer::start();
    let clock = support::dated_clock();
    let app = app_with_stripe(&smtp, clock.clone()).await;
    let start = start_in(&app, Duration::days(3));
    let AdaAndCy { cy, .. } = ada_books_cy(&app, &smtp, start).await;
    let today = app.now().date_naive();
    let handoff: app::domain::StripeHandoff = cy.answer("begin_card", &[]).await;
    let (status, setup) = support::stripe::confirm_setup_expiring(
        &handoff,
        VISA,
        chrono::Datelike::month(&today),
        chrono::Datelike::year(&today),
    )
    .await;
    assert_eq!(status, 200);
    let seti = setup["id"].as_str().unwrap();
    let card: Card = cy.answer("finish_card", &[("setup_intent", seti)]).await;
    assert_eq!(card.expiry, app::domain::CardExpiry::ThisMonth);

    // the server's clock moves past the month's end (Cy logs in again: sessions end)
    clock.advance(Duration::days(32));
    let cy = app.logged_in(cy.email(), &cy.password).await;
    let cards: Vec<Card> = cy.answer("my_cards", &[]).await;
    assert_eq!(cards[0].expiry, app::domain::CardExpiry::Expired);
    let page = cy.page("/payments").await.text().await.unwrap();
    assert!(page.contains("Expired"), "{page}");
}
