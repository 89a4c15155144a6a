//! Paying in tests: a server whose payments go to its own local Stripe stand-in, and a browser's
//! part of adding a card done as Stripe.js does it (the card's details go to the stand-in, never
//! to our server).

use super::user::User;
use super::{ShiftedClock, TestApp};
use app::domain::{ApiError, Card, StripeHandoff};
use server::config::{Config, StripeConfig};
use std::sync::Arc;

/// A server that sends mail to `smtp` and payments to a stand-in of its own.
pub async fn app_with_stripe(smtp: &super::smtp::SmtpServer, clock: Arc<ShiftedClock>) -> TestApp {
    TestApp::spawn_with_clock(config(smtp), clock).await
}

pub fn config(smtp: &super::smtp::SmtpServer) -> Config {
    let mut config = Config::for_tests();
    config.mail.smtp_url = Some(smtp.url().into());
    config.stripe = StripeConfig::Local {
        port: 0,
        state: None,
    };
    config
}

/// Test card numbers, as localstripe treats them.
pub const VISA: &str = "4242424242424242";
/// Saved fine; declined when charged.
pub const DECLINED_ON_CHARGE: &str = "4000000000000341";
/// Declined when saved.
pub const DECLINED_ON_SAVE: &str = "4000000000000002";
/// The bank asks the client to confirm (3-D Secure) when it is saved and when it is charged.
pub const THREE_D_SECURE: &str = "4000002500003155";

/// What Stripe.js does with a card element: confirms the SetupIntent at Stripe with the card's
/// details. Stripe's answer: its JSON, and whether it succeeded.
pub async fn confirm_setup_at_stripe(
    handoff: &StripeHandoff,
    number: &str,
) -> (u16, serde_json::Value) {
    confirm_setup_expiring(handoff, number, 12, 2034).await
}

/// As `confirm_setup_at_stripe`, for a card good to the end of `month`/`year`.
pub async fn confirm_setup_expiring(
    handoff: &StripeHandoff,
    number: &str,
    month: u32,
    year: i32,
) -> (u16, serde_json::Value) {
    let seti = handoff
        .client_secret
        .split("_secret_")
        .next()
        .expect("a SetupIntent's secret");
    let base = handoff.js_url.trim_end_matches("/js.stripe.com/v3/");
    let res = reqwest::Client::new()
        .post(format!("{base}/v1/setup_intents/{seti}/confirm"))
        .body(
            serde_json::json!({
                "key": handoff.publishable_key,
                "use_stripe_sdk": true,
                "client_secret": handoff.client_secret,
                "payment_method_data": {
                    "type": "card",
                    "card": {"number": number, "exp_month": month.to_string(), "exp_year": year.to_string(), "cvc": "123"},
                },
            })
            .to_string(),
        )
        .send()
        .await
        .expect("the stand-in answers");
    let status = res.status().as_u16();
    let answer: serde_json::Value = res.json().await.expect("JSON");
    if answer["status"] != "requires_action" {
        return (status, answer);
    }
    // the bank asks: Stripe.js shows its dialogue, the client completes it, Stripe.js confirms
    let res = reqwest::Client::new()
        .post(format!("{base}/v1/setup_intents/{seti}/confirm"))
        .body(
            serde_json::json!({
                "key": handoff.publishable_key,
                "use_stripe_sdk": true,
                "client_secret": handoff.client_secret,
            })
            .to_string(),
        )
        .send()
        .await
        .expect("the stand-in answers");
    (res.status().as_u16(), res.json().await.expect("JSON"))
}

/// What Stripe.js does on `confirmCardPayment` when the bank asks the client: the client completes
/// (or fails) the bank's check.
pub async fn authenticate_payment(handoff: &StripeHandoff, success: bool) -> u16 {
    let pi = handoff
        .client_secret
        .split("_secret_")
        .next()
        .expect("a PaymentIntent's secret");
    let base = handoff.js_url.trim_end_matches("/js.stripe.com/v3/");
    reqwest::Client::new()
        .post(format!("{base}/v1/payment_intents/{pi}/_authenticate?success={success}"))
        .body(
            serde_json::json!({"key": handoff.publishable_key, "client_secret": handoff.client_secret})
                .to_string(),
        )
        .send()
        .await
        .expect("the stand-in answers")
        .status()
        .as_u16()
}

/// A server paying through a Stripe (here a stand-in the test owns, which outlives the server),
/// whose webhook secret the test knows.
pub fn config_for_account(
    smtp: &super::smtp::SmtpServer,
    base_url: &str,
    webhook_secret: &str,
) -> Config {
    let mut config = config(smtp);
    config.stripe = StripeConfig::Stripe(server::config::StripeAccount {
        secret_key: "sk_test_owned".to_owned().into(),
        publishable_key: "pk_test_owned".into(),
        api_base: format!("{base_url}/"),
        js_url: format!("{base_url}/js.stripe.com/v3/"),
        webhook_secret: webhook_secret.to_owned().into(),
    });
    // the reconciler only when the test asks for it
    config.payments_poll_ms = 3_600_000;
    config
}

/// What a list at the stand-in holds: `path` is e.g. `/v1/refunds` or
/// `/v1/payment_methods?type=card&customer=…`.
pub async fn listed(base_url: &str, path: &str) -> Vec<serde_json::Value> {
    let list: serde_json::Value = reqwest::Client::new()
        .get(format!("{base_url}{path}"))
        .basic_auth("sk_test_tandem_local", Some(""))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list["data"].as_array().expect("a list").clone()
}

/// Where the stand-in lists the cards attached to the Stripe customer of `email`'s account
/// (which must have one by now), for `listed`.
pub async fn customer_cards(app: &TestApp, email: &str) -> String {
    let customer: Option<String> = app
        .running
        .db
        .query("RETURN (SELECT VALUE stripe_customer FROM user WHERE email = $email)[0]")
        .bind(("email", email.to_owned()))
        .await
        .unwrap()
        .take(0)
        .unwrap();
    format!(
        "/v1/payment_methods?type=card&customer={}",
        customer.expect("a Stripe customer")
    )
}

/// The stand-in's PaymentIntents.
pub async fn payment_intents(base_url: &str) -> Vec<serde_json::Value> {
    listed(base_url, "/v1/payment_intents?limit=100").await
}

/// Posts `event` to the app's webhook with `signature` (`Stripe-Signature`), as Stripe does;
/// the answer's status.
pub async fn post_event(app: &TestApp, signature: &str, event: &str) -> u16 {
    reqwest::Client::new()
        .post(app.url("/stripe/webhook"))
        .header("stripe-signature", signature)
        .header("content-type", "application/json")
        .body(event.to_owned())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Signs `body` as Stripe does, at unix time `t`.
pub fn stripe_signature(secret: &str, t: i64, body: &str) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// Adds a card the way the Payments page does: begin, Stripe.js, finish.
pub async fn add_card(user: &User<'_>, number: &str) -> Result<Card, (u16, ApiError)> {
    let handoff: StripeHandoff = user.answer("begin_card", &[]).await;
    let (status, _) = confirm_setup_at_stripe(&handoff, number).await;
    assert_eq!(status, 200, "Stripe took the card");
    let seti = handoff
        .client_secret
        .split("_secret_")
        .next()
        .unwrap()
        .to_owned();
    let res = user.call("finish_card", &[("setup_intent", &seti)]).await;
    if res.status() == 200 {
        Ok(res.json().await.unwrap())
    } else {
        Err((res.status().as_u16(), res.json().await.unwrap()))
    }
}

/// Every charge the stand-in made that succeeded, as (amount, currency).
pub async fn charges(base_url: &str) -> Vec<(i64, String)> {
    listed(base_url, "/v1/charges?limit=100")
        .await
        .iter()
        .filter(|c| c["status"] == "succeeded")
        .map(|c| {
            (
                c["amount"].as_i64().unwrap(),
                c["currency"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The stand-in the app started.
pub fn standin(app: &TestApp) -> &server::payments::standin::StandIn {
    app.running
        .stripe_standin
        .as_deref()
        .expect("the app pays through its own stand-in")
}

impl TestApp {
    /// Waits until the payments reconciler has made two full passes from now.
    pub async fn payments_have_looked(&self) {
        use std::sync::atomic::Ordering;
        let counter = &self.running.passes.payments;
        let from = counter.load(Ordering::SeqCst);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while counter.load(Ordering::SeqCst) < from + 2 {
            assert!(
                std::time::Instant::now() < deadline,
                "the payments reconciler stopped making passes"
            );
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }
}
